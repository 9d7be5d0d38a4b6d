/*
 * entente/model.h -- the bargaining engines and their common interface.
 *
 * A scenario period becomes an ent_problem: dense actor x issue arrays.
 * Every engine implements ent_engine (create from a problem slice, step one
 * round, report positions and outcome, free); ent_model_run drives an
 * engine and records an ent_trace.  Engines do no I/O and do not allocate
 * inside a round.
 */
#ifndef ENTENTE_MODEL_H
#define ENTENTE_MODEL_H

#include <stdint.h>

#include "common.h"
#include "scenario.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Dense inputs for one period.  Arrays indexed [actor * n_issues + issue].
 * Cells where present == 0 are ignored by every engine.  Names are borrowed
 * from the scenario, which must outlive the problem.
 */
typedef struct ent_problem {
    int n_actors, n_issues;
    const char **actor_ids, **actor_names; /* [n_actors] */
    const char **issue_ids, **issue_names; /* [n_issues] */
    double *scale_min, *scale_max;         /* [n_issues] */
    unsigned char *present;
    double *position, *salience, *capability; /* salience in 0..1 */
    double *position_unc, *salience_unc, *capability_unc;
    double *status_quo; /* [n_issues] where the issue stands; NAN unknown */
    int *rank; /* input order of the cell's row (position rows in file order,
                  so engines can sum in the order the input lists them) */
} ent_problem;

/* An empty problem: every array allocated and zeroed (no cell present,
   scales [0, 0], names NULL for the caller to fill, status quo NAN).
   Caller frees. */
ENT_API ent_problem *ent_problem_new(int n_actors, int n_issues);
/* Builds the problem of period `period` (index), status quo included
   (ent_scenario_status_quo).  Caller frees. */
ENT_API int ent_problem_build(const ent_scenario *sc, int period,
                              ent_problem **out, ent_error *err);
ENT_API ent_problem *ent_problem_clone(const ent_problem *p);
/*
 * Applies an event's shock (events.csv, column shock) to the problem: each
 * item sets an actor's position, salience or capability on an issue.  The
 * actor must take part in the issue in this period.  Returns 0, or -1 with
 * an input error (an event without a shock is an error too).
 */
ENT_API int ent_problem_apply_shock(ent_problem *p, const ent_event *e,
                                    ent_error *err);
ENT_API void ent_problem_free(ent_problem *p);
/* 1 if at least one actor takes part in the issue. */
ENT_API int ent_problem_has_actors(const ent_problem *p, int issue);
/* Index of the cell (actor, issue). */
static inline int ent_cell(const ent_problem *p, int actor, int issue)
{
    return actor * p->n_issues + issue;
}

/*
 * The slice of a problem an engine sees: n actors on d issues, every cell
 * present, capability one number per actor.  One-dimensional engines get
 * one issue and only the actors present on it; multidimensional engines
 * get every issue and every actor (see docs/models.md for how absent cells
 * are filled).  Positions on the issue scale; salience 0..1.
 */
typedef struct ent_slice {
    int n, d;
    const double *capability;            /* [n] */
    const double *position;              /* [n * d] */
    const double *salience;              /* [n * d] */
    const double *scale_min, *scale_max; /* [d] */
    /* Multidimensional slices only (NULL otherwise): the capability of
       every cell, 0 where absent, and for each issue k the slice actors
       in input order, present ones first (order[k * n + t]). */
    const double *cell_capability; /* [n * d] */
    const int *order;              /* [d * n] */
    /* Where each issue stands (the problem's status quo), NAN where
       unknown; NULL when the caller gives none. */
    const double *status_quo; /* [d] */
} ent_slice;

/* A model parameter given by name, as on the command line. */
typedef struct ent_option {
    const char *name;
    const char *value;
} ent_option;

/*
 * How an iterative run ends (docs/models.md, "Stopping and settling").
 * ENT_STOP_SETTLE, the default, stops at a fixed point or when the states
 * enter a cycle, and at the latest at the round limit (ENT_SETTLE_ROUNDS
 * unless given); the forecast is defined from where the run settled.
 * ENT_STOP_ROUNDS runs exactly the round limit (the engine's default_rounds
 * unless given) and forecasts the last round: the reproduction mode.
 * An engine's own stopping rule (KTAB's for smp) applies under both.
 */
typedef enum ent_stop_rule {
    ENT_STOP_SETTLE = 0,
    ENT_STOP_ROUNDS = 1
} ent_stop_rule;

