/*
 * institutions.c -- `entente institutions`: treaties, alliances, doctrines,
 * programmes and facilities of a scenario.
 */
#include <stdio.h>

#include "cli/listing.h"

static const char usage[] =
    "usage: entente institutions SCENARIO [--grep TEXT] [--format table|csv]\n"
    "                            [-o FILE]\n\n"
    "Lists the institutions (institutions.csv): name, kind, year, member\n"
    "actors and sources.  --grep filters on name, kind and description.\n";

int cmd_institutions(int argc, char **argv)
{
    list_args a;
    ent_scenario *sc;
    ent_table *t;
    int rc = list_parse(argc, argv, "institutions", LIST_GREP, usage, &a);

    if (rc != ENT_EXIT_OK || a.help)
        return rc;
    if ((rc = cli_open_scenario(a.source, &sc)) != 0)
        return rc;
    t = ent_table_new(6);
    ent_table_column(t, 0, "name", 'l');
    ent_table_column(t, 1, "kind", 'l');
    ent_table_column(t, 2, "year", 'l');
    ent_table_column(t, 3, "members", 'l');
    ent_table_column(t, 4, "sources", 'l');
    ent_table_column(t, 5, "description", 'l');
    if (a.format == CLI_TABLE) {
        ent_table_max_width(t, 0, 40);
        ent_table_max_width(t, 3, 32);
        ent_table_max_width(t, 5, 60);
    }
    for (int i = 0; i < sc->n_institutions; i++) {
        const ent_institution *in = &sc->institutions[i];
        char members[512], sources[256];
        const char *cells[6] = {
            in->name,
            in->kind,
            in->year,
            list_join(&in->members, ", ", members, sizeof members),
            list_join(&in->sources, ", ", sources, sizeof sources),
            in->description};

        if (list_match(in->name, a.grep) || list_match(in->kind, a.grep) ||
            list_match(in->description, a.grep))
            ent_table_row(t, cells, 6);
    }
    rc = list_emit(&a, t, NULL);
    ent_scenario_free(sc);
    return rc;
}
