/*
 * run.c -- `entente run`: forecast a scenario period with one or more
 * models and print the forecast table, CSV or JSON.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

static const char usage[] =
    "usage: entente run [SOURCE] [--model LIST] [--period P] [--rounds N]\n"
    "                   [--stop settle|rounds] [--tolerance X]\n"
    "                   [--format table|csv|json|exchanges] [-o FILE]\n"
    "                   [--param ENGINE.NAME=VALUE] [--smp-param NAME=VALUE]\n"
    "                   [--eu-param NAME=VALUE] [--shock EVENT]\n"
    "                   [--set ACTOR:ISSUE:FIELD=VALUE] [--drop ACTOR]\n"
    "                   [--whatif FILE]\n\n"
    "Runs the models on one period of SOURCE (a bundled scenario name,\n"
    "a scenario directory, or a BDM, KTAB or Decide input file; default:\n"
    "belarus)\n"
    "and prints, per issue, the forecast with its anchor label, each\n"
    "model's value and the actors who moved most.\n\n"
    "  --model LIST   comma-separated: mean, median, eu, smp, exchange\n"
    "                 (default: the scenario's [model] models; the first\n"
    "                 listed model gives the headline forecast)\n"
    "  --period P     period id (default: the scenario's default period)\n"
    "  --stop RULE    settle (default: stop at a fixed point or a cycle) or\n"
    "                 rounds (run exactly the round limit: reproductions)\n"
    "  --rounds N     round limit (default 100 under settle; the engine's\n"
    "                 own, 10 for eu, under rounds)\n"
    "  --tolerance X  settle tolerance, a share of each issue's scale width\n"
    "                 (default 1e-9)\n"
    "  --format F     table (default), csv (positions per round), json,\n"
    "                 exchanges (CSV of the exchange engine's exchanges)\n"
    "  -o FILE        write to FILE (atomically) instead of stdout\n"
    "  --param E.N=V  engine parameter, e.g. --param eu.probability=paper\n"
    "  --smp-param N=V, --eu-param N=V   shorthands for --param\n" CLI_WHATIF_HELP;

/* "name +12.0, name -3.5" for the actors who moved most. */
static void movers_text(const ent_scenario *sc, const ent_forecast *f,
                        int issue, char *buf, size_t size)
{
    int actors[3];
    double moves[3];
    size_t used = 0;

    buf[0] = '\0';
    for (int m = 0; m < f->n_models; m++) {
        int col, k;
        const ent_trace *t = ent_forecast_trace(f, m, issue, &col);

        if (!t || t->n_rounds < 2)
            continue;
        k = ent_trace_movers(t, col, 3, actors, moves);
        for (int i = 0; i < k && used < size; i++)
            used += (size_t)snprintf(buf + used, size - used, "%s%s %+.1f",
                                     i ? ", " : "", sc->actors[actors[i]].id,
                                     moves[i]);
        if (k == 0)
            snprintf(buf, size, "(nobody moved)");
        return;
    }
}

/* A model's value on an issue, marked with how its run ended: "59.3",
   "59.3 (cycle)", "72.5 cycle 64.9-80.0", "64.1 unsettled 60.0-69.5",
   "error" or "-". */
static void model_cell(const ent_forecast *f, int m, int issue, char *buf,
                       size_t size)
{
    double lo, hi, v = ent_forecast_outcome(f, m, issue);
    const ent_stop *st = ent_forecast_stop(f, m, issue, &lo, &hi);

    if (ent_forecast_error(f, m, issue))
        snprintf(buf, size, "error");
    else if (!st || isnan(v))
        snprintf(buf, size, "-");
    else if (st->reason == ENT_STOPPED_CONVERGED)
        snprintf(buf, size, "%.1f", v);
    else if (st->reason == ENT_STOPPED_CYCLE && hi - lo < 0.05)
        snprintf(buf, size, "%.1f (cycle)", v);
    else
        snprintf(buf, size, "%.1f %s %.1f-%.1f", v,
                 st->reason == ENT_STOPPED_CYCLE ? "cycle" : "unsettled", lo,
                 hi);
}

/* The footnotes: every model error, once per model and message. */
static void print_errors(FILE *out, const ent_scenario *sc,
                         const ent_forecast *f)
{
    for (int m = 0; m < f->n_models; m++)
        for (int k = 0; k < sc->n_issues; k++) {
            const ent_error *e = ent_forecast_error(f, m, k);

            if (e)
                fprintf(out, "error: %s on %s: %s\n", f->engines[m]->name,
                        sc->issues[k].id, e->msg);
        }
}

