/*
 * test_hostile.c -- hostile input: every defect found by fuzzing and
 * review, each with the test that caught it.  Invalid UTF-8 and NUL bytes
 * in input files, a results database left by an interrupted write,
 * overflowing numbers, ensembles whose runs produce nothing, too many
 * actors, and control characters on the terminal.
 */
#include <signal.h>
#include <sqlite3.h>
#include <sys/stat.h>

#include "harness.h"

#include <jansson.h>

#define TMP "/tmp/ent-hostile"

static char *tmp_path(const char *name)
{
    static char buf[4][256];
    static int next;
    char *p = buf[next++ % 4];

    snprintf(p, sizeof buf[0], TMP "-%d-%s", (int)getpid(), name);
    return p;
}

static void write_bytes(const char *path, const char *data, size_t len)
{
    FILE *f = fopen(path, "wb");

    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, len, f), len);
    fclose(f);
}

/* An actor name with an invalid UTF-8 byte is refused with its position,
   before it can drop out of the JSON actors list. */
static void test_invalid_utf8_name(void **state)
{
    static const char csv[] = "Actor,Capability,Position,Salience\n"
                              "A\xff,1,10,50\nB,2,20,60\nC,3,90,70\n";
    const char *path = tmp_path("utf8.csv");
    cli_result r;

    (void)state;
    write_bytes(path, csv, sizeof csv - 1);
    r = run_cli("run %s --model mean --format json", path);
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err, "utf8.csv:2:2: expected UTF-8 text"));
    assert_string_equal(r.out, "");
    cli_result_free(&r);
    unlink(path);
}

/* The same in a scenario's scenario.ini. */
static void test_invalid_utf8_ini(void **state)
{
    ent_scenario *sc = NULL;
    ent_error err;
    char dir[256], ini[300];

    (void)state;
    snprintf(dir, sizeof dir, TMP "-%d-dir", (int)getpid());
    mkdir(dir, 0700);
    snprintf(ini, sizeof ini, "%s/scenario.ini", dir);
    write_file(ini, "[scenario]\nname = x\ntitle = caf\xe9\n");
    assert_int_equal(ent_scenario_load_dir(dir, &sc, &err), -1);
    assert_int_equal(err.code, ENT_EXIT_INPUT);
    assert_non_null(strstr(err.msg, "scenario.ini:3:12: expected UTF-8"));
    unlink(ini);
    rmdir(dir);
}

/* A NUL byte inside a CSV field is an error, not the end of the field. */
static void test_nul_in_csv_field(void **state)
{
    static const char csv[] = "Actor,Capability,Position,Salience\n"
                              "A,1,10,50\nB\0x,2,20,60\n";
    const char *path = tmp_path("nul.csv");
    cli_result r;

    (void)state;
    write_bytes(path, csv, sizeof csv - 1);
    r = run_cli("run %s --model mean", path);
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err, "nul.csv:3:2: expected text, got a NUL"));
    cli_result_free(&r);
    unlink(path);
}

/* A JSON writer given a name that is not UTF-8 (a program may build its
   own scenario) repairs it instead of dropping it: the actors list stays
   as long as the position columns. */
static void test_json_keeps_invalid_names(void **state)
{
    const ent_engine *mean = ent_engine_find("mean");
    ent_model_options opts = {.rounds = 0};
    ent_scenario *sc = NULL;
    ent_problem *p = NULL;
    ent_forecast *f = NULL;
    ent_error err;
    char *buf = NULL;
    size_t len = 0;
    FILE *out;
    json_t *root, *fc;

    (void)state;
    assert_int_equal(
        ent_scenario_open("tests/data/bdm/eu-emissions.csv", NULL, &sc, &err),
        0);
    free(sc->actors[0].name);
    sc->actors[0].name = ent_xstrdup("Nether\xfflands");
    assert_int_equal(ent_problem_build(sc, 0, &p, &err), 0);
    assert_int_equal(ent_forecast_run(p, &mean, &opts, 1, &f, &err), 0);
    out = open_memstream(&buf, &len);
    assert_int_equal(ent_forecast_write_json(out, sc, 0, NULL, f, &err), 0);
    fclose(out);
    root = json_loads(buf, 0, NULL);
    assert_non_null(root);
    fc = json_array_get(json_object_get(root, "forecasts"), 0);
    assert_int_equal(
        json_array_size(json_object_get(fc, "actors")),
        json_array_size(json_array_get(json_object_get(fc, "rounds"), 0)));
    assert_string_equal(
        json_string_value(json_array_get(json_object_get(fc, "actors"), 0)),
        "Nether\xef\xbf\xbdlands");
    json_decref(root);
    free(buf);
    ent_forecast_free(f);
    ent_problem_free(p);
    ent_scenario_free(sc);
}

