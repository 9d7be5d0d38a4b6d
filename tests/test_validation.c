/*
 * test_validation.c -- the back-test's validation scores (mean and median
 * absolute error, hits, comparisons with the compromise model and the
 * reference point, tags, bootstrap intervals) on a hand-computed scenario,
 * and the bundled DEU III scenarios: they load, every quote is found in
 * the data file, and every engine scores every issue.
 *
 * tests/data/validation (made up): mean = capability x salience weighted
 * mean (saliences equal, so capability weights).
 *   p1 a: (0 x 1 + 100 x 3) / 4 = 75, observed 70: error 5, hit
 *   p1 b: binary, 75, observed 100: error 25, hit (right side of 50)
 *   p2 a: (20 + 40) / 2 = 30, observed 50: error 20, miss
 *   p2 b: binary, (0 x 2 + 100) / 3 = 33.3, observed 100: error 66.7, miss
 *   status quo: p1 a 20 (error 50, miss), p1 b 0 (100, wrong side),
 *   p2 a none, p2 b 100 (0, hit).
 * mean: MAE 116.67 / 4 = 29.1667, median (20 + 25) / 2 = 22.5, hits 1/2;
 * status quo: MAE 50, hits 1/3; mean vs status quo on p1 a, p1 b, p2 b:
 * (5 + 25 + 66.67) / 3 - 50 = -17.78.
 */
#include <math.h>

#include "harness.h"

#define EPS 1e-9

static ent_backtest *run_backtest(const char *source, const char *models,
                                  int rounds)
{
    ent_scenario *sc = NULL;
    const ent_engine *engines[4];
    ent_model_options opts[4];
    ent_backtest *b = NULL;
    ent_error err;
    char names[64], *save = NULL;
    int n = 0;

    ent_error_clear(&err);
    assert_int_equal(ent_scenario_open(source, "scenarios", &sc, &err), 0);
    snprintf(names, sizeof names, "%s", models);
    for (char *tok = strtok_r(names, ",", &save); tok && n < 4;
         tok = strtok_r(NULL, ",", &save)) {
        engines[n] = ent_engine_find(tok);
        assert_non_null(engines[n]);
        opts[n] = (ent_model_options){0};
        opts[n].rounds = rounds;
        /* a fixed number of rounds: the short smp run below */
        opts[n].stop = rounds ? ENT_STOP_ROUNDS : ENT_STOP_SETTLE;
        n++;
    }
    if (ent_backtest_run(sc, engines, opts, n, &b, &err) != 0)
        fail_msg("%s", err.msg);
    /* the rows point into the scenario's strings only through indices;
       model names are static: the scenario can go */
    ent_scenario_free(sc);
    return b;
}

static int model_of(const ent_validation *v, const char *name)
{
    for (int m = 0; m < v->n_models; m++)
        if (strcmp(v->models[m], name) == 0)
            return m;
    fail_msg("no model %s", name);
    return -1;
}

static void test_hand_scores(void **state)
{
    ent_backtest *b = run_backtest("tests/data/validation", "mean", 0);
    const ent_validation *v = b->validation;
    int m = model_of(v, "mean"), s = model_of(v, "status_quo");

    (void)state;
    assert_int_equal(v->n_scored, 4);
    assert_int_equal(v->n_binary, 2);
    assert_int_equal(v->compromise, m);
    assert_int_equal(v->reference, s);
    assert_int_equal(v->overall[m].n, 4);
    assert_true(fabs(v->overall[m].mae - 116.66666666666667 / 4) < EPS);
    assert_true(fabs(v->overall[m].median_ae - 22.5) < EPS);
    assert_true(fabs(v->overall[m].hits - 0.5) < EPS);
    assert_int_equal(v->overall[s].n, 3);
    assert_true(fabs(v->overall[s].mae - 50) < EPS);
    assert_true(fabs(v->overall[s].hits - 1.0 / 3) < EPS);
    assert_int_equal(v->vs_reference[m].n, 3);
    assert_true(
        fabs(v->vs_reference[m].diff - ((5 + 25 + 200.0 / 3) / 3 - 50)) < EPS);
    assert_int_equal(v->vs_compromise[m].n, 0); /* not against itself */
    /* two periods: a resample holds p1 twice (MAE 15), p2 twice (43.3)
       or both (29.2) */
    assert_true(v->overall[m].mae_lo >= 15 - EPS);
    assert_true(v->overall[m].mae_hi <= 130.0 / 3 + EPS);
    assert_true(v->overall[m].mae_lo <= v->overall[m].mae &&
                v->overall[m].mae <= v->overall[m].mae_hi);
    ent_backtest_free(b);
}

/* Groups: the tags of issues.csv, then scale=binary|graded. */
static void test_tag_groups(void **state)
{
    ent_backtest *b = run_backtest("tests/data/validation", "mean", 0);
    const ent_validation *v = b->validation;
    int found = 0;

    (void)state;
    for (int g = 0; g < v->n_groups; g++) {
        const ent_group_score *gr = &v->groups[g];
        const ent_score *s = &gr->scores[model_of(v, "mean")];

        if (strcmp(gr->key, "proc") == 0 && strcmp(gr->value, "X") == 0) {
            assert_int_equal(s->n, 2); /* issue a: errors 5, 20 */
            assert_true(fabs(s->mae - 12.5) < EPS);
            found++;
        }
        if (strcmp(gr->key, "scale") == 0 && strcmp(gr->value, "binary") == 0) {
            assert_int_equal(s->n, 2); /* issue b: errors 25, 66.7 */
            assert_true(fabs(s->mae - (25 + 200.0 / 3) / 2) < EPS);
            found++;
        }
    }
    assert_int_equal(found, 2);
    ent_backtest_free(b);
}

