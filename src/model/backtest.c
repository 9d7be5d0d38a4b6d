/*
 * backtest.c -- each period's forecast against what happened later.
 *
 * For every period whose forecast can be scored (backtest_targets),
 * each engine runs on that period's positions; its outcome on each issue is
 * compared with the observed value (outcomes.csv) of every target period,
 * h = 1 to ENT_BACKTEST_MAX_HORIZON years later (or the same period when
 * periods are not years).  Beside the engines stand the no-change and the
 * trend baselines.  For each target the forecast is made again with the
 * shocks of the events dated between the two periods, and an ensemble of
 * perturbed runs gives the anchor-band probabilities behind the ranked
 * probability scores (backtest_score.c).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "entente/ensemble.h"
#include "entente/forecast.h"
#include "entente/validation.h"
#include "entente/whatif.h"
#include "model/backtest.h"
#include "util/protect.h"

/* The forecasts of one problem: point forecasts, and band probabilities
   when an ensemble ran. */
typedef struct bt_pred {
    ent_forecast *f;
    ent_ensemble_result *e; /* NULL without runs */
} bt_pred;

typedef struct bt_ctx {
    const ent_scenario *sc;
    const ent_engine *const *engines;
    const ent_model_options *opts;
    int n_models;
    ent_backtest_options bo; /* defaults resolved */
    ent_band **bands;        /* [n_issues] */
    int any_bands;           /* an issue has two bands or more */
    ent_backtest *b;
} bt_ctx;

static void pred_free(bt_pred *p)
{
    ent_forecast_free(p->f);
    ent_ensemble_free(p->e);
    p->f = NULL;
    p->e = NULL;
}

static int predict(const bt_ctx *c, const ent_problem *p, bt_pred *out,
                   ent_error *err)
{
    ent_ensemble_options eo;

    out->f = NULL;
    out->e = NULL;
    if (ent_forecast_run(p, c->engines, c->opts, c->n_models, &out->f, err) !=
        0)
        return -1;
    if (c->bo.runs <= 0 || !c->any_bands)
        return 0;
    memset(&eo, 0, sizeof eo);
    eo.runs = c->bo.runs;
    eo.seed = c->bo.seed;
    eo.threads = c->bo.threads;
    eo.noise = c->bo.noise;
    eo.engines = c->engines;
    eo.n_engines = c->n_models;
    eo.model_opts = c->opts;
    eo.issues = c->sc->issues;
    if (ent_ensemble_run(p, &eo, &out->e, err) != 0) {
        pred_free(out);
        return -1;
    }
    return 0;
}

/* RPS of a forecast certain of the band holding v. */
static double rps_point(const ent_band *bands, int n, double v, int observed)
{
    double prob[64] = {0};

    if (n < 2 || n > 64 || !isfinite(v))
        return NAN;
    prob[ent_band_index(bands, n, v)] = 1;
    return ent_rps(prob, n, observed);
}

/* RPS of model m's ensemble on issue k; NAN without one. */
static double rps_model(const bt_ctx *c, const bt_pred *p, int m, int k,
                        int observed)
{
    const ent_summary *s;
    int n = c->sc->issues[k].n_anchors;

    if (!p->e || !p->e->is_root || n < 2)
        return NAN;
    s = &p->e->summary[(size_t)m * (size_t)p->e->n_issues + (size_t)k];
    if (!s->band_prob || s->n == 0)
        return NAN;
    return ent_rps(s->band_prob, n, observed);
}

static ent_backtest_row *add_row(ent_backtest *b, const ent_backtest_row *r)
{
    b->rows = ent_xrealloc(b->rows, sizeof *b->rows * (size_t)(b->n_rows + 1));
    b->rows[b->n_rows] = *r;
    return &b->rows[b->n_rows++];
}

