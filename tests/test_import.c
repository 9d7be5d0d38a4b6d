/*
 * test_import.c -- the BDM and KTAB importers: every reference file in
 * tests/data (counts, names, numbers, scales), ent_scenario_open's format
 * sniffing, and bad tables rejected with file:line:column and exit code 2.
 */
#include <dirent.h>
#include <math.h>

#include "harness.h"

static void check_near(double got, double want, const char *file, int line)
{
    if (!(fabs(got - want) <= 1e-12))
        fail_msg("%s:%d: got %.15g, want %.15g", file, line, got, want);
}
#define assert_near(got, want) check_near((got), (want), __FILE__, __LINE__)

/* Imports (through ent_scenario_open's sniffing too) and checks both
   agree on the shape. */
static ent_scenario *import_ok(const char *file, int ktab)
{
    ent_scenario *sc = NULL, *sniffed = NULL;
    ent_error err;

    ent_error_clear(&err);
    if ((ktab ? ent_import_ktab(file, &sc, &err)
              : ent_import_bdm(file, &sc, &err)) != 0)
        fail_msg("%s: %s", file, err.msg);
    if (ent_scenario_open(file, NULL, &sniffed, &err) != 0)
        fail_msg("open %s: %s", file, err.msg);
    assert_int_equal(sniffed->n_actors, sc->n_actors);
    assert_int_equal(sniffed->n_issues, sc->n_issues);
    assert_int_equal(sniffed->n_positions, sc->n_positions);
    ent_scenario_free(sniffed);
    assert_int_equal(sc->periods.count, 1);
    assert_string_equal(sc->periods.items[0], "default");
    assert_int_equal(sc->default_period, 0);
    assert_int_equal(sc->rounds, 0);
    assert_string_equal(sc->path, file);
    return sc;
}

static const ent_position *pos(const ent_scenario *sc, int actor, int issue)
{
    for (int i = 0; i < sc->n_positions; i++)
        if (sc->positions[i].actor == actor && sc->positions[i].issue == issue)
            return &sc->positions[i];
    fail_msg("no position for actor %d issue %d", actor, issue);
    return NULL;
}

/* Checks what every KTAB import shares: scale 0-100, one position per
   actor and dimension, power the same on every issue, saliences summing
   to at most 1, no uncertainty. */
static void check_ktab_shape(const ent_scenario *sc, int n, int d)
{
    assert_int_equal(sc->n_actors, n);
    assert_int_equal(sc->n_issues, d);
    assert_int_equal(sc->n_positions, n * d);
    for (int k = 0; k < d; k++) {
        assert_near(sc->issues[k].min, 0);
        assert_near(sc->issues[k].max, 100);
    }
    for (int a = 0; a < n; a++) {
        double sum = 0;

        for (int k = 0; k < d; k++) {
            const ent_position *p = pos(sc, a, k);

            sum += p->salience;
            assert_near(p->capability, pos(sc, a, 0)->capability);
            assert_near(p->position_unc, 0);
            assert_int_equal(p->period, 0);
        }
        assert_true(sum <= 1 + 1e-9);
    }
}

static void test_ktab_soe_competitive(void **state)
{
    ent_scenario *sc = import_ok("tests/data/ktab/SOE-Competitive.csv", 1);

    (void)state;
    check_ktab_shape(sc, 34, 1);
    assert_string_equal(sc->name, "China Competitive; scen 1");
    assert_string_equal(sc->issues[0].name, "Competitive Position");
    assert_string_equal(sc->actors[0].id, "XJ");
    assert_string_equal(sc->actors[0].description, "Xi Jinping");
    assert_near(pos(sc, 0, 0)->capability, 100);
    assert_near(pos(sc, 0, 0)->position, 20);
    assert_near(pos(sc, 0, 0)->salience, 0.6);
    assert_string_equal(sc->actors[33].id, "FSM");
    assert_near(pos(sc, 33, 0)->position, 70);
    ent_scenario_free(sc);
}

