/*
 * outcomes.c -- outcomes.csv: where each issue stood at the end of a
 * period as the sources (possibly later ones) document it, whether that is
 * documented or inferred, and optionally where it stood at the start; the
 * ground truth back-tests score forecasts against.  Optional.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "scenario/cells.h"
#include "scenario/loader.h"

enum {
    C_PERIOD,
    C_ISSUE,
    C_STATUS_QUO,
    C_OBSERVED,
    C_DATE,
    C_DESCRIPTION,
    C_SOURCES,
    C_RATIONALE,
    C_BASIS,
    N_COLS
};

/* Fails if an earlier row judges the same period and issue. */
static int check_unique(const ent_scenario *sc, const scn_table *t, int r,
                        const ent_outcome *o, ent_error *err)
{
    for (int i = 0; i < sc->n_outcomes - 1; i++)
        if (sc->outcomes[i].period == o->period &&
            sc->outcomes[i].issue == o->issue)
            return ent_fail_at(err, t->path, scn_table_line(t, r, -1), 1,
                               "duplicate row: period %s, issue %s already "
                               "on line %ld",
                               sc->periods.items[o->period],
                               sc->issues[o->issue].id,
                               scn_table_line(t, i + 1, -1));
    return 0;
}

/* The status_quo column: required unless status_quo.csv has rows; an
   empty cell then reads as NAN. */
static int read_status_quo(const ent_scenario *sc, const scn_table *t, int r,
                           int col, ent_outcome *o, ent_error *err)
{
    const ent_issue *is = &sc->issues[o->issue];

    if (sc->n_status_quo == 0 && col < 0)
        return ent_fail_at(err, t->path, t->rows[0].line, 1,
                           "missing column \"status_quo\" in the header row "
                           "(needed when there is no status_quo.csv)");
    if (sc->n_status_quo == 0)
        return scn_cell_number(t, r, col, "status_quo", is->min, is->max,
                               &o->status_quo, err);
    return scn_cell_number_opt(t, r, col, "status_quo", is->min, is->max, NAN,
                               &o->status_quo, err);
}

/* The basis column, required on every row when the file has it. */
static int read_basis(const scn_table *t, int r, int col, ent_outcome *o,
                      ent_error *err)
{
    const char *text = scn_table_text(t, r, col);
    char *basis;

    if (col < 0)
        return 0;
    basis = scn_cell_text(t, r, col);
    o->inferred = strcmp(basis, "inferred") == 0;
    if (!o->inferred && strcmp(basis, "documented") != 0) {
        scn_cell_fail(err, t, r, col, "basis",
                      "expected documented or inferred, got %s%s%s",
                      *text ? "\"" : "an empty cell", *text ? basis : "",
                      *text ? "\"" : "");
        free(basis);
        return -1;
    }
    free(basis);
    return 0;
}

static int read_values(const ent_scenario *sc, const scn_table *t, int r,
                       const int *col, ent_outcome *o, ent_error *err)
{
    const ent_issue *is = &sc->issues[o->issue];
    int year;

    if (read_status_quo(sc, t, r, col[C_STATUS_QUO], o, err) != 0 ||
        scn_cell_number(t, r, col[C_OBSERVED], "observed", is->min, is->max,
                        &o->observed, err) != 0 ||
        scn_cell_date(t, r, col[C_DATE], "date", 0, &o->date, &year, err) !=
            0 ||
        scn_cell_sources(sc, t, r, col[C_SOURCES], 1, &o->sources, err) != 0)
        return -1;
    return 0;
}

static int read_outcome(ent_scenario *sc, const scn_table *t, int r,
                        const int *col, ent_strlist *ids, ent_error *err)
{
    ent_outcome *o;

    (void)ids;
    sc->outcomes = scn_grow(sc->outcomes, sc->n_outcomes, sizeof *sc->outcomes);
    o = &sc->outcomes[sc->n_outcomes++];
    o->description = scn_cell_text(t, r, col[C_DESCRIPTION]);
    o->rationale = scn_cell_text(t, r, col[C_RATIONALE]);
    if (scn_cell_period(sc, t, r, col[C_PERIOD], &o->period, err) != 0 ||
        scn_cell_issue(sc, t, r, col[C_ISSUE], &o->issue, err) != 0 ||
        check_unique(sc, t, r, o, err) != 0 ||
        read_values(sc, t, r, col, o, err) != 0 ||
        read_basis(t, r, col[C_BASIS], o, err) != 0)
        return -1;
    return 0;
}

int scn_load_outcomes(ent_scenario *sc, const char *dir, ent_error *err)
{
    static const char *const names[N_COLS] = {
        "*period",     "*issue",   "status_quo", "*observed", "date",
        "description", "*sources", "rationale",  "basis"};

    return scn_load_rows(sc, dir, "outcomes.csv", 0, "outcome", names, N_COLS,
                         read_outcome, err);
}
