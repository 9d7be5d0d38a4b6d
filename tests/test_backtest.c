/*
 * test_backtest.c -- the back-test's horizons, baselines and scores on the
 * made-up yearly scenario tests/data/backtest (four years, a break in
 * 2012, one inferred outcome, one shock in 2012; every expected value below
 * is worked out by hand from its files), the ranked probability score, and
 * the JSON of the Belarus back-test.
 */
#include <math.h>

#include <jansson.h>

#include "harness.h"

#define EPS 1e-9
#define DATA "tests/data/backtest"

static ent_scenario *load(const char *source)
{
    ent_scenario *sc = NULL;
    ent_error err;

    ent_error_clear(&err);
    if (ent_scenario_open(source, "scenarios", &sc, &err) != 0)
        fail_msg("%s", err.msg);
    return sc;
}

/* The mean model on the test scenario; 3 ensemble runs. */
static ent_backtest *run_mean(const ent_scenario *sc)
{
    const ent_engine *engines[1] = {ent_engine_find("mean")};
    ent_model_options opts[1] = {{0}};
    ent_backtest_options bo = {0};
    ent_backtest *b = NULL;
    ent_error err;

    ent_error_clear(&err);
    bo.runs = 3;
    if (ent_backtest_run_with(sc, NULL, engines, opts, 1, &bo, &b, &err) != 0)
        fail_msg("%s", err.msg);
    return b;
}

static const ent_backtest_row *row_of(const ent_scenario *sc,
                                      const ent_backtest *b, const char *from,
                                      const char *to, const char *issue,
                                      const char *model)
{
    for (int r = 0; r < b->n_rows; r++) {
        const ent_backtest_row *row = &b->rows[r];

        if (strcmp(sc->periods.items[row->period], from) == 0 &&
            strcmp(sc->periods.items[row->target], to) == 0 &&
            strcmp(sc->issues[row->issue].id, issue) == 0 &&
            strcmp(row->model, model) == 0)
            return row;
    }
    fail_msg("no row %s->%s %s %s", from, to, issue, model);
    return NULL;
}

static int model_index(const ent_backtest *b, const char *name)
{
    for (int m = 0; m < b->n_models; m++)
        if (strcmp(b->models[m], name) == 0)
            return m;
    return -1;
}

/* 2010 forecasts 2011-2013 (h 1-3), 2011 forecasts 2012-2013, 2012 2013;
   2013 has nothing later.  Every forecast has both baselines. */
static void test_horizons_and_baselines(void **state)
{
    ent_scenario *sc = load(DATA);
    ent_backtest *b = run_mean(sc);
    int per_horizon[4] = {0};

    (void)state;
    assert_int_equal(b->n_horizons, 3);
    for (int h = 0; h < 3; h++)
        assert_int_equal(b->horizons[h], h + 1);
    assert_true(model_index(b, "status_quo") >= 0);
    assert_true(model_index(b, "trend") >= 0);
    for (int r = 0; r < b->n_rows; r++) {
        const ent_backtest_row *row = &b->rows[r];
        int years = atoi(sc->periods.items[row->target]) -
                    atoi(sc->periods.items[row->period]);

        assert_int_equal(row->horizon, years);
        assert_true(row->horizon >= 1 && row->horizon <= 3);
        per_horizon[row->horizon]++;
    }
    /* (issues 2) x (models 3) x (origins 3, 2, 1) */
    assert_int_equal(per_horizon[1], 2 * 3 * 3);
    assert_int_equal(per_horizon[2], 2 * 3 * 2);
    assert_int_equal(per_horizon[3], 2 * 3 * 1);
    ent_backtest_free(b);
    ent_scenario_free(sc);
}

/* Trend: status quo + horizon x the change per year since the previous
   period, clamped; no previous period: no change. */
