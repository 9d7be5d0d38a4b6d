/*
 * backtest.c -- `entente backtest`: each period's forecast against the
 * outcomes 1 to 3 years later, per model and horizon: mean absolute error,
 * direction hits and probabilistic skill; every row on request.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

static const char usage[] =
    "usage: entente backtest [SCENARIO] [--model LIST] [--rounds N]\n"
    "                        [--format table|csv|json] [-o FILE] [--rows]\n"
    "                        [--runs N] [--seed S]\n"
    "                        [--stop settle|rounds] [--tolerance X]\n"
    "                        [--param ENGINE.NAME=VALUE] [--shock EVENT]\n"
    "                        [--set ACTOR:ISSUE:FIELD=VALUE] [--drop ACTOR]\n"
    "                        [--whatif FILE]\n\n"
    "Runs each model on the inputs of every period and scores its forecast\n"
    "against the outcomes (outcomes.csv) 1, 2 and 3 years later (the same\n"
    "period when periods are not years), beside two baselines: status_quo\n"
    "(no change from the period's status quo) and trend (the last change of\n"
    "the status quo, per year, extrapolated).  Prints per model and horizon\n"
    "the mean absolute error, the direction-of-change hits and the skill of\n"
    "the ranked probability score over a uniform forecast, for documented\n"
    "outcomes and all, with and without forecasts that span a structural\n"
    "break, and with the documented shocks of the events in between applied.\n"
    "--rows also prints every comparison.  Default SCENARIO: belarus.\n"
    "Each forecast is the one `entente run` gives: defined from where the run\n"
    "settled (--stop settle, the default) or the last round (--stop rounds).\n"
    "What-ifs apply to every back-tested period in which they find the actor\n"
    "(and issue) they change.\n\n"
    "  --model LIST   comma-separated: mean, median, eu, smp, exchange\n"
    "  --rounds N     round limit for iterative models\n"
    "  --stop RULE    settle (default) or rounds; --tolerance X for settle\n"
    "  --runs N       ensemble runs per forecast behind the probabilistic\n"
    "                 score (default 10; 0: none)\n"
    "  --seed S       ensemble seed, >= 1 (default 1)\n"
    "  --rows         print every comparison too (table format)\n"
    "  --format F     table (default), csv or json\n"
    "  -o FILE        write to FILE (atomically) instead of stdout\n"
    "  --param E.N=V  engine parameter; --smp-param N=V, --eu-param N=V\n" CLI_WHATIF_HELP;

/* The rows; with w, a last column "whatif" of the changes' labels. */
static ent_table *rows_table(const ent_scenario *sc, const ent_backtest *b,
                             const ent_whatif *w)
{
    const char *heads[13] = {"period", "target",   "horizon",         "issue",
                             "model",  "forecast", "observed",        "error",
                             "basis",  "break",    "forecast_shocks", "rps",
                             "whatif"};
    int n = w ? 13 : 12;
    ent_table *t = ent_table_new(n);
    char labels[2048] = "";
    size_t used = 0;

    for (int i = 0; w && i < w->count && used < sizeof labels; i++)
        used += (size_t)snprintf(labels + used, sizeof labels - used, "%s%s",
                                 i ? "; " : "", w->items[i].label);
    for (int c = 0; c < n; c++)
        ent_table_column(t, c, heads[c],
                         (c >= 5 && c <= 7) || c == 10 || c == 11 ? 'r' : 'l');
    for (int r = 0; r < b->n_rows; r++) {
        const ent_backtest_row *row = &b->rows[r];

        ent_table_rowf(t,
                       "%s\t%s\t%d\t%s\t%s\t%.1f\t%.1f\t%+.1f\t%s\t%s\t%.1f"
                       "\t%.3f\t%s",
                       sc->periods.items[row->period],
                       sc->periods.items[row->target], row->horizon,
                       sc->issues[row->issue].id, row->model, row->forecast,
                       row->observed, row->forecast - row->observed,
                       row->inferred ? "inferred" : "documented",
                       row->spans_break ? "yes" : "no", row->forecast_shocks,
                       row->rps, labels);
    }
    return t;
}

/* One cell of a summary (part 0 MAE, 1 direction hits, 2 skill) after a
   tab; "-" where nothing was scored.  Returns the length written. */
static size_t score_cell(char *buf, size_t size, const ent_backtest_score *s,
                         int part)
{
    int n;

    if (part == 1)
        n = s->n_direction
                ? snprintf(buf, size, "\t%d/%d", s->hits, s->n_direction)
                : snprintf(buf, size, "\t-");
    else if (!isfinite(part == 0 ? s->mae : s->skill))
        n = snprintf(buf, size, "\t-");
    else
        n = part == 0 ? snprintf(buf, size, "\t%.1f", s->mae)
                      : snprintf(buf, size, "\t%+.2f", s->skill);
    return n < 0 ? 0 : (size_t)n;
}

