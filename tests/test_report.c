/*
 * test_report.c -- the HTML report: one chart per expected chart, every
 * actor name, anchor label and cited quote on the page, HTML escaping of
 * hostile names, no "nan"/"inf", balanced tags and working source links;
 * through the library API and through `entente report`, including -o
 * leaving no file behind on error.
 */
#include <ctype.h>
#include <strings.h>
#include <sys/stat.h>

#include "harness.h"

/* ---- helpers ---- */

static int count(const char *hay, const char *needle)
{
    int n = 0;
    size_t len = strlen(needle);

    for (const char *p = hay; (p = strstr(p, needle)); p += len)
        n++;
    return n;
}

/* Escaping as the report must do it, written independently of the
   library. */
static char *escape(const char *s)
{
    char *out = ent_xmalloc(strlen(s) * 6 + 1), *o = out;

    for (; *s; s++) {
        const char *rep = *s == '&'    ? "&amp;"
                          : *s == '<'  ? "&lt;"
                          : *s == '>'  ? "&gt;"
                          : *s == '"'  ? "&quot;"
                          : *s == '\'' ? "&#39;"
                                       : NULL;

        if (rep) {
            strcpy(o, rep);
            o += strlen(rep);
        } else {
            *o++ = *s;
        }
    }
    *o = '\0';
    return out;
}

static void assert_contains_escaped(const char *page, const char *text)
{
    char *e = escape(text);

    if (!strstr(page, e))
        fail_msg("page lacks '%s'", e);
    free(e);
}

/* "nan" or "inf" as a word of their own (not "information"). */
static void assert_no_nan_inf(const char *page)
{
    for (const char *p = page; *p; p++) {
        if (strncasecmp(p, "nan", 3) != 0 && strncasecmp(p, "inf", 3) != 0)
            continue;
        if ((p == page || !isalpha((unsigned char)p[-1])) &&
            !isalpha((unsigned char)p[3]))
            fail_msg("non-finite number in the page: '%.40s'",
                     p > page + 20 ? p - 20 : p);
    }
}

static int is_void(const char *name, size_t len)
{
    static const char *const voids[] = {"meta",  "br",  "link", "img", "hr",
                                        "input", "wbr", "col",  NULL};

    for (int i = 0; voids[i]; i++)
        if (strlen(voids[i]) == len && strncmp(voids[i], name, len) == 0)
            return 1;
    return 0;
}

/* Every element closed in order, every '&' an entity, every in-page link
   pointing at an id that exists. */
static void assert_well_formed(const char *page)
{
    const char *stack[256];
    size_t lens[256];
    int depth = 0;

    assert_int_equal(strncmp(page, "<!DOCTYPE html>\n", 16), 0);
    for (const char *p = page; (p = strchr(p, '<'));) {
        const char *end = strchr(p, '>'), *name;
        size_t len;

        assert_non_null(end);
        if (p[1] == '!') {
            p = end + 1;
            continue;
        }
        name = p + (p[1] == '/' ? 2 : 1);
        len = strcspn(name, " \t\n/>");
        if (p[1] == '/') {
            if (depth == 0 || lens[depth - 1] != len ||
                strncmp(stack[depth - 1], name, len) != 0)
                fail_msg("unbalanced </%.*s>", (int)len, name);
            depth--;
        } else if (end[-1] != '/' && !is_void(name, len)) {
            assert_true(depth < 256);
            stack[depth] = name;
            lens[depth++] = len;
            if (len == 5 && strncmp(name, "style", 5) == 0)
                end = strstr(end, "</style>") - 1;
        }
        p = end + 1;
    }
    assert_int_equal(depth, 0);
    for (const char *p = page; (p = strchr(p, '&')); p++)
        if (strncmp(p, "&amp;", 5) && strncmp(p, "&lt;", 4) &&
            strncmp(p, "&gt;", 4) && strncmp(p, "&quot;", 6) &&
            strncmp(p, "&#39;", 5))
            fail_msg("bare '&' in the page: '%.30s'", p);
    for (const char *p = page; (p = strstr(p, "href=\"#")); p++) {
        char id[300];
        size_t len = strcspn(p + 7, "\"");

        assert_true(len < 256);
        snprintf(id, sizeof id, "id=\"%.*s\"", (int)len, p + 7);
        if (!strstr(page, id))
            fail_msg("link to a missing %s", id);
    }
}

