/*
 * exchange_ensemble.h -- what the exchange tests share about ensembles:
 * an ensemble of the exchange engine alone with its exchanges, and the
 * bitwise comparison of two stored exchanges.
 */
#ifndef ENT_TESTS_EXCHANGE_ENSEMBLE_H
#define ENT_TESTS_EXCHANGE_ENSEMBLE_H

#include "harness.h"

/* `runs` runs of exchange under options mo on `threads` threads, seed
   `seed`, without noise (a scenario's declared uncertainty still moves
   the inputs), exchanges recomputed. */
static inline ent_ensemble_result *
exchange_ensemble(const ent_problem *p, long runs, uint64_t seed, int threads,
                  const ent_model_options *mo)
{
    const ent_engine *e = ent_engine_find("exchange");
    ent_ensemble_options o = {.runs = runs, .seed = seed, .threads = threads};
    ent_ensemble_result *r = NULL;
    ent_error err;

    o.engines = &e;
    o.n_engines = 1;
    o.model_opts = mo;
    ent_error_clear(&err);
    if (ent_ensemble_run(p, &o, &r, &err) != 0 ||
        ent_ensemble_exchanges(p, &o, r, &err) != 0)
        fail_msg("%s", err.msg);
    return r;
}

/* Field by field (the structures have padding): bitwise equal numbers. */
static inline int same_run_exchange(const ent_run_exchange *a,
                                    const ent_run_exchange *b)
{
    const ent_exchange *x = &a->x, *y = &b->x;

    return a->model == b->model && a->run == b->run && x->round == y->round &&
           x->actor_i == y->actor_i && x->actor_j == y->actor_j &&
           x->supply_i == y->supply_i && x->supply_j == y->supply_j &&
           memcmp(&x->from_i, &y->from_i, sizeof x->from_i) == 0 &&
           memcmp(&x->to_i, &y->to_i, sizeof x->to_i) == 0 &&
           memcmp(&x->from_j, &y->from_j, sizeof x->from_j) == 0 &&
           memcmp(&x->to_j, &y->to_j, sizeof x->to_j) == 0 &&
           memcmp(&x->gain, &y->gain, sizeof x->gain) == 0;
}

#endif
