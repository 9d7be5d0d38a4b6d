/*
 * test_manners.c -- how the entente command behaves: help per command,
 * "did you mean", -V, NO_COLOR and TERM=dumb, rejected empty list items
 * and reversed ranges, write errors, the KTAB XML refusal, Decide's BDM
 * headers, the scenario search path and the quote check command.
 */
#include <limits.h>
#include <sys/stat.h>

#include "harness.h"

static const char *bin(void)
{
    const char *b = getenv("ENTENTE_BIN");

    return b ? b : "bin/entente";
}

/* Runs a shell command line, returning its exit status and, in out (may
   be NULL), its standard output and error. */
static int shell(char **out, const char *fmt, ...)
{
    char cmd[4096], path[64];
    va_list ap;
    int st;

    va_start(ap, fmt);
    vsnprintf(cmd, sizeof cmd, fmt, ap);
    va_end(ap);
    snprintf(path, sizeof path, "/tmp/ent-manners-%d.out", (int)getpid());
    strncat(cmd, " >", sizeof cmd - strlen(cmd) - 1);
    strncat(cmd, path, sizeof cmd - strlen(cmd) - 1);
    strncat(cmd, " 2>&1", sizeof cmd - strlen(cmd) - 1);
    st = system(cmd);
    if (out)
        *out = harness_slurp(path);
    unlink(path);
    return WIFEXITED(st) ? WEXITSTATUS(st) : 128;
}

static void test_help_command(void **state)
{
    cli_result a = run_cli("help run"), b = run_cli("run --help");

    (void)state;
    assert_int_equal(a.status, 0);
    assert_string_equal(a.out, b.out);
    assert_non_null(strstr(a.out, "usage: entente run"));
    cli_result_free(&a);
    cli_result_free(&b);
    a = run_cli("help explain");
    assert_int_equal(a.status, 0);
    assert_non_null(strstr(a.out, "--issue ID"));
    cli_result_free(&a);
    a = run_cli("help nosuch");
    assert_int_equal(a.status, 2);
    assert_non_null(strstr(a.err, "unknown command 'nosuch'"));
    cli_result_free(&a);
    a = run_cli("-V");
    assert_int_equal(a.status, 0);
    assert_string_equal(a.out, "entente " ENT_VERSION "\n");
    cli_result_free(&a);
}

/* Every command's --help prints its usage, exits 0 and does nothing
   else, even where the command would need more arguments (runs needs
   --db, explain --issue, the listings a scenario); a usage error after it
   is never reached, and one before it exits 2. */
static void test_help_stops_every_command(void **state)
{
    static const char *const commands[] = {
        "run",          "ensemble", "backtest",  "explain", "report",
        "show",         "sources",  "timeline",  "shocks",  "facts",
        "institutions", "runs",     "scenarios",
    };
    char args[128], usage[128];

    (void)state;
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++) {
        cli_result r;

        snprintf(args, sizeof args, "%s --help --nosuch", commands[i]);
        snprintf(usage, sizeof usage, "usage: entente %s", commands[i]);
        r = run_cli(args);
        assert_int_equal(r.status, 0);
        assert_non_null(strstr(r.out, usage));
        assert_string_equal(r.err, "");
        cli_result_free(&r);
        if (strcmp(commands[i], "scenarios") == 0)
            continue; /* takes no --format */
        snprintf(args, sizeof args, "%s --format nosuch --help", commands[i]);
        r = run_cli(args);
        assert_int_equal(r.status, 2);
        assert_string_equal(r.out, "");
        assert_non_null(strstr(r.err, "--format"));
        cli_result_free(&r);
    }
}

static void test_did_you_mean(void **state)
{
    static const struct {
        const char *args, *message;
    } cases[] = {
        {"rnu", "did you mean 'run'?"},
        {"timelin belarus", "did you mean 'timeline'?"},
        {"run eu-emissions --modle eu", "did you mean '--model'?"},
        {"ensemble eu-emissions --rnus 5", "did you mean '--runs'?"},
        {"sources eu-emissions --grpe x", "did you mean '--grep'?"},
        {"explain eu-emissions --isue emissions", "did you mean '--issue'?"},
    };

    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        cli_result r = run_cli("%s", cases[i].args);

        if (r.status != 2 || !strstr(r.err, cases[i].message))
            fail_msg("'%s': status %d, stderr: %s", cases[i].args, r.status,
                     r.err);
        /* one line and a hint, not the whole help */
        assert_true(strlen(r.err) < 200);
        cli_result_free(&r);
    }
    {
        cli_result r = run_cli("xyzzy");

        assert_int_equal(r.status, 2);
        assert_null(strstr(r.err, "did you mean"));
        cli_result_free(&r);
    }
}

/* Under a pseudo-terminal (script(1)) the table header is bold, unless
   NO_COLOR is set or TERM is dumb. */
static void test_no_color(void **state)
{
    static const char *const envs[] = {"TERM=xterm", "NO_COLOR=1 TERM=xterm",
                                       "TERM=dumb"};
    int escapes[3];

    (void)state;
    if (shell(NULL, "command -v script") != 0)
        fail_msg("script(1) (util-linux) is needed to test terminal output");
    for (int i = 0; i < 3; i++) {
        char *out;

        assert_int_equal(shell(&out,
                               "%s script -qec '%s run eu-emissions' "
                               "/dev/null",
                               envs[i], bin()),
                         0);
        assert_non_null(strstr(out, "forecast"));
        escapes[i] = strchr(out, '\033') != NULL;
        free(out);
    }
    assert_true(escapes[0]); /* the test can see escapes at all */
    assert_false(escapes[1]);
    assert_false(escapes[2]);
}

