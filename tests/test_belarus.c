/*
 * test_belarus.c -- the bundled Belarus scenario: what it must contain,
 * that every number traces to a quote found verbatim in the seed it cites,
 * and the commands that read it (the default run, backtest, timeline,
 * sources, facts, institutions, show).
 */
#include <jansson.h>
#include <strings.h>

#include "harness.h"

static ent_scenario *load_belarus(void)
{
    ent_scenario *sc = NULL;
    ent_error err;

    ent_error_clear(&err);
    if (ent_scenario_open("belarus", "scenarios", &sc, &err) != 0)
        fail_msg("belarus does not load: %s", err.msg);
    return sc;
}

static void test_issues_and_actors(void **state)
{
    static const char *const issues[] = {
        "union_state",  "ru_presence", "mil_integration", "alignment",
        "energy_terms", "sanctions",   "nato_coop",       "defence_autonomy"};
    static const char *const actors[] = {
        "blr_leadership", "blr_mod",    "blr_security",
        "blr_opposition", "ru_kremlin", "ru_mod",
        "ru_government",  "ru_energy",  "eu",
        "nato",           "usa",        "poland",
        "lithuania",      "latvia",     "ukraine",
        "china",          "csto_eaeu"};
    ent_scenario *sc = load_belarus();

    (void)state;
    assert_true(sc->n_issues >= 8);
    for (size_t i = 0; i < sizeof issues / sizeof issues[0]; i++) {
        int k = ent_scenario_issue(sc, issues[i]);

        assert_true(k >= 0);
        assert_true(sc->issues[k].min == 0 && sc->issues[k].max == 100);
        assert_in_range(sc->issues[k].n_anchors, 4, 6);
        assert_true(sc->issues[k].sources.count > 0);
    }
    assert_true(sc->n_actors >= 18);
    for (size_t i = 0; i < sizeof actors / sizeof actors[0]; i++)
        assert_true(ent_scenario_actor(sc, actors[i]) >= 0);
    ent_scenario_free(sc);
}

/* Every period has every issue coded by several actors, each row sourced
   and explained, with a declared uncertainty. */
static void test_positions_sourced(void **state)
{
    ent_scenario *sc = load_belarus();

    (void)state;
    assert_true(sc->periods.count >= 8);
    for (int p = 0; p < sc->periods.count; p++)
        for (int k = 0; k < sc->n_issues; k++) {
            int actors = 0;

            for (int r = 0; r < sc->n_positions; r++)
                actors +=
                    sc->positions[r].period == p && sc->positions[r].issue == k;
            if (actors < 5)
                fail_msg("period %s issue %s: %d actors", sc->periods.items[p],
                         sc->issues[k].id, actors);
        }
    for (int r = 0; r < sc->n_positions; r++) {
        const ent_position *pos = &sc->positions[r];

        assert_true(pos->sources.count > 0);
        assert_true(strlen(pos->rationale) >= 40);
        assert_true(pos->position_unc > 0);
        for (int s = 0; s < pos->sources.count; s++)
            assert_non_null(ent_scenario_source(sc, pos->sources.items[s]));
    }
    ent_scenario_free(sc);
}

/* Every source of every bundled scenario quotes a document shipped with
   it, verbatim (after whitespace / hyphenation normalisation). */
