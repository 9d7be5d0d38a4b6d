/*
 * chart_validation.c -- the back-test's validation scores: a dot-and-
 * whisker chart of each model's mean absolute error with its 95%
 * bootstrap interval, over all scored issues and by issue tag, and a
 * table of the overall scores (docs/validation.md).
 */
#include <math.h>
#include <string.h>

#include "entente/validation.h"
#include "report/html.h"
#include "report/svg.h"

#define RIGHT 24.0
#define TOP 12.0
#define LINE 15.0
#define GAP 12.0
#define BOTTOM 50.0

/* What draw() needs. */
typedef struct val_chart {
    const rpt_ctx *c;
    const ent_validation *v;
} val_chart;

/* The model names start at a third of the width; block labels above. */
static double left_of(double width)
{
    return width / 3;
}

static int group_used(const ent_validation *v, int g)
{
    for (int m = 0; m < v->n_models; m++)
        if (v->groups[g].scores[m].n > 0)
            return 1;
    return 0;
}

/* One block: a label and one whisker per model. */
static double draw_block(FILE *out, const ent_validation *v, const svg_scale *x,
                         double y, double left, const char *label,
                         const ent_score *scores)
{
    svg_text(out, 4, y + LINE * 0.5 + 4, "start", "row-label strong", label,
             (int)(left / 8));
    for (int m = 0; m < v->n_models; m++) {
        const ent_score *s = &scores[m];
        svg_style st = svg_model_style(v->models[m], m);
        int sq = strcmp(v->models[m], "status_quo") == 0;
        double cy = y + LINE * m + LINE / 2;

        svg_text(out, left - 8, cy + 4, "end", "row-label",
                 sq ? "status quo" : v->models[m], 0);
        if (!isfinite(s->mae))
            continue;
        svg_group_begin(out, "point");
        svg_tooltip(out, "%s, %s: MAE %.1f [%.1f, %.1f] over %d issues",
                    v->models[m], label, s->mae, s->mae_lo, s->mae_hi, s->n);
        if (isfinite(s->mae_lo))
            svg_line_styled(out, svg_map(x, s->mae_lo), cy,
                            svg_map(x, s->mae_hi), cy, st.color, st.dash, 2);
        svg_marker(out, st.shape, svg_map(x, s->mae), cy, 5, st.color, sq);
        svg_group_end(out);
    }
    return y + LINE * v->n_models + GAP;
}

static double upper_bound(const ent_validation *v)
{
    double hi = 10;

    for (int m = 0; m < v->n_models; m++)
        hi = fmax(hi, isfinite(v->overall[m].mae_hi) ? v->overall[m].mae_hi
                                                     : v->overall[m].mae);
    for (int g = 0; g < v->n_groups; g++)
        for (int m = 0; m < v->n_models; m++)
            if (isfinite(v->groups[g].scores[m].mae_hi))
                hi = fmax(hi, v->groups[g].scores[m].mae_hi);
    return ceil(hi / 10) * 10;
}

static void draw(const void *chart, double width)
{
    const val_chart *ch = chart;
    const ent_validation *v = ch->v;
    FILE *out = ch->c->out;
    double left = left_of(width), y = TOP, bottom;
    int blocks = 1;
    svg_scale x;
    char label[128];

    for (int g = 0; g < v->n_groups; g++)
        blocks += group_used(v, g);
    bottom = TOP + blocks * (v->n_models * LINE + GAP);
    x = svg_scale_make(0, upper_bound(v), left, width - RIGHT);
    svg_begin(out, width, bottom + BOTTOM,
              "Mean absolute error with 95% intervals");
    y = draw_block(out, v, &x, y, left, "all issues", v->overall);
    for (int g = 0; g < v->n_groups; g++) {
        if (!group_used(v, g))
            continue;
        snprintf(label, sizeof label, "%s=%s", v->groups[g].key,
                 v->groups[g].value);
        y = draw_block(out, v, &x, y, left, label, v->groups[g].scores);
    }
    svg_axis_bottom(out, &x, bottom, 0, "mean absolute error");
    svg_end(out);
}

static void chart(const rpt_ctx *c, const ent_validation *v)
{
    val_chart ch = {c, v};

    rpt_figure_begin(c, "validation",
                     "Mean absolute error (0\xe2\x80\x93"
                     "100 scale) with 95% "
                     "bootstrap intervals");
    rpt_figure_draw(c, draw, &ch);
    fputs("<figcaption>Each marker is a model's mean absolute error, its "
          "line the 95% interval from resampling the periods; rows below "
          "the first restrict the issues to one tag value. Lower is "
          "better.</figcaption>\n",
          c->out);
    rpt_figure_end(c);
}

static void cell_ci(FILE *out, double v, double lo, double hi, double scale)
{
    char a[32], b[32], d[32];

    if (!isfinite(v)) {
        fputs("<td class=\"num\">\xe2\x80\x93</td>", out);
        return;
    }
    fprintf(out, "<td class=\"num\">%s", rpt_num(a, sizeof a, v * scale, 1));
    if (isfinite(lo))
        fprintf(out, " [%s, %s]", rpt_num(b, sizeof b, lo * scale, 1),
                rpt_num(d, sizeof d, hi * scale, 1));
    fputs("</td>", out);
}

static void table(const rpt_ctx *c, const ent_validation *v)
{
    FILE *out = c->out;
    static const char *const heads[] = {
        "model",           "issues",        "MAE [95% CI]",      "median AE",
        "% hits [95% CI]", "vs compromise", "vs reference point"};

    fputs("<div class=\"scroll\"><table class=\"mae\">\n<thead><tr>", out);
    for (int h = 0; h < 7; h++)
        fprintf(out, "<th%s>%s</th>", h ? " class=\"num\"" : "", heads[h]);
    fputs("</tr></thead>\n<tbody>\n", out);
    for (int m = 0; m < v->n_models; m++) {
        const ent_score *s = &v->overall[m];
        const ent_paired *pc = &v->vs_compromise[m], *pr = &v->vs_reference[m];

        fputs("<tr><td>", out);
        ent_html_escape(out, v->models[m]);
        fprintf(out, "</td><td class=\"num\">%d</td>", s->n);
        cell_ci(out, s->mae, s->mae_lo, s->mae_hi, 1);
        cell_ci(out, s->median_ae, NAN, NAN, 1);
        cell_ci(out, s->hits, s->hits_lo, s->hits_hi, 100);
        cell_ci(out, pc->diff, pc->lo, pc->hi, 1);
        cell_ci(out, pr->diff, pr->lo, pr->hi, 1);
        fputs("</tr>\n", out);
    }
    fputs("</tbody>\n</table></div>\n", out);
}

void rpt_validation(const rpt_ctx *c)
{
    const ent_validation *v = c->b ? c->b->validation : NULL;

    if (!v || v->n_models == 0)
        return;
    fprintf(c->out,
            "<h3>Scores</h3>\n<p class=\"desc\">%d issues scored (%d "
            "binary). Errors on a 0\xe2\x80\x93"
            "100 scale. A hit is a "
            "forecast within 10 points of the outcome or, on a binary issue, "
            "on the outcome\xe2\x80\x99s side of the midpoint. The vs "
            "columns: "
            "the difference in mean absolute error from the compromise "
            "model (mean) and the reference point (status quo) on the issues "
            "both scored; below 0 is better. Intervals: %d bootstrap "
            "resamples of the periods, seed %llu.</p>\n",
            v->n_scored, v->n_binary, v->resamples,
            (unsigned long long)v->seed);
    table(c, v);
    chart(c, v);
}
