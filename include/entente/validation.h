/*
 * entente/validation.h -- what a back-test over many issues says: each
 * model's mean and median absolute error and share of hits, each model
 * against the compromise model and the reference point, the same by issue
 * tag (e.g. procedure and voting rule), with bootstrap confidence
 * intervals that resample periods (for DEU III: legislative proposals).
 * docs/validation.md gives the definitions.
 */
#ifndef ENTENTE_VALIDATION_H
#define ENTENTE_VALIDATION_H

#include <stdint.h>

#include "forecast.h"

#ifdef __cplusplus
extern "C" {
#endif

/* One model's scores on a set of issues.  Errors are on a 0-100 scale
   (issue-scale error x 100 / scale width); intervals are 95% bootstrap
   percentile intervals (NAN when nothing was scored). */
typedef struct ent_score {
    int n;                         /* issues scored */
    double mae, mae_lo, mae_hi;    /* mean absolute error */
    double median_ae;              /* median absolute error */
    double hits, hits_lo, hits_hi; /* share of hits: within 10 points, or
                                      on a binary issue the observed side
                                      of the midpoint */
} ent_score;

/* A model against a baseline on the issues both scored. */
typedef struct ent_paired {
    int n;
    double diff, lo, hi; /* MAE(model) - MAE(baseline); < 0: model better */
} ent_paired;

/* Scores restricted to the issues carrying one tag value. */
typedef struct ent_group_score {
    char *key;         /* tag key, e.g. "proc" */
    char *value;       /* tag value, e.g. "COD" */
    ent_score *scores; /* [n_models] */
} ent_group_score;

typedef struct ent_validation {
    int n_models;
    const char **models;       /* [n_models], borrowed from the back-test */
    int compromise, reference; /* indices of "mean" and "status_quo", or -1 */
    ent_score *overall;        /* [n_models] */
    ent_paired *vs_compromise; /* [n_models] */
    ent_paired *vs_reference;  /* [n_models] */
    ent_group_score *groups;   /* by tag, then value, in order of appearance */
    int n_groups;
    int n_scored; /* distinct (period, issue) pairs scored */
    int n_binary; /* of which binary: positions and outcome at the ends */
    int resamples;
    uint64_t seed;
} ent_validation;

/* Default bootstrap resamples and seed of ent_backtest_run's validation. */
#define ENT_VALIDATION_RESAMPLES 1000
#define ENT_VALIDATION_SEED 20210101u

/*
 * Scores back-test b of scenario sc.  Deterministic for a given seed.
 * Caller frees *out with ent_validation_free.
 */
ENT_API int ent_validate(const ent_scenario *sc, const ent_backtest *b,
                         int resamples, uint64_t seed, ent_validation **out,
                         ent_error *err);
ENT_API void ent_validation_free(ent_validation *v);

#ifdef __cplusplus
}
#endif

#endif
