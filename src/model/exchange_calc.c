/*
 * exchange_calc.c -- the arithmetic of one exchange: its equal-gain moves,
 * the clamp that stops a move from carrying the outcome past the partner,
 * the move test, and the recalculation after another exchange was
 * executed.  Every operation is written in the order Decide evaluates it,
 * in 28-digit decimals, so the digits agree (docs/models.md, `exchange`).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "model/exchange.h"

xdec xch_sal(const xch_model *m, int a, int k)
{
    return m->s[xch_cell(m, a, k)];
}

static xdec pow_(const xch_model *m, int a, int k)
{
    return m->c[xch_cell(m, a, k)];
}

size_t xch_moves_bytes(int cap)
{
    return (size_t)cap * (sizeof(xdec) + sizeof(double));
}

void xch_side_buffer(xch_side *s, void *buf, int cap)
{
    s->moves = buf;
    s->dmoves = (double *)(void *)(s->moves + cap);
    s->cap_moves = cap;
}

static void push_move(xch_side *s, xdec v)
{
    if (s->n_moves == s->cap_moves) {
        int cap = s->cap_moves ? 2 * s->cap_moves : 4;
        void *old = s->moves;
        const double *dold = s->dmoves;
        int own = s->own_moves, n = s->n_moves;

        xch_side_buffer(s, ent_xmalloc(xch_moves_bytes(cap)), cap);
        if (n > 0) {
            memcpy(s->moves, old, (size_t)n * sizeof *s->moves);
            memcpy(s->dmoves, dold, (size_t)n * sizeof *s->dmoves);
        }
        if (own)
            free(old);
        s->own_moves = 1;
    }
    s->dmoves[s->n_moves] = xdec_approx(v);
    s->moves[s->n_moves++] = v;
}

xdec xch_side_y(xch_side *s)
{
    if (s->y_due) {
        s->y = xdec_add(s->x, xch_last_move(s));
        s->y_due = 0;
    }
    return s->y;
}

/* s's voting position is its position plus its last move: computed now
   unless quick, where most are never read (xch_side_y computes it). */
static void set_y(const xch_model *m, xch_side *s)
{
    s->y_due = 1;
    if (!m->quick)
        xch_side_y(s);
}

static void pop_move(xch_side *s)
{
    if (s->n_moves > 0)
        s->n_moves--;
}

xdec xch_last_move(const xch_side *s)
{
    return s->n_moves > 0 ? s->moves[s->n_moves - 1] : xdec_int(0);
}

void xch_replace_move(xch_side *s, xdec v)
{
    if (s->n_moves > 0) {
        s->moves[s->n_moves - 1] = v;
        s->dmoves[s->n_moves - 1] = xdec_approx(v);
    } else
        push_move(s, v);
}

/* The outcome shift of actor a moving by mv on issue k. */
xdec xch_ratio(const xch_model *m, xdec mv, int k, int a)
{
    xdec v = xdec_mul(xdec_mul(mv, xch_sal(m, a, k)), pow_(m, a, k));

    return xdec_is_zero(m->denom[k]) ? xdec_int(0) : xdec_div(v, m->denom[k]);
}

/* The move of actor a on issue k that shifts the outcome by r. */
xdec xch_reverse(const xch_model *m, xdec r, int k, int a)
{
    xdec w = m->cs[xch_cell(m, a, k)];

    return xdec_is_zero(w) ? xdec_int(0)
                           : xdec_div(xdec_mul(r, m->denom[k]), w);
}

/* (x * s) * c of actor b on issue k at position x. */
static xdec term(const xch_model *m, int b, int k, xdec x)
{
    int c = xch_cell(m, b, k);

    return xdec_mul(xdec_mul(x, m->s[c]), m->c[c]);
}

/*
 * Sums of (x * s) * c on issue k over the round-start positions with e's
 * updates, in summation order: *n0 with actor a at y0, *n1 (if not NULL)
 * with a at y1.  The terms before a's are shared.
 */