static void test_quotes_verbatim(void **state)
{
    static const char *const bundled[] = {"belarus", "eu-emissions"};

    (void)state;
    for (size_t b = 0; b < sizeof bundled / sizeof bundled[0]; b++) {
        ent_strlist missing = {NULL, 0};
        ent_scenario *sc = NULL;
        ent_error err;
        char docs[256];
        int bad;

        ent_error_clear(&err);
        assert_int_equal(ent_scenario_open(bundled[b], "scenarios", &sc, &err),
                         0);
        snprintf(docs, sizeof docs, "scenarios/%s/documents", bundled[b]);
        bad = ent_scenario_check_quotes(sc, docs, &missing, &err);
        for (int i = 0; i < missing.count; i++)
            print_message("%s\n", missing.items[i]);
        assert_int_equal(bad, 0);
        /* every source names a shipped document, so none escapes the check */
        for (int i = 0; i < sc->n_sources; i++) {
            char path[512];
            FILE *f;

            snprintf(path, sizeof path, "%s/%s", docs, sc->sources[i].document);
            f = fopen(path, "r");
            if (!f)
                fail_msg("%s: source %s cites '%s', not a shipped document",
                         bundled[b], sc->sources[i].id,
                         sc->sources[i].document);
            fclose(f);
            assert_true(strlen(sc->sources[i].quote) > 0);
        }
        ent_strlist_free(&missing);
        ent_scenario_free(sc);
    }
}

/* A tampered quote is caught: the check can fail. */
static void test_quote_check_catches_tampering(void **state)
{
    ent_scenario *sc = load_belarus();
    ent_strlist missing = {NULL, 0};
    ent_error err;
    char *saved = sc->sources[0].quote;
    char tampered[] = "Belarus has joined NATO as a full member state";

    (void)state;
    sc->sources[0].quote = tampered;
    assert_int_equal(ent_scenario_check_quotes(
                         sc, "scenarios/belarus/documents", &missing, &err),
                     1);
    assert_int_equal(missing.count, 1);
    sc->sources[0].quote = saved;
    ent_strlist_free(&missing);
    ent_scenario_free(sc);
}

static void test_timeline_institutions_outcomes(void **state)
{
    static const char *const names[] = {"Union State", "CSTO", "Eurasian",
                                        "Partnership for Peace",
                                        "Military Doctrine"};
    ent_scenario *sc = load_belarus();

    (void)state;
    assert_true(sc->n_events >= 80);
    for (int i = 1; i < sc->n_events; i++)
        assert_true(strcmp(sc->events[i - 1].date, sc->events[i].date) <= 0);
    for (size_t n = 0; n < sizeof names / sizeof names[0]; n++) {
        int found = 0;

        for (int i = 0; i < sc->n_institutions; i++)
            found |= strstr(sc->institutions[i].name, names[n]) != NULL;
        if (!found)
            fail_msg("no institution named like '%s'", names[n]);
    }
    assert_true(sc->n_figures >= 20);
    /* outcomes: every yearly period, every issue, at least 40 of them
       documented rather than inferred */
    for (int p = 0; p < sc->periods.count; p++)
        for (int k = 0; k < sc->n_issues; k++) {
            int found = 0;

            for (int i = 0; i < sc->n_outcomes; i++)
                found |=
                    sc->outcomes[i].period == p && sc->outcomes[i].issue == k;
            if (!found)
                fail_msg("no outcome for period %s issue %s",
                         sc->periods.items[p], sc->issues[k].id);
        }
    {
        int documented = 0;

        for (int i = 0; i < sc->n_outcomes; i++)
            documented += !sc->outcomes[i].inferred;
        assert_true(documented >= 40);
    }
    ent_scenario_free(sc);
}

/* `entente` with no arguments: the latest period, every issue with its
   forecast's anchor label. */
static void test_default_run(void **state)
{
    cli_result r = run_cli("");
    ent_scenario *sc = load_belarus();

    (void)state;
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "period 2024"));
    assert_non_null(strstr(r.out, "moved most"));
    for (int k = 0; k < sc->n_issues; k++) {
        char name[40];

        snprintf(name, sizeof name, "%.30s", sc->issues[k].name);
        if (!strstr(r.out, name))
            fail_msg("issue '%s' missing from the default run", name);
    }
    ent_scenario_free(sc);
    cli_result_free(&r);
}

