/*
 * contradictions.c -- contradictions.csv: where the documents disagree
 * (two or more sources on one topic), the value the scenario takes and
 * why.  Optional.
 */
#include <string.h>

#include "scenario/cells.h"
#include "scenario/loader.h"

enum { C_ID, C_TOPIC, C_SOURCES, C_VALUE, C_RATIONALE, N_COLS };

static int read_sources(const ent_scenario *sc, const scn_table *t, int r,
                        int col, ent_strlist *out, ent_error *err)
{
    if (scn_cell_sources(sc, t, r, col, 1, out, err) != 0)
        return -1;
    for (int i = 0; i < out->count; i++)
        for (int j = 0; j < i; j++)
            if (strcmp(out->items[i], out->items[j]) == 0)
                return scn_cell_fail(err, t, r, col, "sources",
                                     "source \"%s\" is listed twice",
                                     out->items[i]);
    if (out->count < 2)
        return scn_cell_fail(err, t, r, col, "sources",
                             "expected at least two conflicting source ids "
                             "separated by ';', got %d",
                             out->count);
    return 0;
}

static int read_row(ent_scenario *sc, const scn_table *t, int r, const int *col,
                    ent_strlist *ids, ent_error *err)
{
    ent_contradiction *c;

    sc->contradictions = scn_grow(sc->contradictions, sc->n_contradictions,
                                  sizeof *sc->contradictions);
    c = &sc->contradictions[sc->n_contradictions++];
    if (scn_cell_new_id(t, r, col[C_ID], 1, ids, &c->id, err) != 0 ||
        scn_cell_text_req(t, r, col[C_TOPIC], "topic", &c->topic, err) != 0 ||
        read_sources(sc, t, r, col[C_SOURCES], &c->sources, err) != 0 ||
        scn_cell_text_req(t, r, col[C_VALUE], "value", &c->value, err) != 0 ||
        scn_cell_text_req(t, r, col[C_RATIONALE], "rationale", &c->rationale,
                          err) != 0)
        return -1;
    return 0;
}

int scn_load_contradictions(ent_scenario *sc, const char *dir, ent_error *err)
{
    static const char *const names[N_COLS] = {"*id", "*topic", "*sources",
                                              "*value", "*rationale"};

    return scn_load_rows(sc, dir, "contradictions.csv", 0, "contradiction",
                         names, N_COLS, read_row, err);
}
