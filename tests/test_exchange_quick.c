/*
 * test_exchange_quick.c -- the exchange engine's fast paths give the same
 * results as its plain ones: every run below is made twice, with the
 * default (exchange.quick=on) and with exchange.quick=off, which makes
 * every comparison in 28-digit decimals, and the two must agree bit for
 * bit in every position, outcome and executed exchange of every round.
 * The inputs are the shipped Decide files and random Decide-like ones
 * (positions and saliences on coarse grids, so exact gain ties and
 * outcomes landing on positions occur, absent cells, per-cell power,
 * summation orders other than the actor order).
 */
#include "harness.h"
#include "model/engines.h"
#include "model/exchange.h"

#define DATA "tests/data/exchange/"

enum { MAX_D = 8, ROUNDS = 10 };

/* A random input: n actors on d issues (model/engines.h slice). */
typedef struct quick_input {
    int n, d;
    double *cap, *pos, *sal, *cell_cap;
    int *order;
    double lo[MAX_D], hi[MAX_D];
} quick_input;

static int pick(uint64_t *s, int k)
{
    *s = *s * 6364136223846793005ULL + 1442695040888963407ULL;
    return (int)((*s >> 33) % (uint64_t)k);
}

/* Issue k's actors in a shuffled order, the present ones first. */
static void shuffle_order(quick_input *in, int k, uint64_t *seed)
{
    int *o = in->order + (size_t)k * (size_t)in->n, w = 0;
    int *tmp = ent_xcalloc((size_t)in->n, sizeof *tmp);

    for (int a = 0; a < in->n; a++)
        o[a] = a;
    for (int a = in->n - 1; a > 0; a--) {
        int b = pick(seed, a + 1), t = o[a];

        o[a] = o[b];
        o[b] = t;
    }
    for (int pass = 0; pass < 2; pass++)
        for (int t = 0; t < in->n; t++)
            if ((in->sal[o[t] * in->d + k] > 0) == (pass == 0))
                tmp[w++] = o[t];
    memcpy(o, tmp, (size_t)in->n * sizeof *o);
    free(tmp);
}

static void input_make(quick_input *in, int n, int d, uint64_t seed, int coarse,
                       int absent)
{
    size_t cells = (size_t)n * (size_t)d;

    in->n = n;
    in->d = d;
    in->cap = ent_xcalloc((size_t)n, sizeof *in->cap);
    in->pos = ent_xcalloc(cells, sizeof *in->pos);
    in->sal = ent_xcalloc(cells, sizeof *in->sal);
    in->cell_cap = ent_xcalloc(cells, sizeof *in->cell_cap);
    in->order = ent_xcalloc(cells, sizeof *in->order);
    for (int k = 0; k < d; k++) {
        in->lo[k] = k % 3 == 1 ? 0.5 : 0; /* some issues not on 0-100 */
        in->hi[k] = k % 3 == 1 ? 7 : 100;
    }
    for (int a = 0; a < n; a++) {
        in->cap[a] = (1 + pick(&seed, 100)) / 100.0;
        for (int k = 0; k < d; k++) {
            int c = a * d + k;
            double f =
                coarse ? pick(&seed, 21) / 20.0 : pick(&seed, 100001) / 1e5;

            in->pos[c] = in->lo[k] + f * (in->hi[k] - in->lo[k]);
            in->sal[c] = coarse ? (1 + pick(&seed, 20)) / 20.0
                                : (1 + pick(&seed, 1000)) / 1000.0;
            if (absent && pick(&seed, 7) == 0)
                in->sal[c] = 0;
            in->cell_cap[c] = in->sal[c] > 0 ? in->cap[a] : 0;
            if (in->sal[c] > 0 && absent && pick(&seed, 3) == 0)
                in->cell_cap[c] = (1 + pick(&seed, 100)) / 100.0;
        }
    }
    for (int k = 0; k < d; k++)
        shuffle_order(in, k, &seed);
}