static void adj_numerators(const xch_model *m, const xch_exchange *e, int k,
                           int a, xdec y0, xdec y1, xdec *n0, xdec *n1)
{
    xdec s0 = xdec_int(0), s1 = xdec_int(0);
    int seen = 0;

    for (int t = 0; t < m->count[k]; t++) {
        int b = m->order[k * m->n + t];
        const xch_update *up =
            e->updates.n ? xch_table_find(&e->updates, k, b) : NULL;
        xdec v;

        if (b == a) {
            s1 = xdec_add(s0, term(m, b, k, y1));
            s0 = xdec_add(s0, term(m, b, k, y0));
            seen = 1;
            continue;
        }
        v = up ? term(m, b, k, up->value) : m->term[xch_cell(m, b, k)];
        s0 = xdec_add(s0, v);
        if (seen)
            s1 = xdec_add(s1, v);
    }
    *n0 = s0;
    if (n1)
        *n1 = seen ? s1 : s0;
}

static xdec over_denom(const xch_model *m, int k, xdec num)
{
    return xdec_is_zero(m->denom[k]) ? xdec_int(0) : xdec_div(num, m->denom[k]);
}

xdec xch_adj(const xch_model *m, const xch_exchange *e, int k, int a, xdec y)
{
    xdec num;

    adj_numerators(m, e, k, a, y, y, &num, NULL);
    return over_denom(m, k, num);
}

xdec xch_outcome(const xch_model *m, const xdec *x, int k)
{
    xdec num = xdec_int(0);

    for (int t = 0; t < m->count[k]; t++) {
        int c = xch_cell(m, m->order[k * m->n + t], k);

        num = xdec_add(num, xdec_mul(xdec_mul(x[c], m->s[c]), m->c[c]));
    }
    return xdec_is_zero(m->denom[k]) ? xdec_int(0) : xdec_div(num, m->denom[k]);
}

/*
 * The two sums of Decide's move test decided in doubles: 1 if x + mv
 * lies in [0, 100] and the moves sum to at most 100, 0 if either surely
 * fails, -1 if a sum is too close to its bound to tell.  Each conversion
 * errs by a relative 2^-51 and each double addition by 2^-53 of its
 * result, so a double sum of t terms is within (t + 2) * 2^-51 times the
 * sum of the magnitudes of the exact one; the tolerances are 4 times
 * that.  The decimal sums round to 28 digits, monotonically, and 0 and
 * 100 are decimals, so they keep the side of the bound the exact sums
 * are on (a tolerance away from it).
 */
static int quick_sums(const xch_side *s)
{
    double x = s->dx, m = s->dmoves[s->n_moves - 1], to = x + m;
    double tol = (fabs(x) + fabs(m)) * 0x1p-47, sum = 0, mag = 0;

    if (to < -tol || to > 100 + tol)
        return 0;
    if (!(to > tol && to < 100 - tol))
        return -1;
    for (int i = 0; i < s->n_moves; i++) {
        double v = s->dmoves[i];

        sum += v;
        mag += fabs(v);
    }
    tol = mag * (s->n_moves + 2) * 0x1p-49;
    if (sum > 100 + tol)
        return 0;
    return sum < 100 - tol ? 1 : -1;
}

/*
 * |v| against 1e-10 (the double's exact value), as Decide tests moves and
 * gains: from d = xdec_approx(v) when quick and far enough from it (d errs
 * by a relative 2^-51, far less than the 10^-7 kept from the bound), else
 * in decimals.
 */
static int cmp_tiny(const xch_model *m, xdec v, double d)
{
    if (m->quick && fabs(d) > 1.0000001e-10)
        return 1;
    if (m->quick && fabs(d) < 0.9999999e-10)
        return -1;
    return xdec_cmp_bound(xdec_abs(v), &m->tiny);
}

/* |v| against 100, the same way. */
static int cmp_100(const xch_model *m, xdec v, double d)
{
    if (m->quick && fabs(d) < 99.99999)
        return -1;
    if (m->quick && fabs(d) > 100.00001)
        return 1;
    return xdec_cmp(xdec_abs(v), xdec_int(100));
}

