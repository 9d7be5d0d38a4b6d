/*
 * test_evidence.c -- dated evidence in the scenario loader: source dates,
 * documents.csv, evidence cutoffs and the evidence-date rule (planted
 * violations in positions.csv and status_quo.csv are rejected with the
 * file, line and column of the offending source), status_quo.csv read
 * into the problem (with outcomes.csv as the fallback), the outcome basis,
 * contradictions.csv and the structural-break years.
 */
#include <dirent.h>
#include <math.h>
#include <sys/stat.h>

#include "harness.h"

/* ---- a small valid scenario with dated evidence ---- */

#define INI                                                                    \
    "[scenario]\n"                                                             \
    "name = dated\n"                                                           \
    "periods = 2016;2019;late\n"                                               \
    "cutoff.2019 = 2019-06-30\n"                                               \
    "cutoff.late = 2021-03\n"                                                  \
    "breaks = 2014;2020\n"

#define DOCS_HDR "file,author,title,publisher,date,url\n"
#define DOCUMENTS                                                              \
    DOCS_HDR "doc.txt,\"Smith, A.\",The fox papers,Fox Press,2020-05,"         \
             "https://example.org/fox\n"                                       \
             "other.txt,,An agency report,Agency,,\n"

#define SRC_HDR "id,document,locator,quote,date\n"
#define SOURCES                                                                \
    SRC_HDR "s1,doc.txt,p. 1,The quick brown fox,2015\n"                       \
            "s2,doc.txt,p. 2,jumps over,2016-12-31\n"                          \
            "s3,other.txt,,the lazy dog,2019-06\n"                             \
            "s4,other.txt,,sleeps,2020-03-01\n"                                \
            "s5,doc.txt,,again,2019-06-30\n"

#define ISSUES                                                                 \
    "id,name,min,max,anchors,description,sources\n"                            \
    "bases,Bases,0,100,,,\n"                                                   \
    "union,Union,0,10,,,\n"

#define ACTORS "id,name\nby,Belarus\nru,Russia\n"

#define POS_HDR                                                                \
    "period,actor,issue,position,salience,capability,uncertainty,sources,"     \
    "rationale\n"
#define POSITIONS                                                              \
    POS_HDR "2016,by,bases,20,50,10,5,s1,R\n"                                  \
            "2016,ru,bases,80,90,100,5,s1;s2,R\n"                              \
            "2019,by,union,3,60,10,1,s5;s1,R\n"                                \
            "late,ru,union,6,60,10,1,s4,R\n"

#define SQ_HDR "period,issue,value,sources,rationale\n"
#define STATUS_QUO                                                             \
    SQ_HDR "2016,bases,20,s1,Two radars\n"                                     \
           "2019,union,3,s5,Empty shell\n"

#define OUT_HDR "period,issue,status_quo,observed,sources,rationale,basis\n"
#define OUTCOMES                                                               \
    OUT_HDR "2016,bases,,30,s4,Later report,documented\n"                      \
            "2019,union,,4,s3,From the 2019 talks,inferred\n"

#define CON_HDR "id,topic,sources,value,rationale\n"
#define CONTRADICTIONS CON_HDR "c1,Army size,s1;s2,\"59,000\",Older count\n"

static const char *const base_files[][2] = {
    {"scenario.ini", INI},
    {"documents.csv", DOCUMENTS},
    {"sources.csv", SOURCES},
    {"issues.csv", ISSUES},
    {"actors.csv", ACTORS},
    {"positions.csv", POSITIONS},
    {"status_quo.csv", SQ_HDR},
    {"outcomes.csv", OUTCOMES},
    {"contradictions.csv", CONTRADICTIONS},
};

static void put(const char *dir, const char *file, const char *text)
{
    char path[1024];

    snprintf(path, sizeof path, "%s/%s", dir, file);
    if (text)
        write_file(path, text);
    else
        unlink(path);
}

/* A fresh directory holding the base scenario and documents/ with two
   files (owned by the caller). */
static char *make_scenario(void)
{
    char *dir = ent_xstrdup("/tmp/ent-evid-XXXXXX"), docs[600];

    assert_non_null(mkdtemp(dir));
    for (size_t i = 0; i < sizeof base_files / sizeof base_files[0]; i++)
        put(dir, base_files[i][0], base_files[i][1]);
    put(dir, "status_quo.csv", STATUS_QUO);
    snprintf(docs, sizeof docs, "%s/documents", dir);
    assert_int_equal(mkdir(docs, 0700), 0);
    put(docs, "doc.txt", "The quick brown fox jumps over. Again.\n");
    put(docs, "other.txt", "the lazy dog sleeps\n");
    return dir;
}

