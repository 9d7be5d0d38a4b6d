/*
 * backtest.c -- each period's forecast against what later happened.
 *
 * For every period that has rows in outcomes.csv, each engine runs on that
 * period's positions; its final outcome on each issue is compared with the
 * documented `observed` value.  The status-quo baseline forecasts that the
 * issue stays at the period's status quo (status_quo.csv, else the
 * status_quo column of outcomes.csv).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "entente/forecast.h"
#include "entente/whatif.h"
#include "entente/validation.h"

static void add_row(ent_backtest *b, int period, int issue, const char *model,
                    double forecast, double observed)
{
    ent_backtest_row *r;

    b->rows = ent_xrealloc(b->rows, sizeof *b->rows * (size_t)(b->n_rows + 1));
    r = &b->rows[b->n_rows++];
    r->period = period;
    r->issue = issue;
    r->model = model;
    r->forecast = forecast;
    r->observed = observed;
}

static int period_has_outcomes(const ent_scenario *sc, int period)
{
    for (int i = 0; i < sc->n_outcomes; i++)
        if (sc->outcomes[i].period == period)
            return 1;
    return 0;
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

static int backtest_period(const ent_scenario *sc, int period,
                           const ent_whatif *w, int *hits,
                           const ent_engine *const *engines,
                           const ent_model_options *opts, int n_models,
                           ent_backtest *b, ent_error *err)
{
    ent_problem *p;
    ent_forecast *f;

    if (ent_problem_build(sc, period, &p, err) != 0)
        return -1;
    if (apply_whatif(w, sc, p, hits, err) != 0 ||
        ent_forecast_run(p, engines, opts, n_models, &f, err) != 0) {
        ent_problem_free(p);
        return -1;
    }
    for (int i = 0; i < sc->n_outcomes; i++) {
        const ent_outcome *o = &sc->outcomes[i];

        if (o->period != period)
            continue;
        for (int m = 0; m < n_models; m++) {
            double v = ent_forecast_outcome(f, m, o->issue);

            if (!isnan(v))
                add_row(b, period, o->issue, engines[m]->name, v, o->observed);
        }
        if (!isnan(p->status_quo[o->issue]))
            add_row(b, period, o->issue, "status_quo", p->status_quo[o->issue],
                    o->observed);
    }
    ent_forecast_free(f);
    ent_problem_free(p);
    return 0;
}

static void compute_mae(ent_backtest *b, const ent_engine *const *engines,
                        int n_models)
{
    b->n_models = n_models + 1;
    b->models = ent_xcalloc((size_t)b->n_models, sizeof *b->models);
    b->mae = ent_xcalloc((size_t)b->n_models, sizeof(double));
    b->count = ent_xcalloc((size_t)b->n_models, sizeof(int));
    for (int m = 0; m < n_models; m++)
        b->models[m] = engines[m]->name;
    b->models[n_models] = "status_quo";
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

int ent_backtest_run(const ent_scenario *sc, const ent_engine *const *engines,
                     const ent_model_options *opts, int n_models,
                     ent_backtest **out, ent_error *err)
{
    return ent_backtest_run_whatif(sc, NULL, engines, opts, n_models, out, err);
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

int ent_backtest_run_whatif(const ent_scenario *sc, const ent_whatif *w,
                            const ent_engine *const *engines,
                            const ent_model_options *opts, int n_models,
                            ent_backtest **out, ent_error *err)
{
    ent_backtest *b = ent_xcalloc(1, sizeof *b);
    int *hits = ent_xcalloc(w && w->count ? (size_t)w->count : 1, sizeof(int));
    int periods = 0, rc = 0;

    *out = NULL;
    for (int p = 0; p < sc->periods.count && rc == 0; p++) {
        if (!period_has_outcomes(sc, p))
            continue;
        periods++;
        rc = backtest_period(sc, p, w, hits, engines, opts, n_models, b, err);
    }
    if (rc == 0 && periods == 0)
        rc = ent_fail(err, ENT_EXIT_INPUT,
                      "%s: no documented outcomes (outcomes.csv) to test "
                      "against",
                      sc->name);
    if (rc == 0)
        rc = check_hits(w, hits, err);
    free(hits);
    if (rc != 0) {
        ent_backtest_free(b);
        return -1;
    }
    compute_mae(b, engines, n_models);
    if (ent_validate(sc, b, ENT_VALIDATION_RESAMPLES, ENT_VALIDATION_SEED,
                     &b->validation, err) != 0) {
        ent_backtest_free(b);
        return -1;
    }
    *out = b;
    return 0;
}

void ent_backtest_free(ent_backtest *b)
{
    if (!b)
        return;
    free(b->rows);
    free(b->models);
    free(b->mae);
    free(b->count);
    ent_validation_free(b->validation);
    free(b);
}