/* The two baselines' rows for outcome o from period t. */
static void add_baselines(const bt_ctx *c, ent_backtest_row r, int observed)
{
    const ent_band *bands = c->bands[r.issue];
    int n = c->sc->issues[r.issue].n_anchors;

    if (isnan(r.status_quo))
        return;
    r.model = "status_quo";
    r.forecast = r.forecast_shocks = r.status_quo;
    r.rps = r.rps_shocks = rps_point(bands, n, r.forecast, observed);
    add_row(c->b, &r);
    if (r.horizon == 0)
        return;
    r.model = "trend";
    r.forecast = r.forecast_shocks =
        ent_backtest_trend(c->sc, r.period, r.issue, r.horizon);
    r.rps = r.rps_shocks = rps_point(bands, n, r.forecast, observed);
    if (isfinite(r.forecast))
        add_row(c->b, &r);
}

/* Rows of every outcome of period `target` from the forecasts of period t:
   plain (p) and with shocks (s, which may be p itself). */
static void add_target(const bt_ctx *c, const ent_problem *prob, int t,
                       int target, const bt_pred *p, const bt_pred *s,
                       int n_shocks)
{
    const ent_scenario *sc = c->sc;

    for (int i = 0; i < sc->n_outcomes; i++) {
        const ent_outcome *o = &sc->outcomes[i];
        int k = o->issue, nb = sc->issues[k].n_anchors, ob = 0;
        ent_backtest_row r;
        double uniform[64];

        if (o->period != target)
            continue;
        memset(&r, 0, sizeof r);
        r.period = t;
        r.issue = k;
        r.target = target;
        r.observed = o->observed;
        r.horizon = ent_scenario_period_year(sc, target) -
                    ent_scenario_period_year(sc, t);
        r.inferred = o->inferred;
        r.spans_break =
            ent_scenario_spans_break(sc, ent_scenario_period_year(sc, t),
                                     ent_scenario_period_year(sc, target));
        r.status_quo = prob->status_quo[k];
        r.n_shocks = n_shocks;
        r.rps_uniform = NAN;
        if (nb >= 2 && nb <= 64) {
            ob = ent_band_index(c->bands[k], nb, o->observed);
            for (int j = 0; j < nb; j++)
                uniform[j] = 1.0 / nb;
            r.rps_uniform = ent_rps(uniform, nb, ob);
        }
        for (int m = 0; m < c->n_models; m++) {
            r.model = c->engines[m]->name;
            r.forecast = ent_forecast_outcome(p->f, m, k);
            r.forecast_shocks = ent_forecast_outcome(s->f, m, k);
            r.rps = rps_model(c, p, m, k, ob);
            r.rps_shocks = rps_model(c, s, m, k, ob);
            if (!isnan(r.forecast))
                add_row(c->b, &r);
        }
        add_baselines(c, r, ob);
    }
}

/* The forecasts with the shocks of events[0..n) applied to a copy of p;
 *applied gets how many took effect (0: *out left empty). */
static int predict_shocked(const bt_ctx *c, const ent_problem *p,
                           const int *events, int n, bt_pred *out, int *applied,
                           ent_error *err)
{
    ent_whatif w = {0};
    ent_problem *q = ent_problem_clone(p);
    int rc = 0;

    *applied = 0;
    out->f = NULL;
    out->e = NULL;
    for (int i = 0; i < n && rc == 0; i++)
        rc = ent_whatif_add_shock(&w, c->sc, c->sc->events[events[i]].id,
                                  "events.csv", err);
    if (rc == 0)
        rc = ent_whatif_apply(&w, c->sc, q, 0, applied, err);
    if (rc == 0 && *applied > 0)
        rc = predict(c, q, out, err);
    ent_whatif_free(&w);
    ent_problem_free(q);
    return rc;
}

static int same_events(const int *a, int na, const int *b, int nb)
{
    return na == nb && (na == 0 || memcmp(a, b, sizeof *a * (size_t)na) == 0);
}

/* Scores period t's forecasts (problem p, forecasts plain) at each of its
   targets, re-forecasting with shocks where the events change. */