static void remove_flat(const char *dir)
{
    DIR *d = opendir(dir);
    const struct dirent *e;

    while (d && (e = readdir(d)) != NULL)
        if (e->d_name[0] != '.')
            put(dir, e->d_name, NULL);
    if (d)
        closedir(d);
    rmdir(dir);
}

static void remove_scenario(char *dir)
{
    char docs[600];

    snprintf(docs, sizeof docs, "%s/documents", dir);
    remove_flat(docs);
    remove_flat(dir);
    free(dir);
}

static ent_scenario *load_ok(const char *dir)
{
    ent_scenario *sc = NULL;
    ent_error err;

    ent_error_clear(&err);
    if (ent_scenario_load_dir(dir, &sc, &err) != 0)
        fail_msg("load %s: %s", dir, err.msg);
    return sc;
}

/* ---- good input ---- */

static void test_dates_cutoffs_breaks(void **state)
{
    char *dir = make_scenario();
    ent_scenario *sc = load_ok(dir);
    const ent_source *s;

    (void)state;
    s = ent_scenario_source(sc, "s1");
    assert_string_equal(s->date, "2015");
    assert_int_equal(s->date_key, 20151231);
    assert_int_equal(ent_scenario_source(sc, "s3")->date_key, 20190631);
    assert_int_equal(ent_scenario_source(sc, "s4")->date_key, 20200301);
    assert_int_equal(ent_scenario_cutoff(sc, 0), 20161231);
    assert_int_equal(ent_scenario_cutoff(sc, 1), 20190630);
    assert_int_equal(ent_scenario_cutoff(sc, 2), 20210331);
    assert_int_equal(ent_scenario_period_year(sc, 0), 2016);
    assert_int_equal(ent_scenario_period_year(sc, 2), 2021);
    assert_int_equal(sc->n_breaks, 2);
    assert_int_equal(sc->breaks[0], 2014);
    assert_int_equal(sc->breaks[1], 2020);
    assert_true(ent_scenario_spans_break(sc, 2019, 2020));
    assert_true(ent_scenario_spans_break(sc, 2016, 2022));
    assert_false(ent_scenario_spans_break(sc, 2020, 2021));
    assert_false(ent_scenario_spans_break(sc, 2016, 2019));
    ent_scenario_free(sc);
    remove_scenario(dir);
}

static void test_documents(void **state)
{
    char *dir = make_scenario();
    ent_scenario *sc = load_ok(dir);
    const ent_document *d;

    (void)state;
    assert_int_equal(sc->n_documents, 2);
    d = ent_scenario_document(sc, "doc.txt");
    assert_non_null(d);
    assert_string_equal(d->author, "Smith, A.");
    assert_string_equal(d->title, "The fox papers");
    assert_string_equal(d->publisher, "Fox Press");
    assert_string_equal(d->date, "2020-05");
    assert_string_equal(d->url, "https://example.org/fox");
    d = ent_scenario_document(sc, "other.txt");
    assert_string_equal(d->author, "");
    assert_string_equal(d->date, "");
    assert_null(ent_scenario_document(sc, "nothing.txt"));
    ent_scenario_free(sc);
    remove_scenario(dir);
}

static void test_status_quo_into_problem(void **state)
{
    char *dir = make_scenario();
    ent_scenario *sc = load_ok(dir);
    ent_problem *p, *q;
    ent_error err;

    (void)state;
    assert_int_equal(sc->n_status_quo, 2);
    assert_string_equal(sc->status_quo[1].rationale, "Empty shell");
    assert_int_equal(sc->status_quo[1].line, 3);
    assert_true(isnan(sc->outcomes[0].status_quo));
    assert_int_equal(ent_problem_build(sc, 0, &p, &err), 0);
    assert_true(p->status_quo[0] == 20);
    assert_true(isnan(p->status_quo[1]));
    q = ent_problem_clone(p);
    assert_true(q->status_quo[0] == 20);
    assert_true(isnan(q->status_quo[1]));
    ent_problem_free(q);
    ent_problem_free(p);
    assert_int_equal(ent_problem_build(sc, 1, &p, &err), 0);
    assert_true(isnan(p->status_quo[0]));
    assert_true(p->status_quo[1] == 3);
    ent_problem_free(p);
    ent_scenario_free(sc);
    remove_scenario(dir);
}

