/*
 * chart_skill.c -- the back-test's scores by horizon: three line charts
 * (mean absolute error, direction hit rate, RPS skill over a uniform
 * forecast), each in four panels side by side (all outcomes, documented
 * outcomes, forecasts spanning no structural break, documented shocks
 * applied).  In each panel every model, baselines included, is a line over
 * the horizons.  The legend runs above the plot and wraps to the chart's
 * width; the panel names sit above their panels, in two rows when one
 * would crowd them.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "report/html.h"
#include "report/svg.h"

#define LEFT 58.0
#define RIGHT 16.0
#define HEIGHT 200.0
#define BOTTOM 54.0
#define LEGEND_ROW 22.0
#define PANELS 4

enum { SK_MAE, SK_HITS, SK_SKILL };

static const int panel_variant[PANELS] = {
    0, ENT_BACKTEST_DOCUMENTED, ENT_BACKTEST_NO_BREAKS, ENT_BACKTEST_SHOCKS};
static const char *const panel_name[PANELS] = {"all", "documented", "no break",
                                               "shocks"};

typedef struct sk_chart {
    const rpt_ctx *c;
    int metric;
    /* set per width */
    double width, top, panel;
    svg_scale y;
} sk_chart;

static double value(const ent_backtest *b, int metric, int v, int m, int h)
{
    const ent_backtest_score *s = ent_backtest_score_of(b, v, m, h);

    if (!s)
        return NAN;
    if (metric == SK_MAE)
        return s->mae;
    if (metric == SK_HITS)
        return s->n_direction ? 100.0 * s->hits / s->n_direction : NAN;
    return s->skill;
}

/* The value range over every panel, widened to round numbers. */
static void range(const sk_chart *ch, double *lo, double *hi)
{
    const ent_backtest *b = ch->c->b;
    double mn = 0, mx = 0;

    for (int p = 0; p < PANELS; p++)
        for (int m = 0; m < b->n_models; m++)
            for (int h = 0; h < b->n_horizons; h++) {
                double x = value(b, ch->metric, panel_variant[p], m, h);

                if (isfinite(x)) {
                    mn = fmin(mn, x);
                    mx = fmax(mx, x);
                }
            }
    if (ch->metric == SK_HITS) {
        *lo = 0;
        *hi = 100;
    } else if (ch->metric == SK_MAE) {
        *lo = 0;
        *hi = fmax(10, ceil(mx / 10) * 10);
    } else {
        *lo = fmin(-0.5, floor(mn * 4) / 4);
        *hi = fmax(0.5, ceil(mx * 4) / 4);
    }
}

static double x_of(const sk_chart *ch, int p, int h)
{
    return LEFT + ch->panel * p + ch->panel * (h + 0.5) / ch->c->b->n_horizons;
}

/* The legend from y = 12, wrapping to the width; returns its bottom.
   With out NULL, only measures. */
static double draw_legend(const sk_chart *ch, FILE *out)
{
    const ent_backtest *b = ch->c->b;
    double x = 8, y = 12;

    if (out)
        svg_group_begin(out, "legend");
    for (int m = 0; m < b->n_models; m++) {
        const char *name = b->models[m];
        int base =
            strcmp(name, "status_quo") == 0 || strcmp(name, "trend") == 0;
        svg_style st = svg_model_style(name, m);
        const char *shown =
            strcmp(name, "status_quo") == 0 ? "no change" : name;
        double w = 16 + svg_text_width(shown, SVG_FONT);

        if (x + w > ch->width - 4) {
            x = 8;
            y += LEGEND_ROW;
        }
        if (out) {
            svg_marker(out, st.shape, x + 6, y, 5, st.color, base);
            svg_text(out, x + 16, y + 4, "start", "legend-label", shown, 0);
        }
        x += w + 18;
    }
    if (out)
        svg_group_end(out);
    return y + 10;
}

/* Panel names above the plot: one row if they fit, else two staggered. */
static double draw_panel_names(const sk_chart *ch, FILE *out)
{
    int two = 0;

    for (int p = 0; p < PANELS; p++)
        two |= svg_text_width(panel_name[p], SVG_FONT) > ch->panel - 8;
    for (int p = 0; out && p < PANELS; p++)
        svg_text(out, LEFT + ch->panel * (p + 0.5),
                 ch->top - 8 - (two && p % 2 == 0 ? SVG_LINE : 0), "middle",
                 "legend-label", panel_name[p], 0);
    return two ? SVG_LINE : 0;
}