static void print_table(FILE *out, const ent_scenario *sc, int period,
                        const ent_whatif *w, const ent_forecast *f)
{
    char title[512];
    ent_table *t = ent_table_new(4 + f->n_models);
    const char *mover_model = NULL;
    int moved_headline = 0;

    ent_table_column(t, 0, "issue", 'l');
    ent_table_column(t, 1, "forecast", 'r');
    ent_table_column(t, 2, "anchor", 'l');
    for (int m = 0; m < f->n_models; m++)
        ent_table_column(t, 3 + m, f->engines[m]->name, 'r');
    ent_table_column(t, 3 + f->n_models, "moved most", 'l');
    ent_table_max_width(t, 0, 48);
    ent_table_max_width(t, 2, 44);
    for (int m = 0; m < f->n_models && !mover_model; m++)
        if (f->engines[m]->default_rounds)
            mover_model = f->engines[m]->name;
    for (int k = 0; k < sc->n_issues; k++) {
        const char *cells[4 + ENT_MAX_MODELS];
        char values[ENT_MAX_MODELS][48], head[64], movers[256];
        int h = ent_forecast_headline(f, k);
        double v = h < 0 ? NAN : ent_forecast_outcome(f, h, k);
        const char *label = ent_issue_anchor_label(&sc->issues[k], v);

        if (h > 0) {
            model_cell(f, h, k, values[0], sizeof values[0]);
            snprintf(head, sizeof head, "%s [%s]", values[0],
                     f->engines[h]->name);
            moved_headline = 1;
        } else if (h == 0)
            model_cell(f, 0, k, head, sizeof head);
        else
            snprintf(head, sizeof head, "-");
        cells[0] = sc->issues[k].name;
        cells[1] = head;
        cells[2] = label && !isnan(v) ? label : "";
        for (int m = 0; m < f->n_models; m++) {
            model_cell(f, m, k, values[m], sizeof values[m]);
            cells[3 + m] = values[m];
        }
        movers_text(sc, f, k, movers, sizeof movers);
        cells[3 + f->n_models] = movers;
        ent_table_row(t, cells, 4 + f->n_models);
    }
    cli_put_text(out, sc->title ? sc->title : sc->name);
    fputs(", period ", out);
    cli_put_text(out, cli_period_label(sc, period, w, title, sizeof title));
    fputs("\n\n", out);
    cli_whatif_print(out, w);
    if (w->count)
        fputc('\n', out);
    ent_table_print(t, out, cli_color(out));
    fprintf(out,
            "\nforecast = %s outcome%s; anchor = nearest labelled point of "
            "the issue scale;\nmoved most = change from the input position "
            "under %s.\n",
            f->engines[0]->name,
            moved_headline ? " where its run settled, else [the first model "
                             "that settled]"
                           : "",
            mover_model ? mover_model : "(no iterative model)");
    fputs("cycle LO-HI: the run settled into a cycle, the value is its mean; "
          "unsettled LO-HI:\nno fixed point or cycle within the round limit, "
          "the value is the mean of the last rounds.\n",
          out);
    print_errors(out, sc, f);
    ent_table_free(t);
}

/* What engines let pass (e.g. smp on a binary issue), one line each on
   standard error: the forecast itself stays clean for pipes. */
static void print_warnings(const ent_forecast *f)
{
    for (int m = 0; m < f->n_models; m++)
        for (int i = 0; i < f->n_traces[m]; i++) {
            const ent_trace *t = &f->traces[m][i];

            if (t->warning)
                fprintf(stderr, "entente: warning: %s (issue %s%s)\n",
                        t->warning, f->problem->issue_ids[t->issues[0]],
                        t->d > 1 ? " and others" : "");
        }
}

static int write_forecast(const cli_command_args *a, const cli_forecast *fc)
{
    const ent_scenario *sc = fc->sc;
    const ent_forecast *f = fc->forecast;
    int period = fc->in->period;
    cli_output o;
    ent_error err;
    int rc = 0;

    ent_error_clear(&err);
    if ((rc = cli_output_open(&o, a->output)) != 0)
        return rc;
    if (a->format == CLI_JSON)
        rc = ent_forecast_write_json(o.f, sc, period, &fc->whatif, f, &err);
    else if (a->format == CLI_CSV)
        rc = ent_forecast_write_csv(o.f, sc, period, &fc->whatif, f, &err);
    else if (a->format == CLI_EXCHANGES)
        rc = ent_exchanges_write_csv(o.f, sc, period, f, &err);
    else
        print_table(o.f, sc, period, &fc->whatif, f);
    print_warnings(f);
    if (rc != 0) {
        cli_output_close(&o, 0);
        return cli_report_error(&err);
    }
    return cli_output_close(&o, 1);
}

int cmd_run(int argc, char **argv)
{
    cli_command_args a;
    cli_forecast fc;
    int rc;

    if ((rc = cli_parse_command(argc, argv, "run",
                                CLI_TAKES_PERIOD | CLI_TAKES_FORMAT, usage,
                                &a)) != ENT_EXIT_OK ||
        a.help)
        return rc;
    rc = cli_forecast_open(&fc, a.source, &a.m);
    if (fc.forecast) { /* also when every model failed: show the errors */
        int written = write_forecast(&a, &fc);

        rc = written ? written : rc;
    }
    cli_forecast_close(&fc);
    return rc;
}
