/*
 * test_engines.c -- the one-shot baselines: `mean` (capability x salience
 * weighted mean) and `median` (weighted median voter), and the shared
 * helpers ent_weighted_mean / ent_weighted_median.
 *
 * Every expected value is derived by hand in the comment above it.
 */
#include <math.h>

#include "harness.h"
#include "model/engines.h"

#define EPS 1e-12

/* cmocka 1.1 has no assert_double_equal: compare with a tolerance and say
   what was got. */
static void check_near(double got, double want, double eps, const char *file,
                       int line)
{
    if (!(fabs(got - want) <= eps))
        fail_msg("%s:%d: got %.15g, want %.15g (tolerance %g)", file, line, got,
                 want, eps);
}
#define assert_near(got, want, eps)                                            \
    check_near((got), (want), (eps), __FILE__, __LINE__)

/* A one-issue problem built by hand (scale 0..10, every cell present). */
static ent_problem *hand_problem(int n, const double *x, const double *c,
                                 const double *s)
{
    ent_problem *p = ent_problem_new(n, 1);
    static const char *const names[] = {"A", "B", "C", "D", "E",
                                        "F", "G", "H", "I", "J"};

    p->issue_ids[0] = p->issue_names[0] = "issue";
    p->scale_max[0] = 10;
    for (int i = 0; i < n; i++) {
        p->actor_ids[i] = p->actor_names[i] = names[i];
        p->present[i] = 1;
        p->position[i] = x[i];
        p->capability[i] = c[i];
        p->salience[i] = s[i];
    }
    return p;
}

/* Runs a one-shot engine; returns its outcome (asserting success). */
static double run_one(const ent_engine *e, ent_problem *p,
                      const ent_option *params, int n_params)
{
    ent_model_options o = {.params = params, .n_params = n_params};
    ent_trace *t = NULL;
    ent_error err = {0};
    int n = 0;
    double out;

    assert_int_equal(ent_model_run(e, p, &o, &t, &n, &err), 0);
    assert_int_equal(n, 1);
    assert_int_equal(t[0].n_rounds, 1); /* one-shot: round 0 only */
    for (int i = 0; i < t[0].n; i++)    /* nobody moves */
        assert_true(t[0].positions[i] == p->position[i]);
    out = t[0].outcome[0];
    ent_trace_free(&t[0]);
    free(t);
    return out;
}

/* Runs and expects failure with an input error mentioning `needle`. */
static void run_fails(const ent_engine *e, ent_problem *p,
                      const ent_option *params, int n_params,
                      const char *needle)
{
    ent_model_options o = {.params = params, .n_params = n_params};
    ent_trace *t = NULL;
    ent_error err = {0};
    int n = 0;

    assert_int_equal(ent_model_run(e, p, &o, &t, &n, &err), -1);
    assert_int_equal(err.code, ENT_EXIT_INPUT);
    assert_non_null(strstr(err.msg, needle));
}

/*
 * c = (1, 2, 1), s = (1, 0.5, 1): w = (1, 1, 1); x = (0, 3, 9).
 * mean = (0 + 3 + 9) / 3 = 4.
 */
static void test_mean_equal_weights(void **state)
{
    const double x[] = {0, 3, 9}, c[] = {1, 2, 1}, s[] = {1, 0.5, 1};
    ent_problem *p = hand_problem(3, x, c, s);

    (void)state;
    assert_near(run_one(&ent_engine_mean, p, NULL, 0), 4.0, EPS);
    ent_problem_free(p);
}

/*
 * c = (0.5, 0.25, 1), s = (0.8, 0.4, 0.1): w = (0.4, 0.1, 0.1);
 * x = (2, 6, 10).  mean = (0.8 + 0.6 + 1.0) / 0.6 = 2.4 / 0.6 = 4.
 */
static void test_mean_weighted(void **state)
{
    const double x[] = {2, 6, 10}, c[] = {0.5, 0.25, 1}, s[] = {0.8, 0.4, 0.1};
    ent_problem *p = hand_problem(3, x, c, s);

    (void)state;
    assert_near(run_one(&ent_engine_mean, p, NULL, 0), 4.0, EPS);
    ent_problem_free(p);
}

