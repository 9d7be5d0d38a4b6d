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

/* A forecast's report shows the inputs the models ran on: with a shock
   applied, the shocked position, not the coded one. */
static void test_report_shows_shocked_inputs(void **state)
{
    const ent_engine *median = ent_engine_find("median");
    ent_model_options opts = {.rounds = 0};
    ent_scenario *sc = NULL;
    ent_problem *p = NULL;
    ent_forecast *f = NULL;
    const ent_event *e = NULL;
    const ent_shock *sh;
    ent_error err;
    char *page = NULL, want[256];
    size_t len = 0;
    FILE *out;
    int cell, period;
    double coded;

    (void)state;
    assert_int_equal(ent_scenario_open("belarus", "scenarios", &sc, &err), 0);
    for (int i = 0; i < sc->n_events && !e; i++)
        if (strcmp(sc->events[i].id, "e166") == 0) /* EU sanctions, 2020 */
            e = &sc->events[i];
    assert_non_null(e);
    sh = &e->shocks[0];
    period = sc->default_period;
    assert_int_equal(ent_problem_build(sc, period, &p, &err), 0);
    cell = ent_cell(p, sh->actor, sh->issue);
    assert_int_equal(sh->field, ENT_FIELD_POSITION);
    coded = p->position[cell];
    assert_int_equal(ent_problem_apply_shock(p, e, &err), 0);
    assert_true(p->position[cell] != coded);
    assert_int_equal(ent_forecast_run(p, &median, &opts, 1, &f, &err), 0);
    out = open_memstream(&page, &len);
    assert_int_equal(ent_report_html(out, sc, period, f, NULL, NULL, &err), 0);
    fclose(out);
    snprintf(want, sizeof want,
             "(shocked; coded position %g, salience %g, capability "
             "%g)</span></td><td class=\"num\" data-label=\"position\">"
             "%.1f</td>",
             coded, p->salience[cell] * 100, p->capability[cell],
             p->position[cell]);
    if (!strstr(page, want))
        fail_msg("report lacks the shocked input row: %s", want);
    free(page);
    ent_forecast_free(f);
    ent_problem_free(p);
    ent_scenario_free(sc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_version),
        cmocka_unit_test(test_traces_free),
        cmocka_unit_test(test_bands_free),
        cmocka_unit_test(test_ensemble_result_free),
        cmocka_unit_test(test_report_shows_shocked_inputs),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