/* A back-test of the scenario through the library API with 2 ensemble
   runs per forecast (caller frees). */
static ent_backtest *backtest(const ent_scenario *sc, const char *models)
{
    const ent_engine *engines[8];
    ent_model_options opts[8] = {{0}};
    ent_backtest_options bo = {.runs = 2};
    ent_backtest *b = NULL;
    ent_error err;
    ent_strlist names = {0};

    ent_error_clear(&err);
    ent_strlist_split(&names, models, ',');
    for (int m = 0; m < names.count; m++)
        assert_non_null(engines[m] = ent_engine_find(names.items[m]));
    if (ent_backtest_run_with(sc, NULL, engines, opts, names.count, &bo, &b,
                              &err) != 0)
        fail_msg("%s", err.msg);
    ent_strlist_free(&names);
    return b;
}

/* Renders through the library API into a string (caller frees), with the
   back-test `given` or, with_backtest, one of its own. */
static char *render_with(const ent_scenario *sc, int period, const char *models,
                         int with_backtest, const ent_backtest *given)
{
    const ent_engine *engines[8];
    ent_model_options opts[8] = {{0}};
    ent_problem *p = NULL;
    ent_forecast *f = NULL;
    ent_backtest *b = NULL;
    ent_error err;
    ent_strlist names = {0};
    char *buf = NULL;
    size_t size = 0;
    FILE *out = open_memstream(&buf, &size);

    ent_error_clear(&err);
    assert_non_null(out);
    ent_strlist_split(&names, models, ',');
    for (int m = 0; m < names.count; m++)
        assert_non_null(engines[m] = ent_engine_find(names.items[m]));
    if (ent_problem_build(sc, period, &p, &err) != 0 ||
        ent_forecast_run(p, engines, opts, names.count, &f, &err) != 0)
        fail_msg("%s", err.msg);
    if (with_backtest && !given)
        b = backtest(sc, models);
    if (ent_report_html(out, sc, period, f, given ? given : b, NULL, &err) != 0)
        fail_msg("%s", err.msg);
    fclose(out);
    ent_backtest_free(b);
    ent_forecast_free(f);
    ent_problem_free(p);
    ent_strlist_free(&names);
    return buf;
}

static char *render(const ent_scenario *sc, int period, const char *models,
                    int with_backtest)
{
    return render_with(sc, period, models, with_backtest, NULL);
}

static ent_scenario *load(const char *source)
{
    ent_scenario *sc = NULL;
    ent_error err;

    ent_error_clear(&err);
    if (ent_scenario_open(source, "scenarios", &sc, &err) != 0)
        fail_msg("%s does not load: %s", source, err.msg);
    return sc;
}

/* The page's charts: each is one <figure> holding its drawing at both
   widths (wide and narrow), so twice as many <svg> elements. */
static int charts(const char *page)
{
    int figures = count(page, "<figure class=\"chart-fig");

    assert_int_equal(count(page, "<svg"), 2 * figures);
    assert_int_equal(count(page, "<div class=\"v-wide\">"), figures);
    assert_int_equal(count(page, "<div class=\"v-narrow\">"), figures);
    return figures;
}

/* Charts the page must hold: per issue one per iterative model that ran
   on it plus the comparison strip; one per issue with back-test rows. */
