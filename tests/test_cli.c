/*
 * test_cli.c -- the entente command end to end: help and version, the
 * forecast in every format, exit codes and messages on bad input, and
 * atomic output files.
 */
#include <jansson.h>
#include <sys/stat.h>

#include "harness.h"
#include "jm_reference.h"

static int file_exists(const char *path)
{
    struct stat st;

    return stat(path, &st) == 0;
}

static void test_version_and_help(void **state)
{
    cli_result r = run_cli("--version");

    (void)state;
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, ENT_VERSION));
    cli_result_free(&r);
    r = run_cli("--help");
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "backtest"));
    assert_non_null(strstr(r.out, "ensemble"));
    cli_result_free(&r);
    r = run_cli("run --help");
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "--model"));
    cli_result_free(&r);
}

static void test_unknown_command(void **state)
{
    cli_result r = run_cli("frobnicate");

    (void)state;
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err, "unknown command 'frobnicate'"));
    cli_result_free(&r);
}

static void test_bad_options(void **state)
{
    static const struct {
        const char *args, *message;
    } cases[] = {
        {"run eu-emissions --format xml", "expected table, csv or json"},
        {"run eu-emissions --model nosuch", "unknown model 'nosuch'"},
        {"run eu-emissions --rounds 0", "--rounds: expected an integer"},
        {"run eu-emissions --rounds 12x", "--rounds: expected an integer"},
        {"run eu-emissions --period 1066", "has no period '1066'"},
        {"run eu-emissions --bogus", "unknown option '--bogus'"},
        {"run eu-emissions --model", "needs a value"},
        {"run eu-emissions extra", "unexpected argument 'extra'"},
        {"run eu-emissions --param eu", "expected ENGINE.NAME=VALUE"},
        {"run eu-emissions --eu-param nosuch=1", "nosuch"},
        {"run /nonexistent/dir", "no such scenario"},
        {"sources", "expected a scenario"},
        {"timeline eu-emissions --from 19x", "--from: expected a year"},
        {"timeline eu-emissions --actor nobody", "has no actor 'nobody'"},
        {"facts eu-emissions --actor x", "unknown option '--actor'"},
        {"backtest eu-emissions", "no documented outcomes"},
        {"backtest eu-emissions --period example", "unknown option '--period'"},
        {"report eu-emissions --format json", "unknown option '--format'"},
        {"show eu-emissions --period 2099", "has no period '2099'"},
    };

    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        cli_result r = run_cli("%s", cases[i].args);

        if (r.status != 2 || !strstr(r.err, cases[i].message))
            fail_msg("'%s': status %d, stderr: %s", cases[i].args, r.status,
                     r.err);
        cli_result_free(&r);
    }
}

static json_t *parse_json(const char *text)
{
    json_error_t jerr;
    json_t *root = json_loads(text, 0, &jerr);

    if (!root)
        fail_msg("invalid JSON (%s) in: %.200s", jerr.text, text);
    return root;
}

/* Round 0 of every forecast equals the input positions of the table. */
static void test_run_json_eu_emissions(void **state)
{
    cli_result r =
        run_cli("run eu-emissions --model eu,median,mean --stop rounds "
                "--rounds 8 --format json");
    json_t *root, *forecasts, *eu, *rounds;
    const double inputs[] = {4, 7, 4, 4, 10, 10, 10, 7, 4, 7};

    (void)state;
    assert_int_equal(r.status, 0);
    root = parse_json(r.out);
    assert_string_equal(json_string_value(json_object_get(root, "scenario")),
                        "eu-emissions");
    assert_string_equal(json_string_value(json_object_get(root, "period")),
                        "example");
    forecasts = json_object_get(root, "forecasts");
    assert_int_equal(json_array_size(forecasts), 3);
    eu = json_array_get(forecasts, 0);
    assert_string_equal(json_string_value(json_object_get(eu, "model")), "eu");
    assert_string_equal(json_string_value(json_object_get(eu, "issue")),
                        "emissions");
    assert_int_equal(json_array_size(json_object_get(eu, "actors")), 10);
    rounds = json_object_get(eu, "rounds");
    assert_int_equal(json_array_size(rounds), 9); /* --rounds 8 */
    assert_string_equal(
        json_string_value(json_object_get(json_object_get(eu, "stop"), "rule")),
        "rounds");
    for (size_t i = 0; i < 10; i++)
        assert_true(json_real_value(json_array_get(json_array_get(rounds, 0),
                                                   i)) == inputs[i]);
    /* the weighted median of the inputs is 7 (Scholz et al., round 0) */
    assert_true(fabs(json_real_value(json_object_get(
                         json_array_get(forecasts, 1), "outcome")) -
                     7.0) < 1e-9);
    json_decref(root);
    cli_result_free(&r);
}

