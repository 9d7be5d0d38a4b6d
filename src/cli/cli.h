/*
 * cli.h -- shared pieces of the command-line tool: the subcommands and the
 * helpers they use to open scenarios, pick periods and models, and write
 * output files atomically.  The CLI is the only part of entente that prints.
 */
#ifndef ENT_CLI_H
#define ENT_CLI_H

#include <stdio.h>

#include "entente.h"

/* Subcommands: each takes argv with argv[0] = the subcommand name and
   returns the process exit code. */
int cmd_run(int argc, char **argv);
int cmd_scenarios(int argc, char **argv);
int cmd_show(int argc, char **argv);
int cmd_sources(int argc, char **argv);
int cmd_timeline(int argc, char **argv);
int cmd_facts(int argc, char **argv);
int cmd_institutions(int argc, char **argv);
int cmd_backtest(int argc, char **argv);
int cmd_ensemble(int argc, char **argv);
int cmd_runs(int argc, char **argv);
int cmd_report(int argc, char **argv);

/* Prints "entente: <msg>" to stderr and returns err->code (or 1). */
int cli_report_error(const ent_error *err);
/* Prints "entente <cmd>: <msg>" plus a --help hint; returns 2. */
int cli_usage_error(const char *cmd, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Where bundled scenarios live: $ENTENTE_SCENARIOS, ./scenarios, the
   install prefix, or next to the executable. */
const char *cli_bundled_dir(void);

/* Opens SOURCE (bundled name, directory, or CSV file).  Returns 0 or an
   exit code after printing the error. */
int cli_open_scenario(const char *source, ent_scenario **sc);

/* Period index from an id (NULL = the scenario's default).  Returns -1 after
   printing an error listing the periods. */
int cli_pick_period(const ent_scenario *sc, const char *id);

/* Resolves a comma-separated model list (NULL = the scenario's default
   models, or mean,median,eu if it names none).  Fills engines[] (at most
   max) and returns the count, or -1 after printing an error. */
int cli_pick_models(const ent_scenario *sc, const char *list,
                    const ent_engine **engines, int max);

/* Output formats shared by the commands that print tables. */
typedef enum { CLI_TABLE, CLI_CSV, CLI_JSON } cli_format;
/* Parses --format; -1 after printing an error. */
int cli_parse_format(const char *cmd, const char *text, cli_format *out);

/*
 * Output to stdout or to a file written atomically: cli_output_open gives a
 * FILE* (a temporary next to `path` when path is not NULL);
 * cli_output_close(…, ok) renames it into place when ok, removes it
 * otherwise.  Returns 0 or an exit code after printing the error.
 */
typedef struct cli_output {
    FILE *f;
    ent_atomic_file *file;
} cli_output;
int cli_output_open(cli_output *o, const char *path);
int cli_output_close(cli_output *o, int ok);

/* Collects engine parameters from the command line (--param
   ENGINE.NAME=VALUE, --smp-param NAME=VALUE, --eu-param NAME=VALUE).  The
   scenario's own [engine] parameters come first, command-line ones after,
   so they override. */
typedef struct cli_params {
    const char *engine[64];
    ent_option items[64];
    int count;
} cli_params;
/* Adds "NAME=VALUE" for `engine`, or "ENGINE.NAME=VALUE" when engine is
   NULL (borrowed pointers into `text`, which it modifies).  Returns 0 or 2
   after printing the error. */
int cli_params_add(cli_params *p, const char *cmd, const char *engine,
                   char *text);
/* Options for one engine from the scenario's parameters and the command
   line. */
void cli_params_for(const cli_params *cmdline, const ent_scenario *sc,
                    const ent_engine *engine, int rounds,
                    ent_model_options *opts, ent_option *buf, int cap);

/* 1 when stderr / stdout is a terminal. */
int cli_stderr_is_tty(void);
int cli_stdout_is_tty(void);

#endif
