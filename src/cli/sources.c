/*
 * sources.c -- `entente sources`: every source with its exact quote.
 */
#include <stdio.h>

#include "cli/listing.h"

static const char usage[] =
    "usage: entente sources SCENARIO [--grep TEXT] [--format table|csv] [-o FILE]\n\n"
    "Lists the scenario's sources: id, document, locator and the exact quote\n"
    "every number cites.  --grep keeps sources whose id, document, locator or\n"
    "quote contains TEXT (case-insensitive).\n";

int cmd_sources(int argc, char **argv)
{
    list_args a;
    ent_scenario *sc;
    ent_table *t;
    int rc = list_parse(argc, argv, "sources", LIST_GREP, usage, &a);

    if (rc >= 0)
        return rc;
    if ((rc = cli_open_scenario(a.source, &sc)) != 0)
        return rc;
    t = ent_table_new(4);
    ent_table_column(t, 0, "id", 'l');
    ent_table_column(t, 1, "document", 'l');
    ent_table_column(t, 2, "locator", 'l');
    ent_table_column(t, 3, "quote", 'l');
    if (a.format == CLI_TABLE)
        ent_table_max_width(t, 3, 100);
    for (int i = 0; i < sc->n_sources; i++) {
        const ent_source *s = &sc->sources[i];
        const char *cells[4] = {s->id, s->document, s->locator, s->quote};

        if (list_match(s->id, a.grep) || list_match(s->document, a.grep) ||
            list_match(s->locator, a.grep) || list_match(s->quote, a.grep))
            ent_table_row(t, cells, 4);
    }
    rc = list_emit(&a, t, NULL);
    ent_scenario_free(sc);
    return rc;
}
