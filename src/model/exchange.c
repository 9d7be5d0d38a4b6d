/*
 * exchange.c -- the `exchange` engine: Stokman's exchange of voting
 * positions, as the equal-gain model of Decide computes it.
 *
 * Actors on opposite sides of the outcome on two issues each give way on
 * the issue they care less about, for an equal gain in utility.  All
 * issues of a period take part at once.  Numbers are 28-digit decimals
 * on each issue's internal 0-100 scale, as in Decide.  Each round records
 * the voting positions (after the round's exchanges) and their weighted
 * mean, the round's forecast; the next round starts from the preference
 * positions each actor keeps.  Like Decide, a run has a fixed number of
 * rounds (10 unless a round limit is given), under either stop rule of
 * the driver; a run that ends there without a fixed point or a cycle is
 * reported unsettled (reason limit).  A round without an exchange ends the
 * run as converged.  docs/models.md, section `exchange`.
 *
 * Parameters: p (randomized rate, 0: equal gain; exchange_rex.c), seed
 * (CPython's random.seed, 0), rng (python | random: the counter-based
 * stream of (seed, run)),
 * tie (python | first), check (strict | relaxed | off), quick (on | off:
 * every outcome comparison in decimals; the same results, slower), arith
 * (decimal | double: the run in IEEE doubles, exchange_fast.c; p = 0 only,
 * check relaxed unless off).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "model/engines.h"
#include "model/exchange.h"
#include "model/exchange_fast.h"

enum { XCH_DEFAULT_ROUNDS = 10 };

typedef struct xch_state {
    xf_state *fast; /* arith=double: the run in doubles, and nothing else */
    xch_model m;
    xdec *vote;         /* [n * d] voting positions of the last round */
    xdec *vote_outcome; /* [d] */
    double *out_pos;    /* [n * d] the same on the issue scales */
    double *out_outcome;
    xch_done *done; /* executed exchanges of every round so far */
    int n_done, cap_done;
    int round;
    int limit; /* Decide's run length: the rounds given, else 10 */
} xch_state;

static const char *const tie_names[] = {"python", "first", NULL};
static const char *const check_names[] = {"strict", "relaxed", "off", NULL};
static const char *const rng_names[] = {"python", "random", NULL};
static const char *const quick_names[] = {"on", "off", NULL};
static const char *const arith_names[] = {"decimal", "double", NULL};

/* Streams of the Philox generator the engine draws from: a namespace of
   their own, so they never coincide with an ensemble's perturbation
   streams (stream = run index) under the same seed. */
#define XCH_STREAM_BASE (UINT64_C(1) << 62)

static int parse_seed(const ent_option *opt, uint64_t *out, ent_error *err)
{
    char *end;
    unsigned long long v;

    errno = 0;
    v = strtoull(opt->value, &end, 10);
    if (opt->value[0] < '0' || opt->value[0] > '9' || *end != '\0' ||
        errno == ERANGE)
        return ent_fail(err, ENT_EXIT_INPUT,
                        "exchange: parameter seed: expected an unsigned "
                        "64-bit integer, got '%s'",
                        opt->value);
    *out = (uint64_t)v;
    return 0;
}

/* arith=double computes the equal-gain model only, and its equal-gain
   check cannot be Decide's strict one: relaxed unless given. */
static int arith_params(xch_params *par, ent_error *err)
{
    if (par->arith != XCH_ARITH_DOUBLE)
        return 0;
    if (xdec_sign(par->p) > 0)
        return ent_fail(err, ENT_EXIT_INPUT,
                        "exchange: arith=double needs p=0 (the "
                        "randomized-rate variant runs in decimals only)");
    if (par->check_given && par->check == XCH_CHECK_STRICT)
        return ent_fail(err, ENT_EXIT_INPUT,
                        "exchange: check=strict needs arith=decimal (the "
                        "check holds only in 28-digit arithmetic); "
                        "arith=double takes check=relaxed or off");
    if (!par->check_given)
        par->check = XCH_CHECK_RELAXED;
    return 0;
}

