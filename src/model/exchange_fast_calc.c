/*
 * exchange_fast_calc.c -- one exchange in doubles: its equal-gain moves,
 * the clamp that stops a move from carrying the outcome past the partner,
 * Decide's move test and the recalculation after another exchange was
 * executed.  Every expression is evaluated in the order the decimal
 * engine (exchange_calc.c) and Decide evaluate it, one IEEE operation at
 * a time (no contraction into fused multiply-adds: -std=c11), so a run
 * is the same bits on every machine and thread.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/exchange_fast.h"

#define XF_TINY 1e-10 /* Decide's move and gain threshold */

static double sal(const xf_model *m, int a, int k)
{
    return m->s[xf_cell(m, a, k)];
}

/* Sets the last move of s to v, with the sum and signs up to it. */
static void set_last(xf_side *s, double v)
{
    xf_move *m = &s->moves[s->n_moves - 1];
    int sign = v > 0 ? 1 : v < 0 ? -1 : 0;

    m->v = v;
    if (s->n_moves == 1) {
        m->sum = 0 + v;
        m->sign = sign;
    } else {
        m->sum = m[-1].sum + v;
        m->sign = m[-1].sign == sign ? sign : 0;
    }
}

static void push_move(xf_side *s, double v)
{
    if (s->n_moves == s->cap_moves) {
        int cap = 2 * s->cap_moves;
        xf_move *buf = ent_xmalloc((size_t)cap * sizeof *buf);

        memcpy(buf, s->moves, (size_t)s->n_moves * sizeof *buf);
        if (s->heap)
            free(s->moves);
        s->moves = buf;
        s->cap_moves = cap;
        s->heap = 1;
    }
    s->n_moves++;
    set_last(s, v);
}

static void pop_move(xf_side *s)
{
    if (s->n_moves > 0)
        s->n_moves--;
}

double xf_last_move(const xf_side *s)
{
    return s->n_moves > 0 ? s->moves[s->n_moves - 1].v : 0;
}

static void replace_move(xf_side *s, double v)
{
    if (s->n_moves > 0)
        set_last(s, v);
    else
        push_move(s, v);
}

/* The outcome shift of actor a moving by mv on issue k: ((mv s) c) / D. */
static double ratio(const xf_model *m, double mv, int k, int a)
{
    int c = xf_cell(m, a, k);
    double v = (mv * m->s[c]) * m->c[c];

    return m->denom[k] == 0 ? 0 : v / m->denom[k];
}

/* The move of actor a on issue k that shifts the outcome by r. */
static double reverse(const xf_model *m, double r, int k, int a)
{
    double w = m->cs[xf_cell(m, a, k)];

    return w == 0 ? 0 : (r * m->denom[k]) / w;
}

static double term(const xf_model *m, int b, int k, double x)
{
    int c = xf_cell(m, b, k);

    return (x * m->s[c]) * m->c[c];
}

/* Sums of (x s) c on issue k over the round-start positions with e's
   updates, in summation order: *n0 with actor a at y0, *n1 at y1. */
static void adj_numerators(const xf_model *m, const xf_exchange *e, int k,
                           int a, double y0, double y1, double *n0, double *n1)
{
    double s0 = 0, s1 = 0;
    int seen = 0;

    for (int t = 0; t < m->count[k]; t++) {
        int b = m->order[k * m->n + t];
        const xch_update *up =
            e->updates.n ? xch_table_find(&e->updates, k, b) : NULL;
        double v;

        if (b == a) {
            s1 = s0 + term(m, b, k, y1);
            s0 = s0 + term(m, b, k, y0);
            seen = 1;
            continue;
        }
        v = up ? term(m, b, k, up->dvalue) : m->term[xf_cell(m, b, k)];
        s0 = s0 + v;
        if (seen)
            s1 = s1 + v;
    }
    *n0 = s0;
    *n1 = seen ? s1 : s0;
}

static double over_denom(const xf_model *m, int k, double num)
{
    return m->denom[k] == 0 ? 0 : num / m->denom[k];
}

