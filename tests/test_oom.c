/*
 * test_oom.c -- running out of memory is an error, never an abort.
 *
 * The allocation test hook (ENT_TEST_FAIL_ALLOC=N for a process,
 * ent_test_fail_alloc in this one; docs/testing.md) makes the Nth
 * allocation fail.  The sweeps fail every allocation in turn of a small
 * `entente run` and `entente ensemble --runs 3`, and of the library calls
 * behind them: each must fail cleanly (exit 1 with "out of memory" and no
 * output file; -1 with an ENT_EXIT_RUNTIME error) or, when the allocation
 * that failed was not needed (a worker thread that got no runs), succeed
 * with the same output.  Before protected calls, the first failure
 * aborted (exit 134).
 *
 * Memory allocated inside a call that runs out is not freed (the unwind
 * skips the frees), so the sweeps run with LeakSanitizer off.  Under the
 * sanitizers, which make each command about five times slower, the
 * command-line sweeps fail every third allocation only.
 */
#include <dirent.h>
#include <sys/stat.h>

#include "harness.h"
#include "util/protect.h"

#define SMALL "tests/data/bdm/binary.csv"
/* An allocation past the last one fails nothing: the sweep ends after this
   many successes in a row (a success on the way means an allocation whose
   failure cost nothing, such as an idle thread's workspace). */
#define SUCCESSES_TO_END 20

#if defined(__SANITIZE_ADDRESS__)
#define STRIDE 3
/* The leaks of failed calls are expected (see above).  Exported: the
   sanitizer runtime looks it up dynamically, and tests are built with
   -fvisibility=hidden. */
__attribute__((visibility("default"))) const char *__asan_default_options(void);
__attribute__((visibility("default"))) const char *__asan_default_options(void)
{
    return "detect_leaks=0";
}
#else
#define STRIDE 1
#endif

static char dir[64];

static void make_dir(void)
{
    snprintf(dir, sizeof dir, "/tmp/ent-oom-%d", (int)getpid());
    mkdir(dir, 0700);
}

/* Number of entries in dir (besides . and ..). */
static int dir_entries(void)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    int n = 0;

    assert_non_null(d);
    while ((e = readdir(d)))
        n += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
    closedir(d);
    return n;
}

static void clear_dir(void)
{
    char path[128];

    snprintf(path, sizeof path, "%s/out.json", dir);
    unlink(path);
}

/* Runs `entente ARGS -o DIR/out.json` failing allocation n (0: none);
   returns the exit status, and the output in *out (owned) when it is 0. */
static int run_failing(long n, const char *args, char **out, char **err)
{
    char path[128];
    cli_result r;

    snprintf(path, sizeof path, "%s/out.json", dir);
    clear_dir();
    r = run_cli("--version >/dev/null; "
                "ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0 "
                "ENT_TEST_FAIL_ALLOC=%ld %s %s -o %s",
                n, getenv("ENTENTE_BIN"), args, path);
    *out = r.status == 0 ? harness_slurp(path) : NULL;
    *err = r.err;
    free(r.out);
    return r.status;
}

/* Fails every allocation of `entente ARGS` in turn. */
static void sweep_cli(const char *args)
{
    char *ref, *out, *err;
    long failed = 0, ok_in_a_row = 0, n;

    make_dir();
    assert_int_equal(run_failing(0, args, &ref, &err), 0);
    free(err);
    for (n = 1; ok_in_a_row < SUCCESSES_TO_END; n += STRIDE) {
        int status = run_failing(n, args, &out, &err);

        if (status == 0) {
            if (strcmp(out, ref) != 0)
                fail_msg("allocation %ld failed silently: the output "
                         "changed",
                         n);
            ok_in_a_row++;
            free(out);
        } else {
            if (status != 1 || !strstr(err, "out of memory"))
                fail_msg("allocation %ld: exit %d, stderr: %s", n, status, err);
            /* no output file, and no temporary left behind */
            if (dir_entries() != 0)
                fail_msg("allocation %ld: a file is left in %s", n, dir);
            failed++;
            ok_in_a_row = 0;
        }
        free(err);
    }
    /* the hook worked: most allocations were needed */
    assert_true(failed > 50 / STRIDE);
    print_message("%s: %ld allocations failed in turn\n", args, failed);
    free(ref);
    rmdir(dir);
}

