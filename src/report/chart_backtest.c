/*
 * chart_backtest.c -- forecast against observed on one issue: one band
 * per period with an outcome, forecast from the latest period before it
 * (the shortest horizon); in each band the observed value is
 * a black bar and every model (and the status-quo baseline) a marker at
 * its forecast, joined to the bar by its error.  The issue's anchors are
 * reference lines.  The legend runs above the plot and wraps to the
 * chart's width.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "report/html.h"
#include "report/svg.h"

#define LEFT 58.0
#define RIGHT 16.0
#define HEIGHT 260.0
#define BOTTOM 54.0
#define LEGEND_ROW 22.0
#define MAX_PERIODS 64

typedef struct bt_chart {
    const rpt_ctx *c;
    int issue;
    int periods[MAX_PERIODS];
    int n_periods;
    /* set per width */
    double width, top;
    double band; /* width of one period's band */
    svg_scale y;
} bt_chart;

static const ent_backtest_row *find_row(const ent_backtest *b, int target,
                                        int issue, const char *model)
{
    return rpt_backtest_row(b, target, issue, model);
}

static void collect_periods(bt_chart *ch)
{
    const ent_scenario *sc = ch->c->sc;

    ch->n_periods = 0;
    for (int p = 0; p < sc->periods.count && ch->n_periods < MAX_PERIODS; p++)
        if (find_row(ch->c->b, p, ch->issue, NULL))
            ch->periods[ch->n_periods++] = p;
}

static double band_centre(const bt_chart *ch, int i)
{
    return LEFT + ch->band * (i + 0.5);
}

/* The legend from y = 12, wrapping to the width; returns its bottom.
   With out NULL, only measures. */
static double draw_legend(const bt_chart *ch, FILE *out)
{
    const ent_backtest *b = ch->c->b;
    double x = 8, y = 12;

    if (out) {
        svg_group_begin(out, "legend");
        svg_line_styled(out, x, y, x + 18, y, "#000000", "", 3);
        svg_text(out, x + 24, y + 4, "start", "legend-label", "observed", 0);
    }
    x += 24 + svg_text_width("observed", SVG_FONT) + 18;
    for (int m = 0; m < b->n_models; m++) {
        const char *name = b->models[m];
        int sq = strcmp(name, "status_quo") == 0;
        svg_style st = svg_model_style(name, m);
        const char *shown = sq ? "status quo (no change)" : name;
        double w = 16 + svg_text_width(shown, SVG_FONT);

        if (x + w > ch->width - 4) {
            x = 8;
            y += LEGEND_ROW;
        }
        if (out) {
            svg_marker(out, st.shape, x + 6, y, 5, st.color, sq);
            svg_text(out, x + 16, y + 4, "start", "legend-label", shown, 0);
        }
        x += w + 18;
    }
    if (out)
        svg_group_end(out);
    return y + 10;
}

static void draw_band(const bt_chart *ch, int i)
{
    const ent_backtest *b = ch->c->b;
    const char *period = ch->c->sc->periods.items[ch->periods[i]];
    const ent_backtest_row *any = find_row(b, ch->periods[i], ch->issue, NULL);
    FILE *out = ch->c->out;
    double cx = band_centre(ch, i), oy = svg_map(&ch->y, any->observed);
    double spacing = fmin(ch->band * 0.7 / b->n_models, 34);

    svg_group_begin(out, "observed");
    svg_tooltip(out, "observed, period %s: %.1f", period, any->observed);
    svg_line_styled(out, cx - ch->band * 0.4, oy, cx + ch->band * 0.4, oy,
                    "#000000", "", 3);
    svg_group_end(out);
    for (int m = 0; m < b->n_models; m++) {
        const ent_backtest_row *row =
            find_row(b, ch->periods[i], ch->issue, b->models[m]);
        int sq = strcmp(b->models[m], "status_quo") == 0;
        svg_style st = svg_model_style(b->models[m], m);
        double px = cx + (m - (b->n_models - 1) / 2.0) * spacing, py;

        if (!row || !isfinite(row->forecast))
            continue;
        py = svg_map(&ch->y, row->forecast);
        svg_group_begin(out, "point");
        svg_tooltip(out,
                    "%s, forecast from %s for %s: %.1f, observed %.1f, "
                    "error %+.1f",
                    sq ? "status quo" : b->models[m],
                    ch->c->sc->periods.items[row->period], period,
                    row->forecast, row->observed,
                    row->forecast - row->observed);
        svg_line_styled(out, px, oy, px, py, st.color, "", 1.5);
        svg_marker(out, st.shape, px, py, 5.5, st.color, sq);
        svg_group_end(out);
    }
}

static void draw(const void *chart, double width)
{
    bt_chart ch = *(const bt_chart *)chart;
    const rpt_ctx *c = ch.c;
    const ent_issue *is = &c->sc->issues[ch.issue];
    const char *labels[MAX_PERIODS];
    double centres[MAX_PERIODS];
    char *title = rpt_format("%s: forecast against observed",
                             rpt_issue_name(c->sc, ch.issue));

    ch.width = width;
    ch.top = draw_legend(&ch, NULL) + 22;
    ch.band = (width - LEFT - RIGHT) / ch.n_periods;
    ch.y = svg_scale_make(is->min, is->max, ch.top + HEIGHT, ch.top);
    for (int i = 0; i < ch.n_periods; i++) {
        labels[i] = c->sc->periods.items[ch.periods[i]];
        centres[i] = band_centre(&ch, i);
    }
    svg_begin(c->out, width,
              ch.top + HEIGHT + BOTTOM +
                  (svg_category_rows(centres, labels, ch.n_periods) - 1) *
                      SVG_LINE,
              title);
    draw_legend(&ch, c->out);
    svg_axis_left(c->out, &ch.y, LEFT, width - RIGHT, is,
                  "position on the scale");
    svg_anchors_horizontal(c->out, is, &ch.y, LEFT, width - RIGHT);
    for (int i = 1; i < ch.n_periods; i++)
        svg_line(c->out, LEFT + ch.band * i, ch.top, LEFT + ch.band * i,
                 ch.top + HEIGHT, "band-rule");
    for (int i = 0; i < ch.n_periods; i++)
        draw_band(&ch, i);
    svg_axis_categories(c->out, centres, labels, ch.n_periods, ch.top + HEIGHT,
                        c->b->horizons[0] > 0
                            ? "period of the outcome"
                            : "period whose inputs were forecast");
    svg_end(c->out);
    free(title);
}

int rpt_chart_backtest(const rpt_ctx *c, int issue)
{
    bt_chart ch = {.c = c, .issue = issue};
    char *title;

    if (!c->b)
        return 0;
    collect_periods(&ch);
    if (ch.n_periods == 0)
        return 0;
    title = rpt_format("%s: forecast against observed",
                       rpt_issue_name(c->sc, issue));
    rpt_figure_begin(c, "backtest", title);
    rpt_figure_draw(c, draw, &ch);
    free(title);
    fputs("<figcaption>For each period with an outcome: the black bar is "
          "what was observed, each marker a model's forecast from the "
          "inputs of the latest period before it (of the same period when "
          "periods are not years; hollow: the status-quo baseline), its "
          "stem the error. The values are in the table below."
          "</figcaption>\n",
          c->out);
    rpt_figure_end(c);
    return 1;
}