/* A number of a JSON forecast entry: outcome, or stop.KEY. */
static double entry_number(json_t *entry, const char *key)
{
    return json_number_value(json_object_get(entry, key));
}

static const char *stop_reason(json_t *entry)
{
    return json_string_value(
        json_object_get(json_object_get(entry, "stop"), "reason"));
}

/* --stop rounds reproduces J. McKibben-Sanders's replication of Scholz et
   al.'s code: every position of rounds 1-10, to 1e-12, through the JSON
   output (which prints 17 significant digits). */
static void test_run_reproduces_jm(void **state)
{
    cli_result r = run_cli("run eu-emissions --model eu --stop rounds "
                           "--rounds 10 --format json");
    json_t *root, *eu, *rounds, *stop;

    (void)state;
    assert_int_equal(r.status, 0);
    root = parse_json(r.out);
    eu = json_array_get(json_object_get(root, "forecasts"), 0);
    rounds = json_object_get(eu, "rounds");
    assert_int_equal(json_array_size(rounds), 11);
    for (int t = 1; t <= 10; t++) {
        json_t *row = json_array_get(rounds, (size_t)t);
        /* Netherlands, Belgium, Luxembourg, Germany, France, Italy, UK,
           Ireland, Denmark, Greece: only BE, LU and IE move */
        const double want[10] = {4,
                                 jm_belgium[t - 1],
                                 jm_luxembourg[t - 1],
                                 4,
                                 10,
                                 10,
                                 10,
                                 jm_ireland[t - 1],
                                 4,
                                 7};

        for (size_t i = 0; i < 10; i++) {
            double got = json_number_value(json_array_get(row, i));

            if (!(fabs(got - want[i]) <= 1e-12))
                fail_msg("round %d actor %zu: %.17g, JM %.17g", t, i, got,
                         want[i]);
        }
    }
    /* the forecast under the rounds rule is the last round's median */
    assert_true(fabs(entry_number(eu, "outcome") - jm_median[10]) <= 1e-12);
    stop = json_object_get(eu, "stop");
    assert_string_equal(json_string_value(json_object_get(stop, "rule")),
                        "rounds");
    assert_int_equal(json_integer_value(json_object_get(stop, "round")), 10);
    json_decref(root);
    cli_result_free(&r);
}

/* Every forecast that converged or cycled is the same at --rounds 50, 51
   and 100: for the eu-emissions example and every Belarus period, under
   eu and smp. */
