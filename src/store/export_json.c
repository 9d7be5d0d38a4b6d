/*
 * export_json.c -- forecasts as JSON (jansson) and CSV (back-tests:
 * export_backtest.c).
 */
#include <math.h>
#include <stdio.h>

#include <jansson.h>

#include "entente/export.h"
#include "entente/scenario.h"
#include "store/export_whatif.h"
#include "store/json_text.h"
#include "store/exchanges.h"
#include "util/protect.h"

/* JSON has no NaN: absent values are null. */
static json_t *number_or_null(double v)
{
    return isfinite(v) ? json_real(v) : json_null();
}

static json_t *trace_rounds(const ent_trace *t, int column)
{
    json_t *rounds = json_array();

    for (int r = 0; r < t->n_rounds; r++) {
        json_t *row = json_array();

        for (int i = 0; i < t->n; i++)
            json_array_append_new(
                row,
                json_real(t->positions[((size_t)r * (size_t)t->n + (size_t)i) *
                                           (size_t)t->d +
                                       (size_t)column]));
        json_array_append_new(rounds, row);
    }
    return rounds;
}

static json_t *trace_actor_names(const ent_scenario *sc, const ent_trace *t)
{
    json_t *names = json_array();

    for (int i = 0; i < t->n; i++)
        json_array_append_new(names,
                              ent_json_text(sc->actors[t->actors[i]].name));
    return names;
}

static json_t *bargain_json(const ent_scenario *sc, const ent_trace *t,
                            const ent_bargain *b, int column)
{
    return json_pack(
        "{s:i, s:o, s:o, s:o, s:o, s:b, s:b}", "round", b->round, "initiator",
        ent_json_text(sc->actors[t->actors[b->initiator]].name), "receiver",
        ent_json_text(sc->actors[t->actors[b->receiver]].name),
        "initiator_position", number_or_null(b->initiator_pos[column]),
        "receiver_position", number_or_null(b->receiver_pos[column]),
        "chosen_by_initiator", b->chosen_by_initiator, "chosen_by_receiver",
        b->chosen_by_receiver);
}

/* Engine extras, present only for engines that record them. */
static void add_extras(json_t *o, const ent_scenario *sc, const ent_trace *t,
                       int column)
{
    if (t->effective_power) {
        json_t *power = json_array();

        for (int r = 0; r < t->n_rounds; r++) {
            json_t *row = json_array();

            for (int i = 0; i < t->n; i++)
                json_array_append_new(
                    row, json_real(t->effective_power[(size_t)r * (size_t)t->n +
                                                      (size_t)i]));
            json_array_append_new(power, row);
        }
        json_object_set_new(o, "effective_power", power);
    }
    if (t->stop_ratio) {
        json_t *ratio = json_array();

        for (int r = 0; r < t->n_rounds; r++)
            json_array_append_new(ratio, number_or_null(t->stop_ratio[r]));
        json_object_set_new(o, "stop_ratio", ratio);
    }
    if (t->n_bargains) {
        json_t *list = json_array();

        for (int b = 0; b < t->n_bargains; b++)
            json_array_append_new(list,
                                  bargain_json(sc, t, &t->bargains[b], column));
        json_object_set_new(o, "bargains", list);
    }
}

/* {"rule", "reason", "round", "period", "range": [lo, hi]}: how the run
   ended and the range of the outcome over the rounds the forecast is
   computed from. */
static json_t *stop_json(const ent_stop *st, double lo, double hi)
{
    return json_pack("{s:s, s:s, s:i, s:i, s:i, s:[o, o]}", "rule",
                     ent_stop_rule_names()[st->rule], "reason",
                     ent_stop_reason_name(st->reason), "round", st->round,
                     "period", st->period, "window", st->window, "range",
                     number_or_null(lo), number_or_null(hi));
}

static json_t *failed_entry(const ent_scenario *sc, const ent_forecast *f,
                            int m, int issue, const ent_error *e)
{
    return json_pack("{s:s, s:s, s:n, s:s}", "issue", sc->issues[issue].id,
                     "model", f->engines[m]->name, "outcome", "error", e->msg);
}