/* Every weight 0 (salience 0): the plain mean (1 + 2 + 6) / 3 = 3. */
static void test_mean_zero_weights(void **state)
{
    const double x[] = {1, 2, 6}, c[] = {1, 1, 1}, s[] = {0, 0, 0};
    ent_problem *p = hand_problem(3, x, c, s);

    (void)state;
    assert_near(run_one(&ent_engine_mean, p, NULL, 0), 3.0, EPS);
    ent_problem_free(p);
}

/* Capability scaling cancels: the previous weighted case with c x 1000. */
static void test_mean_scaling(void **state)
{
    const double x[] = {2, 6, 10}, c[] = {500, 250, 1000},
                 s[] = {0.8, 0.4, 0.1};
    ent_problem *p = hand_problem(3, x, c, s);

    (void)state;
    assert_near(run_one(&ent_engine_mean, p, NULL, 0), 4.0, EPS);
    ent_problem_free(p);
}

static void test_mean_rejects_params(void **state)
{
    const double x[] = {1, 2}, c[] = {1, 1}, s[] = {1, 1};
    const ent_option bad = {"median_tie", "low"};
    ent_problem *p = hand_problem(2, x, c, s);

    (void)state;
    run_fails(&ent_engine_mean, p, &bad, 1, "median_tie");
    ent_problem_free(p);
}

/*
 * w = (1, 1, 3) at x = (0, 3, 9).  F(p) = sum w |x - p|:
 * F(0) = 3 + 27 = 30, F(3) = 3 + 18 = 21, F(9) = 9 + 6 = 15, so 9 wins
 * (the 3-weight actor beats the other two together in every pairwise vote).
 */
static void test_median_heavy_actor(void **state)
{
    const double x[] = {0, 3, 9}, c[] = {1, 1, 3}, s[] = {1, 1, 1};
    ent_problem *p = hand_problem(3, x, c, s);

    (void)state;
    assert_near(run_one(&ent_engine_median, p, NULL, 0), 9.0, EPS);
    ent_problem_free(p);
}

/*
 * w = (0.2, 0.3, 0.1, 0.25, 0.15) at x = (1, 4, 5, 7, 8) (given out of
 * order below).  Total 1.0; cumulative weight from below: 1: 0.2,
 * 4: 0.5, 5: 0.6.  The slope of F after 4 is 2 * 0.5 - 1 = 0, so F is flat
 * between 4 and 5 and they tie; after 5 it is 2 * 0.6 - 1 > 0.
 * F(4) = 0.6 + 0.1 + 0.75 + 0.6 = 2.05, F(5) = 0.8 + 0.3 + 0.5 + 0.45 =
 * 2.05, F(7) = 1.2 + 0.9 + 0.2 + 0.15 = 2.45.  Ties: low 4, high 5, mid 4.5,
 * first = the tied position of the earliest actor in input order.
 */
static void test_median_ties(void **state)
{
    const double x[] = {5, 8, 1, 4, 7}, c[] = {1, 1, 1, 1, 1},
                 s[] = {0.1, 0.15, 0.2, 0.3, 0.25};
    ent_problem *p = hand_problem(5, x, c, s);
    ent_option opt = {"median_tie", "low"};

    (void)state;
    assert_near(run_one(&ent_engine_median, p, NULL, 0), 4.0, EPS);
    assert_near(run_one(&ent_engine_median, p, &opt, 1), 4.0, EPS);
    opt.value = "high";
    assert_near(run_one(&ent_engine_median, p, &opt, 1), 5.0, EPS);
    opt.value = "mid";
    assert_near(run_one(&ent_engine_median, p, &opt, 1), 4.5, EPS);
    opt.value = "first"; /* actor 0 sits at 5 */
    assert_near(run_one(&ent_engine_median, p, &opt, 1), 5.0, EPS);
    opt.value = "2"; /* by index: mid */
    assert_near(run_one(&ent_engine_median, p, &opt, 1), 4.5, EPS);
    ent_problem_free(p);
}

