/*
 * mean.c -- the compromise model: the capability x salience weighted mean
 * of the actors' positions (docs/models.md, "mean").
 *
 * One-shot: nobody moves; the forecast on each issue is
 * sum_i c_i s_i x_i / sum_i c_i s_i, or the plain mean when every weight
 * is zero.  The engine takes no parameters.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "entente/model.h"
#include "model/engines.h"

typedef struct mean_state {
    int n, d;
    double *position;   /* [n * d], the inputs */
    double *outcome;    /* [d] */
} mean_state;

static void mean_destroy(void *state)
{
    mean_state *st = state;

    if (!st)
        return;
    free(st->position);
    free(st->outcome);
    free(st);
}

/* Weighted mean of issue k, through per-issue columns. */
static double issue_mean(const ent_slice *s, int k, double *x, double *w)
{
    for (int i = 0; i < s->n; i++) {
        x[i] = s->position[i * s->d + k];
        w[i] = s->capability[i] * s->salience[i * s->d + k];
    }
    return ent_weighted_mean(s->n, x, w);
}

static void *mean_create(const ent_slice *s, const ent_model_options *o,
                         ent_error *err)
{
    mean_state *st;
    double *x, *w;

    if (o && o->n_params > 0) {
        ent_fail(err, ENT_EXIT_INPUT, "mean: unknown parameter '%s' "
                 "(the mean engine takes no parameters)", o->params[0].name);
        return NULL;
    }
    if (s->n < 1 || s->d < 1) {
        ent_fail(err, ENT_EXIT_INPUT, "mean: no actors");
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
    for (int k = 0; k < s->d; k++)
        st->outcome[k] = issue_mean(s, k, x, w);
    free(x);
    free(w);
    return st;
}

/* One-shot: there are no rounds. */
static int mean_step(void *state, ent_error *err)
{
    (void)state;
    (void)err;
    return 0;
}

static const double *mean_positions(const void *state)
{
    return ((const mean_state *)state)->position;
}

static void mean_outcome(const void *state, double *out)
{
    const mean_state *st = state;

    memcpy(out, st->outcome, (size_t)st->d * sizeof(double));
}

const ent_engine ent_engine_mean = {
    .name = "mean",
    .summary = "compromise model: capability x salience weighted mean",
    .multidimensional = 0,
    .default_rounds = 0,
    .create = mean_create,
    .step = mean_step,
    .positions = mean_positions,
    .outcome = mean_outcome,
    .record = NULL,
    .destroy = mean_destroy,
};
