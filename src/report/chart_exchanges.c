/*
 * chart_exchanges.c -- the exchange network of a model that exchanges
 * voting positions (the exchange engine): actors on a circle, numbered, an
 * arrow from each actor that gave way to the actor it gave way to, one per
 * issue, coloured by that issue, its width growing with the total move;
 * beside the circle (below it on phones) the key: each issue's colour and
 * each number's actor, wrapped to the room.  Drawn at both widths of the
 * report's figures (figure.c).  Then a table of the linkages, which issue
 * was given for which.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "report/html.h"
#include "report/svg.h"

#define NODE 7.0
#define MAX_FLOWS 60 /* more: only the largest are drawn */
#define MARGIN 10.0
#define CIRCLE_WIDE 400.0 /* the circle's square, labels included, wide */
#define RING_GAP 18.0     /* between the rings of staggered numbers */
#define LABEL_ARC 24.0    /* along the circle, per number of one ring */
#define MAX_RINGS 4
#define SWATCH 24.0
#define KEY_GAP 6.0 /* between the key's rows */

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

/* What the network chart draws, at any width. */
typedef struct net_chart {
    const rpt_ctx *c;
    const ent_trace *t;
    const flow *f; /* the flows drawn, thin first */
    int n_flows;
    const int *slot; /* [t->n] place on the circle, -1: not drawn */
    const int *who;  /* [slots] the trace actor at each place */
    int slots;
} net_chart;

/* Where things go at one width. */
typedef struct net_layout {
    double width, cx, cy, r;
    double key_x, key_y, key_w;
    double height;
    int rings; /* numbers staggered over this many rings */
} net_layout;

/* Radius of the numbers of ring `ring`, from the circle's centre. */
static double label_radius(const net_layout *l, int ring)
{
    return l->r + NODE + 10 + ring * RING_GAP;
}

/* The circle in a square of side `side`, its numbers inside it. */
static void fit_circle(net_layout *l, double side, int slots)
{
    double r = side / 2 - (NODE + 20);
    double arc = slots > 0 ? 2 * M_PI * r / slots : LABEL_ARC;

    l->rings = (int)ceil(LABEL_ARC / arc);
    l->rings = l->rings < 1 ? 1 : l->rings > MAX_RINGS ? MAX_RINGS : l->rings;
    l->r = side / 2 - (NODE + 20 + (l->rings - 1) * RING_GAP);
}

static double key(const net_chart *ch, const net_layout *l, FILE *out);

/* Wide: the circle on the left, the key to its right.  Narrow: the
   circle across the width, the key below it. */
static void layout(const net_chart *ch, double width, net_layout *l)
{
    int narrow = width < SVG_WIDE;
    double side = narrow ? width - 2 * MARGIN : CIRCLE_WIDE;

    memset(l, 0, sizeof *l);
    l->width = width;
    fit_circle(l, side, ch->slots);
    l->cx = MARGIN + side / 2;
    l->cy = MARGIN + side / 2;
    l->key_x = narrow ? MARGIN : 2 * MARGIN + side;
    l->key_y = narrow ? 2 * MARGIN + side : MARGIN;
    l->key_w = width - MARGIN - l->key_x;
    l->height = fmax(2 * MARGIN + side, key(ch, l, NULL) + MARGIN);
}

