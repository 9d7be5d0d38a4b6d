/*
 * weighted.c -- capability x salience weighted mean and median of actor
 * positions, shared by the mean, median and eu engines.
 *
 * The median is the Condorcet winner among the actor positions under
 * pairwise majority with weights w: position a beats b exactly when
 * F(a) < F(b), F(p) = sum_k w_k |x_k - p|, so the winner is argmin F.  F is
 * convex and piecewise linear with kinks at the positions; between two
 * neighbouring distinct positions y_g < y_{g+1} its slope is
 * (weight at or below y_g) - (weight above y_g).  We sort once and walk the
 * slopes, which is O(n log n) and does not suffer from the rounding of
 * evaluating F directly.
 */
#include <math.h>
#include <stdlib.h>

#include "entente/model.h"

/* One actor in the sorted scratch array. */
typedef struct wpoint {
    double x, w;
    int idx;
} wpoint;

double ent_weighted_mean(int n, const double *x, const double *w)
{
    double num = 0, den = 0, plain = 0;

    if (n <= 0)
        return NAN;
    for (int i = 0; i < n; i++) {
        num += w[i] * x[i];
        den += w[i];
        plain += x[i];
    }
    return den > 0 ? num / den : plain / n;
}

const char *const *ent_median_tie_names(void)
{
    static const char *const names[] = {"low", "high", "mid", "first", NULL};

    return names;
}

size_t ent_weighted_median_work(int n)
{
    return (size_t)(n > 0 ? n : 1) * sizeof(wpoint);
}

static int wpoint_cmp(const void *a, const void *b)
{
    const wpoint *p = a, *q = b;

    if (p->x != q->x)
        return p->x < q->x ? -1 : 1;
    return (p->idx > q->idx) - (p->idx < q->idx);
}

/*
 * Merges equal positions of the sorted array in place: each group keeps its
 * position, the sum of its weights and the smallest actor index.  Returns
 * the number of groups.
 */
static int merge_groups(wpoint *pt, int n)
{
    int m = 0;

    for (int i = 0; i < n; i++) {
        if (m > 0 && pt[m - 1].x == pt[i].x) {
            pt[m - 1].w += pt[i].w;
            continue;   /* sorted by index within a position: keep first */
        }
        pt[m++] = pt[i];
    }
    return m;
}

/* Picks among the tied groups lo..hi by the tie rule. */
static double break_tie(const wpoint *g, int lo, int hi, ent_median_tie tie)
{
    int best = lo;

    switch (tie) {
    case ENT_MEDIAN_HIGH:
        return g[hi].x;
    case ENT_MEDIAN_MID:
        return 0.5 * (g[lo].x + g[hi].x);
    case ENT_MEDIAN_FIRST:
        for (int i = lo + 1; i <= hi; i++)
            if (g[i].idx < g[best].idx)
                best = i;
        return g[best].x;
    case ENT_MEDIAN_LOW:
    default:
        return g[lo].x;
    }
}

static double median_sorted(wpoint *pt, int n, ent_median_tie tie)
{
    double total = 0, cum, tol;
    int m, lo, hi;

    for (int i = 0; i < n; i++)
        total += pt[i].w;
    if (!(total > 0)) {             /* no weight: the unweighted median */
        for (int i = 0; i < n; i++)
            pt[i].w = 1;
        total = n;
    }
    m = merge_groups(pt, n);
    tol = 1e-12 * total;
    /* The slope of F after group g is 2 * cum_g - total, cum_g the weight
       at or below y_g; the first g where it stops being negative is a
       minimiser. */
    lo = 0;
    cum = pt[0].w;
    while (lo < m - 1 && 2 * cum - total < -tol)
        cum += pt[++lo].w;
    /* Following groups joined by a flat stretch are minimisers too. */
    hi = lo;
    while (hi < m - 1 && fabs(2 * cum - total) <= tol)
        cum += pt[++hi].w;
    return break_tie(pt, lo, hi, tie);
}

double ent_weighted_median(int n, const double *x, const double *w,
                           ent_median_tie tie, void *work)
{
    wpoint *pt;
    double med;

    if (n <= 0)
        return NAN;
    pt = work ? work : ent_xmalloc(ent_weighted_median_work(n));
    for (int i = 0; i < n; i++) {
        pt[i].x = x[i];
        pt[i].w = w[i];
        pt[i].idx = i;
    }
    qsort(pt, (size_t)n, sizeof *pt, wpoint_cmp);
    med = median_sorted(pt, n, tie);
    if (!work)
        free(pt);
    return med;
}
