/*
 * exchange_fast.c -- the exchange engine's run in IEEE doubles
 * (exchange.arith=double): the model of a slice on Decide's internal
 * 0-100 scales, its rounds, and what the engine reports (positions,
 * outcomes and executed exchanges on the issue scales).  exchange.c
 * parses the parameters and hands a run here; the slice's summation
 * order, the random generators and the run length are the decimal
 * engine's (exchange.c).  docs/models.md, `exchange`, "Two arithmetics".
 */
#include <stdlib.h>
#include <string.h>

#include "model/exchange_fast.h"

struct xf_state {
    xf_model m;
    double *vote;         /* [n * d] voting positions of the last round */
    double *vote_outcome; /* [d] */
    double *out_pos;      /* [n * d] the same on the issue scales */
    double *out_outcome;  /* [d] */
    xf_done *done;        /* executed exchanges of every round so far */
    int n_done, cap_done;
    int round, limit;
};

double xf_outcome(const xf_model *m, const double *x, int k)
{
    double num = 0;

    for (int t = 0; t < m->count[k]; t++) {
        int c = xf_cell(m, m->order[k * m->n + t], k);

        num = num + (x[c] * m->s[c]) * m->c[c];
    }
    return m->denom[k] == 0 ? 0 : num / m->denom[k];
}

double xf_issue_scale(const xf_model *m, double v, int k)
{
    if (v == 0 || m->step[k] == 0)
        return m->lower[k];
    return v / m->step[k] + m->lower[k];
}

static double *cells(const xf_model *m)
{
    return ent_xcalloc((size_t)m->n * (size_t)m->d, sizeof(double));
}

/* Scales, cells, summation order and the fixed products and weights. */
static void model_init(xf_model *m, const ent_slice *s)
{
    int n = s->n, d = s->d;

    m->n = n;
    m->d = d;
    m->x = cells(m);
    m->s = cells(m);
    m->c = cells(m);
    m->cs = cells(m);
    m->wa = cells(m);
    m->wrest = cells(m);
    m->term = cells(m);
    m->sq = ent_xcalloc((size_t)n * (size_t)d * (size_t)d, sizeof *m->sq);
    m->in = ent_xcalloc((size_t)n * (size_t)d, 1);
    m->left = ent_xcalloc((size_t)n * (size_t)d, 1);
    m->order = ent_xcalloc((size_t)n * (size_t)d, sizeof *m->order);
    m->count = ent_xcalloc((size_t)d, sizeof *m->count);
    m->denom = ent_xcalloc((size_t)d, sizeof *m->denom);
    m->lower = ent_xcalloc((size_t)d, sizeof *m->lower);
    m->step = ent_xcalloc((size_t)d, sizeof *m->step);
    m->outcome = ent_xcalloc((size_t)d, sizeof *m->outcome);
    m->num = ent_xcalloc((size_t)d, sizeof *m->num);
    m->mag = ent_xcalloc((size_t)d, sizeof *m->mag);
    for (int k = 0; k < d; k++) {
        double span = s->scale_max[k] - s->scale_min[k];

        m->lower[k] = s->scale_min[k];
        m->step[k] = span == 0 ? 0 : 100 / span;
    }
    for (int a = 0; a < n; a++)
        for (int k = 0; k < d; k++) {
            int c = xf_cell(m, a, k);

            m->in[c] = s->salience[c] > 0;
            m->s[c] = s->salience[c];
            m->c[c] = xch_slice_power(s, a, k);
            m->x[c] = (s->position[c] - m->lower[k]) * m->step[k];
            m->cs[c] = m->c[c] * m->s[c];
            m->wa[c] = (1 - m->s[c]) * 0.4;
            m->wrest[c] = (1 - m->wa[c]) - 0.1;
        }
    xch_slice_order(s, m->in, m->order, m->count);
    for (int k = 0; k < d; k++)
        for (int t = 0; t < m->count[k]; t++) {
            int c = xf_cell(m, m->order[k * n + t], k);

            m->denom[k] = m->denom[k] + m->s[c] * m->c[c];
        }
    for (int a = 0; a < n; a++)
        for (int p = 0; p < d; p++)
            for (int q = p + 1; q < d; q++)
                if (m->s[xf_cell(m, a, q)] != 0)
                    m->sq[(size_t)xf_cell(m, a, p) * (size_t)d + (size_t)q] =
                        m->s[xf_cell(m, a, p)] / m->s[xf_cell(m, a, q)];
}

