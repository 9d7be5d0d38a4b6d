/*
 * import_ktab.c -- KTAB's SMP CSV input.
 *
 *   line 1   name, description, actor count N, dimension count D[, ...]
 *   line 2   Actor, Description, Power, then D pairs of position and
 *            salience headers (the position header names the dimension)
 *   N lines  name, description, power, then D pairs position, salience
 *
 * Positions and saliences are on 0-100 and an actor's saliences sum to at
 * most 100, as KTAB requires; N is in [3, 250] and actor names have 1 to
 * 25 characters (KTAB's limits).  Cells past the last salience are
 * ignored, so trailing commas are fine.  Each dimension becomes an issue
 * on [0, 100]; power is the actor's capability on every issue.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "scenario/cells.h"
#include "scenario/loader.h"
#include "util/protect.h"

enum { KTAB_MIN_ACTORS = 3, KTAB_MAX_ACTORS = 250, KTAB_MAX_DIMS = 1000 };
enum { KTAB_NAME_MAX = 25, KTAB_DESC_MAX = 256, KTAB_SCEN_NAME_MAX = 512 };

#define FIRST_LINE "name, description, actor count, dimension count"

/* Reads line 1: the scenario's name and description, N and D. */
static int read_title(ent_scenario *sc, const scn_table *t, long *n, long *d,
                      ent_error *err)
{
    const scn_row *row = &t->rows[0];

    if (row->n_cells < 4)
        return ent_fail_at(err, t->path, row->line, row->n_cells + 1,
                           "expected " FIRST_LINE ", found %d cell%s",
                           row->n_cells, row->n_cells == 1 ? "" : "s");
    free(sc->name);
    free(sc->title);
    free(sc->description);
    sc->name = scn_cell_text(t, 0, 0);
    sc->title = ent_xstrdup(sc->name);
    sc->description = scn_cell_text(t, 0, 1);
    if (*sc->name == '\0' || strlen(sc->name) > KTAB_SCEN_NAME_MAX)
        return scn_cell_fail(err, t, 0, 0, "name",
                             "expected a scenario name of 1 to %d "
                             "characters",
                             KTAB_SCEN_NAME_MAX);
    if (scn_parse_int(scn_table_text(t, 0, 2), KTAB_MIN_ACTORS, KTAB_MAX_ACTORS,
                      n) != 0)
        return scn_cell_fail(err, t, 0, 2, "actor count",
                             "expected an integer in [%d, %d], got \"%s\"",
                             KTAB_MIN_ACTORS, KTAB_MAX_ACTORS,
                             scn_table_text(t, 0, 2));
    if (scn_parse_int(scn_table_text(t, 0, 3), 1, KTAB_MAX_DIMS, d) != 0)
        return scn_cell_fail(err, t, 0, 3, "dimension count",
                             "expected an integer in [1, %d], got \"%s\"",
                             KTAB_MAX_DIMS, scn_table_text(t, 0, 3));
    return 0;
}

/* Reads line 2: one issue per dimension, named by its position header. */
static int read_header(ent_scenario *sc, const scn_table *t, int d,
                       ent_error *err)
{
    int need = 3 + 2 * d;

    if (t->n_rows < 2)
        return ent_fail_at(err, t->path, t->rows[0].line + 1, 1,
                           "expected the header row Actor, Description, "
                           "Power, then %d position/salience pairs",
                           d);
    if (t->rows[1].n_cells < need)
        return ent_fail_at(err, t->path, t->rows[1].line,
                           t->rows[1].n_cells + 1,
                           "expected %d header cells (Actor, Description, "
                           "Power, then %d position/salience pairs), found "
                           "%d",
                           need, d, t->rows[1].n_cells);
    sc->issues = ent_xcalloc((size_t)d, sizeof *sc->issues);
    for (int k = 0; k < d; k++) {
        ent_issue *is = &sc->issues[k];
        char *name = scn_cell_text(t, 1, 3 + 2 * k);

        if (*name == '\0' || ent_scenario_issue(sc, name) >= 0) {
            scn_cell_fail(err, t, 1, 3 + 2 * k, "dimension",
                          "expected a new dimension name, got \"%s\"", name);
            free(name);
            return -1;
        }
        is->id = name;
        is->name = ent_xstrdup(name);
        is->description = ent_xstrdup("");
        is->min = 0;
        is->max = 100;
        sc->n_issues++;
    }
    return 0;
}

