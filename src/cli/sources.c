/*
 * sources.c -- `entente sources`: every source with its exact quote.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/listing.h"

static const char usage[] =
    "usage: entente sources SCENARIO [--grep TEXT] [--format table|csv] [-o FILE]\n"
    "       entente sources SCENARIO --check\n\n"
    "Lists the scenario's sources: id, document, locator and the exact quote\n"
    "every number cites.  --grep keeps sources whose id, document, locator or\n"
    "quote contains TEXT (case-insensitive).\n\n"
    "--check verifies instead that every quote occurs in the document it\n"
    "cites, in the scenario's documents/ directory (after folding quotes,\n"
    "dashes, hyphenation, white space and case); it lists the quotes not\n"
    "found and exits 2 if there are any.\n";

/* --check: every quote found in its document. */
static int check_quotes(const ent_scenario *sc)
{
    ent_strlist missing = {NULL, 0};
    char *docs = ent_xmalloc(strlen(sc->path) + 16);
    ent_error err;
    int bad;

    ent_error_clear(&err);
    sprintf(docs, "%s/documents", sc->path);
    bad = ent_scenario_check_quotes(sc, docs, &missing, &err);
    free(docs);
    if (bad < 0) {
        ent_strlist_free(&missing);
        return cli_report_error(&err);
    }
    for (int i = 0; i < missing.count; i++)
        fprintf(stderr, "entente: %s\n", missing.items[i]);
    ent_strlist_free(&missing);
    if (bad > 0) {
        fprintf(stderr, "entente: %d of %d quotes not found\n", bad,
                sc->n_sources);
        return ENT_EXIT_INPUT;
    }
    printf("%s: the quotes of all %d sources found in their documents\n",
           sc->name, sc->n_sources);
    return 0;
}

int cmd_sources(int argc, char **argv)
{
    list_args a;
    ent_scenario *sc;
    ent_table *t;
    int rc =
        list_parse(argc, argv, "sources", LIST_GREP | LIST_CHECK, usage, &a);

    if (rc >= 0)
        return rc;
    if ((rc = cli_open_scenario(a.source, &sc)) != 0)
        return rc;
    if (a.check) {
        rc = check_quotes(sc);
        ent_scenario_free(sc);
        return rc;
    }
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