static void test_ktab_soe_pol_comp(void **state)
{
    ent_scenario *sc = import_ok("tests/data/ktab/SOE-Pol-Comp.csv", 1);
    int lk;

    (void)state;
    check_ktab_shape(sc, 13, 2);
    assert_string_equal(sc->name, "China Policy/Competitive; scen 2");
    assert_string_equal(sc->description,
                        "Scenario-0002;Combined Policy and Competitive");
    assert_string_equal(sc->issues[0].id, "Policy Position");
    assert_string_equal(sc->issues[1].id, "Competitive Position");
    assert_near(pos(sc, 0, 0)->position, 30);
    assert_near(pos(sc, 0, 0)->salience, 0.24);
    assert_near(pos(sc, 0, 1)->position, 20);
    assert_near(pos(sc, 0, 1)->salience, 0.48);
    lk = ent_scenario_actor(sc, "LK");
    assert_int_equal(lk, 1);
    assert_near(pos(sc, lk, 1)->capability, 60.2);
    assert_string_equal(sc->actors[12].id, "WY");
    ent_scenario_free(sc);
}

static void test_ktab_soe_policy(void **state)
{
    ent_scenario *sc = import_ok("tests/data/ktab/SOE-Policy.csv", 1);
    int zgb;

    (void)state;
    check_ktab_shape(sc, 26, 1);
    assert_string_equal(sc->name, "China Policy; scen 0");
    zgb = ent_scenario_actor(sc, "ZGB");
    assert_int_equal(zgb, 25);
    /* A quoted-less description with a ';' inside stays one cell. */
    assert_string_equal(sc->actors[zgb].description,
                        "Zhang Guobao - former NDRC; still influential");
    assert_near(pos(sc, zgb, 0)->salience, 0.5);
    ent_scenario_free(sc);
}

static void test_ktab_dummy_a040_blanks(void **state)
{
    ent_scenario *sc = import_ok("tests/data/ktab/dummyData-a040.csv", 1);

    (void)state;
    check_ktab_shape(sc, 40, 1);
    assert_string_equal(sc->name, "XYZ");
    assert_string_equal(sc->description, "XYZ Issue");
    assert_string_equal(sc->issues[0].name, "XYZ Position");
    assert_string_equal(sc->actors[0].id, "Act-1001");
    assert_string_equal(sc->actors[0].description, "Desc-1001");
    assert_near(pos(sc, 0, 0)->capability, 1.73);
    assert_near(pos(sc, 0, 0)->position, 63.03);
    assert_near(pos(sc, 0, 0)->salience, 0.4331);
    assert_string_equal(sc->actors[39].id, "Act-1040");
    assert_near(pos(sc, 39, 0)->capability, 0.79);
    assert_near(pos(sc, 39, 0)->salience, 0.6141);
    ent_scenario_free(sc);
}

static void test_ktab_dummy_a080(void **state)
{
    ent_scenario *sc = import_ok("tests/data/ktab/dummyData-a080.csv", 1);

    (void)state;
    check_ktab_shape(sc, 80, 1);
    assert_string_equal(sc->actors[79].id, "Act-1080");
    assert_near(pos(sc, 79, 0)->capability, 3.57);
    assert_near(pos(sc, 79, 0)->position, 62.86);
    assert_near(pos(sc, 79, 0)->salience, 0.3357);
    ent_scenario_free(sc);
}

static void test_ktab_dummy_3dim(void **state)
{
    ent_scenario *sc = import_ok("tests/data/ktab/dummyData_3Dim.csv", 1);

    (void)state;
    check_ktab_shape(sc, 7, 3);
    assert_string_equal(sc->name, "DummyData_3Dim");
    assert_string_equal(sc->description,
                        "Dummy scenario to test reading format");
    assert_string_equal(sc->issues[2].id, "Pstn3");
    assert_near(pos(sc, 0, 0)->capability, 102.543);
    assert_near(pos(sc, 0, 1)->position, 6.37);
    assert_near(pos(sc, 0, 1)->salience, 0.0591);
    assert_near(pos(sc, 6, 2)->position, 90.36);
    assert_near(pos(sc, 6, 2)->salience, 0.2603);
    ent_scenario_free(sc);
}

