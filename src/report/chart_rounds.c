/*
 * chart_rounds.c -- the positions-by-round chart: for one iterative model
 * and one issue, a line per actor from its input position (round 0)
 * through every round, the model's outcome after each round as a thick
 * black line, and the issue's anchors as reference lines.  Actors whose
 * positions are the same in every round share one line (and one label
 * naming them all).  With many lines they would pile up and colours
 * repeat, so only the lines that moved most are coloured (at most
 * SVG_N_HIGHLIGHT, each its own colour and dash) and the rest are drawn
 * in grey and named in the caption.  On a wide chart the coloured lines
 * and the forecast are labelled at their ends with full names, placed so
 * they do not overlap; on a narrow one a legend under the plot names
 * them.  A cycle, or the last rounds of an unsettled run, is shaded: the
 * rounds the forecast is computed from.  Points carry tooltips (actor,
 * round, value); the same values are in a table under the chart, folded
 * away until opened, for touch screens and screen readers.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "report/html.h"
#include "report/svg.h"

#define LEFT 58.0
#define TOP 26.0  /* room above the plot for the cycle's note */
#define AXIS 48.0 /* room under the plot for the round axis */
#define MIN_PLOT 250.0
#define LABEL_W 230.0 /* end-label column of a wide chart */
#define SWATCH 18.0
#define LABEL_GAP 5.0
#define MAX_POINTS 40 /* more rounds than this: markers on a subset */

