/*
 * test_exchange_double.c -- the exchange engine in doubles
 * (exchange.arith=double) against the 28-digit decimal engine on Decide's
 * shipped inputs: the same exchanges in the same order, with positions
 * and gains within a measured tolerance, up to the first decision the
 * last digits decide; Belarus end to end; ensembles bitwise the same on
 * 1 and 2 threads; the parameter's errors.
 */
#include <math.h>

#include "exchange_tests.h"
#include "harness.h"

#define DATA "tests/data/exchange/"

/* Measured: the largest difference before the first divergence is 1.9e-13
   (sample_data.txt) on a 0-100 scale and a relative 1e-13 on a gain; the
   bound leaves a factor of 50. */
#define AGREE 1e-11

static int same_pair(const ent_exchange *a, const ent_exchange *b)
{
    return a->round == b->round && a->actor_i == b->actor_i &&
           a->actor_j == b->actor_j && a->supply_i == b->supply_i &&
           a->supply_j == b->supply_j;
}

static double exchange_diff(const ent_exchange *a, const ent_exchange *b)
{
    double d = fabs(a->from_i - b->from_i);

    d = fmax(d, fabs(a->to_i - b->to_i));
    d = fmax(d, fabs(a->from_j - b->from_j));
    d = fmax(d, fabs(a->to_j - b->to_j));
    return fmax(d, fabs(a->gain - b->gain) / fmax(a->gain, 1e-300));
}

/* Largest position difference of trace round r (on 0-100 scales). */
static double round_diff(const ent_problem *p, const ent_trace *a,
                         const ent_trace *b, int r)
{
    size_t cells = (size_t)a->n * (size_t)a->d;
    double d = 0;

    for (size_t c = 0; c < cells; c++) {
        int k = a->issues[c % (size_t)a->d];
        double w = 100 / (p->scale_max[k] - p->scale_min[k]);

        d = fmax(d, w * fabs(a->positions[(size_t)r * cells + c] -
                             b->positions[(size_t)r * cells + c]));
    }
    return d;
}

/*
 * Both arithmetics on one input: up to the first exchange that differs
 * (pair or issues), every move and gain agrees within AGREE.  That first
 * difference is a near tie: the two exchanges picked there have gains
 * within AGREE of each other, so the last digits decided it.  If it comes
 * after round 1 (Decide's round 0; whole_round: it must), the voting
 * positions of round 1 agree within AGREE too.  And the runs are not the
 * same bits (the double engine really computes in doubles).
 */
static void compare_file(const char *file, int whole_round)
{
    ent_problem *p, *q;
    ent_trace *dec = exchange_run_file(file, "decimal", NULL, &p);
    ent_trace *dbl = exchange_run_file(file, "double", NULL, &q);
    int n1 = 0, agree = 0, bitwise = 1;
    double worst = 0;

    assert_int_equal(dec->n_rounds, dbl->n_rounds);
    while (n1 < dec->n_exchanges && dec->exchanges[n1].round == 1)
        n1++;
    assert_true(n1 > 0);
    assert_true(dbl->n_exchanges > 0 &&
                same_pair(dec->exchanges, dbl->exchanges));
    while (agree < dec->n_exchanges && agree < dbl->n_exchanges &&
           same_pair(&dec->exchanges[agree], &dbl->exchanges[agree])) {
        worst = fmax(worst, exchange_diff(&dec->exchanges[agree],
                                          &dbl->exchanges[agree]));
        agree++;
    }
    if (agree < n1 && whole_round)
        fail_msg("%s: round 1 differs at exchange %d of %d", file, agree, n1);
    if (worst > AGREE)
        fail_msg("%s: exchanges differ by %g before the paths part", file,
                 worst);
    if (agree < dec->n_exchanges && agree < dbl->n_exchanges) {
        double g = dec->exchanges[agree].gain;

        if (fabs(dbl->exchanges[agree].gain - g) > AGREE * g)
            fail_msg("%s: exchange %d differs, and not by a near tie", file,
                     agree);
    }
    if (agree >= n1)
        assert_true(round_diff(p, dec, dbl, 1) <= AGREE);
    for (int r = 0; r < dec->n_rounds; r++)
        bitwise = bitwise && round_diff(p, dec, dbl, r) == 0;
    assert_false(bitwise);
    ent_trace_free(dec);
    ent_trace_free(dbl);
    free(dec);
    free(dbl);
    ent_problem_free(p);
    ent_problem_free(q);
}