static int score_targets(const bt_ctx *c, int t, const ent_problem *p,
                         const bt_pred *plain, ent_error *err)
{
    int targets[ENT_BACKTEST_MAX_HORIZON + 1];
    int n = backtest_targets(c->sc, t, targets);
    int ev[64], prev[64], n_ev, n_prev = -1, applied = 0, rc = 0;
    bt_pred shocked = {NULL, NULL};

    for (int j = 0; j < n && rc == 0; j++) {
        n_ev = ent_backtest_shocks(c->sc, t, targets[j], ev, 64);
        if (!same_events(ev, n_ev, prev, n_prev)) {
            pred_free(&shocked);
            rc = predict_shocked(c, p, ev, n_ev, &shocked, &applied, err);
            memcpy(prev, ev, sizeof *ev * (size_t)n_ev);
            n_prev = n_ev;
        }
        if (rc == 0)
            add_target(c, p, t, targets[j], plain, shocked.f ? &shocked : plain,
                       shocked.f ? applied : 0);
    }
    pred_free(&shocked);
    return rc;
}

/* Applies each change of w that finds something to change in the period;
   hits[i] counts the periods change i took effect in. */
static int apply_whatif(const ent_whatif *w, const ent_scenario *sc,
                        ent_problem *p, int *hits, ent_error *err)
{
    for (int i = 0; w && i < w->count; i++) {
        ent_whatif one = {w->items + i, 1};
        int applied;

        if (ent_whatif_apply(&one, sc, p, 0, &applied, err) != 0)
            return -1;
        hits[i] += applied;
    }
    return 0;
}

static int backtest_period(const bt_ctx *c, int t, const ent_whatif *w,
                           int *hits, ent_error *err)
{
    ent_problem *p;
    bt_pred plain;
    int rc;

    if (ent_problem_build(c->sc, t, &p, err) != 0)
        return -1;
    if (apply_whatif(w, c->sc, p, hits, err) != 0 ||
        predict(c, p, &plain, err) != 0) {
        ent_problem_free(p);
        return -1;
    }
    rc = score_targets(c, t, p, &plain, err);
    pred_free(&plain);
    ent_problem_free(p);
    return rc;
}

static int has_horizons(const ent_backtest *b)
{
    for (int r = 0; r < b->n_rows; r++)
        if (b->rows[r].horizon > 0)
            return 1;
    return 0;
}

static void compute_mae(ent_backtest *b, const ent_engine *const *engines,
                        int n_models)
{
    b->n_models = n_models + 1 + has_horizons(b);
    b->models = ent_xcalloc((size_t)b->n_models, sizeof *b->models);
    b->mae = ent_xcalloc((size_t)b->n_models, sizeof(double));
    b->count = ent_xcalloc((size_t)b->n_models, sizeof(int));
    for (int m = 0; m < n_models; m++)
        b->models[m] = engines[m]->name;
    b->models[n_models] = "status_quo";
    if (b->n_models > n_models + 1)
        b->models[n_models + 1] = "trend";
    for (int m = 0; m < b->n_models; m++) {
        double sum = 0;

        for (int r = 0; r < b->n_rows; r++)
            if (strcmp(b->rows[r].model, b->models[m]) == 0) {
                sum += fabs(b->rows[r].forecast - b->rows[r].observed);
                b->count[m]++;
            }
        b->mae[m] = b->count[m] ? sum / b->count[m] : NAN;
    }
}

static int backtest_run_body(const ent_scenario *sc,
                             const ent_engine *const *engines,
                             const ent_model_options *opts, int n_models,
                             ent_backtest **out, ent_error *err)
{
    return ent_backtest_run_with(sc, NULL, engines, opts, n_models, NULL, out,
                                 err);
}

int ent_backtest_run(const ent_scenario *sc, const ent_engine *const *engines,
                     const ent_model_options *opts, int n_models,
                     ent_backtest **out, ent_error *err)
{
    ENT_PROTECTED(int, (*out = NULL, -1), err,
                  backtest_run_body(sc, engines, opts, n_models, out, err));
}

static int backtest_run_whatif_body(const ent_scenario *sc, const ent_whatif *w,
                                    const ent_engine *const *engines,
                                    const ent_model_options *opts, int n_models,
                                    ent_backtest **out, ent_error *err)
{
    return ent_backtest_run_with(sc, w, engines, opts, n_models, NULL, out,
                                 err);
}

int ent_backtest_run_whatif(const ent_scenario *sc, const ent_whatif *w,
                            const ent_engine *const *engines,
                            const ent_model_options *opts, int n_models,
                            ent_backtest **out, ent_error *err)
{
    ENT_PROTECTED(
        int, (*out = NULL, -1), err,
        backtest_run_whatif_body(sc, w, engines, opts, n_models, out, err));
}

