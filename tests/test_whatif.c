/*
 * test_whatif.c -- what-ifs: --set, --drop, --shock and what-if files,
 * checked against a scenario, applied to a period's problem, listed in
 * the outputs; the shocks command and event ids in the timeline.
 */
#include <jansson.h>

#include "harness.h"

static ent_scenario *load(const char *dir)
{
    ent_scenario *sc = NULL;
    ent_error err;

    ent_error_clear(&err);
    if (ent_scenario_load_dir(dir, &sc, &err) != 0)
        fail_msg("%s", err.msg);
    return sc;
}

static ent_problem *build(const ent_scenario *sc, int period)
{
    ent_problem *p = NULL;
    ent_error err;

    ent_error_clear(&err);
    assert_int_equal(ent_problem_build(sc, period, &p, &err), 0);
    return p;
}

static void test_set_and_drop_change_the_problem(void **state)
{
    ent_scenario *sc = load("scenarios/eu-emissions");
    ent_problem *p = build(sc, 0);
    int nl = ent_scenario_actor(sc, "netherlands");
    int be = ent_scenario_actor(sc, "belgium");
    int k = ent_scenario_issue(sc, "emissions"), applied = -1;
    ent_whatif w = {0};
    ent_error err;

    (void)state;
    ent_error_clear(&err);
    assert_int_equal(ent_whatif_add_set(&w, sc, "netherlands", "emissions",
                                        "position", 9, NULL, &err),
                     0);
    assert_int_equal(ent_whatif_add_set(&w, sc, "netherlands", "emissions",
                                        "salience", 50, NULL, &err),
                     0);
    assert_int_equal(ent_whatif_add_drop(&w, sc, "belgium", NULL, NULL, &err),
                     0);
    assert_string_equal(w.items[0].label,
                        "set netherlands:emissions:position=9");
    assert_string_equal(w.items[2].label, "drop belgium");
    assert_int_equal(ent_whatif_apply(&w, sc, p, 1, &applied, &err), 0);
    assert_int_equal(applied, 3);
    assert_true(p->position[ent_cell(p, nl, k)] == 9);
    assert_true(p->salience[ent_cell(p, nl, k)] == 0.5);
    assert_int_equal(p->present[ent_cell(p, be, k)], 0);
    /* strict: dropping an actor twice finds nothing the second time */
    assert_int_equal(ent_whatif_apply(&w, sc, p, 1, NULL, &err), -1);
    assert_int_equal(err.code, ENT_EXIT_INPUT);
    assert_non_null(strstr(err.msg, "drop belgium"));
    /* lenient (a back-test): skipped */
    assert_int_equal(ent_whatif_apply(&w, sc, p, 0, &applied, &err), 0);
    assert_int_equal(applied, 2);
    ent_whatif_free(&w);
    ent_problem_free(p);
    ent_scenario_free(sc);
}

static void test_bad_changes_are_input_errors(void **state)
{
    ent_scenario *sc = load("scenarios/eu-emissions");
    ent_whatif w = {0};
    ent_error err;

    (void)state;
    ent_error_clear(&err);
    assert_int_equal(ent_whatif_add_set(&w, sc, "nobody", "emissions",
                                        "position", 5, NULL, &err),
                     -1);
    assert_non_null(strstr(err.msg, "no actor 'nobody'"));
    assert_int_equal(ent_whatif_add_set(&w, sc, "belgium", "emissions",
                                        "weight", 5, NULL, &err),
                     -1);
    assert_non_null(strstr(err.msg, "position, salience or capability"));
    assert_int_equal(ent_whatif_add_set(&w, sc, "belgium", "emissions",
                                        "salience", 101, NULL, &err),
                     -1);
    assert_non_null(strstr(err.msg, "[0, 100]"));
    assert_int_equal(ent_whatif_add_set(&w, sc, "belgium", "emissions",
                                        "capability", -1, NULL, &err),
                     -1);
    assert_int_equal(ent_whatif_add_shock(&w, sc, "e1", NULL, &err), -1);
    assert_non_null(strstr(err.msg, "no event 'e1'"));
    assert_int_equal(w.count, 0);
    ent_scenario_free(sc);
}

