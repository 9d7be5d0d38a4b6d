/*
 * entente/forecast.h -- several engines on one period (a forecast), and
 * back-tests of each period's forecast against documented outcomes.
 */
#ifndef ENTENTE_FORECAST_H
#define ENTENTE_FORECAST_H

#include <stdint.h>

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
 * What a forecast of one scenario period runs on, as `entente run` builds
 * it: the period, the models and their options, and the period's problem
 * with the what-if applied.  Owned by the caller: ent_forecast_input_free.
 * It borrows the scenario (names, [model] strings) and the request's
 * strings: keep them alive while it is used.
 */
typedef struct ent_forecast_input {
    int period;           /* index into the scenario's periods */
    ent_model_set models; /* ent_model_set_resolve of scenario and request */
    ent_problem *problem; /* owned; the what-if applied */
} ent_forecast_input;

/*
 * Builds *out (the caller frees it with ent_forecast_input_free) for the
 * period with id `period` (NULL: the scenario's
 * default period), the model request `req` (NULL: the scenario's [model]
 * settings) and the what-if `w` (NULL or empty: none; every change must
 * take effect in that period).  Returns 0, or -1 with an input error (an
 * unknown period, model, stop rule or parameter; a change that finds
 * nothing to change) and *out NULL.  Thread-safe for distinct outputs.
 */
ENT_API int ent_forecast_prepare(const ent_scenario *sc, const char *period,
                                 const ent_model_request *req,
                                 const ent_whatif *w, ent_forecast_input **out,
                                 ent_error *err);
/* Frees in and its problem; NULL is a no-op. */
ENT_API void ent_forecast_input_free(ent_forecast_input *in);

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
/* Thread-safe on a finished forecast. */
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

/*
 * Back-tests.  A forecast made from the inputs of period t is scored
 * against the outcome (outcomes.csv) of the period `horizon` years later,
 * for horizons 1 to ENT_BACKTEST_MAX_HORIZON wherever that period has an
 * outcome.  In a scenario whose periods are not years (ent_scenario_
 * period_year 0), each period's forecast is scored against the same
 * period's outcome (horizon 0).  Beside the engines come two baselines:
 * "status_quo" (no change: the issue's status quo at t, the one
 * ent_problem_build gives the engines) and, where there are horizons,
 * "trend" (the change per year from the previous period's status quo to
 * t's, extrapolated over the horizon and clamped to the scale; no change
 * when t has no earlier period with a status quo).  docs/belarus.md gives
 * the method.
 */
#define ENT_BACKTEST_MAX_HORIZON 3
/* Direction of change: a change of at most this share of the scale width
   from the status quo counts as no change. */
#define ENT_BACKTEST_DEAD_BAND 0.01
/* Default ensemble runs per forecast behind the probabilistic scores, and
   the default seed. */
#define ENT_BACKTEST_RUNS 10
#define ENT_BACKTEST_SEED 1

/* One back-test comparison. */
typedef struct ent_backtest_row {
    int period, issue; /* scenario indices: the inputs forecast from */
    const char *model; /* engine name, "status_quo" or "trend" */
    double forecast, observed;
    int target;        /* period index of the outcome scored against */
    int horizon;       /* years from period to target (0: the same period) */
    int inferred;      /* the outcome's basis is "inferred" */
    int spans_break;   /* a structural-break year lies in (period, target] */
    double status_quo; /* the issue's status quo at `period`; NAN unknown */
    /* the forecast with the documented shocks of the events dated in
       (period, target] applied (ent_backtest_shocks); equal to forecast
       when none applies, and for the baselines */
    double forecast_shocks;
    int n_shocks; /* shock events that took effect in forecast_shocks */
    /* ranked probability score of the anchor-band probabilities (the
       ensemble's for an engine, all on the forecast's band for a
       baseline) against the observed band, with shocks, and of a uniform
       forecast over the same bands; NAN when the issue has no anchors or
       no ensemble ran */
    double rps, rps_shocks, rps_uniform;
} ent_backtest_row;

/* Which rows a summary covers: bits of a variant index 0..7. */
enum {
    ENT_BACKTEST_DOCUMENTED = 1, /* documented outcomes only */
    ENT_BACKTEST_NO_BREAKS = 2,  /* rows that span no structural break */
    ENT_BACKTEST_SHOCKS = 4,     /* forecast_shocks and rps_shocks */
    ENT_BACKTEST_VARIANTS = 8
};

/* "all" or "documented", then "_no_breaks", then "_shocks" as the bits
   say, e.g. "documented_no_breaks"; "?" out of range. */
