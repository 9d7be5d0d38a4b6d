/*
 * exchange_rex.c -- the randomized-rate variant ("REX", parameter p > 0)
 * of the equal-gain exchange, as Decide computes it (docs/models.md,
 * `exchange`): after the equal-gain moves, one side chosen at random gets
 * a utility drawn between the equal gain and its maximum (or below the
 * equal gain), and the moves are recomputed from it.  The ranking gain of
 * the exchange does not change.
 */
#include "model/exchange.h"

/* Decide's "maximum utilities" of the two sides (i_po and j_po compare a
   side's demand position with its voting position on its supply issue,
   two different issues, as the reference does). */
static void maximum_utilities(xch_model *m, xch_exchange *e)
{
    xch_side *i = &e->i, *j = &e->j, *a, *b;
    xdec s_ip = xch_sal(m, i->actor, e->p), s_iq = xch_sal(m, i->actor, e->q);
    xdec s_jp = xch_sal(m, j->actor, e->p), s_jq = xch_sal(m, j->actor, e->q);
    int i_po = xdec_cmp(i->d, i->y) == 0, j_po = xdec_cmp(j->d, j->y) == 0;
    xdec di = xdec_abs(
        xdec_sub(i->o0, xch_adj(m, e, e->q, i->actor, i_po ? i->y : j->d)));
    xdec dj = xdec_abs(
        xdec_sub(j->o0, xch_adj(m, e, e->p, j->actor, j_po ? j->y : i->d)));
    xdec loss1 = xdec_mul(dj, s_jp), gain2 = xdec_mul(dj, s_ip);
    xdec loss2 = xdec_mul(di, s_iq), gain1 = xdec_mul(di, s_jq);
    xdec over = xdec_int(0), g, l, sigma, sa, sb;

    if (i_po && xdec_sign(xdec_sub(gain1, loss1)) > 0)
        over = xdec_sub(gain2, xdec_mul(xdec_div(loss1, s_jq), s_iq));
    if (j_po && xdec_sign(xdec_sub(gain2, loss2)) > 0)
        over = xdec_sub(gain1, xdec_mul(xdec_div(loss2, s_ip), s_jp));
    if (xdec_cmp(gain2, gain1) > 0) {
        a = j;
        b = i;
        g = gain1;
        l = loss2;
    } else {
        a = i;
        b = j;
        g = gain2;
        l = loss1;
    }
    sa = xch_sal(m, a->actor, a->supply);
    sb = xch_sal(m, b->actor, b->demand);
    sigma = xdec_div(sa, xdec_add(sa, sb));
    b->eu_max = !xdec_is_zero(over)
                    ? over
                    : xdec_sub(xdec_mul(xdec_mul(sigma, sb),
                                        xdec_div(g, xdec_mul(sigma, sa))),
                               l);
    a->eu_max = xdec_sub(
        g, xdec_mul(xdec_mul(sigma, sa), xdec_div(l, xdec_mul(sigma, sb))));
}

/* |r_b * s_b,sup - r_a * s_b,dem|: side b's utility change. */
static xdec side_eu(const xch_model *m, const xch_side *b, xdec ra, xdec rb)
{
    return xdec_abs(xdec_sub(xdec_mul(rb, xch_sal(m, b->actor, b->supply)),
                             xdec_mul(ra, xch_sal(m, b->actor, b->demand))));
}

static xdec signed_move(const xch_side *s, const xch_side *partner, xdec mv)
{
    return xdec_cmp(s->x, partner->d) > 0 ? xdec_neg(mv) : mv;
}

void xch_randomize(xch_model *m, xch_exchange *e)
{
    double u = xch_draw(m), v = xch_draw(m), z = xch_draw(m);
    xch_side *a = u < 0.5 ? &e->i : &e->j, *b = u < 0.5 ? &e->j : &e->i;
    xdec pz = xdec_mul_exact(m->par.p, z), eu_a, eu_b, ma, mb, ra, rb;
    xdec s_asup = xch_sal(m, a->actor, a->supply);
    xdec s_adem = xch_sal(m, a->actor, a->demand);
    xdec room_b = xdec_abs(xdec_sub(b->x, a->d));

    maximum_utilities(m, e);
    eu_a = v < 0.5
               ? xdec_add(e->gain, xdec_mul(pz, xdec_sub(a->eu_max, e->gain)))
               : xdec_sub(e->gain, xdec_mul(pz, e->gain));
    ma = xdec_abs(xdec_sub(a->x, b->d));
    ra = xch_ratio(m, ma, a->supply, a->actor);
    rb = xdec_div(xdec_add(eu_a, xdec_mul(ra, s_asup)), s_adem);
    mb = xch_reverse(m, rb, b->supply, b->actor);
    eu_b = side_eu(m, b, ra, rb);
    if (xdec_cmp(xdec_abs(mb), room_b) > 0) {
        rb = xch_ratio(m, room_b, b->supply, b->actor);
        ra = xdec_abs(xdec_div(xdec_sub(eu_a, xdec_mul(rb, s_adem)), s_asup));
        mb = room_b;
        ma = xch_reverse(m, ra, a->supply, a->actor);
        if (xdec_cmp(xdec_abs(ma), xdec_abs(xdec_sub(a->x, b->d))) < 0) {
            eu_b = side_eu(m, b, ra, rb);
            b->o0 = xch_adj(m, e, b->supply, b->actor,
                            xdec_add(b->x, signed_move(b, a, mb)));
        }
    } else {
        xdec sa = signed_move(a, b, ma), delta;

        if (xch_overshoots(m, e, a, b, xdec_add(a->x, sa), &delta)) {
            ra = xch_ratio(m, delta, a->supply, a->actor);
            rb = xdec_mul(ra, xch_salience_ratio(m, a, b));
            mb = xch_reverse(m, rb, b->supply, b->actor);
            eu_b = side_eu(m, b, ra, rb);
            ma = sa; /* the signed, uncut move: Decide's slip */
        }
    }
    a->eu = eu_a;
    b->eu = eu_b;
    ma = signed_move(a, b, ma);
    mb = signed_move(b, a, mb);
    xch_replace_move(a, ma);
    xch_replace_move(b, mb);
    a->y = xdec_add(a->x, ma);
    b->y = xdec_add(b->x, mb);
    e->valid = xch_move_valid(m, a) && xch_move_valid(m, b);
    a->o0 = xch_adj(m, e, a->supply, a->actor, a->x);
    a->o1 = xch_adj(m, e, a->supply, a->actor, a->y);
    b->o0 = xch_adj(m, e, b->supply, b->actor, b->x);
    b->o1 = xch_adj(m, e, b->supply, b->actor, b->y);
}
