/*
 * mean.c -- the compromise model: the capability x salience weighted mean
 * of the actors' positions (docs/models.md, "mean").
 *
 * One-shot: nobody moves; the forecast on each issue is
 * sum_i c_i s_i x_i / sum_i c_i s_i, or the plain mean when every weight
 * is zero.  The engine takes no parameters.
 */
#include <stdlib.h>

#include "entente/model.h"
#include "model/engines.h"
#include "model/oneshot.h"

static void *mean_create(const ent_slice *s, const ent_model_options *o,
                         ent_error *err)
{
    oneshot_state *st;
    double *x, *w;

    if (o && o->n_params > 0) {
        ent_fail(err, ENT_EXIT_INPUT,
                 "mean: unknown parameter '%s' "
                 "(the mean engine takes no parameters)",
                 o->params[0].name);
        return NULL;
    }
    if (s->n < 1 || s->d < 1) {
        ent_fail(err, ENT_EXIT_INPUT, "mean: no actors");
        return NULL;
    }
    st = oneshot_new(s);
    x = ent_xmalloc((size_t)s->n * sizeof(double));
    w = ent_xmalloc((size_t)s->n * sizeof(double));
    for (int k = 0; k < s->d; k++) {
        oneshot_column(s, k, x, w);
        st->outcome[k] = ent_weighted_mean(s->n, x, w);
    }
    free(x);
    free(w);
    return st;
}

const ent_engine ent_engine_mean = {
    .name = "mean",
    .summary = "compromise model: capability x salience weighted mean",
    .multidimensional = 0,
    .default_rounds = 0,
    .create = mean_create,
    .step = oneshot_step,
    .positions = oneshot_positions,
    .outcome = oneshot_outcome,
    .record = NULL,
    .destroy = oneshot_destroy,
};