static void test_settled_forecasts_ignore_the_limit(void **state)
{
    static const char *const runs[] = {"eu-emissions", "belarus --period 2016",
                                       "belarus --period 2019",
                                       "belarus --period 2024"};
    static const char *const models[] = {"eu", "smp"};
    static const int limits[] = {50, 51, 100};

    (void)state;
    for (size_t s = 0; s < 4; s++)
        for (size_t m = 0; m < 2; m++) {
            json_t *docs[3], *roots[3];
            size_t n;

            for (size_t l = 0; l < 3; l++) {
                cli_result r = run_cli("run %s --model %s --rounds %d "
                                       "--format json",
                                       runs[s], models[m], limits[l]);

                assert_int_equal(r.status, 0);
                docs[l] = parse_json(r.out);
                roots[l] = json_object_get(docs[l], "forecasts");
                cli_result_free(&r);
            }
            n = json_array_size(roots[0]);
            for (size_t i = 0; i < n; i++) {
                json_t *a = json_array_get(roots[0], i);
                const char *why = stop_reason(a);

                if (strcmp(why, "limit") == 0)
                    continue;
                for (size_t l = 1; l < 3; l++) {
                    json_t *b = json_array_get(roots[l], i);

                    assert_string_equal(stop_reason(b), why);
                    if (entry_number(a, "outcome") !=
                        entry_number(b, "outcome"))
                        fail_msg("%s %s %s: %.17g at 50 rounds, %.17g at %d",
                                 runs[s], models[m],
                                 json_string_value(json_object_get(a, "issue")),
                                 entry_number(a, "outcome"),
                                 entry_number(b, "outcome"), limits[l]);
                }
            }
            for (size_t l = 0; l < 3; l++)
                json_decref(docs[l]);
        }
}

/* No Belarus default forecast of eu or smp is left unsettled. */
static void test_belarus_settles(void **state)
{
    static const char *const periods[] = {"2019", "2024"};

    (void)state;
    for (size_t p = 0; p < 2; p++) {
        cli_result r = run_cli("run belarus --period %s --model eu,smp "
                               "--format json",
                               periods[p]);
        json_t *root, *list;

        assert_int_equal(r.status, 0);
        root = parse_json(r.out);
        list = json_object_get(root, "forecasts");
        for (size_t i = 0; i < json_array_size(list); i++)
            if (strcmp(stop_reason(json_array_get(list, i)), "limit") == 0)
                fail_msg("period %s: %s", periods[p],
                         json_dumps(json_array_get(list, i), 0));
        json_decref(root);
        cli_result_free(&r);
    }
}

/* The same data as a bundled scenario and as a plain BDM table give the
   same forecast from every model. */
static void test_one_forecast_everywhere(void **state)
{
    cli_result a = run_cli("run eu-emissions --model eu,median,mean "
                           "--format json");
    cli_result b = run_cli("run tests/data/bdm/eu-emissions.csv --model "
                           "eu,median,mean --format json");
    json_t *ra, *rb, *la, *lb;

    (void)state;
    assert_int_equal(a.status, 0);
    assert_int_equal(b.status, 0);
    ra = parse_json(a.out);
    rb = parse_json(b.out);
    la = json_object_get(ra, "forecasts");
    lb = json_object_get(rb, "forecasts");
    assert_int_equal(json_array_size(la), 3);
    assert_int_equal(json_array_size(lb), 3);
    for (size_t i = 0; i < 3; i++) {
        json_t *x = json_array_get(la, i), *y = json_array_get(lb, i);

        assert_true(entry_number(x, "outcome") == entry_number(y, "outcome"));
        assert_string_equal(stop_reason(x), stop_reason(y));
    }
    json_decref(ra);
    json_decref(rb);
    cli_result_free(&a);
    cli_result_free(&b);
}

/* The outcome `run --format json` gives for (issue, model); NAN if none. */
static double run_outcome(json_t *run, const char *issue, const char *model)
{
    json_t *list = json_object_get(run, "forecasts");

    for (size_t i = 0; i < json_array_size(list); i++) {
        json_t *e = json_array_get(list, i);

        if (strcmp(json_string_value(json_object_get(e, "issue")), issue) ==
                0 &&
            strcmp(json_string_value(json_object_get(e, "model")), model) == 0)
            return entry_number(e, "outcome");
    }
    return NAN;
}

/* run, backtest and ensemble (its unperturbed baseline) give the same
   forecast for the same period, to the last bit. */
