/*
 * backtest_score.c -- the scores of a back-test: which periods a forecast
 * is judged against, the trend baseline, the ranked probability score, and
 * per model, horizon and variant the mean absolute error, the direction
 * hit rate and the probabilistic skill against a uniform forecast.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "model/backtest.h"

static int has_outcomes(const ent_scenario *sc, int period)
{
    for (int i = 0; i < sc->n_outcomes; i++)
        if (sc->outcomes[i].period == period)
            return 1;
    return 0;
}

int backtest_targets(const ent_scenario *sc, int t, int *targets)
{
    int y = ent_scenario_period_year(sc, t), n = 0;

    if (y == 0) {
        if (!has_outcomes(sc, t))
            return 0;
        targets[0] = t;
        return 1;
    }
    for (int h = 1; h <= ENT_BACKTEST_MAX_HORIZON; h++)
        for (int q = t + 1; q < sc->periods.count; q++)
            if (ent_scenario_period_year(sc, q) == y + h) {
                if (has_outcomes(sc, q))
                    targets[n++] = q;
                break;
            }
    return n;
}

int ent_backtest_shocks(const ent_scenario *sc, int period, int target,
                        int *events, int max)
{
    int from = ent_scenario_period_year(sc, period);
    int to = ent_scenario_period_year(sc, target), n = 0;

    for (int i = 0; i < sc->n_events && n < max; i++) {
        const ent_event *e = &sc->events[i];

        if (e->n_shocks > 0 && e->year > from && e->year <= to)
            events[n++] = i;
    }
    return n;
}

double ent_backtest_trend(const ent_scenario *sc, int period, int issue,
                          int horizon)
{
    const ent_issue *is = &sc->issues[issue];
    double sq = ent_scenario_status_quo(sc, period, issue), slope = 0, v;
    int y = ent_scenario_period_year(sc, period);

    if (isnan(sq))
        return NAN;
    for (int q = period - 1; q >= 0; q--) {
        int yq = ent_scenario_period_year(sc, q);
        double before = ent_scenario_status_quo(sc, q, issue);

        if (yq > 0 && yq < y && !isnan(before)) {
            slope = (sq - before) / (y - yq);
            break;
        }
    }
    v = sq + horizon * slope;
    return v < is->min ? is->min : v > is->max ? is->max : v;
}

double ent_rps(const double *prob, int n, int observed)
{
    double cum = 0, sum = 0;

    if (n < 2)
        return 0;
    for (int j = 0; j < n - 1; j++) {
        double d;

        cum += prob[j];
        d = cum - (j >= observed ? 1.0 : 0.0);
        sum += d * d;
    }
    return sum / (n - 1);
}

/* -1, 0 or +1: the direction of a change on a scale of this width. */
static int direction(double change, double width)
{
    if (fabs(change) <= ENT_BACKTEST_DEAD_BAND * width)
        return 0;
    return change > 0 ? 1 : -1;
}

static int keep(const ent_backtest_row *r, int variant)
{
    if ((variant & ENT_BACKTEST_DOCUMENTED) && r->inferred)
        return 0;
    return !((variant & ENT_BACKTEST_NO_BREAKS) && r->spans_break);
}

static void add_to(ent_backtest_score *s, const ent_scenario *sc,
                   const ent_backtest_row *r, int shocks)
{
    const ent_issue *is = &sc->issues[r->issue];
    double f = shocks ? r->forecast_shocks : r->forecast;
    double rps = shocks ? r->rps_shocks : r->rps;

    if (!isfinite(f))
        return;
    s->n++;
    s->mae += fabs(f - r->observed);
    if (isfinite(r->status_quo)) {
        double width = is->max - is->min;

        s->n_direction++;
        s->hits += direction(f - r->status_quo, width) ==
                   direction(r->observed - r->status_quo, width);
    }
    if (isfinite(rps) && isfinite(r->rps_uniform)) {
        s->n_rps++;
        s->rps += rps;
        s->rps_uniform += r->rps_uniform;
    }
}

static void finish(ent_backtest_score *s)
{
    s->mae = s->n ? s->mae / s->n : NAN;
    if (s->n_rps == 0) {
        s->rps = s->rps_uniform = s->skill = NAN;
        return;
    }
    s->rps /= s->n_rps;
    s->rps_uniform /= s->n_rps;
    s->skill = s->rps_uniform > 0 ? 1 - s->rps / s->rps_uniform : NAN;
}

static void collect_horizons(ent_backtest *b)
{
    b->n_horizons = 0;
    for (int h = 0; h <= ENT_BACKTEST_MAX_HORIZON; h++)
        for (int r = 0; r < b->n_rows; r++)
            if (b->rows[r].horizon == h) {
                b->horizons[b->n_horizons++] = h;
                break;
            }
}

static int model_of(const ent_backtest *b, const char *name)
{
    for (int m = 0; m < b->n_models; m++)
        if (strcmp(b->models[m], name) == 0)
            return m;
    return -1;
}

void backtest_score(const ent_scenario *sc, ent_backtest *b)
{
    size_t n;
    int h_index[ENT_BACKTEST_MAX_HORIZON + 1];

    collect_horizons(b);
    n = (size_t)ENT_BACKTEST_VARIANTS * (size_t)b->n_models *
        (size_t)b->n_horizons;
    b->scores = ent_xcalloc(n + 1, sizeof *b->scores);
    for (int h = 0; h < b->n_horizons; h++)
        h_index[b->horizons[h]] = h;
    for (int r = 0; r < b->n_rows; r++) {
        const ent_backtest_row *row = &b->rows[r];
        int m = model_of(b, row->model);

        if (m < 0)
            continue;
        for (int v = 0; v < ENT_BACKTEST_VARIANTS; v++)
            if (keep(row, v))
                add_to(
                    &b->scores[((size_t)v * (size_t)b->n_models + (size_t)m) *
                                   (size_t)b->n_horizons +
                               (size_t)h_index[row->horizon]],
                    sc, row, (v & ENT_BACKTEST_SHOCKS) != 0);
    }
    for (size_t i = 0; i < n; i++)
        finish(&b->scores[i]);
}

const ent_backtest_score *ent_backtest_score_of(const ent_backtest *b,
                                                int variant, int m, int h)
{
    if (!b->scores || variant < 0 || variant >= ENT_BACKTEST_VARIANTS ||
        m < 0 || m >= b->n_models || h < 0 || h >= b->n_horizons)
        return NULL;
    return &b->scores[((size_t)variant * (size_t)b->n_models + (size_t)m) *
                          (size_t)b->n_horizons +
                      (size_t)h];
}

const char *ent_backtest_variant_name(int variant)
{
    static const char *const names[ENT_BACKTEST_VARIANTS] = {
        "all",
        "documented",
        "all_no_breaks",
        "documented_no_breaks",
        "all_shocks",
        "documented_shocks",
        "all_no_breaks_shocks",
        "documented_no_breaks_shocks",
    };

    return variant >= 0 && variant < ENT_BACKTEST_VARIANTS ? names[variant]
                                                           : "?";
}