#define ENT_SETTLE_ROUNDS 100     /* default round limit under settle */
#define ENT_SETTLE_TOLERANCE 1e-9 /* default tolerance, scale widths */
#define ENT_SETTLE_WINDOW 10      /* rounds an unsettled forecast averages */

/* "settle", "rounds", NULL; parses / names ent_stop_rule values. */
ENT_API const char *const *ent_stop_rule_names(void);

typedef struct ent_model_options {
    int rounds;               /* round limit; 0 = the rule's default */
    const ent_option *params; /* engine parameters (name=value) */
    int n_params;
    ent_stop_rule stop; /* ENT_STOP_SETTLE (0) or ENT_STOP_ROUNDS */
    double tolerance;   /* settle tolerance; 0 = ENT_SETTLE_TOLERANCE */
    /* Optional, for callers that run many copies of a problem
       (ent_model_options_for_run, ent_model_ws_set_run): engines that draw
       random numbers from a counter-based stream (the exchange engine with
       rng=random) then use stream `run` of `run_seed`, so run `run` draws
       the same numbers whoever computes it.  Ensembles set them for every
       run.  in_run = 0 elsewhere. */
    int in_run;
    uint64_t run_seed, run;
} ent_model_options;

/* A copy of *o (or of no options when o is NULL) for ensemble run `run` of
   generator `seed`. */
ENT_API ent_model_options ent_model_options_for_run(const ent_model_options *o,
                                                    uint64_t seed,
                                                    uint64_t run);

/* Why a run stopped. */
typedef enum ent_stop_reason {
    ENT_STOPPED_CONVERGED = 0, /* a fixed point, or the engine's own rule */
    ENT_STOPPED_CYCLE,         /* the states repeat with period > 1 */
    ENT_STOPPED_LIMIT          /* the round limit, unsettled */
} ent_stop_reason;

/* "converged", "cycle", "limit". */
ENT_API const char *ent_stop_reason_name(ent_stop_reason r);

/*
 * How a run ended.  `round` is the round at which the run settled (the
 * first round whose state repeats the one before it, or that completes a
 * repeated cycle) or, for ENT_STOPPED_LIMIT, the last round run.  `period`
 * is the cycle length (0 unless the reason is a cycle; 1 would be a fixed
 * point).  `window` is the number of final rounds the forecast is computed
 * from: 1 for a fixed point, the period for a cycle, up to
 * ENT_SETTLE_WINDOW for an unsettled run.  `by_engine` is 1 when the
 * engine's own stopping rule ended the run.
 */
typedef struct ent_stop {
    ent_stop_rule rule;
    ent_stop_reason reason;
    int round, period, window, by_engine;
} ent_stop;

/* A bargain proposed in a round (multidimensional engines). */
typedef struct ent_bargain {
    int round;               /* the round it was proposed in (1-based) */
    int initiator, receiver; /* slice actor indices */
    double *initiator_pos;   /* [d], owned */
    double *receiver_pos;    /* [d], owned */
    int chosen_by_initiator, chosen_by_receiver;
} ent_bargain;

/* An exchange of voting positions (the exchange engine): actor i gives
   way on issue supply_i, actor j on supply_j, each on the other's demand. */
typedef struct ent_exchange {
    int round;              /* the round it was executed in (1-based) */
    int actor_i, actor_j;   /* slice actor indices */
    int supply_i, supply_j; /* slice issue indices */
    double from_i, to_i;    /* i's position on supply_i, issue scale */
    double from_j, to_j;    /* j's position on supply_j */
    double gain;            /* each side's utility gain (equal gain) */
} ent_exchange;

/*
 * What one engine run produced.  positions[(r * n + i) * d + k] is actor i's
 * position on issue k after round r (round 0 = the inputs).
 */
