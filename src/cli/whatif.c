/*
 * whatif.c -- the what-if options shared by run, report, ensemble and
 * backtest: --shock EVENT, --set ACTOR:ISSUE:FIELD=VALUE, --drop ACTOR and
 * --whatif FILE, turned into an ent_whatif in command-line order, and the
 * text that lists them.
 */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"

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
        case 'Z': rc = ent_whatif_add_text(w, sc, text, "--set", &err); break;
        case 'D':
            rc = ent_whatif_add_drop(w, sc, text, NULL, "--drop", &err);
            break;
        default: rc = ent_whatif_load_named(w, sc, text, &err); break;
        }
        if (rc != 0)
            return cli_report_error(&err);
    }
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
