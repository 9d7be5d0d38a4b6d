/*
 * test_store.c -- the SQLite results database and the ensemble exports:
 * schema creation, one batch stored and its rows counted, a batch that
 * fails mid-write leaving no rows, reading a batch back bit for bit, the
 * batch list, and the `entente runs` command.
 */
#include <math.h>
#include <sys/stat.h>

#include <jansson.h>
#include <sqlite3.h>

#include "harness.h"

static char dir[64];
static char db_path[128];

static int setup(void **state)
{
    (void)state;
    snprintf(dir, sizeof dir, "/tmp/ent-store-XXXXXX");
    if (!mkdtemp(dir))
        return -1;
    snprintf(db_path, sizeof db_path, "%s/results.sqlite", dir);
    return 0;
}

static int teardown(void **state)
{
    char cmd[128];

    (void)state;
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    return system(cmd) == 0 ? 0 : -1;
}

/* A 4-actor, 2-issue problem with uncertainty; names are static. */
static ent_problem *make_problem(void)
{
    static const char *actors[] = {"ru", "blr", "eu", "us"};
    static const char *issues[] = {"bases", "energy"};
    int n = 4, d = 2;
    ent_problem *p = ent_problem_new(n, d);

    for (int a = 0; a < n; a++)
        p->actor_ids[a] = p->actor_names[a] = actors[a];
    for (int k = 0; k < d; k++) {
        p->issue_ids[k] = p->issue_names[k] = issues[k];
        p->scale_max[k] = 100;
    }
    for (int a = 0; a < n; a++)
        for (int k = 0; k < d; k++) {
            int c = ent_cell(p, a, k);

            p->present[c] = !(a == 3 && k == 1); /* us absent on energy */
            p->position[c] = 20.0 * a + 10 * k;
            p->salience[c] = 0.5 + 0.1 * a;
            p->capability[c] = 10 + a;
            p->position_unc[c] = 8;
        }
    return p;
}

/* A stored-ready result: 2 models x 2 issues, bands on issue 0. */
static ent_ensemble_result *make_result(long runs)
{
    static ent_anchor anchors[3] = {{0, "none"},
                                    {50, "rotations, \"exercises\""},
                                    {100, "permanent airbase"}};
    static ent_issue issues[2];
    ent_problem *p = make_problem();
    const ent_engine *engines[2] = {ent_engine_find("mean"),
                                    ent_engine_find("median")};
    ent_option params[1] = {{"median_tie", "low"}};
    ent_model_options mo[2] = {{.rounds = 0},
                               {.params = params, .n_params = 1}};
    ent_ensemble_options o = {0};
    ent_ensemble_result *r;
    ent_error err;

    issues[0].min = 0;
    issues[0].max = 100;
    issues[0].anchors = anchors;
    issues[0].n_anchors = 3;
    issues[1].min = 0;
    issues[1].max = 100;
    o.runs = runs;
    o.seed = 99;
    o.engines = engines;
    o.n_engines = 2;
    o.model_opts = mo;
    o.issues = issues;
    o.scenario = "toy";
    o.title = "Toy, with a comma";
    o.source = "/tmp/toy";
    o.period = "2024";
    assert_int_equal(ent_ensemble_run(p, &o, &r, &err), 0);
    assert_int_equal(ent_ensemble_pivotal(p, &o, 0.1, r, &err), 0);
    ent_problem_free(p);
    return r;
}

static long long count_rows(const char *table)
{
    sqlite3 *db;
    sqlite3_stmt *st;
    char sql[128];
    long long n = -1;

    assert_int_equal(sqlite3_open(db_path, &db), SQLITE_OK);
    snprintf(sql, sizeof sql, "SELECT count(*) FROM %s", table);
    assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
    if (sqlite3_step(st) == SQLITE_ROW)
        n = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(db);
    return n;
}

