/*
 * chart_models.c -- the model-comparison strip chart of one issue: the
 * issue scale runs left to right with its anchors as reference lines; the
 * top strip shows the actors' input positions (dot area proportional to
 * capability x salience), then one strip per model with its forecast, the
 * period's status quo when the scenario gives one, and what was observed
 * when outcomes.csv documents the period.  Row labels sit in a column
 * left of the plot, wrapped to it; values sit beside their markers, on
 * whichever side has room.
 */
#include <math.h>
#include <stdlib.h>

#include "report/html.h"
#include "report/svg.h"

#define RIGHT 24.0
#define TOP 28.0
#define ROW 32.0
#define INPUTS 66.0 /* height of the inputs strip */
#define MAX_DOTS 512
#define BOTTOM 46.0

typedef struct strip_chart {
    const rpt_ctx *c;
    int issue;
    const ent_outcome *outcome; /* of (period, issue), or NULL */
    double status_quo;          /* of (period, issue), NAN if unknown */
    int rows;
    /* set per width */
    double width, left;
    svg_scale x;
} strip_chart;

/* Centre of a strip: the inputs strip (row 0) is taller. */
static double row_y(int row)
{
    return row == 0 ? TOP + INPUTS / 2
                    : TOP + INPUTS + ROW * (row - 1) + ROW / 2;
}

static double row_bottom(int row)
{
    return row == 0 ? TOP + INPUTS : row_y(row) + ROW / 2;
}

static void row_label(const strip_chart *ch, int row, const char *text,
                      const char *cls)
{
    svg_lines l = svg_wrap(text, ch->left - 16, row == 0 ? 3 : 1);

    svg_line(ch->c->out, ch->left, row_bottom(row), ch->width - RIGHT,
             row_bottom(row), "row-rule");
    svg_text_lines(ch->c->out, ch->left - 12,
                   row_y(row) + 4 - (svg_lines_height(&l) - SVG_LINE) / 2,
                   "end", cls, &l, text);
    svg_lines_free(&l);
}

/* A dot of the inputs strip. */
typedef struct dot {
    int actor;
    double x, dy, r, w;
} dot;

static int overlaps(const dot *d, int n, double x, double dy, double r)
{
    for (int i = 0; i < n; i++) {
        double ex = d[i].x - x, ey = d[i].dy - dy;

        if (ex * ex + ey * ey < (d[i].r + r + 0.5) * (d[i].r + r + 0.5))
            return 1;
    }
    return 0;
}

/* Beeswarm: the heaviest dots first, each moved up or down from the
   strip's centre line to the first place where it overlaps nothing (or
   left on the centre line when there is none inside the strip). */
static void dodge(dot *d, int n)
{
    for (int i = 1; i < n; i++) {
        dot key = d[i];
        int j = i;

        while (j > 0 && d[j - 1].w < key.w) {
            d[j] = d[j - 1];
            j--;
        }
        d[j] = key;
    }
    for (int i = 0; i < n; i++) {
        double limit = INPUTS / 2 - d[i].r - 1;

        d[i].dy = 0;
        for (int k = 1; overlaps(d, i, d[i].x, d[i].dy, d[i].r); k++) {
            int step = (k + 1) / 2;
            double dy = (k % 2 ? 1 : -1) * step * 2.0;

            if (fabs(dy) > limit) {
                d[i].dy = 0;
                break;
            }
            d[i].dy = dy;
        }
    }
}

static void draw_inputs(const strip_chart *ch)
{
    const rpt_ctx *c = ch->c;
    const ent_problem *p = c->f->problem;
    dot d[MAX_DOTS];
    double wmax = 0;
    int n = 0;

    row_label(ch, 0, "actors' inputs", "row-label");
    for (int a = 0; a < p->n_actors && n < MAX_DOTS; a++) {
        int cell = ent_cell(p, a, ch->issue);
        double w = p->capability[cell] * p->salience[cell];

        if (!p->present[cell] || !isfinite(p->position[cell]))
            continue;
        d[n++] = (dot){a, svg_map(&ch->x, p->position[cell]), 0, 0,
                       isfinite(w) && w > 0 ? w : 0};
        if (d[n - 1].w > wmax)
            wmax = d[n - 1].w;
    }
    for (int i = 0; i < n; i++)
        d[i].r = 2.5 + 8.5 * (wmax > 0 ? sqrt(d[i].w / wmax) : 0.3);
    dodge(d, n);
    svg_group_begin(c->out, "inputs");
    for (int i = 0; i < n; i++) {
        int cell = ent_cell(p, d[i].actor, ch->issue);

        svg_group_begin(c->out, "input");
        svg_tooltip(c->out, "%s: position %.1f, salience %.0f, capability %g",
                    rpt_actor_name(c->sc, d[i].actor), p->position[cell],
                    p->salience[cell] * 100, p->capability[cell]);
        fprintf(c->out,
                "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" "
                "class=\"dot\"/>",
                d[i].x, row_y(0) + d[i].dy, d[i].r);
        svg_group_end(c->out);
    }
    svg_group_end(c->out);
}

