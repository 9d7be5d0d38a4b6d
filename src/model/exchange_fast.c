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
    ent_exchange *done;   /* executed exchanges of every round so far, on the
                             internal scales */
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

/* The model's arrays, zeroed, in three blocks (one allocation each, at
   x, order and in): the doubles, the ints and the flags. */
static void model_arrays(xf_model *m)
{
    size_t nd = (size_t)m->n * (size_t)m->d, d = (size_t)m->d;
    double **cell[] = {&m->x,  &m->s,     &m->c,   &m->cs,
                       &m->wa, &m->wrest, &m->term};
    double **issue[] = {&m->denom,   &m->lower, &m->step,
                        &m->outcome, &m->num,   &m->mag};
    size_t n_cell = sizeof cell / sizeof *cell;
    size_t n_issue = sizeof issue / sizeof *issue;
    double *at = ent_xcalloc(n_cell * nd + n_issue * d + nd * d, sizeof *at);

    for (size_t t = 0; t < n_cell; t++, at += nd)
        *cell[t] = at;
    for (size_t t = 0; t < n_issue; t++, at += d)
        *issue[t] = at;
    m->sq = at;
    m->order = ent_xcalloc(nd + d, sizeof *m->order);
    m->count = m->order + nd;
    m->in = ent_xcalloc(2 * nd, 1);
    m->left = m->in + nd;
}

/* Scales, cells, summation order and the fixed products and weights. */
static void model_init(xf_model *m, const ent_slice *s)
{
    int n = s->n, d = s->d;

    m->n = n;
    m->d = d;
    model_arrays(m);
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
    free(m->x); /* the blocks of model_arrays */
    free(m->order);
    free(m->in);
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

static int done_round(const void *log, int i)
{
    return ((const xf_state *)log)->done[i].round;
}

/* The i-th executed exchange on the issue scales. */
static void done_entry(const void *log, int i, ent_exchange *x)
{
    const xf_state *st = log;

    *x = st->done[i];
    x->from_i = xf_issue_scale(&st->m, x->from_i, x->supply_i);
    x->to_i = xf_issue_scale(&st->m, x->to_i, x->supply_i);
    x->from_j = xf_issue_scale(&st->m, x->from_j, x->supply_j);
    x->to_j = xf_issue_scale(&st->m, x->to_j, x->supply_j);
}

void xf_record(const xf_state *st, int round, ent_trace *t)
{
    xch_record_round(t, round, st->n_done, st, done_round, done_entry);
}