static void test_trend(void **state)
{
    ent_scenario *sc = load(DATA);
    ent_backtest *b = run_mean(sc);

    (void)state;
    /* status quo a: 20, 30, 50, 50; b: 60, 60, 95, 95 */
    assert_float_equal(row_of(sc, b, "2010", "2012", "a", "trend")->forecast,
                       20, EPS);
    assert_float_equal(row_of(sc, b, "2011", "2012", "a", "trend")->forecast,
                       30 + 1 * (30 - 20), EPS);
    assert_float_equal(row_of(sc, b, "2011", "2013", "a", "trend")->forecast,
                       30 + 2 * (30 - 20), EPS);
    assert_float_equal(row_of(sc, b, "2012", "2013", "a", "trend")->forecast,
                       50 + 1 * (50 - 30), EPS);
    /* 95 + 35 = 130, clamped to the scale maximum 100 */
    assert_float_equal(row_of(sc, b, "2012", "2013", "b", "trend")->forecast,
                       100, EPS);
    assert_float_equal(
        row_of(sc, b, "2011", "2013", "a", "status_quo")->forecast, 30, EPS);
    assert_float_equal(ent_backtest_trend(sc, 3, 0, 2), 50, EPS);
    ent_backtest_free(b);
    ent_scenario_free(sc);
}

/* Perfect forecast 0, certain at the wrong end 1, uniform by hand. */
static void test_rps(void **state)
{
    const double certain0[3] = {1, 0, 0},
                 uniform3[3] = {1 / 3.0, 1 / 3.0, 1 / 3.0};
    const double uniform5[5] = {0.2, 0.2, 0.2, 0.2, 0.2};

    (void)state;
    assert_float_equal(ent_rps(certain0, 3, 0), 0, EPS);
    assert_float_equal(ent_rps(certain0, 3, 2), 1, EPS);
    /* cumulative 1/3, 2/3 against 1, 1: ((2/3)^2 + (1/3)^2) / 2 */
    assert_float_equal(ent_rps(uniform3, 3, 0), 5.0 / 18, EPS);
    /* against 0, 1: ((1/3)^2 + (1/3)^2) / 2 */
    assert_float_equal(ent_rps(uniform3, 3, 1), 1.0 / 9, EPS);
    /* cumulative .2 .4 .6 .8 against 0 0 1 1 */
    assert_float_equal(ent_rps(uniform5, 5, 2), (0.04 + 0.16 + 0.16 + 0.04) / 4,
                       EPS);
}

/* Rows carry the RPS of their forecast and of a uniform one; skill is
   1 - mean RPS / mean uniform RPS. */
static void test_row_rps_and_skill(void **state)
{
    ent_scenario *sc = load(DATA);
    ent_backtest *b = run_mean(sc);
    const ent_backtest_row *r;
    const ent_backtest_score *s;
    int m = model_index(b, "status_quo");
    double rps = 0, uni = 0;
    int n = 0;

    (void)state;
    /* 2010 -> 2011 on a: mean 30 in the middle band, observed 30 */
    r = row_of(sc, b, "2010", "2011", "a", "mean");
    assert_float_equal(r->rps, 0, EPS);
    assert_float_equal(r->rps_uniform, 1.0 / 9, EPS);
    /* status quo 20 in the low band, observed middle: 1 of 2 edges off */
    r = row_of(sc, b, "2010", "2011", "a", "status_quo");
    assert_float_equal(r->rps, 0.5, EPS);
    for (int i = 0; i < b->n_rows; i++)
        if (b->rows[i].horizon == 1 &&
            strcmp(b->rows[i].model, "status_quo") == 0) {
            rps += b->rows[i].rps;
            uni += b->rows[i].rps_uniform;
            n++;
        }
    s = ent_backtest_score_of(b, 0, m, 0);
    assert_int_equal(s->n_rps, n);
    assert_float_equal(s->skill, 1 - rps / uni, EPS);
    ent_backtest_free(b);
    ent_scenario_free(sc);
}

/* Break 2012: (2010, 2012], (2010, 2013], (2011, 2012], (2011, 2013] span
   it; the no-break variant leaves them out. */
