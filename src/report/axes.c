/*
 * axes.c -- chart axes (ticks, grid lines, titles) and the anchor points
 * of an issue scale drawn as dashed reference lines.  Tick labels that
 * would overlap a neighbour are left out, so an axis stays legible at any
 * chart width.
 */
#include <math.h>
#include <stdio.h>

#include "report/html.h"
#include "report/svg.h"

#define MAX_TICKS 32
#define TICK_GAP 6.0 /* least space between two tick labels */

static int in_scale(const svg_scale *s, double v)
{
    double lo = fmin(s->d0, s->d1), hi = fmax(s->d0, s->d1);

    return isfinite(v) && v >= lo - 1e-9 && v <= hi + 1e-9;
}

/* The anchor values of `issue` inside the scale, in order; the count. */
static int anchor_ticks(const ent_issue *issue, const svg_scale *s,
                        double *ticks, int max)
{
    int n = 0;

    for (int i = 0; issue && i < issue->n_anchors && n < max; i++)
        if (in_scale(s, issue->anchors[i].value))
            ticks[n++] = issue->anchors[i].value;
    return n;
}

void svg_axis_left(FILE *out, const svg_scale *y, double x0, double x1,
                   const ent_issue *issue, const char *title)
{
    double ticks[MAX_TICKS];
    int n = anchor_ticks(issue, y, ticks, MAX_TICKS);
    int anchors = n >= 2;
    double last = INFINITY;
    char buf[32];

    if (!anchors)
        n = svg_ticks(y->d0, y->d1, 5, 0, ticks, MAX_TICKS);
    svg_group_begin(out, "axis-y");
    for (int i = 0; i < n; i++) {
        double py = svg_map(y, ticks[i]);
        int dec = anchors ? (ticks[i] == floor(ticks[i]) ? 0 : 1)
                          : svg_tick_decimals(ticks, n);

        svg_line(out, x0, py, x1, py, "grid");
        svg_line(out, x0 - 4, py, x0, py, "axis");
        if (fabs(last - py) < SVG_LINE)
            continue;
        svg_text(out, x0 - 7, py + 4, "end", anchors ? "tick strong" : "tick",
                 rpt_num(buf, sizeof buf, ticks[i], dec), 0);
        last = py;
    }
    svg_line(out, x0, y->r0, x0, y->r1, "axis");
    if (title && *title)
        svg_text_vertical(out, x0 - 40, (y->r0 + y->r1) / 2, "axis-title",
                          title);
    svg_group_end(out);
}

void svg_axis_bottom(FILE *out, const svg_scale *x, double bottom, int integer,
                     const char *title)
{
    double ticks[MAX_TICKS];
    int target = (int)(fabs(x->r1 - x->r0) / 60) + 1;
    int n = svg_ticks(x->d0, x->d1, target, integer ? 1 : 0, ticks, MAX_TICKS);
    int dec = integer ? 0 : svg_tick_decimals(ticks, n);
    double right = -INFINITY;
    char buf[32];

    svg_group_begin(out, "axis-x");
    svg_line(out, x->r0, bottom, x->r1, bottom, "axis");
    for (int i = 0; i < n; i++) {
        double px = svg_map(x, ticks[i]);
        const char *label = rpt_num(buf, sizeof buf, ticks[i], dec);
        double half = svg_text_width(label, SVG_FONT) / 2;

        svg_line(out, px, bottom, px, bottom + 4, "axis");
        if (px - half < right + TICK_GAP)
            continue;
        svg_text(out, px, bottom + 17, "middle", "tick", label, 0);
        right = px + half;
    }
    if (title && *title)
        svg_text(out, (x->r0 + x->r1) / 2, bottom + 36, "middle", "axis-title",
                 title, 0);
    svg_group_end(out);
}

/* 1 when label i, centred at centres[i], would overlap the one `step`
   before it. */
static int crowded(const double *centres, const char *const *labels, int i,
                   int step)
{
    return i >= step && centres[i] - svg_text_width(labels[i], SVG_FONT) / 2 <
                            centres[i - step] +
                                svg_text_width(labels[i - step], SVG_FONT) / 2 +
                                TICK_GAP;
}

int svg_category_rows(const double *centres, const char *const *labels, int n)
{
    for (int i = 1; i < n; i++)
        if (crowded(centres, labels, i, 1))
            return 2;
    return 1;
}

void svg_axis_categories(FILE *out, const double *centres,
                         const char *const *labels, int n, double bottom,
                         const char *title)
{
    int rows = svg_category_rows(centres, labels, n);

    svg_group_begin(out, "axis-x");
    for (int i = 0; i < n; i++) {
        double y = bottom + 17 + (rows == 2 && i % 2 ? SVG_LINE : 0);

        svg_line(out, centres[i], bottom, centres[i], y - 12, "axis");
        /* two rows and still crowded: left out */
        if (rows == 2 && crowded(centres, labels, i, 2))
            continue;
        svg_text(out, centres[i], y, "middle", "tick strong", labels[i], 0);
    }
    if (title && *title && n > 0)
        svg_text(out, (centres[0] + centres[n - 1]) / 2,
                 bottom + 36 + (rows - 1) * SVG_LINE, "middle", "axis-title",
                 title, 0);
    svg_group_end(out);
}

void svg_anchors_horizontal(FILE *out, const ent_issue *issue,
                            const svg_scale *y, double x0, double x1)
{
    for (int i = 0; i < issue->n_anchors; i++) {
        const ent_anchor *a = &issue->anchors[i];

        if (!in_scale(y, a->value))
            continue;
        svg_group_begin(out, "anchor");
        svg_tooltip(out, "anchor %g = %s", a->value, rpt_str(a->label));
        svg_line(out, x0, svg_map(y, a->value), x1, svg_map(y, a->value),
                 "anchor-line");
        svg_group_end(out);
    }
}

void svg_anchors_vertical(FILE *out, const ent_issue *issue, const svg_scale *x,
                          double y0, double y1)
{
    double right = -INFINITY;
    char buf[32];

    for (int i = 0; i < issue->n_anchors; i++) {
        const ent_anchor *a = &issue->anchors[i];
        double px, half;

        if (!in_scale(x, a->value))
            continue;
        px = svg_map(x, a->value);
        snprintf(buf, sizeof buf, "%g", a->value);
        half = svg_text_width(buf, SVG_FONT) / 2;
        svg_group_begin(out, "anchor");
        svg_tooltip(out, "anchor %g = %s", a->value, rpt_str(a->label));
        svg_line(out, px, y0, px, y1, "anchor-line");
        if (px - half >= right + TICK_GAP) {
            svg_text(out, px, y0 - 6, "middle", "anchor-value", buf, 0);
            right = px + half;
        }
        svg_group_end(out);
    }
}
