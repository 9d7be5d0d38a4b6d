/*
 * main.c -- the entente command: dispatch to one subcommand per file.
 *
 * With no arguments entente runs the bundled Belarus scenario for its
 * latest period and prints the forecast table.
 */
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
    {"report", cmd_report,
     "one self-contained HTML report with charts and sources"},
    {"show", cmd_show, "the scenario's issues, actors and positions"},
    {"sources", cmd_sources, "the sources and their quotes"},
    {"timeline", cmd_timeline, "the dated events"},
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
          "       entente --help | --version\n\n"
          "entente models how states bargain over their security: it runs\n"
          "collective-decision models (weighted mean and median, Bueno de\n"
          "Mesquita's expected-utility model, KTAB's Spatial Model of\n"
          "Politics) on sourced scenarios.  With no command it runs the\n"
          "bundled Belarus scenario for its latest period.\n\n"
          "commands:\n",
          out);
    for (int i = 0; i < N_COMMANDS; i++)
        fprintf(out, "  %-13s %s\n", commands[i].name, commands[i].summary);
    fputs("\nSOURCE is a bundled scenario name (see 'entente scenarios'), a\n"
          "scenario directory, or a BDM or KTAB CSV file.\n"
          "'entente COMMAND --help' describes each command.\n"
          "Exit status: 0 success, 1 runtime failure, 2 bad input.\n",
          out);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        char *run_argv[] = {"run", "belarus", NULL};

        return cmd_run(2, run_argv);
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
        strcmp(argv[1], "help") == 0) {
        print_help(stdout);
        return 0;
    }
    if (strcmp(argv[1], "--version") == 0) {
        printf("entente %s\n", ENT_VERSION);
        return 0;
    }
    for (int i = 0; i < N_COMMANDS; i++)
        if (strcmp(argv[1], commands[i].name) == 0)
            return commands[i].run(argc - 1, argv + 1);
    fprintf(stderr, "entente: unknown command '%s'\n", argv[1]);
    print_help(stderr);
    return ENT_EXIT_INPUT;
}
