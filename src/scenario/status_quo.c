/*
 * status_quo.c -- status_quo.csv: where each issue stood in each period,
 * as of the period's evidence cutoff.  It is an input (engines with a
 * status-quo concept and the no-change baseline read it), so its sources
 * obey the evidence-date rule like positions.  Optional; without it the
 * status_quo column of outcomes.csv stands in.
 */
#include "scenario/cells.h"
#include "scenario/loader.h"

enum { C_PERIOD, C_ISSUE, C_VALUE, C_SOURCES, C_RATIONALE, N_COLS };

/* Fails if an earlier row has the same period and issue. */
static int check_unique(const ent_scenario *sc, const scn_table *t, int r,
                        const ent_status_quo *q, ent_error *err)
{
    for (int i = 0; i < sc->n_status_quo - 1; i++)
        if (sc->status_quo[i].period == q->period &&
            sc->status_quo[i].issue == q->issue)
            return ent_fail_at(err, t->path, scn_table_line(t, r, -1), 1,
                               "duplicate row: period %s, issue %s already "
                               "on line %ld",
                               sc->periods.items[q->period],
                               sc->issues[q->issue].id, sc->status_quo[i].line);
    return 0;
}

static int read_row(ent_scenario *sc, const scn_table *t, int r, const int *col,
                    ent_strlist *ids, ent_error *err)
{
    ent_status_quo *q;

    (void)ids;
    sc->status_quo =
        scn_grow(sc->status_quo, sc->n_status_quo, sizeof *sc->status_quo);
    q = &sc->status_quo[sc->n_status_quo++];
    q->line = scn_table_line(t, r, -1);
    if (scn_cell_period(sc, t, r, col[C_PERIOD], &q->period, err) != 0 ||
        scn_cell_issue(sc, t, r, col[C_ISSUE], &q->issue, err) != 0 ||
        check_unique(sc, t, r, q, err) != 0 ||
        scn_cell_number(t, r, col[C_VALUE], "value", sc->issues[q->issue].min,
                        sc->issues[q->issue].max, &q->value, err) != 0 ||
        scn_cell_sources(sc, t, r, col[C_SOURCES], 1, &q->sources, err) != 0 ||
        scn_check_evidence_dates(sc, t, r, col[C_SOURCES], q->period,
                                 &q->sources, err) != 0 ||
        scn_cell_text_req(t, r, col[C_RATIONALE], "rationale", &q->rationale,
                          err) != 0)
        return -1;
    return 0;
}

int scn_load_status_quo(ent_scenario *sc, const char *dir, ent_error *err)
{
    static const char *const names[N_COLS] = {"*period", "*issue", "*value",
                                              "*sources", "*rationale"};

    return scn_load_rows(sc, dir, "status_quo.csv", 0, "status quo", names,
                         N_COLS, read_row, err);
}
