/*
 * entente/ensemble.h -- Monte Carlo ensembles over input uncertainty.
 *
 * An ensemble runs every chosen engine on N perturbed copies of one
 * problem.  Run i perturbs positions, saliences and capabilities with
 * random numbers drawn from a counter-based generator keyed by (seed, i)
 * only, so every run -- and every summary -- is bitwise identical whatever
 * the number of threads or MPI processes.  The result holds every run's
 * outcome per model and issue, per (model, issue) summaries (median, 5th
 * and 95th percentiles, anchor-band probabilities) and, once
 * ent_ensemble_pivotal has run, the pivotal-actor deltas.  The maths and
 * the definitions are in docs/ensemble.md.
 */
#ifndef ENTENTE_ENSEMBLE_H
#define ENTENTE_ENSEMBLE_H

#include <stdint.h>

#include "model.h"
#include "scenario.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- Counter-based random numbers (Philox4x32-10) ------------------- */

/* One stream: key = seed, counter = (block, stream).  Plain value. */
typedef struct ent_rng {
    uint32_t key[2];
    uint32_t ctr[4]; /* ctr[0..1] block index, ctr[2..3] stream id */
    uint32_t buf[4]; /* the current block's output */
    int used;        /* words of buf consumed (4 = none left) */
} ent_rng;

/* The Philox4x32-10 bijection: out = philox(ctr, key). */
ENT_API void ent_philox4x32(const uint32_t ctr[4], const uint32_t key[2],
                            uint32_t out[4]);
/* Stream `stream` (a run index) of generator `seed`, from its start. */
ENT_API void ent_rng_init(ent_rng *r, uint64_t seed, uint64_t stream);
ENT_API uint32_t ent_rng_u32(ent_rng *r);
/* Uniform on [0, 1) with 53 random bits (two 32-bit words). */
ENT_API double ent_rng_uniform(ent_rng *r);

/* ---- Perturbation ---------------------------------------------------- */

/* Number of uniform draws one perturbation consumes per cell. */
#define ENT_PERTURB_DRAWS 3

/*
 * Writes into `out` (a problem of the same shape as `base`, e.g. its clone)
 * a copy of base's positions, saliences and capabilities, each moved by a
 * uniform draw within +- its uncertainty and clamped to the issue scale,
 * salience 0..1 and capability >= 0.  Where a cell declares no uncertainty
 * (0) and noise > 0, the uncertainty is noise x scale width (positions) or
 * noise x value (salience, capability).  Every cell, present or not, takes
 * ENT_PERTURB_DRAWS draws in cell order, so a run's numbers do not depend
 * on which cells are present.
 */
ENT_API void ent_perturb(const ent_problem *base, double noise, ent_rng *rng,
                         ent_problem *out);

/* ---- Summaries -------------------------------------------------------- */

/* Quantile q (0..1) of v[0..n-1] sorted ascending, Hyndman & Fan type 7
   (linear interpolation between order statistics; R's and numpy's
   default).  NAN when n == 0. */
ENT_API double ent_quantile_sorted(const double *v, long n, double q);

/* An anchor band of an issue scale: the values nearest to one anchor. */
typedef struct ent_band {
    double anchor;       /* the anchor's value */
    double lower, upper; /* [lower, upper); the last band includes upper */
    char *label;         /* owned */
} ent_band;

/* Bands of an issue: between midpoints of consecutive anchors, the first
   starting at the scale minimum, the last ending at the maximum.  Returns
   an owned array of issue->n_anchors bands (NULL when none). */
ENT_API ent_band *ent_bands_of_issue(const ent_issue *issue);
/* Frees n bands from ent_bands_of_issue (labels and array); NULL is a
   no-op. */
ENT_API void ent_bands_free(ent_band *bands, int n);
/* Index of the band holding v (bands ascending, n >= 1). */
ENT_API int ent_band_index(const ent_band *bands, int n, double v);

