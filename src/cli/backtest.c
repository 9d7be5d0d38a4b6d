/*
 * backtest.c -- `entente backtest`: each period's forecast against the
 * documented outcome, per issue and model, with mean absolute errors.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

static const char usage[] =
    "usage: entente backtest [SCENARIO] [--model LIST] [--rounds N]\n"
    "                        [--format table|csv|json] [-o FILE]\n"
    "                        [--stop settle|rounds] [--tolerance X]\n"
    "                        [--param ENGINE.NAME=VALUE]\n\n"
    "Runs each model on every period that has documented outcomes\n"
    "(outcomes.csv) and compares its forecast with what later happened,\n"
    "beside the status-quo baseline (no change from where the issue stood at\n"
    "the start of the period).  Prints one row per period, issue and model,\n"
    "then the mean absolute error of each model.  Default SCENARIO: belarus.\n"
    "Each forecast is the one `entente run` gives: defined from where the run\n"
    "settled (--stop settle, the default) or the last round (--stop rounds).\n";

static ent_table *rows_table(const ent_scenario *sc, const ent_backtest *b)
{
    ent_table *t = ent_table_new(6);
    const char *heads[6] = {"period",   "issue",    "model",
                            "forecast", "observed", "error"};

    for (int c = 0; c < 6; c++)
        ent_table_column(t, c, heads[c], c >= 3 ? 'r' : 'l');
    for (int r = 0; r < b->n_rows; r++) {
        const ent_backtest_row *row = &b->rows[r];

        ent_table_rowf(t, "%s\t%s\t%s\t%.1f\t%.1f\t%+.1f",
                       sc->periods.items[row->period],
                       sc->issues[row->issue].id, row->model, row->forecast,
                       row->observed, row->forecast - row->observed);
    }
    return t;
}

static void print_table(FILE *out, const ent_scenario *sc,
                        const ent_backtest *b, int bold)
{
    ent_table *t = rows_table(sc, b), *m = ent_table_new(3);

    fprintf(out, "Back-test of %s: forecasts against documented outcomes\n\n",
            sc->title ? sc->title : sc->name);
    ent_table_print(t, out, bold);
    ent_table_column(m, 0, "model", 'l');
    ent_table_column(m, 1, "mean abs. error", 'r');
    ent_table_column(m, 2, "comparisons", 'r');
    for (int i = 0; i < b->n_models; i++)
        ent_table_rowf(m, "%s\t%.2f\t%d", b->models[i], b->mae[i], b->count[i]);
    fputc('\n', out);
    ent_table_print(m, out, bold);
    fputs(
        "\nerror = forecast - observed, in issue-scale points; status_quo is the\n"
        "no-change baseline a model has to beat.\n",
        out);
    ent_table_free(t);
    ent_table_free(m);
}

static int write_backtest(const cli_command_args *a, const ent_scenario *sc,
                          const ent_backtest *b)
{
    cli_output o;
    ent_error err;
    int rc;

    ent_error_clear(&err);
    if ((rc = cli_output_open(&o, a->output)) != 0)
        return rc;
    if (a->format == CLI_JSON) {
        if (ent_backtest_write_json(o.f, sc, b, &err) != 0) {
            cli_output_close(&o, 0);
            return cli_report_error(&err);
        }
    } else if (a->format == CLI_CSV) {
        ent_table *t = rows_table(sc, b);

        ent_table_print_csv(t, o.f);
        ent_table_free(t);
    } else {
        print_table(o.f, sc, b, o.f == stdout && cli_stdout_is_tty());
    }
    return cli_output_close(&o, 1);
}

int cmd_backtest(int argc, char **argv)
{
    cli_command_args a;
    ent_scenario *sc = NULL;
    ent_backtest *b = NULL;
    cli_models models;
    ent_error err;
    int rc;

    ent_error_clear(&err);
    if ((rc = cli_parse_command(argc, argv, "backtest", CLI_TAKES_FORMAT, usage,
                                &a)) >= 0)
        return rc;
    if ((rc = cli_open_scenario(a.source, &sc)) != 0)
        return rc;
    if ((rc = cli_models_pick(&models, sc, &a.m)) != 0) {
        ent_scenario_free(sc);
        return rc;
    }
    if (ent_backtest_run(sc, models.engines, models.opts, models.count, &b,
                         &err) != 0)
        rc = cli_report_error(&err);
    else
        rc = write_backtest(&a, sc, b);
    ent_backtest_free(b);
    ent_scenario_free(sc);
    return rc;
}