static void test_whatif_file(void **state)
{
    char path[64];
    ent_scenario *sc = load("scenarios/eu-emissions");
    ent_whatif w = {0};
    ent_error err;

    (void)state;
    ent_error_clear(&err);
    snprintf(path, sizeof path, "/tmp/ent-whatif-%d.csv", (int)getpid());
    write_file(path, "actor,issue,field,value,sources,rationale\n"
                     "netherlands,emissions,position,6,ref,\"a, b\"\n"
                     "belgium,,drop,,,gone\n");
    assert_int_equal(ent_whatif_load(&w, sc, path, &err), 0);
    assert_int_equal(w.count, 2);
    assert_int_equal(w.items[0].kind, ENT_CHANGE_SET);
    assert_string_equal(w.items[0].rationale, "a, b");
    assert_string_equal(w.items[0].sources.items[0], "ref");
    assert_non_null(strstr(w.items[1].origin, ":3"));
    assert_int_equal(w.items[1].kind, ENT_CHANGE_DROP);
    ent_whatif_free(&w);

    write_file(path, "actor,issue,field,value,sources,rationale\n"
                     "netherlands,emissions,position,6,nosuch,why\n");
    assert_int_equal(ent_whatif_load(&w, sc, path, &err), -1);
    assert_non_null(strstr(err.msg, ":2:5:"));
    assert_non_null(strstr(err.msg, "unknown source \"nosuch\""));
    ent_whatif_free(&w);

    write_file(path, "actor,issue,field,value,rationale\n"
                     "netherlands,emissions,position,60,why\n");
    assert_int_equal(ent_whatif_load(&w, sc, path, &err), -1);
    assert_non_null(strstr(err.msg, ":2:4"));
    assert_non_null(strstr(err.msg, "expected a number in"));
    ent_whatif_free(&w);

    write_file(path, "actor,issue,field,value,rationale\n"
                     "netherlands,emissions,position,6,\n");
    assert_int_equal(ent_whatif_load(&w, sc, path, &err), -1);
    assert_non_null(strstr(err.msg, "rationale"));
    ent_whatif_free(&w);
    unlink(path);
    ent_scenario_free(sc);
}

static json_t *parse_json(const char *text)
{
    json_error_t jerr;
    json_t *root = json_loads(text, 0, &jerr);

    if (!root)
        fail_msg("invalid JSON (%s) in: %.200s", jerr.text, text);
    return root;
}

/* Index of an actor in a forecast entry's actor list; -1 if absent. */
static int actor_index(json_t *entry, const char *name)
{
    json_t *actors = json_object_get(entry, "actors");

    for (size_t i = 0; i < json_array_size(actors); i++)
        if (strcmp(json_string_value(json_array_get(actors, i)), name) == 0)
            return (int)i;
    return -1;
}

static void test_run_json_lists_and_applies_whatifs(void **state)
{
    cli_result r = run_cli("run belarus --model median --set "
                           "ru_kremlin:ru_presence:position=70 --drop nato "
                           "--format json");
    json_t *root, *whatifs, *forecasts;
    int checked = 0;

    (void)state;
    assert_int_equal(r.status, 0);
    root = parse_json(r.out);
    whatifs = json_object_get(root, "whatifs");
    assert_int_equal(json_array_size(whatifs), 2);
    assert_string_equal(
        json_string_value(json_object_get(json_array_get(whatifs, 0), "label")),
        "set ru_kremlin:ru_presence:position=70");
    assert_string_equal(json_string_value(json_object_get(
                            json_array_get(whatifs, 1), "change")),
                        "drop");
    forecasts = json_object_get(root, "forecasts");
    for (size_t i = 0; i < json_array_size(forecasts); i++) {
        json_t *e = json_array_get(forecasts, i);
        const char *issue = json_string_value(json_object_get(e, "issue"));
        int kremlin = actor_index(e, "Kremlin (President Putin and the "
                                     "presidential administration)");

        if (actor_index(e, "NATO") >= 0)
            fail_msg("NATO still takes part in %s", issue);
        if (strcmp(issue, "ru_presence") == 0 && kremlin >= 0) {
            json_t *round0 = json_array_get(json_object_get(e, "rounds"), 0);

            assert_true(json_real_value(json_array_get(round0, kremlin)) == 70);
            checked = 1;
        }
    }
    assert_true(checked);
    json_decref(root);
    cli_result_free(&r);
}