/* Leaves a hot journal in `path`: a child starts a write big enough to
   spill into the database file and dies before committing. */
static void interrupt_write(const char *path)
{
    pid_t pid = fork();
    int st;

    assert_true(pid >= 0);
    if (pid == 0) {
        sqlite3 *db;

        if (sqlite3_open(path, &db) != SQLITE_OK ||
            sqlite3_exec(db,
                         "PRAGMA cache_size = 1; BEGIN;"
                         "CREATE TABLE junk(x);"
                         "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL "
                         "SELECT i + 1 FROM n WHERE i < 2000) "
                         "INSERT INTO junk SELECT randomblob(500) FROM n;",
                         NULL, NULL, NULL) != SQLITE_OK)
            _exit(3);
        kill(getpid(), SIGKILL);
    }
    assert_int_equal(waitpid(pid, &st, 0), pid);
    assert_true(WIFSIGNALED(st));
}

/* `runs --db` after an interrupted write rolls the journal back and lists
   the committed batch. */
static void test_runs_after_interrupted_write(void **state)
{
    const char *db = tmp_path("hot.db");
    char journal[300];
    struct stat st;
    cli_result r;

    (void)state;
    snprintf(journal, sizeof journal, "%s-journal", db);
    unlink(db);
    r = run_cli("ensemble eu-emissions --runs 20 --model mean --db %s", db);
    assert_int_equal(r.status, 0);
    cli_result_free(&r);
    interrupt_write(db);
    assert_int_equal(stat(journal, &st), 0);
    r = run_cli("runs --db %s", db);
    if (r.status != 0)
        fail_msg("runs --db: status %d: %s", r.status, r.err);
    assert_non_null(strstr(r.out, "eu-emissions"));
    cli_result_free(&r);
    assert_int_equal(stat(journal, &st), -1);
    unlink(db);
}

/* An overflowing input is a runtime error with a message, in a forecast
   and in an ensemble's baseline: never null in JSON or "-" in a table. */
static void test_overflow_is_an_error(void **state)
{
    static const char csv[] = "Actor,Capability,Position,Salience\n"
                              "A,1.797e308,10,50\nB,1.797e308,20,60\n"
                              "C,3,90,70\n";
    static const char *const cmds[] = {
        "run %s --model mean", "run %s --model mean --format json",
        "run %s --model mean --format csv", "ensemble %s --model mean --runs 5",
        "report %s --model mean"};
    const char *path = tmp_path("big.csv");

    (void)state;
    write_bytes(path, csv, sizeof csv - 1);
    for (size_t i = 0; i < sizeof cmds / sizeof cmds[0]; i++) {
        cli_result r = run_cli(cmds[i], path);

        if (r.status != 1 || !strstr(r.err, "not a finite number"))
            fail_msg("'%s': status %d, stderr: %s", cmds[i], r.status, r.err);
        /* JSON may say null only beside the error that explains it */
        if (strstr(r.out, "null") &&
            !strstr(r.out, "\"error\": \"mean: issue position, round 0: a "
                           "result is not a finite number"))
            fail_msg("'%s': null without its error:\n%s", cmds[i], r.out);
        if (i < 3) { /* the tables, JSON and CSV: no printf of a NaN */
            assert_null(strstr(r.out, "nan"));
            assert_null(strstr(r.out, "inf"));
        }
        cli_result_free(&r);
    }
    unlink(path);
}

