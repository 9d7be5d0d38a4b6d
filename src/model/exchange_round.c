/*
 * exchange_round.c -- one round of the exchange model: every candidate
 * exchange between two actors on opposite sides of the outcome on two
 * issues, the highest gain executed first (exact ties broken by a draw),
 * the others recalculated against it, then voting positions and the new
 * preference positions (docs/models.md, `exchange`).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "model/exchange.h"

/* A reference to an exchange in the working list, with its gain as of
   the last time it was computed (kept here so sorting reads no object). */
typedef struct xch_ref {
    xdec gain;
    xch_exchange *e;
    int actor_i, actor_j, valid; /* copies, for the same reason */
} xch_ref;

/* The round's exchanges: owned objects and the working list of
   references list[head, n_list) (an object may be listed twice, as in
   Decide). */
typedef struct xch_pool {
    xch_exchange **obj; /* owned */
    int n_obj, cap_obj;
    xch_ref *list, *tmp;
    int head, n_list, cap_list;
    int *touched; /* [cap_list] scratch of execute() */
} xch_pool;

static void ref_set(xch_ref *r, xch_exchange *e)
{
    r->gain = e->gain;
    r->e = e;
    r->actor_i = e->i.actor;
    r->actor_j = e->j.actor;
    r->valid = e->valid;
}

static void list_push(xch_pool *pl, xch_exchange *e)
{
    if (pl->n_list == pl->cap_list) {
        pl->cap_list = pl->cap_list ? 2 * pl->cap_list : 64;
        pl->list =
            ent_xrealloc(pl->list, (size_t)pl->cap_list * sizeof *pl->list);
        pl->tmp = ent_xrealloc(pl->tmp, (size_t)pl->cap_list * sizeof *pl->tmp);
        pl->touched = ent_xrealloc(pl->touched,
                                   (size_t)pl->cap_list * sizeof *pl->touched);
    }
    ref_set(&pl->list[pl->n_list++], e);
}

static xch_exchange *pool_new(xch_pool *pl)
{
    if (pl->n_obj == pl->cap_obj) {
        pl->cap_obj = pl->cap_obj ? 2 * pl->cap_obj : 64;
        pl->obj =
            ent_xrealloc(pl->obj, (size_t)pl->cap_obj * sizeof(xch_exchange *));
    }
    pl->obj[pl->n_obj] = ent_xcalloc(1, sizeof **pl->obj);
    return pl->obj[pl->n_obj++];
}

static void pool_free(xch_pool *pl)
{
    for (int i = 0; i < pl->n_obj; i++) {
        xch_exchange_free(pl->obj[i]);
        free(pl->obj[i]);
    }
    free(pl->obj);
    free(pl->list);
    free(pl->tmp);
    free(pl->touched);
}

static void mark_sides(xch_model *m)
{
    for (int k = 0; k < m->d; k++) {
        m->outcome[k] = xch_outcome(m, m->x, k);
        m->dsum[k] = m->dabs[k] = 0;
        m->dden[k] = xdec_approx(m->denom[k]);
        for (int a = 0; a < m->n; a++) {
            int c = xch_cell(m, a, k);

            m->left[c] = m->in[c] && xdec_cmp(m->x[c], m->outcome[k]) <= 0;
            m->term[c] = xdec_mul(xdec_mul(m->x[c], m->s[c]), m->c[c]);
            m->dsc[c] = xdec_approx(m->s[c]) * xdec_approx(m->c[c]);
            m->dterm[c] = m->in[c] ? xdec_approx(m->term[c]) : 0;
            m->dsum[k] += m->dterm[c];
            m->dabs[k] += fabs(m->dterm[c]);
        }
    }
}

static void add_candidate(xch_model *m, xch_pool *pl, int a, int b, int p,
                          int q, int groups)
{
    xch_exchange *e = pool_new(pl);

    xch_exchange_init(e, m, a, b, p, q, groups);
    xch_calculate(m, e);
    list_push(pl, e);
}