static int expected_charts(const ent_scenario *sc, int period,
                           const char *models, int with_backtest)
{
    ent_strlist names = {0};
    int charts = sc->n_issues;

    ent_strlist_split(&names, models, ',');
    for (int m = 0; m < names.count; m++) {
        const ent_engine *e = ent_engine_find(names.items[m]);

        for (int k = 0; e->default_rounds > 0 && k < sc->n_issues; k++)
            for (int i = 0; i < sc->n_positions; i++)
                if (sc->positions[i].period == period &&
                    sc->positions[i].issue == k) {
                    charts++;
                    break;
                }
    }
    for (int k = 0; with_backtest && k < sc->n_issues; k++)
        for (int i = 0; i < sc->n_outcomes; i++)
            if (sc->outcomes[i].issue == k) {
                charts++;
                break;
            }
    charts += with_backtest && sc->n_outcomes > 0; /* the scores chart */
    /* a yearly scenario's scores by horizon: error, direction, RPS skill */
    charts += with_backtest && ent_scenario_period_year(sc, 0) > 0 ? 3 : 0;
    ent_strlist_free(&names);
    return charts;
}

/* Every actor, anchor label and quote of a source cited by the period's
   positions (and outcomes when back-tested) is on the page. */
static void assert_content(const char *page, const ent_scenario *sc, int period,
                           int with_backtest)
{
    for (int a = 0; a < sc->n_actors; a++)
        assert_contains_escaped(page, sc->actors[a].name);
    for (int k = 0; k < sc->n_issues; k++)
        for (int i = 0; i < sc->issues[k].n_anchors; i++)
            assert_contains_escaped(page, sc->issues[k].anchors[i].label);
    for (int i = 0; i < sc->n_positions; i++)
        for (int s = 0; sc->positions[i].period == period &&
                        s < sc->positions[i].sources.count;
             s++)
            assert_contains_escaped(
                page, ent_scenario_source(sc, sc->positions[i].sources.items[s])
                          ->quote);
    for (int i = 0; with_backtest && i < sc->n_outcomes; i++)
        for (int s = 0; s < sc->outcomes[i].sources.count; s++)
            assert_contains_escaped(
                page, ent_scenario_source(sc, sc->outcomes[i].sources.items[s])
                          ->quote);
}

/* ---- the synthetic scenario with names that need escaping ---- */

typedef struct tmpdir {
    char path[64];
} tmpdir;

static void put(const tmpdir *d, const char *name, const char *text)
{
    char path[128];

    snprintf(path, sizeof path, "%s/%s", d->path, name);
    write_file(path, text);
}

static void make_tricky(tmpdir *d)
{
    char docs[96];

    /* d is an output: this writes d->path, it reads nothing */
    // cppcheck-suppress ctuuninitvar ; false positive, see above
    snprintf(d->path, sizeof d->path, "/tmp/ent-report-XXXXXX");
    assert_non_null(mkdtemp(d->path));
    put(d, "scenario.ini",
        "[scenario]\nname = tricky\ntitle = Tricky <names> & \"quotes\"\n"
        "description = Names that need escaping: <b>bold</b> & 'single'.\n"
        "periods = p1;p2\ndefault_period = p2\n\n[model]\n"
        "models = eu;median\nrounds = 5\n");
    put(d, "issues.csv",
        "id,name,min,max,anchors,description,sources\n"
        "i1,\"Issue <one> & \"\"two\"\"\",0,100,\"0=none <at> all;"
        "50=half & half;100=all \"\"in\"\"\",Scale of <things>,q1\n");
    put(d, "actors.csv",
        "id,name,group,description,sources\n"
        "a,\"Evil <b>&\"\"Co\"\"</b>\",G<1>,Desc <i>,q1\n"
        "b,Plain B,G,Desc,q1\nc,Plain C,G,Desc,q2\n");
    put(d, "positions.csv",
        "period,actor,issue,position,salience,capability,uncertainty,sources,"
        "rationale\n"
        "p1,a,i1,10,80,50,5,q1,because <reasons> & more\n"
        "p1,b,i1,60,50,30,5,q2,r\np1,c,i1,90,40,20,5,q2,r\n"
        "p2,a,i1,20,80,50,5,q1,r\np2,b,i1,70,50,30,5,q2,r\n"
        "p2,c,i1,95,40,20,5,q2,r\n");
    put(d, "sources.csv",
        "id,document,locator,quote\n"
        "q1,doc <1>.txt,p. 1 & 2,\"He said \"\"<script>alert('x')</script>\"\" "
        "& left\"\n"
        "q2,doc2,p. 3,plain quote two\nq3,doc3,p. 9,never cited anywhere\n");
    /* the appendix names documents by title, author and date */
    snprintf(docs, sizeof docs, "%s/documents", d->path);
    assert_int_equal(mkdir(docs, 0700), 0);
    put(d, "documents/doc <1>.txt",
        "He said \"<script>alert('x')</script>\" & left\n");
    put(d, "documents/doc2", "plain quote two\n");
    put(d, "documents/doc3", "never cited anywhere\n");
    put(d, "documents.csv",
        "file,author,title,publisher,date,url\n"
        "doc <1>.txt,A & B <auth>,\"Title <t> & \"\"more\"\"\",,2020-05,\n"
        "doc2,,Second title,Some <press>,,http://example.org/?a=1&b=2\n"
        "doc3,,Third,,,\n");
    put(d, "outcomes.csv",
        "period,issue,status_quo,observed,date,description,sources,rationale\n"
        "p1,i1,30,40,2020,It <moved> & stayed,q2,why\n");
}

