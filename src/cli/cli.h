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
int cmd_shocks(int argc, char **argv);
int cmd_facts(int argc, char **argv);
int cmd_institutions(int argc, char **argv);
int cmd_backtest(int argc, char **argv);
int cmd_ensemble(int argc, char **argv);
int cmd_runs(int argc, char **argv);
int cmd_report(int argc, char **argv);
int cmd_explain(int argc, char **argv);

/* The back-test's validation scores as text tables (src/cli/validation.c). */
struct ent_validation;
void cli_print_validation(FILE *out, const struct ent_validation *v, int bold);

/* Prints "entente: <msg>" to stderr and returns err->code (or 1). */
int cli_report_error(const ent_error *err);
/* Writes text from a scenario or a message with control characters
   escaped (ESC, CR, ... as "\x1B"), so input cannot drive the terminal. */
void cli_put_text(FILE *out, const char *s);
/* cli_put_text line by line, each line ended by a newline; `text` is
   cut at its newlines on the way (modified). */
void cli_put_lines(FILE *out, char *text);
/* Prints "entente <cmd>: <msg>" plus a --help hint; returns
   ENT_EXIT_INPUT. */
ent_exit cli_usage_error(const char *cmd, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* The word of `known` nearest to a mistyped `word`, or NULL when none is
   near enough to be a typo (src/cli/suggest.c). */
const char *cli_suggest(const char *word, const char *const *known, int n);
/* Usage error for an unknown option `arg` (as typed), suggesting the
   nearest of `longopts` (NULL-terminated getopt table); returns
   ENT_EXIT_INPUT. */
struct option;
ent_exit cli_unknown_option(const char *cmd, const char *arg,
                            const struct option *longopts);

/* The scenario search path, in order (src/cli/search.c): $ENTENTE_PATH,
   the XDG data directories' entente/scenarios, the bundled scenarios;
   existing directories only, by real path.  Free with ent_strlist_free. */
void cli_search_dirs(ent_strlist *dirs);
/* DIR/NAME of the first search-path directory holding scenario NAME, with
   a note on stderr for each later one it hides; NULL if none.  Owned. */
char *cli_find_scenario(const char *name);

/* Opens SOURCE (a path to a directory or CSV file, or a scenario name
   looked up in the search path).  Returns 0 or an exit code after
   printing the error. */
int cli_open_scenario(const char *source, ent_scenario **sc);

/* Period index from an id (NULL = the scenario's default).  Returns -1 after
   printing an error listing the periods. */
int cli_pick_period(const ent_scenario *sc, const char *id);

/* Output formats shared by the commands that print tables. */
/* CLI_EXCHANGES (run, and runs --show): the CSV of executed exchanges. */
typedef enum { CLI_TABLE, CLI_CSV, CLI_JSON, CLI_EXCHANGES } cli_format;
/* Parses --format; ENT_EXIT_INPUT after printing a usage error. */
ent_exit cli_parse_format(const char *cmd, const char *text, cli_format *out);

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
    /* what-ifs in command-line order: kind 'H' --shock EVENT, 'Z' --set
       ACTOR:ISSUE:FIELD=VALUE, 'D' --drop ACTOR, 'W' --whatif FILE */
    struct cli_change {
        char kind;
        const char *text;
    } changes[64];
    int n_changes;
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
    {"tolerance", required_argument, NULL, CLI_OPT_TOLERANCE}, \
    {"set", required_argument, NULL, 'Z'},        \
    {"drop", required_argument, NULL, 'D'},       \
    {"whatif", required_argument, NULL, 'W'}
/* clang-format on */
enum { CLI_OPT_STOP = 1000, CLI_OPT_TOLERANCE };

/* The --help lines of the what-if options. */
#define CLI_WHATIF_HELP                                                        \
    "  --shock EVENT  apply the shock an event codes (repeatable; see\n"       \
    "                 entente shocks SCENARIO)\n"                              \
    "  --set ACTOR:ISSUE:FIELD=VALUE   what if: FIELD (position, salience\n"   \
    "                 0-100 or capability) takes VALUE (repeatable)\n"         \
    "  --drop ACTOR   what if: ACTOR takes no part (repeatable)\n"             \
    "  --whatif FILE  apply the changes of a what-if CSV file (columns\n"      \
    "                 actor,issue,field,value,event,sources,rationale), or\n"  \
    "                 of the scenario's whatifs/FILE.csv (repeatable)\n"

/* Handles one shared option (getopt code c: m p r P S E H Z D W and the
   CLI_OPT_ codes).  Returns ENT_EXIT_OK when handled, ENT_EXIT_INPUT
   after printing a usage error (also when c is not a shared option).
   `arg` is modified (NAME=VALUE is split in place). */
ent_exit cli_model_option(cli_model_args *m, const char *cmd, int c, char *arg);

/* The arguments of a command that forecasts one scenario (run, report,
   backtest): SOURCE, the shared model options, and optionally --period,
   --format and -o. */
enum { CLI_TAKES_PERIOD = 1, CLI_TAKES_FORMAT = 2, CLI_TAKES_BACKTEST = 4 };
/* getopt codes of the back-test options (--runs, --seed, --rows). */
enum { CLI_OPT_RUNS = 1100, CLI_OPT_SEED, CLI_OPT_ROWS };

typedef struct cli_command_args {
    const char *source; /* default: belarus */
    const char *output; /* -o FILE, NULL for stdout */
    cli_format format;
    cli_model_args m;
    /* CLI_TAKES_BACKTEST: ensemble runs per forecast (-1: none, 0: the
       default), seed (0: the default) and whether to print every row */
    long runs;
    uint64_t seed;
    int rows;
    int help; /* --help was given and `usage` printed: nothing else to do */
} cli_command_args;

/* Parses such a command line; `takes` says which optional options the
   command accepts; --help prints `usage` and sets a->help.  Returns
   ENT_EXIT_OK, or ENT_EXIT_INPUT after printing a usage error. */
ent_exit cli_parse_command(int argc, char **argv, const char *cmd,
                           unsigned takes, const char *usage,
                           cli_command_args *a);

/* The engines to run and their options (entente/forecast.h): the
   scenario's [model] settings with the command line's on top. */
typedef ent_model_set cli_models;

/* Resolves --model, --rounds, --stop, --tolerance and the parameters
   against the scenario.  Returns 0 or an exit code after printing the
   error. */
int cli_models_pick(cli_models *out, const ent_scenario *sc,
                    const cli_model_args *m);

/* The what-if of --shock, --set, --drop and --whatif, checked against the
   scenario (src/cli/whatif.c).  Returns 0 or an exit code after printing
   the error; release *w with ent_whatif_free either way. */
int cli_whatif_build(const ent_scenario *sc, const cli_model_args *m,
                     ent_whatif *w);
/* The what-if of m's options into *w (freed by the caller, also on
   failure) and the forecast input of m's period and models with it
   applied (ent_forecast_prepare).  Returns 0 or an exit code after
   printing the error. */
int cli_forecast_prepare(const ent_scenario *sc, const cli_model_args *m,
                         ent_whatif *w, ent_forecast_input **in);
/* "2024", or "2024 + shock e166; set a:b:position=7" with what-ifs. */
const char *cli_period_label(const ent_scenario *sc, int period,
                             const ent_whatif *w, char *buf, size_t size);
/* Lines "what-if: LABEL (ORIGIN): RATIONALE [sources]" for text output. */
void cli_whatif_print(FILE *out, const ent_whatif *w);

/* A forecast of one period of a scenario: what `run` and `report` share. */
typedef struct cli_forecast {
    ent_scenario *sc;
    ent_whatif whatif;      /* applied to in->problem */
    ent_forecast_input *in; /* period, models, problem */
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

/* The explanation of every issue of the forecast under its headline model
   (ensemble of 200 runs, seed 1, for the pivotal actors), for the report:
   an array of sc->n_issues, NULL where the model did not run.  Returns 0
   or an exit code after printing the error; free with
   cli_explain_free_all either way. */
int cli_explain_all(const cli_forecast *fc, ent_explanation ***out);
void cli_explain_free_all(const ent_scenario *sc, ent_explanation **all);

/* 1 when text written to `out` may use ANSI styles: out is standard
   output, a terminal, NO_COLOR is unset or empty and TERM is not "dumb"
   (https://no-color.org). */
int cli_color(FILE *out);
/* 1 when NO_COLOR is set and not empty, or TERM is "dumb": no escape
   sequences at all, on any stream. */
int cli_plain_terminal(void);

/* 1 when stderr / stdout is a terminal. */
int cli_stderr_is_tty(void);
int cli_stdout_is_tty(void);

#endif
