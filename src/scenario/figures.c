/*
 * figures.c -- figures.csv: sourced numbers that give the scenario its
 * proportions (troops, trade, gas prices), each with unit and year.
 * Optional.
 */
#include <math.h>

#include "scenario/cells.h"
#include "scenario/loader.h"

enum { C_ID, C_SUBJECT, C_VALUE, C_UNIT, C_YEAR, C_SOURCES, C_NOTE, N_COLS };

static int read_figure(ent_scenario *sc, const scn_table *t, int r,
                       const int *col, ent_strlist *ids, ent_error *err)
{
    ent_figure *f;

    sc->figures = scn_grow(sc->figures, sc->n_figures, sizeof *sc->figures);
    f = &sc->figures[sc->n_figures++];
    f->unit = scn_cell_text(t, r, col[C_UNIT]);
    f->year = scn_cell_text(t, r, col[C_YEAR]);
    f->note = scn_cell_text(t, r, col[C_NOTE]);
    if (scn_cell_new_id(t, r, col[C_ID], 1, ids, &f->id, err) != 0 ||
        scn_cell_text_req(t, r, col[C_SUBJECT], "subject", &f->subject, err) !=
            0 ||
        scn_cell_number(t, r, col[C_VALUE], "value", -INFINITY, INFINITY,
                        &f->value, err) != 0 ||
        scn_cell_sources(sc, t, r, col[C_SOURCES], 0, &f->sources, err) != 0)
        return -1;
    return 0;
}

int scn_load_figures(ent_scenario *sc, const char *dir, ent_error *err)
{
    static const char *const names[N_COLS] = {
        "*id", "*subject", "*value", "unit", "year", "sources", "note"};

    return scn_load_rows(sc, dir, "figures.csv", 0, "figure", names, N_COLS,
                         read_figure, err);
}