static void remove_tricky(const tmpdir *d)
{
    static const char *const files[] = {
        "scenario.ini",   "issues.csv",
        "actors.csv",     "positions.csv",
        "sources.csv",    "outcomes.csv",
        "documents.csv",  "documents/doc <1>.txt",
        "documents/doc2", "documents/doc3",
        "documents"}; /* the folder last: emptied */
    char path[128];

    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        snprintf(path, sizeof path, "%s/%s", d->path, files[i]);
        remove(path);
    }
    assert_int_equal(rmdir(d->path), 0);
}

static void assert_tricky_escaped(const char *page)
{
    assert_non_null(
        strstr(page, "Evil &lt;b&gt;&amp;&quot;Co&quot;&lt;/b&gt;"));
    assert_non_null(strstr(page, "Issue &lt;one&gt; &amp; &quot;two&quot;"));
    assert_non_null(strstr(page, "none &lt;at&gt; all"));
    assert_non_null(strstr(page, "all &quot;in&quot;"));
    assert_non_null(strstr(page, "&lt;script&gt;alert(&#39;x&#39;)"));
    assert_non_null(strstr(page, "It &lt;moved&gt; &amp; stayed"));
    assert_null(strstr(page, "<b>&"));
    assert_null(strstr(page, "<script"));
    assert_null(strstr(page, "<one>"));
    assert_null(strstr(page, "<moved>"));
    /* an uncited source stays out of the appendix */
    assert_null(strstr(page, "never cited anywhere"));
    /* documents by title, author, publisher and date; the URL as text,
       never as a link */
    assert_non_null(strstr(page, "<span class=\"doc-title\">Title &lt;t&gt; "
                                 "&amp; &quot;more&quot;</span> \xe2\x80\x94 A "
                                 "&amp; B &lt;auth&gt;, 2020-05"));
    assert_non_null(strstr(page, "Second title</span> \xe2\x80\x94 Some "
                                 "&lt;press&gt; <span class=\"doc-file\">doc2 "
                                 "\xc2\xb7 http://example.org/?a=1&amp;b=2"));
    assert_null(strstr(page, "href=\"http"));
    assert_null(strstr(page, "Third"));
}

/* ---- tests through the library API ---- */

static void test_escape(void **state)
{
    char *buf = NULL;
    size_t size = 0;
    FILE *out = open_memstream(&buf, &size);

    (void)state;
    ent_html_escape(out, "a<b>&\"c'd\xc3\xa9");
    ent_html_escape(out, NULL);
    fclose(out);
    assert_string_equal(buf, "a&lt;b&gt;&amp;&quot;c&#39;d\xc3\xa9");
    free(buf);
}

