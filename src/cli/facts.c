/*
 * facts.c -- `entente facts`: the scenario's sourced figures.
 */
#include <stdio.h>

#include "cli/listing.h"

static const char usage[] =
    "usage: entente facts SCENARIO [--grep TEXT] [--format table|csv] [-o FILE]\n\n"
    "Lists the quantitative facts (figures.csv): subject, value, unit, year\n"
    "and sources.  --grep keeps facts whose subject or note contains TEXT.\n";

int cmd_facts(int argc, char **argv)
{
    list_args a;
    ent_scenario *sc;
    ent_table *t;
    int rc = list_parse(argc, argv, "facts", LIST_GREP, usage, &a);

    if (rc >= 0)
        return rc;
    if ((rc = cli_open_scenario(a.source, &sc)) != 0)
        return rc;
    t = ent_table_new(7);
    ent_table_column(t, 0, "id", 'l');
    ent_table_column(t, 1, "subject", 'l');
    ent_table_column(t, 2, "value", 'r');
    ent_table_column(t, 3, "unit", 'l');
    ent_table_column(t, 4, "year", 'l');
    ent_table_column(t, 5, "sources", 'l');
    ent_table_column(t, 6, "note", 'l');
    if (a.format == CLI_TABLE) {
        ent_table_max_width(t, 1, 48);
        ent_table_max_width(t, 6, 60);
    }
    for (int i = 0; i < sc->n_figures; i++) {
        const ent_figure *f = &sc->figures[i];
        char value[64], sources[256];
        const char *cells[7] = {
            f->id,   f->subject,
            value,   f->unit,
            f->year, list_join(&f->sources, ", ", sources, sizeof sources),
            f->note};

        if (!list_match(f->subject, a.grep) && !list_match(f->note, a.grep) &&
            !list_match(f->unit, a.grep))
            continue;
        snprintf(value, sizeof value, "%.10g", f->value);
        ent_table_row(t, cells, 7);
    }
    rc = list_emit(&a, t, NULL);
    ent_scenario_free(sc);
    return rc;
}