static void test_cli_run(void **state)
{
    (void)state;
    sweep_cli("run " SMALL " --format json");
}

static void test_cli_ensemble(void **state)
{
    (void)state;
    sweep_cli("ensemble " SMALL " --runs 3 --threads 2 --format json");
}

/* The library path behind `entente run` and `ensemble`: 0, or -1 with the
   error in err.  Frees everything it made. */
static int library_path(FILE *out, ent_error *err)
{
    static ent_model_set models;
    ent_scenario *sc = NULL;
    ent_problem *p = NULL;
    ent_forecast *f = NULL;
    ent_ensemble_result *r = NULL;
    int rc = -1;

    if (ent_scenario_open(SMALL, NULL, &sc, err) == 0 &&
        ent_model_set_resolve(sc, NULL, &models, err) == 0 &&
        ent_problem_build(sc, sc->default_period, &p, err) == 0 &&
        ent_forecast_run(p, models.engines, models.opts, models.count, &f,
                         err) == 0 &&
        ent_forecast_write_json(out, sc, sc->default_period, NULL, f, err) ==
            0) {
        ent_ensemble_options o = {0};

        o.runs = 3;
        o.seed = 1;
        o.threads = 2;
        o.noise = 0.1;
        o.engines = models.engines;
        o.n_engines = models.count;
        o.model_opts = models.opts;
        o.issues = sc->issues;
        if (ent_ensemble_run(p, &o, &r, err) == 0)
            rc = ent_ensemble_write_json(out, r, 0, err);
    }
    ent_ensemble_result_free(r);
    ent_forecast_free(f);
    ent_problem_free(p);
    ent_scenario_free(sc);
    return rc;
}

static void test_library_calls(void **state)
{
    long failed = 0, n;

    (void)state;
    for (n = 1;; n++) {
        FILE *out = tmpfile();
        ent_error err = {0, ""};
        int rc, fired;

        assert_non_null(out);
        ent_test_fail_alloc(n);
        rc = library_path(out, &err);
        fired = ent_test_alloc_fired();
        ent_test_fail_alloc(0);
        fclose(out);
        if (rc != 0) {
            if (err.code != ENT_EXIT_RUNTIME ||
                !strstr(err.msg, "out of memory"))
                fail_msg("allocation %ld: error %d: %s", n, err.code, err.msg);
            failed++;
        }
        if (!fired)
            break; /* past the last allocation */
    }
    assert_true(failed > 50);
    print_message("library: %ld of %ld allocations failed in turn\n", failed,
                  n - 1);
}

/* Outside any protected call the allocation helpers return NULL; inside
   ent_pcall a failure unwinds to it. */
static int allocate_twice(void *ctx, ent_error *err)
{
    (void)err;
    *(void **)ctx = ent_xmalloc(8);
    free(*(void **)ctx);
    *(void **)ctx = ent_xmalloc(8); /* fails: never returns */
    return 0;
}

static void test_pcall(void **state)
{
    void *p = &p;
    ent_error err = {0, ""};

    (void)state;
    ent_test_fail_alloc(1);
    assert_null(ent_xmalloc(16));
    ent_test_fail_alloc(2);
    assert_int_equal(ent_pcall(allocate_twice, &p, &err), -1);
    assert_int_equal(err.code, ENT_EXIT_RUNTIME);
    assert_string_equal(err.msg, "out of memory");
    ent_test_fail_alloc(1);
    assert_null(ent_table_new(3));
    ent_test_fail_alloc(0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pcall),
        cmocka_unit_test(test_library_calls),
        cmocka_unit_test(test_cli_run),
        cmocka_unit_test(test_cli_ensemble),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