/* Decide's move test on a side's last move (its conditions are pure, so
   their order does not matter). */
int xch_move_valid(const xch_model *m, const xch_side *s)
{
    xdec mv = xch_last_move(s), sum = xdec_int(0), to;
    int pos = 1, neg = 1, quick;

    if (s->n_moves == 0 || cmp_tiny(m, mv, s->dmoves[s->n_moves - 1]) <= 0 ||
        cmp_100(m, mv, s->dmoves[s->n_moves - 1]) > 0)
        return 0;
    for (int i = 0; i < s->n_moves; i++) {
        pos = pos && xdec_sign(s->moves[i]) > 0;
        neg = neg && xdec_sign(s->moves[i]) < 0;
    }
    if (!pos && !neg)
        return 0;
    quick = m->quick ? quick_sums(s) : -1;
    if (quick >= 0)
        return quick;
    to = xdec_add(s->x, mv);
    if (xdec_sign(to) < 0 || xdec_cmp(to, xdec_int(100)) > 0)
        return 0;
    for (int i = 0; i < s->n_moves; i++)
        sum = xdec_add(sum, s->moves[i]);
    return xdec_cmp(sum, xdec_int(100)) <= 0;
}

/* Sets every field of s but its move buffer (kept, emptied).  The fields
   only the randomized step reads are zeroed only for it: an object is
   written no further than it is used (memory is much of the time). */
static void side_init(xch_side *s, const xch_model *m, int a, int sup, int dem)
{
    s->actor = a;
    s->supply = sup;
    s->demand = dem;
    s->start = s->x = s->y = m->x[xch_cell(m, a, sup)];
    s->y_due = 0;
    s->dx = xdec_approx(s->x);
    s->d = m->x[xch_cell(m, a, dem)];
    s->past = 0; /* set once both sides are */
    s->eu = xdec_int(0);
    s->n_moves = 0;
    if (!m->quick)
        s->eu_max = s->o0 = s->o1 = xdec_int(0);
}

/* Where s's position lies against its partner's own position. */
static void side_past(xch_side *s, const xch_side *partner)
{
    s->past = xdec_cmp(s->x, partner->d) > 0;
    s->room = xdec_abs(xdec_sub(partner->d, s->x));
}

/* s_a,p / s_a,q */
static xdec own_ratio(const xch_model *m, int a, int p, int q)
{
    if (p < q && !xdec_is_zero(xch_sal(m, a, q)))
        return m->sq[(size_t)xch_cell(m, a, p) * (size_t)m->d + (size_t)q];
    return xdec_div(xch_sal(m, a, p), xch_sal(m, a, q));
}

void xch_exchange_init(xch_exchange *e, const xch_model *m, int a, int b, int p,
                       int q, int groups)
{
    xdec ra = own_ratio(m, a, p, q), rb = own_ratio(m, b, p, q), sp, sq;
    int i = a, j = b;

    if (xdec_cmp(ra, rb) < 0) {
        i = b;
        j = a;
    }
    side_init(&e->i, m, i, q, p);
    side_init(&e->j, m, j, p, q);
    side_past(&e->i, &e->j);
    side_past(&e->j, &e->i);
    e->p = p;
    e->q = q;
    e->dp = e->dq = e->gain = xdec_int(0);
    sp = xdec_add(xch_sal(m, j, p), xch_sal(m, i, p));
    sq = xdec_add(xch_sal(m, j, q), xch_sal(m, i, q));
    e->rate = xdec_div(sp, sq);
    e->sig = xdec_approx(sp) + xdec_approx(sq);
    e->main.set = e->cut.set = 0;
    e->valid = 0;
    e->groups = groups;
    e->updates.n = 0; /* the table's buffer is kept */
}