static void test_ktab_dummy_6dim_crlf(void **state)
{
    ent_scenario *sc = import_ok("tests/data/ktab/dummyData_6Dim.csv", 1);

    (void)state;
    check_ktab_shape(sc, 27, 6);
    assert_string_equal(sc->name, "Combined");
    assert_string_equal(sc->issues[0].id, "Dim0 Position");
    assert_string_equal(sc->issues[5].id, "Dim5 Position");
    assert_near(pos(sc, 0, 0)->capability, 99.98);
    assert_near(pos(sc, 0, 5)->position, 80);
    assert_near(pos(sc, 0, 5)->salience, 0.18);
    assert_string_equal(sc->actors[26].id, "AA26");
    assert_near(pos(sc, 26, 0)->position, 0);
    assert_near(pos(sc, 26, 0)->salience, 0.2666);
    ent_scenario_free(sc);
}

static void test_bdm_eu_emissions_cr_only(void **state)
{
    ent_scenario *sc = import_ok("tests/data/bdm/eu-emissions.csv", 0);
    int dk;

    (void)state;
    assert_string_equal(sc->name, "eu-emissions");
    assert_int_equal(sc->n_actors, 10);
    assert_int_equal(sc->n_issues, 1);
    assert_int_equal(sc->n_positions, 10);
    assert_string_equal(sc->issues[0].id, "position");
    assert_near(sc->issues[0].min, 4);
    assert_near(sc->issues[0].max, 10);
    assert_string_equal(sc->actors[0].id, "Netherlands");
    assert_near(sc->positions[0].capability, 0.08);
    assert_near(sc->positions[0].position, 4);
    assert_near(sc->positions[0].salience, 0.8);
    dk = ent_scenario_actor(sc, "Denmark");
    assert_true(dk >= 0);
    assert_near(sc->positions[dk].salience, 1.0);
    assert_string_equal(sc->actors[9].id, "Greece");
    assert_near(sc->positions[9].position, 7);
    ent_scenario_free(sc);
}

/* Every KTAB file in tests/data/ktab imports and sniffs as KTAB. */
static void test_ktab_every_file(void **state)
{
    DIR *d = opendir("tests/data/ktab");
    struct dirent *e;
    int seen = 0;

    (void)state;
    assert_non_null(d);
    while ((e = readdir(d)) != NULL) {
        size_t len = strlen(e->d_name);
        char path[512];
        ent_scenario *sc;

        if (len < 4 || strcmp(e->d_name + len - 4, ".csv") != 0)
            continue;
        snprintf(path, sizeof path, "tests/data/ktab/%s", e->d_name);
        sc = import_ok(path, 1);
        assert_true(sc->n_actors >= 3);
        assert_true(sc->n_issues >= 1);
        ent_scenario_free(sc);
        seen++;
    }
    closedir(d);
    assert_int_equal(seen, 7);
}

/* Scale detection: saliences all <= 1 are read as 0-1. */
static void test_bdm_scales(void **state)
{
    char dir[] = "/tmp/ent-import-XXXXXX", path[256];
    ent_scenario *sc;
    ent_error err;

    (void)state;
    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/unit.csv", dir);
    write_file(path, "\xEF\xBB\xBFsalience,POSITION, actor ,Capability,note\n"
                     "0.5,1,A,2,x\n1,3,B,1,y\n0,2,\"C, Inc.\",0,\n");
    assert_int_equal(ent_scenario_open(path, NULL, &sc, &err), 0);
    assert_int_equal(sc->n_actors, 3);
    assert_string_equal(sc->actors[2].id, "C, Inc.");
    assert_near(sc->positions[0].salience, 0.5);
    assert_near(sc->positions[1].salience, 1);
    assert_near(sc->issues[0].min, 1);
    assert_near(sc->issues[0].max, 3);
    assert_string_equal(sc->name, "unit");
    ent_scenario_free(sc);
    write_file(path, "Actor,Capability,Position,Salience\r\n"
                     "A,1,5,50\r\nB,1,5,1\r\n");
    assert_int_equal(ent_import_bdm(path, &sc, &err), 0);
    assert_near(sc->positions[0].salience, 0.5);
    assert_near(sc->positions[1].salience, 0.01);
    /* Everyone at 5: the scale is widened so that min < max. */
    assert_true(sc->issues[0].min < 5 && sc->issues[0].max > 5);
    ent_scenario_free(sc);
    unlink(path);
    rmdir(dir);
}