typedef struct ent_trace {
    const char *model; /* engine name (static) */
    int n, d;          /* actors and issues of the slice */
    int *actors;       /* [n] problem actor indices */
    int *issues;       /* [d] problem issue indices */
    int n_rounds;      /* recorded states, including round 0 */
    double *positions; /* [n_rounds * n * d] */
    double *outcome;   /* [n_rounds * d] forecast after each round */
    /* how the run ended, and the forecast defined from it: under settle
       the outcome of a fixed point, the mean over a cycle's rounds, or the
       mean over the last rounds of an unsettled run; under rounds the last
       round's outcome.  lo/hi: the outcome's range over the same rounds */
    ent_stop stop;
    double *forecast, *range_lo, *range_hi; /* [d] */
    /* engine extras; NULL / 0 when the engine has none */
    double *effective_power; /* [n_rounds * n] */
    double *stop_ratio;      /* [n_rounds] */
    ent_bargain *bargains;
    int n_bargains;
    char *warning;           /* owned; what the engine let pass (e.g. smp's
                                TwoPositions=warn on a binary issue), NULL if none */
    ent_exchange *exchanges; /* in execution order */
    int n_exchanges;
} ent_trace;

/* Frees what one trace owns and zeroes it; the ent_trace itself is not
   freed (traces live in arrays: see ent_traces_free).  NULL is a no-op. */
ENT_API void ent_trace_clear(ent_trace *t);
/* The same as ent_trace_clear (the older name). */
ENT_API void ent_trace_free(ent_trace *t);
/* Frees an array of n traces from ent_model_run: each trace's contents,
   then the array.  NULL is a no-op. */
ENT_API void ent_traces_free(ent_trace *traces, int n);

/* ent_engine.step: the engine's fixed run length is over. */
#define ENT_STEP_RUN_LENGTH 2

/* The common engine interface. */
typedef struct ent_engine {
    const char *name;     /* "mean", "median", "eu", "smp", ... */
    const char *summary;  /* one line for --help */
    int multidimensional; /* 1: all issues at once; 0: one issue */
    int default_rounds;   /* 0 = one-shot (no rounds) */
    /* Checks parameters and allocates everything the run needs. */
    void *(*create)(const ent_slice *s, const ent_model_options *o,
                    ent_error *err);
    /* One round.  Returns 1 if the run goes on, 0 if the engine's stopping
       rule fired because nothing can change any more (positions are those
       of the last round), ENT_STEP_RUN_LENGTH if the engine's own fixed
       run length is over (a model without a convergence test: the run
       ends unsettled unless the driver saw it settle), -1 on error. */
    int (*step)(void *state, ent_error *err);
    const double *(*positions)(const void *state);   /* [n * d] */
    void (*outcome)(const void *state, double *out); /* [d] */
    /* Optional: copy engine extras of the round just stepped (or round 0)
       into the trace; may be NULL. */
    void (*record)(const void *state, int round, ent_trace *t);
    void (*destroy)(void *state);
    /* Optional: makes `state` what create() would return for slice s (of
       the n and d it was created for; same options), without allocating,
       so that repeated runs reuse one state.  Returns 0, or -1 with an
       input error as create() would.  NULL: runs create a new state.
       Only for engines whose runs do not depend on the options' run
       (in_run, run_seed, run): reset does not see them change. */
    int (*reset)(void *state, const ent_slice *s, ent_error *err);
} ent_engine;

/* Engines by name; NULL if unknown.  ent_engines() lists all, NULL-ended. */
ENT_API const ent_engine *ent_engine_find(const char *name);
ENT_API const ent_engine *const *ent_engines(void);

/*
 * Runs an engine on a problem.  One-dimensional engines yield one trace per
 * issue with at least one present actor; multidimensional engines yield a
 * single trace over every issue.  *traces is an owned array of *n_traces
 * traces, freed with ent_traces_free(*traces, *n_traces).
 */
ENT_API int ent_model_run(const ent_engine *engine, const ent_problem *p,
                          const ent_model_options *o, ent_trace **traces,
                          int *n_traces, ent_error *err);

/*
 * Runs a one-dimensional engine on problem issue `issue`, or a
 * multidimensional one on every issue (`issue` ignored), filling *t.
 * Returns 1, 0 when no actor takes part (t untouched), or -1 on error.
 */
ENT_API int ent_model_run_issue(const ent_engine *engine, const ent_problem *p,
                                const ent_model_options *o, int issue,
                                ent_trace *t, ent_error *err);

/*
 * The forecast only (as ent_trace.forecast defines it), without recording
 * the trajectory, for Monte Carlo runs: out[k] for every problem issue k
 * (NAN where the issue has no actors).
 */
ENT_API int ent_model_outcome(const ent_engine *engine, const ent_problem *p,
                              const ent_model_options *o, double *out,
                              ent_error *err);
/* The same, also writing how the run on each issue ended: stops[k] for
   every problem issue k (left unchanged where the issue has no actors);
   stops may be NULL. */