/* One summary of the JSON: (variant, model, horizon); NULL if absent. */
static json_t *summary_of(json_t *sums, const char *variant, const char *model,
                          int horizon)
{
    size_t i;
    json_t *e;

    json_array_foreach(sums, i, e)
    {
        if (strcmp(json_string_value(json_object_get(e, "variant")), variant) ==
                0 &&
            strcmp(json_string_value(json_object_get(e, "model")), model) ==
                0 &&
            json_integer_value(json_object_get(e, "horizon")) == horizon)
            return e;
    }
    return NULL;
}

/* Horizons 1 to 3 from the yearly periods, both baselines, and per model
   and horizon the direction hits and a probabilistic score, for documented
   outcomes and all. */
static void test_backtest_json(void **state)
{
    static const char *const models[] = {
        "eu", "smp", "median", "mean", "exchange", "status_quo", "trend"};
    static const char *const variants[] = {"all", "documented", "all_no_breaks",
                                           "all_shocks"};
    cli_result r = run_cli("backtest belarus --format json --runs 2");
    json_error_t jerr;
    json_t *root, *rows, *mae, *sums;
    size_t i;
    json_t *row;
    int seen[4] = {0}, inferred = 0, breaks = 0;

    (void)state;
    assert_int_equal(r.status, 0);
    root = json_loads(r.out, 0, &jerr);
    assert_non_null(root);
    rows = json_object_get(root, "rows");
    mae = json_object_get(root, "mae");
    sums = json_object_get(root, "summaries");
    json_array_foreach(rows, i, row)
    {
        json_int_t h = json_integer_value(json_object_get(row, "horizon"));

        assert_non_null(json_object_get(row, "period"));
        assert_non_null(json_object_get(row, "issue"));
        assert_true(json_is_number(json_object_get(row, "forecast")));
        assert_true(json_is_number(json_object_get(row, "observed")));
        assert_true(h >= 1 && h <= 3);
        seen[h] = 1;
        /* the outcome's year is the forecast's plus the horizon */
        assert_int_equal(
            atoi(json_string_value(json_object_get(row, "target"))),
            atoi(json_string_value(json_object_get(row, "period"))) + h);
        inferred += strcmp(json_string_value(json_object_get(row, "basis")),
                           "inferred") == 0;
        breaks += json_is_true(json_object_get(row, "break"));
    }
    assert_true(seen[1] && seen[2] && seen[3]);
    assert_true(inferred > 0);
    assert_true(breaks > 0);
    for (size_t m = 0; m < sizeof models / sizeof models[0]; m++) {
        assert_true(json_is_number(json_object_get(mae, models[m])));
        for (size_t v = 0; v < sizeof variants / sizeof variants[0]; v++)
            for (int h = 1; h <= 3; h++) {
                json_t *s = summary_of(sums, variants[v], models[m], h);

                if (!s)
                    fail_msg("no summary %s %s h%d", variants[v], models[m], h);
                assert_true(json_integer_value(json_object_get(s, "n")) > 0);
                assert_true(json_is_number(json_object_get(s, "mae")));
                assert_true(
                    json_is_integer(json_object_get(s, "direction_hits")));
                assert_true(json_is_number(json_object_get(s, "rps")));
                assert_true(json_is_number(json_object_get(s, "rps_uniform")));
                assert_true(json_is_number(json_object_get(s, "skill")));
            }
    }
    /* documented outcomes are fewer than all */
    assert_true(json_integer_value(json_object_get(
                    summary_of(sums, "documented", "eu", 1), "n")) <
                json_integer_value(
                    json_object_get(summary_of(sums, "all", "eu", 1), "n")));
    json_decref(root);
    cli_result_free(&r);
}