/* A strip with one marker and its value. */
static void draw_point(const strip_chart *ch, int row, const char *name,
                       const char *what, double v, svg_style st, int hollow)
{
    FILE *out = ch->c->out;
    const char *anchor =
        ent_issue_anchor_label(&ch->c->sc->issues[ch->issue], v);
    double px = svg_map(&ch->x, v), py = row_y(row);
    int right_side = px < ch->width - RIGHT - 48;
    char buf[32];

    row_label(ch, row, name, "row-label strong");
    if (!isfinite(v)) {
        svg_text(out, ch->left + 8, py + 4, "start", "note", "no forecast", 0);
        return;
    }
    svg_group_begin(out, "point");
    svg_tooltip(out, "%s %s: %.1f%s%s", name, what, v,
                anchor ? " \xe2\x80\x94 " : "", anchor ? anchor : "");
    svg_line(out, ch->left, py, px, py, "stem");
    svg_marker(out, st.shape, px, py, 6.5, st.color, hollow);
    svg_text(out, right_side ? px + 11 : px - 11, py + 4,
             right_side ? "start" : "end", "value",
             rpt_num(buf, sizeof buf, v, 1), 0);
    svg_group_end(out);
}

static void draw_rows(const strip_chart *ch)
{
    const rpt_ctx *c = ch->c;
    int row = 1;

    for (int m = 0; m < c->f->n_models; m++, row++) {
        const char *name = c->f->engines[m]->name;

        draw_point(ch, row, name, "forecast",
                   ent_forecast_outcome(c->f, m, ch->issue),
                   svg_model_style(name, m), 0);
    }
    if (!isnan(ch->status_quo))
        draw_point(ch, row++, "status quo", "(where the period starts)",
                   ch->status_quo, svg_model_style("status_quo", 0), 1);
    if (!ch->outcome)
        return;
    draw_point(ch, row, "observed", ch->outcome->date ? ch->outcome->date : "",
               ch->outcome->observed, svg_model_style("observed", 0), 0);
}

static void draw(const void *chart, double width)
{
    strip_chart ch = *(const strip_chart *)chart;
    const ent_issue *is = &ch.c->sc->issues[ch.issue];
    double bottom = row_bottom(ch.rows - 1);
    char *title = rpt_format("%s: forecasts compared",
                             rpt_issue_name(ch.c->sc, ch.issue));

    ch.width = width;
    ch.left = width < SVG_WIDE ? 96 : 150;
    ch.x = svg_scale_make(is->min, is->max, ch.left + 12, width - RIGHT - 12);
    svg_begin(ch.c->out, width, bottom + BOTTOM, title);
    svg_anchors_vertical(ch.c->out, is, &ch.x, TOP, bottom);
    draw_inputs(&ch);
    draw_rows(&ch);
    svg_axis_bottom(ch.c->out, &ch.x, bottom, 0, "position on the issue scale");
    svg_end(ch.c->out);
    free(title);
}

int rpt_chart_models(const rpt_ctx *c, int issue)
{
    const ent_issue *is = &c->sc->issues[issue];
    strip_chart ch = {.c = c, .issue = issue};
    char *title =
        rpt_format("%s: forecasts compared", rpt_issue_name(c->sc, issue));

    ch.outcome = rpt_outcome(c->sc, c->period, issue);
    ch.status_quo = c->f->problem->status_quo[issue];
    ch.rows = 1 + c->f->n_models + (ch.outcome ? 1 : 0) +
              (isnan(ch.status_quo) ? 0 : 1);
    rpt_figure_begin(c, "models", title);
    rpt_figure_draw(c, draw, &ch);
    free(title);
    fputs("<figcaption>Each model's forecast on the issue scale; the top strip "
          "shows the actors' input positions, dot area proportional to "
          "capability \xc3\x97 salience (the values are in the inputs table "
          "below).",
          c->out);
    if (is->n_anchors)
        fputs(" Dashed lines mark the scale's anchors (values above; their "
              "meanings are listed under Scale).",
              c->out);
    if (!isnan(ch.status_quo))
        fputs(" The status quo is where the issue stood in this period.",
              c->out);
    if (ch.outcome)
        fputs(" Observed is the documented outcome of this period.", c->out);
    fputs("</figcaption>\n", c->out);
    rpt_figure_end(c);
    return 1;
}