/*
 * A tie that floating point hides: w = 0.1 and 0.2 at 0, 0.3 at 10.
 * 0.1 + 0.2 != 0.3 in binary, but the slope 2 * 0.3 - 0.6 is within the
 * 1e-12 tolerance, so 0 and 10 tie (F(0) = 3 = F(10)).
 */
static void test_median_rounding_tie(void **state)
{
    const double x[] = {0, 0, 10}, w[] = {0.1, 0.2, 0.3};

    (void)state;
    assert_near(ent_weighted_median(3, x, w, ENT_MEDIAN_LOW, NULL), 0.0, EPS);
    assert_near(ent_weighted_median(3, x, w, ENT_MEDIAN_HIGH, NULL), 10.0, EPS);
}

/*
 * A zero-weight actor's position is still a candidate: w = (1, 0, 1) at
 * (0, 5, 10) gives F = 10 at all three, so low 0, mid 5, high 10.
 */
static void test_median_zero_weight_candidate(void **state)
{
    const double x[] = {0, 5, 10}, w[] = {1, 0, 1};
    char work[256];

    (void)state;
    assert_true(ent_weighted_median_work(3) <= sizeof work);
    assert_near(ent_weighted_median(3, x, w, ENT_MEDIAN_LOW, work), 0.0, EPS);
    assert_near(ent_weighted_median(3, x, w, ENT_MEDIAN_MID, work), 5.0, EPS);
    assert_near(ent_weighted_median(3, x, w, ENT_MEDIAN_HIGH, work), 10.0, EPS);
}

/* No weight at all: the unweighted median of (3, 1, 2) is 2; n = 0 is
   NAN for both statistics. */
static void test_helpers_degenerate(void **state)
{
    const double x[] = {3, 1, 2}, w[] = {0, 0, 0};

    (void)state;
    assert_near(ent_weighted_median(3, x, w, ENT_MEDIAN_LOW, NULL), 2.0, EPS);
    assert_near(ent_weighted_mean(3, x, w), 2.0, EPS);
    assert_true(isnan(ent_weighted_median(0, x, w, ENT_MEDIAN_LOW, NULL)));
    assert_true(isnan(ent_weighted_mean(0, x, w)));
}

/*
 * Property: on random inputs the median is the Condorcet winner, i.e. no
 * actor position p beats it in the pairwise vote
 * sum_k w_k (|x_k - med| - |x_k - p|) > 0 (beyond rounding).
 */
static void test_median_condorcet_property(void **state)
{
    unsigned long long seed = 12345;

    (void)state;
    for (int trial = 0; trial < 500; trial++) {
        double x[12], w[12], med;
        int n = 1 + (int)(test_uniform(&seed) * 12);

        for (int i = 0; i < n; i++) {
            x[i] = floor(test_uniform(&seed) * 10); /* repeats likely */
            w[i] = test_uniform(&seed);
        }
        med = ent_weighted_median(n, x, w, ENT_MEDIAN_LOW, NULL);
        for (int j = 0; j < n; j++) {
            double vote = 0;

            for (int k = 0; k < n; k++)
                vote += w[k] * (fabs(x[k] - med) - fabs(x[k] - x[j]));
            assert_true(vote <= 1e-9);
        }
    }
}

/* ent_sort_by_position: ascending, ties in index order, for every n up to
   40 (insertion up to 32, merge beyond) on inputs with many repeats, -0
   tying with +0. */
static void test_sort_by_position(void **state)
{
    unsigned long long seed = 99;

    (void)state;
    for (int rep = 0; rep < 500; rep++) {
        const int n = rep % 41;
        double x[40];
        int order[40], tmp[40], seen[40] = {0};

        for (int i = 0; i < n; i++) {
            x[i] = floor(test_uniform(&seed) * 5) - 2;
            if (x[i] == 0 && test_uniform(&seed) < 0.5)
                x[i] = -0.0;
        }
        ent_sort_by_position(n, x, order, tmp);
        for (int l = 0; l < n; l++) {
            assert_in_range(order[l], 0, n - 1);
            seen[order[l]]++;
            if (l > 0) {
                assert_true(x[order[l - 1]] <= x[order[l]]);
                if (x[order[l - 1]] == x[order[l]])
                    assert_true(order[l - 1] < order[l]);
            }
        }
        for (int i = 0; i < n; i++)
            assert_int_equal(seen[i], 1);
    }
}