/* Candidates of the issue pair (p, q): groups a-d, then b-c. */
static void pair_candidates(xch_model *m, xch_pool *pl, int p, int q,
                            int *group)
{
    for (int a = 0; a < m->n; a++) {
        int cp = xch_cell(m, a, p), cq = xch_cell(m, a, q);

        group[a] = m->in[cp] && m->in[cq] ? m->left[cp] + 2 * m->left[cq] : -1;
    }
    for (int g = 0; g < 2; g++)
        for (int a = 0; a < m->n; a++) {
            if (group[a] != g)
                continue;
            for (int b = 0; b < m->n; b++)
                if (group[b] == 3 - g)
                    add_candidate(m, pl, a, b, p, q, g);
        }
}

/* Merges the sorted runs a[lo, mid) and a[mid, hi) into tmp, stably. */
static void merge(xch_ref *a, xch_ref *tmp, int lo, int mid, int hi)
{
    int x = lo, y = mid, o = lo;

    while (x < mid && y < hi)
        tmp[o++] = xdec_cmp(a[y].gain, a[x].gain) > 0 ? a[y++] : a[x++];
    while (x < mid)
        tmp[o++] = a[x++];
    while (y < hi)
        tmp[o++] = a[y++];
    memcpy(a + lo, tmp + lo, (size_t)(hi - lo) * sizeof *a);
}

/* End of the run of non-increasing gains that starts at lo. */
static int run_end(const xch_ref *a, int lo, int n)
{
    int i = lo + 1;

    while (i < n && xdec_cmp(a[i].gain, a[i - 1].gain) <= 0)
        i++;
    return i;
}

/* Stable sort of a[lo, n) by gain, descending: a natural merge sort, so
   the nearly sorted list of a round costs little more than a scan. */
static void sort_by_gain(xch_ref *a, xch_ref *tmp, int first, int n)
{
    for (;;) {
        int lo = first, runs = 0;

        while (lo < n) {
            int mid = run_end(a, lo, n), hi = mid < n ? run_end(a, mid, n) : n;

            if (mid < n)
                merge(a, tmp, lo, mid, hi);
            runs++;
            lo = hi;
        }
        if (runs <= 1)
            return;
    }
}

static xch_exchange *pop_front(xch_pool *pl)
{
    return pl->list[pl->head++].e;
}

/* Takes the exchange of highest gain off the list; an exact tie with the
   next one is broken by a draw, Decide's way. */
static xch_exchange *choose(xch_model *m, xch_pool *pl)
{
    xch_exchange *r;

    sort_by_gain(pl->list, pl->tmp, pl->head, pl->n_list);
    r = pop_front(pl);
    if (pl->head < pl->n_list &&
        xdec_cmp_double(xdec_abs(xdec_sub(r->gain, pl->list[pl->head].gain)),
                        1e-20) < 0 &&
        m->par.tie == XCH_TIE_PYTHON) {
        if (xch_draw(m) >= 0.5) {
            list_push(pl, r);
            r = pop_front(pl);
        } else {
            list_push(pl, pl->list[pl->head].e);
        }
    }
    return r;
}

/* Executes r: every valid exchange left is recalculated against it and
   kept if still valid.  Only exchanges with an actor of r can change;
   the others are kept as they are, from their references alone. */
static void execute(xch_model *m, xch_pool *pl, xch_exchange *r)
{
    int kept = 0, n_touched = 0, ri = r->i.actor, rj = r->j.actor;

    for (int t = pl->head; t < pl->n_list; t++) {
        const xch_ref *ref = &pl->list[t];
        xch_exchange *x = ref->e;

        if (ref->actor_i != ri && ref->actor_i != rj && ref->actor_j != ri &&
            ref->actor_j != rj) {
            if (ref->valid)
                pl->tmp[kept++] = *ref;
            continue;
        }
        if (!x->valid)
            continue;
        xch_recalculate(m, x, r);
        if (x->valid) {
            pl->touched[n_touched++] = kept;
            pl->tmp[kept++].e = x;
        }
    }
    /* after the pass: an exchange listed twice was recalculated twice */
    for (int t = 0; t < n_touched; t++)
        ref_set(&pl->tmp[pl->touched[t]], pl->tmp[pl->touched[t]].e);
    memcpy(pl->list, pl->tmp, (size_t)kept * sizeof *pl->list);
    pl->head = 0;
    pl->n_list = kept;
}