/* What the runs of one model say about one issue. */
typedef struct ent_summary {
    long n;          /* runs with a finite outcome */
    double baseline; /* outcome of the unperturbed problem */
    double mean, sd; /* sd with n - 1 in the denominator (0 if n < 2) */
    double median, p5, p95;
    double *band_prob; /* [n_bands of the issue], owned; NULL if none */
    /* how the runs ended (ent_stop_reason): runs that converged, cycled
       or reached the round limit unsettled */
    long n_converged, n_cycle, n_limit;
} ent_summary;

/*
 * Summarises x[0], x[stride], ... x[(n-1)*stride] (non-finite values are
 * left out) into s, with band probabilities when n_bands > 0.  s must be
 * zeroed or a previous summary (its band_prob is replaced); s->baseline is
 * left as it is.  0, or -1 when memory runs out (s is then valid to free
 * but its numbers are unspecified).
 */
ENT_API int ent_summarize(const double *x, long n, long stride,
                          const ent_band *bands, int n_bands, ent_summary *s);

/* Counts the stop reasons x[0], x[stride], ... (ent_stop_reason values
   as doubles; NAN = no outcome) into s->n_converged, n_cycle, n_limit. */
ENT_API void ent_count_stops(const double *x, long n, long stride,
                             ent_summary *s);

/* ---- Ensembles -------------------------------------------------------- */

/* Called on the calling thread with the runs done so far (of this
   process's share) and the share's size.  Must not call the library. */
typedef void (*ent_progress_fn)(void *ctx, long done, long total);

typedef struct ent_ensemble_options {
    long runs; /* > 0 */
    uint64_t seed;
    int threads;  /* 0 = OpenMP's default */
    double noise; /* >= 0, see ent_perturb */
    const ent_engine *const *engines;
    int n_engines;
    const ent_model_options *model_opts; /* [n_engines] or NULL */
    /* The problem's issues with their anchors ([n_issues], e.g. the
       scenario's issues array); NULL: no band probabilities. */
    const ent_issue *issues;
    /* Copied into the result for the record; any may be NULL. */
    const char *scenario, *title, *source, *period;
    /* 1: split the runs across MPI ranks when built with ENT_MPI and MPI
       is initialised (rank 0 receives everything); 0: this process only. */
    int distributed;
    ent_progress_fn progress; /* may be NULL */
    void *progress_ctx;
} ent_ensemble_options;

/* Model m's parameter list as stored with a result. */
typedef struct ent_model_record {
    char *name;         /* engine name */
    int rounds;         /* round limit given (0 = default) */
    ent_strlist params; /* "NAME=VALUE" */
} ent_model_record;

/* An exchange executed in one run of an ensemble (problem indices). */
typedef struct ent_run_exchange {
    int model; /* model index */
    long run;  /* run index, -1 for the unperturbed baseline */
    ent_exchange x;
} ent_run_exchange;

typedef struct ent_ensemble_result {
    /* what was run */
    char *scenario, *title, *source, *period; /* owned, may be NULL */
    long runs;
    uint64_t seed;
    double noise;
    double shift; /* pivotal shift (fraction of scale) */
    int n_models, n_issues, n_actors;
    ent_model_record *models;        /* [n_models] */
    char **issue_ids, **issue_names; /* [n_issues] */
    double *scale_min, *scale_max;   /* [n_issues] */
    int *n_bands;                    /* [n_issues] */
    ent_band **bands;                /* [n_issues] arrays (NULL if none) */
    char **actor_ids, **actor_names; /* [n_actors] */
    /* every run: outcomes[(run * n_models + m) * n_issues + k]; NAN where
       the issue has no actors; NULL on MPI ranks other than 0 */
    double *outcomes;
    /* how each of those runs ended, the same layout: ent_stop_reason as a
       double, NAN where there is no outcome; NULL when not computed (e.g.
       read from a results database) */
    double *stops;
    int has_stops;        /* 1: the summaries' stop counts are known */
    ent_summary *summary; /* [m * n_issues + k] */
    /* pivotal deltas (outcome change from the baseline), NULL until
       ent_ensemble_pivotal: [(m * n_issues + k) * n_actors + a], NAN where
       actor a is absent on issue k or the outcome is undefined */
    double *pivot_remove, *pivot_up, *pivot_down;
    /* exchanges of every run of the models that execute them, in model,
       run and execution order; NULL until ent_ensemble_exchanges */
    ent_run_exchange *exchanges;
    long n_exchanges;
    /* set when the result was read from a results database */
    long long batch_id;      /* 0 = not stored */
    char *created, *version; /* owned, may be NULL */
    int is_root;             /* 1 where outcomes and summaries are */
} ent_ensemble_result;