/* Decide's move test on a side's last move: of at least 1e-10 and at
   most 100, the history all one way, the new position on the scale, the
   history's sum (in order) at most 100. */
static int move_valid(const xf_side *s)
{
    const xf_move *last;
    double to;

    if (s->n_moves == 0)
        return 0;
    last = &s->moves[s->n_moves - 1];
    if (!(fabs(last->v) > XF_TINY) || fabs(last->v) > 100 || last->sign == 0)
        return 0;
    to = s->x + last->v;
    if (to < 0 || to > 100)
        return 0;
    return last->sum <= 100;
}

static void side_init(xf_side *s, const xf_model *m, int a, int sup, int dem)
{
    s->actor = a;
    s->supply = sup;
    s->demand = dem;
    s->start = s->x = s->y = m->x[xf_cell(m, a, sup)];
    s->d = m->x[xf_cell(m, a, dem)];
    s->eu = 0;
    s->past = 0;
    s->n_moves = 0;
    if (!s->heap) {
        s->moves = s->slot;
        s->cap_moves = XF_SLOTS;
    }
}

static void side_past(xf_side *s, const xf_side *partner)
{
    s->past = s->x > partner->d;
    s->room = fabs(partner->d - s->x);
}

/* s_a,p / s_a,q */
static double own_ratio(const xf_model *m, int a, int p, int q)
{
    if (p < q && sal(m, a, q) != 0)
        return m->sq[(size_t)xf_cell(m, a, p) * (size_t)m->d + (size_t)q];
    return sal(m, a, p) / sal(m, a, q);
}

void xf_exchange_init(xf_exchange *e, const xf_model *m, int a, int b, int p,
                      int q)
{
    int i = a, j = b;

    if (own_ratio(m, a, p, q) < own_ratio(m, b, p, q)) {
        i = b;
        j = a;
    }
    side_init(&e->i, m, i, q, p);
    side_init(&e->j, m, j, p, q);
    side_past(&e->i, &e->j);
    side_past(&e->j, &e->i);
    e->p = p;
    e->q = q;
    e->dp = e->dq = e->gain = 0;
    e->rate = (sal(m, j, p) + sal(m, i, p)) / (sal(m, j, q) + sal(m, i, q));
    e->valid = 0;
    e->updates.n = 0;
}

void xf_exchange_free(xf_exchange *e)
{
    if (e->i.heap)
        free(e->i.moves);
    if (e->j.heap)
        free(e->j.moves);
    xch_table_free(&e->updates);
    memset(e, 0, sizeof *e);
}

/*
 * 1 if t surely lies outside the open interval between the adjusted
 * outcomes of issue k with side a at its x and at y, judged from the
 * round's sum of terms corrected for a and e's updates instead of the
 * sums in order that overshoot() computes.  Both err from the exact sums
 * by at most (terms + 2) * 2^-53 of the sum of magnitudes over the
 * denominator, plus a few roundings of the outcome; the margin is 16
 * times the sum of those bounds, so when it answers 1, overshoot()'s own
 * comparison would say the same.
 */
static int surely_outside(const xf_model *m, const xf_exchange *e,
                          const xf_side *a, double y, double t)
{
    int k = a->supply, ca = xf_cell(m, a->actor, k), terms = m->count[k];
    double den = m->denom[k], t0 = term(m, a->actor, k, a->x);
    double t1 = term(m, a->actor, k, y), base = m->num[k] - m->term[ca];
    double mag = m->mag[k] + fabs(m->term[ca]) + fabs(t0) + fabs(t1);
    double o0, o1, tol;

    if (!(den > 0))
        return 0;
    for (int u = 0; u < e->updates.n; u++) {
        const xch_update *up = &e->updates.at[u];
        int cb = xf_cell(m, up->actor, k);
        double v;

        if (up->issue != k || up->actor == a->actor)
            continue;
        v = term(m, up->actor, k, up->dvalue);
        base += v - m->term[cb];
        mag += fabs(v) + fabs(m->term[cb]);
        terms += 2;
    }
    o0 = (base + t0) / den;
    o1 = (base + t1) / den;
    tol = 16 * (terms + 12) * 0x1p-52 *
          (mag / den + fabs(o0) + fabs(o1) + fabs(t));
    if (!(tol < 1))
        return 0;
    return (t - o0 > tol && t - o1 > tol) || (o0 - t > tol && o1 - t > tol);
}

