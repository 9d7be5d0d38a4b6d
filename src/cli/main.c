/*
 * main.c -- the entente command: dispatch to one subcommand per file.
 *
 * With no arguments entente runs the bundled Belarus scenario for its
 * latest period and prints the forecast table.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"

typedef struct command {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary;
} command;

static const command commands[] = {
    {"run", cmd_run, "forecast a scenario with one or more models"},
    {"ensemble", cmd_ensemble,
     "Monte Carlo over input uncertainty: distributions, pivotal actors"},
    {"backtest", cmd_backtest,
     "compare each period's forecast with what later happened"},
    {"explain", cmd_explain,
     "why an issue's forecast lands where it does, in plain sentences"},
    {"report", cmd_report,
     "one self-contained HTML report with charts and sources"},
    {"show", cmd_show, "the scenario's issues, actors and positions"},
    {"sources", cmd_sources, "the sources and their quotes"},
    {"timeline", cmd_timeline, "the dated events, with their ids"},
    {"shocks", cmd_shocks, "the events' shocks a what-if can apply"},
    {"facts", cmd_facts, "the quantitative facts (figures)"},
    {"institutions", cmd_institutions,
     "treaties, alliances, doctrines, programmes"},
    {"runs", cmd_runs, "list ensembles stored in a results database"},
    {"scenarios", cmd_scenarios, "list the bundled scenarios"},
};
#define N_COMMANDS (int)(sizeof commands / sizeof commands[0])

static void print_help(FILE *out)
{
    fputs("usage: entente [COMMAND] [ARGS...]\n"
          "       entente help [COMMAND] | --help | -V | --version\n\n"
          "entente models how states bargain over their security: it runs\n"
          "collective-decision models (weighted mean and median, Bueno de\n"
          "Mesquita's expected-utility model, KTAB's Spatial Model of\n"
          "Politics) on sourced scenarios.  With no command it runs the\n"
          "bundled Belarus scenario for its latest period.\n\n"
          "commands:\n",
          out);
    for (int i = 0; i < N_COMMANDS; i++)
        fprintf(out, "  %-13s %s\n", commands[i].name, commands[i].summary);
    fputs(
        "\nSOURCE is a scenario name (see 'entente scenarios'), a scenario\n"
        "directory, or a BDM or KTAB CSV file.\n"
        "'entente help COMMAND' (or 'entente COMMAND --help') describes each\n"
        "command; 'man entente' has the options, examples and environment.\n"
        "Exit status: 0 success, 1 runtime failure, 2 bad input.\n",
        out);
}

static const command *find_command(const char *name)
{
    for (int i = 0; i < N_COMMANDS; i++)
        if (strcmp(name, commands[i].name) == 0)
            return &commands[i];
    return NULL;
}

static int unknown_command(const char *name)
{
    const char *names[N_COMMANDS];
    const char *hit;

    for (int i = 0; i < N_COMMANDS; i++)
        names[i] = commands[i].name;
    hit = cli_suggest(name, names, N_COMMANDS);
    fprintf(stderr, "entente: unknown command '%s'", name);
    if (hit)
        fprintf(stderr, "; did you mean '%s'?", hit);
    fputs("\n(see 'entente --help' for the commands)\n", stderr);
    return ENT_EXIT_INPUT;
}

/* `entente help [COMMAND]`. */
static int help(int argc, char **argv)
{
    const command *c;
    char *help_argv[] = {NULL, "--help", NULL};

    if (argc < 3) {
        print_help(stdout);
        return 0;
    }
    if (!(c = find_command(argv[2])))
        return unknown_command(argv[2]);
    help_argv[0] = argv[2];
    return c->run(2, help_argv);
}

static int dispatch(int argc, char **argv)
{
    const command *c;

    if (argc < 2) {
        char *run_argv[] = {"run", "belarus", NULL};

        return cmd_run(2, run_argv);
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
        strcmp(argv[1], "help") == 0)
        return help(argc, argv);
    if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "-V") == 0) {
        printf("entente %s\n", ENT_VERSION);
        return 0;
    }
    if (!(c = find_command(argv[1])))
        return unknown_command(argv[1]);
    return c->run(argc - 1, argv + 1);
}

typedef struct invocation {
    int argc;
    char **argv;
} invocation;

static int run_invocation(void *ctx, ent_error *err)
{
    const invocation *inv = ctx;

    (void)err;
    return dispatch(inv->argc, inv->argv);
}

int main(int argc, char **argv)
{
    invocation inv = {argc, argv};
    ent_error err = {0, ""};
    /* running out of memory anywhere unwinds to here (ent_pcall): exit 1
       with the message, the temporaries of unfinished -o files removed */
    int rc = ent_pcall(run_invocation, &inv, &err);

    if (rc < 0 && err.code)
        rc = cli_report_error(&err);

    /* a full disk or a closed pipe must not pass silently */
    if (fflush(stdout) != 0 || ferror(stdout) || fclose(stdout) != 0) {
        fprintf(stderr, "entente: cannot write standard output: %s\n",
                strerror(errno ? errno : EIO));
        return ENT_EXIT_RUNTIME;
    }
    return rc;
}