static void test_commands_agree(void **state)
{
    cli_result r = run_cli("run belarus --period 2019 --format json");
    cli_result b = run_cli("backtest belarus --format json --runs 2");
    cli_result e =
        run_cli("ensemble belarus --period 2019 --runs 2 --format json");
    json_t *run, *bt, *ens, *rows, *issues;
    int checked = 0;

    (void)state;
    assert_int_equal(r.status, 0);
    assert_int_equal(b.status, 0);
    assert_int_equal(e.status, 0);
    run = parse_json(r.out);
    bt = parse_json(b.out);
    ens = parse_json(e.out);
    rows = json_object_get(bt, "rows");
    for (size_t i = 0; i < json_array_size(rows); i++) {
        json_t *row = json_array_get(rows, i);
        const char *model = json_string_value(json_object_get(row, "model"));

        if (strcmp(json_string_value(json_object_get(row, "period")), "2019") !=
                0 ||
            strcmp(model, "status_quo") == 0 || strcmp(model, "trend") == 0)
            continue;
        assert_true(
            entry_number(row, "forecast") ==
            run_outcome(run, json_string_value(json_object_get(row, "issue")),
                        model));
        checked++;
    }
    issues = json_object_get(ens, "issues");
    for (size_t k = 0; k < json_array_size(issues); k++) {
        json_t *issue = json_array_get(issues, k);
        json_t *models = json_object_get(issue, "models");
        const char *id = json_string_value(json_object_get(issue, "id"));

        for (size_t m = 0; m < json_array_size(models); m++) {
            json_t *mo = json_array_get(models, m);

            assert_true(
                entry_number(mo, "baseline") ==
                run_outcome(run, id,
                            json_string_value(json_object_get(mo, "model"))));
            checked++;
        }
    }
    assert_true(checked >= 32);
    json_decref(run);
    json_decref(bt);
    json_decref(ens);
    cli_result_free(&r);
    cli_result_free(&b);
    cli_result_free(&e);
}

/* The example program (examples/forecast.c, the library with the
   scenario's own [model] settings) and `entente run` give the same
   forecasts, to the last bit, for the bundled scenarios. */
static void test_example_matches_cli(void **state)
{
    static const char *const scenarios[] = {"eu-emissions", "belarus"};
    const char *build = getenv("ENTENTE_BUILD");
    char cmd[512];

    (void)state;
    if (!build)
        build = "build/release";
    for (size_t s = 0; s < 2; s++) {
        cli_result r = run_cli("run %s --format json", scenarios[s]);
        json_t *root = parse_json(r.out);
        json_t *list = json_object_get(root, "forecasts");
        size_t lines = 0;
        FILE *ex;
        char issue[128], model[32], reason[32];
        double value;

        snprintf(cmd, sizeof cmd, "%s/examples/forecast scenarios/%s", build,
                 scenarios[s]);
        ex = popen(cmd, "r");
        assert_non_null(ex);
        while (fscanf(ex, "%127s %31s %lf %31s", issue, model, &value,
                      reason) == 4) {
            int found = 0;

            for (size_t i = 0; i < json_array_size(list); i++) {
                json_t *e = json_array_get(list, i);

                if (strcmp(json_string_value(json_object_get(e, "issue")),
                           issue) != 0 ||
                    strcmp(json_string_value(json_object_get(e, "model")),
                           model) != 0)
                    continue;
                found = 1;
                if (entry_number(e, "outcome") != value)
                    fail_msg("%s %s %s: example %.17g, CLI %.17g", scenarios[s],
                             issue, model, value, entry_number(e, "outcome"));
                assert_string_equal(stop_reason(e), reason);
            }
            if (!found)
                fail_msg("%s: the CLI has no %s forecast of %s", scenarios[s],
                         model, issue);
            lines++;
        }
        assert_int_equal(pclose(ex), 0);
        assert_int_equal(lines, json_array_size(list));
        json_decref(root);
        cli_result_free(&r);
    }
}

/* One engine failing on an issue is reported on that forecast (an
   "error" instead of an outcome, and a warning), and the other engines'
   results stand: a table whose positions are only 0 and 100. */
