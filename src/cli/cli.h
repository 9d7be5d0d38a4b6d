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
/* Writes text from a scenario or a message with control characters
   escaped (ESC, CR, ... as "\x1B"), so input cannot drive the terminal. */
void cli_put_text(FILE *out, const char *s);
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

/* Engine parameters from the command line (--param ENGINE.NAME=VALUE,
   --smp-param NAME=VALUE, --eu-param NAME=VALUE); borrowed from argv. */
typedef struct cli_params {
    const char *engine[64];
    ent_option items[64];
    int count;
} cli_params;

/* The options every model-running command shares. */
typedef struct cli_model_args {
    const char *models; /* --model LIST (NULL: the scenario's models) */
    const char *period; /* --period P (NULL: the default period) */
    int rounds;         /* --rounds N (0: the scenario's or engine's) */
    const char *stop;   /* --stop settle|rounds (NULL: the scenario's) */
    double tolerance;   /* --tolerance X (0: the scenario's or default) */
    cli_params params;
    const char *shocks[16]; /* --shock EVENT, in order */
    int n_shocks;
} cli_model_args;

/* getopt_long entries of the shared options (--period is listed by the
   commands that take it: {"period", required_argument, NULL, 'p'}). */
/* clang-format off */
#define CLI_MODEL_OPTIONS                         \
    {"model", required_argument, NULL, 'm'},      \
    {"rounds", required_argument, NULL, 'r'},     \
    {"param", required_argument, NULL, 'P'},      \
    {"smp-param", required_argument, NULL, 'S'},  \
    {"eu-param", required_argument, NULL, 'E'},   \
    {"shock", required_argument, NULL, 'H'},      \
    {"stop", required_argument, NULL, CLI_OPT_STOP}, \
    {"tolerance", required_argument, NULL, CLI_OPT_TOLERANCE}
/* clang-format on */
enum { CLI_OPT_STOP = 1000, CLI_OPT_TOLERANCE };

/* Handles one shared option (getopt code c: m p r P S E H and the
   CLI_OPT_ codes).  Returns 0 when
   handled, an exit code after printing a usage error, or -1 when c is not
   a shared option.  `arg` is modified (NAME=VALUE is split in place). */
int cli_model_option(cli_model_args *m, const char *cmd, int c, char *arg);

/* The arguments of a command that forecasts one scenario (run, report,
   backtest): SOURCE, the shared model options, and optionally --period,
   --format and -o. */
enum { CLI_TAKES_PERIOD = 1, CLI_TAKES_FORMAT = 2 };

typedef struct cli_command_args {
    const char *source; /* default: belarus */
    const char *output; /* -o FILE, NULL for stdout */
    cli_format format;
    cli_model_args m;
} cli_command_args;

/* Parses such a command line; `takes` says which optional options the
   command accepts; --help prints `usage`.  Returns -1 to go on, else an
   exit code (0 after --help). */
int cli_parse_command(int argc, char **argv, const char *cmd, unsigned takes,
                      const char *usage, cli_command_args *a);

/* The engines to run and their options (entente/forecast.h): the
   scenario's [model] settings with the command line's on top. */
typedef ent_model_set cli_models;

/* Resolves --model, --rounds, --stop, --tolerance and the parameters
   against the scenario.  Returns 0 or an exit code after printing the
   error. */
int cli_models_pick(cli_models *out, const ent_scenario *sc,
                    const cli_model_args *m);

/* Applies the --shock events, in order, to a period's problem.  Returns 0
   or an exit code after printing the error. */
int cli_apply_shocks(const ent_scenario *sc, const cli_model_args *m,
                     ent_problem *p);
/* "2024", or "2024 + shock e166, e174" when --shock was given. */
const char *cli_period_label(const ent_scenario *sc, int period,
                             const cli_model_args *m, char *buf, size_t size);

/* A forecast of one period of a scenario: what `run` and `report` share. */
typedef struct cli_forecast {
    ent_scenario *sc;
    int period;
    cli_models models;
    ent_problem *problem;
    ent_forecast *forecast;
} cli_forecast;

/* Opens SOURCE, picks the period and models of `m` and runs them.
   Returns 0, or an exit code after printing the error; either way release
   with cli_forecast_close. */
int cli_forecast_open(cli_forecast *f, const char *source,
                      const cli_model_args *m);
void cli_forecast_close(cli_forecast *f);
/* Warns on stderr of every model that failed on an issue; returns
   ENT_EXIT_RUNTIME when no model produced anything, else 0. */
int cli_forecast_warn(const ent_scenario *sc, const ent_forecast *f);

/* 1 when stderr / stdout is a terminal. */
int cli_stderr_is_tty(void);
int cli_stdout_is_tty(void);

#endif