static void exec_sql(const char *sql)
{
    sqlite3 *db;

    assert_int_equal(sqlite3_open(db_path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
}

static char *json_of(const ent_ensemble_result *r)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    ent_error err;

    assert_int_equal(ent_ensemble_write_json(f, r, 1, &err), 0);
    fclose(f);
    return buf;
}

static const char *const tables[] = {
    "batches",  "models",    "model_params",       "issues", "bands", "actors",
    "outcomes", "summaries", "band_probabilities", "pivotal"};
#define N_TABLES 10

static void test_schema(void **state)
{
    ent_db *db;
    ent_error err;

    (void)state;
    /* reading a database that does not exist is an input error */
    assert_int_equal(ent_db_open(db_path, 0, &db, &err), -1);
    assert_int_equal(err.code, ENT_EXIT_INPUT);
    assert_int_equal(ent_db_open(db_path, 1, &db, &err), 0);
    ent_db_close(db);
    for (int i = 0; i < N_TABLES; i++)
        assert_int_equal(count_rows(tables[i]), 0);
    assert_int_equal(count_rows("outcomes_named"), 0);
    assert_int_equal(count_rows("summaries_named"), 0);
    /* reopening is idempotent, for reading and writing */
    assert_int_equal(ent_db_open(db_path, 1, &db, &err), 0);
    ent_db_close(db);
    assert_int_equal(ent_db_open(db_path, 0, &db, &err), 0);
    ent_db_close(db);
}

/* sqlite_master of a database, one "type name sql" line per object. */
static char *master_of(sqlite3 *db)
{
    sqlite3_stmt *st;
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);

    assert_int_equal(sqlite3_prepare_v2(db,
                                        "SELECT type, name, sql FROM "
                                        "sqlite_master ORDER BY name",
                                        -1, &st, NULL),
                     SQLITE_OK);
    while (sqlite3_step(st) == SQLITE_ROW)
        fprintf(f, "%s %s %s\n", sqlite3_column_text(st, 0),
                sqlite3_column_text(st, 1), sqlite3_column_text(st, 2));
    sqlite3_finalize(st);
    fclose(f);
    return buf;
}

/* docs/storage.md's schema block is exactly the schema the code creates. */
static void test_schema_documented(void **state)
{
    char *doc = harness_slurp("docs/storage.md"), *start, *end;
    char *want, *got;
    sqlite3 *mem, *file;
    ent_db *db;
    ent_error err;

    (void)state;
    start = strstr(doc, "```sql\n");
    assert_non_null(start);
    start += 7;
    end = strstr(start, "```");
    assert_non_null(end);
    *end = '\0';
    assert_int_equal(sqlite3_open(":memory:", &mem), SQLITE_OK);
    assert_int_equal(sqlite3_exec(mem, start, NULL, NULL, NULL), SQLITE_OK);
    assert_int_equal(ent_db_open(db_path, 1, &db, &err), 0);
    ent_db_close(db);
    assert_int_equal(sqlite3_open(db_path, &file), SQLITE_OK);
    want = master_of(mem);
    got = master_of(file);
    assert_true(strlen(got) > 1000);
    assert_string_equal(want, got);
    free(want);
    free(got);
    sqlite3_close(mem);
    sqlite3_close(file);
    free(doc);
}

static void test_not_a_database(void **state)
{
    char path[160];
    ent_db *db;
    ent_error err;

    (void)state;
    snprintf(path, sizeof path, "%s/notes.txt", dir);
    write_file(path, "this is not a database, just some text that is long "
                     "enough to fill a header page of a database file.....\n");
    assert_int_equal(ent_db_open(path, 1, &db, &err), -1);
    assert_int_equal(err.code, ENT_EXIT_INPUT);
    assert_int_equal(ent_db_open("/nonexistent-dir/x.sqlite", 1, &db, &err),
                     -1);
    assert_int_equal(err.code, ENT_EXIT_INPUT);
}

static void test_write_batch(void **state)
{
    ent_ensemble_result *r = make_result(50);
    ent_db *db;
    ent_error err;
    long long id = 0;
    long pivots = 0;

    (void)state;
    assert_int_equal(ent_db_open(db_path, 1, &db, &err), 0);
    assert_int_equal(ent_db_write(db, r, &id, &err), 0);
    ent_db_close(db);
    assert_true(id == 1);
    assert_int_equal(count_rows("batches"), 1);
    assert_int_equal(count_rows("models"), 2);
    assert_int_equal(count_rows("model_params"), 1);
    assert_int_equal(count_rows("issues"), 2);
    assert_int_equal(count_rows("bands"), 3);
    assert_int_equal(count_rows("actors"), 4);
    assert_int_equal(count_rows("outcomes"), 50 * 2 * 2);
    assert_int_equal(count_rows("summaries"), 2 * 2);
    assert_int_equal(count_rows("band_probabilities"), 2 * 3);
    /* every (model, issue, actor present on the issue) */
    for (int m = 0; m < 2; m++)
        for (int k = 0; k < 2; k++)
            for (int a = 0; a < 4; a++)
                pivots += isfinite(ent_pivot_largest(r, m, k, a, NULL));
    assert_int_equal(pivots, 2 * (4 + 3));
    assert_int_equal(count_rows("pivotal"), pivots);
    assert_int_equal(count_rows("outcomes_named"), 200);
    ent_ensemble_free(r);
}

/* An error in the middle of a batch (here: a trigger that aborts the
   first summary insert, after every outcome row went in) leaves nothing. */
