/*
 * forecast.c -- run several engines on one period and look up their
 * results per issue.
 */
#include <math.h>
#include <stdlib.h>

#include "entente/forecast.h"

int ent_forecast_run(const ent_problem *p, const ent_engine *const *engines,
                     const ent_model_options *opts, int n_models,
                     ent_forecast **out, ent_error *err)
{
    ent_forecast *f = ent_xcalloc(1, sizeof *f);

    f->problem = p;
    f->engines = ent_xcalloc((size_t)n_models, sizeof(const ent_engine *));
    f->traces = ent_xcalloc((size_t)n_models, sizeof(ent_trace *));
    f->n_traces = ent_xcalloc((size_t)n_models, sizeof(int));
    for (int m = 0; m < n_models; m++) {
        f->engines[m] = engines[m];
        f->n_models = m + 1;
        if (ent_model_run(engines[m], p, &opts[m], &f->traces[m],
                          &f->n_traces[m], err) != 0) {
            ent_forecast_free(f);
            *out = NULL;
            return -1;
        }
    }
    *out = f;
    return 0;
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
    return t->outcome[(size_t)(t->n_rounds - 1) * (size_t)t->d + (size_t)col];
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
