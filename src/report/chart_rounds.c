/*
 * chart_rounds.c -- the positions-by-round chart: for one iterative model
 * and one issue, a line per actor from its input position (round 0)
 * through every round, the model's forecast after each round as a thick
 * line, the issue's anchors as labelled reference lines, and each line
 * labelled at its end.  Points carry tooltips (actor, round, value).  A
 * cycle, or the last rounds of an unsettled run, is shaded: the rounds
 * the forecast is computed from.
 */
#include <math.h>
#include <stdlib.h>

#include "report/html.h"
#include "report/svg.h"

#define WIDTH 920.0
#define LEFT 64.0
#define TOP 42.0
#define BOTTOM 50.0
#define LABEL_GAP 13.0
#define LABEL_CHARS 30
#define LABEL_FONT 11.0
#define MAX_POINTS 40 /* more rounds than this: markers on a subset */

typedef struct rounds_chart {
    const rpt_ctx *c;
    const ent_trace *t;
    int col, issue, model;
    int *rows; /* trace actor rows drawn */
    int n_rows;
    svg_scale x, y;
    double right;  /* plot's right edge */
    double height; /* plot height */
} rounds_chart;

static double pos_at(const rounds_chart *ch, int r, int row)
{
    const ent_trace *t = ch->t;

    return t
        ->positions[((size_t)r * (size_t)t->n + (size_t)row) * (size_t)t->d +
                    (size_t)ch->col];
}

static double outcome_at(const rounds_chart *ch, int r)
{
    return ch->t->outcome[(size_t)r * (size_t)ch->t->d + (size_t)ch->col];
}

/* Trace rows of the actors who hold a position on the issue. */
static void pick_rows(rounds_chart *ch)
{
    const ent_problem *p = ch->c->f->problem;

    ch->rows = ent_xmalloc(sizeof *ch->rows * (size_t)(ch->t->n + 1));
    ch->n_rows = 0;
    for (int i = 0; i < ch->t->n; i++)
        if (p->present[ent_cell(p, ch->t->actors[i], ch->issue)])
            ch->rows[ch->n_rows++] = i;
}

/* Width of the direct-label column right of the plot. */
static double label_column(const rounds_chart *ch)
{
    double widest = svg_text_width("forecast", LABEL_FONT);

    for (int k = 0; k < ch->n_rows; k++) {
        const char *name =
            rpt_actor_name(ch->c->sc, ch->t->actors[ch->rows[k]]);
        int chars = ent_utf8_width(name);
        double w =
            (chars > LABEL_CHARS ? LABEL_CHARS : chars) * LABEL_FONT * 0.56;

        if (w > widest)
            widest = w;
    }
    return 16 + 24 + widest + 10;
}

static int point_step(int n_rounds)
{
    return n_rounds > MAX_POINTS ? (n_rounds + MAX_POINTS - 1) / MAX_POINTS : 1;
}

static void draw_actor(const rounds_chart *ch, int k)
{
    FILE *out = ch->c->out;
    int row = ch->rows[k], actor = ch->t->actors[row];
    int n = ch->t->n_rounds, step = point_step(n);
    const char *name = rpt_actor_name(ch->c->sc, actor);
    svg_style st = svg_series_style(actor);
    double *xs = ent_xmalloc(sizeof(double) * (size_t)n);
    double *ys = ent_xmalloc(sizeof(double) * (size_t)n);

    for (int r = 0; r < n; r++) {
        xs[r] = svg_map(&ch->x, r);
        ys[r] = svg_map(&ch->y, pos_at(ch, r, row));
    }
    svg_group_begin(out, "series");
    svg_tooltip(out, "%s: %.1f at the start, %.1f after round %d", name,
                pos_at(ch, 0, row), pos_at(ch, n - 1, row), n - 1);
    svg_polyline(out, xs, ys, n, st.color, st.dash, 2);
    for (int r = 0; r < n; r++) {
        if (r % step && r != n - 1)
            continue;
        svg_group_begin(out, NULL);
        svg_tooltip(out, "%s, round %d: %.1f", name, r, pos_at(ch, r, row));
        svg_marker(out, SVG_CIRCLE, xs[r], ys[r], 2.6, st.color, 0);
        svg_group_end(out);
    }
    svg_group_end(out);
    free(xs);
    free(ys);
}