void xch_exchange_free(xch_exchange *e)
{
    if (e->i.own_moves)
        free(e->i.moves);
    if (e->j.own_moves)
        free(e->j.moves);
    xch_table_free(&e->updates);
    memset(e, 0, sizeof *e);
}

void xch_table_grow(xch_table *t)
{
    t->cap = t->cap ? 2 * t->cap : 4;
    t->at = ent_xrealloc(t->at, (size_t)t->cap * sizeof *t->at);
}

void xch_table_free(xch_table *t)
{
    free(t->at);
    memset(t, 0, sizeof *t);
}

/*
 * 1 if doubles show, with room to spare, that t (xdec_approx of the
 * partner's round-start position) is not strictly between
 * the adjusted outcomes of issue k with side a at its x and at y: so
 * there is no overshoot, whatever the decimals' last digits.  The double
 * outcomes come from the round's double sum, corrected for a and for e's
 * updates.  Each double operation errs by at most a relative 2^-53 of
 * what it handles and each conversion from a decimal by 2^-51, so the
 * error of an outcome stays below (terms + 12) * 2^-51 times the sum of
 * the magnitudes over the denominator (plus the outcome itself, for the
 * denominator's and the division's errors); the margin is 16 times that.
 * The decimal path's own rounding (28 digits) is far below it.  The
 * doubles of the decimals are those kept beside them (xch_side.dx,
 * xch_update.dvalue, xch_model.dx): the same as converting them here.
 * y may also be the double sum of a's position and move (ymag: the sum
 * of their magnitudes, which then bounds the errors in place of |y|).
 */
static int surely_no_overshoot(const xch_model *m, const xch_exchange *e,
                               const xch_side *a, double y, double ymag,
                               double t)
{
    int k = a->supply, ca = xch_cell(m, a->actor, k), terms = m->count[k];
    double base = m->dsum[k] - m->dterm[ca];
    double mag = m->dabs[k] + fabs(m->dterm[ca]);
    double t0 = a->dx * m->dsc[ca];
    double t1 = y * m->dsc[ca];
    double o0, o1, tt = t, tol;

    if (xdec_is_zero(m->denom[k]) || !(m->dden[k] > 0))
        return 0;
    for (int u = 0; u < e->updates.n; u++) {
        const xch_update *up = &e->updates.at[u];
        int cb = xch_cell(m, up->actor, k);
        double v;

        if (up->issue != k || up->actor == a->actor)
            continue;
        v = up->dvalue * m->dsc[cb];
        base += v - m->dterm[cb];
        mag += fabs(v) + fabs(m->dterm[cb]);
        terms += 2;
    }
    mag += fabs(t0) + ymag * m->dsc[ca];
    o0 = (base + t0) / m->dden[k];
    o1 = (base + t1) / m->dden[k];
    tol = 16 * (terms + 12) * 0x1p-51 *
          (mag / m->dden[k] + fabs(o0) + fabs(o1) + fabs(tt));
    if (!(tol < 1)) /* not finite, or no information */
        return 0;
    return (tt - o0 > tol && tt - o1 > tol) || (o0 - tt > tol && o1 - tt > tol);
}

/* The cut move of side a whose move to *y (NULL: its voting position)
   would carry the outcome on its supply issue past its partner b's
   position there, from the sum over the whole issue with a at x (Decide
   never leaves a out of it).  Sets a's adjusted outcomes at x and y
   unless the quick test decides; returns 0 if there is no overshoot. */
