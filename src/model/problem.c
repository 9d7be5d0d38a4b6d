/*
 * problem.c -- turn one period of a scenario into dense actor x issue
 * arrays (ent_problem), the form every engine and the ensemble work on.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "entente/model.h"
#include "util/protect.h"

static ent_problem *problem_new_body(int n_actors, int n_issues)
{
    ent_problem *p = ent_xcalloc(1, sizeof *p);
    size_t cells = (size_t)n_actors * (size_t)n_issues;

    p->n_actors = n_actors;
    p->n_issues = n_issues;
    p->actor_ids = ent_xcalloc((size_t)n_actors, sizeof *p->actor_ids);
    p->actor_names = ent_xcalloc((size_t)n_actors, sizeof *p->actor_names);
    p->issue_ids = ent_xcalloc((size_t)n_issues, sizeof *p->issue_ids);
    p->issue_names = ent_xcalloc((size_t)n_issues, sizeof *p->issue_names);
    p->scale_min = ent_xcalloc((size_t)n_issues, sizeof(double));
    p->scale_max = ent_xcalloc((size_t)n_issues, sizeof(double));
    p->present = ent_xcalloc(cells, 1);
    p->position = ent_xcalloc(cells, sizeof(double));
    p->salience = ent_xcalloc(cells, sizeof(double));
    p->capability = ent_xcalloc(cells, sizeof(double));
    p->position_unc = ent_xcalloc(cells, sizeof(double));
    p->salience_unc = ent_xcalloc(cells, sizeof(double));
    p->capability_unc = ent_xcalloc(cells, sizeof(double));
    p->status_quo = ent_xcalloc((size_t)n_issues, sizeof(double));
    for (int k = 0; k < n_issues; k++)
        p->status_quo[k] = NAN;
    p->rank = ent_xcalloc(cells, sizeof(int));
    return p;
}

ent_problem *ent_problem_new(int n_actors, int n_issues)
{
    ENT_PROTECTED(ent_problem *, NULL, NULL,
                  problem_new_body(n_actors, n_issues));
}

static int problem_build_body(const ent_scenario *sc, int period,
                              ent_problem **out, ent_error *err)
{
    ent_problem *p;
    int used = 0;

    *out = NULL;
    if (period < 0 || period >= sc->periods.count)
        return ent_fail(err, ENT_EXIT_INPUT, "%s: no period number %d",
                        sc->name, period);
    p = ent_problem_new(sc->n_actors, sc->n_issues);
    for (int a = 0; a < sc->n_actors; a++) {
        p->actor_ids[a] = sc->actors[a].id;
        p->actor_names[a] = sc->actors[a].name;
    }
    for (int k = 0; k < sc->n_issues; k++) {
        p->issue_ids[k] = sc->issues[k].id;
        p->issue_names[k] = sc->issues[k].name;
        p->scale_min[k] = sc->issues[k].min;
        p->scale_max[k] = sc->issues[k].max;
        p->status_quo[k] = ent_scenario_status_quo(sc, period, k);
    }
    for (int r = 0; r < sc->n_positions; r++) {
        const ent_position *row = &sc->positions[r];
        int c;

        if (row->period != period)
            continue;
        c = ent_cell(p, row->actor, row->issue);
        p->present[c] = 1;
        p->position[c] = row->position;
        p->salience[c] = row->salience;
        p->capability[c] = row->capability;
        p->position_unc[c] = row->position_unc;
        p->salience_unc[c] = row->salience_unc;
        p->capability_unc[c] = row->capability_unc;
        p->rank[c] = r;
        used++;
    }
    if (used == 0) {
        ent_problem_free(p);
        return ent_fail(err, ENT_EXIT_INPUT, "%s: period %s has no positions",
                        sc->name, sc->periods.items[period]);
    }
    *out = p;
    return 0;
}

int ent_problem_build(const ent_scenario *sc, int period, ent_problem **out,
                      ent_error *err)
{
    ENT_PROTECTED(int, (*out = NULL, -1), err,
                  problem_build_body(sc, period, out, err));
}

static void *dup_array(const void *src, size_t count, size_t size)
{
    void *dst = ent_xmalloc(count * size);

    return memcpy(dst, src, count * size);
}

static ent_problem *problem_clone_body(const ent_problem *p)
{
    ent_problem *q = ent_xcalloc(1, sizeof *q);
    size_t n = (size_t)p->n_actors, d = (size_t)p->n_issues, cells = n * d;

    q->n_actors = p->n_actors;
    q->n_issues = p->n_issues;
    q->actor_ids = dup_array(p->actor_ids, n, sizeof *p->actor_ids);
    q->actor_names = dup_array(p->actor_names, n, sizeof *p->actor_names);
    q->issue_ids = dup_array(p->issue_ids, d, sizeof *p->issue_ids);
    q->issue_names = dup_array(p->issue_names, d, sizeof *p->issue_names);
    q->scale_min = dup_array(p->scale_min, d, sizeof(double));
    q->scale_max = dup_array(p->scale_max, d, sizeof(double));
    q->present = dup_array(p->present, cells, 1);
    q->position = dup_array(p->position, cells, sizeof(double));
    q->salience = dup_array(p->salience, cells, sizeof(double));
    q->capability = dup_array(p->capability, cells, sizeof(double));
    q->position_unc = dup_array(p->position_unc, cells, sizeof(double));
    q->salience_unc = dup_array(p->salience_unc, cells, sizeof(double));
    q->capability_unc = dup_array(p->capability_unc, cells, sizeof(double));
    q->status_quo = dup_array(p->status_quo, d, sizeof(double));
    q->rank = dup_array(p->rank, cells, sizeof(int));
    return q;
}

ent_problem *ent_problem_clone(const ent_problem *p)
{
    ENT_PROTECTED(ent_problem *, NULL, NULL, problem_clone_body(p));
}

void ent_problem_free(ent_problem *p)
{
    if (!p)
        return;
    free(p->actor_ids);
    free(p->actor_names);
    free(p->issue_ids);
    free(p->issue_names);
    free(p->scale_min);
    free(p->scale_max);
    free(p->present);
    free(p->position);
    free(p->salience);
    free(p->capability);
    free(p->position_unc);
    free(p->salience_unc);
    free(p->capability_unc);
    free(p->status_quo);
    free(p->rank);
    free(p);
}

static int problem_apply_shock_body(ent_problem *p, const ent_event *e,
                                    ent_error *err)
{
    if (e->n_shocks == 0)
        return ent_fail(err, ENT_EXIT_INPUT,
                        "event %s has no shock to apply (events.csv, column "
                        "shock)",
                        e->id);
    for (int i = 0; i < e->n_shocks; i++) {
        const ent_shock *s = &e->shocks[i];
        int c = ent_cell(p, s->actor, s->issue);

        if (!p->present[c])
            return ent_fail(err, ENT_EXIT_INPUT,
                            "event %s: %s takes no part in %s in this period, "
                            "so its shock cannot apply",
                            e->id, p->actor_ids[s->actor],
                            p->issue_ids[s->issue]);
        if (s->field == ENT_FIELD_POSITION)
            p->position[c] = s->value;
        else if (s->field == ENT_FIELD_SALIENCE)
            p->salience[c] = s->value;
        else
            p->capability[c] = s->value;
    }
    return 0;
}

int ent_problem_apply_shock(ent_problem *p, const ent_event *e, ent_error *err)
{
    ENT_PROTECTED(int, -1, err, problem_apply_shock_body(p, e, err));
}

int ent_problem_has_actors(const ent_problem *p, int issue)
{
    for (int a = 0; a < p->n_actors; a++)
        if (p->present[ent_cell(p, a, issue)])
            return 1;
    return 0;
}