static json_t *forecast_entry(const ent_scenario *sc, const ent_forecast *f,
                              int m, int issue)
{
    int col;
    const ent_trace *t = ent_forecast_trace(f, m, issue, &col);
    double outcome = ent_forecast_outcome(f, m, issue);
    const char *label = ent_issue_anchor_label(&sc->issues[issue], outcome);
    json_t *by_round = json_array();
    json_t *o;

    for (int r = 0; r < t->n_rounds; r++)
        json_array_append_new(
            by_round,
            number_or_null(t->outcome[(size_t)r * (size_t)t->d + (size_t)col]));
    o = json_pack("{s:s, s:s, s:o, s:o, s:o, s:o, s:o, s:o}", "issue",
                  sc->issues[issue].id, "model", f->engines[m]->name, "outcome",
                  number_or_null(outcome), "anchor",
                  label ? json_string(label) : json_null(), "stop",
                  stop_json(&t->stop, t->range_lo[col], t->range_hi[col]),
                  "actors", trace_actor_names(sc, t), "rounds",
                  trace_rounds(t, col), "outcome_by_round", by_round);
    add_extras(o, sc, t, col);
    if (t->warning) /* what the engine let pass, e.g. smp on a binary issue */
        json_object_set_new(o, "warning", json_string(t->warning));
    return o;
}

static int dump(json_t *root, FILE *out, ent_error *err)
{
    int rc = json_dumpf(root, out, JSON_INDENT(2) | JSON_REAL_PRECISION(17));

    json_decref(root);
    if (rc != 0 || fputc('\n', out) == EOF)
        return ent_fail(err, ENT_EXIT_RUNTIME, "cannot write JSON output");
    return 0;
}

static int forecast_write_json_body(FILE *out, const ent_scenario *sc,
                                    int period, const ent_whatif *w,
                                    const ent_forecast *f, ent_error *err)
{
    json_t *list = json_array(), *root, *exchanges;

    for (int k = 0; k < sc->n_issues; k++)
        for (int m = 0; m < f->n_models; m++) {
            const ent_error *e = ent_forecast_error(f, m, k);

            if (e)
                json_array_append_new(list, failed_entry(sc, f, m, k, e));
            else if (ent_forecast_trace(f, m, k, NULL))
                json_array_append_new(list, forecast_entry(sc, f, m, k));
        }
    root = json_pack("{s:s, s:s, s:o, s:o, s:o}", "scenario", sc->name,
                     "period", sc->periods.items[period], "shocks",
                     ent_whatif_shocks_json(w, sc), "whatifs",
                     ent_whatif_json(w, sc), "forecasts", list);
    exchanges = ent_exchanges_json(sc, f);
    if (exchanges)
        json_object_set_new(root, "exchanges", exchanges);
    return dump(root, out, err);
}

int ent_forecast_write_json(FILE *out, const ent_scenario *sc, int period,
                            const ent_whatif *w, const ent_forecast *f,
                            ent_error *err)
{
    ENT_PROTECTED(int, -1, err,
                  forecast_write_json_body(out, sc, period, w, f, err));
}

static int forecast_write_csv_body(FILE *out, const ent_scenario *sc,
                                   int period, const ent_whatif *w,
                                   const ent_forecast *f, ent_error *err)
{
    fputs("period,issue,model,round,actor,position,outcome,whatif\n", out);
    for (int k = 0; k < sc->n_issues; k++)
        for (int m = 0; m < f->n_models; m++) {
            int col;
            const ent_trace *t = ent_forecast_trace(f, m, k, &col);

            for (int r = 0; t && r < t->n_rounds; r++)
                for (int i = 0; i < t->n; i++) {
                    size_t cell =
                        ((size_t)r * (size_t)t->n + (size_t)i) * (size_t)t->d +
                        (size_t)col;

                    ent_csv_field(out, sc->periods.items[period]);
                    fprintf(out, ",%s,%s,%d,", sc->issues[k].id,
                            f->engines[m]->name, r);
                    ent_csv_field(out, sc->actors[t->actors[i]].id);
                    fprintf(out, ",%.17g,%.17g,", t->positions[cell],
                            t->outcome[(size_t)r * (size_t)t->d + (size_t)col]);
                    ent_whatif_csv_field(out, w);
                    fputc('\n', out);
                }
        }
    if (ferror(out))
        return ent_fail(err, ENT_EXIT_RUNTIME, "cannot write CSV output");
    return 0;
}

int ent_forecast_write_csv(FILE *out, const ent_scenario *sc, int period,
                           const ent_whatif *w, const ent_forecast *f,
                           ent_error *err)
{
    ENT_PROTECTED(int, -1, err,
                  forecast_write_csv_body(out, sc, period, w, f, err));
}