static void draw_forecast(const rounds_chart *ch)
{
    FILE *out = ch->c->out;
    const char *model = ch->c->f->engines[ch->model]->name;
    int n = ch->t->n_rounds, step = point_step(n);
    double *xs = ent_xmalloc(sizeof(double) * (size_t)n);
    double *ys = ent_xmalloc(sizeof(double) * (size_t)n);

    for (int r = 0; r < n; r++) {
        xs[r] = svg_map(&ch->x, r);
        ys[r] = svg_map(&ch->y, outcome_at(ch, r));
    }
    svg_group_begin(out, "series forecast");
    svg_tooltip(out,
                "forecast of %s: %.1f from the inputs, %.1f after round %d",
                model, outcome_at(ch, 0), outcome_at(ch, n - 1), n - 1);
    svg_polyline(out, xs, ys, n, "#111111", "", 3.5);
    for (int r = 0; r < n; r++) {
        if (r % step && r != n - 1)
            continue;
        svg_group_begin(out, NULL);
        svg_tooltip(out, "forecast (%s), round %d: %.1f", model, r,
                    outcome_at(ch, r));
        svg_marker(out, SVG_DIAMOND, xs[r], ys[r], 3.4, "#111111", 0);
        svg_group_end(out);
    }
    svg_group_end(out);
    free(xs);
    free(ys);
}

/* One direct label: leader from the line end, a swatch of the line's
   style, the (cut) name.  k < 0 is the forecast line. */
static void draw_label(const rounds_chart *ch, int k, double y_end,
                       double y_label)
{
    FILE *out = ch->c->out;
    double x_end = svg_map(&ch->x, ch->t->n_rounds - 1);
    double x_lab = ch->right + 16;
    int actor = k < 0 ? -1 : ch->t->actors[ch->rows[k]];
    const char *name = k < 0 ? "forecast" : rpt_actor_name(ch->c->sc, actor);
    svg_style st = k < 0 ? (svg_style){"#111111", "", SVG_DIAMOND}
                         : svg_series_style(actor);
    double last = k < 0 ? outcome_at(ch, ch->t->n_rounds - 1)
                        : pos_at(ch, ch->t->n_rounds - 1, ch->rows[k]);

    svg_group_begin(out, k < 0 ? "label forecast" : "label");
    svg_tooltip(out, "%s: %.1f after round %d", name, last,
                ch->t->n_rounds - 1);
    svg_line(out, x_end + 4, y_end, x_lab - 2, y_label, "leader");
    svg_line_styled(out, x_lab, y_label, x_lab + 18, y_label, st.color, st.dash,
                    k < 0 ? 3.5 : 2.5);
    svg_text(out, x_lab + 23, y_label + 3.8, "start",
             k < 0 ? "series-label strong" : "series-label", name, LABEL_CHARS);
    svg_group_end(out);
}

static void draw_labels(const rounds_chart *ch)
{
    int n = ch->n_rows + 1, last = ch->t->n_rounds - 1;
    double *y_end = ent_xmalloc(sizeof(double) * (size_t)n);
    double *y_lab = ent_xmalloc(sizeof(double) * (size_t)n);

    for (int k = 0; k < n; k++) {
        double v = k < ch->n_rows ? pos_at(ch, last, ch->rows[k])
                                  : outcome_at(ch, last);

        y_end[k] = svg_map(&ch->y, isfinite(v) ? v : ch->y.d0);
        y_lab[k] = y_end[k];
    }
    svg_spread_labels(y_lab, n, LABEL_GAP, TOP, TOP + ch->height);
    for (int k = 0; k < n; k++)
        draw_label(ch, k < ch->n_rows ? k : -1, y_end[k], y_lab[k]);
    free(y_end);
    free(y_lab);
}