/* An ensemble counts only the runs that produced a value and says how many
   were dropped and why, in the table and in JSON. */
static void test_ensemble_counts_dropped_runs(void **state)
{
    /* A's capability times its position is within a hair of overflowing:
       runs that perturb its position upwards overflow the mean. */
    static const char csv[] = "Actor,Capability,Position,Salience\n"
                              "A,1e308,1.75,100\nB,1,1,100\nC,1,2,100\n";
    const char *path = tmp_path("edge.csv");
    cli_result r;
    json_t *root, *model;
    long n, dropped;
    char want[64];

    (void)state;
    write_bytes(path, csv, sizeof csv - 1);
    r = run_cli("ensemble %s --model mean --runs 50 --noise 0.1 --format json",
                path);
    assert_int_equal(r.status, 0);
    root = json_loads(r.out, 0, NULL);
    assert_non_null(root);
    model = json_array_get(
        json_object_get(json_array_get(json_object_get(root, "issues"), 0),
                        "models"),
        0);
    n = (long)json_integer_value(json_object_get(model, "n"));
    dropped = (long)json_integer_value(json_object_get(model, "dropped"));
    assert_true(n > 0 && dropped > 0);
    assert_int_equal(n + dropped, 50);
    assert_string_equal(
        json_string_value(json_object_get(model, "dropped_reason")),
        "outcome not a finite number");
    json_decref(root);
    cli_result_free(&r);
    r = run_cli("ensemble %s --model mean --runs 50 --noise 0.1", path);
    assert_int_equal(r.status, 0);
    snprintf(want, sizeof want, "%ld of 50", n);
    assert_non_null(strstr(r.out, want));
    snprintf(want, sizeof want, "%ld of 50 runs dropped", dropped);
    assert_non_null(strstr(r.out, want));
    cli_result_free(&r);
    unlink(path);
}

/* Writes a BDM table of n actors to path. */
static void write_bdm(const char *path, int n)
{
    FILE *f = fopen(path, "wb");

    assert_non_null(f);
    fputs("Actor,Capability,Position,Salience\n", f);
    for (int i = 0; i < n; i++)
        fprintf(f, "a%d,%d,%d,50\n", i, 1 + i % 7, i % 101);
    fclose(f);
}

/* Too many actors is an input error naming the count and the limit; the
   limit is configurable (API and environment). */
static void test_actor_limit(void **state)
{
    const char *path = tmp_path("many.csv");
    ent_limits small = {5, 0};
    ent_scenario *sc = NULL;
    ent_error err;
    cli_result r;

    (void)state;
    write_bdm(path, ENT_MAX_ACTORS_DEFAULT + 1);
    assert_int_equal(ent_scenario_open(path, NULL, &sc, &err), -1);
    assert_int_equal(err.code, ENT_EXIT_INPUT);
    assert_non_null(
        strstr(err.msg, "1001 actors, more than the limit of 1000"));
    assert_null(sc);
    r = run_cli("run %s --model mean", path);
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err, "more than the limit of 1000"));
    cli_result_free(&r);
    r = run_cli("run %s --model mean >/dev/null; ENTENTE_MAX_ACTORS=2000 "
                "%s run %s --model mean",
                path, getenv("ENTENTE_BIN"), path);
    assert_int_equal(r.status, 0);
    cli_result_free(&r);
    write_bdm(path, 6);
    assert_int_equal(ent_scenario_open_limited(path, NULL, &small, &sc, &err),
                     -1);
    assert_non_null(strstr(err.msg, "6 actors, more than the limit of 5"));
    small.max_actors = 6;
    assert_int_equal(ent_scenario_open_limited(path, NULL, &small, &sc, &err),
                     0);
    ent_scenario_free(sc);
    r = run_cli("run %s >/dev/null; ENTENTE_MAX_ACTORS=x %s run %s", path,
                getenv("ENTENTE_BIN"), path);
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err, "ENTENTE_MAX_ACTORS: expected a positive"));
    cli_result_free(&r);
    unlink(path);
}

