/*
 * sources.c -- sources.csv: the documents every number rests on, each with
 * a locator and an exact quote.  Optional; read first, so the other files
 * can check the source ids they cite.
 */
#include "scenario/cells.h"
#include "scenario/loader.h"

enum { C_ID, C_DOCUMENT, C_LOCATOR, C_QUOTE, N_COLS };

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
                          err) != 0)
        return -1;
    return 0;
}

int scn_load_sources(ent_scenario *sc, const char *dir, ent_error *err)
{
    static const char *const names[N_COLS] = {"*id", "*document", "locator",
                                              "quote"};

    return scn_load_rows(sc, dir, "sources.csv", 0, "source", names, N_COLS,
                         read_source, err);
}