static void test_failed_batch_leaves_no_rows(void **state)
{
    ent_ensemble_result *r = make_result(30);
    ent_db *db;
    ent_error err;
    long long id = 0;

    (void)state;
    assert_int_equal(ent_db_open(db_path, 1, &db, &err), 0);
    ent_db_close(db);
    exec_sql("CREATE TRIGGER inject BEFORE INSERT ON summaries "
             "BEGIN SELECT RAISE(ABORT, 'injected failure'); END");
    assert_int_equal(ent_db_open(db_path, 1, &db, &err), 0);
    assert_int_equal(ent_db_write(db, r, &id, &err), -1);
    assert_int_equal(err.code, ENT_EXIT_RUNTIME);
    assert_non_null(strstr(err.msg, "injected failure"));
    for (int i = 0; i < N_TABLES; i++)
        assert_int_equal(count_rows(tables[i]), 0);
    /* the connection is usable again once the fault is gone */
    exec_sql("DROP TRIGGER inject");
    assert_int_equal(ent_db_write(db, r, &id, &err), 0);
    ent_db_close(db);
    assert_int_equal(count_rows("batches"), 1);
    assert_int_equal(count_rows("outcomes"), 30 * 4);
    ent_ensemble_free(r);
}

/* A batch read back exports exactly as the result it came from. */
static void test_round_trip(void **state)
{
    ent_ensemble_result *r = make_result(40), *back;
    ent_db *db;
    ent_error err;
    long long id;
    char *a, *b;

    (void)state;
    assert_int_equal(ent_db_open(db_path, 1, &db, &err), 0);
    assert_int_equal(ent_db_write(db, r, &id, &err), 0);
    assert_int_equal(ent_db_write(db, r, &id, &err), 0);
    assert_true(id == 2);
    assert_int_equal(ent_db_load(db, 2, &back, &err), 0);
    {
        ent_ensemble_result *none = NULL;

        assert_int_equal(ent_db_load(db, 3, &none, &err), -1);
        assert_null(none);
    }
    assert_int_equal(err.code, ENT_EXIT_INPUT);
    ent_db_close(db);
    assert_true(back->batch_id == 2);
    assert_non_null(back->created);
    assert_memory_equal(r->outcomes, back->outcomes,
                        40 * 2 * 2 * sizeof(double));
    r->batch_id = back->batch_id;
    r->created = ent_xstrdup(back->created);
    a = json_of(r);
    b = json_of(back);
    assert_string_equal(a, b);
    free(a);
    free(b);
    ent_ensemble_free(back);
    ent_ensemble_free(r);
}

static void test_list(void **state)
{
    ent_ensemble_result *r = make_result(10);
    ent_batch_info *b;
    ent_db *db;
    ent_error err;
    int n;

    (void)state;
    assert_int_equal(ent_db_open(db_path, 1, &db, &err), 0);
    assert_int_equal(ent_db_list(db, &b, &n, &err), 0);
    assert_int_equal(n, 0);
    ent_batch_info_free(b, n);
    assert_int_equal(ent_db_write(db, r, NULL, &err), 0);
    r->seed = 5;
    assert_int_equal(ent_db_write(db, r, NULL, &err), 0);
    assert_int_equal(ent_db_list(db, &b, &n, &err), 0);
    assert_int_equal(n, 2);
    assert_true(b[0].id == 1 && b[1].id == 2);
    assert_string_equal(b[0].scenario, "toy");
    assert_string_equal(b[0].period, "2024");
    assert_string_equal(b[0].models, "mean,median");
    assert_string_equal(b[0].version, ENT_VERSION);
    assert_int_equal(b[0].runs, 10);
    assert_true(b[0].seed == 99 && b[1].seed == 5);
    assert_int_equal(b[0].n_issues, 2);
    ent_batch_info_free(b, n);
    ent_db_close(db);
    ent_ensemble_free(r);
}

/* The CSV export quotes labels and lists every run. */
static void test_csv_export(void **state)
{
    ent_ensemble_result *r = make_result(5);
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    ent_error err;
    int outcome_rows = 0;

    (void)state;
    assert_int_equal(ent_ensemble_write_csv(f, r, 1, &err), 0);
    fclose(f);
    assert_true(strncmp(buf, "kind,model,issue,actor,run,key,value\n", 37) ==
                0);
    assert_non_null(strstr(buf, "param,,,,,title,\"Toy, with a comma\"\n"));
    assert_non_null(strstr(buf, "param,,,,,seed,99\n"));
    assert_non_null(
        strstr(buf, "band,mean,bases,,,\"rotations, \"\"exercises\"\"\","));
    assert_non_null(strstr(buf, "pivotal,median,bases,ru,,remove,"));
    for (char *p = buf; (p = strstr(p, "\noutcome,")); p++)
        outcome_rows++;
    assert_int_equal(outcome_rows, 5 * 2 * 2);
    free(buf);
    ent_ensemble_free(r);
}

/* ---- the commands ---- */

