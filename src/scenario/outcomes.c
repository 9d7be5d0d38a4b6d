/*
 * outcomes.c -- outcomes.csv: where each issue stood at the start of a
 * period and where the later sources say it ended up; the ground truth
 * back-tests score forecasts against.  Optional.
 */
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

static int read_values(const ent_scenario *sc, const scn_table *t, int r,
                       const int *col, ent_outcome *o, ent_error *err)
{
    const ent_issue *is = &sc->issues[o->issue];
    int year;

    if (scn_cell_number(t, r, col[C_STATUS_QUO], "status_quo", is->min, is->max,
                        &o->status_quo, err) != 0 ||
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
        read_values(sc, t, r, col, o, err) != 0)
        return -1;
    return 0;
}

int scn_load_outcomes(ent_scenario *sc, const char *dir, ent_error *err)
{
    static const char *const names[N_COLS] = {
        "*period", "*issue",      "*status_quo", "*observed",
        "date",    "description", "*sources",    "rationale"};

    return scn_load_rows(sc, dir, "outcomes.csv", 0, "outcome", names, N_COLS,
                         read_outcome, err);
}
