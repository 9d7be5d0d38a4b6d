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
    "                        [--param ENGINE.NAME=VALUE] [--shock EVENT]\n"
    "                        [--set ACTOR:ISSUE:FIELD=VALUE] [--drop ACTOR]\n"
    "                        [--whatif FILE]\n\n"
    "Runs each model on every period that has documented outcomes\n"
    "(outcomes.csv) and compares its forecast with what later happened,\n"
    "beside the status-quo baseline (no change from where the issue stood at\n"
    "the start of the period).  Prints one row per period, issue and model,\n"
    "then the mean absolute error of each model.  Default SCENARIO: belarus.\n"
    "Each forecast is the one `entente run` gives: defined from where the run\n"
    "settled (--stop settle, the default) or the last round (--stop rounds).\n"
    "What-ifs apply to every back-tested period in which they find the actor\n"
    "(and issue) they change.\n\n"
    "  --model LIST   comma-separated: mean, median, eu, smp\n"
    "  --rounds N     round limit for iterative models\n"
    "  --stop RULE    settle (default) or rounds; --tolerance X for settle\n"
    "  --format F     table (default), csv or json\n"
    "  -o FILE        write to FILE (atomically) instead of stdout\n"
    "  --param E.N=V  engine parameter; --smp-param N=V, --eu-param N=V\n" CLI_WHATIF_HELP;

/* The rows; with w, a last column "whatif" of the changes' labels. */
static ent_table *rows_table(const ent_scenario *sc, const ent_backtest *b,
                             const ent_whatif *w)
{
    const char *heads[7] = {"period",   "issue", "model", "forecast",
                            "observed", "error", "whatif"};
    int n = w ? 7 : 6;
    ent_table *t = ent_table_new(n);
    char labels[2048] = "";
    size_t used = 0;

    for (int i = 0; w && i < w->count && used < sizeof labels; i++)
        used += (size_t)snprintf(labels + used, sizeof labels - used, "%s%s",
                                 i ? "; " : "", w->items[i].label);
    for (int c = 0; c < n; c++)
        ent_table_column(t, c, heads[c], c >= 3 && c < 6 ? 'r' : 'l');
    for (int r = 0; r < b->n_rows; r++) {
        const ent_backtest_row *row = &b->rows[r];

        ent_table_rowf(t, "%s\t%s\t%s\t%.1f\t%.1f\t%+.1f\t%s",
                       sc->periods.items[row->period],
                       sc->issues[row->issue].id, row->model, row->forecast,
                       row->observed, row->forecast - row->observed, labels);
    }
    return t;
}

static void print_table(FILE *out, const ent_scenario *sc, const ent_whatif *w,
                        const ent_backtest *b, int bold)
{
    ent_table *t = rows_table(sc, b, NULL), *m = ent_table_new(3);

    fprintf(out, "Back-test of %s: forecasts against documented outcomes\n\n",
            sc->title ? sc->title : sc->name);
    cli_whatif_print(out, w);
    if (w->count)
        fputc('\n', out);
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
    cli_print_validation(out, b->validation, bold);
    ent_table_free(t);
    ent_table_free(m);
}

static int write_backtest(const cli_command_args *a, const ent_scenario *sc,
                          const ent_whatif *w, const ent_backtest *b)
{
    cli_output o;
    ent_error err;
    int rc;

    ent_error_clear(&err);
    if ((rc = cli_output_open(&o, a->output)) != 0)
        return rc;
    if (a->format == CLI_JSON) {
        if (ent_backtest_write_json(o.f, sc, w, b, &err) != 0) {
            cli_output_close(&o, 0);
            return cli_report_error(&err);
        }
    } else if (a->format == CLI_CSV) {
        ent_table *t = rows_table(sc, b, w);

        ent_table_print_csv(t, o.f);
        ent_table_free(t);
    } else {
        print_table(o.f, sc, w, b, cli_color(o.f));
    }
    return cli_output_close(&o, 1);
}

int cmd_backtest(int argc, char **argv)
{
    cli_command_args a;
    ent_scenario *sc = NULL;
    ent_backtest *b = NULL;
    ent_whatif w = {0};
    cli_models models;
    ent_error err;
    int rc;

    ent_error_clear(&err);
    if ((rc = cli_parse_command(argc, argv, "backtest", CLI_TAKES_FORMAT, usage,
                                &a)) >= 0)
        return rc;
    if ((rc = cli_open_scenario(a.source, &sc)) != 0)
        return rc;
    if ((rc = cli_models_pick(&models, sc, &a.m)) != 0 ||
        (rc = cli_whatif_build(sc, &a.m, &w)) != 0) {
        ent_whatif_free(&w);
        ent_scenario_free(sc);
        return rc;
    }
    if (ent_backtest_run_whatif(sc, &w, models.engines, models.opts,
                                models.count, &b, &err) != 0)
        rc = cli_report_error(&err);
    else
        rc = write_backtest(&a, sc, &w, b);
    ent_backtest_free(b);
    ent_whatif_free(&w);
    ent_scenario_free(sc);
    return rc;
}
