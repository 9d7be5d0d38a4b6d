/*
 * exchange_fast_round.c -- one round of the exchange model in doubles,
 * with the decimal engine's rules (exchange_round.c): the candidates of
 * every issue pair in Decide's order, the highest gain executed first
 * (gains closer than 1e-20 are a tie, broken by a draw), the exchanges
 * that share an actor recalculated against it, then the voting positions
 * and the new preference positions.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "model/exchange_fast.h"

/* Outcomes and sides at the round start, each cell's term and each
   issue's sums of them (for the clamp's quick test). */
static void mark_sides(xf_model *m)
{
    for (int k = 0; k < m->d; k++) {
        m->outcome[k] = xf_outcome(m, m->x, k);
        m->num[k] = m->mag[k] = 0;
        for (int a = 0; a < m->n; a++) {
            int c = xf_cell(m, a, k);

            m->left[c] = m->in[c] && m->x[c] <= m->outcome[k];
            m->term[c] = m->in[c] ? (m->x[c] * m->s[c]) * m->c[c] : 0;
            m->num[k] += m->term[c];
            m->mag[k] += fabs(m->term[c]);
        }
    }
}

/* Each actor's group on the issue pair (p, q): 0-3 by its sides of the
   outcomes (a, b, c, d), or none if it does not take part in both.  The
   members of group g, in actor order, go to group[g * n, g * n +
   size[g]).  Returns the pair's count of candidates. */
static int set_groups(const xf_model *m, int p, int q, int *group, int size[4])
{
    int n = m->n;

    size[0] = size[1] = size[2] = size[3] = 0;
    for (int a = 0; a < n; a++) {
        int cp = xf_cell(m, a, p), cq = xf_cell(m, a, q);

        if (m->in[cp] && m->in[cq]) {
            int g = m->left[cp] + 2 * m->left[cq];

            group[g * n + size[g]++] = a;
        }
    }
    return size[0] * size[3] + size[1] * size[2];
}

/* The groups of every issue pair p < q, in order (work.group, 4 n
   members and 4 sizes a pair); returns the round's count of
   candidates. */
static int count_candidates(xf_model *m)
{
    int total = 0, *at = m->work.group;

    for (int p = 0; p < m->d; p++)
        for (int q = p + 1; q < m->d; q++) {
            total += set_groups(m, p, q, at + 4, at);
            at += 4 + 4 * m->n;
        }
    return total;
}

/* Candidates of the issue pair (p, q) from its groups: a-d, then b-c,
   each in actor order. */
static void pair_candidates(xf_model *m, int p, int q, const int *groups)
{
    const int *size = groups, *group = groups + 4;
    int n = m->n;

    for (int g = 0; g < 2; g++)
        for (int s = 0; s < size[g]; s++)
            for (int t = 0; t < size[3 - g]; t++) {
                xf_exchange *e = xf_list_new(&m->work);

                xf_exchange_init(e, m, group[g * n + s], group[(3 - g) * n + t],
                                 p, q);
                xf_calculate(m, e);
                xch_queue_add(&m->work.queue, e);
            }
}

static double draw(xf_model *m)
{
    return xch_draw_from(&m->par, &m->rng, &m->stream);
}

/* Takes the exchange of highest gain off the list; an exact tie with the
   next one is broken by a draw, Decide's way. */
static xf_exchange *choose(xf_model *m)
{
    xch_queue *q = &m->work.queue;
    const xf_exchange *next;
    xf_exchange *r;

    xch_queue_order(q);
    r = xch_queue_pop(q);
    next = xch_queue_first(q);
    if (next && fabs(r->gain - next->gain) < 1e-20 &&
        m->par.tie == XCH_TIE_PYTHON) {
        if (draw(m) >= 0.5) {
            xch_queue_requeue(q);
            r = xch_queue_pop(q);
        } else {
            xch_queue_repeat(q);
        }
    }
    return r;
}

/* Logs r, executed in `round`, on the internal scales. */
static void done_push(ent_exchange **done, int *n, int *cap,
                      const xf_exchange *r, int round)
{
    ent_exchange *d;

    if (*n == *cap) {
        *cap = *cap ? 2 * *cap : 64;
        *done = ent_xrealloc(*done, (size_t)*cap * sizeof **done);
    }
    d = &(*done)[(*n)++];
    d->round = round;
    d->actor_i = r->i.actor;
    d->actor_j = r->j.actor;
    d->supply_i = r->i.supply;
    d->supply_j = r->j.supply;
    d->from_i = r->i.x;
    d->to_i = r->i.x + xf_last_move(&r->i);
    d->from_j = r->j.x;
    d->to_j = r->j.x + xf_last_move(&r->j);
    d->gain = r->gain;
}

/* x' = (a y + w_f y) + (rest x) of cell c. */
static double new_start(const xf_model *m, int c, double x, double y)
{
    double keep = (m->wa[c] * y) + (y * 0.1);

    return keep + (m->wrest[c] * x);
}

static void settle(xf_model *m, double *vote, double *vote_outcome)
{
    const xf_list *l = &m->work;

    memcpy(vote, m->x, (size_t)m->n * (size_t)m->d * sizeof *vote);
    for (int t = 0; t < l->n_real; t++) {
        const xf_exchange *r = l->realised[t];

        vote[xf_cell(m, r->i.actor, r->i.supply)] = r->i.y;
        vote[xf_cell(m, r->j.actor, r->j.supply)] = r->j.y;
    }
    for (int k = 0; k < m->d; k++)
        vote_outcome[k] = xf_outcome(m, vote, k);
    for (int t = 0; t < l->n_real; t++) {
        const xf_side *sd[2] = {&l->realised[t]->i, &l->realised[t]->j};

        for (int h = 0; h < 2; h++) {
            int c = xf_cell(m, sd[h]->actor, sd[h]->supply);

            m->x[c] = new_start(m, c, sd[h]->start, sd[h]->y);
        }
    }
}

static void realised_push(xf_list *l, xf_exchange *r)
{
    if (l->n_real == l->cap_real) {
        l->cap_real = l->cap_real ? 2 * l->cap_real : 64;
        l->realised = ent_xrealloc(l->realised,
                                   (size_t)l->cap_real * sizeof(xf_exchange *));
    }
    l->realised[l->n_real++] = r;
}

int xf_round(xf_model *m, int round, double *vote, double *vote_outcome,
             ent_exchange **done, int *n_done, int *cap_done)
{
    xf_list *l = &m->work;
    const int *groups;

    if (!l->group)
        l->group = ent_xcalloc((size_t)(m->d * (m->d - 1) / 2) *
                                   (4 + 4 * (size_t)m->n),
                               sizeof *l->group);
    mark_sides(m);
    xf_list_reset(l, m, count_candidates(m));
    groups = l->group;
    for (int p = 0; p < m->d; p++)
        for (int q = p + 1; q < m->d; q++) {
            pair_candidates(m, p, q, groups);
            groups += 4 + 4 * m->n;
        }
    xch_queue_start(&l->queue);
    while (!xch_queue_empty(&l->queue) && !m->failed) {
        xf_exchange *r = choose(m);

        if (!r->valid)
            continue;
        done_push(done, n_done, cap_done, r, round);
        xch_queue_execute(&l->queue, r);
        realised_push(l, r);
    }
    settle(m, vote, vote_outcome);
    return l->n_real;
}