static void test_engine_failure_is_kept(void **state)
{
    cli_result r = run_cli("run tests/data/bdm/binary.csv --model "
                           "eu,smp,median,mean --format json");
    json_t *root, *list;
    int failed = 0;

    (void)state;
    assert_int_equal(r.status, 0);
    root = parse_json(r.out);
    list = json_object_get(root, "forecasts");
    assert_int_equal(json_array_size(list), 4);
    for (size_t i = 0; i < 4; i++) {
        json_t *e = json_array_get(list, i);
        const char *model = json_string_value(json_object_get(e, "model"));
        json_t *error = json_object_get(e, "error");

        if (error) {
            failed++;
            assert_true(json_is_null(json_object_get(e, "outcome")));
            assert_non_null(strstr(r.err, json_string_value(error)));
        } else
            assert_true(json_is_number(json_object_get(e, "outcome")));
        if (strcmp(model, "smp") != 0)
            assert_null(error);
    }
    if (failed)
        assert_non_null(strstr(r.err, "warning: smp"));
    json_decref(root);
    cli_result_free(&r);
}

/* With every model failing there is nothing to show: exit 1, with the
   errors printed.  KTAB's exact behaviour makes smp fail on a table whose
   positions are only 0 and 100. */
static void test_all_engines_failing(void **state)
{
    cli_result r = run_cli("run tests/data/bdm/binary.csv --model smp "
                           "--param smp.TwoPositions=ktab --format json");

    (void)state;
    assert_int_equal(r.status, 1);
    assert_non_null(strstr(r.out, "\"error\""));
    assert_non_null(strstr(r.err, "no model produced a forecast"));
    cli_result_free(&r);
}

/* The SMP on a KTAB file: every dimension, KTAB's 27 turns (28 states),
   effective power per turn and the bargains. */
static void test_run_json_smp_ktab(void **state)
{
    cli_result r = run_cli(
        "run tests/data/ktab/SOE-Pol-Comp.csv --model smp --format json");
    json_t *root, *forecasts, *f;
    size_t i;

    (void)state;
    assert_int_equal(r.status, 0);
    root = parse_json(r.out);
    forecasts = json_object_get(root, "forecasts");
    assert_int_equal(json_array_size(forecasts), 2);
    json_array_foreach(forecasts, i, f)
    {
        json_t *rounds = json_object_get(f, "rounds");

        assert_string_equal(json_string_value(json_object_get(f, "model")),
                            "smp");
        assert_int_equal(json_array_size(rounds), 28);
        assert_int_equal(json_array_size(json_array_get(rounds, 0)), 13);
        assert_int_equal(json_array_size(json_object_get(f, "effective_power")),
                         28);
        assert_true(json_array_size(json_object_get(f, "bargains")) > 0);
    }
    json_decref(root);
    cli_result_free(&r);
}

static void test_run_table_and_csv(void **state)
{
    cli_result r = run_cli("run eu-emissions");

    (void)state;
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "Stringency of EC car-emission standards"));
    assert_non_null(strstr(r.out, "moved most"));
    cli_result_free(&r);
    r = run_cli("run eu-emissions --model median --format csv");
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(
        r.out, "period,issue,model,round,actor,position,outcome,whatif\n"));
    assert_non_null(
        strstr(r.out, "example,emissions,median,0,netherlands,4,7,\n"));
    cli_result_free(&r);
}

static void test_output_file_atomic(void **state)
{
    char dir[] = "/tmp/ent-cli-XXXXXX", path[128];
    cli_result r;

    (void)state;
    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/out.json", dir);
    r = run_cli("run eu-emissions --format json -o %s", path);
    assert_int_equal(r.status, 0);
    assert_string_equal(r.out, "");
    assert_true(file_exists(path));
    cli_result_free(&r);
    unlink(path);
    /* a failing run leaves no file behind, not even a temporary */
    r = run_cli("run eu-emissions --eu-param nosuch=1 -o %s", path);
    assert_int_equal(r.status, 2);
    assert_false(file_exists(path));
    cli_result_free(&r);
    r = run_cli("run eu-emissions -o /nonexistent-dir/x.json");
    assert_int_equal(r.status, 1);
    assert_non_null(strstr(r.err, "cannot create"));
    cli_result_free(&r);
    assert_int_equal(rmdir(dir), 0); /* empty: no temporaries left */
}

