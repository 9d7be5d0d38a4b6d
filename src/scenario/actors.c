/*
 * actors.c -- actors.csv: who takes part (states, blocs, leaders, parties),
 * with a group for reports and the sources that describe them.
 */
#include "scenario/cells.h"
#include "scenario/loader.h"

enum { C_ID, C_NAME, C_GROUP, C_DESCRIPTION, C_SOURCES, N_COLS };

static int read_actor(ent_scenario *sc, const scn_table *t, int r,
                      const int *col, ent_strlist *ids, ent_error *err)
{
    ent_actor *a;

    sc->actors = scn_grow(sc->actors, sc->n_actors, sizeof *sc->actors);
    a = &sc->actors[sc->n_actors++];
    a->group = scn_cell_text(t, r, col[C_GROUP]);
    a->description = scn_cell_text(t, r, col[C_DESCRIPTION]);
    if (scn_cell_new_id(t, r, col[C_ID], 0, ids, &a->id, err) != 0 ||
        scn_cell_text_req(t, r, col[C_NAME], "name", &a->name, err) != 0 ||
        scn_cell_sources(sc, t, r, col[C_SOURCES], 0, &a->sources, err) != 0)
        return -1;
    return 0;
}

int scn_load_actors(ent_scenario *sc, const char *dir, ent_error *err)
{
    static const char *const names[N_COLS] = {"*id", "*name", "group",
                                              "description", "sources"};

    return scn_load_rows(sc, dir, "actors.csv", 1, "actor", names, N_COLS,
                         read_actor, err);
}