static void draw_series(const sk_chart *ch, int p, int m)
{
    const ent_backtest *b = ch->c->b;
    FILE *out = ch->c->out;
    const char *name = b->models[m];
    int base = strcmp(name, "status_quo") == 0 || strcmp(name, "trend") == 0;
    svg_style st = svg_model_style(name, m);
    double xs[ENT_BACKTEST_MAX_HORIZON + 1] = {0};
    double ys[ENT_BACKTEST_MAX_HORIZON + 1] = {0};
    double vs[ENT_BACKTEST_MAX_HORIZON + 1] = {0};
    int hs[ENT_BACKTEST_MAX_HORIZON + 1] = {0}, n = 0;

    for (int h = 0; h < b->n_horizons; h++) {
        double v = value(b, ch->metric, panel_variant[p], m, h);

        if (!isfinite(v))
            continue;
        xs[n] = x_of(ch, p, h);
        ys[n] = svg_map(&ch->y, v);
        vs[n] = v;
        hs[n++] = b->horizons[h];
    }
    if (n > 1) {
        svg_group_begin(out, "series");
        svg_polyline(out, xs, ys, n, st.color, st.dash, 1.5);
        svg_group_end(out);
    }
    for (int i = 0; i < n; i++) {
        svg_group_begin(out, "point");
        svg_tooltip(out, "%s, %s, horizon %d: %.2f", name, panel_name[p], hs[i],
                    vs[i]);
        svg_marker(out, st.shape, xs[i], ys[i], 4.5, st.color, base);
        svg_group_end(out);
    }
}

static const char *const titles[] = {
    "Mean absolute error by horizon",
    "Direction of change right (%) by horizon",
    "Probabilistic skill over a uniform forecast by horizon"};
static const char *const axis_titles[] = {"mean abs. error",
                                          "direction right (%)", "RPS skill"};

static void draw(const void *chart, double width)
{
    sk_chart ch = *(const sk_chart *)chart;
    const ent_backtest *b = ch.c->b;
    FILE *out = ch.c->out;
    const char *labels[PANELS * (ENT_BACKTEST_MAX_HORIZON + 1)];
    double centres[PANELS * (ENT_BACKTEST_MAX_HORIZON + 1)], lo, hi;
    char names[ENT_BACKTEST_MAX_HORIZON + 1][8];
    int n = 0;

    ch.width = width;
    ch.panel = (width - LEFT - RIGHT) / PANELS;
    ch.top = draw_legend(&ch, NULL) + 30;
    ch.top += draw_panel_names(&ch, NULL);
    range(&ch, &lo, &hi);
    ch.y = svg_scale_make(lo, hi, ch.top + HEIGHT, ch.top);
    for (int h = 0; h < b->n_horizons; h++)
        snprintf(names[h], sizeof names[h], "h%d", b->horizons[h]);
    for (int p = 0; p < PANELS; p++)
        for (int h = 0; h < b->n_horizons; h++) {
            labels[n] = names[h];
            centres[n++] = x_of(&ch, p, h);
        }
    svg_begin(out, width,
              ch.top + HEIGHT + BOTTOM +
                  (svg_category_rows(centres, labels, n) - 1) * SVG_LINE,
              titles[ch.metric]);
    draw_legend(&ch, out);
    draw_panel_names(&ch, out);
    svg_axis_left(out, &ch.y, LEFT, width - RIGHT, NULL,
                  axis_titles[ch.metric]);
    if (ch.metric == SK_SKILL)
        svg_line(out, LEFT, svg_map(&ch.y, 0), width - RIGHT, svg_map(&ch.y, 0),
                 "axis");
    for (int p = 1; p < PANELS; p++)
        svg_line(out, LEFT + ch.panel * p, ch.top, LEFT + ch.panel * p,
                 ch.top + HEIGHT, "band-rule");
    for (int p = 0; p < PANELS; p++)
        for (int m = 0; m < b->n_models; m++)
            draw_series(&ch, p, m);
    svg_axis_categories(out, centres, labels, n, ch.top + HEIGHT,
                        "years ahead");
    svg_end(out);
}

static const char *const captions[] = {
    "Mean absolute error in issue-scale points of each model's forecasts "
    "made h years before the outcome; lower is better. ",
    "Share of forecasts whose direction of change from the status quo of "
    "the forecast's period (up, down, or none within 1% of the scale) "
    "matches the observed one. ",
    "1 \xe2\x88\x92 RPS / RPS of a uniform forecast over the issue's anchor "
    "bands: above 0 beats the uniform forecast (the line at 0), 1 is "
    "certain and right. Engines from their ensembles, the baselines as "
    "certain forecasts. "};

static void chart(const rpt_ctx *c, int metric)
{
    sk_chart ch = {.c = c, .metric = metric};

    rpt_figure_begin(c, "backtest-skill", titles[metric]);
    rpt_figure_draw(c, draw, &ch);
    fputs("<figcaption>", c->out);
    fputs(captions[metric], c->out);
    fputs("Panels: all outcomes; documented outcomes only; forecasts "
          "whose horizon spans no structural break; the documented shocks "
          "of the events between forecast and outcome applied. Hollow "
          "markers: the no-change and trend baselines.</figcaption>\n",
          c->out);
    rpt_figure_end(c);
}

int rpt_chart_skill(const rpt_ctx *c)
{
    if (!c->b || c->b->n_horizons == 0 || c->b->horizons[0] == 0)
        return 0;
    chart(c, SK_MAE);
    chart(c, SK_HITS);
    if (c->b->runs > 0)
        chart(c, SK_SKILL);
    return c->b->runs > 0 ? 3 : 2;
}