ENT_API int ent_model_settle(const ent_engine *engine, const ent_problem *p,
                             const ent_model_options *o, double *out,
                             ent_stop *stops, ent_error *err);

/*
 * Storage for many ent_model_settle runs of one engine with one set of
 * options, e.g. one per thread of a Monte Carlo ensemble: the slices, the
 * engine states (reset between runs when the engine can) and the settle
 * detectors are kept from one problem to the next and rebuilt only when
 * the problem's shape (actors, issues, which cells are present) changes.
 * Results are bit for bit those of ent_model_settle.  o (and its params)
 * must outlive the workspace; not for concurrent use.
 */
typedef struct ent_model_ws ent_model_ws;

/* A workspace for `engine` with options o (borrowed: keep them alive);
   the caller frees it with ent_model_ws_free. */
ENT_API ent_model_ws *ent_model_ws_new(const ent_engine *engine,
                                       const ent_model_options *o);
/* ent_model_settle on p through the workspace: writes the forecast of
   each of p's issues to out[] and how each run ended to stops[].  Returns
   0, or -1 with err set (the engine's runtime or input error). */
ENT_API int ent_model_ws_settle(ent_model_ws *ws, const ent_problem *p,
                                double *out, ent_stop *stops, ent_error *err);
/*
 * Makes the following ent_model_ws_settle calls run `run` of generator
 * `seed`: the workspace's options become ent_model_options_for_run(o,
 * seed, run) of the options it was made with, so engines that draw from a
 * counter-based stream draw stream `run` (the exchange engine with
 * rng=random).  An ensemble calls it before each run, so every run draws
 * its own numbers, the same on any thread or process.
 */
ENT_API void ent_model_ws_set_run(ent_model_ws *ws, uint64_t seed,
                                  uint64_t run);
ENT_API void ent_model_ws_free(ent_model_ws *ws);

/* Parses a parameter value as a double / an integer / one of `names`
   (by name or index); returns -1 with an input error if it does not parse. */
ENT_API int ent_option_double(const ent_option *opt, double lo, double hi,
                              double *out, ent_error *err);
ENT_API int ent_option_choice(const ent_option *opt, const char *const *names,
                              int *out, ent_error *err);

/*
 * Weighted statistics of n positions x[] with weights w[] >= 0
 * (capability x salience), shared by the engines and usable on any row of
 * a trace: the weighted mean and median of round r of a one-dimensional
 * trace t are those of t->positions + r * t->n with the slice's weights.
 * Both return NAN when n == 0; when every weight is 0 they fall back to the
 * plain mean / unweighted median.
 */
ENT_API double ent_weighted_mean(int n, const double *x, const double *w);

/* How ent_weighted_median breaks ties, i.e. when several actor positions
   minimise F(p) = sum_k w_k |x_k - p| (see docs/models.md). */
typedef enum ent_median_tie {
    ENT_MEDIAN_LOW = 0, /* the lowest tied position (the default) */
    ENT_MEDIAN_HIGH,    /* the highest tied position */
    ENT_MEDIAN_MID,     /* the midpoint of the lowest and highest */
    ENT_MEDIAN_FIRST    /* the tied position of the earliest actor */
} ent_median_tie;

/* "low", "high", "mid", "first", NULL: the names of ent_median_tie values,
   for ent_option_choice. */
ENT_API const char *const *ent_median_tie_names(void);

/* Bytes of scratch ent_weighted_median needs for n positions. */
ENT_API size_t ent_weighted_median_work(int n);

/*
 * The weighted median voter: the actor position p minimising
 * F(p) = sum_k w_k |x_k - p|, i.e. the Condorcet winner among the actor
 * positions under pairwise majority with weights w.  Slopes of F that are
 * zero to within 1e-12 of the total weight count as ties.  `work` is
 * ent_weighted_median_work(n) bytes of scratch, or NULL to allocate; with
 * scratch given it does not allocate.  O(n log n).
 */
ENT_API double ent_weighted_median(int n, const double *x, const double *w,
                                   ent_median_tie tie, void *work);

/*
 * Fills order[0..n) with the actor indices sorted by x ascending, ties by
 * index (a stable sort that does not allocate; tmp is n ints of
 * scratch), so engines can sort inside a round.
 */
ENT_API void ent_sort_by_position(int n, const double *x, int *order, int *tmp);

#ifdef __cplusplus
}
#endif

#endif