/* --actor/--from/--to keep exactly the matching events. */
static void test_timeline_filters(void **state)
{
    cli_result r = run_cli("timeline belarus --actor ru_kremlin --from 2013 "
                           "--to 2019 --format csv");
    ent_scenario *sc = load_belarus();
    int expected = 0, lines = 0;

    (void)state;
    assert_int_equal(r.status, 0);
    for (int i = 0; i < sc->n_events; i++)
        expected += sc->events[i].year >= 2013 && sc->events[i].year <= 2019 &&
                    ent_strlist_contains(&sc->events[i].actors, "ru_kremlin");
    for (const char *p = r.out; (p = strstr(p, "\n20")); p++) {
        int year = atoi(p + 1);

        assert_in_range(year, 2013, 2019);
        lines++;
    }
    assert_true(expected > 0);
    assert_int_equal(lines, expected);
    ent_scenario_free(sc);
    cli_result_free(&r);
}

static void test_listing_commands(void **state)
{
    cli_result r = run_cli("sources belarus --grep airbase --format csv");

    (void)state;
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "id,date,author,title,publisher,"
                                  "document_date,locator,quote,file\n"));
    assert_non_null(strstr(r.out, "airbase"));
    cli_result_free(&r);
    r = run_cli("facts belarus");
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "subject"));
    cli_result_free(&r);
    r = run_cli("institutions belarus --grep CSTO");
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "CSTO"));
    cli_result_free(&r);
    r = run_cli("show belarus --period 2016");
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "Positions, period 2016"));
    assert_non_null(strstr(r.out, "blr_leadership"));
    cli_result_free(&r);
}

/* text with every run of blanks and newlines as one space */
static char *flat(const char *text)
{
    char *out = ent_xmalloc(strlen(text) + 1), *o = out;

    for (const char *p = text; *p; p++) {
        if (*p == ' ' || *p == '\n') {
            if (o > out && o[-1] != ' ')
                *o++ = ' ';
        } else {
            *o++ = *p;
        }
    }
    *o = '\0';
    return out;
}

/* 1 if `needle` occurs in `hay`, ignoring case. */
static int contains_ci(const char *hay, const char *needle)
{
    for (size_t n = strlen(needle); *hay; hay++)
        if (strncasecmp(hay, needle, n) == 0)
            return 1;
    return 0;
}

/* The contradictions between documents: the five the coding found are
   recorded, each between at least two documents, and `entente facts`
   shows every one with its quotes, value and rationale. */
static void test_contradictions(void **state)
{
    static const char *const topics[] = {"army size", "tanks", "doctrine",
                                         "Polonez", "Union State"};
    ent_scenario *sc = load_belarus();
    cli_result r = run_cli("facts belarus"),
               csv = run_cli("facts belarus --contradictions --format csv");
    char *text = flat(r.out);
    int rows = 0, lines = 0;

    (void)state;
    assert_int_equal(r.status, 0);
    assert_int_equal(csv.status, 0);
    for (size_t t = 0; t < sizeof topics / sizeof topics[0]; t++) {
        int found = 0;

        for (int i = 0; i < sc->n_contradictions; i++)
            found |= contains_ci(sc->contradictions[i].topic, topics[t]);
        if (!found)
            fail_msg("no contradiction on %s", topics[t]);
    }
    for (int i = 0; i < sc->n_contradictions; i++) {
        const ent_contradiction *c = &sc->contradictions[i];
        const char *first = NULL;
        int documents = 1;
        char want[512], *part;

        snprintf(want, sizeof want, "%s: %s", c->id, c->topic);
        assert_non_null(strstr(text, want));
        for (int j = 0; j < c->sources.count; j++) {
            const ent_source *s = ent_scenario_source(sc, c->sources.items[j]);

            assert_non_null(s);
            if (!first)
                first = s->document;
            else if (strcmp(first, s->document) != 0)
                documents = 2;
            snprintf(want, sizeof want, "[%s, %s] ", s->id, s->date);
            assert_non_null(strstr(text, want));
            part = flat(s->quote);
            assert_non_null(strstr(text, part));
            free(part);
            rows++;
        }
        assert_int_equal(documents, 2); /* between documents */
        part = flat(c->rationale);
        assert_non_null(strstr(text, part));
        free(part);
        part = flat(c->value);
        assert_non_null(strstr(text, part));
        free(part);
    }
    assert_true(strncmp(csv.out,
                        "id,topic,value,rationale,source,date,author,title,"
                        "document_date,locator,quote,file\n",
                        83) == 0);
    for (const char *p = csv.out; (p = strstr(p, "\nc0")); p++)
        lines++;
    assert_int_equal(lines, rows); /* one row per contradiction and source */
    free(text);
    cli_result_free(&r);
    cli_result_free(&csv);
    ent_scenario_free(sc);
}

