/*
 * test_scenario.c -- the scenario directory loader: a small scenario
 * written to a temporary directory loads with every value in place (BOM,
 * CRLF and CR-only line ends, quoted fields, shuffled and extra columns,
 * long and continued scenario.ini values); dozens of broken variants are
 * each rejected with exit code 2 and a "file:line:column: what was
 * expected" message; the CSV table reader, ent_scenario_open, anchor
 * labels, the quote checker, and the bundled Belarus scenario.
 */
#include <dirent.h>
#include <libgen.h>
#include <math.h>
#include <sys/stat.h>

#include "harness.h"
#include "scenario/table.h"

static void check_near(double got, double want, const char *file, int line)
{
    if (!(fabs(got - want) <= 1e-12))
        fail_msg("%s:%d: got %.15g, want %.15g", file, line, got, want);
}
#define assert_near(got, want) check_near((got), (want), __FILE__, __LINE__)

/* ---- a small valid scenario ---- */

#define INI                                                                    \
    "[scenario]\n"                                                             \
    "name = test\n"                                                            \
    "title = Test scenario\n"                                                  \
    "description = A small scenario\n"                                         \
    "periods = 2016;2019\n"                                                    \
    "default_period = 2016\n"                                                  \
    "\n"                                                                       \
    "[model]\n"                                                                \
    "models = mean;median\n"                                                   \
    "rounds = 5\n"                                                             \
    "\n"                                                                       \
    "[smp]\n"                                                                  \
    "VictoryProbModel = Linear\n"

#define SRC_HDR "id,document,locator,quote\n"
#define SOURCES                                                                \
    SRC_HDR "s1,doc.txt,p. 1,The quick brown fox\n"                            \
            "s2,A citation,,\n"

#define ISS_HDR "id,name,min,max,anchors,description,sources\n"
#define ISSUES                                                                 \
    ISS_HDR "bases,Russian bases,0,100,0=none;50=radar;100=airbase,"           \
            "Military presence,s1\n"                                           \
            "union,Union State,0,10,,Integration depth,\n"

#define ACT_HDR "id,name,group,description,sources\n"
#define ACTORS                                                                 \
    ACT_HDR "by,Belarus,Belarus,The state,s1\n"                                \
            "ru,Russia,Russia,,s2\n"                                           \
            "eu,EU,West,,\n"

#define POS_HDR                                                                \
    "period,actor,issue,position,salience,capability,uncertainty,sources,"     \
    "rationale\n"
#define POS_OK "2016,by,bases,20,50,10,5,s1,Because\n"
#define POSITIONS                                                              \
    POS_HDR POS_OK "2016,ru,bases,80,90,100,5,s1;s2,Because\n"                 \
                   "2016,eu,bases,0,30,40,0,s2,Because\n"                      \
                   "2019,by,union,3,60,10,1,s1,Because\n"

#define EV_HDR "id,date,actors,title,description,sources,shock\n"
#define EVENTS                                                                 \
    EV_HDR "e1,2019-12,by;ru,Talks,Integration talks,s1,"                      \
           "ru.bases.salience=100;by.union.position=5\n"                       \
           "e2,2020-08-09,,Election,,,\n"

#define OUT_HDR                                                                \
    "period,issue,status_quo,observed,date,description,sources,rationale\n"
#define OUTCOMES OUT_HDR "2016,bases,20,30,2019,Radar stays,s1,Quoted\n"

#define INST_HDR "id,name,kind,year,members,description,sources\n"
#define INSTITUTIONS INST_HDR "us,Union State,treaty,1999,by;ru,,s1\n"

#define FIG_HDR "id,subject,value,unit,year,sources,note\n"
#define FIGURES FIG_HDR "f1,Troops,45000,persons,2019,s1,\n"

