/*
 * chart_exchanges.c -- the exchange network of a model that exchanges
 * voting positions (the exchange engine): actors on a circle, an arrow from
 * each actor that gave way to the actor it gave way to, one per issue,
 * coloured by that issue, its width growing with the total move; and a
 * table of the linkages, which issue was given for which.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "report/html.h"
#include "report/svg.h"

#define WIDTH 920.0
#define HEIGHT 620.0
#define CX 400.0
#define CY 300.0
#define RADIUS 230.0
#define NODE 7.0
#define MAX_FLOWS 60 /* more: only the largest are drawn */

/* Total move of one actor giving way to another on one issue. */
typedef struct flow {
    int giver, taker, issue; /* trace indices */
    int count;
    double move;
} flow;

static int cmp_flow(const void *a, const void *b)
{
    const flow *x = a, *y = b;

    if (x->move != y->move)
        return x->move < y->move ? -1 : 1; /* thin first, thick on top */
    if (x->giver != y->giver)
        return x->giver - y->giver;
    if (x->taker != y->taker)
        return x->taker - y->taker;
    return x->issue - y->issue;
}

static void add_flow(flow *f, int *n, int giver, int taker, int issue,
                     double move)
{
    for (int i = 0; i < *n; i++)
        if (f[i].giver == giver && f[i].taker == taker && f[i].issue == issue) {
            f[i].count++;
            f[i].move += move;
            return;
        }
    f[*n] = (flow){giver, taker, issue, 1, move};
    ++*n;
}

/* Flows of the trace: i gave way to j on i's supply issue, and j to i. */
static flow *collect_flows(const ent_trace *t, int *n)
{
    flow *f = ent_xcalloc(2 * (size_t)t->n_exchanges + 1, sizeof *f);

    *n = 0;
    for (int e = 0; e < t->n_exchanges; e++) {
        const ent_exchange *x = &t->exchanges[e];

        add_flow(f, n, x->actor_i, x->actor_j, x->supply_i,
                 fabs(x->to_i - x->from_i));
        add_flow(f, n, x->actor_j, x->actor_i, x->supply_j,
                 fabs(x->to_j - x->from_j));
    }
    qsort(f, (size_t)*n, sizeof *f, cmp_flow);
    return f;
}

static void node_xy(int slot, int slots, double *x, double *y)
{
    double a = -M_PI / 2 + 2 * M_PI * slot / slots;

    *x = CX + RADIUS * cos(a);
    *y = CY + RADIUS * sin(a);
}

/* A curved arrow from (x0, y0) to (x1, y1), bent to its left so the two
   directions between a pair do not overlap. */
static void arrow(FILE *out, double x0, double y0, double x1, double y1,
                  svg_style st, double width)
{
    double dx = x1 - x0, dy = y1 - y0, len = sqrt(dx * dx + dy * dy);
    double ux, uy, mx, my, ex, ey, tx, ty, tl, head = 6 + width;

    if (len < 1)
        return;
    ux = dx / len;
    uy = dy / len;
    mx = (x0 + x1) / 2 + uy * len * 0.15;
    my = (y0 + y1) / 2 - ux * len * 0.15;
    /* stop at the node's rim, along the curve's end tangent */
    tx = x1 - mx;
    ty = y1 - my;
    tl = sqrt(tx * tx + ty * ty);
    ex = x1 - tx / tl * (NODE + 2);
    ey = y1 - ty / tl * (NODE + 2);
    fprintf(out,
            "<path d=\"M%.1f %.1f Q%.1f %.1f %.1f %.1f\" fill=\"none\" "
            "stroke=\"%s\" stroke-width=\"%.1f\" stroke-dasharray=\"%s\" "
            "stroke-opacity=\"0.75\"/>",
            x0, y0, mx, my, ex, ey, st.color, width, st.dash);
    fprintf(out, "<path d=\"M%.1f %.1f L%.1f %.1f L%.1f %.1f Z\" fill=\"%s\"/>",
            ex, ey, ex - tx / tl * head + ty / tl * head * 0.5,
            ey - ty / tl * head - tx / tl * head * 0.5,
            ex - tx / tl * head - ty / tl * head * 0.5,
            ey - ty / tl * head + tx / tl * head * 0.5, st.color);
}

static void draw_flows(const rpt_ctx *c, const ent_trace *t, const flow *f,
                       int n, const int *slot, int slots)
{
    double max = 0;

    for (int i = 0; i < n; i++)
        max = fmax(max, f[i].move);
    for (int i = 0; i < n; i++) {
        double x0, y0, x1, y1;
        svg_style st = svg_series_style(f[i].issue);
        int k = t->issues[f[i].issue];

        node_xy(slot[f[i].giver], slots, &x0, &y0);
        node_xy(slot[f[i].taker], slots, &x1, &y1);
        fputs("<g>", c->out);
        svg_tooltip(c->out,
                    "%s gave way to %s on %s: %d exchange%s, %.4g "
                    "points in all",
                    rpt_actor_name(c->sc, t->actors[f[i].giver]),
                    rpt_actor_name(c->sc, t->actors[f[i].taker]),
                    rpt_issue_name(c->sc, k), f[i].count,
                    f[i].count == 1 ? "" : "s", f[i].move);
        arrow(c->out, x0, y0, x1, y1, st,
              max > 0 ? 1 + 5 * f[i].move / max : 1);
        fputs("</g>\n", c->out);
    }
}