static void test_eu_emissions(void **state)
{
    ent_scenario *sc = load("eu-emissions");
    char *page = render(sc, sc->default_period, "eu,median,mean", 0);

    (void)state;
    assert_int_equal(charts(page), 2);
    assert_int_equal(charts(page), expected_charts(sc, sc->default_period,
                                                   "eu,median,mean", 0));
    assert_content(page, sc, sc->default_period, 0);
    assert_no_nan_inf(page);
    assert_well_formed(page);
    /* point tooltips: actor, round, value; actors on the same path in
       every round share one line */
    assert_non_null(strstr(
        page, "<title>Netherlands; Germany; Denmark, round 0: 4.0</title>"));
    assert_non_null(strstr(page, "entente " ENT_VERSION));
    assert_null(strstr(page, "<script"));
    /* nothing is loaded from outside the page */
    assert_null(strstr(page, "src=\""));
    assert_null(strstr(page, "href=\"http"));
    assert_null(strstr(page, "<link"));
    assert_null(strstr(page, "url("));
    assert_null(strstr(page, "@import"));
    assert_null(strstr(page, "id=\"backtest\""));
    free(page);
    ent_scenario_free(sc);
}

/* Every source in the appendix shows its own evidence date; a document's
   file name appears only once, under its title, as the small print. */
static void assert_sources_dated(const char *page, const ent_scenario *sc)
{
    int shown = 0;

    for (int i = 0; i < sc->n_sources; i++) {
        char row[256];
        const char *p;

        snprintf(row, sizeof row, "<tr id=\"src-%s\">", sc->sources[i].id);
        if (!(p = strstr(page, row)))
            continue;
        shown++;
        snprintf(row, sizeof row, "<td class=\"small\" data-label=\"date\">%s<",
                 sc->sources[i].date);
        assert_non_null(strstr(p, row));
    }
    assert_true(shown > 0);
    for (int d = 0; d < sc->n_documents; d++)
        assert_true(count(page, sc->documents[d].file) <= 1);
}

/* The contradictions section: a row per contradiction, each conflicting
   source linked (assert_well_formed checks the links land) and quoted. */
static void assert_contradictions(const char *page, const ent_scenario *sc)
{
    assert_true(sc->n_contradictions > 0);
    assert_non_null(strstr(page, "<section id=\"contradictions\">"));
    assert_non_null(strstr(page, "href=\"#contradictions\""));
    for (int i = 0; i < sc->n_contradictions; i++) {
        const ent_contradiction *c = &sc->contradictions[i];
        char want[256];

        snprintf(want, sizeof want, "<tr id=\"contradiction-%s\">", c->id);
        assert_non_null(strstr(page, want));
        assert_contains_escaped(page, c->rationale);
        for (int j = 0; j < c->sources.count; j++) {
            snprintf(want, sizeof want, "<a class=\"src\" href=\"#src-%s\">",
                     c->sources.items[j]);
            assert_non_null(strstr(page, want));
            assert_contains_escaped(
                page, ent_scenario_source(sc, c->sources.items[j])->quote);
        }
    }
}

static void test_belarus(void **state)
{
    const char *models = "eu,smp,median,mean";
    ent_scenario *sc = load("belarus");
    ent_backtest *b = backtest(sc, models);
    char *page;

    (void)state;
    for (int period = 0; period < sc->periods.count; period++) {
        page = render_with(sc, period, models, 1, b);
        assert_int_equal(charts(page), expected_charts(sc, period, models, 1));
        assert_true(charts(page) >= 3 * sc->n_issues);
        assert_content(page, sc, period, 1);
        assert_no_nan_inf(page);
        assert_well_formed(page);
        assert_non_null(strstr(page, "id=\"backtest\""));
        assert_non_null(strstr(page, "status quo (no change)"));
        assert_sources_dated(page, sc);
        assert_contradictions(page, sc);
        free(page);
    }
    ent_backtest_free(b);
    ent_scenario_free(sc);
}

static void test_tricky_names_api(void **state)
{
    tmpdir d;
    ent_scenario *sc;
    char *page;

    (void)state;
    make_tricky(&d);
    sc = load(d.path);
    page = render(sc, sc->default_period, "eu,median", 1);
    assert_tricky_escaped(page);
    assert_no_nan_inf(page);
    assert_well_formed(page);
    /* eu rounds, comparison strip, back-test, back-test scores */
    assert_int_equal(charts(page), 4);
    free(page);
    ent_scenario_free(sc);
    remove_tricky(&d);
}