ENT_API const char *ent_backtest_variant_name(int variant);

/* One model's scores at one horizon over one variant's rows. */
typedef struct ent_backtest_score {
    int n;      /* rows */
    double mae; /* mean absolute error, issue-scale points; NAN if n 0 */
    /* direction of change from the status quo at t, forecast against
       observed, each up, down or none (ENT_BACKTEST_DEAD_BAND): rows
       with a status quo, and those whose directions agree */
    int n_direction, hits;
    /* mean RPS over the n_rps rows that have one, the mean of a uniform
       forecast's over the same rows, skill = 1 - rps / rps_uniform
       (NAN when n_rps is 0 or rps_uniform is 0) */
    int n_rps;
    double rps, rps_uniform, skill;
} ent_backtest_score;

/* How a back-test runs; zero-initialised fields take the defaults. */
typedef struct ent_backtest_options {
    /* ensemble runs per forecast for the probabilistic scores; 0 means
       ENT_BACKTEST_RUNS, < 0 none (rps NAN) */
    long runs;
    uint64_t seed; /* 0 means ENT_BACKTEST_SEED */
    double noise;  /* as ent_ensemble_options.noise */
    int threads;   /* 0: OpenMP's default */
} ent_backtest_options;

typedef struct ent_backtest {
    ent_backtest_row *rows;
    int n_rows;
    int n_models;                      /* models + the baselines */
    const char **models;               /* [n_models]: engines, "status_quo",
                                          then "trend" when there are horizons */
    double *mae;                       /* [n_models] mean absolute error */
    int *count;                        /* [n_models] rows behind each MAE */
    struct ent_validation *validation; /* owned: docs/validation.md */
    int n_horizons;                    /* horizons with rows, ascending */
    int horizons[ENT_BACKTEST_MAX_HORIZON + 1];
    long runs; /* ensemble runs behind rps (0: none) */
    uint64_t seed;
    double noise;
    /* [(variant * n_models + m) * n_horizons + h] */
    ent_backtest_score *scores;
} ent_backtest;

/*
 * For every period whose forecast can be scored, runs each engine on that
 * period's positions and compares its outcome on each issue with the
 * observed value at each horizon, beside the baselines.  Caller frees *out
 * with ent_backtest_free.
 */
ENT_API int ent_backtest_run(const ent_scenario *sc,
                             const ent_engine *const *engines,
                             const ent_model_options *opts, int n_models,
                             ent_backtest **out, ent_error *err);
/* The same with a what-if applied to every period's inputs (changes that
   find nothing to change in a period are skipped there; one that changes
   nothing in any period is an input error).  w may be NULL.  The caller
   frees *out with ent_backtest_free. */
ENT_API int ent_backtest_run_whatif(const ent_scenario *sc, const ent_whatif *w,
                                    const ent_engine *const *engines,
                                    const ent_model_options *opts, int n_models,
                                    ent_backtest **out, ent_error *err);
/* The same with options (bo may be NULL: defaults); the caller frees *out
   with ent_backtest_free. */
ENT_API int ent_backtest_run_with(const ent_scenario *sc, const ent_whatif *w,
                                  const ent_engine *const *engines,
                                  const ent_model_options *opts, int n_models,
                                  const ent_backtest_options *bo,
                                  ent_backtest **out, ent_error *err);
/* Model m's scores at horizon index h (into b->horizons) over the rows of
   variant v; NULL when out of range. */
ENT_API const ent_backtest_score *ent_backtest_score_of(const ent_backtest *b,
                                                        int v, int m, int h);
/* The events with a shock dated in (year of period, year of target], in
   file order, into events[0..max) (scenario indices); returns the
   count. */
ENT_API int ent_backtest_shocks(const ent_scenario *sc, int period, int target,
                                int *events, int max);
/* The trend baseline of an issue from period t at `horizon` years (see
   above); NAN when t has no status quo. */
ENT_API double ent_backtest_trend(const ent_scenario *sc, int period, int issue,
                                  int horizon);
/* Ranked probability score of band probabilities prob[0..n) against
   observed band `observed`: the mean over the n - 1 inner band edges of
   (cumulative forecast - cumulative observed)^2; 0 for a certain correct
   forecast, 1 for a certain one at the wrong end.  0 when n < 2. */
ENT_API double ent_rps(const double *prob, int n, int observed);
ENT_API void ent_backtest_free(ent_backtest *b);

#ifdef __cplusplus
}
#endif

#endif
