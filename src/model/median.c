/*
 * median.c -- the weighted median voter (docs/models.md, "median").
 *
 * One-shot: nobody moves; the forecast on each issue is the actor position
 * p minimising F(p) = sum_i c_i s_i |x_i - p|, which is the Condorcet
 * winner among the actor positions under pairwise majority with weights
 * c_i s_i.  Parameter: median_tie=low|high|mid|first (default low), the
 * rule when several positions minimise F.
 */
#include <stdlib.h>
#include <string.h>

#include "entente/model.h"
#include "model/engines.h"
#include "model/oneshot.h"

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
                            "median_tie)",
                            opt->name);
        if (ent_option_choice(opt, ent_median_tie_names(), &v, err) != 0)
            return -1;
        *tie = (ent_median_tie)v;
    }
    return 0;
}

static void *median_create(const ent_slice *s, const ent_model_options *o,
                           ent_error *err)
{
    oneshot_state *st;
    ent_median_tie tie;
    double *x, *w;
    void *work;

    if (median_params(o, &tie, err) != 0)
        return NULL;
    if (s->n < 1 || s->d < 1) {
        ent_fail(err, ENT_EXIT_INPUT, "median: no actors");
        return NULL;
    }
    st = oneshot_new(s);
    x = ent_xmalloc((size_t)s->n * sizeof(double));
    w = ent_xmalloc((size_t)s->n * sizeof(double));
    work = ent_xmalloc(ent_weighted_median_work(s->n));
    for (int k = 0; k < s->d; k++) {
        oneshot_column(s, k, x, w);
        st->outcome[k] = ent_weighted_median(s->n, x, w, tie, work);
    }
    free(x);
    free(w);
    free(work);
    return st;
}

const ent_engine ent_engine_median = {
    .name = "median",
    .summary = "weighted median voter (Condorcet winner, capability x "
               "salience weights)",
    .multidimensional = 0,
    .default_rounds = 0,
    .create = median_create,
    .step = oneshot_step,
    .positions = oneshot_positions,
    .outcome = oneshot_outcome,
    .record = NULL,
    .destroy = oneshot_destroy,
};
