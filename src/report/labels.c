/*
 * labels.c -- direct labels at the end of lines: spread their y positions
 * so neighbours do not overlap, moving each as little as possible.
 */
#include <stdlib.h>

#include "report/svg.h"

/* Indices 0..n-1 ordered by y (insertion sort: n is small), ties by
   index. */
static void order_by_y(const double *y, int *order, int n)
{
    for (int i = 0; i < n; i++) {
        int j = i;

        while (j > 0 && y[order[j - 1]] > y[i])
            j--;
        for (int k = i; k > j; k--)
            order[k] = order[k - 1];
        order[j] = i;
    }
}

void svg_spread_labels(double *y, int n, double gap, double lo, double hi)
{
    int *order;

    if (n <= 0)
        return;
    order = ent_xmalloc(sizeof *order * (size_t)n);
    order_by_y(y, order, n);
    /* top-down: push each label below its upper neighbour */
    if (y[order[0]] < lo)
        y[order[0]] = lo;
    for (int i = 1; i < n; i++)
        if (y[order[i]] < y[order[i - 1]] + gap)
            y[order[i]] = y[order[i - 1]] + gap;
    /* bottom-up: pull the overflow back inside, pushing upwards */
    if (y[order[n - 1]] > hi)
        y[order[n - 1]] = hi;
    for (int i = n - 2; i >= 0; i--)
        if (y[order[i]] > y[order[i + 1]] - gap)
            y[order[i]] = y[order[i + 1]] - gap;
    /* if it did not fit, the top wins */
    if (y[order[0]] < lo)
        for (int i = 0; i < n; i++)
            y[order[i]] =
                lo + i * gap > y[order[i]] ? lo + i * gap : y[order[i]];
    free(order);
}
