/*
 * common.c -- helpers shared by the subcommands: scenario lookup, period
 * and model choice, output files, engine parameters, error printing.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"

#ifndef ENT_DATADIR
#define ENT_DATADIR "/usr/local/share/entente"
#endif

int cli_report_error(const ent_error *err)
{
    fprintf(stderr, "entente: %s\n", err->msg[0] ? err->msg : "unknown error");
    return err->code ? err->code : ENT_EXIT_RUNTIME;
}

int cli_usage_error(const char *cmd, const char *fmt, ...)
{
    va_list ap;

    fprintf(stderr, "entente %s: ", cmd);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\n(see 'entente %s --help')\n", cmd);
    return ENT_EXIT_INPUT;
}

static int is_dir(const char *path)
{
    struct stat st;

    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

const char *cli_bundled_dir(void)
{
    static char beside_exe[4096];
    const char *env = getenv("ENTENTE_SCENARIOS");
    char exe[4000];
    ssize_t len;

    if (env && *env)
        return env;
    if (is_dir("scenarios"))
        return "scenarios";
    if (is_dir(ENT_DATADIR "/scenarios"))
        return ENT_DATADIR "/scenarios";
    len = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (len > 0) {
        char *slash;

        exe[len] = '\0';
        /* bin/../share/entente/scenarios (an installed tree moved
           elsewhere), or a build tree's scenarios/ a few levels up */
        for (int up = 0; up < 3 && (slash = strrchr(exe, '/')); up++) {
            *slash = '\0';
            snprintf(beside_exe, sizeof beside_exe,
                     "%s/share/entente/scenarios", exe);
            if (is_dir(beside_exe))
                return beside_exe;
            snprintf(beside_exe, sizeof beside_exe, "%s/scenarios", exe);
            if (is_dir(beside_exe))
                return beside_exe;
        }
    }
    return NULL;
}

int cli_open_scenario(const char *source, ent_scenario **sc)
{
    ent_error err;

    ent_error_clear(&err);
    if (ent_scenario_open(source, cli_bundled_dir(), sc, &err) != 0)
        return cli_report_error(&err);
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

static int add_model(const char *name, const ent_engine **engines, int count,
                     int max)
{
    const ent_engine *e = ent_engine_find(name);

    if (!e) {
        fprintf(stderr, "entente: unknown model '%s'; models:", name);
        for (const ent_engine *const *all = ent_engines(); *all; all++)
            fprintf(stderr, " %s", (*all)->name);
        fputc('\n', stderr);
        return -1;
    }
    for (int i = 0; i < count; i++)
        if (engines[i] == e)
            return count;
    if (count == max)
        return count;
    engines[count] = e;
    return count + 1;
}

int cli_pick_models(const ent_scenario *sc, const char *list,
                    const ent_engine **engines, int max)
{
    ent_strlist names = {0};
    int count = 0;

    if (list)
        ent_strlist_split(&names, list, ',');
    else if (sc->models.count)
        for (int i = 0; i < sc->models.count; i++)
            ent_strlist_push(&names, sc->models.items[i]);
    else
        ent_strlist_split(&names, "mean,median,eu", ',');
    if (names.count == 0) {
        fprintf(stderr, "entente: --model needs at least one model name\n");
        ent_strlist_free(&names);
        return -1;
    }
    for (int i = 0; i < names.count && count >= 0; i++)
        count = add_model(names.items[i], engines, count, max);
    ent_strlist_free(&names);
    return count;
}

int cli_parse_format(const char *cmd, const char *text, cli_format *out)
{
    if (strcmp(text, "table") == 0)
        *out = CLI_TABLE;
    else if (strcmp(text, "csv") == 0)
        *out = CLI_CSV;
    else if (strcmp(text, "json") == 0)
        *out = CLI_JSON;
    else {
        cli_usage_error(cmd, "--format: expected table, csv or json, got '%s'",
                        text);
        return -1;
    }
    return 0;
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

int cli_params_add(cli_params *p, const char *cmd, const char *engine,
                   char *text)
{
    char *eq = strchr(text, '=');

    if (!engine) {
        char *dot = strchr(text, '.');

        if (!dot || !eq || dot > eq || dot == text)
            return cli_usage_error(cmd, "expected ENGINE.NAME=VALUE, got '%s'",
                                   text);
        *dot = '\0';
        engine = text;
        text = dot + 1;
    }
    if (!eq || eq == text || !eq[1])
        return cli_usage_error(cmd, "expected NAME=VALUE, got '%s'", text);
    if (p->count == (int)(sizeof p->items / sizeof p->items[0]))
        return cli_usage_error(cmd, "too many parameters");
    *eq = '\0';
    p->engine[p->count] = engine;
    p->items[p->count].name = text;
    p->items[p->count].value = eq + 1;
    p->count++;
    return 0;
}

void cli_params_for(const cli_params *cmdline, const ent_scenario *sc,
                    const ent_engine *engine, int rounds,
                    ent_model_options *opts, ent_option *buf, int cap)
{
    int n = 0;

    for (int i = 0; i < sc->n_params && n < cap; i++) {
        const ent_param *sp = &sc->params[i];

        if (sp->engine && strcasecmp(sp->engine, engine->name) == 0) {
            buf[n].name = sp->name;
            buf[n].value = sp->value;
            n++;
        }
    }
    for (int i = 0; cmdline && i < cmdline->count && n < cap; i++)
        if (strcasecmp(cmdline->engine[i], engine->name) == 0)
            buf[n++] = cmdline->items[i];
    opts->rounds = rounds > 0 ? rounds : sc->rounds;
    opts->params = buf;
    opts->n_params = n;
}

int cli_stderr_is_tty(void) { return isatty(STDERR_FILENO); }
int cli_stdout_is_tty(void) { return isatty(STDOUT_FILENO); }
