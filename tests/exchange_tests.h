/*
 * exchange_tests.h -- what the exchange tests share: a run of Decide's
 * model on one of its input files, an ensemble of the exchange engine
 * alone with its exchanges, and the bitwise comparison of two stored
 * exchanges.
 */
#ifndef ENT_TESTS_EXCHANGE_TESTS_H
#define ENT_TESTS_EXCHANGE_TESTS_H

#include "harness.h"

/* Runs `exchange` on `file` for 10 rounds (stop rounds) with seed 42 and,
   unless NULL, arith=`arith`; the problem in *p_out and, if sc_out is not
   NULL, the scenario in *sc_out (else it is freed). */
static inline ent_trace *exchange_run_file(const char *file, const char *arith,
                                           ent_scenario **sc_out,
                                           ent_problem **p_out)
{
    ent_scenario *sc = NULL;
    ent_option params[] = {{"seed", "42"}, {"arith", arith}};
    ent_model_options o = {.rounds = 10,
                           .params = params,
                           .n_params = arith ? 2 : 1,
                           .stop = ENT_STOP_ROUNDS};
    ent_trace *traces = NULL;
    ent_problem *p = NULL;
    ent_error err;
    int n = 0;

    ent_error_clear(&err);
    if (ent_scenario_open(file, NULL, &sc, &err) != 0 ||
        ent_problem_build(sc, 0, &p, &err) != 0)
        fail_msg("%s: %s", file, err.msg);
    if (ent_model_run(ent_engine_find("exchange"), p, &o, &traces, &n, &err) !=
        0)
        fail_msg("%s (%s): %s", file, arith ? arith : "default", err.msg);
    assert_int_equal(n, 1);
    if (sc_out)
        *sc_out = sc;
    else
        ent_scenario_free(sc);
    *p_out = p;
    return traces;
}

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

/* The ensemble of exchange_ensemble on 1 thread, after checking that 2
   threads give the same bits: outcomes and stored exchanges. */
static inline ent_ensemble_result *
exchange_ensemble_threads(const ent_problem *p, long runs, uint64_t seed,
                          const ent_model_options *mo)
{
    ent_ensemble_result *one = exchange_ensemble(p, runs, seed, 1, mo);
    ent_ensemble_result *two = exchange_ensemble(p, runs, seed, 2, mo);

    assert_memory_equal(one->outcomes, two->outcomes,
                        (size_t)runs * (size_t)p->n_issues * sizeof(double));
    assert_int_equal(one->n_exchanges, two->n_exchanges);
    for (long i = 0; i < one->n_exchanges; i++)
        assert_true(same_run_exchange(&one->exchanges[i], &two->exchanges[i]));
    ent_ensemble_free(two);
    return one;
}

/* Checks every step-th run of r (an ensemble of `exchange` with options mo
   and seed) against a single run of its perturbed problem with
   ent_model_options_for_run, bit for bit; returns how many of runs
   1..runs-1 have outcomes other than run 0's. */
static inline int exchange_runs_as_single(const ent_problem *p,
                                          const ent_ensemble_result *r,
                                          long runs, uint64_t seed, long step,
                                          const ent_model_options *mo)
{
    const int d = p->n_issues;
    int differ = 0;
    ent_error err;

    ent_error_clear(&err);
    for (long run = 0; run < runs; run += step) {
        ent_model_options ro = ent_model_options_for_run(mo, seed, run);
        ent_problem *pr = ent_problem_clone(p);
        ent_rng rng;
        double *out = ent_xcalloc((size_t)d, sizeof(double));

        ent_rng_init(&rng, seed, (uint64_t)run);
        ent_perturb(p, 0, &rng, pr);
        assert_int_equal(
            ent_model_outcome(ent_engine_find("exchange"), pr, &ro, out, &err),
            0);
        assert_memory_equal(out, r->outcomes + run * d,
                            (size_t)d * sizeof(double));
        free(out);
        ent_problem_free(pr);
    }
    for (long run = 1; run < runs; run++)
        differ += memcmp(r->outcomes, r->outcomes + run * d,
                         (size_t)d * sizeof(double)) != 0;
    return differ;
}

#endif