/* An issue without a row in status_quo.csv has no status quo (NAN) and
   gives no baseline row; tags load as written. */
static void test_status_quo_missing(void **state)
{
    ent_scenario *sc = NULL;
    ent_error err;

    (void)state;
    ent_error_clear(&err);
    assert_int_equal(ent_scenario_load_dir("tests/data/validation", &sc, &err),
                     0);
    assert_true(isnan(ent_scenario_status_quo(sc, 1, 0))); /* p2, a */
    assert_true(ent_scenario_status_quo(sc, 1, 1) == 100); /* p2, b */
    assert_int_equal(sc->issues[0].tags.count, 2);
    assert_string_equal(sc->issues[0].tags.items[0], "proc=X");
    ent_scenario_free(sc);
}

/* Same seed, same intervals; another seed moves them. */
static void test_bootstrap_seeded(void **state)
{
    ent_backtest *b = run_backtest("deu3", "mean", 0);
    ent_scenario *sc = NULL;
    ent_validation *v1 = NULL, *v2 = NULL, *v3 = NULL;
    ent_error err;

    (void)state;
    ent_error_clear(&err);
    assert_int_equal(ent_scenario_open("deu3", "scenarios", &sc, &err), 0);
    assert_int_equal(ent_validate(sc, b, 200, 7, &v1, &err), 0);
    assert_int_equal(ent_validate(sc, b, 200, 7, &v2, &err), 0);
    assert_int_equal(ent_validate(sc, b, 200, 8, &v3, &err), 0);
    assert_true(v1->overall[0].mae_lo == v2->overall[0].mae_lo &&
                v1->overall[0].mae_hi == v2->overall[0].mae_hi);
    assert_true(v1->overall[0].mae_lo != v3->overall[0].mae_lo ||
                v1->overall[0].mae_hi != v3->overall[0].mae_hi);
    assert_true(v1->overall[0].mae == v3->overall[0].mae);
    ent_validation_free(v1);
    ent_validation_free(v2);
    ent_validation_free(v3);
    assert_int_equal(ent_validate(sc, b, 0, 7, &v1, &err), -1);
    assert_null(v1);
    assert_int_equal(err.code, ENT_EXIT_INPUT);
    ent_scenario_free(sc);
    ent_backtest_free(b);
}

/* The bundled conversions load; every quote of deu3 is in the data. */
static void test_deu3_loads(void **state)
{
    const char *const names[] = {"deu3", "deu3-gdp"};

    (void)state;
    for (int i = 0; i < 2; i++) {
        ent_scenario *sc = NULL;
        ent_error err;
        char docs[64];

        ent_error_clear(&err);
        assert_int_equal(ent_scenario_open(names[i], "scenarios", &sc, &err),
                         0);
        assert_int_equal(sc->periods.count, 141);
        assert_int_equal(sc->n_issues, 364);
        assert_int_equal(sc->n_outcomes, 353);
        assert_int_equal(sc->n_actors, 30);
        snprintf(docs, sizeof docs, "scenarios/%s/documents", names[i]);
        assert_int_equal(ent_scenario_check_quotes(sc, docs, NULL, &err), 0);
        ent_scenario_free(sc);
    }
}

/* Every engine scores every issue with an outcome (>= 340 required);
   smp is run for 2 rounds only, to keep the suite fast (the full run is
   in bench/). */
static void test_deu3_every_engine_scores(void **state)
{
    ent_backtest *b = run_backtest("deu3", "mean,median,eu", 0);
    ent_backtest *s = run_backtest("deu3", "smp", 2);

    (void)state;
    for (int m = 0; m < b->n_models; m++) {
        if (strcmp(b->models[m], "status_quo") == 0) {
            assert_int_equal(b->count[m], 253); /* rp recorded */
            continue;
        }
        assert_int_equal(b->count[m], 353);
        /* on 0-100 scales the validation MAE is the back-test's */
        assert_true(fabs(b->validation->overall[m].mae - b->mae[m]) < 1e-9);
    }
    assert_int_equal(s->count[0], 353);
    assert_int_equal(b->validation->n_scored, 353);
    ent_backtest_free(b);
    ent_backtest_free(s);
}

/* JSON: a `mae` object per model with both baselines, and the scores. */
static void test_cli_json(void **state)
{
    cli_result r = run_cli("backtest tests/data/validation --format json");

    (void)state;
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "\"mae\": {"));
    assert_non_null(strstr(r.out, "\"status_quo\""));
    assert_non_null(strstr(r.out, "\"reference_point\": \"status_quo\""));
    assert_non_null(strstr(r.out, "\"compromise\": \"mean\""));
    assert_non_null(strstr(r.out, "\"within10_ci\""));
    free(r.out);
    free(r.err);
    r = run_cli("backtest tests/data/validation");
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "proc=X"));
    assert_non_null(strstr(r.out, "scale=binary"));
    free(r.out);
    free(r.err);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hand_scores),
        cmocka_unit_test(test_tag_groups),
        cmocka_unit_test(test_status_quo_missing),
        cmocka_unit_test(test_bootstrap_seeded),
        cmocka_unit_test(test_deu3_loads),
        cmocka_unit_test(test_deu3_every_engine_scores),
        cmocka_unit_test(test_cli_json),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
