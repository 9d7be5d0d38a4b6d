/*
 * sources.c -- sources.csv: the documents every number rests on, each with
 * a locator, an exact quote and the date of the fact or statement quoted.
 * Optional; read first (after documents.csv), so the other files can check
 * the source ids they cite and when their evidence dates from.
 */
#include <stdlib.h>

#include "scenario/cells.h"
#include "scenario/loader.h"

enum { C_ID, C_DOCUMENT, C_LOCATOR, C_QUOTE, C_DATE, N_COLS };

/* The date column, required on every row when the file has it. */
static int read_date(const scn_table *t, int r, int col, ent_source *s,
                     ent_error *err)
{
    int year;

    if (col < 0) {
        s->date = ent_xstrdup("");
        return 0;
    }
    if (scn_cell_date(t, r, col, "date", 1, &s->date, &year, err) != 0)
        return -1;
    return scn_date_key(s->date, &s->date_key);
}

/* With a documents.csv, every document a source names must be listed. */
static int check_document(const ent_scenario *sc, const scn_table *t, int r,
                          int col, const ent_source *s, ent_error *err)
{
    if (sc->n_documents == 0 || ent_scenario_document(sc, s->document))
        return 0;
    return scn_cell_fail(err, t, r, col, "document",
                         "unknown document \"%s\" (expected a file listed "
                         "in documents.csv)",
                         s->document);
}

static int read_source(ent_scenario *sc, const scn_table *t, int r,
                       const int *col, ent_strlist *ids, ent_error *err)
{
    ent_source *s;

    sc->sources = scn_grow(sc->sources, sc->n_sources, sizeof *sc->sources);
    s = &sc->sources[sc->n_sources++];
    s->line = scn_table_line(t, r, -1);
    s->locator = scn_cell_text(t, r, col[C_LOCATOR]);
    s->quote = scn_cell_text(t, r, col[C_QUOTE]);
    if (scn_cell_new_id(t, r, col[C_ID], 1, ids, &s->id, err) != 0 ||
        scn_cell_text_req(t, r, col[C_DOCUMENT], "document", &s->document,
                          err) != 0 ||
        check_document(sc, t, r, col[C_DOCUMENT], s, err) != 0 ||
        read_date(t, r, col[C_DATE], s, err) != 0)
        return -1;
    return 0;
}

int scn_load_sources(ent_scenario *sc, const char *dir, ent_error *err)
{
    static const char *const names[N_COLS] = {"*id", "*document", "locator",
                                              "quote", "date"};

    return scn_load_rows(sc, dir, "sources.csv", 0, "source", names, N_COLS,
                         read_source, err);
}