static const char *toy_source = "tests/data/bdm/eu-emissions.csv";

static void test_cli_db_and_runs(void **state)
{
    cli_result r, list, show;
    json_t *a, *b;
    json_error_t jerr;

    (void)state;
    r = run_cli("ensemble %s --noise 0.1 --runs 200 --model mean,median "
                "--db %s --format json --outcomes",
                toy_source, db_path);
    assert_int_equal(r.status, 0);
    list = run_cli("runs --db %s", db_path);
    assert_int_equal(list.status, 0);
    assert_non_null(strstr(list.out, "eu-emissions"));
    assert_non_null(strstr(list.out, "mean,median"));
    cli_result_free(&list);
    list = run_cli("runs --db %s --format csv", db_path);
    assert_int_equal(list.status, 0);
    assert_true(strncmp(list.out, "batch,created,", 14) == 0);
    assert_non_null(strstr(list.out, "\n1,"));
    cli_result_free(&list);
    list = run_cli("runs --db %s --format json", db_path);
    assert_int_equal(list.status, 0);
    a = json_loads(list.out, 0, &jerr);
    assert_non_null(a);
    assert_int_equal(json_array_size(a), 1);
    assert_int_equal(
        json_integer_value(json_object_get(json_array_get(a, 0), "runs")), 200);
    json_decref(a);
    cli_result_free(&list);
    /* the stored batch exports as the ensemble printed it */
    show = run_cli("runs --db %s --show 1 --format json", db_path);
    assert_int_equal(show.status, 0);
    a = json_loads(r.out, 0, &jerr);
    b = json_loads(show.out, 0, &jerr);
    assert_non_null(a);
    assert_non_null(b);
    assert_int_equal(json_integer_value(json_object_get(b, "batch")), 1);
    json_object_del(b, "batch");
    json_object_del(b, "created");
    assert_true(json_equal(a, b));
    json_decref(a);
    json_decref(b);
    cli_result_free(&show);
    show = run_cli("runs --db %s --show 1 --format csv", db_path);
    assert_int_equal(show.status, 0);
    assert_non_null(strstr(show.out, "param,,,,,batch,1\n"));
    assert_non_null(strstr(show.out, "\noutcome,median,position,,199,,"));
    cli_result_free(&show);
    cli_result_free(&r);
}

static void test_cli_runs_errors(void **state)
{
    char path[160], missing[160];
    struct stat st;
    cli_result r;

    (void)state;
    snprintf(missing, sizeof missing, "%s/missing.sqlite", dir);
    r = run_cli("runs --db %s", missing);
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err, "missing.sqlite"));
    assert_int_not_equal(stat(missing, &st), 0); /* not created */
    cli_result_free(&r);
    r = run_cli("runs");
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err, "--db"));
    cli_result_free(&r);
    r = run_cli("runs --db %s --bogus", db_path);
    assert_int_equal(r.status, 2);
    cli_result_free(&r);
    r = run_cli("ensemble %s --noise 0.1 --runs 20 --db %s", toy_source,
                db_path);
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "stored as batch 1"));
    cli_result_free(&r);
    snprintf(path, sizeof path, "%s/export.json", dir);
    r = run_cli("runs --db %s --show 7 -o %s", db_path, path);
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err, "no batch 7"));
    assert_int_not_equal(stat(path, &st), 0);
    cli_result_free(&r);
    r = run_cli("runs --db %s --show abc", db_path);
    assert_int_equal(r.status, 2);
    cli_result_free(&r);
    r = run_cli("runs --db %s --show 1 --format table", db_path);
    assert_int_equal(r.status, 2);
    cli_result_free(&r);
    r = run_cli("runs --db %s --show 1 -o %s", db_path, path);
    assert_int_equal(r.status, 0);
    assert_int_equal(stat(path, &st), 0);
    cli_result_free(&r);
    /* a bad input to ensemble stores nothing */
    r = run_cli("ensemble %s --runs 20 --model nope --db %s", toy_source,
                db_path);
    assert_int_equal(r.status, 2);
    cli_result_free(&r);
    assert_int_equal(count_rows("batches"), 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_schema, setup, teardown),
        cmocka_unit_test_setup_teardown(test_schema_documented, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_not_a_database, setup, teardown),
        cmocka_unit_test_setup_teardown(test_write_batch, setup, teardown),
        cmocka_unit_test_setup_teardown(test_failed_batch_leaves_no_rows, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_round_trip, setup, teardown),
        cmocka_unit_test_setup_teardown(test_list, setup, teardown),
        cmocka_unit_test_setup_teardown(test_csv_export, setup, teardown),
        cmocka_unit_test_setup_teardown(test_cli_db_and_runs, setup, teardown),
        cmocka_unit_test_setup_teardown(test_cli_runs_errors, setup, teardown),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