static void test_bad_lists_and_ranges(void **state)
{
    static const struct {
        const char *args, *message;
    } cases[] = {
        {"run eu-emissions --model eu,,median", "empty item in 'eu,,median'"},
        {"run eu-emissions --model eu,", "empty item"},
        {"ensemble eu-emissions --model ,eu", "empty item"},
        {"timeline belarus --from 2020 --to 2010", "--from 2020 is after --to"},
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

static void test_write_error(void **state)
{
    static const char *const commands[] = {"run eu-emissions", "scenarios",
                                           "sources belarus", "shocks belarus"};

    (void)state;
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++) {
        char *out;
        int st = shell(&out, "(%s %s >/dev/full)", bin(), commands[i]);

        if (st != 1 || !strstr(out, "cannot write standard output"))
            fail_msg("'%s >/dev/full': status %d, said: %s", commands[i], st,
                     out);
        free(out);
    }
}

static void test_input_formats(void **state)
{
    char xml[64], decide[64];
    cli_result r;

    (void)state;
    snprintf(xml, sizeof xml, "/tmp/ent-manners-%d.xml", (int)getpid());
    snprintf(decide, sizeof decide, "/tmp/ent-decide-%d.csv", (int)getpid());
    write_file(xml, "<?xml version=\"1.0\"?>\n<Scenario></Scenario>\n");
    r = run_cli("run %s", xml);
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err, ":1:1: an XML file (KTAB's XML"));
    cli_result_free(&r);
    /* weights 500, 100, 500 at 20, 50, 80: the median voter is at 50 */
    write_file(decide, "Stakeholder,Resources,Position,Salience\n"
                       "A,10,20,50\nB,1,50,100\nC,5,80,100\n");
    r = run_cli("run %s --model median --format csv", decide);
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, ",median,0,A,20,50,"));
    cli_result_free(&r);
    unlink(xml);
    unlink(decide);
}

static void test_search_path(void **state)
{
    char dir[64], exe[4096], *out;
    int st;

    (void)state;
    assert_non_null(realpath(bin(), exe));
    snprintf(dir, sizeof dir, "/tmp/ent-path-%d", (int)getpid());
    assert_int_equal(shell(NULL,
                           "mkdir -p %s/mine %s/here/scenarios/eu-emissions && "
                           "cp -R scenarios/eu-emissions %s/mine/ && "
                           "sed -i 's/^title.*/title = My copy/' "
                           "%s/mine/eu-emissions/scenario.ini",
                           dir, dir, dir, dir),
                     0);
    /* ENTENTE_PATH comes first, with a note on what it hides */
    st = shell(&out, "ENTENTE_PATH=%s/mine %s run eu-emissions", dir, bin());
    assert_int_equal(st, 0);
    assert_non_null(strstr(out, "My copy, period example"));
    assert_non_null(strstr(out, "note: scenario 'eu-emissions' in"));
    assert_non_null(strstr(out, "hides the one in"));
    free(out);
    st = shell(&out, "ENTENTE_PATH=%s/mine %s scenarios", dir, bin());
    assert_int_equal(st, 0);
    assert_non_null(strstr(out, "(hidden by the one above)"));
    free(out);
    /* a stray ./scenarios directory is not in the search path */
    st = shell(&out, "cd %s/here && %s run eu-emissions", dir, exe);
    assert_int_equal(st, 0);
    assert_non_null(strstr(out, "EC car-emission standards"));
    free(out);
    shell(NULL, "rm -rf %s", dir);
}

static void test_quote_check_command(void **state)
{
    char dir[64], *out;
    int st;

    (void)state;
    st = shell(&out, "%s sources belarus --check", bin());
    assert_int_equal(st, 0);
    assert_non_null(strstr(out, "found in their documents"));
    free(out);
    snprintf(dir, sizeof dir, "/tmp/ent-quotes-%d", (int)getpid());
    assert_int_equal(
        shell(NULL,
              "mkdir -p %s && cp -R scenarios/eu-emissions %s/ && "
              "sed -i 's/Netherlands,0.08,4,80/Netherlands,0.09,4,80/' "
              "%s/eu-emissions/sources.csv",
              dir, dir, dir),
        0);
    st = shell(&out, "%s sources %s/eu-emissions --check", bin(), dir);
    assert_int_equal(st, 2);
    assert_non_null(strstr(out, "quote not found"));
    assert_non_null(strstr(out, "1 of 11 quotes not found"));
    free(out);
    shell(NULL, "rm -rf %s", dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_help_command),
        cmocka_unit_test(test_help_stops_every_command),
        cmocka_unit_test(test_did_you_mean),
        cmocka_unit_test(test_no_color),
        cmocka_unit_test(test_bad_lists_and_ranges),
        cmocka_unit_test(test_write_error),
        cmocka_unit_test(test_input_formats),
        cmocka_unit_test(test_search_path),
        cmocka_unit_test(test_quote_check_command),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
