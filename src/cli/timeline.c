/*
 * timeline.c -- `entente timeline`: the scenario's dated events.
 */
#include <stdio.h>

#include "cli/listing.h"

static const char usage[] =
    "usage: entente timeline SCENARIO [--actor ID] [--from YEAR] [--to YEAR]\n"
    "                        [--format table|csv] [-o FILE]\n\n"
    "Lists the dated events in order: date, id, title, the actors involved,\n"
    "the sources, whether the event codes a shock a what-if can apply\n"
    "(--shock ID; see entente shocks) and the description.  --actor keeps events involving that actor id; --from/--to keep\n"
    "events dated within the years given (inclusive).\n";

int cmd_timeline(int argc, char **argv)
{
    list_args a;
    ent_scenario *sc;
    ent_table *t;
    int rc =
        list_parse(argc, argv, "timeline", LIST_ACTOR | LIST_RANGE, usage, &a);

    if (rc != ENT_EXIT_OK || a.help)
        return rc;
    if ((rc = cli_open_scenario(a.source, &sc)) != 0)
        return rc;
    if (a.actor && ent_scenario_actor(sc, a.actor) < 0) {
        fprintf(
            stderr,
            "entente timeline: %s has no actor '%s' (see 'entente show %s')\n",
            sc->name, a.actor, a.source);
        ent_scenario_free(sc);
        return ENT_EXIT_INPUT;
    }
    t = ent_table_new(7);
    ent_table_column(t, 0, "date", 'l');
    ent_table_column(t, 1, "id", 'l');
    ent_table_column(t, 2, "event", 'l');
    ent_table_column(t, 3, "actors", 'l');
    ent_table_column(t, 4, "sources", 'l');
    ent_table_column(t, 5, "shock", 'l');
    ent_table_column(t, 6, "description", 'l');
    if (a.format == CLI_TABLE) {
        ent_table_max_width(t, 3, 36);
        ent_table_max_width(t, 6, 70);
    }
    for (int i = 0; i < sc->n_events; i++) {
        const ent_event *e = &sc->events[i];
        char actors[512], sources[256];
        const char *cells[7] = {
            e->date,
            e->id,
            e->title,
            list_join(&e->actors, ", ", actors, sizeof actors),
            list_join(&e->sources, ", ", sources, sizeof sources),
            e->shock ? "yes" : "",
            e->description};

        if (e->year < a.from || e->year > a.to ||
            (a.actor && !ent_strlist_contains(&e->actors, a.actor)))
            continue;
        ent_table_row(t, cells, 7);
    }
    rc = list_emit(&a, t, NULL);
    ent_scenario_free(sc);
    return rc;
}
