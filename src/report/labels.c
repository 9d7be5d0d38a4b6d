/*
 * labels.c -- placement of labels along one axis (end-of-line labels,
 * legend entries): each label is a span that wants a centre; spans are
 * packed into clusters that sit as close to their labels' wanted centres
 * as they can without overlapping, the way direct labels are placed in
 * print graphics.  Also the box overlap test the charts use to drop a
 * label rather than draw it over another.
 */
#include <stdlib.h>

#include "report/svg.h"

/* Indices 0..n-1 ordered by `want` (insertion sort: n is small), ties by
   index. */
static void order_by_want(const svg_span *s, int *order, int n)
{
    for (int i = 0; i < n; i++) {
        int j = i;

        while (j > 0 && s[order[j - 1]].want > s[i].want)
            j--;
        for (int k = i; k > j; k--)
            order[k] = order[k - 1];
        order[j] = i;
    }
}

/* A run of labels placed edge to edge: order[first..last]. */
typedef struct cluster {
    int first, last;
    double top, size; /* extent, gaps included */
    double sum;       /* sum of (want - offset of the centre from top) */
} cluster;

static double clamp_top(double top, double size, double lo, double hi)
{
    if (top + size > hi)
        top = hi - size;
    return top < lo ? lo : top;
}

double svg_place_spans(svg_span *s, int n, double gap, double lo, double hi)
{
    int *order;
    cluster *c;
    int nc = 0;
    double end = lo;

    if (n <= 0)
        return lo;
    order = ent_xmalloc(sizeof *order * (size_t)n);
    c = ent_xmalloc(sizeof *c * (size_t)n);
    order_by_want(s, order, n);
    for (int i = 0; i < n; i++) {
        const svg_span *l = &s[order[i]];

        c[nc] = (cluster){i, i, 0, l->size, l->want - l->size / 2};
        c[nc].top = clamp_top(c[nc].sum, c[nc].size, lo, hi);
        nc++;
        /* merge backwards while the newest cluster overlaps the one
           before it; the merged cluster's top is the mean of what its
           members want */
        while (nc > 1 && c[nc - 2].top + c[nc - 2].size + gap > c[nc - 1].top) {
            cluster *a = &c[nc - 2];
            const cluster *b = &c[nc - 1];
            int members = a->last - a->first + 1, more = b->last - b->first + 1;
            double shift = a->size + gap;

            a->sum += b->sum - shift * more;
            a->size += gap + b->size;
            a->last = b->last;
            a->top = clamp_top(a->sum / (members + more), a->size, lo, hi);
            nc--;
        }
    }
    for (int k = 0; k < nc; k++) {
        double y = c[k].top;

        for (int i = c[k].first; i <= c[k].last; i++) {
            svg_span *l = &s[order[i]];

            l->at = y + l->size / 2;
            y += l->size + gap;
        }
        end = y - gap;
    }
    free(order);
    free(c);
    return end;
}

int svg_boxes_overlap(const double a[4], const double b[4], double slack)
{
    double w = (a[1] < b[1] ? a[1] : b[1]) - (a[0] > b[0] ? a[0] : b[0]);
    double h = (a[3] < b[3] ? a[3] : b[3]) - (a[2] > b[2] ? a[2] : b[2]);

    return w > slack && h > slack;
}
