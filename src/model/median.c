/*
 * median.c -- the weighted median voter (docs/models.md, "median").
 *
 * One-shot: nobody moves; the forecast on each issue is the actor position
 * p minimising F(p) = sum_i c_i s_i |x_i - p|, which is the Condorcet
 * winner among the actor positions under pairwise majority with weights
 * c_i s_i.  Parameter: median_tie=low|high|mid|first (default low), the
 * rule when several positions minimise F.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "entente/model.h"
#include "model/engines.h"

typedef struct median_state {
    int n, d;
    double *position;   /* [n * d], the inputs */
    double *outcome;    /* [d] */
} median_state;

static void median_destroy(void *state)
{
    median_state *st = state;

    if (!st)
        return;
    free(st->position);
    free(st->outcome);
    free(st);
}

static int median_params(const ent_model_options *o, ent_median_tie *tie,
                         ent_error *err)
{
    *tie = ENT_MEDIAN_LOW;
    for (int i = 0; o && i < o->n_params; i++) {
        const ent_option *opt = &o->params[i];
        int v;

        if (strcmp(opt->name, "median_tie") != 0)
            return ent_fail(err, ENT_EXIT_INPUT,
                            "median: unknown parameter '%s' (known: "
                            "median_tie)", opt->name);
        if (ent_option_choice(opt, ent_median_tie_names(), &v, err) != 0)
            return -1;
        *tie = (ent_median_tie)v;
    }
    return 0;
}

/* Weighted median of issue k, through per-issue columns. */
static double issue_median(const ent_slice *s, int k, ent_median_tie tie,
                           double *x, double *w, void *work)
{
    for (int i = 0; i < s->n; i++) {
        x[i] = s->position[i * s->d + k];
        w[i] = s->capability[i] * s->salience[i * s->d + k];
    }
    return ent_weighted_median(s->n, x, w, tie, work);
}

static void *median_create(const ent_slice *s, const ent_model_options *o,
                           ent_error *err)
{
    median_state *st;
    ent_median_tie tie;
    double *x, *w;
    void *work;

    if (median_params(o, &tie, err) != 0)
        return NULL;
    if (s->n < 1 || s->d < 1) {
        ent_fail(err, ENT_EXIT_INPUT, "median: no actors");
        return NULL;
    }
    st = ent_xcalloc(1, sizeof *st);
    st->n = s->n;
    st->d = s->d;
    st->position = ent_xmalloc((size_t)s->n * (size_t)s->d * sizeof(double));
    memcpy(st->position, s->position,
           (size_t)s->n * (size_t)s->d * sizeof(double));
    st->outcome = ent_xcalloc((size_t)s->d, sizeof(double));
    x = ent_xmalloc((size_t)s->n * sizeof(double));
    w = ent_xmalloc((size_t)s->n * sizeof(double));
    work = ent_xmalloc(ent_weighted_median_work(s->n));
    for (int k = 0; k < s->d; k++)
        st->outcome[k] = issue_median(s, k, tie, x, w, work);
    free(x);
    free(w);
    free(work);
    return st;
}

/* One-shot: there are no rounds. */
static int median_step(void *state, ent_error *err)
{
    (void)state;
    (void)err;
    return 0;
}

static const double *median_positions(const void *state)
{
    return ((const median_state *)state)->position;
}

static void median_outcome(const void *state, double *out)
{
    const median_state *st = state;

    memcpy(out, st->outcome, (size_t)st->d * sizeof(double));
}

const ent_engine ent_engine_median = {
    .name = "median",
    .summary = "weighted median voter (Condorcet winner, capability x "
               "salience weights)",
    .multidimensional = 0,
    .default_rounds = 0,
    .create = median_create,
    .step = median_step,
    .positions = median_positions,
    .outcome = median_outcome,
    .record = NULL,
    .destroy = median_destroy,
};
