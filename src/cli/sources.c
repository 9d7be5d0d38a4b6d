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

/* The document parts of a source: author, title, publisher and date from
   documents.csv ("" where it has no row). */
static const ent_document *doc_of(const ent_scenario *sc, const ent_source *s)
{
    static const ent_document none = {NULL, NULL, NULL, NULL, NULL, NULL};
    const ent_document *d =
        s->document ? ent_scenario_document(sc, s->document) : NULL;

    return d ? d : &none;
}

static int source_matches(const ent_scenario *sc, const ent_source *s,
                          const char *grep)
{
    const ent_document *d = doc_of(sc, s);

    return list_match(s->id, grep) || list_match(s->document, grep) ||
           list_match(s->locator, grep) || list_match(s->quote, grep) ||
           list_match(s->date, grep) || list_match(d->author, grep) ||
           list_match(d->title, grep);
}

/* The table a person reads: the document cited by author, title and date. */
static ent_table *sources_table(const ent_scenario *sc, const char *grep)
{
    static const char *const heads[5] = {"id", "date", "document", "locator",
                                         "quote"};
    ent_table *t = ent_table_new(5);

    for (int c = 0; c < 5; c++)
        ent_table_column(t, c, heads[c], 'l');
    ent_table_max_width(t, 2, 44);
    ent_table_max_width(t, 3, 24);
    ent_table_max_width(t, 4, 80);
    for (int i = 0; i < sc->n_sources; i++) {
        const ent_source *s = &sc->sources[i];
        char doc[512];
        const char *cells[5] = {
            s->id, s->date,
            ent_scenario_document_cite(sc, s->document, doc, sizeof doc),
            s->locator, s->quote};

        if (source_matches(sc, s, grep))
            ent_table_row(t, cells, 5);
    }
    return t;
}

/* The CSV a program reads: every part in its own column, the file last. */
static ent_table *sources_csv(const ent_scenario *sc, const char *grep)
{
    static const char *const heads[9] = {
        "id",      "date",  "author", "title", "publisher", "document_date",
        "locator", "quote", "file"};
    ent_table *t = ent_table_new(9);

    for (int c = 0; c < 9; c++)
        ent_table_column(t, c, heads[c], 'l');
    for (int i = 0; i < sc->n_sources; i++) {
        const ent_source *s = &sc->sources[i];
        const ent_document *d = doc_of(sc, s);
        const char *cells[9] = {s->id,      s->date,      d->author,
                                d->title,   d->publisher, d->date,
                                s->locator, s->quote,     s->document};

        if (source_matches(sc, s, grep))
            ent_table_row(t, cells, 9);
    }
    return t;
}

int cmd_sources(int argc, char **argv)
{
    list_args a;
    ent_scenario *sc;
    int rc =
        list_parse(argc, argv, "sources", LIST_GREP | LIST_CHECK, usage, &a);

    if (rc != ENT_EXIT_OK || a.help)
        return rc;
    if ((rc = cli_open_scenario(a.source, &sc)) != 0)
        return rc;
    if (a.check)
        rc = check_quotes(sc);
    else
        rc = list_emit(&a,
                       a.format == CLI_CSV ? sources_csv(sc, a.grep)
                                           : sources_table(sc, a.grep),
                       NULL);
    ent_scenario_free(sc);
    return rc;
}