/* A bad table: the file, the importer (0 sniff, 1 KTAB, 2 BDM), the
   expected "line:column: " and key words of the message. */
typedef struct bad_table {
    const char *text;
    int how;
    const char *where;
    const char *words[3];
} bad_table;

static const bad_table bad_tables[] = {
    {"S,d,2,1\nActor,Desc,Power,P,S\na,x,1,50,50\nb,x,1,50,50\n",
     1,
     "1:3: ",
     {"actor count", "[3, 250]", "\"2\""}},
    {"S,d,300,1\nActor,Desc,Power,P,S\n", 1, "1:3: ", {"actor count"}},
    {"S,d,3,0\nActor,Desc,Power\n", 1, "1:4: ", {"dimension count"}},
    {"S,d,3,x1\nActor,Desc,Power\n", 1, "1:4: ", {"dimension count", "x1"}},
    {"S,d,3\n", 1, "1:4: ", {"name, description, actor count"}},
    {"S,d,3,2\nActor,Desc,Power,P1,S1,P2\n",
     1,
     "2:7: ",
     {"expected 7 header cells", "found 6"}},
    {"S,d,3,2\nActor,Desc,Power,P1,S1,P2,S2\n"
     "a,x,1,50,60,50,30\nb,x,1,50,60,50,60\nc,x,1,1,1,1,1\n",
     1,
     "4:7: ",
     {"salience", "sum to at most 100", "120"}},
    {"S,d,3,1\nActor,Desc,Power,P,S\na,x,1,101,5\nb,x,1,5,5\nc,x,1,5,5\n",
     1,
     "3:4: ",
     {"P: expected a number in [0, 100]", "\"101\""}},
    {"S,d,3,1\nActor,Desc,Power,P,S\na,x,1,1,5\nb,x,1,5,5\n",
     1,
     "5:1: ",
     {"expected 3 actor lines", "found 2"}},
    {"S,d,3,1\nActor,Desc,Power,P,S\na,x,1,1,5\nb,x,1,5,5\nc,x,1,5,5\n"
     "d,x,1,5,5\n",
     1,
     "6:1: ",
     {"expected 3 actor lines", "found more"}},
    {"S,d,3,1\nActor,Desc,Power,P,S\nabcdefghijklmnopqrstuvwxyz,x,1,1,5\n"
     "b,x,1,5,5\nc,x,1,5,5\n",
     1,
     "3:1: ",
     {"Actor", "1 to 25 characters"}},
    {"S,d,3,1\nActor,Desc,Power,P,S\na,x,1,1,5\na,x,1,5,5\nc,x,1,5,5\n",
     1,
     "4:1: ",
     {"Actor", "new actor name", "\"a\""}},
    {"S,d,3,1\nActor,Desc,Power,P,S\na,x,big,1,5\nb,x,1,5,5\nc,x,1,5,5\n",
     1,
     "3:3: ",
     {"Power: expected a number >= 0", "\"big\""}},
    {"S,d,3,1\nActor,Desc,Power,P,S\na,x,1,1\nb,x,1,5,5\nc,x,1,5,5\n",
     1,
     "3:5: ",
     {"expected 5 cells", "found 4"}},
    {"Actor,Capability,Position\nA,1,2\n",
     2,
     "1:1: ",
     {"missing column", "\"Salience\""}},
    {"Actor,Capability,Position,Salience\nA,1,2,120\n",
     2,
     "2:4: ",
     {"Salience", "[0, 100]", "\"120\""}},
    {"Actor,Capability,Position,Salience\nA,-1,2,12\n",
     2,
     "2:2: ",
     {"Capability", ">= 0", "\"-1\""}},
    {"Actor,Capability,Position,Salience\nA,1,2,12\nA,1,3,4\n",
     2,
     "3:1: ",
     {"Actor", "\"A\" again"}},
    {"Actor,Capability,Position,Salience\n",
     2,
     "2:1: ",
     {"at least one actor row"}},
    {"Actor,Capability,Position,Salience\nA,1,nan,1\n",
     0,
     "2:3: ",
     {"Position", "expected a number", "\"nan\""}},
    {"Actor,Capability,Position,Salience\nA,1,\"2\"x,1\n",
     0,
     "2:3: ",
     {"malformed CSV", "closing quote"}},
    {"Actor,Position,Weight\nA,1,2\n",
     0,
     "1:1: ",
     {"not a format", "KTAB", "BDM"}},
    {"", 0, "1:1: ", {"not a format"}},
};

