/*
 * entente/forecast.h -- several engines on one period (a forecast), and
 * back-tests of each period's forecast against documented outcomes.
 */
#ifndef ENTENTE_FORECAST_H
#define ENTENTE_FORECAST_H

#include "model.h"
#include "whatif.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ent_forecast {
    /* the inputs the models ran on, shocks applied: an owned copy of the
       problem given to ent_forecast_run, so renderers need not reach back
       into the scenario's coded values (names still borrowed from it) */
    const ent_problem *problem;
    int n_models;
    const ent_engine **engines; /* [n_models] */
    ent_trace **traces;         /* [n_models] arrays of traces */
    int *n_traces;              /* [n_models] */
    ent_error *errors;          /* [n_models * n_issues], code 0 = none */
    int n_failed;               /* engine runs that failed */
} ent_forecast;

#define ENT_MAX_MODELS 8  /* models in one forecast */
#define ENT_MAX_PARAMS 96 /* parameters per model */

/*
 * What a caller asks of the models, over a scenario's [model] settings.
 * Every field left 0 / NULL keeps the scenario's setting.  Parameters are
 * (engine, name, value) triples; they apply after the scenario's own, so
 * they override them.  Strings are borrowed.
 */
typedef struct ent_model_request {
    const char *models; /* "eu,smp": names, comma-separated, no empty item */
    int rounds;         /* round limit */
    const char *stop;   /* "settle" or "rounds" */
    double tolerance;   /* settle tolerance, in scale widths */
    const char *const *param_engines; /* [n_params] */
    const ent_option *params;         /* [n_params] */
    int n_params;
} ent_model_request;

/*
 * The engines a forecast runs and their options: the scenario's [model]
 * settings (models, rounds, stop, tolerance, engine parameters) with the
 * request applied on top, so that every program that forecasts a scenario
 * runs the same models in the same way.  Without models in either, the
 * set is mean, median, eu.  The first model gives the headline forecast.
 * opts[m].params point into params[m] and into the scenario and request
 * strings: do not copy the struct, and keep those alive while it is used.
 */
typedef struct ent_model_set {
    int count;
    const ent_engine *engines[ENT_MAX_MODELS];
    ent_model_options opts[ENT_MAX_MODELS];
    ent_option params[ENT_MAX_MODELS][ENT_MAX_PARAMS];
} ent_model_set;

/* Fills *out; req may be NULL.  Returns 0, or -1 with an input error (an
   unknown model or stop rule, an empty list item, too many models or
   parameters). */
ENT_API int ent_model_set_resolve(const ent_scenario *sc,
                                  const ent_model_request *req,
                                  ent_model_set *out, ent_error *err);

/*
 * Runs engines[m] with opts[m] (opts may be NULL: defaults) on the
 * problem.  A runtime failure of one engine on one issue (or, for a
 * multidimensional engine, on the whole period) is recorded as that
 * model's error on the issue (ent_forecast_error) and the other results
 * are kept; an input error (bad parameters) fails the whole forecast.
 * Caller frees *out.
 */
ENT_API int ent_forecast_run(const ent_problem *p,
                             const ent_engine *const *engines,
                             const ent_model_options *opts, int n_models,
                             ent_forecast **out, ent_error *err);
ENT_API void ent_forecast_free(ent_forecast *f);

/* The trace of model m that covers problem issue `issue`, with the issue's
   column in it; NULL if the model did not run on that issue. */
ENT_API const ent_trace *ent_forecast_trace(const ent_forecast *f, int m,
                                            int issue, int *column);
/* Model m's forecast on the issue (ent_trace.forecast: defined from how
   the run ended); NAN if none. */
ENT_API double ent_forecast_outcome(const ent_forecast *f, int m, int issue);
/* How model m's run on the issue ended, and the range of its outcome over
   the rounds the forecast is computed from (lo, hi may be NULL); NULL if
   the model did not run on the issue. */
ENT_API const ent_stop *ent_forecast_stop(const ent_forecast *f, int m,
                                          int issue, double *lo, double *hi);
/*
 * The model whose forecast is the headline on the issue: the first listed
 * model whose run settled there, at a fixed point or in a cycle whose
 * outcome range is at most ENT_HEADLINE_CYCLE_WIDTH of the scale; if none
 * did, the first model with a result.  -1 if no model has one.
 */
#define ENT_HEADLINE_CYCLE_WIDTH 0.1
ENT_API int ent_forecast_headline(const ent_forecast *f, int issue);

/* Model m's error on the issue, or NULL if it did not fail there. */
ENT_API const ent_error *ent_forecast_error(const ent_forecast *f, int m,
                                            int issue);

/*
 * The up to `k` actors whose position on trace column `column` moved most
 * between round 0 and the last round (largest |change| first, ties by
 * actor order; actors that did not move are left out).  Writes problem
 * actor indices and signed moves; returns the count.
 */
ENT_API int ent_trace_movers(const ent_trace *t, int column, int k, int *actors,
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
    int n_models;                      /* models + the status-quo baseline */
    const char **models;               /* [n_models], "status_quo" last */
    double *mae;                       /* [n_models] mean absolute error */
    int *count;                        /* [n_models] rows behind each MAE */
    struct ent_validation *validation; /* owned: docs/validation.md */
} ent_backtest;

/*
 * For every period with documented outcomes, runs each engine on that
 * period's positions and compares its outcome on each issue with the
 * observed value; the status-quo baseline forecasts no change.  Caller
 * frees *out with ent_backtest_free.
 */
ENT_API int ent_backtest_run(const ent_scenario *sc,
                             const ent_engine *const *engines,
                             const ent_model_options *opts, int n_models,
                             ent_backtest **out, ent_error *err);
/* The same with a what-if applied to every period's inputs (changes that
   find nothing to change in a period are skipped there; one that changes
   nothing in any period is an input error).  w may be NULL. */
ENT_API int ent_backtest_run_whatif(const ent_scenario *sc, const ent_whatif *w,
                                    const ent_engine *const *engines,
                                    const ent_model_options *opts, int n_models,
                                    ent_backtest **out, ent_error *err);
ENT_API void ent_backtest_free(ent_backtest *b);

#ifdef __cplusplus
}
#endif

#endif