static void test_whatifs_listed_in_every_output(void **state)
{
    static const char *const commands[] = {
        "run belarus --model median --drop nato",
        "run belarus --model median --drop nato --format csv",
        "backtest belarus --model median --runs 2 --drop nato",
        "backtest belarus --model median --runs 2 --drop nato --format json",
        "backtest belarus --model median --runs 2 --drop nato --format csv",
        "ensemble belarus --model median --runs 5 --drop nato --format csv",
        "ensemble belarus --model median --runs 5 --drop nato",
        "ensemble belarus --model median --runs 5 --drop nato --format json",
        "report belarus --model median --drop nato",
    };

    (void)state;
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++) {
        cli_result r = run_cli("%s", commands[i]);

        if (r.status != 0 || !strstr(r.out, "drop nato"))
            fail_msg("'%s': status %d, no 'drop nato' in the output; "
                     "stderr: %s",
                     commands[i], r.status, r.err);
        cli_result_free(&r);
    }
}

static void test_cli_errors(void **state)
{
    static const struct {
        const char *args, *message;
    } cases[] = {
        {"run belarus --set ru_kremlin:ru_presence=70", "expected ACTOR:ISSUE"},
        {"run belarus --set ru_kremlin:ru_presence:position=x",
         "expected a number"},
        {"run belarus --set ru_kremlin:nowhere:position=1", "no issue"},
        {"run belarus --drop nobody", "no actor 'nobody'"},
        {"run belarus --shock e001", "has no shock to apply"},
        {"run belarus --whatif /nonexistent.csv", "nonexistent"},
        {"backtest belarus --runs 0 --set china:ru_presence:position=1",
         "changes nothing in any back-tested period"},
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

static void test_shocks_and_timeline_ids(void **state)
{
    cli_result r = run_cli("shocks belarus --format csv");

    (void)state;
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "event,date,title,effect,sources\n"));
    assert_non_null(
        strstr(r.out, "e166,2020,EU sanctions after the election crackdown,"
                      "eu position on sanctions = 75,t_215\n"));
    cli_result_free(&r);
    r = run_cli("timeline belarus --from 2020 --to 2020 --format csv");
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "\n2020,e166,"));
    cli_result_free(&r);
}

/* Every fragment quoted as 'text' (ID) in a rationale occurs in the quote
   of source ID, which the row cites; returns the fragments checked. */
static int check_quoted_fragments(const ent_scenario *sc, const ent_change *c)
{
    int checked = 0;

    for (const char *open = c->rationale; (open = strchr(open, '\'')); open++) {
        const char *close = strstr(open + 1, "' (");
        char fragment[512], id[32];
        const ent_source *src;
        int n = 0;

        if (open > c->rationale && open[-1] != ' ' && open[-1] != '(')
            continue; /* an apostrophe */
        if (!close || sscanf(close + 3, "%31[a-z0-9_]", id) != 1)
            continue;
        snprintf(fragment, sizeof fragment, "%.*s", (int)(close - open - 1),
                 open + 1);
        if (!(src = ent_scenario_source(sc, id)))
            continue; /* a quoted label, e.g. of an anchor */
        if (!ent_strlist_contains(&c->sources, id))
            fail_msg("%s: cites %s, which the row does not list", c->origin,
                     id);
        for (const char *q = src->quote; *q && !n; q++)
            n = strncmp(q, fragment, strlen(fragment)) == 0;
        if (!n)
            fail_msg("%s: '%s' is not in the quote of %s", c->origin, fragment,
                     id);
        checked++;
        open = close;
    }
    return checked;
}

/* The bundled Belarus what-ifs load, every change is sourced and
   explained, their quoted words are the sources' own, and each applies
   to the period it is meant for. */
static void test_belarus_whatifs(void **state)
{
    static const struct {
        const char *name, *period;
    } files[] = {{"airbase-demand", "2019"},
                 {"sanctions-relief", "2024"},
                 {"energy-price-shock", "2024"}};
    ent_scenario *sc = load("scenarios/belarus");

    (void)state;
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        char path[256];
        ent_whatif w = {0};
        ent_problem *p = build(sc, ent_scenario_period(sc, files[i].period));
        ent_error err;
        int quoted = 0;

        ent_error_clear(&err);
        snprintf(path, sizeof path, "scenarios/belarus/whatifs/%s.csv",
                 files[i].name);
        if (ent_whatif_load(&w, sc, path, &err) != 0)
            fail_msg("%s", err.msg);
        assert_true(w.count >= 2);
        for (int c = 0; c < w.count; c++) {
            assert_true(w.items[c].sources.count > 0);
            assert_true(strlen(w.items[c].rationale) > 80);
            quoted += check_quoted_fragments(sc, &w.items[c]);
        }
        assert_true(quoted >= w.count);
        if (ent_whatif_apply(&w, sc, p, 1, NULL, &err) != 0)
            fail_msg("%s: %s", path, err.msg);
        ent_whatif_free(&w);
        ent_problem_free(p);
    }
    ent_scenario_free(sc);
}