static void draw_nodes(const rpt_ctx *c, const ent_trace *t, const int *slot,
                       int slots)
{
    for (int a = 0; a < t->n; a++) {
        double x, y, ang;

        if (slot[a] < 0)
            continue;
        node_xy(slot[a], slots, &x, &y);
        ang = atan2(y - CY, x - CX);
        fputs("<g>", c->out);
        svg_tooltip(c->out, "%s", rpt_actor_name(c->sc, t->actors[a]));
        svg_marker(c->out, SVG_CIRCLE, x, y, NODE, "#222222", 0);
        svg_text(c->out, x + cos(ang) * (NODE + 6),
                 y + sin(ang) * (NODE + 6) + 4,
                 cos(ang) < -0.2  ? "end"
                 : cos(ang) > 0.2 ? "start"
                                  : "middle",
                 "label", rpt_actor_name(c->sc, t->actors[a]), 22);
        fputs("</g>\n", c->out);
    }
}

static void draw_legend(const rpt_ctx *c, const ent_trace *t)
{
    for (int k = 0; k < t->d; k++) {
        svg_style st = svg_series_style(k);
        double y = 40 + 20 * k;

        svg_line_styled(c->out, 690, y, 720, y, st.color, st.dash, 3);
        svg_text(c->out, 726, y + 4, "start", "label",
                 rpt_issue_name(c->sc, t->issues[k]), 26);
    }
}

/* Trace of model m that has exchanges; NULL if none. */
static const ent_trace *exchange_trace(const ent_forecast *f, int m)
{
    for (int i = 0; i < f->n_traces[m]; i++)
        if (f->traces[m][i].n_exchanges > 0)
            return &f->traces[m][i];
    return NULL;
}

int rpt_has_exchanges(const ent_forecast *f)
{
    for (int m = 0; m < f->n_models; m++)
        if (exchange_trace(f, m))
            return 1;
    return 0;
}

int rpt_chart_exchanges(const rpt_ctx *c, int m)
{
    const ent_trace *t = exchange_trace(c->f, m);
    int *slot, slots = 0, n, shown;
    flow *f;

    if (!t)
        return 0;
    f = collect_flows(t, &n);
    shown = n < MAX_FLOWS ? n : MAX_FLOWS;
    slot = ent_xmalloc(sizeof *slot * (size_t)(t->n + 1));
    for (int a = 0; a < t->n; a++) {
        slot[a] = -1;
        for (int i = 0; i < n && slot[a] < 0; i++)
            if (f[i].giver == a || f[i].taker == a)
                slot[a] = slots++;
    }
    /* drawn at its full width, in a frame that scrolls sideways on narrow
       screens, so that its labels keep their size */
    fputs("<figure class=\"chart-fig scroll-x\">\n", c->out);
    svg_begin(c->out, WIDTH, HEIGHT, "Exchange network: who gave way to whom");
    draw_flows(c, t, f + (n - shown), shown, slot, slots);
    draw_nodes(c, t, slot, slots);
    draw_legend(c, t);
    svg_end(c->out);
    rpt_escapef(c->out,
                "\n<figcaption>Each arrow runs from an actor that gave way to "
                "the actor it gave way to, coloured by the issue it gave way "
                "on; its width grows with the total move over all rounds "
                "(%d exchanges under %s; the %d largest of %d such flows "
                "drawn). Hover an arrow for the numbers.</figcaption>\n",
                t->n_exchanges, c->f->engines[m]->name, shown, n);
    fputs("</figure>\n", c->out);
    free(slot);
    free(f);
    return 1;
}

/* One linkage: issue given up for issue gained. */
typedef struct linkage {
    int give, gain, count;
} linkage;

static int cmp_linkage(const void *a, const void *b)
{
    const linkage *x = a, *y = b;

    if (x->count != y->count)
        return y->count - x->count;
    return x->give != y->give ? x->give - y->give : x->gain - y->gain;
}

void rpt_table_linkages(const rpt_ctx *c, int m)
{
    const ent_trace *t = exchange_trace(c->f, m);
    linkage *l;
    int n = 0;

    if (!t)
        return;
    l = ent_xcalloc(2 * (size_t)t->n_exchanges + 1, sizeof *l);
    for (int e = 0; e < t->n_exchanges; e++)
        for (int side = 0; side < 2; side++) {
            const ent_exchange *x = &t->exchanges[e];
            int give = side ? x->supply_j : x->supply_i;
            int gain = side ? x->supply_i : x->supply_j;
            int i = 0;

            while (i < n && (l[i].give != give || l[i].gain != gain))
                i++;
            if (i == n)
                l[n++] = (linkage){give, gain, 0};
            l[i].count++;
        }
    qsort(l, (size_t)n, sizeof *l, cmp_linkage);
    fputs("<table class=\"linkages\">\n<thead><tr><th>gave way on</th>"
          "<th>in return for</th><th class=\"num\">times</th></tr></thead>\n"
          "<tbody>\n",
          c->out);
    for (int i = 0; i < n; i++) {
        fputs("<tr><td>", c->out);
        ent_html_escape(c->out, rpt_issue_name(c->sc, t->issues[l[i].give]));
        fputs("</td><td>", c->out);
        ent_html_escape(c->out, rpt_issue_name(c->sc, t->issues[l[i].gain]));
        fprintf(c->out, "</td><td class=\"num\">%d</td></tr>\n", l[i].count);
    }
    fputs("</tbody>\n</table>\n", c->out);
    free(l);
}
