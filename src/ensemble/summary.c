/*
 * summary.c -- what a column of run outcomes says: mean, standard
 * deviation, median, 5th and 95th percentiles (Hyndman & Fan type 7), and
 * the share of runs in each anchor band of the issue scale.
 *
 * Summaries are computed after all runs, in run order, on a sorted copy,
 * so they depend on the outcomes only -- never on threads or processes.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "entente/ensemble.h"
#include "util/protect.h"

double ent_quantile_sorted(const double *v, long n, double q)
{
    double h, frac;
    long lo;

    if (n <= 0)
        return NAN;
    if (q <= 0)
        return v[0];
    if (q >= 1)
        return v[n - 1];
    h = (double)(n - 1) * q;
    lo = (long)floor(h);
    frac = h - (double)lo;
    if (lo + 1 >= n)
        return v[n - 1];
    return v[lo] + frac * (v[lo + 1] - v[lo]);
}

static ent_band *bands_of_issue_body(const ent_issue *issue)
{
    int n = issue->n_anchors;
    ent_band *b;

    if (n <= 0)
        return NULL;
    b = ent_xcalloc((size_t)n, sizeof *b);
    for (int i = 0; i < n; i++) {
        const ent_anchor *an = &issue->anchors[i];

        b[i].anchor = an->value;
        b[i].label = ent_xstrdup(an->label ? an->label : "");
        b[i].lower =
            i == 0 ? issue->min : (issue->anchors[i - 1].value + an->value) / 2;
        b[i].upper = i == n - 1 ? issue->max
                                : (an->value + issue->anchors[i + 1].value) / 2;
    }
    return b;
}

ent_band *ent_bands_of_issue(const ent_issue *issue)
{
    ENT_PROTECTED(ent_band *, NULL, NULL, bands_of_issue_body(issue));
}

void ent_bands_free(ent_band *bands, int n)
{
    if (!bands)
        return;
    for (int i = 0; i < n; i++)
        free(bands[i].label);
    free(bands);
}

int ent_band_index(const ent_band *bands, int n, double v)
{
    for (int i = 0; i < n - 1; i++)
        if (v < bands[i].upper)
            return i;
    return n - 1;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;

    return (x > y) - (x < y);
}

/* Mean and sample standard deviation, summed in order. */
static void moments(const double *v, long n, double *mean, double *sd)
{
    double sum = 0, ss = 0;

    for (long i = 0; i < n; i++)
        sum += v[i];
    *mean = n > 0 ? sum / (double)n : NAN;
    for (long i = 0; i < n; i++)
        ss += (v[i] - *mean) * (v[i] - *mean);
    *sd = n > 1 ? sqrt(ss / (double)(n - 1)) : 0;
}

static int summarize_body(const double *x, long n, long stride,
                          const ent_band *bands, int n_bands, ent_summary *s)
{
    double *v = ent_xmalloc((size_t)(n > 0 ? n : 1) * sizeof(double));
    long m = 0;

    for (long i = 0; i < n; i++) {
        double y = x[(size_t)i * (size_t)stride];

        if (isfinite(y))
            v[m++] = y;
    }
    s->n = m;
    moments(v, m, &s->mean, &s->sd);
    free(s->band_prob);
    s->band_prob = NULL;
    if (n_bands > 0) {
        s->band_prob = ent_xcalloc((size_t)n_bands, sizeof(double));
        for (long i = 0; i < m; i++)
            s->band_prob[ent_band_index(bands, n_bands, v[i])] += 1;
        for (int b = 0; b < n_bands; b++)
            s->band_prob[b] = m > 0 ? s->band_prob[b] / (double)m : NAN;
    }
    qsort(v, (size_t)m, sizeof(double), cmp_double);
    s->median = ent_quantile_sorted(v, m, 0.5);
    s->p5 = ent_quantile_sorted(v, m, 0.05);
    s->p95 = ent_quantile_sorted(v, m, 0.95);
    free(v);
    return 0;
}

int ent_summarize(const double *x, long n, long stride, const ent_band *bands,
                  int n_bands, ent_summary *s)
{
    ENT_PROTECTED_INT(NULL, summarize_body(x, n, stride, bands, n_bands, s));
}

void ent_count_stops(const double *x, long n, long stride, ent_summary *s)
{
    s->n_converged = s->n_cycle = s->n_limit = 0;
    for (long i = 0; i < n; i++) {
        double v = x[i * stride];

        if (v == ENT_STOPPED_CONVERGED)
            s->n_converged++;
        else if (v == ENT_STOPPED_CYCLE)
            s->n_cycle++;
        else if (v == ENT_STOPPED_LIMIT)
            s->n_limit++;
    }
}