static void test_breaks(void **state)
{
    ent_scenario *sc = load(DATA);
    ent_backtest *b = run_mean(sc);
    int m = model_index(b, "mean");

    (void)state;
    assert_false(row_of(sc, b, "2010", "2011", "a", "mean")->spans_break);
    assert_true(row_of(sc, b, "2010", "2012", "a", "mean")->spans_break);
    assert_true(row_of(sc, b, "2011", "2013", "b", "mean")->spans_break);
    assert_false(row_of(sc, b, "2012", "2013", "b", "mean")->spans_break);
    /* h1: 2010->2011 and 2012->2013 are break-free, two issues each */
    assert_int_equal(ent_backtest_score_of(b, 0, m, 0)->n, 6);
    assert_int_equal(ent_backtest_score_of(b, ENT_BACKTEST_NO_BREAKS, m, 0)->n,
                     4);
    /* h2 and h3 all span the break */
    assert_int_equal(ent_backtest_score_of(b, ENT_BACKTEST_NO_BREAKS, m, 1)->n,
                     0);
    assert_true(
        isnan(ent_backtest_score_of(b, ENT_BACKTEST_NO_BREAKS, m, 1)->mae));
    ent_backtest_free(b);
    ent_scenario_free(sc);
}

/* 2012 on issue a is inferred: the documented variant drops it. */
static void test_basis(void **state)
{
    ent_scenario *sc = load(DATA);
    ent_backtest *b = run_mean(sc);
    int m = model_index(b, "mean");
    const ent_backtest_score *all, *doc;

    (void)state;
    assert_true(row_of(sc, b, "2011", "2012", "a", "mean")->inferred);
    assert_false(row_of(sc, b, "2011", "2012", "b", "mean")->inferred);
    /* h2: 2010->2012 (a inferred, b) and 2011->2013 (a, b) */
    all = ent_backtest_score_of(b, 0, m, 1);
    doc = ent_backtest_score_of(b, ENT_BACKTEST_DOCUMENTED, m, 1);
    assert_int_equal(all->n, 4);
    assert_int_equal(doc->n, 3);
    /* errors 20, 35 | 20, 35 (mean 30 vs 50, 60 vs 95; 40 vs 60, 60 vs 95) */
    assert_float_equal(all->mae, (20 + 35 + 20 + 35) / 4.0, EPS);
    assert_float_equal(doc->mae, (35 + 20 + 35) / 3.0, EPS);
    ent_backtest_free(b);
    ent_scenario_free(sc);
}

/* The 2012 shock moves A to 80 on a in forecasts that reach 2012 or later
   from before it; the direction of change counts a dead band. */
static void test_shocks_and_direction(void **state)
{
    ent_scenario *sc = load(DATA);
    ent_backtest *b = run_mean(sc);
    const ent_backtest_row *r;
    int m = model_index(b, "mean");

    (void)state;
    r = row_of(sc, b, "2010", "2011", "a", "mean");
    assert_int_equal(r->n_shocks, 0);
    assert_float_equal(r->forecast_shocks, r->forecast, EPS);
    r = row_of(sc, b, "2011", "2012", "a", "mean");
    assert_int_equal(r->n_shocks, 1);
    /* A at 80 and B at 40, equal weights */
    assert_float_equal(r->forecast_shocks, (80 + 40) / 2.0, EPS);
    r = row_of(sc, b, "2012", "2013", "a", "mean");
    assert_int_equal(r->n_shocks, 0);
    /* h2 with shocks: 55 vs 50 and 60 vs 60 on a, 35 twice on b */
    assert_float_equal(ent_backtest_score_of(b, ENT_BACKTEST_SHOCKS, m, 1)->mae,
                       (5 + 35 + 0 + 35) / 4.0, EPS);
    /* h1 directions from the status quo (a: 20, 30, 50; b: 60, 60, 95):
       a up/up, up/up, up/up; b none/none, none/up, down/none: 4 hits */
    assert_int_equal(ent_backtest_score_of(b, 0, m, 0)->hits, 4);
    assert_int_equal(ent_backtest_score_of(b, 0, m, 0)->n_direction, 6);
    ent_backtest_free(b);
    ent_scenario_free(sc);
}