/*
 * Outcomes of runs [first, first + count) into out[(i * n_engines + m) *
 * n_issues + k] (i = run - first), and how each run ended into stops (the
 * same layout, ent_stop_reason as a double; may be NULL), on this
 * process's threads.  Every run
 * writes only its own slot, so the numbers do not depend on the number of
 * threads or on how runs are split into calls.
 */
ENT_API int ent_ensemble_compute(const ent_problem *p,
                                 const ent_ensemble_options *o, long first,
                                 long count, double *out, double *stops,
                                 ent_error *err);

/*
 * The whole ensemble: the baseline (unperturbed) outcome per model, every
 * run (split across MPI ranks when o->distributed), and the summaries in
 * run order.  *out is owned by the caller (ent_ensemble_free).  On MPI
 * ranks other than 0, (*out)->is_root is 0 and outcomes/summaries are
 * absent.
 */
ENT_API int ent_ensemble_run(const ent_problem *p,
                             const ent_ensemble_options *o,
                             ent_ensemble_result **out, ent_error *err);

/*
 * Pivotal actors on the unperturbed problem: for every model, issue and
 * actor present on it, the change of the outcome when the actor is removed
 * (from every issue) and when its position on that issue alone moves by
 * +shift and -shift times the scale width (clamped to the scale).  Fills
 * r->pivot_* and r->shift.  Runs on this process's threads.
 */
ENT_API int ent_ensemble_pivotal(const ent_problem *p,
                                 const ent_ensemble_options *o, double shift,
                                 ent_ensemble_result *r, ent_error *err);

/* 1 for engines whose traces record exchanges (ent_trace.exchanges). */
ENT_API int ent_engine_records_exchanges(const ent_engine *e);

/*
 * The exchanges behind the ensemble's outcomes: for every model that
 * executes exchanges, the baseline (run -1) and every run, recomputed
 * from (seed, run) on this process's threads; the same list for any
 * thread or process count.  Fills r->exchanges.
 */
ENT_API int ent_ensemble_exchanges(const ent_problem *p,
                                   const ent_ensemble_options *o,
                                   ent_ensemble_result *r, ent_error *err);

/* The largest |delta| of an actor (removal or either shift) on (m, k);
   NAN if none is defined.  *which (may be NULL) gets 'r', '+' or '-'. */
ENT_API double ent_pivot_largest(const ent_ensemble_result *r, int m, int k,
                                 int a, char *which);
/* Actors present on (m, k) ordered by ent_pivot_largest, largest first
   (ties by actor index); writes up to max indices, returns the count. */
ENT_API int ent_pivot_rank(const ent_ensemble_result *r, int m, int k,
                           int *actors, int max);

/* Outcome of run i, model m, issue k. */
static inline double ent_ensemble_outcome(const ent_ensemble_result *r,
                                          long run, int m, int k)
{
    return r->outcomes[((size_t)run * (size_t)r->n_models + (size_t)m) *
                           (size_t)r->n_issues +
                       (size_t)k];
}

/* An empty result shaped n_models x n_issues x n_actors (names NULL),
   for readers that fill one in (the results database).  The caller frees
   it with ent_ensemble_free. */
ENT_API ent_ensemble_result *ent_ensemble_result_new(int n_models, int n_issues,
                                                     int n_actors);
/* Frees a result from ent_ensemble_run, ent_ensemble_result_new or
   ent_db_read_batch, with everything it owns; NULL is a no-op. */
ENT_API void ent_ensemble_result_free(ent_ensemble_result *r);
/* The same as ent_ensemble_result_free (the older name). */
ENT_API void ent_ensemble_free(ent_ensemble_result *r);

/* Rank and size of this process in MPI_COMM_WORLD (0 and 1 without MPI
   or before MPI_Init). */
ENT_API void ent_mpi_world(int *rank, int *size);

#ifdef __cplusplus
}
#endif

#endif
