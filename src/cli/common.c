/*
 * common.c -- helpers shared by the subcommands: scenario lookup, period
 * and model choice, output files, engine parameters, error printing.
 */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"
#include "util/text.h"

int cli_report_error(const ent_error *err)
{
    fputs("entente: ", stderr);
    cli_put_text(stderr, err->msg[0] ? err->msg : "unknown error");
    fputc('\n', stderr);
    return err->code ? err->code : ENT_EXIT_RUNTIME;
}

void cli_put_text(FILE *out, const char *s)
{
    char *safe = ent_term_text(s);

    fputs(safe ? safe : "(out of memory)", out);
    free(safe);
}

void cli_put_lines(FILE *out, char *text)
{
    for (char *line = text; *line;) {
        size_t len = strcspn(line, "\n");
        char keep = line[len];

        line[len] = '\0';
        cli_put_text(out, line);
        fputc('\n', out);
        if (!keep)
            break;
        line += len + 1;
    }
}

ent_exit cli_usage_error(const char *cmd, const char *fmt, ...)
{
    va_list ap;

    fprintf(stderr, "entente %s: ", cmd);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\n(see 'entente %s --help')\n", cmd);
    return ENT_EXIT_INPUT;
}

/* A size limit from the environment (ENTENTE_MAX_ACTORS, ...): 0 if unset,
   -1 (after a message) if not a positive integer. */
static int env_limit(const char *name)
{
    const char *text = getenv(name);
    char *end;
    long v;

    if (!text || !*text)
        return 0;
    errno = 0;
    v = strtol(text, &end, 10);
    if (errno || *end || v < 1 || v > INT_MAX) {
        fprintf(stderr, "entente: %s: expected a positive integer, got '%s'\n",
                name, text);
        return -1;
    }
    return (int)v;
}

int cli_open_scenario(const char *source, ent_scenario **sc)
{
    ent_limits limits = {env_limit("ENTENTE_MAX_ACTORS"),
                         env_limit("ENTENTE_MAX_ISSUES")};
    struct stat st;
    char *found = NULL;
    ent_error err;
    int rc;

    ent_error_clear(&err);
    *sc = NULL;
    if (limits.max_actors < 0 || limits.max_issues < 0)
        return ENT_EXIT_INPUT;
    /* a path names itself; a bare name is looked up in the search path,
       with a note when a file or directory here has the same name */
    if (!strchr(source, '/'))
        found = cli_find_scenario(source);
    if (found && stat(source, &st) == 0) {
        fprintf(stderr,
                "entente: note: using ./%s, which hides the scenario %s "
                "(give that path to use it)\n",
                source, found);
        free(found);
        found = NULL;
    }
    rc = ent_scenario_open_limited(found ? found : source, NULL, &limits, sc,
                                   &err);
    if (rc != 0) {
        if (!found && !strchr(source, '/') && stat(source, &st) != 0)
            snprintf(err.msg, sizeof err.msg,
                     "no scenario, directory or file named '%s' (see "
                     "'entente scenarios' for the scenario search path)",
                     source);
        free(found);
        return cli_report_error(&err);
    }
    free(found);
    return 0;
}

int cli_pick_period(const ent_scenario *sc, const char *id)
{
    int p;

    if (!id)
        return sc->default_period;
    p = ent_scenario_period(sc, id);
    if (p < 0) {
        fprintf(stderr, "entente: %s has no period '%s'; periods:", sc->name,
                id);
        for (int i = 0; i < sc->periods.count; i++)
            fprintf(stderr, " %s", sc->periods.items[i]);
        fputc('\n', stderr);
    }
    return p;
}

ent_exit cli_parse_format(const char *cmd, const char *text, cli_format *out)
{
    if (strcmp(text, "table") == 0)
        *out = CLI_TABLE;
    else if (strcmp(text, "csv") == 0)
        *out = CLI_CSV;
    else if (strcmp(text, "json") == 0)
        *out = CLI_JSON;
    else if (strcmp(text, "exchanges") == 0 &&
             (strcmp(cmd, "run") == 0 || strcmp(cmd, "runs") == 0))
        *out = CLI_EXCHANGES;
    else
        return cli_usage_error(
            cmd, "--format: expected table, csv or json, got '%s'", text);
    return ENT_EXIT_OK;
}

int cli_output_open(cli_output *o, const char *path)
{
    ent_error err;

    ent_error_clear(&err);
    o->file = NULL;
    o->f = stdout;
    if (!path || strcmp(path, "-") == 0)
        return 0;
    o->file = ent_atomic_open(path, &err);
    if (!o->file)
        return cli_report_error(&err);
    o->f = ent_atomic_stream(o->file);
    return 0;
}

int cli_output_close(cli_output *o, int ok)
{
    ent_error err;

    ent_error_clear(&err);
    if (!o->file) {
        if (fflush(stdout) != 0)
            return ENT_EXIT_RUNTIME;
        return 0;
    }
    if (!ok) {
        ent_atomic_abort(o->file);
        o->file = NULL;
        return 0;
    }
    if (ent_atomic_commit(o->file, &err) != 0) {
        o->file = NULL;
        return cli_report_error(&err);
    }
    o->file = NULL;
    return 0;
}

int cli_stderr_is_tty(void)
{
    return isatty(STDERR_FILENO);
}
int cli_stdout_is_tty(void)
{
    return isatty(STDOUT_FILENO);
}

int cli_plain_terminal(void)
{
    const char *no_color = getenv("NO_COLOR"), *term = getenv("TERM");

    return (no_color && *no_color) || (term && strcmp(term, "dumb") == 0);
}

int cli_color(FILE *out)
{
    return out == stdout && cli_stdout_is_tty() && !cli_plain_terminal();
}