/* The same seed gives the same scores; --runs 0 leaves engines without
   an RPS but keeps the baselines'. */
static void test_cli_json(void **state)
{
    cli_result r = run_cli("backtest " DATA " --format json --runs 2");
    cli_result z = run_cli("backtest " DATA " --format json --runs 0");
    json_t *root, *rows, *sums, *zroot;
    json_error_t jerr;
    size_t i;
    json_t *e;
    int engine_rps = 0, summaries = 0;

    (void)state;
    assert_int_equal(r.status, 0);
    assert_int_equal(z.status, 0);
    root = json_loads(r.out, 0, &jerr);
    zroot = json_loads(z.out, 0, &jerr);
    assert_non_null(root);
    assert_non_null(zroot);
    rows = json_object_get(root, "rows");
    json_array_foreach(rows, i, e)
    {
        assert_true(json_is_integer(json_object_get(e, "horizon")));
        assert_true(json_is_string(json_object_get(e, "target")));
        assert_true(json_is_boolean(json_object_get(e, "break")));
        assert_true(json_is_string(json_object_get(e, "basis")));
        assert_true(json_is_array(json_object_get(e, "shocks")));
        engine_rps += strcmp(json_string_value(json_object_get(e, "model")),
                             "mean") == 0 &&
                      json_is_number(json_object_get(e, "rps"));
    }
    assert_true(engine_rps > 0);
    json_array_foreach(json_object_get(zroot, "rows"), i, e)
    {
        const char *model = json_string_value(json_object_get(e, "model"));

        assert_true(strcmp(model, "mean") != 0 ||
                    json_is_null(json_object_get(e, "rps")));
    }
    sums = json_object_get(root, "summaries");
    json_array_foreach(sums, i, e)
    {
        static const char *const keys[] = {
            "variant",        "model",       "horizon", "n",           "mae",
            "direction_hits", "direction_n", "rps",     "rps_uniform", "skill",
            "basis",          "breaks",      "shocks"};

        for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++)
            if (!json_object_get(e, keys[k]))
                fail_msg("summary %zu lacks '%s'", i, keys[k]);
        summaries++;
    }
    /* 8 variants x 3 models x 3 horizons */
    assert_int_equal(summaries, 8 * 3 * 3);
    assert_int_equal(json_array_size(json_object_get(root, "horizons")), 3);
    json_decref(root);
    json_decref(zroot);
    cli_result_free(&r);
    cli_result_free(&z);
}

static void test_cli_options(void **state)
{
    cli_result a = run_cli("backtest " DATA " --runs 2 --seed 7 --format json");
    cli_result b = run_cli("backtest " DATA " --runs 2 --seed 7 --format json");
    cli_result t = run_cli("backtest " DATA " --runs 2 --rows");
    cli_result bad = run_cli("backtest " DATA " --runs x");
    cli_result run = run_cli("run " DATA " --runs 2");

    (void)state;
    assert_int_equal(a.status, 0);
    assert_string_equal(a.out, b.out);
    assert_int_equal(t.status, 0);
    assert_non_null(strstr(t.out, "forecast_shocks"));
    assert_non_null(strstr(t.out, "MAE h3"));
    assert_int_equal(bad.status, 2);
    assert_non_null(strstr(bad.err, "--runs"));
    assert_int_equal(run.status, 2);
    cli_result_free(&a);
    cli_result_free(&b);
    cli_result_free(&t);
    cli_result_free(&bad);
    cli_result_free(&run);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_horizons_and_baselines),
        cmocka_unit_test(test_trend),
        cmocka_unit_test(test_rps),
        cmocka_unit_test(test_row_rps_and_skill),
        cmocka_unit_test(test_breaks),
        cmocka_unit_test(test_basis),
        cmocka_unit_test(test_shocks_and_direction),
        cmocka_unit_test(test_cli_json),
        cmocka_unit_test(test_cli_options),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