static void test_median_bad_params(void **state)
{
    const double x[] = {1, 2}, c[] = {1, 1}, s[] = {1, 1};
    const ent_option unknown = {"tie_rule", "low"};
    const ent_option bad_value = {"median_tie", "middle"};
    ent_problem *p = hand_problem(2, x, c, s);

    (void)state;
    run_fails(&ent_engine_median, p, &unknown, 1, "tie_rule");
    run_fails(&ent_engine_median, p, &bad_value, 1, "median_tie");
    ent_problem_free(p);
}

/*
 * Two issues; actor C is absent from issue 2.  Issue 1: w = (1, 1, 2) at
 * (0, 6, 9): mean = 24 / 4 = 6; issue 2 (A, B only): w = (1, 3) at (2, 4):
 * mean = 14 / 4 = 3.5, median 4 (3 of the 4 weight sits at 4).  Issue 1's
 * median: weight 2 of 4 lies at or below 6, so F is flat between 6 and 9
 * (F(6) = 6 + 0 + 6 = 12 = F(9) = 9 + 3 + 0) and the default tie rule
 * takes the lower, 6.  The driver yields one trace per issue.
 */
static void test_two_issues_absent_actor(void **state)
{
    /* three actors on two issues, [actor * 2 + issue]; C is absent from
       the second issue */
    static const char *const actors[] = {"A", "B", "C"};
    static const char *const issues[] = {"issue", "issue2"};
    const unsigned char present[] = {1, 1, 1, 1, 1, 0};
    const double pos[] = {0, 2, 6, 4, 9, 0}, sal[] = {1, 1, 1, 1, 1, 0};
    const double cap[] = {1, 1, 1, 3, 2, 0};
    ent_problem *p = ent_problem_new(3, 2);
    ent_model_options o = {.rounds = 0};
    ent_trace *t = NULL;
    ent_error err = {0};
    double out[2];
    int n = 0;

    (void)state;
    for (int a = 0; a < 3; a++)
        p->actor_ids[a] = p->actor_names[a] = actors[a];
    for (int k = 0; k < 2; k++) {
        p->issue_ids[k] = p->issue_names[k] = issues[k];
        p->scale_max[k] = 10;
    }
    memcpy(p->present, present, sizeof present);
    memcpy(p->position, pos, sizeof pos);
    memcpy(p->salience, sal, sizeof sal);
    memcpy(p->capability, cap, sizeof cap);
    assert_int_equal(ent_model_run(&ent_engine_mean, p, &o, &t, &n, &err), 0);
    assert_int_equal(n, 2);
    assert_int_equal(t[1].n, 2);
    assert_near(t[0].outcome[0], 6.0, EPS);
    assert_near(t[1].outcome[0], 3.5, EPS);
    for (int i = 0; i < n; i++)
        ent_trace_free(&t[i]);
    free(t);
    assert_int_equal(ent_model_outcome(&ent_engine_median, p, &o, out, &err),
                     0);
    assert_near(out[0], 6.0, EPS);
    assert_near(out[1], 4.0, EPS);
    ent_problem_free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_mean_equal_weights),
        cmocka_unit_test(test_mean_weighted),
        cmocka_unit_test(test_mean_zero_weights),
        cmocka_unit_test(test_mean_scaling),
        cmocka_unit_test(test_mean_rejects_params),
        cmocka_unit_test(test_median_heavy_actor),
        cmocka_unit_test(test_median_ties),
        cmocka_unit_test(test_median_rounding_tie),
        cmocka_unit_test(test_median_zero_weight_candidate),
        cmocka_unit_test(test_helpers_degenerate),
        cmocka_unit_test(test_median_condorcet_property),
        cmocka_unit_test(test_sort_by_position),
        cmocka_unit_test(test_median_bad_params),
        cmocka_unit_test(test_two_issues_absent_actor),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