/* One variant: per model, MAE, direction hits and RPS skill by horizon. */
static void print_variant(FILE *out, const ent_backtest *b, int v, int bold)
{
    int nh = b->n_horizons, cols = 1 + 3 * nh;
    ent_table *t = ent_table_new(cols);
    char head[64], line[512];

    fprintf(out, "\n%s outcomes, %s%s:\n",
            v & ENT_BACKTEST_DOCUMENTED ? "Documented" : "All",
            v & ENT_BACKTEST_NO_BREAKS ? "forecasts spanning a break left out"
                                       : "break years included",
            v & ENT_BACKTEST_SHOCKS ? ", documented shocks applied" : "");
    ent_table_column(t, 0, "model", 'l');
    for (int h = 0; h < nh; h++) {
        snprintf(head, sizeof head, "MAE h%d", b->horizons[h]);
        ent_table_column(t, 1 + h, head, 'r');
        snprintf(head, sizeof head, "dir. h%d", b->horizons[h]);
        ent_table_column(t, 1 + nh + h, head, 'r');
        snprintf(head, sizeof head, "skill h%d", b->horizons[h]);
        ent_table_column(t, 1 + 2 * nh + h, head, 'r');
    }
    for (int m = 0; m < b->n_models; m++) {
        size_t used = (size_t)snprintf(line, sizeof line, "%s", b->models[m]);

        for (int part = 0; part < 3; part++)
            for (int h = 0; h < nh && used < sizeof line; h++)
                used += score_cell(line + used, sizeof line - used,
                                   ent_backtest_score_of(b, v, m, h), part);
        ent_table_rowf(t, "%s", line);
    }
    ent_table_print(t, out, bold);
    ent_table_free(t);
}

/* "n = 48 / 40 / 40 comparisons per model at h = 1 / 2 / 3". */
static void print_counts(FILE *out, const ent_backtest *b)
{
    int sq = -1;

    for (int m = 0; m < b->n_models; m++)
        if (strcmp(b->models[m], "status_quo") == 0)
            sq = m;
    fputs("Issue forecasts per model at horizon", out);
    for (int h = 0; h < b->n_horizons; h++)
        fprintf(out, "%s h%d: %d (documented %d)", h ? ";" : "", b->horizons[h],
                ent_backtest_score_of(b, 0, sq, h)->n,
                ent_backtest_score_of(b, ENT_BACKTEST_DOCUMENTED, sq, h)->n);
    fputs(".\n", out);
}

static void print_table(FILE *out, const ent_scenario *sc, const ent_whatif *w,
                        const ent_backtest *b, int rows, int bold)
{
    fprintf(out, "Back-test of %s: forecasts against later outcomes\n\n",
            sc->title ? sc->title : sc->name);
    cli_whatif_print(out, w);
    if (w->count)
        fputc('\n', out);
    if (rows) {
        ent_table *t = rows_table(sc, b, NULL);

        ent_table_print(t, out, bold);
        ent_table_free(t);
        fputc('\n', out);
    }
    print_counts(out, b);
    for (int v = 0; v < ENT_BACKTEST_VARIANTS; v++)
        print_variant(out, b, v, bold);
    fprintf(
        out,
        "\nMAE: mean absolute error in issue-scale points.  dir.: forecasts "
        "whose\ndirection of change from the status quo (up, down, or "
        "none within %g%%\nof the scale) matches the observed one.  "
        "skill: 1 - RPS / RPS of a uniform\nforecast over the issue's "
        "anchor bands (> 0 beats uniform); engines from\n%ld ensemble "
        "runs, seed %llu; the baselines as certain forecasts.\n",
        ENT_BACKTEST_DEAD_BAND * 100, b->runs, (unsigned long long)b->seed);
    cli_print_validation(out, b->validation, bold);
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
        print_table(o.f, sc, w, b, a->rows, cli_color(o.f));
    }
    return cli_output_close(&o, 1);
}

int cmd_backtest(int argc, char **argv)
{
    cli_command_args a;
    ent_scenario *sc = NULL;
    ent_backtest *b = NULL;
    ent_whatif w = {0};
    ent_backtest_options bo = {0};
    cli_models models;
    ent_error err;
    int rc;

    ent_error_clear(&err);
    if ((rc = cli_parse_command(argc, argv, "backtest",
                                CLI_TAKES_FORMAT | CLI_TAKES_BACKTEST, usage,
                                &a)) != ENT_EXIT_OK ||
        a.help)
        return rc;
    if ((rc = cli_open_scenario(a.source, &sc)) != 0)
        return rc;
    if ((rc = cli_models_pick(&models, sc, &a.m)) != 0 ||
        (rc = cli_whatif_build(sc, &a.m, &w)) != 0) {
        ent_whatif_free(&w);
        ent_scenario_free(sc);
        return rc;
    }
    bo.runs = a.runs;
    bo.seed = a.seed;
    if (ent_backtest_run_with(sc, &w, models.engines, models.opts, models.count,
                              &bo, &b, &err) != 0)
        rc = cli_report_error(&err);
    else
        rc = write_backtest(&a, sc, &w, b);
    ent_backtest_free(b);
    ent_whatif_free(&w);
    ent_scenario_free(sc);
    return rc;
}