static void test_write_error(void **state)
{
    ent_scenario *sc = load("eu-emissions");
    const ent_engine *eu = ent_engine_find("eu");
    ent_model_options opts = {0};
    ent_problem *p;
    ent_forecast *f;
    ent_error err;
    FILE *full = fopen("/dev/full", "w");

    (void)state;
    ent_error_clear(&err);
    if (!full)
        skip();
    assert_int_equal(ent_problem_build(sc, 0, &p, &err), 0);
    assert_int_equal(ent_forecast_run(p, &eu, &opts, 1, &f, &err), 0);
    assert_int_equal(ent_report_html(full, sc, 0, f, NULL, NULL, &err), -1);
    assert_int_equal(err.code, ENT_EXIT_RUNTIME);
    assert_non_null(strstr(err.msg, "write failed"));
    fclose(full);
    ent_forecast_free(f);
    ent_problem_free(p);
    ent_scenario_free(sc);
}

/* ---- tests through the command ---- */

static int file_exists(const char *path)
{
    struct stat st;

    return stat(path, &st) == 0;
}

static void test_cli_stdout(void **state)
{
    cli_result r = run_cli("report eu-emissions --model eu,median");

    (void)state;
    assert_int_equal(r.status, 0);
    assert_int_equal(strncmp(r.out, "<!DOCTYPE html>", 15), 0);
    assert_int_equal(charts(r.out), 2);
    assert_non_null(
        strstr(r.out, "entente report eu-emissions --model eu,median"));
    assert_string_equal(r.err, "");
    assert_no_nan_inf(r.out);
    assert_well_formed(r.out);
    cli_result_free(&r);
    r = run_cli("report --help");
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "usage: entente report"));
    cli_result_free(&r);
    r = run_cli("--help");
    assert_non_null(strstr(r.out, "report"));
    cli_result_free(&r);
}

static void test_cli_file_and_tricky(void **state)
{
    tmpdir d;
    char path[128], *page;
    cli_result r;

    (void)state;
    make_tricky(&d);
    snprintf(path, sizeof path, "%s/r.html", d.path);
    r = run_cli("report %s --period p1 -o %s", d.path, path);
    assert_int_equal(r.status, 0);
    assert_string_equal(r.out, "");
    cli_result_free(&r);
    page = harness_slurp(path);
    assert_tricky_escaped(page);
    assert_no_nan_inf(page);
    assert_well_formed(page);
    assert_int_equal(charts(page), 4);
    /* the period's own outcome shows in its comparison strip */
    assert_non_null(strstr(page, "observed 2020: 40.0"));
    free(page);
    unlink(path);
    remove_tricky(&d);
}

static void test_cli_error_leaves_no_file(void **state)
{
    static const char *const bad[] = {
        "report eu-emissions --eu-param nosuch=1 -o %s",
        "report eu-emissions --period 1066 -o %s",
        "report eu-emissions --model nosuch -o %s",
        "report /nonexistent/dir -o %s",
    };
    char dir[] = "/tmp/ent-report-XXXXXX", path[128];
    cli_result r;

    (void)state;
    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/report.html", dir);
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        r = run_cli(bad[i], path);
        if (r.status != 2)
            fail_msg("'%s': status %d, stderr %s", bad[i], r.status, r.err);
        assert_false(file_exists(path));
        assert_string_equal(r.out, "");
        cli_result_free(&r);
    }
    r = run_cli("report eu-emissions --rounds 0 -o %s", path);
    assert_int_equal(r.status, 2);
    cli_result_free(&r);
    r = run_cli("report eu-emissions -o /nonexistent-dir/r.html");
    assert_int_equal(r.status, 1);
    cli_result_free(&r);
    assert_int_equal(rmdir(dir), 0); /* empty: no temporaries left */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_escape),
        cmocka_unit_test(test_eu_emissions),
        cmocka_unit_test(test_belarus),
        cmocka_unit_test(test_tricky_names_api),
        cmocka_unit_test(test_write_error),
        cmocka_unit_test(test_cli_stdout),
        cmocka_unit_test(test_cli_file_and_tricky),
        cmocka_unit_test(test_cli_error_leaves_no_file),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