/* Without status_quo.csv, outcomes.csv's status_quo column stands in. */
static void test_status_quo_fallback(void **state)
{
    char *dir = make_scenario();
    ent_scenario *sc;
    ent_problem *p;
    ent_error err;

    (void)state;
    put(dir, "status_quo.csv", NULL);
    put(dir, "outcomes.csv", OUT_HDR "2016,bases,25,30,s4,R,documented\n");
    sc = load_ok(dir);
    assert_int_equal(sc->n_status_quo, 0);
    assert_int_equal(ent_problem_build(sc, 0, &p, &err), 0);
    assert_true(p->status_quo[0] == 25);
    assert_true(isnan(p->status_quo[1]));
    ent_problem_free(p);
    ent_scenario_free(sc);
    remove_scenario(dir);
}

static void test_basis_and_contradictions(void **state)
{
    char *dir = make_scenario();
    ent_scenario *sc = load_ok(dir);

    (void)state;
    assert_int_equal(sc->n_outcomes, 2);
    assert_int_equal(sc->outcomes[0].inferred, 0);
    assert_int_equal(sc->outcomes[1].inferred, 1);
    assert_int_equal(sc->n_contradictions, 1);
    assert_string_equal(sc->contradictions[0].topic, "Army size");
    assert_string_equal(sc->contradictions[0].value, "59,000");
    assert_int_equal(sc->contradictions[0].sources.count, 2);
    ent_scenario_free(sc);
    remove_scenario(dir);
}

/* Old-style scenarios (no date column, no documents.csv, no basis) still
   load: nothing is checked and every outcome counts as documented. */
static void test_undated_scenario(void **state)
{
    char *dir = make_scenario();
    ent_scenario *sc;

    (void)state;
    put(dir, "documents.csv", NULL);
    put(dir, "status_quo.csv", NULL);
    put(dir, "sources.csv",
        "id,document,locator,quote\ns1,doc.txt,,a\ns2,A book,,b\n"
        "s3,x,,c\ns4,x,,d\ns5,x,,e\n");
    put(dir, "outcomes.csv",
        "period,issue,status_quo,observed,sources\n2016,bases,1,2,s4\n");
    sc = load_ok(dir);
    assert_string_equal(ent_scenario_source(sc, "s4")->date, "");
    assert_int_equal(ent_scenario_source(sc, "s4")->date_key, 0);
    assert_int_equal(sc->outcomes[0].inferred, 0);
    assert_int_equal(sc->n_documents, 0);
    ent_scenario_free(sc);
    remove_scenario(dir);
}

/* ---- bad input: every case names file:line:column ---- */

typedef struct bad_case {
    const char *name;
    const char *file, *text;   /* file replaced (NULL text: removed) */
    const char *file2, *text2; /* an optional second change */
    const char *where;         /* expected message start after "dir/" */
    const char *words[3];
} bad_case;

