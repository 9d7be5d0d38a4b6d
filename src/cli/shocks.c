/*
 * shocks.c -- `entente shocks`: the events whose shock a what-if can apply
 * (--shock EVENT), with their date and effect.
 */
#include <stdio.h>

#include "cli/listing.h"

static const char usage[] =
    "usage: entente shocks SCENARIO [--format table|csv] [-o FILE]\n\n"
    "Lists the events of SCENARIO that code a shock (events.csv, column\n"
    "shock): the event id to give to --shock, its date and title, the\n"
    "effect (which actor's position, salience or capability on which issue\n"
    "takes which value) and the sources.  run, report, ensemble and backtest\n"
    "apply one with --shock EVENT.\n";

static const char *effect_text(const ent_scenario *sc, const ent_event *e,
                               char *buf, size_t size)
{
    static const char *const fields[] = {"position", "salience", "capability"};
    size_t used = 0;

    buf[0] = '\0';
    for (int i = 0; i < e->n_shocks && used < size; i++) {
        const ent_shock *s = &e->shocks[i];

        used += (size_t)snprintf(
            buf + used, size - used, "%s%s %s on %s = %g", i ? "; " : "",
            sc->actors[s->actor].id, fields[s->field], sc->issues[s->issue].id,
            s->field == ENT_FIELD_SALIENCE ? s->value * 100 : s->value);
    }
    return buf;
}

int cmd_shocks(int argc, char **argv)
{
    list_args a;
    ent_scenario *sc;
    ent_table *t;
    int rc = list_parse(argc, argv, "shocks", 0, usage, &a), shown = 0;

    if (rc != ENT_EXIT_OK || a.help)
        return rc;
    if ((rc = cli_open_scenario(a.source, &sc)) != 0)
        return rc;
    t = ent_table_new(5);
    ent_table_column(t, 0, "event", 'l');
    ent_table_column(t, 1, "date", 'l');
    ent_table_column(t, 2, "title", 'l');
    ent_table_column(t, 3, "effect", 'l');
    ent_table_column(t, 4, "sources", 'l');
    if (a.format == CLI_TABLE)
        ent_table_max_width(t, 2, 50);
    for (int i = 0; i < sc->n_events; i++) {
        const ent_event *e = &sc->events[i];
        char effect[1024], sources[256];
        const char *cells[5] = {
            e->id, e->date, e->title, effect_text(sc, e, effect, sizeof effect),
            list_join(&e->sources, ", ", sources, sizeof sources)};

        if (e->n_shocks == 0)
            continue;
        ent_table_row(t, cells, 5);
        shown++;
    }
    if (shown == 0 && a.format == CLI_TABLE) {
        ent_table_free(t);
        printf("%s codes no shocks (events.csv, column shock).\n", sc->name);
        ent_scenario_free(sc);
        return 0;
    }
    rc = list_emit(&a, t, NULL);
    ent_scenario_free(sc);
    return rc;
}