static void test_scenarios_lists_bundled(void **state)
{
    cli_result r = run_cli("scenarios");

    (void)state;
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "eu-emissions"));
    assert_non_null(strstr(r.out, "belarus"));
    assert_null(strstr(r.out, "does not load"));
    cli_result_free(&r);
}

static void test_sources_grep(void **state)
{
    cli_result r =
        run_cli("sources eu-emissions --grep netherlands --format csv");

    (void)state;
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "row_netherlands"));
    assert_null(strstr(r.out, "row_belgium"));
    cli_result_free(&r);
}

/* Sources are cited by author, title and date; the file name only in the
   CSV's last column. */
static void test_sources_cite_documents(void **state)
{
    ent_scenario *sc = NULL;
    ent_error err;
    cli_result t = run_cli("sources belarus"),
               c = run_cli("sources belarus --format csv");
    const char *header = "id,date,author,title,publisher,document_date,"
                         "locator,quote,file\n";

    (void)state;
    ent_error_clear(&err);
    assert_int_equal(ent_scenario_open("belarus", "scenarios", &sc, &err), 0);
    assert_true(sc->n_documents > 0);
    assert_int_equal(t.status, 0);
    assert_int_equal(c.status, 0);
    assert_int_equal(strncmp(c.out, header, strlen(header)), 0);
    for (int i = 0; i < sc->n_documents; i++) {
        const ent_document *d = &sc->documents[i];
        char line[1024];

        assert_null(strstr(t.out, d->file));
        assert_non_null(strstr(t.out, d->author));
        snprintf(line, sizeof line, ",%s\n", d->file);
        assert_non_null(strstr(c.out, line)); /* the file, last */
    }
    /* each row shows its source's own evidence date */
    for (int i = 0; i < sc->n_sources; i++) {
        char start[128];

        snprintf(start, sizeof start, "\n%s,%s,", sc->sources[i].id,
                 sc->sources[i].date);
        assert_non_null(strstr(c.out, start));
    }
    ent_scenario_free(sc);
    cli_result_free(&t);
    cli_result_free(&c);
}

static void test_malformed_file_one_line(void **state)
{
    char dir[] = "/tmp/ent-cli-XXXXXX", path[128];
    cli_result r;

    (void)state;
    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/bad.csv", dir);
    write_file(path,
               "Actor,Capability,Position,Salience\nA,0.5,4,80\nB,x,5,60\n");
    r = run_cli("run %s", path);
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err, "bad.csv:3:2:"));
    /* exactly one line of error output */
    assert_non_null(strchr(r.err, '\n'));
    assert_null(strchr(strchr(r.err, '\n') + 1, '\n'));
    cli_result_free(&r);
    unlink(path);
    rmdir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_version_and_help),
        cmocka_unit_test(test_unknown_command),
        cmocka_unit_test(test_bad_options),
        cmocka_unit_test(test_run_json_eu_emissions),
        cmocka_unit_test(test_run_json_smp_ktab),
        cmocka_unit_test(test_run_reproduces_jm),
        cmocka_unit_test(test_settled_forecasts_ignore_the_limit),
        cmocka_unit_test(test_belarus_settles),
        cmocka_unit_test(test_one_forecast_everywhere),
        cmocka_unit_test(test_example_matches_cli),
        cmocka_unit_test(test_commands_agree),
        cmocka_unit_test(test_engine_failure_is_kept),
        cmocka_unit_test(test_all_engines_failing),
        cmocka_unit_test(test_run_table_and_csv),
        cmocka_unit_test(test_output_file_atomic),
        cmocka_unit_test(test_scenarios_lists_bundled),
        cmocka_unit_test(test_sources_grep),
        cmocka_unit_test(test_sources_cite_documents),
        cmocka_unit_test(test_malformed_file_one_line),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