static int parse_params(xch_params *par, const ent_model_options *o,
                        ent_error *err)
{
    memset(par, 0, sizeof *par);
    par->p = xdec_int(0);
    for (int i = 0; o && i < o->n_params; i++) {
        const ent_option *opt = &o->params[i];
        int v = 0;
        double p;

        if (strcasecmp(opt->name, "p") == 0) {
            if (ent_option_double(opt, 0, 1, &p, err) != 0)
                return -1;
            par->p = xdec_from_double(p);
        } else if (strcasecmp(opt->name, "seed") == 0) {
            if (parse_seed(opt, &par->seed, err) != 0)
                return -1;
        } else if (strcasecmp(opt->name, "tie") == 0) {
            if (ent_option_choice(opt, tie_names, &v, err) != 0)
                return -1;
            par->tie = (xch_tie)v;
        } else if (strcasecmp(opt->name, "rng") == 0) {
            if (ent_option_choice(opt, rng_names, &v, err) != 0)
                return -1;
            par->rng = (xch_rng)v;
        } else if (strcasecmp(opt->name, "check") == 0) {
            if (ent_option_choice(opt, check_names, &v, err) != 0)
                return -1;
            par->check = (xch_check)v;
            par->check_given = 1;
        } else if (strcasecmp(opt->name, "arith") == 0) {
            if (ent_option_choice(opt, arith_names, &v, err) != 0)
                return -1;
            par->arith = (xch_arith)v;
        } else if (strcasecmp(opt->name, "quick") == 0) {
            if (ent_option_choice(opt, quick_names, &v, err) != 0)
                return -1;
            par->exact = v;
        } else {
            return ent_fail(err, ENT_EXIT_INPUT,
                            "exchange: unknown parameter '%s' (known: p, "
                            "seed, tie, check, rng, quick, arith)",
                            opt->name);
        }
    }
    return arith_params(par, err);
}

/* Decide's internal scale: (x - lower) * 100 / (upper - lower). */
static void set_scales(xch_model *m, const ent_slice *s)
{
    for (int k = 0; k < m->d; k++) {
        xdec lo = xdec_from_double(s->scale_min[k]);
        xdec hi = xdec_from_double(s->scale_max[k]);
        xdec span = xdec_sub(hi, lo);

        m->lower[k] = lo;
        m->step[k] =
            xdec_is_zero(span) ? xdec_int(0) : xdec_div(xdec_int(100), span);
    }
}

static double to_issue_scale(const xch_model *m, xdec v, int k)
{
    if (xdec_is_zero(v) || xdec_is_zero(m->step[k]))
        return xdec_to_double(m->lower[k]);
    return xdec_to_double(xdec_add(xdec_div(v, m->step[k]), m->lower[k]));
}

void xch_slice_order(const ent_slice *s, const unsigned char *in, int *order,
                     int *count)
{
    for (int k = 0; k < s->d; k++) {
        int *o = order + (size_t)k * (size_t)s->n;

        count[k] = 0;
        for (int t = 0; t < s->n; t++) {
            int a = s->order ? s->order[k * s->n + t] : t;

            if (in[a * s->d + k])
                o[count[k]++] = a;
        }
    }
}

double xch_slice_power(const ent_slice *s, int a, int k)
{
    return s->cell_capability ? s->cell_capability[a * s->d + k]
                              : s->capability[a];
}

static void set_order(xch_model *m, const ent_slice *s)
{
    xch_slice_order(s, m->in, m->order, m->count);
    for (int k = 0; k < m->d; k++) {
        int *o = m->order + (size_t)k * (size_t)m->n;

        m->denom[k] = xdec_int(0);
        for (int t = 0; t < m->count[k]; t++) {
            int c = xch_cell(m, o[t], k);

            m->denom[k] = xdec_add(m->denom[k], xdec_mul(m->s[c], m->c[c]));
        }
    }
}

/* The products c * s, the weights of the new positions and each actor's
   salience ratios s_p / s_q (p < q), which every exchange between p and q
   computes; the thresholds. */
static void set_ratios(xch_model *m)
{
    int d = m->d;

    m->cs = ent_xcalloc((size_t)m->n * (size_t)d, sizeof *m->cs);
    m->wa = ent_xcalloc((size_t)m->n * (size_t)d, sizeof *m->wa);
    m->wrest = ent_xcalloc((size_t)m->n * (size_t)d, sizeof *m->wrest);
    m->sq = ent_xcalloc((size_t)m->n * (size_t)d * (size_t)d, sizeof *m->sq);
    for (int a = 0; a < m->n; a++)
        for (int p = 0; p < d; p++) {
            int c = xch_cell(m, a, p);

            m->cs[c] = xdec_mul(m->c[c], m->s[c]);
            m->wa[c] = xdec_mul_exact(xdec_sub(xdec_int(1), m->s[c]), 0.4);
            m->wrest[c] = xdec_sub_exact(xdec_sub(xdec_int(1), m->wa[c]), 0.1);
            for (int q = p + 1; q < d; q++)
                if (!xdec_is_zero(xch_sal(m, a, q)))
                    m->sq[(size_t)c * (size_t)d + (size_t)q] =
                        xdec_div(m->s[c], xch_sal(m, a, q));
        }
    m->tiny = xdec_bound_of(1e-10);
    m->eps = xdec_bound_of(1e-20);
}