typedef struct rounds_chart {
    const rpt_ctx *c;
    const ent_trace *t;
    int col, issue, model;
    int *rows; /* trace rows of the actors on the issue, most moved first */
    int n_rows;
    int *lead;   /* [n_rows]: first k with rows[k]'s trajectory */
    int *series; /* indices k of rows leading a line, most moved first */
    int n_series;
    int n_lit; /* series[0 .. n_lit-1] are highlighted */
    /* set per width by layout() */
    double width, right, plot_h, labels_h;
    int narrow;
    svg_scale x, y;
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

static int last_round(const rounds_chart *ch)
{
    return ch->t->n_rounds - 1;
}

/* How far a row's position travelled over the rounds. */
static double movement(const rounds_chart *ch, int row)
{
    double sum = 0;

    for (int r = 1; r < ch->t->n_rounds; r++) {
        double d = pos_at(ch, r, row) - pos_at(ch, r - 1, row);

        if (isfinite(d))
            sum += fabs(d);
    }
    return sum;
}

static int same_path(const rounds_chart *ch, int a, int b)
{
    for (int r = 0; r < ch->t->n_rounds; r++) {
        double x = pos_at(ch, r, a), y = pos_at(ch, r, b);

        if (!(x == y || (isnan(x) && isnan(y))))
            return 0;
    }
    return 1;
}

/* One line per distinct trajectory, led by its first row. */
static void group_rows(rounds_chart *ch)
{
    ch->lead = ent_xmalloc(sizeof *ch->lead * (size_t)(ch->n_rows + 1));
    ch->series = ent_xmalloc(sizeof *ch->series * (size_t)(ch->n_rows + 1));
    ch->n_series = 0;
    for (int k = 0; k < ch->n_rows; k++) {
        int j = 0;

        while (j < k &&
               !(ch->lead[j] == j && same_path(ch, ch->rows[j], ch->rows[k])))
            j++;
        ch->lead[k] = j;
        if (j == k)
            ch->series[ch->n_series++] = k;
    }
}

/* The trace rows of the actors who hold a position on the issue, the
   biggest movers first (ties in actor order), grouped into lines; the
   first SVG_N_HIGHLIGHT lines that moved at all are highlighted, or
   every line when they all fit. */
static void pick_rows(rounds_chart *ch)
{
    const ent_problem *p = ch->c->f->problem;
    double *moved = ent_xmalloc(sizeof *moved * (size_t)(ch->t->n + 1));

    ch->rows = ent_xmalloc(sizeof *ch->rows * (size_t)(ch->t->n + 1));
    ch->n_rows = 0;
    for (int i = 0; i < ch->t->n; i++) {
        int j;

        if (!p->present[ent_cell(p, ch->t->actors[i], ch->issue)])
            continue;
        moved[i] = movement(ch, i);
        for (j = ch->n_rows; j > 0 && moved[ch->rows[j - 1]] < moved[i]; j--)
            ch->rows[j] = ch->rows[j - 1];
        ch->rows[j] = i;
        ch->n_rows++;
    }
    group_rows(ch);
    if (ch->n_series <= SVG_N_HIGHLIGHT) {
        ch->n_lit = ch->n_series;
    } else {
        ch->n_lit = 0;
        while (ch->n_lit < SVG_N_HIGHLIGHT &&
               moved[ch->rows[ch->series[ch->n_lit]]] > 1e-9)
            ch->n_lit++;
    }
    free(moved);
}

static const char *row_name(const rounds_chart *ch, int k)
{
    return rpt_actor_name(ch->c->sc, ch->t->actors[ch->rows[k]]);
}

/* The names of every actor on line i (i < 0: the forecast), "; "
   between them (caller frees). */
static char *line_names(const rounds_chart *ch, int i)
{
    int k = i < 0 ? -1 : ch->series[i];
    size_t size = 1, used = 0;
    char *names;

    if (k < 0)
        return rpt_format("outcome (%s)", ch->c->f->engines[ch->model]->name);
    for (int j = k; j < ch->n_rows; j++)
        if (ch->lead[j] == k)
            size += strlen(row_name(ch, j)) + 2;
    names = ent_xmalloc(size);
    for (int j = k; j < ch->n_rows; j++) {
        const char *name = row_name(ch, j);
        size_t len = strlen(name);

        if (ch->lead[j] != k)
            continue;
        if (used) {
            memcpy(names + used, "; ", 2);
            used += 2;
        }
        memcpy(names + used, name, len);
        used += len;
    }
    names[used] = '\0';
    return names;
}

/* Line i's position after round r (i < 0: the forecast's). */
static double line_at(const rounds_chart *ch, int i, int r)
{
    return i < 0 ? outcome_at(ch, r) : pos_at(ch, r, ch->rows[ch->series[i]]);
}

/* k = -1 is the forecast. */
static svg_style row_style(const rounds_chart *ch, int k)
{
    if (k < 0)
        return (svg_style){"#111111", "", SVG_DIAMOND};
    if (k >= ch->n_lit)
        return (svg_style){SVG_MUTED, "", SVG_CIRCLE};
    return svg_highlight_style(k);
}

static char *label_text(const rounds_chart *ch, int i)
{
    char buf[32];
    char *names = line_names(ch, i);
    char *text =
        rpt_format("%s: %s", names,
                   rpt_num(buf, sizeof buf, line_at(ch, i, last_round(ch)), 1));

    free(names);
    return text;
}

static int point_step(int n_rounds)
{
    return n_rounds > MAX_POINTS ? (n_rounds + MAX_POINTS - 1) / MAX_POINTS : 1;
}

/* Label column width, or the legend's line width when narrow. */
static double text_width(const rounds_chart *ch)
{
    return ch->narrow ? ch->width - 8 - SWATCH - LABEL_GAP - 4
                      : LABEL_W - SWATCH - LABEL_GAP - 4;
}

/* Height of the labels (the legend when narrow) of the lit rows and the
   forecast, wrapped to the label width. */
static double labels_height(const rounds_chart *ch)
{
    double h = 0;

    for (int k = -1; k < ch->n_lit; k++) {
        char *text = label_text(ch, k);
        svg_lines l = svg_wrap(text, text_width(ch), 0);

        h += svg_lines_height(&l) + LABEL_GAP;
        svg_lines_free(&l);
        free(text);
    }
    return h;
}

static void layout(rounds_chart *ch, double width)
{
    const ent_issue *is = &ch->c->sc->issues[ch->issue];

    ch->width = width;
    ch->narrow = width < SVG_WIDE;
    ch->labels_h = labels_height(ch);
    ch->right = ch->narrow ? width - 12 : width - LABEL_W - 18;
    ch->plot_h = ch->narrow ? MIN_PLOT * 0.9 : fmax(MIN_PLOT, ch->labels_h);
    ch->x = svg_scale_make(0, last_round(ch), LEFT + 8, ch->right - 8);
    ch->y = svg_scale_make(is->min, is->max, TOP + ch->plot_h, TOP);
}

/* Line i (i < 0: the forecast). */
static void draw_line(const rounds_chart *ch, int i)
{
    FILE *out = ch->c->out;
    int n = ch->t->n_rounds, step = point_step(n), lit = i < ch->n_lit;
    char *name = line_names(ch, i);
    svg_style st = row_style(ch, i);
    double *xs = ent_xmalloc(sizeof(double) * (size_t)n);
    double *ys = ent_xmalloc(sizeof(double) * (size_t)n);

    for (int r = 0; r < n; r++) {
        xs[r] = svg_map(&ch->x, r);
        ys[r] = svg_map(&ch->y, line_at(ch, i, r));
    }
    svg_group_begin(out, i < 0 ? "series forecast"
                         : lit ? "series"
                               : "series muted");
    svg_tooltip(out, "%s: %.1f at the start, %.1f after round %d", name,
                line_at(ch, i, 0), line_at(ch, i, n - 1), n - 1);
    svg_polyline(out, xs, ys, n, st.color, st.dash,
                 i < 0 ? 3.5
                 : lit ? 2.2
                       : 1.3);
    for (int r = 0; lit && r < n; r++) {
        if (r % step && r != n - 1)
            continue;
        svg_group_begin(out, NULL);
        svg_tooltip(out, "%s, round %d: %.1f", name, r, line_at(ch, i, r));
        if (i < 0)
            svg_marker(out, SVG_DIAMOND, xs[r], ys[r], 3.4, st.color, 0);
        else
            svg_marker(out, SVG_CIRCLE, xs[r], ys[r], 2.4, st.color, 0);
        svg_group_end(out);
    }
    svg_group_end(out);
    free(name);
    free(xs);
    free(ys);
}

/* One label: a swatch of the line's style and the wrapped text, its
   first line centred on `y`; on a wide chart a leader from the line's
   end at `y_end`. */
static void draw_label(const rounds_chart *ch, int k, double x, double y,
                       double y_end, const svg_lines *l, const char *full)
{
    FILE *out = ch->c->out;
    svg_style st = row_style(ch, k);
    double top = y - svg_lines_height(l) / 2;

    svg_group_begin(out, k < 0 ? "label forecast" : "label");
    if (!ch->narrow)
        svg_line(out, svg_map(&ch->x, last_round(ch)) + 4, y_end, x - 3,
                 top + SVG_LINE / 2, "leader");
    svg_line_styled(out, x, top + SVG_LINE / 2, x + SWATCH, top + SVG_LINE / 2,
                    st.color, st.dash, k < 0 ? 3.5 : 2.5);
    svg_text_lines(out, x + SWATCH + LABEL_GAP, top + SVG_LINE / 2 + 4, "start",
                   k < 0 ? "series-label strong" : "series-label", l, full);
    svg_group_end(out);
}

/* Labels of the lit rows and the forecast: at the line ends on a wide
   chart, in a legend from `legend_top` on a narrow one. */
static void draw_labels(const rounds_chart *ch, double legend_top)
{
    int n = ch->n_lit + 1;
    svg_span *sp = ent_xmalloc(sizeof *sp * (size_t)n);
    svg_lines *ls = ent_xmalloc(sizeof *ls * (size_t)n);
    char **texts = ent_xmalloc(sizeof *texts * (size_t)n);
    double x = ch->narrow ? 8 : ch->right + 18;

    for (int i = 0; i < n; i++) {
        int k = i - 1;
        double end = line_at(ch, k, last_round(ch));

        texts[i] = label_text(ch, k);
        ls[i] = svg_wrap(texts[i], text_width(ch), 0);
        sp[i].size = svg_lines_height(&ls[i]);
        /* the first line's centre sits on the line's end; a legend,
           below the plot, keeps the order of the line ends */
        sp[i].want = svg_map(&ch->y, isfinite(end) ? end : ch->y.d0) -
                     SVG_LINE / 2 + sp[i].size / 2;
    }
    svg_place_spans(sp, n, LABEL_GAP, ch->narrow ? legend_top : TOP - 6,
                    ch->narrow ? INFINITY : TOP + ch->plot_h + 6);
    for (int i = 0; i < n; i++) {
        int k = i - 1;
        double end = line_at(ch, k, last_round(ch));

        draw_label(ch, k, x, sp[i].at, svg_map(&ch->y, end), &ls[i], texts[i]);
        svg_lines_free(&ls[i]);
        free(texts[i]);
    }
    free(texts);
    free(ls);
    free(sp);
}

/* Shades the rounds the forecast is computed from when the run settled in
   a cycle or ended unsettled, with a note above the plot saying which. */
static void draw_settled_window(const rounds_chart *ch)
{
    const ent_stop *st = &ch->t->stop;
    int last = last_round(ch), first = last - st->window + 1;
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
    svg_rect(ch->c->out, x0, TOP, x1 - x0, ch->plot_h, "cycle-band");
    svg_text(ch->c->out, x1, TOP - 6, "end", "note", label, 0);
    svg_group_end(ch->c->out);
}

static void draw(const void *chart, double width)
{
    rounds_chart ch = *(const rounds_chart *)chart;
    FILE *out = ch.c->out;
    const ent_issue *is = &ch.c->sc->issues[ch.issue];
    double bottom, height;
    char *title;

    layout(&ch, width);
    bottom = TOP + ch.plot_h;
    height = bottom + AXIS + (ch.narrow ? ch.labels_h + 8 : 0);
    title = rpt_format("%s: positions by round (%s)",
                       rpt_issue_name(ch.c->sc, ch.issue),
                       ch.c->f->engines[ch.model]->name);
    svg_begin(out, width, height, title);
    svg_axis_left(out, &ch.y, LEFT, ch.right, is, "position on the scale");
    draw_settled_window(&ch);
    svg_anchors_horizontal(out, is, &ch.y, LEFT, ch.right);
    svg_axis_bottom(out, &ch.x, bottom, 1, "round (0 = the inputs)");
    svg_group_begin(out, "series-set");
    for (int i = ch.n_series - 1; i >= 0; i--) /* grey first, under */
        draw_line(&ch, i);
    draw_line(&ch, -1);
    svg_group_end(out);
    draw_labels(&ch, bottom + AXIS + 8);
    svg_end(out);
    free(title);
}

static void caption(const rounds_chart *ch)
{
    FILE *out = ch->c->out;
    char buf[32];

    fputs("<figcaption>", out);
    rpt_escapef(out,
                "Positions by round under %s: %d actors, %d rounds; the "
                "outcome (black) ends at %s.",
                ch->c->f->engines[ch->model]->name, ch->n_rows, last_round(ch),
                rpt_num(buf, sizeof buf, outcome_at(ch, last_round(ch)), 1));
    rpt_stop_sentence(out, &ch->t->stop, ch->t->range_lo[ch->col],
                      ch->t->range_hi[ch->col]);
    if (ch->n_series < ch->n_rows)
        fputs(" Actors whose positions are the same in every round share a "
              "line.",
              out);
    if (ch->n_lit < ch->n_series) {
        rpt_escapef(out,
                    " Coloured: the %d lines that moved most. Grey, with the "
                    "position after the last round: ",
                    ch->n_lit);
        for (int i = ch->n_lit; i < ch->n_series; i++) {
            char *text = label_text(ch, i);

            if (i > ch->n_lit)
                fputs(" \xc2\xb7 ", out);
            ent_html_escape(out, text);
            free(text);
        }
        fputc('.', out);
    }
    fputs(" Anchor values are bold on the left axis; their meanings are "
          "listed under Scale.",
          out);
    if (ch->c->f->engines[ch->model]->multidimensional)
        fputs(" This model bargains over every issue at once; actors without "
              "a position on this issue are not drawn.",
              out);
    fputs("</figcaption>\n", out);
}

/* Every actor's position after every round, and the outcome's. */
static void data_table(const rounds_chart *ch)
{
    FILE *out = ch->c->out;
    int n = ch->t->n_rounds;
    char buf[32];

    fputs("<details class=\"data\"><summary>The positions by round as a "
          "table</summary>\n<div class=\"scroll\"><table class=\"rounds-data\">"
          "<thead><tr><th>actor</th>",
          out);
    for (int r = 0; r < n; r++)
        fprintf(out, "<th class=\"num\">%d</th>", r);
    fputs("</tr></thead>\n<tbody>\n", out);
    for (int k = -1; k < ch->n_rows; k++) {
        fputs(k < 0 ? "<tr class=\"best\"><td>outcome</td>" : "<tr><td>", out);
        if (k >= 0) {
            ent_html_escape(out, row_name(ch, k));
            fputs("</td>", out);
        }
        for (int r = 0; r < n; r++)
            fprintf(
                out, "<td class=\"num\">%s</td>",
                rpt_num(buf, sizeof buf,
                        k < 0 ? outcome_at(ch, r) : pos_at(ch, r, ch->rows[k]),
                        1));
        fputs("</tr>\n", out);
    }
    fputs("</tbody></table></div></details>\n", out);
}

int rpt_chart_rounds(const rpt_ctx *c, int m, int issue)
{
    rounds_chart ch = {.c = c, .issue = issue, .model = m};
    char *title;

    ch.t = ent_forecast_trace(c->f, m, issue, &ch.col);
    if (!ch.t || ch.t->n_rounds < 1)
        return 0;
    pick_rows(&ch);
    title = rpt_format("%s: positions by round (%s)",
                       rpt_issue_name(c->sc, issue), c->f->engines[m]->name);
    rpt_figure_begin(c, "rounds", title);
    rpt_figure_draw(c, draw, &ch);
    caption(&ch);
    rpt_figure_end(c);
    data_table(&ch);
    free(title);
    free(ch.rows);
    free(ch.lead);
    free(ch.series);
    return 1;
}
