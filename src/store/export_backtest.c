/*
 * export_backtest.c -- a back-test as JSON: one object per row (forecast
 * period, target period, horizon, basis, break flag, forecasts plain and
 * with shocks, probabilistic scores), the MAE per model over all rows, the
 * per-model, per-horizon summaries of every variant, and the validation.
 */
#include <math.h>
#include <stdio.h>

#include <jansson.h>

#include "entente/export.h"
#include "entente/scenario.h"
#include "store/export_validation.h"
#include "store/export_whatif.h"
#include "store/json_text.h"
#include "util/protect.h"

/* JSON has no NaN: absent values are null. */
static json_t *number_or_null(double v)
{
    return isfinite(v) ? json_real(v) : json_null();
}

/* The ids of the shock events between the row's periods. */
static json_t *shock_ids(const ent_scenario *sc, const ent_backtest_row *row)
{
    json_t *ids = json_array();
    int ev[64];
    int n = row->n_shocks > 0
                ? ent_backtest_shocks(sc, row->period, row->target, ev, 64)
                : 0;

    for (int i = 0; i < n; i++)
        json_array_append_new(ids, ent_json_text(sc->events[ev[i]].id));
    return ids;
}

static json_t *row_json(const ent_scenario *sc, const ent_backtest_row *row)
{
    json_t *o = json_pack(
        "{s:o, s:o, s:i, s:o, s:s, s:o, s:o, s:o}", "period",
        ent_json_text(sc->periods.items[row->period]), "target",
        ent_json_text(sc->periods.items[row->target]), "horizon", row->horizon,
        "issue", ent_json_text(sc->issues[row->issue].id), "model", row->model,
        "forecast", number_or_null(row->forecast), "observed",
        number_or_null(row->observed), "error",
        number_or_null(row->forecast - row->observed));

    json_object_set_new(o, "basis",
                        json_string(row->inferred ? "inferred" : "documented"));
    json_object_set_new(o, "break", json_boolean(row->spans_break));
    json_object_set_new(o, "status_quo", number_or_null(row->status_quo));
    json_object_set_new(o, "forecast_shocks",
                        number_or_null(row->forecast_shocks));
    json_object_set_new(o, "shocks", shock_ids(sc, row));
    json_object_set_new(o, "rps", number_or_null(row->rps));
    json_object_set_new(o, "rps_shocks", number_or_null(row->rps_shocks));
    json_object_set_new(o, "rps_uniform", number_or_null(row->rps_uniform));
    return o;
}

static json_t *score_json(const ent_backtest *b, int v, int m, int h)
{
    const ent_backtest_score *s = ent_backtest_score_of(b, v, m, h);

    return json_pack(
        "{s:s, s:s, s:s, s:b, s:s, s:i, s:i, s:o, s:i, s:i, s:o, s:i, s:o, "
        "s:o, s:o}",
        "variant", ent_backtest_variant_name(v), "basis",
        v & ENT_BACKTEST_DOCUMENTED ? "documented" : "all", "breaks",
        v & ENT_BACKTEST_NO_BREAKS ? "excluded" : "included", "shocks",
        (v & ENT_BACKTEST_SHOCKS) != 0, "model", b->models[m], "horizon",
        b->horizons[h], "n", s->n, "mae", number_or_null(s->mae),
        "direction_hits", s->hits, "direction_n", s->n_direction, "hit_rate",
        number_or_null(s->n_direction ? (double)s->hits / s->n_direction : NAN),
        "rps_n", s->n_rps, "rps", number_or_null(s->rps), "rps_uniform",
        number_or_null(s->rps_uniform), "skill", number_or_null(s->skill));
}

static json_t *summaries_json(const ent_backtest *b)
{
    json_t *list = json_array();

    for (int v = 0; v < ENT_BACKTEST_VARIANTS; v++)
        for (int m = 0; m < b->n_models; m++)
            for (int h = 0; h < b->n_horizons; h++)
                json_array_append_new(list, score_json(b, v, m, h));
    return list;
}

static json_t *method_json(const ent_backtest *b)
{
    json_t *horizons = json_array();

    for (int h = 0; h < b->n_horizons; h++)
        json_array_append_new(horizons, json_integer(b->horizons[h]));
    return json_pack("{s:o, s:f, s:I, s:I, s:f}", "horizons", horizons,
                     "dead_band", ENT_BACKTEST_DEAD_BAND, "runs",
                     (json_int_t)b->runs, "seed", (json_int_t)b->seed, "noise",
                     b->noise);
}

static int backtest_write_json_body(FILE *out, const ent_scenario *sc,
                                    const ent_whatif *w, const ent_backtest *b,
                                    ent_error *err)
{
    json_t *rows = json_array(), *mae = json_object(), *count = json_object();
    json_t *root, *method = method_json(b);
    int rc;

    for (int r = 0; r < b->n_rows; r++)
        json_array_append_new(rows, row_json(sc, &b->rows[r]));
    for (int m = 0; m < b->n_models; m++) {
        json_object_set_new(mae, b->models[m], number_or_null(b->mae[m]));
        json_object_set_new(count, b->models[m], json_integer(b->count[m]));
    }
    root = json_pack("{s:s, s:o, s:o, s:o, s:o, s:o, s:o}", "scenario",
                     sc->name, "whatifs", ent_whatif_json(w, sc), "rows", rows,
                     "mae", mae, "count", count, "validation",
                     b->validation ? ent_validation_json(b->validation)
                                   : json_null(),
                     "summaries", summaries_json(b));
    json_object_set(root, "horizons", json_object_get(method, "horizons"));
    json_object_del(method, "horizons");
    json_object_set_new(root, "method", method);
    rc = json_dumpf(root, out, JSON_INDENT(2) | JSON_REAL_PRECISION(17));
    json_decref(root);
    if (rc != 0 || fputc('\n', out) == EOF)
        return ent_fail(err, ENT_EXIT_RUNTIME, "cannot write JSON output");
    return 0;
}

int ent_backtest_write_json(FILE *out, const ent_scenario *sc,
                            const ent_whatif *w, const ent_backtest *b,
                            ent_error *err)
{
    ENT_PROTECTED(int, -1, err, backtest_write_json_body(out, sc, w, b, err));
}
