/*
 * import_bdm.c -- the plain BDM table: one issue, one row per actor,
 * columns Actor, Capability, Position, Salience (any order and case;
 * Decide's names Stakeholder for Actor and Resources for Capability are
 * accepted too).
 *
 * Saliences are on 0-1 if every one is <= 1, else on 0-100; they are
 * stored on 0-1.  The issue scale is the range of the positions (widened
 * by one unit each way if every actor stands at the same point).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "scenario/cells.h"
#include "scenario/file.h"
#include "scenario/loader.h"
#include "util/protect.h"

enum { C_ACTOR, C_CAP, C_POS, C_SAL, N_COLS };

static const char *const bdm_cols[N_COLS] = {"Actor", "Capability", "Position",
                                             "Salience"};
/* Other names of the same columns (Decide's BDM tables), "" for none. */
static const char *const bdm_aliases[N_COLS] = {"Stakeholder", "Resources", "",
                                                ""};

int scn_bdm_columns(const scn_table *t, int *col)
{
    int found = 1;

    for (int c = 0; c < N_COLS; c++) {
        col[c] = scn_table_find(t, bdm_cols[c]);
        if (col[c] < 0 && *bdm_aliases[c])
            col[c] = scn_table_find(t, bdm_aliases[c]);
        found &= col[c] >= 0;
    }
    return found;
}

static int read_actor(ent_scenario *sc, const scn_table *t, int r,
                      const int *col, ent_error *err)
{
    ent_actor *a = &sc->actors[sc->n_actors];
    ent_position *p = &sc->positions[sc->n_positions];
    char *name;

    if (scn_cell_text_req(t, r, col[C_ACTOR], "Actor", &name, err) != 0)
        return -1;
    if (ent_scenario_actor(sc, name) >= 0) {
        scn_cell_fail(err, t, r, col[C_ACTOR], "Actor",
                      "expected a new actor name, got \"%s\" again", name);
        free(name);
        return -1;
    }
    a->id = name;
    a->name = ent_xstrdup(name);
    a->group = ent_xstrdup("");
    a->description = ent_xstrdup("");
    sc->n_actors++;
    p->actor = sc->n_actors - 1;
    p->rationale = ent_xstrdup("");
    sc->n_positions++;
    if (scn_cell_number(t, r, col[C_CAP], "Capability", 0, INFINITY,
                        &p->capability, err) != 0 ||
        scn_cell_number(t, r, col[C_POS], "Position", -INFINITY, INFINITY,
                        &p->position, err) != 0 ||
        scn_cell_number(t, r, col[C_SAL], "Salience", 0, 100, &p->salience,
                        err) != 0)
        return -1;
    return 0;
}

/* Puts saliences on 0-1 and sets the issue scale from the positions. */
static void rescale(ent_scenario *sc)
{
    ent_issue *is = &sc->issues[0];
    int unit = 1;

    for (int i = 0; i < sc->n_positions; i++)
        unit = unit && sc->positions[i].salience <= 1;
    is->min = is->max = sc->positions[0].position;
    for (int i = 0; i < sc->n_positions; i++) {
        ent_position *p = &sc->positions[i];

        if (!unit)
            p->salience /= 100;
        is->min = fmin(is->min, p->position);
        is->max = fmax(is->max, p->position);
    }
    if (is->min == is->max) {
        is->min -= 1;
        is->max += 1;
    }
}

static ent_scenario *bdm_new(const char *file, int rows)
{
    ent_scenario *sc = scn_new(file);
    ent_issue *is;

    free(sc->name);
    free(sc->title);
    sc->name = scn_base_name(file);
    sc->title = ent_xstrdup(sc->name);
    scn_default_period(sc);
    sc->issues = ent_xcalloc(1, sizeof *sc->issues);
    sc->n_issues = 1;
    is = &sc->issues[0];
    is->id = ent_xstrdup("position");
    is->name = ent_xstrdup("position");
    is->description = ent_xstrdup("");
    sc->actors = ent_xcalloc((size_t)rows, sizeof *sc->actors);
    sc->positions = ent_xcalloc((size_t)rows, sizeof *sc->positions);
    return sc;
}

int scn_import_bdm_table(const scn_table *t, const char *file,
                         ent_scenario **out, ent_error *err)
{
    int col[N_COLS];
    ent_scenario *sc;

    *out = NULL;
    if (t->n_rows == 0)
        return ent_fail_at(err, file, 1, 1,
                           "empty file: expected a header row Actor, "
                           "Capability, Position, Salience");
    if (!scn_bdm_columns(t, col))
        for (int c = 0; c < N_COLS; c++)
            if (col[c] < 0 && scn_table_need(t, bdm_cols[c], err) < 0)
                return -1;
    if (t->n_rows < 2)
        return ent_fail_at(err, file, t->rows[0].line + 1, 1,
                           "expected at least one actor row after the "
                           "header");
    sc = bdm_new(file, t->n_rows - 1);
    for (int r = 1; r < t->n_rows; r++)
        if (read_actor(sc, t, r, col, err) != 0) {
            ent_scenario_free(sc);
            return -1;
        }
    rescale(sc);
    *out = sc;
    return 0;
}

static int import_bdm_body(const char *file, ent_scenario **out, ent_error *err)
{
    scn_table t;
    int rc;

    *out = NULL;
    if (scn_table_read(&t, file, err) != 0)
        return -1;
    rc = scn_import_bdm_table(&t, file, out, err);
    scn_table_free(&t);
    return rc;
}

int ent_import_bdm(const char *file, ent_scenario **out, ent_error *err)
{
    ENT_PROTECTED(int, (*out = NULL, -1), err, import_bdm_body(file, out, err));
}
