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
            m->dx[c] = xdec_approx(m->x[c]);
            m->dterm[c] = m->in[c] ? xdec_approx(m->term[c]) : 0;
            m->dsum[k] += m->dterm[c];
            m->dabs[k] += fabs(m->dterm[c]);
        }
    }
}

static void add_candidate(xch_model *m, int a, int b, int p, int q, int groups)
{
    xch_exchange *e = xch_list_new(&m->work);

    xch_exchange_init(e, m, a, b, p, q, groups);
    xch_calculate(m, e);
    xch_list_add(&m->work, e);
}

/* Each actor's group on the issue pair (p, q): 0-3 by its sides of the
   outcomes, -1 if it does not take part in both; *size counts them. */
static void set_groups(xch_model *m, int p, int q, int size[4])
{
    int *group = m->work.group;

    memset(size, 0, 4 * sizeof *size);
    for (int a = 0; a < m->n; a++) {
        int cp = xch_cell(m, a, p), cq = xch_cell(m, a, q);

        group[a] = m->in[cp] && m->in[cq] ? m->left[cp] + 2 * m->left[cq] : -1;
        if (group[a] >= 0)
            size[group[a]]++;
    }
}

/* How many candidates the round has: a-d and b-c pairs of every pair of
   issues. */
static int count_candidates(xch_model *m)
{
    int total = 0, size[4];

    for (int p = 0; p < m->d; p++)
        for (int q = p + 1; q < m->d; q++) {
            set_groups(m, p, q, size);
            total += size[0] * size[3] + size[1] * size[2];
        }
    return total;
}

/* Candidates of the issue pair (p, q): groups a-d, then b-c. */
static void pair_candidates(xch_model *m, int p, int q)
{
    const int *group = m->work.group;
    int size[4];

    set_groups(m, p, q, size);
    for (int g = 0; g < 2; g++)
        for (int a = 0; a < m->n; a++) {
            if (group[a] != g)
                continue;
            for (int b = 0; b < m->n; b++)
                if (group[b] == 3 - g)
                    add_candidate(m, a, b, p, q, g);
        }
}

/* Takes the exchange of highest gain off the list; an exact tie with the
   next one is broken by a draw, Decide's way. */
static xch_exchange *choose(xch_model *m)
{
    xch_list *l = &m->work;
    const xch_exchange *next;
    xch_exchange *r;

    xch_list_order(l);
    r = xch_list_pop(l);
    next = xch_list_first(l);
    if (next &&
        xdec_cmp_bound(xdec_abs(xdec_sub(r->gain, next->gain)), &m->eps) < 0 &&
        m->par.tie == XCH_TIE_PYTHON) {
        if (xch_draw(m) >= 0.5) {
            xch_list_requeue(l);
            r = xch_list_pop(l);
        } else {
            xch_list_repeat(l);
        }
    }
    return r;
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
    d->e.i.dmoves = d->e.j.dmoves = NULL;
    d->e.updates.at = NULL;
    d->e.i.n_moves = d->e.j.n_moves = d->e.updates.n = 0;
    d->move_i = xch_last_move(&r->i);
    d->move_j = xch_last_move(&r->j);
}

/* x' = (a y + w_f y) + (rest x) of cell c (xch_model's weights). */
static xdec new_start(const xch_model *m, int c, xdec x, xdec y)
{
    xdec keep = xdec_add(xdec_mul(m->wa[c], y), xdec_mul_exact(y, 0.1));

    return xdec_add(keep, xdec_mul(m->wrest[c], x));
}

static void settle(xch_model *m, xch_exchange **realised, int n_real,
                   xdec *vote, xdec *vote_outcome)
{
    memcpy(vote, m->x, (size_t)m->n * (size_t)m->d * sizeof *vote);
    for (int t = 0; t < n_real; t++) {
        xch_exchange *r = realised[t];

        vote[xch_cell(m, r->i.actor, r->i.supply)] = xch_side_y(&r->i);
        vote[xch_cell(m, r->j.actor, r->j.supply)] = xch_side_y(&r->j);
    }
    for (int k = 0; k < m->d; k++)
        vote_outcome[k] = xch_outcome(m, vote, k);
    for (int t = 0; t < n_real; t++) {
        xch_side *sd[2] = {&realised[t]->i, &realised[t]->j};

        for (int h = 0; h < 2; h++) {
            int c = xch_cell(m, sd[h]->actor, sd[h]->supply);

            m->x[c] = new_start(m, c, sd[h]->start, xch_side_y(sd[h]));
        }
    }
}

static void realised_push(xch_list *l, xch_exchange *r)
{
    if (l->n_real == l->cap_real) {
        l->cap_real = l->cap_real ? 2 * l->cap_real : 64;
        l->realised = ent_xrealloc(l->realised, (size_t)l->cap_real *
                                                    sizeof(xch_exchange *));
    }
    l->realised[l->n_real++] = r;
}

int xch_round(xch_model *m, int round, xdec *vote, xdec *vote_outcome,
              xch_done **done, int *n_done, int *cap_done)
{
    xch_list *l = &m->work;

    xch_list_reset(l, m, m->par.exact);
    l->n_real = 0;
    if (!l->group)
        l->group = ent_xcalloc((size_t)m->n, sizeof *l->group);
    mark_sides(m);
    xch_list_reserve(l, count_candidates(m));
    for (int p = 0; p < m->d; p++)
        for (int q = p + 1; q < m->d; q++)
            pair_candidates(m, p, q);
    xch_list_start(l);
    while (!xch_list_empty(l) && !m->failed) {
        xch_exchange *r = choose(m);

        if (!r->valid)
            continue;
        done_push(done, n_done, cap_done, r, round);
        xch_list_execute(m, l, r);
        realised_push(l, r);
    }
    settle(m, l->realised, l->n_real, vote, vote_outcome);
    return l->n_real;
}