static void test_sample_data(void **state)
{
    (void)state;
    compare_file(DATA "sample_data.txt", 1);
}

static void test_copenhagen(void **state)
{
    (void)state;
    compare_file(DATA "copenhagen.csv", 0);
}

static void test_cop21(void **state)
{
    (void)state;
    compare_file(DATA "cop21.csv", 0);
}

/* A Belarus ensemble in doubles (perturbed inputs, rng=random draws for
   the ties) is the same bits on 1 and 2 threads, outcomes and stored
   exchanges, and each run equals a single run with its options. */
static void test_belarus_ensemble_threads(void **state)
{
    ent_scenario *sc = NULL;
    ent_option params[] = {{"arith", "double"}, {"rng", "random"}};
    ent_model_options mo = {.params = params, .n_params = 2};
    ent_problem *p = NULL;
    ent_ensemble_result *one;
    ent_error err;

    (void)state;
    ent_error_clear(&err);
    assert_int_equal(ent_scenario_open("belarus", "scenarios", &sc, &err), 0);
    assert_int_equal(ent_problem_build(sc, sc->periods.count - 1, &p, &err), 0);
    one = exchange_ensemble_threads(p, 24, 5, &mo);
    assert_true(one->n_exchanges > 0);
    assert_true(exchange_runs_as_single(p, one, 24, 5, 7, &mo) > 0);
    ent_ensemble_free(one);
    ent_problem_free(p);
    ent_scenario_free(sc);
}

static void test_belarus_cli(void **state)
{
    cli_result r;

    (void)state;
    r = run_cli("run belarus --model exchange --param exchange.arith=double "
                "--format json");
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "\"exchanges\""));
    assert_non_null(strstr(r.out, "\"supply\""));
    cli_result_free(&r);
    r = run_cli("ensemble belarus --runs 20 --model exchange --threads 2 "
                "--param exchange.arith=double --param exchange.check=off");
    assert_int_equal(r.status, 0);
    cli_result_free(&r);
}

/* Bad values and combinations are input errors (exit 2). */
static void test_parameter_errors(void **state)
{
    static const char *const bad[] = {
        "exchange.arith=float",
        "exchange.arith=",
        "exchange.arith=double --param exchange.p=0.1",
        "exchange.arith=double --param exchange.check=strict",
    };
    cli_result r;

    (void)state;
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        r = run_cli("run " DATA "sample_data.txt --model exchange --param %s",
                    bad[i]);
        if (r.status != 2)
            fail_msg("%s: exit %d", bad[i], r.status);
        assert_non_null(strstr(r.err, "arith"));
        cli_result_free(&r);
    }
    r = run_cli("run " DATA "sample_data.txt --model exchange --param "
                "exchange.arith=double --param exchange.check=relaxed");
    assert_int_equal(r.status, 0);
    cli_result_free(&r);
    r = run_cli("run " DATA "sample_data.txt --model exchange --param "
                "exchange.arith=decimal --param exchange.check=strict");
    assert_int_equal(r.status, 0);
    cli_result_free(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sample_data),
        cmocka_unit_test(test_copenhagen),
        cmocka_unit_test(test_cop21),
        cmocka_unit_test(test_belarus_ensemble_threads),
        cmocka_unit_test(test_belarus_cli),
        cmocka_unit_test(test_parameter_errors),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