/* --whatif NAME finds the scenario's whatifs/NAME.csv. */
static void test_whatif_by_name(void **state)
{
    cli_result r = run_cli("run belarus --model median --whatif "
                           "sanctions-relief --format json");

    (void)state;
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "set eu:sanctions:position=15"));
    assert_non_null(strstr(r.out, "sanctions-relief.csv:2"));
    cli_result_free(&r);
}

/* The library does what `entente run --set/--whatif NAME --period P`
   does: the typed forms, the named lookup and ent_forecast_prepare give
   the problem the CLI runs on, and bad input is an error, not a guess. */
static void test_library_prepares_what_the_cli_runs(void **state)
{
    ent_scenario *sc = load("scenarios/belarus");
    int eu = ent_scenario_actor(sc, "eu");
    int k = ent_scenario_issue(sc, "sanctions");
    ent_forecast_input *in = NULL;
    ent_model_request req = {.models = "median,mean"};
    ent_whatif w = {0};
    ent_error err;

    (void)state;
    ent_error_clear(&err);
    assert_int_equal(
        ent_whatif_add_text(&w, sc, "eu:sanctions:position=40", "--set", &err),
        0);
    assert_string_equal(w.items[0].label, "set eu:sanctions:position=40");
    if (ent_whatif_load_named(&w, sc, "sanctions-relief", &err) != 0)
        fail_msg("%s", err.msg);
    assert_non_null(strstr(w.items[1].origin, "sanctions-relief.csv:2"));
    if (ent_forecast_prepare(sc, "2024", &req, &w, &in, &err) != 0)
        fail_msg("%s", err.msg);
    assert_string_equal(sc->periods.items[in->period], "2024");
    assert_int_equal(in->models.count, 2);
    assert_string_equal(in->models.engines[0]->name, "median");
    /* the file's change came last: it wins */
    assert_true(in->problem->position[ent_cell(in->problem, eu, k)] == 15);
    ent_forecast_input_free(in);
    /* bad input */
    assert_int_equal(
        ent_whatif_add_text(&w, sc, "eu:sanctions=40", "--set", &err), -1);
    assert_int_equal(err.code, ENT_EXIT_INPUT);
    assert_non_null(strstr(err.msg, "expected ACTOR:ISSUE:FIELD=VALUE"));
    assert_int_equal(
        ent_whatif_add_text(&w, sc, "eu:sanctions:position=x", "--set", &err),
        -1);
    assert_non_null(strstr(err.msg, "expected a number"));
    assert_int_equal(ent_whatif_load_named(&w, sc, "nosuch", &err), -1);
    assert_int_equal(ent_forecast_prepare(sc, "1066", NULL, NULL, &in, &err),
                     -1);
    assert_null(in);
    assert_non_null(strstr(err.msg, "no period '1066'; periods: "));
    req.models = "median,nosuch";
    assert_int_equal(ent_forecast_prepare(sc, NULL, &req, NULL, &in, &err), -1);
    assert_non_null(strstr(err.msg, "unknown model 'nosuch'"));
    ent_forecast_input_free(NULL);
    ent_whatif_free(&w);
    ent_scenario_free(sc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_set_and_drop_change_the_problem),
        cmocka_unit_test(test_bad_changes_are_input_errors),
        cmocka_unit_test(test_whatif_file),
        cmocka_unit_test(test_run_json_lists_and_applies_whatifs),
        cmocka_unit_test(test_whatifs_listed_in_every_output),
        cmocka_unit_test(test_cli_errors),
        cmocka_unit_test(test_shocks_and_timeline_ids),
        cmocka_unit_test(test_belarus_whatifs),
        cmocka_unit_test(test_whatif_by_name),
        cmocka_unit_test(test_library_prepares_what_the_cli_runs),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
