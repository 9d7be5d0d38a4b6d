/*
 * axes.c -- chart axes (ticks, grid lines, titles) and the labelled anchor
 * points of an issue scale drawn as reference lines.
 */
#include <math.h>
#include <stdio.h>

#include "report/html.h"
#include "report/svg.h"

#define MAX_TICKS 32
#define TICK_FONT 11.0
#define ANCHOR_FONT 10.5

void svg_axis_left(FILE *out, const svg_scale *y, double x0, double x1,
                   const char *title)
{
    double ticks[MAX_TICKS];
    int n = svg_ticks(y->d0, y->d1, 5, 0, ticks, MAX_TICKS);
    int dec = svg_tick_decimals(ticks, n);
    char buf[32];

    svg_group_begin(out, "axis-y");
    for (int i = 0; i < n; i++) {
        double py = svg_map(y, ticks[i]);

        svg_line(out, x0, py, x1, py, "grid");
        svg_line(out, x0 - 4, py, x0, py, "axis");
        svg_text(out, x0 - 7, py + 3.5, "end", "tick",
                 rpt_num(buf, sizeof buf, ticks[i], dec), 0);
    }
    svg_line(out, x0, y->r0, x0, y->r1, "axis");
    if (title && *title)
        svg_text_vertical(out, x0 - 38, (y->r0 + y->r1) / 2, "axis-title",
                          title);
    svg_group_end(out);
}

void svg_axis_bottom(FILE *out, const svg_scale *x, double bottom, int integer,
                     const char *title)
{
    double ticks[MAX_TICKS];
    int n = svg_ticks(x->d0, x->d1, 10, integer ? 1 : 0, ticks, MAX_TICKS);
    int dec = integer ? 0 : svg_tick_decimals(ticks, n);
    char buf[32];

    svg_group_begin(out, "axis-x");
    svg_line(out, x->r0, bottom, x->r1, bottom, "axis");
    for (int i = 0; i < n; i++) {
        double px = svg_map(x, ticks[i]);

        svg_line(out, px, bottom, px, bottom + 4, "axis");
        svg_text(out, px, bottom + 16, "middle", "tick",
                 rpt_num(buf, sizeof buf, ticks[i], dec), 0);
    }
    if (title && *title)
        svg_text(out, (x->r0 + x->r1) / 2, bottom + 34, "middle", "axis-title",
                 title, 0);
    svg_group_end(out);
}

void svg_axis_categories(FILE *out, const double *centres,
                         const char *const *labels, int n, double bottom,
                         const char *title)
{
    svg_group_begin(out, "axis-x");
    for (int i = 0; i < n; i++) {
        svg_line(out, centres[i], bottom, centres[i], bottom + 4, "axis");
        svg_text(out, centres[i], bottom + 17, "middle", "tick-strong",
                 labels[i], 24);
    }
    if (title && *title && n > 0)
        svg_text(out, (centres[0] + centres[n - 1]) / 2, bottom + 35, "middle",
                 "axis-title", title, 0);
    svg_group_end(out);
}

static int in_scale(const svg_scale *s, double v)
{
    double lo = fmin(s->d0, s->d1), hi = fmax(s->d0, s->d1);

    return isfinite(v) && v >= lo - 1e-9 && v <= hi + 1e-9;
}

void svg_anchors_horizontal(FILE *out, const ent_issue *issue,
                            const svg_scale *y, double x0, double x1)
{
    int room = (int)((x1 - x0 - 12) / (ANCHOR_FONT * 0.56));

    for (int i = 0; i < issue->n_anchors; i++) {
        const ent_anchor *a = &issue->anchors[i];
        double py;

        if (!in_scale(y, a->value))
            continue;
        py = svg_map(y, a->value);
        svg_group_begin(out, "anchor");
        svg_tooltip(out, "anchor %g = %s", a->value, rpt_str(a->label));
        svg_line(out, x0, py, x1, py, "anchor-line");
        svg_text(out, x0 + 5, py - 3.5, "start", "anchor-label", a->label,
                 room);
        svg_group_end(out);
    }
}

void svg_anchors_vertical(FILE *out, const ent_issue *issue, const svg_scale *x,
                          double y0, double y1)
{
    char buf[32];

    for (int i = 0; i < issue->n_anchors; i++) {
        const ent_anchor *a = &issue->anchors[i];
        double px;

        if (!in_scale(x, a->value))
            continue;
        px = svg_map(x, a->value);
        snprintf(buf, sizeof buf, "%g", a->value);
        svg_group_begin(out, "anchor");
        svg_tooltip(out, "anchor %g = %s", a->value, rpt_str(a->label));
        svg_line(out, px, y0, px, y1, "anchor-line");
        svg_text(out, px, y0 - 5, "middle", "anchor-value", buf, 0);
        svg_group_end(out);
    }
}
