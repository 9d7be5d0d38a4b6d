/*
 * report.c -- `entente report`: one self-contained HTML page with the
 * forecast of a period (charts of positions by round, the models
 * compared, the sourced inputs), the back-test when the scenario documents
 * outcomes, and the cited sources.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

static const char usage[] =
    "usage: entente report [SCENARIO] [--period P] [--model LIST] [--rounds N]\n"
    "                      [-o FILE] [--param ENGINE.NAME=VALUE]\n"
    "                      [--smp-param NAME=VALUE] [--eu-param NAME=VALUE]\n"
    "                      [--shock EVENT] [--set ACTOR:ISSUE:FIELD=VALUE]\n"
    "                      [--drop ACTOR] [--whatif FILE]\n\n"
    "Writes one self-contained HTML page (inline SVG charts, no scripts, no\n"
    "network) for a period of SCENARIO (default: belarus): per issue, each\n"
    "actor's position by round under every iterative model, the models'\n"
    "forecasts compared on the issue scale, and the inputs with the sources\n"
    "they cite; a back-test of every model against the documented outcomes\n"
    "when the scenario has them; and an appendix with each cited source's\n"
    "evidence date, locator and quote, grouped by document (title, author,\n"
    "publisher and date).\n\n"
    "  --period P     period id (default: the scenario's default period)\n"
    "  --model LIST   comma-separated: mean, median, eu, smp, exchange\n"
    "                 (default: the scenario's models; the first gives the\n"
    "                 headline)\n"
    "  --stop RULE    settle (default: stop at a fixed point or a cycle) or\n"
    "                 rounds (run exactly the round limit)\n"
    "  --rounds N     round limit (default 100 under settle, the engine's\n"
    "                 own under rounds)\n"
    "  --tolerance X  settle tolerance, a share of the scale (default 1e-9)\n"
    "  -o FILE        write to FILE (atomically) instead of standard output\n"
    "  --param E.N=V  engine parameter, e.g. --param eu.probability=paper\n"
    "  --smp-param N=V, --eu-param N=V   shorthands for --param\n" CLI_WHATIF_HELP;

/* "entente report ARGS..." as typed (arguments quoted where needed), for
   the page's header; owned by the caller.  Called before getopt permutes
   argv. */
static char *command_line(int argc, char **argv)
{
    size_t size = 16, used;
    char *s;

    for (int i = 0; i < argc; i++)
        size += strlen(argv[i]) * 4 + 3;
    s = ent_xmalloc(size);
    used = (size_t)sprintf(s, "entente");
    for (int i = 0; i < argc; i++) {
        const char *arg = argv[i];
        int plain =
            *arg &&
            strspn(
                arg,
                "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.,/=:+@%") ==
                strlen(arg);

        s[used++] = ' ';
        if (!plain)
            s[used++] = '\'';
        for (const char *p = arg; *p; p++) {
            if (*p == '\'' && !plain) {
                memcpy(s + used, "'\\''", 4);
                used += 4;
            } else {
                s[used++] = *p;
            }
        }
        if (!plain)
            s[used++] = '\'';
    }
    s[used] = '\0';
    return s;
}

/* Runs the back-test when the scenario documents outcomes (*b stays NULL
   otherwise).  Returns 0 or an exit code after printing the error. */
static int run_backtest(const ent_scenario *sc,
                        const ent_engine *const *engines,
                        const ent_model_options *opts, int n, ent_backtest **b)
{
    ent_error err;

    ent_error_clear(&err);
    *b = NULL;
    if (sc->n_outcomes == 0)
        return 0;
    if (ent_backtest_run(sc, engines, opts, n, b, &err) != 0)
        return cli_report_error(&err);
    return 0;
}

static int write_report(const cli_command_args *a, const cli_forecast *fc,
                        const ent_backtest *b, const char *command,
                        ent_explanation *const *explanations)
{
    ent_report_options ro = {.command = command,
                             .whatif = &fc->whatif,
                             .explanations =
                                 (const ent_explanation *const *)explanations};
    cli_output o;
    ent_error err;
    int rc;

    ent_error_clear(&err);
    if ((rc = cli_output_open(&o, a->output)) != 0)
        return rc;
    if (ent_report_html(o.f, fc->sc, fc->in->period, fc->forecast, b, &ro,
                        &err) != 0) {
        cli_output_close(&o, 0);
        return cli_report_error(&err);
    }
    return cli_output_close(&o, 1);
}

int cmd_report(int argc, char **argv)
{
    cli_command_args a;
    cli_forecast fc = {0};
    ent_backtest *b = NULL;
    ent_explanation **explanations = NULL;
    char *command = command_line(argc, argv);
    int rc;

    if ((rc = cli_parse_command(argc, argv, "report", CLI_TAKES_PERIOD, usage,
                                &a)) == ENT_EXIT_OK &&
        !a.help && (rc = cli_forecast_open(&fc, a.source, &a.m)) == 0 &&
        (rc = run_backtest(fc.sc, fc.in->models.engines, fc.in->models.opts,
                           fc.in->models.count, &b)) == 0 &&
        (rc = cli_explain_all(&fc, &explanations)) == 0)
        rc = write_report(&a, &fc, b, command, explanations);
    if (fc.sc)
        cli_explain_free_all(fc.sc, explanations);
    ent_backtest_free(b);
    cli_forecast_close(&fc);
    free(command);
    return rc;
}
