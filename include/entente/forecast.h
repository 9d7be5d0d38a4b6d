/*
 * entente/forecast.h -- several engines on one period (a forecast), and
 * back-tests of each period's forecast against documented outcomes.
 */
#ifndef ENTENTE_FORECAST_H
#define ENTENTE_FORECAST_H

#include "model.h"

typedef struct ent_forecast {
    const ent_problem *problem; /* borrowed */
    int n_models;
    const ent_engine **engines; /* [n_models] */
    ent_trace **traces;         /* [n_models] arrays of traces */
    int *n_traces;              /* [n_models] */
} ent_forecast;

/* Runs engines[m] with opts[m] on the problem.  Caller frees *out. */
int ent_forecast_run(const ent_problem *p, const ent_engine *const *engines,
                     const ent_model_options *opts, int n_models,
                     ent_forecast **out, ent_error *err);
void ent_forecast_free(ent_forecast *f);

/* The trace of model m that covers problem issue `issue`, with the issue's
   column in it; NULL if the model did not run on that issue. */
const ent_trace *ent_forecast_trace(const ent_forecast *f, int m, int issue,
                                    int *column);
/* Model m's final outcome on the issue; NAN if none. */
double ent_forecast_outcome(const ent_forecast *f, int m, int issue);

/*
 * The up to `k` actors whose position on trace column `column` moved most
 * between round 0 and the last round (largest |change| first, ties by
 * actor order; actors that did not move are left out).  Writes problem
 * actor indices and signed moves; returns the count.
 */
int ent_trace_movers(const ent_trace *t, int column, int k, int *actors,
                     double *moves);

/* One back-test comparison. */
typedef struct ent_backtest_row {
    int period, issue; /* scenario indices */
    const char *model; /* engine name, or "status_quo" */
    double forecast, observed;
} ent_backtest_row;

typedef struct ent_backtest {
    ent_backtest_row *rows;
    int n_rows;
    int n_models;        /* models + the status-quo baseline */
    const char **models; /* [n_models], "status_quo" last */
    double *mae;         /* [n_models] mean absolute error */
    int *count;          /* [n_models] rows behind each MAE */
} ent_backtest;

/*
 * For every period with documented outcomes, runs each engine on that
 * period's positions and compares its outcome on each issue with the
 * observed value; the status-quo baseline forecasts no change.  Caller
 * frees *out with ent_backtest_free.
 */
int ent_backtest_run(const ent_scenario *sc, const ent_engine *const *engines,
                     const ent_model_options *opts, int n_models,
                     ent_backtest **out, ent_error *err);
void ent_backtest_free(ent_backtest *b);

#endif