static void input_free(quick_input *in)
{
    free(in->cap);
    free(in->pos);
    free(in->sal);
    free(in->cell_cap);
    free(in->order);
}

static void *engine_new(const quick_input *in, const char *quick,
                        const char *tie, const char *p)
{
    ent_slice s = {in->n,  in->d,  in->cap,      in->pos,   in->sal,
                   in->lo, in->hi, in->cell_cap, in->order, NULL};
    ent_option par[] = {
        {"seed", "42"}, {"quick", quick}, {"tie", tie}, {"p", p}};
    ent_model_options o = {.rounds = ROUNDS,
                           .params = par,
                           .n_params = 4,
                           .stop = ENT_STOP_ROUNDS};
    ent_error err;
    void *st;

    ent_error_clear(&err);
    st = ent_engine_exchange.create(&s, &o, &err);
    if (!st)
        fail_msg("%s", err.msg);
    return st;
}

static void exchanges_equal(const ent_trace *a, const ent_trace *b)
{
    assert_int_equal(a->n_exchanges, b->n_exchanges);
    for (int i = 0; i < a->n_exchanges; i++) {
        const ent_exchange *x = &a->exchanges[i], *y = &b->exchanges[i];

        assert_int_equal(x->round, y->round);
        assert_int_equal(x->actor_i, y->actor_i);
        assert_int_equal(x->actor_j, y->actor_j);
        assert_int_equal(x->supply_i, y->supply_i);
        assert_int_equal(x->supply_j, y->supply_j);
        assert_memory_equal(&x->from_i, &y->from_i, sizeof x->from_i);
        assert_memory_equal(&x->to_i, &y->to_i, sizeof x->to_i);
        assert_memory_equal(&x->from_j, &y->from_j, sizeof x->from_j);
        assert_memory_equal(&x->to_j, &y->to_j, sizeof x->to_j);
        assert_memory_equal(&x->gain, &y->gain, sizeof x->gain);
    }
}

/* Runs both paths side by side (p: the randomized rate, whose draws at
   every recalculation follow the order of the working list); returns the
   exchanges executed. */
static int compare_paths(const quick_input *in, const char *tie, const char *p)
{
    void *fast = engine_new(in, "on", tie, p);
    void *plain = engine_new(in, "off", tie, p);
    ent_trace tf = {0}, tp = {0};
    double of[MAX_D], op[MAX_D];
    size_t cells = (size_t)in->n * (size_t)in->d;
    int n_ex;

    for (int r = 1; r <= ROUNDS; r++) {
        ent_error ef, ep;
        int sf, sp;

        ent_error_clear(&ef);
        ent_error_clear(&ep);
        sf = ent_engine_exchange.step(fast, &ef);
        sp = ent_engine_exchange.step(plain, &ep);
        assert_int_equal(sf, sp);
        if (sf < 0) {
            assert_string_equal(ef.msg, ep.msg);
            break;
        }
        ent_engine_exchange.record(fast, r, &tf);
        ent_engine_exchange.record(plain, r, &tp);
        assert_memory_equal(ent_engine_exchange.positions(fast),
                            ent_engine_exchange.positions(plain),
                            cells * sizeof(double));
        ent_engine_exchange.outcome(fast, of);
        ent_engine_exchange.outcome(plain, op);
        assert_memory_equal(of, op, (size_t)in->d * sizeof(double));
        if (sf == 0)
            break;
    }
    exchanges_equal(&tf, &tp);
    n_ex = tf.n_exchanges;
    ent_trace_free(&tf);
    ent_trace_free(&tp);
    ent_engine_exchange.destroy(fast);
    ent_engine_exchange.destroy(plain);
    return n_ex;
}

