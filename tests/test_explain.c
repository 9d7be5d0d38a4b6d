/*
 * test_explain.c -- entente explain and ent_explain: the sentences say
 * what the inputs, the trace and the ensemble say, and cite the sources
 * of the rows that carry the most weight.
 */
#include "harness.h"

static ent_scenario *load_belarus(void)
{
    ent_scenario *sc = NULL;
    ent_error err;

    ent_error_clear(&err);
    if (ent_scenario_load_dir("scenarios/belarus", &sc, &err) != 0)
        fail_msg("%s", err.msg);
    return sc;
}

/* Text with every run of blanks and line breaks made one space, so
   sentences can be found in wrapped output. */
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

/* The weighted median and the heaviest row of an issue in a period,
   straight from positions.csv. */
static double median_of_rows(const ent_scenario *sc, int period, int issue,
                             const ent_position **heaviest)
{
    double x[64], w[64];
    int n = 0;

    *heaviest = NULL;
    for (int r = 0; r < sc->n_positions && n < 64; r++) {
        const ent_position *p = &sc->positions[r];

        if (p->period != period || p->issue != issue)
            continue;
        x[n] = p->position;
        w[n] = p->capability * p->salience;
        if (!*heaviest ||
            w[n] > (*heaviest)->capability * (*heaviest)->salience)
            *heaviest = p;
        n++;
    }
    return ent_weighted_median(n, x, w, ENT_MEDIAN_LOW, NULL);
}

static void test_explain_energy_terms(void **state)
{
    ent_scenario *sc = load_belarus();
    int period = ent_scenario_period(sc, "2024");
    int issue = ent_scenario_issue(sc, "energy_terms");
    const ent_position *heavy;
    double m = median_of_rows(sc, period, issue, &heavy);
    cli_result r = run_cli("explain belarus --issue energy_terms");
    char want[256], *text = flat(r.out);

    (void)state;
    assert_int_equal(r.status, 0);
    snprintf(want, sizeof want, "weighted median of the inputs is %.1f", m);
    if (!strstr(text, want))
        fail_msg("no '%s' in:\n%s", want, r.out);
    for (const char *head = "Forecast\nMedian voter\nPivotal actors\n"
                            "Bargaining\nHow it settled\nEvidence\n";
         *head;) {
        char line[64];
        size_t len = strcspn(head, "\n");

        snprintf(line, sizeof line, "\n%.*s\n", (int)len, head);
        if (!strstr(r.out, line))
            fail_msg("no section%s in:\n%s", line, r.out);
        head += len + 1;
    }
    /* the heaviest row is quoted first, with its sources' ids, evidence
       dates and quotes; the document by author and date, never by file */
    assert_non_null(heavy);
    {
        const ent_source *src =
            ent_scenario_source(sc, heavy->sources.items[0]);
        const ent_document *doc = ent_scenario_document(sc, src->document);

        assert_non_null(doc);
        snprintf(want, sizeof want, "[%s, %s] %s (%s), ", src->id, src->date,
                 doc->author, doc->date);
        if (!strstr(text, want))
            fail_msg("no '%s' in:\n%s", want, r.out);
        for (int d = 0; d < sc->n_documents; d++)
            assert_null(strstr(r.out, sc->documents[d].file));
    }
    assert_non_null(strstr(text, "Across 200 Monte Carlo runs"));
    snprintf(want, sizeof want, "%s: ", sc->actors[heavy->actor].name);
    assert_non_null(strstr(text, want));
    free(text);
    cli_result_free(&r);
    ent_scenario_free(sc);
}

/* The library on its own: no ensemble, no pivotal point; a what-if shows
   in the evidence; the text wraps. */
static void test_explain_library(void **state)
{
    ent_scenario *sc = load_belarus();
    int period = ent_scenario_period(sc, "2024");
    int issue = ent_scenario_issue(sc, "energy_terms");
    const ent_engine *eu = ent_engine_find("eu");
    ent_model_options opts = {0};
    ent_explain_options eo = {0};
    ent_explanation *e = NULL;
    ent_forecast *f = NULL;
    ent_problem *p = NULL;
    const ent_position *heavy;
    ent_whatif w = {0};
    ent_error err;
    char *text;

    (void)state;
    ent_error_clear(&err);
    median_of_rows(sc, period, issue, &heavy);
    assert_int_equal(ent_problem_build(sc, period, &p, &err), 0);
    assert_int_equal(ent_whatif_add_set(&w, sc, sc->actors[heavy->actor].id,
                                        "energy_terms", "position", 10, NULL,
                                        &err),
                     0);
    assert_int_equal(ent_whatif_apply(&w, sc, p, 1, NULL, &err), 0);
    assert_int_equal(ent_forecast_run(p, &eu, &opts, 1, &f, &err), 0);
    assert_int_equal(ent_explain(sc, period, p, f, issue, &eo, &e, &err), 0);
    for (int i = 0; i < e->count; i++)
        assert_string_not_equal(e->items[i].topic, "pivotal");
    text = ent_explanation_text(e, sc, 60);
    {
        char *one = flat(text);

        assert_non_null(strstr(one, "A what-if changed the coded row"));
        free(one);
    }
    for (const char *line = text; *line; line += strcspn(line, "\n") + 1) {
        size_t len = strcspn(line, "\n");

        if (len > 60 && ent_utf8_width(line) > 0) {
            char buf[512];

            snprintf(buf, sizeof buf, "%.*s", (int)len, line);
            if (ent_utf8_width(buf) > 60 && strchr(buf, ' '))
                fail_msg("line wider than 60 columns: %s", buf);
        }
        if (!line[len])
            break;
    }
    free(text);
    ent_explanation_free(e);
    ent_forecast_free(f);
    ent_whatif_free(&w);
    ent_problem_free(p);
    ent_scenario_free(sc);
}

static void test_explain_errors(void **state)
{
    cli_result r = run_cli("explain belarus");

    (void)state;
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err, "expected --issue ID"));
    cli_result_free(&r);
    r = run_cli("explain belarus --issue nosuch");
    assert_int_equal(r.status, 2);
    assert_non_null(
        strstr(r.err, "has no issue 'nosuch'; issues: union_state"));
    cli_result_free(&r);
    r = run_cli("explain belarus --issue energy_terms --runs 0 --model median");
    assert_int_equal(r.status, 0);
    assert_null(strstr(r.out, "Pivotal actors"));
    assert_non_null(strstr(r.out, "one-shot model"));
    cli_result_free(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_explain_energy_terms),
        cmocka_unit_test(test_explain_library),
        cmocka_unit_test(test_explain_errors),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