static void done_push(xch_done **done, int *n, int *cap, const xch_exchange *r,
                      int round)
{
    xch_done *d;

    if (*n == *cap) {
        *cap = *cap ? 2 * *cap : 64;
        *done = ent_xrealloc(*done, (size_t)*cap * sizeof **done);
    }
    d = &(*done)[(*n)++];
    d->round = round;
    d->e = *r;
    d->e.i.moves = d->e.j.moves = NULL;
    d->e.updates = NULL;
    d->e.i.n_moves = d->e.j.n_moves = d->e.n_updates = 0;
    d->move_i = xch_last_move(&r->i);
    d->move_j = xch_last_move(&r->j);
}

/* x' = (((1-s) w_s) y + w_f y) + (((1 - (1-s) w_s) - w_f) x), with Decide's
   weights w_s = 0.4 and w_f = 0.1 as binary doubles. */
static xdec new_start(xdec x, xdec y, xdec s)
{
    xdec a = xdec_mul_exact(xdec_sub(xdec_int(1), s), 0.4);
    xdec keep = xdec_add(xdec_mul(a, y), xdec_mul_exact(y, 0.1));
    xdec rest = xdec_sub_exact(xdec_sub(xdec_int(1), a), 0.1);

    return xdec_add(keep, xdec_mul(rest, x));
}

static void settle(xch_model *m, xch_exchange **realised, int n_real,
                   xdec *vote, xdec *vote_outcome)
{
    memcpy(vote, m->x, (size_t)m->n * (size_t)m->d * sizeof *vote);
    for (int t = 0; t < n_real; t++) {
        const xch_exchange *r = realised[t];

        vote[xch_cell(m, r->i.actor, r->i.supply)] = r->i.y;
        vote[xch_cell(m, r->j.actor, r->j.supply)] = r->j.y;
    }
    for (int k = 0; k < m->d; k++)
        vote_outcome[k] = xch_outcome(m, vote, k);
    for (int t = 0; t < n_real; t++) {
        const xch_side *sd[2] = {&realised[t]->i, &realised[t]->j};

        for (int h = 0; h < 2; h++) {
            int c = xch_cell(m, sd[h]->actor, sd[h]->supply);

            m->x[c] = new_start(sd[h]->start, sd[h]->y, m->s[c]);
        }
    }
}

int xch_round(xch_model *m, int round, xdec *vote, xdec *vote_outcome,
              xch_done **done, int *n_done, int *cap_done)
{
    xch_pool pl = {0};
    xch_exchange **realised = NULL;
    int n_real = 0, cap_real = 0;
    int *group = ent_xcalloc((size_t)m->n, sizeof *group);

    mark_sides(m);
    for (int p = 0; p < m->d; p++)
        for (int q = p + 1; q < m->d; q++)
            pair_candidates(m, &pl, p, q, group);
    while (pl.head < pl.n_list && !m->failed) {
        xch_exchange *r = choose(m, &pl);

        if (!r->valid)
            continue;
        done_push(done, n_done, cap_done, r, round);
        execute(m, &pl, r);
        if (n_real == cap_real) {
            cap_real = cap_real ? 2 * cap_real : 64;
            realised = ent_xrealloc(realised,
                                    (size_t)cap_real * sizeof(xch_exchange *));
        }
        realised[n_real++] = r;
    }
    settle(m, realised, n_real, vote, vote_outcome);
    free(realised);
    free(group);
    pool_free(&pl);
    return n_real;
}
