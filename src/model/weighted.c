/*
 * weighted.c -- capability x salience weighted mean and median of actor
 * positions, shared by the mean, median and eu engines, and the
 * allocation-free sort they use.
 *
 * The median is the Condorcet winner among the actor positions under
 * pairwise majority with weights w: position a beats b exactly when
 * F(a) < F(b), F(p) = sum_k w_k |x_k - p|, so the winner is argmin F.  F is
 * convex and piecewise linear with kinks at the positions; just above a
 * position y its slope is 2 * (weight at or below y) - (total weight).  We
 * sort once and walk the slopes, which is O(n log n) and does not suffer
 * from the rounding of evaluating F itself.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "entente/model.h"

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

/* Merges the sorted runs src[lo..mid) and src[mid..hi) into dst. */
static void merge_runs(const double *x, const int *src, int *dst, int lo,
                       int mid, int hi)
{
    int i = lo, j = mid, k = lo;

    while (i < mid && j < hi)
        dst[k++] = x[src[j]] < x[src[i]] ? src[j++] : src[i++];
    while (i < mid)
        dst[k++] = src[i++];
    while (j < hi)
        dst[k++] = src[j++];
}

/*
 * Few actors: a stable insertion sort, which gives the merge sort's order
 * exactly (a stable sort's order is unique under a strict weak order,
 * which < is on numbers; -0 and +0 tie), in fewer steps on the short and
 * nearly sorted lists of a run's rounds.  Returns -1, sorting nothing, if
 * a position is NaN (< orders no NaN).
 */
#define INSERTION_MAX 32

static int insertion_sort(int n, const double *x, int *order)
{
    for (int i = 0; i < n; i++)
        if (isnan(x[i]))
            return -1;
    for (int i = 0; i < n; i++) {
        const double xi = x[i];
        int j = i;

        for (; j > 0 && xi < x[order[j - 1]]; j--)
            order[j] = order[j - 1];
        order[j] = i;
    }
    return 0;
}

void ent_sort_by_position(int n, const double *x, int *order, int *tmp)
{
    int *src = order, *dst = tmp;

    if (n <= INSERTION_MAX && insertion_sort(n, x, order) == 0)
        return;

    for (int i = 0; i < n; i++)
        order[i] = i;
    for (int width = 1; width < n; width *= 2) {
        for (int lo = 0; lo < n; lo += 2 * width) {
            int mid = lo + width < n ? lo + width : n;
            int hi = lo + 2 * width < n ? lo + 2 * width : n;

            merge_runs(x, src, dst, lo, mid, hi);
        }
        src = dst;
        dst = dst == tmp ? order : tmp;
    }
    if (src != order)
        memcpy(order, src, (size_t)n * sizeof *order);
}

size_t ent_weighted_median_work(int n)
{
    return 2 * (size_t)(n > 0 ? n : 1) * sizeof(int);
}

/* The minimisers of F so far: lowest, highest, and the one held by the
   earliest actor. */
typedef struct tied {
    double lo, hi, first;
    int first_idx;
} tied;

static void tied_add(tied *t, int found, double x, int idx)
{
    if (!found) {
        t->lo = t->hi = t->first = x;
        t->first_idx = idx;
        return;
    }
    t->hi = x;
    if (idx < t->first_idx) {
        t->first_idx = idx;
        t->first = x;
    }
}

static double tied_pick(const tied *t, ent_median_tie tie)
{
    switch (tie) {
    case ENT_MEDIAN_HIGH: return t->hi;
    case ENT_MEDIAN_MID: return 0.5 * (t->lo + t->hi);
    case ENT_MEDIAN_FIRST: return t->first;
    case ENT_MEDIAN_LOW:
    default: return t->lo;
    }
}

/* Walks the distinct positions of the sorted order upwards; the first one
   where F stops falling is a minimiser, and so is every later one reached
   along a flat stretch.  unit: every weight counts as 1. */
static double median_sorted(int n, const double *x, const double *w,
                            const int *order, int unit, ent_median_tie tie)
{
    double total = 0, cum = 0, tol;
    int found = 0;
    tied t = {0, 0, 0, 0};

    for (int i = 0; i < n; i++)
        total += unit ? 1 : w[i];
    tol = 1e-12 * total;
    for (int l = 0; l < n;) {
        double gx = x[order[l]];
        int gfirst = order[l]; /* smallest index: the sort is stable */

        for (; l < n && x[order[l]] == gx; l++)
            cum += unit ? 1 : w[order[l]];
        if (found || 2 * cum - total >= -tol || l == n) {
            tied_add(&t, found, gx, gfirst);
            found = 1;
            if (fabs(2 * cum - total) > tol)
                break;
        }
    }
    return tied_pick(&t, tie);
}

double ent_weighted_median(int n, const double *x, const double *w,
                           ent_median_tie tie, void *work)
{
    int *order;
    double total = 0, med;

    if (n <= 0)
        return NAN;
    order = work ? work : ent_xmalloc(ent_weighted_median_work(n));
    ent_sort_by_position(n, x, order, order + n);
    for (int i = 0; i < n; i++)
        total += w[i];
    med = median_sorted(n, x, w, order, !(total > 0), tie);
    if (!work)
        free(order);
    return med;
}