static const bad_case bad_cases[] = {
    /* the evidence-date rule, with planted violations */
    {"planted_violation_position",
     "positions.csv",
     POS_HDR "2016,by,bases,20,50,10,5,s1,R\n"
             "2016,ru,bases,80,90,100,5,s2;s4,R\n",
     NULL,
     NULL,
     "positions.csv:3:8: ",
     {"sources: source s4 is dated 2020-03-01",
      "after the evidence cutoff of period 2016 (2016-12-31)"}},
    {"violation_month_precision",
     "positions.csv",
     POS_HDR "2019,by,union,3,60,10,1,s3,R\n",
     NULL,
     NULL,
     "positions.csv:2:8: ",
     {"source s3 is dated 2019-06,", "period 2019 (2019-06-30)"}},
    {"violation_custom_cutoff",
     "scenario.ini",
     INI "cutoff.2016 = 2016-12-30\n",
     NULL,
     NULL,
     "positions.csv:3:8: ",
     {"source s2 is dated 2016-12-31", "(2016-12-30)"}},
    {"planted_violation_status_quo",
     "status_quo.csv",
     SQ_HDR "2016,bases,20,s1,R\n2016,union,3,s1;s4,R\n",
     NULL,
     NULL,
     "status_quo.csv:3:4: ",
     {"source s4 is dated 2020-03-01", "period 2016"}},
    /* sources.csv dates and documents */
    {"source_date_missing",
     "sources.csv",
     SRC_HDR "s1,doc.txt,p. 1,The quick brown fox,2015\n"
             "s2,doc.txt,p. 2,jumps over,\n",
     NULL,
     NULL,
     "sources.csv:3:5: ",
     {"date: expected a date YYYY, YYYY-MM or YYYY-MM-DD, got \"\""}},
    {"source_date_bad_month",
     "sources.csv",
     SRC_HDR "s1,doc.txt,p. 1,The quick brown fox,2015-13\n",
     NULL,
     NULL,
     "sources.csv:2:5: ",
     {"date: expected a date", "\"2015-13\""}},
    {"source_document_unlisted",
     "sources.csv",
     SRC_HDR "s1,doc.txt,p. 1,The quick brown fox,2015\n"
             "s2,missing.txt,,x,2015\n",
     NULL,
     NULL,
     "sources.csv:3:2: ",
     {"document: unknown document \"missing.txt\"", "documents.csv"}},
    {"documents_file_absent",
     "documents.csv",
     DOCUMENTS "gone.txt,,Gone,,,\n",
     NULL,
     NULL,
     "documents.csv:4:1: ",
     {"file: expected the name of a file in documents/", "\"gone.txt\""}},
    {"documents_file_without_row",
     "documents.csv",
     DOCS_HDR "doc.txt,,The fox papers,,,\n",
     NULL,
     NULL,
     "documents.csv:1:1: ",
     {"documents/other.txt has no row"}},
    {"documents_listed_twice",
     "documents.csv",
     DOCUMENTS "doc.txt,,Again,,,\n",
     NULL,
     NULL,
     "documents.csv:4:1: ",
     {"\"doc.txt\" is listed twice (first on line 2)"}},
    {"documents_no_title",
     "documents.csv",
     DOCS_HDR "doc.txt,Smith,,,,\nother.txt,,T,,,\n",
     NULL,
     NULL,
     "documents.csv:2:3: ",
     {"title: expected text"}},
    {"documents_bad_date",
     "documents.csv",
     DOCS_HDR "doc.txt,,T,,May 2020,\nother.txt,,T,,,\n",
     NULL,
     NULL,
     "documents.csv:2:5: ",
     {"date: expected a date", "\"May 2020\""}},
    /* outcomes.csv */
    {"outcome_basis_bad",
     "outcomes.csv",
     OUT_HDR "2016,bases,,30,s4,R,guess\n",
     NULL,
     NULL,
     "outcomes.csv:2:7: ",
     {"basis: expected documented or inferred, got \"guess\""}},
    {"outcome_basis_empty",
     "outcomes.csv",
     OUT_HDR "2016,bases,,30,s4,R,\n",
     NULL,
     NULL,
     "outcomes.csv:2:7: ",
     {"basis: expected documented or inferred, got an empty cell"}},
    {"outcome_no_status_quo_anywhere",
     "outcomes.csv",
     "period,issue,observed,sources\n2016,bases,30,s4\n",
     "status_quo.csv",
     NULL,
     "outcomes.csv:1:1: ",
     {"missing column \"status_quo\"", "no status_quo.csv"}},
    {"outcome_status_quo_empty_without_file",
     "outcomes.csv",
     OUT_HDR "2016,bases,,30,s4,R,documented\n",
     "status_quo.csv",
     NULL,
     "outcomes.csv:2:3: ",
     {"status_quo: expected a number in [0, 100], got an empty cell"}},
    /* status_quo.csv */
    {"status_quo_duplicate",
     "status_quo.csv",
     SQ_HDR "2016,bases,20,s1,R\n2016,bases,25,s1,R\n",
     NULL,
     NULL,
     "status_quo.csv:3:1: ",
     {"duplicate row: period 2016, issue bases already on line 2"}},
    {"status_quo_out_of_range",
     "status_quo.csv",
     SQ_HDR "2019,union,11,s1,R\n",
     NULL,
     NULL,
     "status_quo.csv:2:3: ",
     {"value: expected a number in [0, 10], got \"11\""}},
    {"status_quo_no_sources",
     "status_quo.csv",
     SQ_HDR "2016,bases,20,,R\n",
     NULL,
     NULL,
     "status_quo.csv:2:4: ",
     {"sources: expected at least one source id"}},
    {"status_quo_no_rationale",
     "status_quo.csv",
     SQ_HDR "2016,bases,20,s1,\n",
     NULL,
     NULL,
     "status_quo.csv:2:5: ",
     {"rationale: expected text"}},
    {"status_quo_unknown_period",
     "status_quo.csv",
     SQ_HDR "2017,bases,20,s1,R\n",
     NULL,
     NULL,
     "status_quo.csv:2:1: ",
     {"period: unknown period \"2017\""}},
    /* contradictions.csv */
    {"contradiction_one_source",
     "contradictions.csv",
     CON_HDR "c1,Army size,s1,59000,R\n",
     NULL,
     NULL,
     "contradictions.csv:2:3: ",
     {"sources: expected at least two conflicting source ids", "got 1"}},
    {"contradiction_repeated_source",
     "contradictions.csv",
     CON_HDR "c1,Army size,s1;s1,59000,R\n",
     NULL,
     NULL,
     "contradictions.csv:2:3: ",
     {"source \"s1\" is listed twice"}},
    {"contradiction_unknown_source",
     "contradictions.csv",
     CON_HDR "c1,Army size,s1;s9,59000,R\n",
     NULL,
     NULL,
     "contradictions.csv:2:3: ",
     {"unknown source \"s9\""}},
    {"contradiction_no_value",
     "contradictions.csv",
     CON_HDR "c1,Army size,s1;s2,,R\n",
     NULL,
     NULL,
     "contradictions.csv:2:4: ",
     {"value: expected text"}},
    {"contradiction_duplicate_id",
     "contradictions.csv",
     CONTRADICTIONS "c1,Tanks,s1;s2,300,R\n",
     NULL,
     NULL,
     "contradictions.csv:3:1: ",
     {"duplicate id \"c1\""}},
    /* scenario.ini */
    {"ini_cutoff_unknown_period",
     "scenario.ini",
     INI "cutoff.2017 = 2017-12-31\n",
     NULL,
     NULL,
     "scenario.ini:7:1: ",
     {"cutoff.2017: unknown period \"2017\""}},
    {"ini_cutoff_bad_date",
     "scenario.ini",
     INI "cutoff.2016 = end of 2016\n",
     NULL,
     NULL,
     "scenario.ini:7:15: ",
     {"cutoff.2016: expected a date YYYY-MM-DD", "\"end of 2016\""}},
    {"ini_breaks_descending",
     "scenario.ini",
     "[scenario]\nname = d\nperiods = 2016\nbreaks = 2020;2014\n",
     NULL,
     NULL,
     "scenario.ini:4:10: ",
     {"breaks: expected years YYYY in ascending order"}},
    {"ini_breaks_not_years",
     "scenario.ini",
     "[scenario]\nname = d\nperiods = 2016\nbreaks = 2014;20x2\n",
     NULL,
     NULL,
     "scenario.ini:4:10: ",
     {"breaks: expected years YYYY"}},
};