/* The cut move of side a whose move to y would carry the outcome past
   b's position (Decide's sum over the whole issue, a at x); 0 if none. */
static int overshoot(const xf_model *m, const xf_exchange *e, const xf_side *a,
                     const xf_side *b, double y, double *delta)
{
    int k = a->supply;
    double t = b->d, n, n1, o0, o1;

    if (surely_outside(m, e, a, y, t))
        return 0;
    adj_numerators(m, e, k, a->actor, a->x, y, &n, &n1);
    o0 = over_denom(m, k, n);
    o1 = over_denom(m, k, n1);
    if ((t >= o0 && t >= o1) || (t <= o0 && t <= o1))
        return 0;
    *delta = fabs(((t * m->denom[k]) - n) / m->cs[xf_cell(m, a->actor, k)]);
    return 1;
}

/* (s_a,sup + s_b,dem) / (s_a,dem + s_b,sup) */
static double salience_ratio(const xf_model *m, const xf_side *a,
                             const xf_side *b)
{
    return (sal(m, a->actor, a->supply) + sal(m, b->actor, b->demand)) /
           (sal(m, a->actor, a->demand) + sal(m, b->actor, b->supply));
}

/* Cuts a's move so the outcome on its supply issue lands on b's
   position, if it would pass it; b's move keeps the gains equal. */
static int clamp(const xf_model *m, xf_exchange *e, xf_side *a, xf_side *b)
{
    double delta, ra, rb, ma, mb;

    if (!overshoot(m, e, a, b, a->y, &delta))
        return 0;
    ra = ratio(m, delta, a->supply, a->actor);
    rb = ra * salience_ratio(m, a, b);
    mb = reverse(m, rb, b->supply, b->actor);
    ma = delta;
    if (b->x > a->d)
        mb = -mb;
    if (a->x > b->d)
        ma = -ma;
    replace_move(a, ma);
    replace_move(b, mb);
    a->y = a->x + ma;
    b->y = b->x + mb;
    e->dp = ra;
    e->dq = rb;
    e->gain = fabs((rb * sal(m, b->actor, b->supply)) -
                   (ra * sal(m, b->actor, b->demand)));
    return 1;
}

/*
 * The equal-gain identity in doubles.  Each side's gain is a difference
 * of two products, so its rounding error is relative to the products,
 * not to the difference: the relaxed check allows 1e-12 of the larger
 * product sum (and 1e-20 absolute, as the decimal check does).  A strict
 * check cannot hold in doubles; exchange.c refuses it with arith=double.
 */
static int unequal_gains(const xf_model *m, double eu_i, double eu_j,
                         double scale)
{
    if (m->par.check == XCH_CHECK_OFF)
        return 0;
    return fabs(eu_i - eu_j) > 1e-12 * scale + 1e-20;
}

static void check_failed(xf_model *m, double eu_i, double eu_j)
{
    if (m->failed)
        return;
    m->failed = 1;
    snprintf(m->error, sizeof m->error,
             "exchange: the two sides' gains differ by %.3g (equal-gain "
             "check, arith=double; exchange.check=off allows it)",
             fabs(eu_i - eu_j));
}

/* The equal-gain moves from the sides' current positions: i's move *mi
   and j's *mj (unsigned), the shifts and both gains. */
typedef struct xf_gain {
    double rp, rq, mi, mj, eu_i, eu_j, scale;
} xf_gain;

static void side_gains(const xf_model *m, const xf_exchange *e, xf_gain *g)
{
    int p = e->p, q = e->q, i = e->i.actor, j = e->j.actor;
    double a = g->rq * sal(m, i, q), b = g->rp * sal(m, i, p);
    double c = g->rp * sal(m, j, p), d = g->rq * sal(m, j, q);

    g->eu_i = fabs(a - b);
    g->eu_j = fabs(c - d);
    g->scale = fmax(fabs(a) + fabs(b), fabs(c) + fabs(d));
}

