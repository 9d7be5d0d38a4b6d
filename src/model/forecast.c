/*
 * forecast.c -- run several engines on one period and look up their
 * results per issue.  One engine failing on one issue is kept as that
 * engine's error there; the other results stand.
 */
#include <math.h>
#include <stdlib.h>

#include "entente/forecast.h"
#include "util/protect.h"

/* Runs model m on every issue it covers; a runtime failure is kept as that
   model's error on the issue, an input error (bad parameters) fails the
   forecast. */
static int run_model(ent_forecast *f, int m, const ent_model_options *o,
                     ent_error *err)
{
    const ent_engine *e = f->engines[m];
    const ent_problem *p = f->problem;
    int slices = e->multidimensional ? 1 : p->n_issues;

    f->traces[m] = ent_xcalloc((size_t)slices, sizeof(ent_trace));
    for (int k = 0; k < slices; k++) {
        ent_error local;
        int rc;

        ent_error_clear(&local);
        rc = ent_model_run_issue(e, p, o, k, &f->traces[m][f->n_traces[m]],
                                 &local);
        if (rc > 0)
            f->n_traces[m]++;
        if (rc >= 0)
            continue;
        if (local.code == ENT_EXIT_INPUT) {
            *err = local;
            return -1;
        }
        for (int j = 0; j < p->n_issues; j++)
            if (!e->multidimensional ? j == k : ent_problem_has_actors(p, j))
                f->errors[(size_t)m * (size_t)p->n_issues + (size_t)j] = local;
        f->n_failed++;
    }
    return 0;
}

static int forecast_run_body(const ent_problem *p,
                             const ent_engine *const *engines,
                             const ent_model_options *opts, int n_models,
                             ent_forecast **out, ent_error *err)
{
    ent_forecast *f = ent_xcalloc(1, sizeof *f);

    f->problem = ent_problem_clone(p);
    f->engines = ent_xcalloc((size_t)n_models, sizeof(const ent_engine *));
    f->traces = ent_xcalloc((size_t)n_models, sizeof(ent_trace *));
    f->n_traces = ent_xcalloc((size_t)n_models, sizeof(int));
    f->errors =
        ent_xcalloc((size_t)n_models * (size_t)p->n_issues, sizeof(ent_error));
    for (int m = 0; m < n_models; m++) {
        f->engines[m] = engines[m];
        f->n_models = m + 1;
        if (run_model(f, m, opts ? &opts[m] : NULL, err) != 0) {
            ent_forecast_free(f);
            *out = NULL;
            return -1;
        }
    }
    *out = f;
    return 0;
}

int ent_forecast_run(const ent_problem *p, const ent_engine *const *engines,
                     const ent_model_options *opts, int n_models,
                     ent_forecast **out, ent_error *err)
{
    ENT_PROTECTED(int, (*out = NULL, -1), err,
                  forecast_run_body(p, engines, opts, n_models, out, err));
}

const ent_error *ent_forecast_error(const ent_forecast *f, int m, int issue)
{
    const ent_error *e =
        &f->errors[(size_t)m * (size_t)f->problem->n_issues + (size_t)issue];

    return e->code ? e : NULL;
}

void ent_forecast_free(ent_forecast *f)
{
    if (!f)
        return;
    for (int m = 0; m < f->n_models; m++) {
        for (int i = 0; i < f->n_traces[m]; i++)
            ent_trace_free(&f->traces[m][i]);
        free(f->traces[m]);
    }
    free(f->traces);
    free(f->n_traces);
    free(f->engines);
    free(f->errors);
    ent_problem_free((ent_problem *)f->problem);
    free(f);
}

const ent_trace *ent_forecast_trace(const ent_forecast *f, int m, int issue,
                                    int *column)
{
    for (int i = 0; i < f->n_traces[m]; i++) {
        const ent_trace *t = &f->traces[m][i];

        for (int j = 0; j < t->d; j++)
            if (t->issues[j] == issue) {
                if (column)
                    *column = j;
                return t;
            }
    }
    return NULL;
}

double ent_forecast_outcome(const ent_forecast *f, int m, int issue)
{
    int col;
    const ent_trace *t = ent_forecast_trace(f, m, issue, &col);

    if (!t)
        return NAN;
    return t->forecast[col];
}

const ent_stop *ent_forecast_stop(const ent_forecast *f, int m, int issue,
                                  double *lo, double *hi)
{
    int col;
    const ent_trace *t = ent_forecast_trace(f, m, issue, &col);

    if (!t)
        return NULL;
    if (lo)
        *lo = t->range_lo[col];
    if (hi)
        *hi = t->range_hi[col];
    return &t->stop;
}

int ent_trace_movers(const ent_trace *t, int column, int k, int *actors,
                     double *moves)
{
    size_t last = (size_t)(t->n_rounds - 1) * (size_t)t->n * (size_t)t->d;
    int count = 0;

    for (int i = 0; i < t->n; i++) {
        size_t cell = (size_t)i * (size_t)t->d + (size_t)column;
        double mv = t->positions[last + cell] - t->positions[cell];
        int at;

        if (fabs(mv) < 1e-9)
            continue;
        /* insertion into the top-k list, largest |move| first */
        for (at = count; at > 0 && fabs(moves[at - 1]) < fabs(mv); at--)
            if (at < k) {
                moves[at] = moves[at - 1];
                actors[at] = actors[at - 1];
            }
        if (at < k) {
            moves[at] = mv;
            actors[at] = t->actors[i];
            if (count < k)
                count++;
        }
    }
    return count;
}

/* Whether model m's forecast on the issue settled within the width the
   headline rule accepts. */
static int settled_narrowly(const ent_forecast *f, int m, int issue)
{
    const ent_problem *p = f->problem;
    double lo, hi, width = p->scale_max[issue] - p->scale_min[issue];
    const ent_stop *st = ent_forecast_stop(f, m, issue, &lo, &hi);

    if (!st || st->reason == ENT_STOPPED_LIMIT)
        return 0;
    return hi - lo <= ENT_HEADLINE_CYCLE_WIDTH * (width > 0 ? width : 1.0);
}

int ent_forecast_headline(const ent_forecast *f, int issue)
{
    int first = -1;

    for (int m = 0; m < f->n_models; m++) {
        if (!ent_forecast_trace(f, m, issue, NULL))
            continue;
        if (first < 0)
            first = m;
        if (settled_narrowly(f, m, issue))
            return m;
    }
    return first;
}
