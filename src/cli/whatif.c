/*
 * whatif.c -- the what-if options shared by run, report, ensemble and
 * backtest: --shock EVENT, --set ACTOR:ISSUE:FIELD=VALUE, --drop ACTOR and
 * --whatif FILE, turned into an ent_whatif in command-line order, and the
 * text that lists them.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/cli.h"

#define SET_SYNTAX "expected ACTOR:ISSUE:FIELD=VALUE"

/* Splits "ACTOR:ISSUE:FIELD=VALUE" and adds it. */
static int add_set(ent_whatif *w, const ent_scenario *sc, const char *text,
                   ent_error *err)
{
    char buf[512], *c1, *c2, *eq, *end;
    double v;

    if (strlen(text) >= sizeof buf)
        return ent_fail(err, ENT_EXIT_INPUT, "--set: " SET_SYNTAX ", got '%s'",
                        text);
    snprintf(buf, sizeof buf, "%s", text);
    c1 = strchr(buf, ':');
    c2 = c1 ? strchr(c1 + 1, ':') : NULL;
    eq = c2 ? strchr(c2 + 1, '=') : NULL;
    if (!eq || c1 == buf || c2 == c1 + 1 || eq == c2 + 1 || !eq[1])
        return ent_fail(err, ENT_EXIT_INPUT,
                        "--set: " SET_SYNTAX
                        " (FIELD: position, salience or capability), got '%s'",
                        text);
    *c1 = *c2 = *eq = '\0';
    errno = 0;
    v = strtod(eq + 1, &end);
    if (end == eq + 1 || *end || errno)
        return ent_fail(err, ENT_EXIT_INPUT,
                        "--set %s: expected a number after '=', got '%s'", text,
                        eq + 1);
    return ent_whatif_add_set(w, sc, buf, c1 + 1, c2 + 1, v, "--set", err);
}

/* FILE as given, or a what-if of the scenario by name:
   SCENARIO/whatifs/NAME or SCENARIO/whatifs/NAME.csv.  Owned. */
static char *whatif_path(const ent_scenario *sc, const char *name)
{
    struct stat st;
    size_t size = strlen(sc->path) + strlen(name) + 32;
    char *path = ent_xmalloc(size);

    if (stat(name, &st) != 0 && !strchr(name, '/') && *name) {
        snprintf(path, size, "%s/whatifs/%s", sc->path, name);
        if (stat(path, &st) == 0)
            return path;
        snprintf(path, size, "%s/whatifs/%s.csv", sc->path, name);
        if (stat(path, &st) == 0)
            return path;
    }
    snprintf(path, size, "%s", name);
    return path;
}

int cli_whatif_build(const ent_scenario *sc, const cli_model_args *m,
                     ent_whatif *w)
{
    ent_error err;

    ent_error_clear(&err);
    memset(w, 0, sizeof *w);
    for (int i = 0; i < m->n_changes; i++) {
        const char *text = m->changes[i].text;
        int rc;

        switch (m->changes[i].kind) {
        case 'H':
            rc = ent_whatif_add_shock(w, sc, text, "--shock", &err);
            break;
        case 'Z': rc = add_set(w, sc, text, &err); break;
        case 'D':
            rc = ent_whatif_add_drop(w, sc, text, NULL, "--drop", &err);
            break;
        default: {
            char *path = whatif_path(sc, text);

            rc = ent_whatif_load(w, sc, path, &err);
            free(path);
            break;
        }
        }
        if (rc != 0)
            return cli_report_error(&err);
    }
    return 0;
}

int cli_whatif_apply(const ent_scenario *sc, const ent_whatif *w,
                     ent_problem *p)
{
    ent_error err;

    ent_error_clear(&err);
    if (ent_whatif_apply(w, sc, p, 1, NULL, &err) != 0)
        return cli_report_error(&err);
    return 0;
}

const char *cli_period_label(const ent_scenario *sc, int period,
                             const ent_whatif *w, char *buf, size_t size)
{
    size_t used = (size_t)snprintf(buf, size, "%s", sc->periods.items[period]);

    for (int i = 0; w && i < w->count && used < size; i++)
        used += (size_t)snprintf(buf + used, size - used, "%s%s",
                                 i ? "; " : " + ", w->items[i].label);
    return buf;
}

void cli_whatif_print(FILE *out, const ent_whatif *w)
{
    for (int i = 0; w && i < w->count; i++) {
        const ent_change *c = &w->items[i];

        fputs("what-if: ", out);
        cli_put_text(out, c->label);
        fputs(" (", out);
        cli_put_text(out, c->origin);
        fputc(')', out);
        if (*c->rationale) {
            fputs(": ", out);
            cli_put_text(out, c->rationale);
        }
        for (int s = 0; s < c->sources.count; s++) {
            fputs(s ? ", " : " [", out);
            cli_put_text(out, c->sources.items[s]);
        }
        fputs(c->sources.count ? "]\n" : "\n", out);
    }
}