static void test_bad_table(void **state)
{
    const bad_table *b = *state;
    char dir[] = "/tmp/ent-import-XXXXXX", path[256], want[300];
    ent_scenario *sc = (ent_scenario *)1;
    ent_error err;
    int rc;

    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/t.csv", dir);
    write_file(path, b->text);
    ent_error_clear(&err);
    rc = b->how == 1   ? ent_import_ktab(path, &sc, &err)
         : b->how == 2 ? ent_import_bdm(path, &sc, &err)
                       : ent_scenario_open(path, NULL, &sc, &err);
    unlink(path);
    rmdir(dir);
    assert_int_equal(rc, -1);
    assert_null(sc);
    assert_int_equal(err.code, ENT_EXIT_INPUT);
    snprintf(want, sizeof want, "%s:%s", path, b->where);
    if (strncmp(err.msg, want, strlen(want)) != 0)
        fail_msg("message \"%s\" does not start with \"%s\"", err.msg, want);
    for (int i = 0; i < 3 && b->words[i]; i++)
        if (!strstr(err.msg, b->words[i]))
            fail_msg("message \"%s\" lacks \"%s\"", err.msg, b->words[i]);
}

static void test_missing_file(void **state)
{
    ent_scenario *sc;
    ent_error err;

    (void)state;
    assert_int_equal(ent_import_ktab("tests/data/nope.csv", &sc, &err), -1);
    assert_int_equal(err.code, ENT_EXIT_INPUT);
    assert_non_null(strstr(err.msg, "tests/data/nope.csv: cannot open"));
    assert_int_equal(ent_scenario_open("nope-nope", "scenarios", &sc, &err),
                     -1);
    assert_int_equal(err.code, ENT_EXIT_INPUT);
    assert_string_equal(err.msg,
                        "no such scenario, directory or file: nope-nope");
}

enum { N_BAD = sizeof bad_tables / sizeof bad_tables[0] };

int main(void)
{
    struct CMUnitTest tests[11 + N_BAD] = {
        cmocka_unit_test(test_ktab_soe_competitive),
        cmocka_unit_test(test_ktab_soe_pol_comp),
        cmocka_unit_test(test_ktab_soe_policy),
        cmocka_unit_test(test_ktab_dummy_a040_blanks),
        cmocka_unit_test(test_ktab_dummy_a080),
        cmocka_unit_test(test_ktab_dummy_3dim),
        cmocka_unit_test(test_ktab_dummy_6dim_crlf),
        cmocka_unit_test(test_bdm_eu_emissions_cr_only),
        cmocka_unit_test(test_ktab_every_file),
        cmocka_unit_test(test_bdm_scales),
        cmocka_unit_test(test_missing_file),
    };
    static char names[N_BAD][32];

    for (int i = 0; i < N_BAD; i++) {
        snprintf(names[i], sizeof names[i], "bad_table_%02d", i + 1);
        tests[11 + i] = (struct CMUnitTest){names[i], test_bad_table, NULL,
                                            NULL, (void *)&bad_tables[i]};
    }
    return cmocka_run_group_tests(tests, NULL, NULL);
}