static void model_free(xf_model *m)
{
    free(m->x);
    free(m->s);
    free(m->c);
    free(m->cs);
    free(m->wa);
    free(m->wrest);
    free(m->term);
    free(m->sq);
    free(m->in);
    free(m->left);
    free(m->order);
    free(m->count);
    free(m->denom);
    free(m->lower);
    free(m->step);
    free(m->outcome);
    free(m->num);
    free(m->mag);
    xf_list_free(&m->work);
}

static void publish(xf_state *st)
{
    const xf_model *m = &st->m;

    for (int a = 0; a < m->n; a++)
        for (int k = 0; k < m->d; k++) {
            int c = xf_cell(m, a, k);

            st->out_pos[c] = xf_issue_scale(m, st->vote[c], k);
        }
    for (int k = 0; k < m->d; k++)
        st->out_outcome[k] = xf_issue_scale(m, st->vote_outcome[k], k);
}

xf_state *xf_create(const ent_slice *s, const ent_model_options *o,
                    const xch_params *par, int limit)
{
    xf_state *st = ent_xcalloc(1, sizeof *st);
    xf_model *m = &st->m;

    m->par = *par;
    model_init(m, s);
    xch_seed(&m->par, o, &m->rng, &m->stream);
    st->limit = limit;
    st->vote = cells(m);
    st->out_pos = cells(m);
    st->vote_outcome = ent_xcalloc((size_t)s->d, sizeof(double));
    st->out_outcome = ent_xcalloc((size_t)s->d, sizeof(double));
    memcpy(st->vote, m->x, (size_t)s->n * (size_t)s->d * sizeof *st->vote);
    for (int k = 0; k < s->d; k++)
        st->vote_outcome[k] = xf_outcome(m, m->x, k);
    publish(st);
    return st;
}

void xf_destroy(xf_state *st)
{
    if (!st)
        return;
    model_free(&st->m);
    free(st->vote);
    free(st->vote_outcome);
    free(st->out_pos);
    free(st->out_outcome);
    free(st->done);
    free(st);
}

int xf_step(xf_state *st, ent_error *err)
{
    int n;

    st->round++;
    n = xf_round(&st->m, st->round, st->vote, st->vote_outcome, &st->done,
                 &st->n_done, &st->cap_done);
    if (st->m.failed)
        return ent_fail(err, ENT_EXIT_INPUT, "%s", st->m.error);
    publish(st);
    if (n == 0)
        return 0;
    return st->round < st->limit ? 1 : ENT_STEP_RUN_LENGTH;
}

const double *xf_positions(const xf_state *st)
{
    return st->out_pos;
}

void xf_outcome_of(const xf_state *st, double *out)
{
    memcpy(out, st->out_outcome, (size_t)st->m.d * sizeof *out);
}

void xf_record(const xf_state *st, int round, ent_trace *t)
{
    const xf_model *m = &st->m;
    int first = st->n_done;

    while (first > 0 && st->done[first - 1].round == round)
        first--;
    if (first == st->n_done)
        return;
    t->exchanges = ent_xrealloc(t->exchanges,
                                (size_t)(t->n_exchanges + st->n_done - first) *
                                    sizeof *t->exchanges);
    for (int i = first; i < st->n_done; i++) {
        const xf_done *d = &st->done[i];
        ent_exchange *x = &t->exchanges[t->n_exchanges++];

        x->round = d->round;
        x->actor_i = d->actor_i;
        x->actor_j = d->actor_j;
        x->supply_i = d->supply_i;
        x->supply_j = d->supply_j;
        x->from_i = xf_issue_scale(m, d->x_i, d->supply_i);
        x->to_i = xf_issue_scale(m, d->x_i + d->move_i, d->supply_i);
        x->from_j = xf_issue_scale(m, d->x_j, d->supply_j);
        x->to_j = xf_issue_scale(m, d->x_j + d->move_j, d->supply_j);
        x->gain = d->gain;
    }
}
