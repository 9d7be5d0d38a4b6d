/*
 * test_api.c -- the public API's promises: the run-time version matches
 * the headers', and every allocating function has a matching free that
 * releases everything (the suite runs under ASan, which reports leaks).
 */
#include "harness.h"

static void test_version(void **state)
{
    char composed[64];

    (void)state;
    snprintf(composed, sizeof composed, "%d.%d.%d", ENT_VERSION_MAJOR,
             ENT_VERSION_MINOR, ENT_VERSION_PATCH);
    assert_string_equal(composed, ENT_VERSION);
    assert_string_equal(ent_version(), ENT_VERSION);
}

/* ent_model_run's array of traces goes back with ent_traces_free. */
static void test_traces_free(void **state)
{
    const ent_engine *median = ent_engine_find("median");
    ent_scenario *sc = NULL;
    ent_problem *p = NULL;
    ent_trace *t = NULL;
    ent_error err;
    int n = 0;

    (void)state;
    assert_int_equal(
        ent_scenario_open("tests/data/bdm/eu-emissions.csv", NULL, &sc, &err),
        0);
    assert_int_equal(ent_problem_build(sc, 0, &p, &err), 0);
    assert_int_equal(ent_model_run(median, p, NULL, &t, &n, &err), 0);
    assert_int_equal(n, 1);
    ent_traces_free(t, n);
    ent_traces_free(NULL, 0);
    ent_trace_clear(NULL);
    ent_problem_free(p);
    ent_scenario_free(sc);
}

/* ent_bands_of_issue's array goes back with ent_bands_free. */
static void test_bands_free(void **state)
{
    ent_anchor anchors[2] = {{0, NULL}, {10, NULL}};
    ent_issue issue;
    ent_band *b;

    (void)state;
    memset(&issue, 0, sizeof issue);
    anchors[0].label = "low";
    anchors[1].label = "high";
    issue.min = 0;
    issue.max = 10;
    issue.anchors = anchors;
    issue.n_anchors = 2;
    b = ent_bands_of_issue(&issue);
    assert_non_null(b);
    assert_string_equal(b[1].label, "high");
    ent_bands_free(b, 2);
    ent_bands_free(NULL, 0);
}

/* ent_ensemble_result_new pairs with ent_ensemble_result_free. */
static void test_ensemble_result_free(void **state)
{
    ent_ensemble_result *r = ent_ensemble_result_new(2, 3, 4);

    (void)state;
    r->actor_ids[0] = ent_xstrdup("a");
    ent_ensemble_result_free(r);
    ent_ensemble_result_free(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_version),
        cmocka_unit_test(test_traces_free),
        cmocka_unit_test(test_bands_free),
        cmocka_unit_test(test_ensemble_result_free),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