static int read_name(ent_scenario *sc, const scn_table *t, int r,
                     ent_error *err)
{
    ent_actor *a = &sc->actors[sc->n_actors];
    char *name = scn_cell_text(t, r, 0);

    if (*name == '\0' || strlen(name) > KTAB_NAME_MAX ||
        ent_scenario_actor(sc, name) >= 0) {
        scn_cell_fail(err, t, r, 0, "Actor",
                      *name && strlen(name) <= KTAB_NAME_MAX
                          ? "expected a new actor name, got \"%s\" again"
                          : "expected an actor name of 1 to 25 characters, "
                            "got \"%s\"",
                      name);
        free(name);
        return -1;
    }
    a->id = name;
    a->name = ent_xstrdup(name);
    a->group = ent_xstrdup("");
    a->description = scn_cell_text(t, r, 1);
    sc->n_actors++;
    if (strlen(a->description) > KTAB_DESC_MAX)
        return scn_cell_fail(err, t, r, 1, "Description",
                             "expected at most %d characters, found %zu",
                             KTAB_DESC_MAX, strlen(a->description));
    return 0;
}

/* Reads one dimension's position and salience for the latest actor. */
static int read_pair(ent_scenario *sc, const scn_table *t, int r, int k,
                     double power, double *sum, ent_error *err)
{
    ent_position *p = &sc->positions[sc->n_positions++];
    const char *pname = scn_table_text(t, 1, 3 + 2 * k);
    const char *sname = scn_table_text(t, 1, 4 + 2 * k);

    p->actor = sc->n_actors - 1;
    p->issue = k;
    p->capability = power;
    p->rationale = ent_xstrdup("");
    if (scn_cell_number(t, r, 3 + 2 * k, *pname ? pname : "position", 0, 100,
                        &p->position, err) != 0 ||
        scn_cell_number(t, r, 4 + 2 * k, *sname ? sname : "salience", 0, 100,
                        &p->salience, err) != 0)
        return -1;
    *sum += p->salience;
    p->salience /= 100;
    return 0;
}

static int read_actor(ent_scenario *sc, const scn_table *t, int r, int d,
                      ent_error *err)
{
    const char *power_name = scn_table_text(t, 1, 2);
    double power, sum = 0;
    int need = 3 + 2 * d;

    if (t->rows[r].n_cells < need)
        return ent_fail_at(err, t->path, t->rows[r].line,
                           t->rows[r].n_cells + 1,
                           "expected %d cells (name, description, power, "
                           "then %d position/salience pairs), found %d",
                           need, d, t->rows[r].n_cells);
    if (read_name(sc, t, r, err) != 0 ||
        scn_cell_number(t, r, 2, *power_name ? power_name : "Power", 0,
                        INFINITY, &power, err) != 0)
        return -1;
    for (int k = 0; k < d; k++)
        if (read_pair(sc, t, r, k, power, &sum, err) != 0)
            return -1;
    if (sum > 100 + 1e-9)
        return scn_cell_fail(err, t, r, need - 1, "salience",
                             "expected the actor's saliences to sum to at "
                             "most 100, they sum to %g",
                             sum);
    return 0;
}

static int read_actors(ent_scenario *sc, const scn_table *t, int n, int d,
                       ent_error *err)
{
    int found = t->n_rows - 2;

    if (found < n)
        return ent_fail_at(err, t->path, t->rows[t->n_rows - 1].line + 1, 1,
                           "expected %d actor lines (line 1 says %d), "
                           "found %d",
                           n, n, found);
    if (found > n)
        return ent_fail_at(err, t->path, t->rows[2 + n].line, 1,
                           "expected %d actor lines (line 1 says %d), "
                           "found more",
                           n, n);
    sc->actors = ent_xcalloc((size_t)n, sizeof *sc->actors);
    sc->positions = ent_xcalloc((size_t)n * (size_t)d, sizeof *sc->positions);
    for (int r = 2; r < 2 + n; r++)
        if (read_actor(sc, t, r, d, err) != 0)
            return -1;
    return 0;
}

int scn_import_ktab_table(const scn_table *t, const char *file,
                          ent_scenario **out, ent_error *err)
{
    ent_scenario *sc;
    long n = 0, d = 0;

    *out = NULL;
    if (t->n_rows == 0)
        return ent_fail_at(err, file, 1, 1, "empty file: expected " FIRST_LINE);
    sc = scn_new(file);
    scn_default_period(sc);
    if (read_title(sc, t, &n, &d, err) != 0 ||
        read_header(sc, t, (int)d, err) != 0 ||
        read_actors(sc, t, (int)n, (int)d, err) != 0) {
        ent_scenario_free(sc);
        return -1;
    }
    *out = sc;
    return 0;
}

static int import_ktab_body(const char *file, ent_scenario **out,
                            ent_error *err)
{
    scn_table t;
    int rc;

    *out = NULL;
    if (scn_table_read(&t, file, err) != 0)
        return -1;
    rc = scn_import_ktab_table(&t, file, out, err);
    scn_table_free(&t);
    return rc;
}

int ent_import_ktab(const char *file, ent_scenario **out, ent_error *err)
{
    ENT_PROTECTED(int, (*out = NULL, -1), err,
                  import_ktab_body(file, out, err));
}
