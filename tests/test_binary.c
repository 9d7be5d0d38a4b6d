/*
 * test_binary.c -- every engine on a binary issue (every position 0 or
 * 100) and on other degenerate issues: what each engine does there is
 * deliberate and documented (docs/models.md, "Binary issues").
 *
 * The four-actor table: x = (0, 100, 0, 100), c = (10, 20, 15, 8),
 * s = (0.8, 0.5, 0.6, 0.9), so w = c s = (8, 10, 9, 7.2).  Weight on 0:
 * 17; weight on 100: 17.2.
 */
#include <math.h>

#include "harness.h"

static const double BX[] = {0, 100, 0, 100}, BC[] = {10, 20, 15, 8},
                    BS[] = {0.8, 0.5, 0.6, 0.9};

static ent_problem *one_issue(int n, const double *x, const double *c,
                              const double *s)
{
    static const char *const names[] = {"A", "B", "C", "D", "E"};
    ent_problem *p = ent_problem_new(n, 1);

    p->issue_ids[0] = p->issue_names[0] = "issue";
    p->scale_max[0] = 100;
    for (int i = 0; i < n; i++) {
        p->actor_ids[i] = p->actor_names[i] = names[i];
        p->present[i] = 1;
        p->position[i] = x[i];
        p->capability[i] = c[i];
        p->salience[i] = s[i];
    }
    return p;
}

/* Runs `model` with at most one parameter; returns ent_model_run's code,
   the final outcome in *outcome and a copy of the trace's warning (NULL
   if none; caller frees). */
static int run_model(const char *model, const ent_problem *p, const char *param,
                     const char *value, double *outcome, double *first,
                     char **warning, ent_error *err)
{
    ent_option opt = {param, value};
    ent_model_options o = {0};
    ent_trace *t = NULL;
    int n = 0, rc;

    o.params = param ? &opt : NULL;
    o.n_params = param ? 1 : 0;
    *warning = NULL;
    rc = ent_model_run(ent_engine_find(model), p, &o, &t, &n, err);
    if (rc == 0) {
        assert_int_equal(n, 1);
        *outcome = t[0].outcome[(size_t)(t[0].n_rounds - 1)];
        *first = t[0].outcome[0];
        if (t[0].warning)
            *warning = ent_xstrdup(t[0].warning);
        ent_trace_free(&t[0]);
    }
    free(t);
    return rc;
}

/* mean: the weighted share on the 100 side, 100 * 17.2 / 34.2: an
   interior value no actor holds, read as the weight behind "100". */
static void test_mean_on_binary(void **state)
{
    ent_problem *p = one_issue(4, BX, BC, BS);
    ent_error err = {0};
    double v = NAN, v0 = NAN;
    char *w;

    (void)state;
    assert_int_equal(run_model("mean", p, NULL, NULL, &v, &v0, &w, &err), 0);
    assert_true(fabs(v - 100 * 17.2 / 34.2) < 1e-12);
    assert_null(w);
    ent_problem_free(p);
}

/* median: the side with more weight, 100 (17.2 > 17); on an exact tie
   the default tie rule takes the lower side. */
static void test_median_on_binary(void **state)
{
    const double tie_c[] = {10, 20, 15, 7}, tie_s[] = {0.8, 0.5, 0.6, 1};
    ent_problem *p = one_issue(4, BX, BC, BS);
    ent_problem *q = one_issue(4, BX, tie_c, tie_s);
    ent_error err = {0};
    double v = NAN, v0 = NAN;
    char *w;

    (void)state;
    assert_int_equal(run_model("median", p, NULL, NULL, &v, &v0, &w, &err), 0);
    assert_true(v == 100);
    /* w = (8, 10, 9, 7): 17 on each side, a tie */
    assert_int_equal(run_model("median", q, NULL, NULL, &v, &v0, &w, &err), 0);
    assert_true(v == 0);
    ent_problem_free(p);
    ent_problem_free(q);
}

/* eu: round 0's forecast is the weighted median (100); actors then move
   to interior points, so the final forecast lies inside the scale and
   need not be 0 or 100.  No warning: nothing is degenerate for eu. */
static void test_eu_on_binary(void **state)
{
    ent_problem *p = one_issue(4, BX, BC, BS);
    ent_error err = {0};
    double v = NAN, v0 = NAN;
    char *w;

    (void)state;
    assert_int_equal(run_model("eu", p, NULL, NULL, &v, &v0, &w, &err), 0);
    assert_true(v0 == 100);
    assert_true(v >= 0 && v <= 100);
    assert_null(w);
    ent_problem_free(p);
}

/* smp, default TwoPositions=warn: KTAB's sanity check fails on a binary
   issue (every distance is 0 or 1, where risk attitudes change no
   utility); the run goes on and the trace carries the warning. */
static void test_smp_binary_warns(void **state)
{
    ent_problem *p = one_issue(4, BX, BC, BS);
    ent_error err = {0};
    double v = NAN, v0 = NAN;
    char *w;

    (void)state;
    assert_int_equal(run_model("smp", p, NULL, NULL, &v, &v0, &w, &err), 0);
    assert_true(v >= 0 && v <= 100);
    assert_non_null(w);
    assert_non_null(strstr(w, "2 distinct positions"));
    assert_non_null(strstr(w, "sanity check"));
    free(w);
    ent_problem_free(p);
}