/* Shocks: the loader parses events' shock column, the problem applies it
   and the forecast moves; the CLI rejects unknown events and events
   without a shock. */
static void test_shocks(void **state)
{
    ent_scenario *sc = load_belarus();
    ent_problem *p = NULL;
    const ent_engine *mean = ent_engine_find("mean");
    ent_model_options opts = {.rounds = 0};
    double before[16], after[16];
    const ent_event *e = NULL;
    ent_error err;
    int eu = ent_scenario_actor(sc, "eu");
    int sanctions = ent_scenario_issue(sc, "sanctions");
    int p2016 = ent_scenario_period(sc, "2016");
    cli_result r;

    (void)state;
    ent_error_clear(&err);
    for (int i = 0; i < sc->n_events; i++)
        if (strcmp(sc->events[i].id, "e061") == 0)
            e = &sc->events[i];
    assert_non_null(e); /* EU lifts most sanctions: eu.sanctions.position=15 */
    assert_int_equal(e->n_shocks, 1);
    assert_int_equal(e->shocks[0].actor, eu);
    assert_int_equal(e->shocks[0].issue, sanctions);
    assert_int_equal(e->shocks[0].field, ENT_FIELD_POSITION);
    assert_true(e->shocks[0].value == 15);
    assert_int_equal(ent_problem_build(sc, p2016, &p, &err), 0);
    assert_int_equal(ent_model_outcome(mean, p, &opts, before, &err), 0);
    assert_true(p->position[ent_cell(p, eu, sanctions)] != 15);
    assert_int_equal(ent_problem_apply_shock(p, e, &err), 0);
    assert_true(p->position[ent_cell(p, eu, sanctions)] == 15);
    assert_int_equal(ent_model_outcome(mean, p, &opts, after, &err), 0);
    assert_true(after[sanctions] != before[sanctions]);
    for (int k = 0; k < sc->n_issues; k++)
        if (k != sanctions)
            assert_true(after[k] == before[k]);
    ent_problem_free(p);
    ent_scenario_free(sc);

    r = run_cli("run belarus --shock nosuch");
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err, "has no event 'nosuch'"));
    cli_result_free(&r);
    r = run_cli("run belarus --shock e001");
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err, "has no shock to apply"));
    cli_result_free(&r);
    r = run_cli("run belarus --period 2016 --shock e061 --model mean");
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "period 2016 + shock e061"));
    cli_result_free(&r);
    r = run_cli("run belarus --period 2016 --shock e061 --model mean "
                "--format json");
    assert_int_equal(r.status, 0);
    {
        json_error_t jerr;
        json_t *root = json_loads(r.out, 0, &jerr);
        json_t *applied = json_object_get(root, "shocks");

        assert_non_null(root);
        assert_int_equal(json_array_size(applied), 1);
        assert_string_equal(json_string_value(json_array_get(applied, 0)),
                            "e061");
        json_decref(root);
    }
    cli_result_free(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_issues_and_actors),
        cmocka_unit_test(test_positions_sourced),
        cmocka_unit_test(test_quotes_verbatim),
        cmocka_unit_test(test_quote_check_catches_tampering),
        cmocka_unit_test(test_timeline_institutions_outcomes),
        cmocka_unit_test(test_default_run),
        cmocka_unit_test(test_backtest_json),
        cmocka_unit_test(test_timeline_filters),
        cmocka_unit_test(test_listing_commands),
        cmocka_unit_test(test_shocks),
        cmocka_unit_test(test_contradictions),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