static const char *const base_files[][2] = {
    {"scenario.ini", INI},        {"sources.csv", SOURCES},
    {"issues.csv", ISSUES},       {"actors.csv", ACTORS},
    {"positions.csv", POSITIONS}, {"events.csv", EVENTS},
    {"outcomes.csv", OUTCOMES},   {"institutions.csv", INSTITUTIONS},
    {"figures.csv", FIGURES},
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

/* A fresh directory holding the base scenario (owned by the caller). */
static char *make_scenario(void)
{
    char *dir = ent_xstrdup("/tmp/ent-scn-XXXXXX");

    assert_non_null(mkdtemp(dir));
    for (size_t i = 0; i < sizeof base_files / sizeof base_files[0]; i++)
        put(dir, base_files[i][0], base_files[i][1]);
    return dir;
}

/* Removes a flat temporary directory and frees its name. */
static void remove_dir(char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;

    while (d && (e = readdir(d)) != NULL)
        if (e->d_name[0] != '.')
            put(dir, e->d_name, NULL);
    if (d)
        closedir(d);
    rmdir(dir);
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

static const ent_position *find_pos(const ent_scenario *sc, const char *period,
                                    const char *actor, const char *issue)
{
    int p = ent_scenario_period(sc, period), a = ent_scenario_actor(sc, actor),
        k = ent_scenario_issue(sc, issue);

    for (int i = 0; i < sc->n_positions; i++)
        if (sc->positions[i].period == p && sc->positions[i].actor == a &&
            sc->positions[i].issue == k)
            return &sc->positions[i];
    fail_msg("no position %s/%s/%s", period, actor, issue);
    return NULL;
}

/* ---- good input ---- */

static void test_base_scenario(void **state)
{
    char *dir = make_scenario();
    ent_scenario *sc = load_ok(dir);
    const ent_position *p;

    (void)state;
    assert_string_equal(sc->name, "test");
    assert_string_equal(sc->title, "Test scenario");
    assert_string_equal(sc->description, "A small scenario");
    assert_string_equal(sc->path, dir);
    assert_int_equal(sc->periods.count, 2);
    assert_string_equal(sc->periods.items[1], "2019");
    assert_int_equal(sc->default_period, 0);
    assert_int_equal(sc->models.count, 2);
    assert_string_equal(sc->models.items[1], "median");
    assert_int_equal(sc->rounds, 5);
    assert_int_equal(sc->n_params, 1);
    assert_string_equal(sc->params[0].engine, "smp");
    assert_string_equal(sc->params[0].name, "VictoryProbModel");
    assert_string_equal(sc->params[0].value, "Linear");
    assert_int_equal(sc->n_issues, 2);
    assert_int_equal(sc->n_actors, 3);
    assert_int_equal(sc->n_positions, 4);
    assert_int_equal(sc->n_sources, 2);
    assert_int_equal(sc->n_events, 2);
    assert_int_equal(sc->n_outcomes, 1);
    assert_int_equal(sc->n_institutions, 1);
    assert_int_equal(sc->n_figures, 1);

    assert_string_equal(sc->issues[0].name, "Russian bases");
    assert_near(sc->issues[1].max, 10);
    assert_int_equal(sc->issues[0].n_anchors, 3);
    assert_near(sc->issues[0].anchors[1].value, 50);
    assert_string_equal(sc->issues[0].anchors[1].label, "radar");
    assert_int_equal(sc->issues[1].n_anchors, 0);
    assert_int_equal(sc->issues[0].sources.count, 1);
    assert_string_equal(sc->actors[2].group, "West");
    assert_string_equal(sc->actors[1].description, "");

    p = find_pos(sc, "2016", "ru", "bases");
    assert_near(p->position, 80);
    assert_near(p->salience, 0.9);
    assert_near(p->capability, 100);
    assert_near(p->position_unc, 5);
    assert_near(p->salience_unc, 0);
    assert_near(p->capability_unc, 0);
    assert_int_equal(p->sources.count, 2);
    assert_string_equal(p->rationale, "Because");
    assert_int_equal(p->line, 3);
    p = find_pos(sc, "2019", "by", "union");
    assert_near(p->position, 3);

    assert_string_equal(sc->events[0].date, "2019-12");
    assert_int_equal(sc->events[0].year, 2019);
    assert_int_equal(sc->events[0].actors.count, 2);
    assert_string_equal(sc->events[0].shock,
                        "ru.bases.salience=100;by.union.position=5");
    assert_null(sc->events[1].shock);
    assert_int_equal(sc->events[1].year, 2020);
    assert_near(sc->outcomes[0].observed, 30);
    assert_int_equal(sc->outcomes[0].issue, 0);
    assert_string_equal(sc->institutions[0].kind, "treaty");
    assert_int_equal(sc->institutions[0].members.count, 2);
    assert_near(sc->figures[0].value, 45000);
    assert_string_equal(sc->figures[0].unit, "persons");
    assert_string_equal(ent_scenario_source(sc, "s1")->quote,
                        "The quick brown fox");
    assert_int_equal(ent_scenario_source(sc, "s2")->line, 3);
    ent_scenario_free(sc);
    remove_dir(dir);
}

static void test_lookups_and_anchors(void **state)
{
    char *dir = make_scenario();
    ent_scenario *sc = load_ok(dir);
    const ent_issue *bases;

    (void)state;
    assert_int_equal(ent_scenario_period(sc, "2019"), 1);
    assert_int_equal(ent_scenario_period(sc, "2020"), -1);
    assert_int_equal(ent_scenario_actor(sc, "eu"), 2);
    assert_int_equal(ent_scenario_actor(sc, "EU"), -1);
    assert_int_equal(ent_scenario_issue(sc, "union"), 1);
    assert_int_equal(ent_scenario_issue(sc, "nope"), -1);
    assert_null(ent_scenario_source(sc, "s3"));
    bases = &sc->issues[ent_scenario_issue(sc, "bases")];
    assert_string_equal(ent_issue_anchor_label(bases, 0), "none");
    assert_string_equal(ent_issue_anchor_label(bases, 24), "none");
    assert_string_equal(ent_issue_anchor_label(bases, 26), "radar");
    assert_string_equal(ent_issue_anchor_label(bases, 74), "radar");
    assert_string_equal(ent_issue_anchor_label(bases, 80), "airbase");
    assert_string_equal(ent_issue_anchor_label(bases, 1000), "airbase");
    assert_null(ent_issue_anchor_label(&sc->issues[1], 5));
    ent_scenario_free(sc);
    ent_scenario_free(NULL);
    remove_dir(dir);
}

static void test_optional_files_absent(void **state)
{
    char *dir = make_scenario();
    ent_scenario *sc;

    (void)state;
    put(dir, "events.csv", NULL);
    put(dir, "outcomes.csv", NULL);
    put(dir, "institutions.csv", NULL);
    put(dir, "figures.csv", ""); /* an empty optional file */
    put(dir, "scenario.ini", "[scenario]\nname=t\nperiods=2016;2019\n");
    sc = load_ok(dir);
    assert_int_equal(sc->n_events, 0);
    assert_int_equal(sc->n_outcomes, 0);
    assert_int_equal(sc->n_institutions, 0);
    assert_int_equal(sc->n_figures, 0);
    assert_int_equal(sc->n_positions, 4);
    /* No default_period: the last period; no [model]: engine defaults. */
    assert_int_equal(sc->default_period, 1);
    assert_int_equal(sc->models.count, 0);
    assert_int_equal(sc->rounds, 0);
    assert_string_equal(sc->title, "t");
    ent_scenario_free(sc);
    remove_dir(dir);
}

/* BOM, CRLF, CR-only, quoted commas and line breaks, shuffled and extra
   columns, blank rows, blanks around cells. */
static void test_spreadsheet_exports(void **state)
{
    char *dir = make_scenario();
    ent_scenario *sc;
    const ent_position *p;

    (void)state;
    put(dir, "actors.csv",
        "\xEF\xBB\xBFID , Name,Group,Description,Sources,Notes\r\n"
        "by,Belarus,Belarus,\"The state, \"\"as such\"\"\nand more\",s1,x\r\n"
        "\r\n"
        ",,,,,\r\n"
        "ru,\"Russia\",Russia,,s2,\r\n"
        "eu,EU,West,,,\r\n");
    put(dir, "positions.csv",
        "rationale,uncertainty,Capability,SALIENCE,position,issue,actor,"
        "period,sources,comment,capability_uncertainty,salience_uncertainty\r"
        "\"Because, as the quote says\",5,10,50,20,bases,by,2016,s1,hm,2,10\r"
        "Because,5,100,90,80,bases,ru,2016, s1 ; s2 ,,,\r"
        "Because,0,40,30,0,bases,eu,2016,s2,,,\r"
        "\"two\rlines\", 1 , 10 , 60 , 3 ,union,by,2019,s1,,,\r");
    sc = load_ok(dir);
    assert_string_equal(sc->actors[0].description,
                        "The state, \"as such\"\nand more");
    assert_string_equal(sc->actors[1].name, "Russia");
    assert_int_equal(sc->n_actors, 3);
    p = find_pos(sc, "2016", "by", "bases");
    assert_string_equal(p->rationale, "Because, as the quote says");
    assert_near(p->capability_unc, 2);
    assert_near(p->salience_unc, 0.1);
    assert_int_equal(p->line, 2);
    p = find_pos(sc, "2016", "ru", "bases");
    assert_int_equal(p->sources.count, 2);
    assert_string_equal(p->sources.items[1], "s2");
    p = find_pos(sc, "2019", "by", "union");
    assert_string_equal(p->rationale, "two\rlines");
    assert_near(p->salience, 0.6);
    assert_int_equal(p->line, 5);
    ent_scenario_free(sc);
    remove_dir(dir);
}

/* Long values (longer than inih's line buffer), continuation lines, inline
   comments, parameters for all engines and for one. */
static void test_manifest_long_values(void **state)
{
    char *dir = make_scenario(), ini[4096], longtext[600];
    ent_scenario *sc;

    (void)state;
    for (int i = 0; i < 59; i++)
        memcpy(longtext + 10 * i, "long text ", 10);
    memcpy(longtext + 590, "the end.", 9);
    snprintf(ini, sizeof ini,
             "; a comment\n"
             "# %s\n"
             "[scenario]\r\n"
             "name = test   ; inline comment\r\n"
             "description = %s ; and a comment\r\n"
             "title = First part\n"
             "  second part\n"
             "periods = 2016;2019\n"
             "[model]\n"
             "seed = 7\n"
             "[eu]\n"
             "risk = 1\n",
             longtext, longtext);
    put(dir, "scenario.ini", ini);
    sc = load_ok(dir);
    assert_string_equal(sc->name, "test");
    assert_string_equal(sc->description, longtext);
    assert_string_equal(sc->title, "First part second part");
    assert_int_equal(sc->n_params, 2);
    assert_null(sc->params[0].engine);
    assert_string_equal(sc->params[0].name, "seed");
    assert_string_equal(sc->params[1].engine, "eu");
    assert_string_equal(sc->params[1].value, "1");
    ent_scenario_free(sc);
    remove_dir(dir);
}

static void test_open_dir_bundled_and_files(void **state)
{
    char *dir = make_scenario(), *copy = ent_xstrdup(dir);
    char slash[300], want[400];
    ent_scenario *sc = NULL;
    ent_error err;

    (void)state;
    assert_int_equal(ent_scenario_open(dir, NULL, &sc, &err), 0);
    assert_string_equal(sc->name, "test");
    ent_scenario_free(sc);
    /* A bare name is looked up under the bundled directory. */
    assert_int_equal(ent_scenario_open(basename(copy), "/tmp", &sc, &err), 0);
    assert_int_equal(sc->n_actors, 3);
    ent_scenario_free(sc);
    assert_int_equal(ent_scenario_open(basename(copy), NULL, &sc, &err), -1);
    assert_int_equal(err.code, ENT_EXIT_INPUT);
    assert_non_null(strstr(err.msg, "no such scenario, directory or file"));
    assert_int_equal(ent_scenario_open("tests/data/ktab/dummyData_3Dim.csv",
                                       NULL, &sc, &err),
                     0);
    assert_int_equal(sc->n_issues, 3);
    ent_scenario_free(sc);
    assert_int_equal(
        ent_scenario_open("tests/data/bdm/eu-emissions.csv", NULL, &sc, &err),
        0);
    assert_int_equal(sc->n_actors, 10);
    ent_scenario_free(sc);
    /* A trailing '/' is not doubled in messages. */
    put(dir, "positions.csv", POS_HDR "2016,xx,bases,20,50,10,5,s1,R\n");
    snprintf(slash, sizeof slash, "%s/", dir);
    assert_int_equal(ent_scenario_open(slash, NULL, &sc, &err), -1);
    snprintf(want, sizeof want, "%s/positions.csv:2:2: actor:", dir);
    assert_memory_equal(err.msg, want, strlen(want));
    free(copy);
    remove_dir(dir);
}

/* ---- the CSV table reader ---- */

static void parse_ok(scn_table *t, const char *text)
{
    ent_error err;

    ent_error_clear(&err);
    if (scn_table_parse(t, "t.csv", text, strlen(text), &err) != 0)
        fail_msg("%s", err.msg);
}

static void test_table_lines(void **state)
{
    scn_table t;

    (void)state;
    parse_ok(&t, "a,b\r\"x\ny\",2\r\r\n3,\"4\r\n5\"\n\n6");
    assert_int_equal(t.n_rows, 4);
    assert_int_equal(t.rows[1].line, 2);
    assert_string_equal(t.rows[1].cells[0].text, "x\ny");
    assert_int_equal(t.rows[1].cells[1].line, 3);
    assert_int_equal(t.rows[2].line, 5);
    assert_string_equal(scn_table_text(&t, 2, 1), "4\r\n5");
    assert_int_equal(scn_table_line(&t, 2, 1), 5);
    assert_int_equal(t.rows[3].line, 8);
    assert_string_equal(scn_table_text(&t, 3, 0), "6");
    assert_string_equal(scn_table_text(&t, 3, 1), "");
    assert_int_equal(scn_table_line(&t, 3, 5), 8);
    scn_table_free(&t);
}

static void test_table_header_lookup(void **state)
{
    scn_table t;
    ent_error err;

    (void)state;
    parse_ok(&t, "\xEF\xBB\xBF  Actor , \"Salience \",x\n1,2,3\n");
    assert_int_equal(scn_table_find(&t, "actor"), 0);
    assert_int_equal(scn_table_find(&t, "SALIENCE"), 1);
    assert_int_equal(scn_table_find(&t, "position"), -1);
    assert_int_equal(scn_table_need(&t, "position", &err), -1);
    assert_string_equal(err.msg,
                        "t.csv:1:1: missing column \"position\" in the header "
                        "row");
    scn_table_free(&t);
    parse_ok(&t, "");
    assert_int_equal(t.n_rows, 0);
    assert_int_equal(scn_table_find(&t, "x"), -1);
    scn_table_free(&t);
}

static void test_table_malformed(void **state)
{
    scn_table t;
    ent_error err;
    const char *text = "a,b\n1,2\n3,x\"y\n";

    (void)state;
    assert_int_equal(scn_table_parse(&t, "t.csv", text, strlen(text), &err),
                     -1);
    assert_int_equal(err.code, ENT_EXIT_INPUT);
    assert_non_null(strstr(err.msg, "t.csv:3:2: malformed CSV"));
    assert_int_equal(t.n_rows, 0);
    text = "a,b\n1,\"2\n\n";
    assert_int_equal(scn_table_parse(&t, "t.csv", text, strlen(text), &err),
                     -1);
    assert_non_null(strstr(err.msg, "t.csv:2:2: malformed CSV: unterminated"));
}

/* ---- bad input: each case breaks one file of the base scenario ---- */

typedef struct bad_case {
    const char *name;
    const char *file;  /* the file to replace */
    const char *text;  /* its new text; NULL removes it */
    const char *where; /* expected "file:line:column: " after "dir/"; or,
                          starting with ':', right after "dir" */
    const char *words[3];
} bad_case;

static const bad_case bad_cases[] = {
    /* positions.csv */
    {"pos_unknown_actor",
     "positions.csv",
     POS_HDR POS_OK "2016,xx,bases,20,50,10,5,s1,R\n",
     "positions.csv:3:2: ",
     {"actor: unknown actor \"xx\"", "actors.csv"}},
    {"pos_unknown_issue",
     "positions.csv",
     POS_HDR POS_OK "2016,ru,nukes,20,50,10,5,s1,R\n",
     "positions.csv:3:3: ",
     {"issue: unknown issue \"nukes\"", "issues.csv"}},
    {"pos_unknown_period",
     "positions.csv",
     POS_HDR POS_OK "2020,ru,bases,20,50,10,5,s1,R\n",
     "positions.csv:3:1: ",
     {"period: unknown period \"2020\"", "scenario.ini"}},
    {"pos_position_above_max",
     "positions.csv",
     POS_HDR POS_OK "2016,ru,bases,120,50,10,5,s1,R\n",
     "positions.csv:3:4: ",
     {"position: expected a number in [0, 100], got \"120\""}},
    {"pos_position_other_scale",
     "positions.csv",
     POS_HDR POS_OK "2019,ru,union,11,50,10,5,s1,R\n",
     "positions.csv:3:4: ",
     {"position: expected a number in [0, 10]", "\"11\""}},
    {"pos_position_below_min",
     "positions.csv",
     POS_HDR POS_OK "2019,ru,union,-0.1,50,10,5,s1,R\n",
     "positions.csv:3:4: ",
     {"[0, 10]", "\"-0.1\""}},
    {"pos_salience_above_100",
     "positions.csv",
     POS_HDR POS_OK "2016,ru,bases,20,101,10,5,s1,R\n",
     "positions.csv:3:5: ",
     {"salience: expected a number in [0, 100]", "\"101\""}},
    {"pos_salience_negative",
     "positions.csv",
     POS_HDR POS_OK "2016,ru,bases,20,-1,10,5,s1,R\n",
     "positions.csv:3:5: ",
     {"salience", "\"-1\""}},
    {"pos_capability_negative",
     "positions.csv",
     POS_HDR POS_OK "2016,ru,bases,20,50,-3,5,s1,R\n",
     "positions.csv:3:6: ",
     {"capability: expected a number >= 0", "\"-3\""}},
    {"pos_uncertainty_negative",
     "positions.csv",
     POS_HDR POS_OK "2016,ru,bases,20,50,3,-0.5,s1,R\n",
     "positions.csv:3:7: ",
     {"uncertainty: expected a number >= 0", "\"-0.5\""}},
    {"pos_not_a_number",
     "positions.csv",
     POS_HDR POS_OK "2016,ru,bases,abc,50,3,5,s1,R\n",
     "positions.csv:3:4: ",
     {"position: expected a number", "\"abc\""}},
    {"pos_nan",
     "positions.csv",
     POS_HDR POS_OK "2016,ru,bases,20,nan,3,5,s1,R\n",
     "positions.csv:3:5: ",
     {"salience: expected a number", "\"nan\""}},
    {"pos_inf",
     "positions.csv",
     POS_HDR POS_OK "2016,ru,bases,20,50,inf,5,s1,R\n",
     "positions.csv:3:6: ",
     {"capability: expected a number", "\"inf\""}},
    {"pos_overflow",
     "positions.csv",
     POS_HDR POS_OK "2016,ru,bases,20,50,1e999,5,s1,R\n",
     "positions.csv:3:6: ",
     {"capability", "\"1e999\""}},
    {"pos_trailing_junk",
     "positions.csv",
     POS_HDR POS_OK "2016,ru,bases,12abc,50,3,5,s1,R\n",
     "positions.csv:3:4: ",
     {"position", "\"12abc\""}},
    {"pos_hex",
     "positions.csv",
     POS_HDR POS_OK "2016,ru,bases,0x10,50,3,5,s1,R\n",
     "positions.csv:3:4: ",
     {"position", "\"0x10\""}},
    {"pos_decimal_comma",
     "positions.csv",
     POS_HDR POS_OK "2016,ru,bases,\"1,5\",50,3,5,s1,R\n",
     "positions.csv:3:4: ",
     {"position", "\"1,5\""}},
    {"pos_empty_cell",
     "positions.csv",
     POS_HDR POS_OK "2016,ru,bases,,50,3,5,s1,R\n",
     "positions.csv:3:4: ",
     {"position: expected a number", "empty cell"}},
    {"pos_short_row",
     "positions.csv",
     POS_HDR POS_OK "2016,ru,bases,20\n",
     "positions.csv:3:5: ",
     {"salience", "empty cell"}},
    {"pos_duplicate_row",
     "positions.csv",
     POS_HDR POS_OK POS_OK,
     "positions.csv:3:1: ",
     {"duplicate row", "period 2016, actor by, issue bases",
      "already on line 2"}},
    {"pos_no_sources",
     "positions.csv",
     POS_HDR POS_OK "2016,ru,bases,20,50,10,5, ,R\n",
     "positions.csv:3:8: ",
     {"sources: expected at least one source id"}},
    {"pos_no_rationale",
     "positions.csv",
     POS_HDR POS_OK "2016,ru,bases,20,50,10,5,s1,\n",
     "positions.csv:3:9: ",
     {"rationale: expected text", "empty cell"}},
    {"pos_unknown_source",
     "positions.csv",
     POS_HDR POS_OK "2016,ru,bases,20,50,10,5,s1;s9,R\n",
     "positions.csv:3:8: ",
     {"sources: unknown source \"s9\"", "sources.csv"}},
    {"pos_missing_column",
     "positions.csv",
     "period,actor,issue,position,salience,uncertainty,sources,rationale\n"
     "2016,by,bases,20,50,5,s1,R\n",
     "positions.csv:1:1: ",
     {"missing column \"capability\""}},
    {"pos_missing_rationale_column",
     "positions.csv",
     "period,actor,issue,position,salience,capability,uncertainty,sources\n"
     "2016,by,bases,20,50,5,1,s1\n",
     "positions.csv:1:1: ",
     {"missing column \"rationale\""}},
    {"pos_empty_file",
     "positions.csv",
     "",
     "positions.csv:1:1: ",
     {"empty file", "header row"}},
    {"pos_header_only",
     "positions.csv",
     POS_HDR,
     "positions.csv:2:1: ",
     {"at least one position row"}},
    {"pos_blank_rows_only",
     "positions.csv",
     POS_HDR "\n,,,,\n",
     "positions.csv:2:1: ",
     {"at least one position row"}},
    {"pos_missing_file",
     "positions.csv",
     NULL,
     "positions.csv: ",
     {"cannot open", "No such file"}},
    {"pos_salience_uncertainty",
     "positions.csv",
     "period,actor,issue,position,salience,capability,uncertainty,sources,"
     "rationale,salience_uncertainty\n"
     "2016,by,bases,20,50,10,5,s1,R,150\n",
     "positions.csv:2:10: ",
     {"salience_uncertainty", "[0, 100]", "\"150\""}},
    {"pos_capability_uncertainty",
     "positions.csv",
     "capability_uncertainty," POS_HDR "-2,2016,by,bases,20,50,10,5,s1,R\n",
     "positions.csv:2:1: ",
     {"capability_uncertainty", ">= 0", "\"-2\""}},
    {"pos_malformed_quote",
     "positions.csv",
     POS_HDR POS_OK "2016,ru,bases,20,50,10,5,s1,\"R\" x\n",
     "positions.csv:3:9: ",
     {"malformed CSV", "closing quote"}},
    /* actors.csv */
    {"actor_duplicate_id",
     "actors.csv",
     ACT_HDR "by,Belarus,,,\nby,B,,,\n",
     "actors.csv:3:1: ",
     {"id: duplicate id \"by\"", "first defined on line 2"}},
    {"actor_unknown_source",
     "actors.csv",
     ACT_HDR "by,Belarus,,,s7\n",
     "actors.csv:2:5: ",
     {"sources: unknown source \"s7\""}},
    {"actor_empty_name",
     "actors.csv",
     ACT_HDR "by, ,,,\n",
     "actors.csv:2:2: ",
     {"name: expected text", "empty cell"}},
    {"actor_empty_id",
     "actors.csv",
     ACT_HDR ",Belarus,,,\n",
     "actors.csv:2:1: ",
     {"id: expected an id", "empty cell"}},
    {"actor_id_with_blank",
     "actors.csv",
     ACT_HDR "b y,Belarus,,,\n",
     "actors.csv:2:1: ",
     {"id: expected an id (no blanks", "\"b y\""}},
    {"actor_id_with_dot",
     "actors.csv",
     ACT_HDR "b.y,Belarus,,,\n",
     "actors.csv:2:1: ",
     {"id", "\"b.y\""}},
    {"actor_line_after_quoted_break",
     "actors.csv",
     ACT_HDR "by,Belarus,,\"two\nlines\",\nby,B,,,\n",
     "actors.csv:4:1: ",
     {"duplicate id \"by\"", "line 2"}},
    {"actor_cr_only_lines",
     "actors.csv",
     "id,name,group,description,sources\rby,B,,,\rby,C,,,\r",
     "actors.csv:3:1: ",
     {"duplicate id"}},
    {"actor_bom_crlf_blank_line",
     "actors.csv",
     "\xEF\xBB\xBFid,name\r\nby,B\r\n\r\nby,C\r\n",
     "actors.csv:4:1: ",
     {"duplicate id"}},
    {"actor_quote_in_field",
     "actors.csv",
     ACT_HDR "by,Bel\"arus,,,\n",
     "actors.csv:2:2: ",
     {"malformed CSV", "quote inside an unquoted field"}},
    {"actor_unterminated_quote",
     "actors.csv",
     ACT_HDR "by,\"Belarus,,,\n",
     "actors.csv:2:2: ",
     {"malformed CSV", "unterminated quoted field"}},
    {"actor_duplicate_column",
     "actors.csv",
     "id,name,group,description,sources, NAME\nby,B,,,,\n",
     "actors.csv:1:6: ",
     {"name: column appears twice", "first as column 2"}},
    {"actor_missing_file", "actors.csv", NULL, "actors.csv: ", {"cannot open"}},
    /* issues.csv */
    {"issue_min_equals_max",
     "issues.csv",
     ISS_HDR "bases,B,5,5,,,\n",
     "issues.csv:2:4: ",
     {"max: expected a number greater than min (5)"}},
    {"issue_min_above_max",
     "issues.csv",
     ISS_HDR "bases,B,10,0,,,\n",
     "issues.csv:2:4: ",
     {"max", "greater than min (10)", "got 0"}},
    {"issue_max_not_number",
     "issues.csv",
     ISS_HDR "bases,B,0,high,,,\n",
     "issues.csv:2:4: ",
     {"max: expected a number", "\"high\""}},
    {"issue_anchor_malformed",
     "issues.csv",
     ISS_HDR "bases,B,0,100,0=none;radar,,\n",
     "issues.csv:2:5: ",
     {"anchors: expected \"value=label\"", "\"radar\""}},
    {"issue_anchor_bad_value",
     "issues.csv",
     ISS_HDR "bases,B,0,100,x=a,,\n",
     "issues.csv:2:5: ",
     {"anchors", "\"x=a\""}},
    {"issue_anchor_empty_label",
     "issues.csv",
     ISS_HDR "bases,B,0,100,0=none;10=,,\n",
     "issues.csv:2:5: ",
     {"anchors", "\"10=\""}},
    {"issue_anchor_out_of_scale",
     "issues.csv",
     ISS_HDR "bases,B,0,100,0=none;150=huge,,\n",
     "issues.csv:2:5: ",
     {"anchors: expected values in [0, 100]", "got 150"}},
    {"issue_anchor_not_ascending",
     "issues.csv",
     ISS_HDR "bases,B,0,100,50=a;10=b,,\n",
     "issues.csv:2:5: ",
     {"anchors: expected values in ascending order", "10 after 50"}},
    {"issue_duplicate_id",
     "issues.csv",
     ISS_HDR "bases,B,0,100,,,\nbases,C,0,100,,,\n",
     "issues.csv:3:1: ",
     {"duplicate id \"bases\""}},
    {"issue_missing_column",
     "issues.csv",
     "id,name,min\nbases,B,0\n",
     "issues.csv:1:1: ",
     {"missing column \"max\""}},
    {"issue_unknown_source",
     "issues.csv",
     ISS_HDR "bases,B,0,100,,,s1;zz\n",
     "issues.csv:2:7: ",
     {"unknown source \"zz\""}},
    /* sources.csv */
    {"source_duplicate_id",
     "sources.csv",
     SRC_HDR "s1,doc.txt,,q\ns2,x,,\ns1,doc2,,q\n",
     "sources.csv:4:1: ",
     {"duplicate id \"s1\"", "first defined on line 2"}},
    {"source_missing_document_column",
     "sources.csv",
     "id,quote\ns1,q\n",
     "sources.csv:1:1: ",
     {"missing column \"document\""}},
    {"source_empty_document",
     "sources.csv",
     SRC_HDR "s1,,,q\n",
     "sources.csv:2:2: ",
     {"document: expected text"}},
    /* events.csv */
    {"event_unknown_actor",
     "events.csv",
     EV_HDR "e1,2019,by;xx,T,,,\n",
     "events.csv:2:3: ",
     {"actors: unknown actor \"xx\""}},
    {"event_bad_month",
     "events.csv",
     EV_HDR "e1,2019-13,by,T,,,\n",
     "events.csv:2:2: ",
     {"date: expected a date YYYY, YYYY-MM or YYYY-MM-DD", "\"2019-13\""}},
    {"event_date_words",
     "events.csv",
     EV_HDR "e1,May 2019,by,T,,,\n",
     "events.csv:2:2: ",
     {"date", "\"May 2019\""}},
    {"event_no_title",
     "events.csv",
     EV_HDR "e1,2019,by,,,,\n",
     "events.csv:2:4: ",
     {"title: expected text"}},
    {"event_shock_malformed",
     "events.csv",
     EV_HDR "e1,2019,,T,,,ru.bases=5\n",
     "events.csv:2:7: ",
     {"shock: expected \"actor.issue.field=value\"", "\"ru.bases=5\""}},
    {"event_shock_unknown_field",
     "events.csv",
     EV_HDR "e1,2019,,T,,,ru.bases.mood=5\n",
     "events.csv:2:7: ",
     {"shock", "field \"mood\""}},
    {"event_shock_out_of_range",
     "events.csv",
     EV_HDR "e1,2019,,T,,,ru.union.position=20\n",
     "events.csv:2:7: ",
     {"shock: position: expected a number in [0, 10]", "\"20\""}},
    {"event_shock_unknown_actor",
     "events.csv",
     EV_HDR "e1,2019,,T,,,xx.bases.position=5\n",
     "events.csv:2:7: ",
     {"shock: unknown actor \"xx\""}},
    {"event_shock_unknown_issue",
     "events.csv",
     EV_HDR "e1,2019,,T,,,ru.nukes.salience=5\n",
     "events.csv:2:7: ",
     {"shock: unknown issue \"nukes\""}},
    {"event_unknown_source",
     "events.csv",
     EV_HDR "e1,2019,,T,,s0,\n",
     "events.csv:2:6: ",
     {"unknown source \"s0\""}},
    {"event_missing_column",
     "events.csv",
     "id,date\ne1,2019\n",
     "events.csv:1:1: ",
     {"missing column \"title\""}},
    /* outcomes.csv */
    {"outcome_unknown_issue",
     "outcomes.csv",
     OUT_HDR "2016,nukes,20,30,2019,,s1,\n",
     "outcomes.csv:2:2: ",
     {"issue: unknown issue \"nukes\""}},
    {"outcome_unknown_period",
     "outcomes.csv",
     OUT_HDR "1999,bases,20,30,2019,,s1,\n",
     "outcomes.csv:2:1: ",
     {"period: unknown period \"1999\""}},
    {"outcome_observed_out_of_scale",
     "outcomes.csv",
     OUT_HDR "2016,bases,20,120,2019,,s1,\n",
     "outcomes.csv:2:4: ",
     {"observed: expected a number in [0, 100]", "\"120\""}},
    {"outcome_duplicate",
     "outcomes.csv",
     OUT_HDR "2016,bases,20,30,2019,,s1,\n2016,bases,20,40,2019,,s1,\n",
     "outcomes.csv:3:1: ",
     {"duplicate row", "already on line 2"}},
    {"outcome_no_sources",
     "outcomes.csv",
     OUT_HDR "2016,bases,20,30,2019,,,\n",
     "outcomes.csv:2:7: ",
     {"sources: expected at least one source id"}},
    /* institutions.csv */
    {"institution_unknown_member",
     "institutions.csv",
     INST_HDR "us,Union State,treaty,1999,by;xx,,\n",
     "institutions.csv:2:5: ",
     {"members: unknown actor \"xx\""}},
    {"institution_bad_kind",
     "institutions.csv",
     INST_HDR "us,Union State,club,1999,,,\n",
     "institutions.csv:2:3: ",
     {"kind: expected treaty, alliance", "\"club\""}},
    {"institution_bad_year",
     "institutions.csv",
     INST_HDR "us,Union State,treaty,ninety,,,\n",
     "institutions.csv:2:4: ",
     {"year: expected a date", "\"ninety\""}},
    /* figures.csv */
    {"figure_thousands_separator",
     "figures.csv",
     FIG_HDR "f1,Troops,\"45,000\",persons,2019,s1,\n",
     "figures.csv:2:3: ",
     {"value: expected a number", "\"45,000\""}},
    {"figure_duplicate_id",
     "figures.csv",
     FIG_HDR "f1,Troops,1,,,,\nf1,Tanks,2,,,,\n",
     "figures.csv:3:1: ",
     {"duplicate id \"f1\""}},
    {"figure_unknown_source",
     "figures.csv",
     FIG_HDR "f1,Troops,1,,,s1;x,\n",
     "figures.csv:2:6: ",
     {"unknown source \"x\""}},
    /* scenario.ini */
    {"ini_missing_periods",
     "scenario.ini",
     "[scenario]\nname = test\n",
     "scenario.ini:1:1: ",
     {"missing key \"periods\""}},
    {"ini_missing_name",
     "scenario.ini",
     "\n[scenario]\nperiods = 2016\n",
     "scenario.ini:2:1: ",
     {"missing key \"name\""}},
    {"ini_empty_period_item",
     "scenario.ini",
     "[scenario]\nname = t\nperiods = 2016;;2019\n",
     "scenario.ini:3:11: ",
     {"periods: expected period ids separated by ';'", "\"2016;;2019\""}},
    {"ini_period_commas",
     "scenario.ini",
     "[scenario]\nname = t\nperiods = 2016,2019\n",
     "scenario.ini:3:11: ",
     {"periods", "\"2016,2019\""}},
    {"ini_period_repeated",
     "scenario.ini",
     "[scenario]\nname = t\nperiods = 2016;2019;2016\n",
     "scenario.ini:3:11: ",
     {"periods", "repeats"}},
    {"ini_period_empty",
     "scenario.ini",
     "[scenario]\nname = t\nperiods =\n",
     "scenario.ini:3:10: ",
     {"periods", "got \"\""}},
    {"ini_default_period_unknown",
     "scenario.ini",
     "[scenario]\nname = t\nperiods = 2016\ndefault_period = 2020\n",
     "scenario.ini:4:18: ",
     {"default_period: expected one of the ids listed in periods", "\"2020\""}},
    {"ini_bad_name",
     "scenario.ini",
     "[scenario]\nname = Test Scenario\nperiods = 2016\n",
     "scenario.ini:2:8: ",
     {"name: expected a short id", "\"Test Scenario\""}},
    {"ini_bad_rounds",
     "scenario.ini",
     "[scenario]\nname = t\nperiods = 2016\n[model]\nrounds = ten\n",
     "scenario.ini:5:10: ",
     {"rounds: expected an integer >= 0", "\"ten\""}},
    {"ini_negative_rounds",
     "scenario.ini",
     "[scenario]\nname = t\nperiods = 2016\n[model]\nrounds = -1\n",
     "scenario.ini:5:10: ",
     {"rounds", "\"-1\""}},
    {"ini_syntax_error",
     "scenario.ini",
     "[scenario]\nname = t\ngarbage\nperiods = 2016\n",
     "scenario.ini:3:1: ",
     {"expected \"name = value\""}},
    {"ini_key_before_section",
     "scenario.ini",
     "name = t\n[scenario]\nperiods = 2016\n",
     "scenario.ini:1:1: ",
     {"[section] header"}},
    {"ini_no_scenario_section",
     "scenario.ini",
     "[model]\nrounds = 3\n",
     "scenario.ini:1:1: ",
     {"missing section [scenario]"}},
    {"ini_unknown_key",
     "scenario.ini",
     "[scenario]\nname = t\ntitel = x\nperiods = 2016\n",
     "scenario.ini:3:1: ",
     {"unknown key \"titel\" in [scenario]"}},
    {"ini_repeated_key",
     "scenario.ini",
     "[scenario]\nname = t\nperiods = 2016\nperiods = 2019\n",
     "scenario.ini:4:1: ",
     {"key repeated", "first on line 3"}},
    /* issues.csv, column tags */
    {"iss_tag_no_value",
     "issues.csv",
     "id,name,min,max,anchors,description,sources,tags\n"
     "bases,Bases,0,100,,,s1,proc\nunion,Union,0,10,,,,\n",
     "issues.csv:2:8: ",
     {"tags: expected \"key=value\"", "proc"}},
    {"iss_tag_twice",
     "issues.csv",
     "id,name,min,max,anchors,description,sources,tags\n"
     "bases,Bases,0,100,,,s1,proc=COD;proc=CNS\nunion,Union,0,10,,,,\n",
     "issues.csv:2:8: ",
     {"each key once", "proc"}},
    {"ini_missing",
     "scenario.ini",
     NULL,
     ": ",
     {"not a scenario directory", "scenario.ini"}},
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
    ent_error_clear(&err);
    rc = ent_scenario_load_dir(dir, &sc, &err);
    snprintf(want, sizeof want, "%s%s%s", dir, b->where[0] == ':' ? "" : "/",
             b->where);
    remove_dir(dir);
    assert_int_equal(rc, -1);
    assert_null(sc);
    assert_int_equal(err.code, ENT_EXIT_INPUT);
    if (strncmp(err.msg, want, strlen(want)) != 0)
        fail_msg("message \"%s\" does not start with \"%s\"", err.msg, want);
    for (int i = 0; i < 3 && b->words[i]; i++)
        if (!strstr(err.msg, b->words[i]))
            fail_msg("message \"%s\" lacks \"%s\"", err.msg, b->words[i]);
}

static void test_not_a_directory(void **state)
{
    ent_scenario *sc;
    ent_error err;

    (void)state;
    assert_int_equal(ent_scenario_load_dir("tests/harness.h", &sc, &err), -1);
    assert_int_equal(err.code, ENT_EXIT_INPUT);
    assert_non_null(strstr(err.msg, "tests/harness.h: not a scenario "
                                    "directory"));
    assert_int_equal(ent_scenario_load_dir("/nonexistent/x", &sc, &err), -1);
    assert_int_equal(err.code, ENT_EXIT_INPUT);
    assert_non_null(strstr(err.msg, "/nonexistent/x: cannot open"));
    assert_int_equal(ent_scenario_load_dir("tests", &sc, &err), -1);
    assert_string_equal(err.msg, "tests: not a scenario directory: expected a "
                                 "scenario.ini in it");
}

/* ---- quote checking ---- */

#define DOC                                                                    \
    "Intro line.\n"                                                            \
    "The quick brown fox jumps over the lazy dog. Russia\xE2\x80\x99s "        \
    "bases were a secu-\n"                                                     \
    "   rity matter \xE2\x80\x9C"                                              \
    "for now\xE2\x80\x9D \xE2\x80\x93 said the \xEF\xAC\x81nal report.\r\n"    \
    "Soft\xC2\xADhyphen here. It was a well-\n"                                \
    "known fact.\n"

#define QUOTE_SOURCES                                                          \
    SRC_HDR "s1,doc.txt,,\"the QUICK  brown\nfox\"\n"                          \
            "s2,doc.txt,,Russia's bases were a security matter\n"              \
            "s3,doc.txt,,\"\"\"for now\"\" - said the final report\"\n"        \
            "s4,doc.txt,,Softhyphen here\n"                                    \
            "s5,doc.txt,,It was a well-known fact\n"                           \
            "s6,doc.txt,,The slow red fox\n"                                   \
            "s7,other.pdf,,anything at all\n"                                  \
            "s8,\"Report in doc.txt, p. 3\",,lazy dog\n"                       \
            "s9,doc,,jumps over the lazy cat\n"                                \
            "s10,doc.txt,,\n"

static void test_check_quotes(void **state)
{
    char *dir = make_scenario(), docs[600];
    ent_strlist missing = {NULL, 0};
    ent_scenario *sc;
    ent_error err;

    (void)state;
    snprintf(docs, sizeof docs, "%s/docs", dir);
    assert_int_equal(mkdir(docs, 0700), 0);
    put(docs, "doc.txt", DOC);
    put(dir, "sources.csv", QUOTE_SOURCES);
    sc = load_ok(dir);
    assert_int_equal(ent_scenario_check_quotes(sc, docs, &missing, &err), 2);
    assert_int_equal(missing.count, 2);
    assert_non_null(strstr(missing.items[0], "sources.csv:8: source s6: "
                                             "quote not found in doc.txt"));
    assert_non_null(strstr(missing.items[0], "The slow red fox"));
    assert_non_null(strstr(missing.items[1], "source s9"));
    assert_int_equal(ent_scenario_check_quotes(sc, docs, NULL, &err), 2);
    assert_int_equal(
        ent_scenario_check_quotes(sc, "/nonexistent/docs", NULL, &err), -1);
    assert_non_null(strstr(err.msg, "/nonexistent/docs: cannot open"));
    ent_strlist_free(&missing);
    ent_scenario_free(sc);
    put(docs, "doc.txt", NULL);
    rmdir(docs);
    remove_dir(dir);
}

/* ---- the bundled Belarus scenario ---- */

static void test_belarus(void **state)
{
    ent_strlist missing = {NULL, 0};
    struct stat st;
    ent_scenario *sc;
    ent_error err;
    int bad;

    (void)state;
    assert_int_equal(stat("scenarios/belarus/scenario.ini", &st), 0);
    sc = load_ok("scenarios/belarus");
    assert_string_equal(sc->name, "belarus");
    assert_true(sc->periods.count >= 3);
    assert_true(sc->n_actors > 0 && sc->n_issues > 0);
    assert_true(sc->n_positions > 0 && sc->n_sources > 0);
    for (int i = 0; i < sc->n_positions; i++)
        assert_true(sc->positions[i].sources.count > 0);
    bad = ent_scenario_check_quotes(sc, "scenarios/belarus/documents", &missing,
                                    &err);
    for (int i = 0; i < missing.count; i++)
        print_message("%s\n", missing.items[i]);
    assert_int_equal(bad, 0);
    ent_strlist_free(&missing);
    ent_scenario_free(sc);
    assert_int_equal(ent_scenario_open("belarus", "scenarios", &sc, &err), 0);
    assert_string_equal(sc->path, "scenarios/belarus");
    ent_scenario_free(sc);
}

enum { N_GOOD = 12 };

int main(void)
{
    struct CMUnitTest tests[N_GOOD + N_BAD] = {
        cmocka_unit_test(test_base_scenario),
        cmocka_unit_test(test_lookups_and_anchors),
        cmocka_unit_test(test_optional_files_absent),
        cmocka_unit_test(test_spreadsheet_exports),
        cmocka_unit_test(test_manifest_long_values),
        cmocka_unit_test(test_open_dir_bundled_and_files),
        cmocka_unit_test(test_table_lines),
        cmocka_unit_test(test_table_header_lookup),
        cmocka_unit_test(test_table_malformed),
        cmocka_unit_test(test_not_a_directory),
        cmocka_unit_test(test_check_quotes),
        cmocka_unit_test(test_belarus),
    };

    for (int i = 0; i < N_BAD; i++)
        tests[N_GOOD + i] =
            (struct CMUnitTest){bad_cases[i].name, test_bad_case, NULL, NULL,
                                (void *)&bad_cases[i]};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
