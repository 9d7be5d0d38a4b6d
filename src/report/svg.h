/*
 * svg.h -- chart primitives for the HTML report (internal).
 *
 * Charts are inline SVG written straight to a FILE*: linear scales with
 * "nice" ticks (svg_scale.c), elements with escaped text and tooltips
 * (svg.c), text wrapped to a width (wrap.c), axes and the anchor lines of
 * an issue scale (axes.c), the colour-blind-safe palette (palette.c) and
 * the placement of labels so they do not overlap (labels.c).  Colours,
 * classes and dash patterns passed here are trusted literals; every text
 * is escaped.  Presentation (fonts, strokes, print rules) lives in the
 * page's CSS (html_style.c) under the class names used here.
 *
 * Every chart is drawn at two widths of its viewBox, SVG_WIDE and
 * SVG_NARROW, and the page shows the one that fits (figure.c and the
 * CSS): the SVG scales with the page, so a chart's text is only readable
 * where its viewBox is not much wider than the screen.  Text is set in
 * CSS px of the viewBox; with these sizes no chart text renders below
 * 9 CSS px on a 320 px phone, a 640 px tablet or an A4 page.
 */
#ifndef ENT_REPORT_SVG_H
#define ENT_REPORT_SVG_H

#include <stdio.h>

#include "entente/scenario.h"

/* ---- layout ---- */

#define SVG_WIDE 760.0   /* viewBox width for screens >= 640 px and print */
#define SVG_NARROW 360.0 /* viewBox width for phones */
#define SVG_FONT 12.0    /* every chart text (class "t" and the rest) */
#define SVG_FONT_BIG 14.0
#define SVG_LINE 15.0 /* line height of wrapped SVG_FONT text */

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

/* Approximate width in pixels of text in a sans-serif font of `size`
   (on the generous side: DejaVu Sans, bold). */
double svg_text_width(const char *text, double size);

/* ---- wrapped text (wrap.c) ---- */

/* Text broken into lines at spaces so that each fits `width` pixels at
   SVG_FONT; a word longer than a line is cut.  With max_lines > 0, text
   beyond that many lines is cut with an ellipsis. */
typedef struct svg_lines {
    char **line;
    int n;
    int cut; /* 1 when text was left out */
} svg_lines;

svg_lines svg_wrap(const char *text, double width, int max_lines);
void svg_lines_free(svg_lines *l);
/* Height of the lines at SVG_LINE spacing. */
double svg_lines_height(const svg_lines *l);
/* The lines as one <text> whose first baseline is at y (tspans at x);
   when lines were cut, the full text is its tooltip. */
void svg_text_lines(FILE *out, double x, double y, const char *anchor,
                    const char *cls, const svg_lines *l, const char *full);

/* ---- axes (axes.c) ---- */

/* Horizontal grid lines and tick labels for a vertical scale, drawn over
   the plot [x0, x1]: at the issue's anchor values when `issue` has
   anchors in range (in bold), otherwise at "nice" values.  `title` runs
   vertically left of the tick labels (NULL: none). */
void svg_axis_left(FILE *out, const svg_scale *y, double x0, double x1,
                   const ent_issue *issue, const char *title);
/* Tick marks and labels under the plot along y = `bottom`, about one per
   60 pixels; `integer` restricts ticks to whole numbers.  `title` is
   centred below. */
void svg_axis_bottom(FILE *out, const svg_scale *x, double bottom, int integer,
                     const char *title);
/* Category labels under the plot at the given centres, in two staggered
   rows when one row would crowd them (labels crowded even then are left
   out). */
void svg_axis_categories(FILE *out, const double *centres,
                         const char *const *labels, int n, double bottom,
                         const char *title);
/* Rows svg_axis_categories will use: 1 or 2. */
int svg_category_rows(const double *centres, const char *const *labels, int n);
/* The issue's anchors as dashed horizontal lines across [x0, x1], their
   labels as tooltips.  The labels are not written over the plot, where
   they would run through the data: svg_axis_left gives the anchor values
   and the page lists the labels above the chart. */
void svg_anchors_horizontal(FILE *out, const ent_issue *issue,
                            const svg_scale *y, double x0, double x1);
/* The issue's anchors as dashed vertical lines from y0 to y1, each marked
   with its value above the plot (left out where it would overlap its
   neighbour) and its label as tooltip. */
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
/* Colours that stay distinct from each other and from black (the
   forecast): a chart highlights at most this many series. */
#define SVG_N_HIGHLIGHT 6
/* Highlighted series `rank` (0 .. SVG_N_HIGHLIGHT-1): its own colour,
   and a dash pattern so that neighbours differ in greyscale too. */
svg_style svg_highlight_style(int rank);
/* The colour of series that are drawn but not highlighted. */
#define SVG_MUTED "#b8b8b8"
/* A model's style, the same in every chart of a report: fixed for the
   known engines and the baselines ("status_quo", "observed"), by index
   otherwise. */
svg_style svg_model_style(const char *model, int index);

/* ---- label placement (labels.c) ---- */

/* A label's extent along one axis: it wants to be centred at `want`, is
   `size` long, and is placed centred at `at`. */
typedef struct svg_span {
    double want, size, at;
} svg_span;

/* Places n labels on one axis as close to where they want to be as
   possible, in their wanted order, without overlapping (`gap` between
   neighbours) and inside [lo, hi] when they fit there; when they do not,
   the first ones stay inside and the rest run past hi.  Returns the end
   of the last label (its `at + size / 2`). */
double svg_place_spans(svg_span *s, int n, double gap, double lo, double hi);

/* 1 when the boxes [x0, x1] x [y0, y1] overlap by more than `slack`. */
int svg_boxes_overlap(const double a[4], const double b[4], double slack);

#endif