void xch_model_init(xch_model *m, const ent_slice *s)
{
    size_t cells = (size_t)s->n * (size_t)s->d;

    m->n = s->n;
    m->d = s->d;
    m->x = ent_xcalloc(cells, sizeof *m->x);
    m->s = ent_xcalloc(cells, sizeof *m->s);
    m->c = ent_xcalloc(cells, sizeof *m->c);
    m->in = ent_xcalloc(cells, 1);
    m->left = ent_xcalloc(cells, 1);
    m->order = ent_xcalloc(cells, sizeof *m->order);
    m->count = ent_xcalloc((size_t)s->d, sizeof *m->count);
    m->denom = ent_xcalloc((size_t)s->d, sizeof *m->denom);
    m->lower = ent_xcalloc((size_t)s->d, sizeof *m->lower);
    m->step = ent_xcalloc((size_t)s->d, sizeof *m->step);
    m->outcome = ent_xcalloc((size_t)s->d, sizeof *m->outcome);
    m->term = ent_xcalloc(cells, sizeof *m->term);
    m->dsc = ent_xcalloc(cells, sizeof *m->dsc);
    m->dterm = ent_xcalloc(cells, sizeof *m->dterm);
    m->dx = ent_xcalloc(cells, sizeof *m->dx);
    m->dsum = ent_xcalloc((size_t)s->d, sizeof *m->dsum);
    m->dabs = ent_xcalloc((size_t)s->d, sizeof *m->dabs);
    m->dden = ent_xcalloc((size_t)s->d, sizeof *m->dden);
    m->quick = !m->par.exact && xdec_is_zero(m->par.p);
    set_scales(m, s);
    for (int a = 0; a < m->n; a++)
        for (int k = 0; k < m->d; k++) {
            int c = xch_cell(m, a, k);
            double cap = xch_slice_power(s, a, k);

            m->in[c] = s->salience[c] > 0;
            m->s[c] = xdec_from_double(s->salience[c]);
            m->c[c] = xdec_from_double(cap);
            m->x[c] = xdec_mul(
                xdec_sub(xdec_from_double(s->position[c]), m->lower[k]),
                m->step[k]);
        }
    set_order(m, s);
    set_ratios(m);
}

void xch_model_free(xch_model *m)
{
    free(m->x);
    free(m->s);
    free(m->c);
    free(m->cs);
    free(m->wa);
    free(m->wrest);
    free(m->sq);
    free(m->in);
    free(m->left);
    free(m->order);
    free(m->count);
    free(m->denom);
    free(m->lower);
    free(m->step);
    free(m->outcome);
    free(m->term);
    free(m->dsc);
    free(m->dterm);
    free(m->dx);
    free(m->dsum);
    free(m->dabs);
    free(m->dden);
    xch_list_free(&m->work);
}

static void publish(xch_state *st)
{
    xch_model *m = &st->m;

    for (int a = 0; a < m->n; a++)
        for (int k = 0; k < m->d; k++) {
            int c = xch_cell(m, a, k);

            st->out_pos[c] = to_issue_scale(m, st->vote[c], k);
        }
    for (int k = 0; k < m->d; k++)
        st->out_outcome[k] = to_issue_scale(m, st->vote_outcome[k], k);
}

static void xch_destroy(void *state)
{
    xch_state *st = state;

    if (!st)
        return;
    if (st->fast) {
        xf_destroy(st->fast);
        free(st);
        return;
    }
    xch_model_free(&st->m);
    free(st->vote);
    free(st->vote_outcome);
    free(st->out_pos);
    free(st->out_outcome);
    free(st->done);
    free(st);
}

static void *xch_create(const ent_slice *s, const ent_model_options *o,
                        ent_error *err)
{
    xch_state *st = ent_xcalloc(1, sizeof *st);
    size_t cells = (size_t)s->n * (size_t)s->d;

    if (parse_params(&st->m.par, o, err) != 0) {
        free(st);
        return NULL;
    }
    st->limit = o && o->rounds > 0 ? o->rounds : XCH_DEFAULT_ROUNDS;
    if (st->m.par.arith == XCH_ARITH_DOUBLE) {
        st->fast = xf_create(s, o, &st->m.par, st->limit);
        return st;
    }
    xch_model_init(&st->m, s);
    xch_seed(&st->m.par, o, &st->m.rng, &st->m.stream);
    st->vote = ent_xcalloc(cells, sizeof *st->vote);
    st->vote_outcome = ent_xcalloc((size_t)s->d, sizeof *st->vote_outcome);
    st->out_pos = ent_xcalloc(cells, sizeof(double));
    st->out_outcome = ent_xcalloc((size_t)s->d, sizeof(double));
    memcpy(st->vote, st->m.x, cells * sizeof *st->vote);
    for (int k = 0; k < s->d; k++)
        st->vote_outcome[k] = xch_outcome(&st->m, st->m.x, k);
    publish(st);
    return st;
}

