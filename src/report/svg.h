/*
 * svg.h -- chart primitives for the HTML report (internal).
 *
 * Charts are inline SVG written straight to a FILE*: linear scales with
 * "nice" ticks (svg_scale.c), elements with escaped text and tooltips
 * (svg.c), axes and the labelled anchor lines of an issue scale
 * (axes.c), the colour-blind-safe palette (palette.c) and the placement of
 * direct labels so they do not overlap (labels.c).  Colours, classes and
 * dash patterns passed here are trusted literals; every text is escaped.
 * Presentation (fonts, strokes, print rules) lives in the page's CSS
 * (html_style.c) under the class names used here.
 */
#ifndef ENT_REPORT_SVG_H
#define ENT_REPORT_SVG_H

#include <stdio.h>

#include "entente/scenario.h"

/* ---- scales (svg_scale.c) ---- */

/* A linear map from data [d0, d1] to pixels [r0, r1]. */
typedef struct svg_scale {
    double d0, d1, r0, r1;
} svg_scale;

/* A scale over [lo, hi]; a degenerate or non-finite domain is widened so
   the map is always defined. */
svg_scale svg_scale_make(double lo, double hi, double r0, double r1);
double svg_map(const svg_scale *s, double v);

/* "Nice" ticks (1, 2 or 5 times a power of ten) inside [lo, hi], about
   `target` of them; `min_step` bounds the step from below (1 for integer
   axes, 0 for none).  Writes at most `max`; returns the count. */
int svg_ticks(double lo, double hi, int target, double min_step, double *ticks,
              int max);
/* Decimals needed to print ticks with this spacing. */
int svg_tick_decimals(const double *ticks, int n);

/* ---- elements (svg.c) ---- */

/* <svg> with a viewBox of w x h, an accessible name and a <title>. */
void svg_begin(FILE *out, double w, double h, const char *title);
void svg_end(FILE *out);
/* <g class="cls"> ... </g>; cls may be NULL. */
void svg_group_begin(FILE *out, const char *cls);
void svg_group_end(FILE *out);
/* A tooltip: <title> with printf-style, escaped text. */
void svg_tooltip(FILE *out, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void svg_line(FILE *out, double x1, double y1, double x2, double y2,
              const char *cls);
/* A line in a colour and dash pattern (dash may be NULL or ""). */
void svg_line_styled(FILE *out, double x1, double y1, double x2, double y2,
                     const char *color, const char *dash, double width);
void svg_rect(FILE *out, double x, double y, double w, double h,
              const char *cls);
/* Text at (x, y); anchor is "start", "middle" or "end"; cut to
   `max_chars` code points (0 = no limit) with an ellipsis. */
void svg_text(FILE *out, double x, double y, const char *anchor,
              const char *cls, const char *text, int max_chars);
/* Rotated -90 degrees about (x, y) (vertical axis titles). */
void svg_text_vertical(FILE *out, double x, double y, const char *cls,
                       const char *text);
/* A polyline through n points (non-finite points are skipped). */
void svg_polyline(FILE *out, const double *x, const double *y, int n,
                  const char *color, const char *dash, double width);

enum {
    SVG_CIRCLE,
    SVG_SQUARE,
    SVG_DIAMOND,
    SVG_TRIANGLE,
    SVG_TRIANGLE_DOWN,
    SVG_N_SHAPES
};
/* A point marker of radius r; hollow markers have a white fill. */
void svg_marker(FILE *out, int shape, double x, double y, double r,
                const char *color, int hollow);

/* Approximate width in pixels of text in a sans-serif font of `size`. */
double svg_text_width(const char *text, double size);

/* ---- axes (axes.c) ---- */

/* Horizontal grid lines and tick labels for a vertical scale, drawn over
   the plot [x0, x1]; `title` runs vertically left of the tick labels. */
void svg_axis_left(FILE *out, const svg_scale *y, double x0, double x1,
                   const char *title);
/* Tick marks and labels under the plot along y = `bottom`; `integer`
   restricts ticks to whole numbers.  `title` is centred below. */
void svg_axis_bottom(FILE *out, const svg_scale *x, double bottom, int integer,
                     const char *title);
/* Category labels under the plot at the given centres. */
void svg_axis_categories(FILE *out, const double *centres,
                         const char *const *labels, int n, double bottom,
                         const char *title);
/* The issue's anchors as dashed horizontal lines across [x0, x1], each
   labelled with its anchor label (cut to fit; the full label is the
   tooltip). */
void svg_anchors_horizontal(FILE *out, const ent_issue *issue,
                            const svg_scale *y, double x0, double x1);
/* The issue's anchors as dashed vertical lines from y0 to y1, each marked
   with its value above the plot and its label as tooltip. */
void svg_anchors_vertical(FILE *out, const ent_issue *issue, const svg_scale *x,
                          double y0, double y1);

/* ---- palette (palette.c) ---- */

/* How one series is drawn. */
typedef struct svg_style {
    const char *color;
    const char *dash; /* stroke-dasharray, "" for solid */
    int shape;        /* SVG_CIRCLE ... */
} svg_style;

/* Series i of many (actors): Okabe-Ito colours crossed with dash
   patterns, distinct for the first 24. */
svg_style svg_series_style(int i);
/* A model's style, the same in every chart of a report: fixed for the
   known engines and the baselines ("status_quo", "observed"), by index
   otherwise. */
svg_style svg_model_style(const char *model, int index);

/* ---- direct labels (labels.c) ---- */

/* Moves the y positions of n labels as little as possible so that
   neighbours are at least `gap` apart, keeping them inside [lo, hi] when
   (hi - lo) >= (n - 1) * gap.  The order of the labels is kept. */
void svg_spread_labels(double *y, int n, double gap, double lo, double hi);

#endif
