/*
 * facts.c -- `entente facts`: the scenario's sourced figures, and the
 * contradictions between its documents.
 */
#include <stdio.h>
#include <stdlib.h>

#include "cli/listing.h"

static const char usage[] =
    "usage: entente facts SCENARIO [--grep TEXT] [--contradictions]\n"
    "                     [--format table|csv] [-o FILE]\n\n"
    "Lists the quantitative facts (figures.csv): subject, value, unit, year\n"
    "and sources; then where the documents disagree (contradictions.csv):\n"
    "the topic, each conflicting quote with its source id, date and\n"
    "document, the value the scenario takes and why.  --contradictions\n"
    "lists the contradictions only; --format csv prints the figures, or with\n"
    "--contradictions one row per contradiction and conflicting source\n"
    "(id, topic, value, rationale, source, date, author, title,\n"
    "document_date, locator, quote, file).  --grep keeps facts whose\n"
    "subject, unit or note contains TEXT, and contradictions whose topic,\n"
    "value, rationale, source ids or quotes contain it.\n";

static ent_table *figures_table(const ent_scenario *sc, const list_args *a)
{
    ent_table *t = ent_table_new(7);

    ent_table_column(t, 0, "id", 'l');
    ent_table_column(t, 1, "subject", 'l');
    ent_table_column(t, 2, "value", 'r');
    ent_table_column(t, 3, "unit", 'l');
    ent_table_column(t, 4, "year", 'l');
    ent_table_column(t, 5, "sources", 'l');
    ent_table_column(t, 6, "note", 'l');
    if (a->format == CLI_TABLE) {
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

        if (!list_match(f->subject, a->grep) && !list_match(f->note, a->grep) &&
            !list_match(f->unit, a->grep))
            continue;
        snprintf(value, sizeof value, "%.10g", f->value);
        ent_table_row(t, cells, 7);
    }
    return t;
}

static int contradiction_matches(const ent_scenario *sc,
                                 const ent_contradiction *c, const char *grep)
{
    if (list_match(c->topic, grep) || list_match(c->value, grep) ||
        list_match(c->rationale, grep))
        return 1;
    for (int i = 0; i < c->sources.count; i++) {
        const ent_source *s = ent_scenario_source(sc, c->sources.items[i]);

        if (list_match(c->sources.items[i], grep) ||
            (s && list_match(s->quote, grep)))
            return 1;
    }
    return 0;
}

/* --contradictions --format csv: one row per contradiction and source. */
static ent_table *contradictions_csv(const ent_scenario *sc, const char *grep)
{
    static const char *const heads[12] = {
        "id",     "topic", "value",         "rationale", "source", "date",
        "author", "title", "document_date", "locator",   "quote",  "file"};
    ent_table *t = ent_table_new(12);

    for (int c = 0; c < 12; c++)
        ent_table_column(t, c, heads[c], 'l');
    for (int i = 0; i < sc->n_contradictions; i++) {
        const ent_contradiction *k = &sc->contradictions[i];

        if (!contradiction_matches(sc, k, grep))
            continue;
        for (int j = 0; j < k->sources.count; j++) {
            const ent_source *s = ent_scenario_source(sc, k->sources.items[j]);
            const ent_document *d = s && s->document
                                        ? ent_scenario_document(sc, s->document)
                                        : NULL;
            const char *cells[12] = {k->id,
                                     k->topic,
                                     k->value,
                                     k->rationale,
                                     k->sources.items[j],
                                     s ? s->date : NULL,
                                     d ? d->author : NULL,
                                     d ? d->title : NULL,
                                     d ? d->date : NULL,
                                     s ? s->locator : NULL,
                                     s ? s->quote : NULL,
                                     s ? s->document : NULL};

            ent_table_row(t, cells, 12);
        }
    }
    return t;
}

/* The contradictions as wrapped text blocks; returns how many. */
static int print_contradictions(FILE *out, const ent_scenario *sc,
                                const char *grep)
{
    int shown = 0;

    for (int i = 0; i < sc->n_contradictions; i++) {
        const ent_contradiction *k = &sc->contradictions[i];
        char *text;

        if (!contradiction_matches(sc, k, grep))
            continue;
        text = ent_contradiction_text(sc, k, 78);
        fputs(shown++ ? "\n" : "", out);
        cli_put_lines(out, text);
        free(text);
    }
    return shown;
}

/* Table output: the figures (unless --contradictions), then the
   contradictions. */
static int print_all(const ent_scenario *sc, const list_args *a)
{
    cli_output o;
    int rc = cli_output_open(&o, a->output);

    if (rc)
        return rc;
    if (!a->contradictions) {
        ent_table *t = figures_table(sc, a);

        ent_table_print(t, o.f, cli_color(o.f));
        ent_table_free(t);
    }
    if (sc->n_contradictions > 0) {
        if (!a->contradictions)
            fputs("\nWhere the documents disagree (contradictions.csv)\n\n",
                  o.f);
        if (print_contradictions(o.f, sc, a->grep) == 0)
            fputs("(no contradiction matches)\n", o.f);
    } else if (a->contradictions) {
        fputs("(the scenario records no contradictions)\n", o.f);
    }
    return cli_output_close(&o, !ferror(o.f));
}

int cmd_facts(int argc, char **argv)
{
    list_args a;
    ent_scenario *sc;
    int rc = list_parse(argc, argv, "facts", LIST_GREP | LIST_CONTRADICTIONS,
                        usage, &a);

    if (rc != ENT_EXIT_OK || a.help)
        return rc;
    if ((rc = cli_open_scenario(a.source, &sc)) != 0)
        return rc;
    if (a.format == CLI_CSV)
        rc = list_emit(&a,
                       a.contradictions ? contradictions_csv(sc, a.grep)
                                        : figures_table(sc, &a),
                       NULL);
    else
        rc = print_all(sc, &a);
    ent_scenario_free(sc);
    return rc;
}