static void place_xy(const net_layout *l, int slot, int slots, double radius,
                     double *x, double *y)
{
    double a = -M_PI / 2 + 2 * M_PI * slot / slots;

    *x = l->cx + radius * cos(a);
    *y = l->cy + radius * sin(a);
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

static void draw_flows(const net_chart *ch, const net_layout *l)
{
    const ent_trace *t = ch->t;
    FILE *out = ch->c->out;
    double max = 0;

    for (int i = 0; i < ch->n_flows; i++)
        max = fmax(max, ch->f[i].move);
    for (int i = 0; i < ch->n_flows; i++) {
        const flow *f = &ch->f[i];
        double x0, y0, x1, y1;

        place_xy(l, ch->slot[f->giver], ch->slots, l->r, &x0, &y0);
        place_xy(l, ch->slot[f->taker], ch->slots, l->r, &x1, &y1);
        fputs("<g>", out);
        svg_tooltip(out,
                    "%s gave way to %s on %s: %d exchange%s, %.4g "
                    "points in all",
                    rpt_actor_name(ch->c->sc, t->actors[f->giver]),
                    rpt_actor_name(ch->c->sc, t->actors[f->taker]),
                    rpt_issue_name(ch->c->sc, t->issues[f->issue]), f->count,
                    f->count == 1 ? "" : "s", f->move);
        arrow(out, x0, y0, x1, y1, svg_series_style(f->issue),
              max > 0 ? 1 + 5 * f->move / max : 1);
        fputs("</g>\n", out);
    }
}

/* The nodes, each numbered just outside the circle (the key names them). */
static void draw_nodes(const net_chart *ch, const net_layout *l)
{
    FILE *out = ch->c->out;

    for (int s = 0; s < ch->slots; s++) {
        const char *name = rpt_actor_name(ch->c->sc, ch->t->actors[ch->who[s]]);
        double x, y, lx, ly;
        char num[16];

        place_xy(l, s, ch->slots, l->r, &x, &y);
        place_xy(l, s, ch->slots, label_radius(l, s % l->rings), &lx, &ly);
        snprintf(num, sizeof num, "%d", s + 1);
        fputs("<g>", out);
        svg_tooltip(out, "%d: %s", s + 1, name);
        svg_marker(out, SVG_CIRCLE, x, y, NODE, "#222222", 0);
        svg_text(out, lx, ly + 4, "middle", "label", num, 0);
        fputs("</g>\n", out);
    }
}

/* One row of the key at y (the top of the row): a mark drawn by the
   caller in [x, x + lead), then `text` wrapped to the rest of the width.
   Returns the row's height. */
static double key_row(const net_layout *l, FILE *out, double lead, double y,
                      const char *text)
{
    svg_lines lines = svg_wrap(text, l->key_w - lead, 0);
    double h = svg_lines_height(&lines);

    if (out)
        svg_text_lines(out, l->key_x + lead, y + SVG_FONT, "start", "label",
                       &lines, text);
    svg_lines_free(&lines);
    return h;
}

/* The key: each issue's arrow style, then each number's actor.  Writes
   it to out, or only measures it when out is NULL; returns its bottom. */
static double key(const net_chart *ch, const net_layout *l, FILE *out)
{
    const rpt_ctx *c = ch->c;
    double y = l->key_y;

    for (int k = 0; k < ch->t->d; k++) {
        svg_style st = svg_series_style(k);

        if (out)
            svg_line_styled(out, l->key_x, y + SVG_FONT / 2 + 2,
                            l->key_x + SWATCH, y + SVG_FONT / 2 + 2, st.color,
                            st.dash, 3);
        y += key_row(l, out, SWATCH + 6, y,
                     rpt_issue_name(c->sc, ch->t->issues[k])) +
             KEY_GAP;
    }
    y += KEY_GAP;
    for (int s = 0; s < ch->slots; s++) {
        if (out) {
            char num[16];

            snprintf(num, sizeof num, "%d", s + 1);
            svg_text(out, l->key_x + SWATCH, y + SVG_FONT, "end", "label", num,
                     0);
        }
        y += key_row(l, out, SWATCH + 6, y,
                     rpt_actor_name(c->sc, ch->t->actors[ch->who[s]])) +
             KEY_GAP;
    }
    return y;
}

static void draw(const void *chart, double width)
{
    const net_chart *ch = chart;
    net_layout l;

    layout(ch, width, &l);
    svg_begin(ch->c->out, width, l.height,
              "Exchange network: who gave way to whom");
    draw_flows(ch, &l);
    draw_nodes(ch, &l);
    key(ch, &l, ch->c->out);
    svg_end(ch->c->out);
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
    int *slot, *who, n, shown;
    flow *f;
    net_chart ch = {c, t, NULL, 0, NULL, NULL, 0};

    if (!t)
        return 0;
    f = collect_flows(t, &n);
    shown = n < MAX_FLOWS ? n : MAX_FLOWS;
    slot = ent_xmalloc(sizeof *slot * (size_t)(t->n + 1));
    who = ent_xmalloc(sizeof *who * (size_t)(t->n + 1));
    /* places in actor order, for the actors of the flows drawn */
    for (int a = 0; a < t->n; a++) {
        slot[a] = -1;
        for (int i = n - shown; i < n && slot[a] < 0; i++)
            if (f[i].giver == a || f[i].taker == a) {
                who[ch.slots] = a;
                slot[a] = ch.slots++;
            }
    }
    ch.f = f + (n - shown);
    ch.n_flows = shown;
    ch.slot = slot;
    ch.who = who;
    rpt_figure_begin(c, "exchanges", "Exchange network: who gave way to whom");
    rpt_figure_draw(c, draw, &ch);
    fputs("<figcaption>", c->out);
    rpt_escapef(c->out,
                "Each arrow runs from an actor that gave way to the actor it "
                "gave way to, coloured by the issue it gave way on; its width "
                "grows with the total move over all rounds (%d exchanges "
                "under %s; the %d largest of %d such flows drawn). The key "
                "names each numbered actor. Hover an arrow for the numbers.",
                t->n_exchanges, c->f->engines[m]->name, shown, n);
    fputs("</figcaption>\n", c->out);
    rpt_figure_end(c);
    free(who);
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