/* Shades the rounds the forecast is computed from when the run settled in
   a cycle or ended unsettled, with a label saying which. */
static void draw_settled_window(const rounds_chart *ch)
{
    const ent_stop *st = &ch->t->stop;
    int last = ch->t->n_rounds - 1, first = last - st->window + 1;
    double x0, x1;
    char label[64];

    if (st->reason == ENT_STOPPED_CONVERGED || st->window < 2 || first < 0)
        return;
    x0 = svg_map(&ch->x, first) - 4;
    x1 = svg_map(&ch->x, last) + 4;
    if (st->reason == ENT_STOPPED_CYCLE)
        snprintf(label, sizeof label, "cycle of %d rounds", st->period);
    else
        snprintf(label, sizeof label, "unsettled: last %d rounds", st->window);
    svg_group_begin(ch->c->out, "settled-window");
    svg_tooltip(ch->c->out, "%s: the forecast is the mean over these rounds",
                label);
    svg_rect(ch->c->out, x0, TOP, x1 - x0, ch->height, "cycle-band");
    svg_text(ch->c->out, x1, TOP - 4, "end", "note", label, 0);
    svg_group_end(ch->c->out);
}

static void draw(rounds_chart *ch)
{
    FILE *out = ch->c->out;
    const ent_issue *is = &ch->c->sc->issues[ch->issue];
    const char *model = ch->c->f->engines[ch->model]->name;
    char title[512];

    ch->right = WIDTH - label_column(ch);
    ch->height = fmax(300, (ch->n_rows + 2) * LABEL_GAP);
    ch->x = svg_scale_make(0, ch->t->n_rounds - 1, LEFT + 8, ch->right - 8);
    ch->y = svg_scale_make(is->min, is->max, TOP + ch->height, TOP);
    snprintf(title, sizeof title, "%s: positions by round (%s)",
             rpt_issue_name(ch->c->sc, ch->issue), model);
    svg_begin(out, WIDTH, TOP + ch->height + BOTTOM, title);
    svg_text(out, LEFT - 50, 18, "start", "chart-title", title, 90);
    svg_axis_left(out, &ch->y, LEFT, ch->right, "position on the issue scale");
    draw_settled_window(ch);
    svg_anchors_horizontal(out, is, &ch->y, LEFT, ch->right);
    svg_axis_bottom(out, &ch->x, TOP + ch->height, 1,
                    "round (0 = the input positions)");
    svg_group_begin(out, "series-set");
    for (int k = 0; k < ch->n_rows; k++)
        draw_actor(ch, k);
    draw_forecast(ch);
    svg_group_end(out);
    draw_labels(ch);
    svg_end(out);
}

int rpt_chart_rounds(const rpt_ctx *c, int m, int issue)
{
    rounds_chart ch = {.c = c, .issue = issue, .model = m};
    FILE *out = c->out;
    char buf[32];

    ch.t = ent_forecast_trace(c->f, m, issue, &ch.col);
    if (!ch.t || ch.t->n_rounds < 1)
        return 0;
    pick_rows(&ch);
    fputs("<figure class=\"chart-fig\">\n", out);
    draw(&ch);
    fputs("<figcaption>", out);
    rpt_escapef(
        out,
        "Positions by round under %s: %d actors, %d rounds; the "
        "outcome ends at %s.",
        c->f->engines[m]->name, ch.n_rows, ch.t->n_rounds - 1,
        rpt_num(buf, sizeof buf, outcome_at(&ch, ch.t->n_rounds - 1), 1));
    rpt_stop_sentence(out, &ch.t->stop, ch.t->range_lo[ch.col],
                      ch.t->range_hi[ch.col]);
    if (c->f->engines[m]->multidimensional)
        fputs(" This model bargains over every issue at once; actors without "
              "a position on this issue are not drawn.",
              out);
    fputs("</figcaption>\n</figure>\n", out);
    free(ch.rows);
    return 1;
}