void xch_seed(const xch_params *par, const ent_model_options *o, xmt *mt,
              ent_rng *stream)
{
    xmt_seed(mt, par->seed);
    if (o && o->in_run)
        ent_rng_init(stream, o->run_seed, XCH_STREAM_BASE + o->run);
    else
        ent_rng_init(stream, par->seed, XCH_STREAM_BASE);
}

double xch_draw_from(const xch_params *par, xmt *mt, ent_rng *stream)
{
    return par->rng == XCH_RNG_RANDOM ? ent_rng_uniform(stream)
                                      : xmt_random(mt);
}

double xch_draw(xch_model *m)
{
    return xch_draw_from(&m->par, &m->rng, &m->stream);
}

static int xch_step(void *state, ent_error *err)
{
    xch_state *st = state;
    int n;

    if (st->fast)
        return xf_step(st->fast, err);
    st->round++;
    n = xch_round(&st->m, st->round, st->vote, st->vote_outcome, &st->done,
                  &st->n_done, &st->cap_done);
    if (st->m.failed)
        return ent_fail(err, ENT_EXIT_INPUT, "%s", st->m.error);
    publish(st);
    if (n == 0) /* no exchange possible: nothing can change any more */
        return 0;
    return st->round < st->limit ? 1 : ENT_STEP_RUN_LENGTH;
}

static const double *xch_positions(const void *state)
{
    const xch_state *st = state;

    return st->fast ? xf_positions(st->fast) : st->out_pos;
}

static void xch_outcome_of(const void *state, double *out)
{
    const xch_state *st = state;

    if (st->fast) {
        xf_outcome_of(st->fast, out);
        return;
    }
    memcpy(out, st->out_outcome, (size_t)st->m.d * sizeof *out);
}

void xch_record_round(ent_trace *t, int round, int n, const void *log,
                      int (*round_of)(const void *log, int i),
                      void (*fill)(const void *log, int i, ent_exchange *x))
{
    int first = n;

    while (first > 0 && round_of(log, first - 1) == round)
        first--;
    if (first == n)
        return;
    t->exchanges =
        ent_xrealloc(t->exchanges, (size_t)(t->n_exchanges + n - first) *
                                       sizeof *t->exchanges);
    for (int i = first; i < n; i++)
        fill(log, i, &t->exchanges[t->n_exchanges++]);
}

static int done_round(const void *log, int i)
{
    return ((const xch_state *)log)->done[i].round;
}

/* The i-th executed exchange on the issue scales. */
static void done_entry(const void *log, int i, ent_exchange *x)
{
    const xch_state *st = log;
    const xch_done *d = &st->done[i];
    const xch_side *si = &d->e.i, *sj = &d->e.j;

    x->round = d->round;
    x->actor_i = si->actor;
    x->actor_j = sj->actor;
    x->supply_i = si->supply;
    x->supply_j = sj->supply;
    x->from_i = to_issue_scale(&st->m, si->x, si->supply);
    x->to_i = to_issue_scale(&st->m, xdec_add(si->x, d->move_i), si->supply);
    x->from_j = to_issue_scale(&st->m, sj->x, sj->supply);
    x->to_j = to_issue_scale(&st->m, xdec_add(sj->x, d->move_j), sj->supply);
    x->gain = xdec_to_double(d->e.gain);
}

/* Appends the exchanges executed in `round` to the trace. */
static void xch_record(const void *state, int round, ent_trace *t)
{
    const xch_state *st = state;

    if (st->fast)
        xf_record(st->fast, round, t);
    else
        xch_record_round(t, round, st->n_done, st, done_round, done_entry);
}

const ent_engine ent_engine_exchange = {
    "exchange",
    "Stokman's exchange of voting positions between issues (Decide's "
    "equal-gain model, multidimensional)",
    1,
    XCH_DEFAULT_ROUNDS,
    xch_create,
    xch_step,
    xch_positions,
    xch_outcome_of,
    xch_record,
    xch_destroy,
    NULL, /* no reset: every run creates the state afresh */
};