static int overshoot(const xch_model *m, const xch_exchange *e, xch_side *a,
                     const xch_side *b, const xdec *y, xdec *delta)
{
    int k = a->supply;
    xdec t = b->d, n, n1;

    if (m->quick) {
        double tb = m->dx[xch_cell(m, b->actor, b->demand)], dy, mag;

        if (y) {
            dy = xdec_approx(*y);
            mag = fabs(dy);
        } else { /* x + its last move, in doubles */
            double mv = a->n_moves ? a->dmoves[a->n_moves - 1] : 0;

            dy = a->dx + mv;
            mag = fabs(a->dx) + fabs(mv);
        }
        if (surely_no_overshoot(m, e, a, dy, mag, tb))
            return 0;
    }
    adj_numerators(m, e, k, a->actor, a->x, y ? *y : xch_side_y(a), &n, &n1);
    a->o0 = over_denom(m, k, n);
    a->o1 = over_denom(m, k, n1);
    if ((xdec_cmp(t, a->o0) >= 0 && xdec_cmp(t, a->o1) >= 0) ||
        (xdec_cmp(t, a->o0) <= 0 && xdec_cmp(t, a->o1) <= 0))
        return 0;
    *delta = xdec_abs(xdec_div(xdec_sub(xdec_mul(t, m->denom[k]), n),
                               m->cs[xch_cell(m, a->actor, k)]));
    return 1;
}

int xch_overshoots(const xch_model *m, const xch_exchange *e, xch_side *a,
                   const xch_side *b, xdec y, xdec *delta)
{
    return overshoot(m, e, a, b, &y, delta);
}

xdec xch_salience_ratio(const xch_model *m, const xch_side *a,
                        const xch_side *b)
{
    return xdec_div(xdec_add(xch_sal(m, a->actor, a->supply),
                             xch_sal(m, b->actor, b->demand)),
                    xdec_add(xch_sal(m, a->actor, a->demand),
                             xch_sal(m, b->actor, b->supply)));
}

/* Cuts side a's move so the outcome on its supply issue lands on its
   partner b's position, if it would pass it; b's move keeps the gains
   equal.  Returns 1 if it cut. */
static int clamp(xch_model *m, xch_exchange *e, xch_side *a, xch_side *b)
{
    xdec delta, ra, rb, ma, mb;

    if (!overshoot(m, e, a, b, NULL, &delta))
        return 0;
    ra = xch_ratio(m, delta, a->supply, a->actor);
    rb = xdec_mul(ra, xch_salience_ratio(m, a, b));
    mb = xch_reverse(m, rb, b->supply, b->actor);
    ma = delta;
    if (xdec_cmp(b->x, a->d) > 0)
        mb = xdec_neg(mb);
    if (xdec_cmp(a->x, b->d) > 0)
        ma = xdec_neg(ma);
    xch_replace_move(a, ma);
    xch_replace_move(b, mb);
    set_y(m, a);
    set_y(m, b);
    e->dp = ra;
    e->dq = rb;
    e->gain = xdec_abs(xdec_sub(xdec_mul(rb, xch_sal(m, b->actor, b->supply)),
                                xdec_mul(ra, xch_sal(m, b->actor, b->demand))));
    if (!m->quick)
        a->o1 = xch_adj(m, e, a->supply, a->actor, a->y);
    return 1;
}

/* 1 if the gains eu_i and eu_j fail the equal-gain check. */
static int unequal_gains(const xch_model *m, xdec eu_i, xdec eu_j)
{
    xdec diff = xdec_abs(xdec_sub(eu_i, eu_j));

    if (m->par.check == XCH_CHECK_STRICT)
        return xdec_cmp_bound(diff, &m->eps) > 0;
    if (m->par.check == XCH_CHECK_RELAXED)
        return xdec_to_double(diff) > 1e-12 * xdec_to_double(eu_i) + 1e-20;
    return 0;
}

/* The model fails with the check's message (its first failure counts). */
static void check_failed(xch_model *m, const xch_exchange *e)
{
    xdec diff = xdec_abs(xdec_sub(e->i.eu, e->j.eu));

    if (!m->failed) {
        m->failed = 1;
        snprintf(m->error, sizeof m->error,
                 "exchange: the two sides' gains differ by %.3g (equal-gain "
                 "check; exchange.check=relaxed or off allows it)",
                 xdec_to_double(diff));
    }
}

static int same_dec(xdec a, xdec b)
{
    return a.coef == b.coef && a.exp == b.exp && a.neg == b.neg;
}