/* smp, TwoPositions=ktab: KTAB's behaviour, a runtime error. */
static void test_smp_binary_ktab_fails(void **state)
{
    ent_problem *p = one_issue(4, BX, BC, BS);
    ent_error err = {0};
    double v = NAN, v0 = NAN;
    char *w;

    (void)state;
    assert_int_equal(
        run_model("smp", p, "TwoPositions", "ktab", &v, &v0, &w, &err), -1);
    assert_int_equal(err.code, ENT_EXIT_RUNTIME);
    assert_non_null(strstr(err.msg, "sanity check"));
    ent_problem_free(p);
}

/* smp on an exact tie between the sides (capability alone: 10 + 15 = 20
   + 5): every position is equally likely.  Default: risk-neutral with a
   warning; ktab: error. */
static void test_smp_binary_tie(void **state)
{
    const double c[] = {10, 20, 15, 5};
    ent_problem *p = one_issue(4, BX, c, BS);
    ent_error err = {0};
    double v = NAN, v0 = NAN;
    char *w;

    (void)state;
    assert_int_equal(run_model("smp", p, NULL, NULL, &v, &v0, &w, &err), 0);
    assert_non_null(w);
    assert_non_null(strstr(w, "equally likely"));
    free(w);
    assert_int_equal(
        run_model("smp", p, "TwoPositions", "ktab", &v, &v0, &w, &err), -1);
    assert_non_null(strstr(err.msg, "equally likely"));
    ent_problem_free(p);
}

/* Three distinct positions: the default changes nothing, no warning. */
static void test_smp_three_positions_no_warning(void **state)
{
    const double x[] = {0, 100, 40, 100};
    ent_problem *p = one_issue(4, x, BC, BS);
    ent_error err = {0};
    double v = NAN, v0 = NAN;
    char *w;

    (void)state;
    assert_int_equal(run_model("smp", p, NULL, NULL, &v, &v0, &w, &err), 0);
    assert_null(w);
    ent_problem_free(p);
}

/* A bad value of the new parameter is an input error naming the values. */
static void test_smp_two_positions_bad_value(void **state)
{
    ent_problem *p = one_issue(4, BX, BC, BS);
    ent_error err = {0};
    double v = NAN, v0 = NAN;
    char *w;

    (void)state;
    assert_int_equal(
        run_model("smp", p, "TwoPositions", "maybe", &v, &v0, &w, &err), -1);
    assert_int_equal(err.code, ENT_EXIT_INPUT);
    ent_problem_free(p);
}

/* smp: an actor with salience 0 on every issue is indifferent to every
   position by default (a warning); ZeroSalience=error refuses it. */
static void test_smp_zero_salience(void **state)
{
    const double x[] = {0, 100, 40, 70}, s[] = {0.8, 0.5, 0, 0.9};
    ent_problem *p = one_issue(4, x, BC, s);
    ent_error err = {0};
    double v = NAN, v0 = NAN;
    char *w;

    (void)state;
    assert_int_equal(run_model("smp", p, NULL, NULL, &v, &v0, &w, &err), 0);
    assert_true(v >= 0 && v <= 100);
    assert_non_null(w);
    assert_non_null(strstr(w, "indifferent"));
    free(w);
    assert_int_equal(
        run_model("smp", p, "ZeroSalience", "error", &v, &v0, &w, &err), -1);
    assert_int_equal(err.code, ENT_EXIT_INPUT);
    assert_non_null(strstr(err.msg, "salience 0 on every issue"));
    ent_problem_free(p);
}

/* The CLI: all four models on a 0/100 table exit 0, print every model's
   value and the warning on standard error. */
static void test_cli_all_models_on_binary(void **state)
{
    cli_result r = run_cli("run tests/data/bdm/binary-weighted.csv "
                           "--model eu,smp,median,mean");

    (void)state;
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "smp"));
    assert_non_null(strstr(r.out, "median"));
    assert_non_null(strstr(r.out, "50.3")); /* mean */
    assert_non_null(strstr(r.err, "warning: smp"));
    free(r.out);
    free(r.err);
    /* KTAB's behaviour: smp fails on the issue, reported on its forecast;
       eu's result stands, so the run succeeds */
    r = run_cli("run tests/data/bdm/binary-weighted.csv --model eu,smp "
                "--param smp.TwoPositions=ktab");
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "error"));
    assert_non_null(strstr(r.err, "sanity check"));
    free(r.out);
    free(r.err);
    /* smp alone: nothing to show, exit 1 */
    r = run_cli("run tests/data/bdm/binary-weighted.csv --model smp "
                "--param smp.TwoPositions=ktab");
    assert_int_equal(r.status, 1);
    free(r.out);
    free(r.err);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_mean_on_binary),
        cmocka_unit_test(test_median_on_binary),
        cmocka_unit_test(test_eu_on_binary),
        cmocka_unit_test(test_smp_binary_warns),
        cmocka_unit_test(test_smp_binary_ktab_fails),
        cmocka_unit_test(test_smp_binary_tie),
        cmocka_unit_test(test_smp_three_positions_no_warning),
        cmocka_unit_test(test_smp_two_positions_bad_value),
        cmocka_unit_test(test_smp_zero_salience),
        cmocka_unit_test(test_cli_all_models_on_binary),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
