/*
 * positions.c -- positions.csv, in long format: one row per period x
 * actor x issue with the actor's position, salience, capability and their
 * uncertainties, every row backed by sources and a rationale.  Sources
 * must date from no later than the period's cutoff (evidence.c).
 */
#include <math.h>

#include "scenario/cells.h"
#include "scenario/loader.h"

enum {
    C_PERIOD,
    C_ACTOR,
    C_ISSUE,
    C_POSITION,
    C_SALIENCE,
    C_CAPABILITY,
    C_UNC,
    C_SAL_UNC,
    C_CAP_UNC,
    C_SOURCES,
    C_RATIONALE,
    N_COLS
};

/* Fails if an earlier row has the same period, actor and issue. */
static int check_unique(const ent_scenario *sc, const scn_table *t, int r,
                        const ent_position *p, ent_error *err)
{
    for (int i = 0; i < sc->n_positions - 1; i++) {
        const ent_position *q = &sc->positions[i];

        if (q->period == p->period && q->actor == p->actor &&
            q->issue == p->issue)
            return ent_fail_at(err, t->path, scn_table_line(t, r, -1), 1,
                               "duplicate row: period %s, actor %s, issue "
                               "%s already on line %ld",
                               sc->periods.items[p->period],
                               sc->actors[p->actor].id, sc->issues[p->issue].id,
                               q->line);
    }
    return 0;
}

static int read_keys(ent_scenario *sc, const scn_table *t, int r,
                     const int *col, ent_position *p, ent_error *err)
{
    if (scn_cell_period(sc, t, r, col[C_PERIOD], &p->period, err) != 0 ||
        scn_cell_actor(sc, t, r, col[C_ACTOR], &p->actor, err) != 0 ||
        scn_cell_issue(sc, t, r, col[C_ISSUE], &p->issue, err) != 0)
        return -1;
    return check_unique(sc, t, r, p, err);
}

static int read_values(const scn_table *t, int r, const int *col,
                       const ent_issue *is, ent_position *p, ent_error *err)
{
    if (scn_cell_number(t, r, col[C_POSITION], "position", is->min, is->max,
                        &p->position, err) != 0 ||
        scn_cell_number(t, r, col[C_SALIENCE], "salience", 0, 100, &p->salience,
                        err) != 0 ||
        scn_cell_number(t, r, col[C_CAPABILITY], "capability", 0, INFINITY,
                        &p->capability, err) != 0 ||
        scn_cell_number(t, r, col[C_UNC], "uncertainty", 0, INFINITY,
                        &p->position_unc, err) != 0 ||
        scn_cell_number_opt(t, r, col[C_SAL_UNC], "salience_uncertainty", 0,
                            100, 0, &p->salience_unc, err) != 0 ||
        scn_cell_number_opt(t, r, col[C_CAP_UNC], "capability_uncertainty", 0,
                            INFINITY, 0, &p->capability_unc, err) != 0)
        return -1;
    p->salience /= 100;
    p->salience_unc /= 100;
    return 0;
}

static int read_position(ent_scenario *sc, const scn_table *t, int r,
                         const int *col, ent_strlist *ids, ent_error *err)
{
    ent_position *p;

    (void)ids;
    sc->positions =
        scn_grow(sc->positions, sc->n_positions, sizeof *sc->positions);
    p = &sc->positions[sc->n_positions++];
    p->line = scn_table_line(t, r, -1);
    if (read_keys(sc, t, r, col, p, err) != 0 ||
        read_values(t, r, col, &sc->issues[p->issue], p, err) != 0 ||
        scn_cell_sources(sc, t, r, col[C_SOURCES], 1, &p->sources, err) != 0 ||
        scn_check_evidence_dates(sc, t, r, col[C_SOURCES], p->period,
                                 &p->sources, err) != 0 ||
        scn_cell_text_req(t, r, col[C_RATIONALE], "rationale", &p->rationale,
                          err) != 0)
        return -1;
    return 0;
}

int scn_load_positions(ent_scenario *sc, const char *dir, ent_error *err)
{
    static const char *const names[N_COLS] = {"*period",
                                              "*actor",
                                              "*issue",
                                              "*position",
                                              "*salience",
                                              "*capability",
                                              "*uncertainty",
                                              "salience_uncertainty",
                                              "capability_uncertainty",
                                              "*sources",
                                              "*rationale"};

    return scn_load_rows(sc, dir, "positions.csv", 1, "position", names, N_COLS,
                         read_position, err);
}