static void test_random_inputs(void **state)
{
    uint64_t seed = 20240601;
    int executed = 0;

    (void)state;
    for (int run = 0; run < 40; run++) {
        quick_input in;
        int n = 2 + pick(&seed, 24), d = 2 + pick(&seed, 5);

        input_make(&in, n, d, seed + (uint64_t)run, run % 2 == 0, run % 3 == 0);
        executed += compare_paths(&in, run % 5 == 4 ? "first" : "python",
                                  run % 4 == 3 ? "0.3" : "0");
        input_free(&in);
    }
    assert_true(executed > 0);
}

/* Rounds of 30 to 40 actors on coarse grids: thousands of exchanges a
   round, so recalculations from unchanged positions (which reuse the
   equal-gain step's decimals), moves and sums near the move test's
   bounds, exact gain ties and long stretches of the working list between
   references dropped or recalculated all occur many times. */
static void test_large_inputs(void **state)
{
    uint64_t seed = 20261203;
    int executed = 0;

    (void)state;
    for (int run = 0; run < 3; run++) {
        quick_input in;

        input_make(&in, 30 + 5 * run, 4 + run, seed + (uint64_t)run, 1,
                   run == 2);
        executed += compare_paths(&in, run == 1 ? "first" : "python", "0");
        input_free(&in);
    }
    assert_true(executed > 300);
}

/* The shipped inputs, through the driver. */
static void test_shipped_inputs(void **state)
{
    static const char *const files[] = {
        DATA "sample_data.txt", DATA "copenhagen.csv", DATA "cop21.csv"};
    ent_option on[] = {{"seed", "42"}, {"quick", "on"}};
    ent_option off[] = {{"seed", "42"}, {"quick", "off"}};

    (void)state;
    for (size_t f = 0; f < sizeof files / sizeof *files; f++) {
        ent_model_options o = {.rounds = ROUNDS, .stop = ENT_STOP_ROUNDS};
        ent_scenario *sc = NULL;
        ent_problem *p = NULL;
        ent_trace *a = NULL, *b = NULL;
        ent_error err;
        int na = 0, nb = 0;

        ent_error_clear(&err);
        if (ent_scenario_open(files[f], NULL, &sc, &err) != 0 ||
            ent_problem_build(sc, 0, &p, &err) != 0)
            fail_msg("%s: %s", files[f], err.msg);
        o.params = on;
        o.n_params = 2;
        if (ent_model_run(ent_engine_find("exchange"), p, &o, &a, &na, &err))
            fail_msg("%s: %s", files[f], err.msg);
        o.params = off;
        if (ent_model_run(ent_engine_find("exchange"), p, &o, &b, &nb, &err))
            fail_msg("%s: %s", files[f], err.msg);
        assert_int_equal(a->n_rounds, b->n_rounds);
        assert_true(a->n_exchanges > 0);
        assert_memory_equal(a->positions, b->positions,
                            (size_t)a->n_rounds * (size_t)a->n * (size_t)a->d *
                                sizeof(double));
        assert_memory_equal(a->outcome, b->outcome,
                            (size_t)a->n_rounds * (size_t)a->d *
                                sizeof(double));
        exchanges_equal(a, b);
        ent_trace_free(a);
        ent_trace_free(b);
        free(a);
        free(b);
        ent_problem_free(p);
        ent_scenario_free(sc);
    }
}

/* xdec_approx is within a relative 2^-51 of the nearest double. */
static void test_approx(void **state)
{
    uint64_t seed = 7;

    (void)state;
    for (int t = 0; t < 20000; t++) {
        xdec v = {0, -pick(&seed, 60) + pick(&seed, 30), pick(&seed, 2)};
        double want, got;

        for (int dgt = 0; dgt < 28; dgt++)
            v.coef = v.coef * 10 + (unsigned)pick(&seed, 10);
        if (v.coef == 0)
            continue;
        want = xdec_to_double(v);
        got = xdec_approx(v);
        assert_true(fabs(got - want) <= 0x1p-51 * fabs(want));
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_random_inputs),
        cmocka_unit_test(test_large_inputs),
        cmocka_unit_test(test_shipped_inputs),
        cmocka_unit_test(test_approx),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