/* A change that took effect in no back-tested period is an error. */
static int check_hits(const ent_whatif *w, const int *hits, ent_error *err)
{
    for (int i = 0; w && i < w->count; i++)
        if (hits[i] == 0)
            return ent_fail(err, ENT_EXIT_INPUT,
                            "%s: %s changes nothing in any back-tested "
                            "period",
                            w->items[i].origin, w->items[i].label);
    return 0;
}

static void resolve_options(const ent_backtest_options *bo,
                            ent_backtest_options *out)
{
    memset(out, 0, sizeof *out);
    if (bo)
        *out = *bo;
    if (out->runs == 0)
        out->runs = ENT_BACKTEST_RUNS;
    if (out->seed == 0)
        out->seed = ENT_BACKTEST_SEED;
}

static int run_periods(bt_ctx *c, const ent_whatif *w, ent_error *err)
{
    int *hits = ent_xcalloc(w && w->count ? (size_t)w->count : 1, sizeof(int));
    int periods = 0, rc = 0;
    int targets[ENT_BACKTEST_MAX_HORIZON + 1];

    c->bands = ent_xcalloc((size_t)c->sc->n_issues + 1, sizeof(ent_band *));
    for (int k = 0; k < c->sc->n_issues; k++) {
        c->bands[k] = ent_bands_of_issue(&c->sc->issues[k]);
        c->any_bands |= c->sc->issues[k].n_anchors >= 2;
    }
    for (int t = 0; t < c->sc->periods.count && rc == 0; t++) {
        if (backtest_targets(c->sc, t, targets) == 0)
            continue;
        periods++;
        rc = backtest_period(c, t, w, hits, err);
    }
    if (rc == 0 && periods == 0)
        rc = ent_fail(err, ENT_EXIT_INPUT,
                      "%s: no documented outcomes (outcomes.csv) to test "
                      "against",
                      c->sc->name);
    if (rc == 0)
        rc = check_hits(w, hits, err);
    for (int k = 0; k < c->sc->n_issues; k++)
        ent_bands_free(c->bands[k], c->sc->issues[k].n_anchors);
    free(c->bands);
    free(hits);
    return rc;
}

static int backtest_run_with_body(const ent_scenario *sc, const ent_whatif *w,
                                  const ent_engine *const *engines,
                                  const ent_model_options *opts, int n_models,
                                  const ent_backtest_options *bo,
                                  ent_backtest **out, ent_error *err)
{
    ent_backtest *b = ent_xcalloc(1, sizeof *b);
    bt_ctx c = {sc, engines, opts, n_models, {0}, NULL, 0, b};

    *out = NULL;
    resolve_options(bo, &c.bo);
    b->runs = c.bo.runs > 0 ? c.bo.runs : 0;
    b->seed = c.bo.seed;
    b->noise = c.bo.noise;
    if (run_periods(&c, w, err) != 0) {
        ent_backtest_free(b);
        return -1;
    }
    if (!c.any_bands)
        b->runs = 0;
    compute_mae(b, engines, n_models);
    backtest_score(sc, b);
    if (ent_validate(sc, b, ENT_VALIDATION_RESAMPLES, ENT_VALIDATION_SEED,
                     &b->validation, err) != 0) {
        ent_backtest_free(b);
        return -1;
    }
    *out = b;
    return 0;
}

int ent_backtest_run_with(const ent_scenario *sc, const ent_whatif *w,
                          const ent_engine *const *engines,
                          const ent_model_options *opts, int n_models,
                          const ent_backtest_options *bo, ent_backtest **out,
                          ent_error *err)
{
    ENT_PROTECTED(
        int, (*out = NULL, -1), err,
        backtest_run_with_body(sc, w, engines, opts, n_models, bo, out, err));
}

void ent_backtest_free(ent_backtest *b)
{
    if (!b)
        return;
    free(b->rows);
    free(b->models);
    free(b->mae);
    free(b->count);
    free(b->scores);
    ent_validation_free(b->validation);
    free(b);
}