/* |ra s_a,ka - rb s_a,kb| */
static xdec side_gain(const xch_model *m, int a, xdec ra, int ka, xdec rb,
                      int kb)
{
    return xdec_abs(xdec_sub(xdec_mul(ra, xch_sal(m, a, ka)),
                             xdec_mul(rb, xch_sal(m, a, kb))));
}

/* The gains of both sides: |rq s_iq - rp s_ip| and |rp s_jp - rq s_jq|. */
static void side_gains(const xch_model *m, const xch_exchange *e, xdec rp,
                       xdec rq, xdec *eu_i, xdec *eu_j)
{
    *eu_i = side_gain(m, e->i.actor, rq, e->q, rp, e->p);
    *eu_j = side_gain(m, e->j.actor, rp, e->p, rq, e->q);
}

/*
 * 1 if the equal-gain check surely passes for the outcome shifts rp and
 * rq of e, so that eu_j need not be computed.  One of rp, rq is the
 * other times the ratio of salience sums sigma_p / sigma_q, rounded
 * (that ratio itself and the sums rounded too): with u = 10^-27, at
 * least twice the relative error of a rounding to 28 digits, rq sigma_q
 * - rp sigma_p is within 5u (|rp| sigma_p + |rq| sigma_q) of 0, and
 * eu_i - eu_j differs from it by the roundings of four products and two
 * differences, within 4u times the same sum.  So |eu_i - eu_j| <= 9u
 * (|rp| + |rq|) (sigma_p + sigma_q); with |r| < 10^(exponent + digits)
 * and e->sig within a relative 2^-50 of sigma_p + sigma_q, the test
 * below keeps that under 1e-20 with room to spare.
 */
static int gains_surely_equal(const xch_exchange *e, xdec rp, xdec rq)
{
    static const double p10[] = {1, 10, 100, 1e3, 1e4, 1e5};
    int tp = rp.exp + xdec_coef_digits(rp.coef);
    int tq = rq.exp + xdec_coef_digits(rq.coef), top = tp > tq ? tp : tq;

    if (top > 5)
        return 0;
    return 2 * (top < 0 ? 1 : p10[top]) * e->sig * 1e-26 < 1e-20;
}

/* The memo's values if it holds those of key, else computes them (the
   main step from j's distance, or the cut from i's room) and keeps them
   when quick. */
static const xch_memo *equal_gain(xch_model *m, xch_exchange *e, int cut,
                                  xdec key, xch_memo *tmp)
{
    xch_memo *w = cut ? &e->cut : &e->main;
    int p = e->p, q = e->q, i = e->i.actor, j = e->j.actor;

    if (m->quick && w->set && same_dec(w->key, key))
        return w;
    if (!m->quick)
        w = tmp;
    w->key = key;
    if (!cut) {
        w->dist = xdec_abs(xdec_sub(e->i.d, key));
        w->rp = xch_ratio(m, w->dist, p, j);
        w->rq = xdec_mul(w->rp, e->rate);
        w->move = xch_reverse(m, w->rq, q, i);
    } else {
        xdec room = xdec_abs(xdec_sub(e->j.d, key));

        w->rq = xch_ratio(m, room, q, i);
        w->rp = xdec_mul(
            w->rq, xdec_div(xdec_add(xch_sal(m, i, q), xch_sal(m, j, q)),
                            xdec_add(xch_sal(m, i, p), xch_sal(m, j, p))));
        w->move = xch_reverse(m, w->rp, p, j);
    }
    if (m->quick && gains_surely_equal(e, w->rp, w->rq)) {
        w->eu_i = side_gain(m, i, w->rq, q, w->rp, p);
        w->eu_j = w->eu_i; /* within 1e-20 of it: not needed */
        w->bad = 0;
    } else {
        side_gains(m, e, w->rp, w->rq, &w->eu_i, &w->eu_j);
        w->bad = unequal_gains(m, w->eu_i, w->eu_j);
    }
    w->deu = xdec_approx(w->eu_i);
    w->set = 1;
    return w;
}