static void equal_gain(const xf_model *m, const xf_exchange *e, xf_gain *g)
{
    int p = e->p, q = e->q, i = e->i.actor, j = e->j.actor;

    g->mj = fabs(e->i.d - e->j.x);
    g->rp = ratio(m, g->mj, p, j);
    g->rq = g->rp * e->rate;
    g->mi = reverse(m, g->rq, q, i);
    if (fabs(g->mi) > e->i.room) {
        g->rq = ratio(m, e->i.room, q, i);
        g->rp = g->rq *
                ((sal(m, i, q) + sal(m, j, q)) / (sal(m, i, p) + sal(m, j, p)));
        g->mi = e->i.room;
        g->mj = reverse(m, g->rp, p, j);
    }
    side_gains(m, e, g);
}

void xf_calculate(xf_model *m, xf_exchange *e)
{
    xf_side *i = &e->i, *j = &e->j;
    xf_gain g;
    int cut;

    equal_gain(m, e, &g);
    push_move(i, i->past ? -g.mi : g.mi);
    push_move(j, j->past ? -g.mj : g.mj);
    i->y = i->x + xf_last_move(i);
    j->y = j->x + xf_last_move(j);
    e->dp = g.rp;
    e->dq = g.rq;
    i->eu = g.eu_i;
    j->eu = g.eu_j;
    if (unequal_gains(m, g.eu_i, g.eu_j, g.scale))
        check_failed(m, g.eu_i, g.eu_j);
    e->gain = i->eu;
    e->valid = move_valid(i) && move_valid(j) && fabs(e->gain) >= XF_TINY;
    if (!e->valid)
        return;
    cut = clamp(m, e, i, j);
    cut |= clamp(m, e, j, i);
    if (cut)
        e->valid = move_valid(i) && move_valid(j);
}

/* Records a third party's new position y in x's update table (as
   exchange_calc.c's record_update). */
static void record_update(xf_exchange *x, int k, int a, double y, double start)
{
    int fresh;
    xch_update *u = xch_table_entry(&x->updates, k, a, &fresh);

    if (fresh || (start <= u->dvalue ? y < u->dvalue : y > u->dvalue))
        u->dvalue = y;
}

/* Supply carry-over from a side of r that is the same actor on the same
   supply issue. */
static int carry_supply(xf_side *s, const xf_side *partner,
                        const xf_exchange *r)
{
    const xf_side *from = NULL;

    if (s->actor == r->i.actor && s->supply == r->i.supply)
        from = &r->i;
    else if (s->actor == r->j.actor && s->supply == r->j.supply)
        from = &r->j;
    if (!from)
        return 0;
    s->x = from->y;
    side_past(s, partner);
    push_move(s, xf_last_move(from));
    return 1;
}

static int same_demand(const xf_side *a, const xf_side *b)
{
    return a->actor == b->actor && a->demand == b->demand;
}

void xf_recalculate(xf_model *m, xf_exchange *x, const xf_exchange *r)
{
    int supply = 0, table = 0;
    const xf_side *ri = &r->i, *rj = &r->j; /* r may be x */

    supply |= carry_supply(&x->i, &x->j, r);
    supply |= carry_supply(&x->j, &x->i, r);
    if (supply) {
        pop_move(&x->i);
        pop_move(&x->j);
    }
    if (same_demand(rj, &x->j) || same_demand(rj, &x->i)) {
        record_update(x, rj->demand, ri->actor, ri->y, ri->start);
        table = 1;
    }
    if (same_demand(ri, &x->j) || same_demand(ri, &x->i)) {
        record_update(x, ri->demand, rj->actor, rj->y, rj->start);
        table = 1;
    }
    if (table && !supply) {
        pop_move(&x->i);
        pop_move(&x->j);
    }
    if (supply || table)
        xf_calculate(m, x);
}