enum { N_BAD = sizeof bad_cases / sizeof bad_cases[0] };

static void test_bad_case(void **state)
{
    const bad_case *b = *state;
    char *dir = make_scenario(), want[600];
    ent_scenario *sc = (ent_scenario *)1;
    ent_error err;
    int rc;

    put(dir, b->file, b->text);
    if (b->file2)
        put(dir, b->file2, b->text2);
    ent_error_clear(&err);
    rc = ent_scenario_load_dir(dir, &sc, &err);
    snprintf(want, sizeof want, "%s/%s", dir, b->where);
    remove_scenario(dir);
    assert_int_equal(rc, -1);
    assert_null(sc);
    assert_int_equal(err.code, ENT_EXIT_INPUT);
    if (strncmp(err.msg, want, strlen(want)) != 0)
        fail_msg("message \"%s\" does not start with \"%s\"", err.msg, want);
    for (int i = 0; i < 3 && b->words[i]; i++)
        if (!strstr(err.msg, b->words[i]))
            fail_msg("message \"%s\" lacks \"%s\"", err.msg, b->words[i]);
}

enum { N_GOOD = 6 };

int main(void)
{
    struct CMUnitTest tests[N_GOOD + N_BAD] = {
        cmocka_unit_test(test_dates_cutoffs_breaks),
        cmocka_unit_test(test_documents),
        cmocka_unit_test(test_status_quo_into_problem),
        cmocka_unit_test(test_status_quo_fallback),
        cmocka_unit_test(test_basis_and_contradictions),
        cmocka_unit_test(test_undated_scenario),
    };

    for (int i = 0; i < N_BAD; i++)
        tests[N_GOOD + i] =
            (struct CMUnitTest){bad_cases[i].name, test_bad_case, NULL, NULL,
                                (void *)&bad_cases[i]};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