void xch_calculate(xch_model *m, xch_exchange *e)
{
    xch_side *i = &e->i, *j = &e->j;
    xch_memo tmp;
    const xch_memo *w = equal_gain(m, e, 0, j->x, &tmp);
    xdec rp = w->rp, rq = w->rq, mi = w->move;
    xdec mj = w->dist, eu_i = w->eu_i, eu_j = w->eu_j, room_i = i->room;
    int cut;

    if (xdec_cmp(xdec_abs(mi), room_i) > 0) {
        w = equal_gain(m, e, 1, i->x, &tmp);
        rq = w->rq;
        rp = w->rp;
        mi = room_i;
        mj = w->move;
        eu_i = w->eu_i;
        eu_j = w->eu_j;
    }
    if (i->past)
        mi = xdec_neg(mi);
    if (j->past)
        mj = xdec_neg(mj);
    push_move(i, mi);
    push_move(j, mj);
    set_y(m, i);
    set_y(m, j);
    e->dp = rp;
    e->dq = rq;
    i->eu = eu_i;
    j->eu = eu_j;
    if (w->bad)
        check_failed(m, e);
    e->gain = i->eu;
    e->valid = xch_move_valid(m, i) && xch_move_valid(m, j) &&
               cmp_tiny(m, e->gain, w->deu) >= 0;
    if (!e->valid)
        return;
    cut = clamp(m, e, i, j);
    cut |= clamp(m, e, j, i);
    if (cut) /* otherwise the moves are those just found valid */
        e->valid = xch_move_valid(m, i) && xch_move_valid(m, j);
    if (xdec_sign(m->par.p) > 0)
        xch_randomize(m, e);
}

/* Records a third party's new position y in x's update table: a later
   one replaces the entry if it lies on start's side of it (below it if
   start, the party's round-start position, is at or below it; above it
   otherwise). */
static void record_update(xch_exchange *x, int k, int a, xdec y, xdec start)
{
    int fresh;
    xch_update *u = xch_table_entry(&x->updates, k, a, &fresh);

    if (fresh || (xdec_cmp(start, u->value) <= 0 ? xdec_cmp(y, u->value) < 0
                                                 : xdec_cmp(y, u->value) > 0)) {
        u->value = y;
        u->dvalue = xdec_approx(y);
    }
}

/* Supply carry-over: a side of x that is the same actor on the same
   supply issue as a side of r takes that side's voting position
   (partner: the other side of x). */
static int carry_supply(xch_side *s, const xch_side *partner, xch_exchange *r)
{
    xch_side *from = NULL;

    if (s->actor == r->i.actor && s->supply == r->i.supply)
        from = &r->i;
    else if (s->actor == r->j.actor && s->supply == r->j.supply)
        from = &r->j;
    if (!from)
        return 0;
    s->x = xch_side_y(from);
    s->dx = xdec_approx(s->x);
    side_past(s, partner);
    push_move(s, xch_last_move(from));
    return 1;
}

static int same_demand(const xch_side *a, const xch_side *b)
{
    return a->actor == b->actor && a->demand == b->demand;
}

void xch_recalculate(xch_model *m, xch_exchange *x, xch_exchange *r)
{
    int supply = 0, table = 0;

    supply |= carry_supply(&x->i, &x->j, r);
    supply |= carry_supply(&x->j, &x->i, r);
    if (supply) {
        pop_move(&x->i);
        pop_move(&x->j);
    }
    if (same_demand(&r->j, &x->j) || same_demand(&r->j, &x->i)) {
        record_update(x, r->j.demand, r->i.actor, xch_side_y(&r->i),
                      r->i.start);
        table = 1;
    }
    if (same_demand(&r->i, &x->j) || same_demand(&r->i, &x->i)) {
        record_update(x, r->i.demand, r->j.actor, xch_side_y(&r->j),
                      r->j.start);
        table = 1;
    }
    if (table && !supply) {
        pop_move(&x->i);
        pop_move(&x->j);
    }
    if (supply || table)
        xch_calculate(m, x);
}