/* 1 if s holds a control character other than a line feed. */
static int has_control(const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if ((*p < 0x20 && *p != '\n') || *p == 0x7F ||
            (p[0] == 0xC2 && p[1] >= 0x80 && p[1] < 0xA0))
            return 1;
    return 0;
}

/* Names holding ESC, OSC, CSI (U+009B) or CR are written to the terminal
   escaped, in tables, headers and error messages. */
static void test_terminal_escapes_controls(void **state)
{
    static const char csv[] = "Actor,Capability,Position,Salience\n"
                              "A\x1b]0;title\x07,1,10,50\n\"B\rZ\",2,20,60\n"
                              "C\xc2\x9b"
                              "31m,3,90,70\nC\xc2\x9b"
                              "31m,1,1,1\n";
    static const char *const cmds[] = {"show %s", "run %s --model mean,median",
                                       "ensemble %s --runs 5 --model mean"};
    const char *path = tmp_path("esc.csv");

    (void)state;
    write_bytes(path, csv, sizeof csv - 1);
    for (size_t i = 0; i < sizeof cmds / sizeof cmds[0]; i++) {
        cli_result r = run_cli(cmds[i], path);

        if (has_control(r.out) || has_control(r.err))
            fail_msg("'%s' wrote a control character:\n%s\n%s", cmds[i], r.out,
                     r.err);
        cli_result_free(&r);
    }
    {
        /* the duplicate actor makes every command fail: drop it */
        static const char ok[] = "Actor,Capability,Position,Salience\n"
                                 "A\x1b]0;title\x07,1,10,50\n"
                                 "\"B\rZ\",2,20,60\nC\xc2\x9b"
                                 "31m,3,90,70\n";
        cli_result r;

        write_bytes(path, ok, sizeof ok - 1);
        r = run_cli("show %s", path);
        assert_int_equal(r.status, 0);
        assert_false(has_control(r.out));
        assert_non_null(strstr(r.out, "A\\x1B]0;title\\x07"));
        assert_non_null(strstr(r.out, "B\\x0DZ"));
        assert_non_null(strstr(r.out, "C\\u009B31m"));
        cli_result_free(&r);
    }
    unlink(path);
}

/* Out of memory while reading a big table: exit 1 with a message, not an
   abort.  (Skipped under AddressSanitizer, which needs far more address
   space than the limit leaves.) */
static void test_out_of_memory_reading(void **state)
{
#if defined(__SANITIZE_ADDRESS__)
    (void)state;
    skip();
#else
    const char *path = tmp_path("huge.csv");
    FILE *f = fopen(path, "wb");
    char name[1100];
    cli_result r;

    (void)state;
    assert_non_null(f);
    memset(name, 'x', 1000);
    name[1000] = '\0';
    fputs("Actor,Capability,Position,Salience\n", f);
    for (int i = 0; i < 40000; i++) /* 40 MB */
        fprintf(f, "a%d%s,1,2,3\n", i, name);
    fclose(f);
    r = run_cli("--version >/dev/null; ulimit -v 60000; %s run %s",
                getenv("ENTENTE_BIN"), path);
    if (r.status != 1 || !strstr(r.err, "out of memory"))
        fail_msg("status %d, stderr: %s", r.status, r.err);
    cli_result_free(&r);
    unlink(path);
#endif
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_invalid_utf8_name),
        cmocka_unit_test(test_invalid_utf8_ini),
        cmocka_unit_test(test_nul_in_csv_field),
        cmocka_unit_test(test_json_keeps_invalid_names),
        cmocka_unit_test(test_runs_after_interrupted_write),
        cmocka_unit_test(test_overflow_is_an_error),
        cmocka_unit_test(test_ensemble_counts_dropped_runs),
        cmocka_unit_test(test_actor_limit),
        cmocka_unit_test(test_terminal_escapes_controls),
        cmocka_unit_test(test_out_of_memory_reading),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
