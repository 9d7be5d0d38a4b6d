/*
 * eu.c -- Bueno de Mesquita's expected-utility model as replicated by
 * Scholz, Calbert & Smith (2011), with every divergence between the
 * published versions a named option (docs/models.md, "eu").
 *
 * One round (the default, "jm", follows J. McKibben-Sanders' replication,
 * which reproduces Scholz's code):
 *   1. every r_k = 1; win probabilities P; security S_i = sum of what the
 *      others expect from challenging i; risk exponents r_i from S;
 *   2. probabilities again with the new r (JM form only); for every actor i
 *      and every j at another position, the two expected utilities
 *      a = EU(i->j), b = EU(j->i) classify an offer (confrontation,
 *      compromise, capitulation); i picks its best offer;
 *   3. every actor moves at once.  The forecast is the weighted median.
 *
 * Speed.  P(y_a, y_b) for two positions sums, over the voters nearer to
 * y_a than to y_b, w_k (t_k(y_b) - t_k(y_a)) with t_k(y) = (|x_k - y|/R)^r_k.
 * Those voters are the ones on y_a's side of the midpoint, a contiguous run
 * of the voters sorted by position, so with per-position prefix sums of
 * w_k t_k(y) each pair costs O(1) after a two-pointer sweep.  JM's
 * denominator D (a triple sum over voters and ordered pairs of actors) is
 * the sum of those pair totals.  A round is O(n^2) time (about 3 n^2 pow()
 * calls) and O(n^2) memory, all allocated in create(); step() does not
 * allocate (the sort is ent_sort_by_position, on preallocated scratch).
 * The loops that vectorise without changing a bit are in eu_vec.c.
 */
#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "entente/model.h"
#include "model/engines.h"
#include "model/eu_vec.h"
#include "model/vmath.h"

/* ---- options ---------------------------------------------------------- */

enum { VARIANT_JM, VARIANT_PAPER, VARIANT_GDM };
enum { PROB_JM, PROB_PAPER, PROB_GDM };
enum { OWNER_EVALUATOR, OWNER_CHALLENGER };
enum { NC_JM, NC_PAPER, NC_GDM };
enum { MU_MEDIAN, MU_MEAN, MU_GDM };
enum { CAP_JM, CAP_FIXED };
enum { OFFER_JM, OFFER_GDM };
enum { KEY_JM, KEY_LEAST_MOVE };
enum { RANGE_INITIAL, RANGE_DYNAMIC, RANGE_SCALE };
enum { DEGENERATE_NEUTRAL, DEGENERATE_STOP, DEGENERATE_ERROR };
enum { STOP_ROUNDS, STOP_FIXED_POINT, STOP_MEDIAN };
enum { POW_EXACT, POW_SHARED, POW_VECTOR };
enum { SQ_CONSTANT, SQ_SCENARIO };

typedef struct eu_config {
    int variant, probability, risk_exponent_owner, no_challenge, mu;
    int capitulation, offer_choice, compromise_key, range;
    int degenerate_risk, stop, median_tie, pow;
    double q, t;
    double median_step; /* stop=median: the smallest change that goes on */
    int status_quo;     /* SQ_CONSTANT, or SQ_SCENARIO: U_sq from the slice's
                           documented status quo (a departure) */
} eu_config;

static const char *const variant_names[] = {"jm", "paper", "gdm", NULL};
static const char *const owner_names[] = {"evaluator", "challenger", NULL};
static const char *const mu_names[] = {"median", "mean", "gdm", NULL};
static const char *const capitulation_names[] = {"jm", "fixed", NULL};
static const char *const offer_names[] = {"jm", "gdm", NULL};
static const char *const key_names[] = {"jm", "least_move", NULL};
static const char *const range_names[] = {"initial", "dynamic", "scale", NULL};
static const char *const degenerate_names[] = {"neutral", "stop", "error",
                                               NULL};
static const char *const stop_names[] = {"rounds", "fixed_point", "median",
                                         NULL};
static const char *const pow_names[] = {"exact", "shared", "vector", NULL};
static const char *const sq_names[] = {"constant", "scenario", NULL};

/* A parameter that is one of a list of names, stored in an int field.
   values == NULL stands for ent_median_tie_names(). */
typedef struct choice_param {
    const char *name;
    const char *const *values;
    size_t offset;
} choice_param;

static const choice_param choice_params[] = {
    {"probability", variant_names, offsetof(eu_config, probability)},
    {"risk_exponent_owner", owner_names,
     offsetof(eu_config, risk_exponent_owner)},
    {"no_challenge", variant_names, offsetof(eu_config, no_challenge)},
    {"mu", mu_names, offsetof(eu_config, mu)},
    {"capitulation", capitulation_names, offsetof(eu_config, capitulation)},
    {"offer_choice", offer_names, offsetof(eu_config, offer_choice)},
    {"compromise_key", key_names, offsetof(eu_config, compromise_key)},
    {"range", range_names, offsetof(eu_config, range)},
    {"degenerate_risk", degenerate_names, offsetof(eu_config, degenerate_risk)},
    {"stop", stop_names, offsetof(eu_config, stop)},
    {"median_tie", NULL, offsetof(eu_config, median_tie)},
    {"pow", pow_names, offsetof(eu_config, pow)},
    {"status_quo", sq_names, offsetof(eu_config, status_quo)},
};

#define N_CHOICE_PARAMS (sizeof choice_params / sizeof choice_params[0])
#define KNOWN_PARAMS                                                           \
    "variant, probability, risk_exponent_owner, no_challenge, mu, "            \
    "capitulation, offer_choice, compromise_key, range, degenerate_risk, "     \
    "stop, median_tie, pow, q, t, median_step, status_quo"

/* The defaults of each source; explicit parameters override them. */
static void config_preset(eu_config *c, int variant)
{
    static const eu_config presets[] = {
        [VARIANT_JM] = {VARIANT_JM, PROB_JM, OWNER_EVALUATOR, NC_JM, MU_MEDIAN,
                        CAP_JM, OFFER_JM, KEY_JM, RANGE_INITIAL,
                        DEGENERATE_NEUTRAL, STOP_ROUNDS, ENT_MEDIAN_LOW,
                        POW_EXACT, 1.0, 1.0, 0.02, SQ_CONSTANT},
        [VARIANT_PAPER] = {VARIANT_PAPER, PROB_PAPER, OWNER_CHALLENGER,
                           NC_PAPER, MU_MEDIAN, CAP_FIXED, OFFER_JM,
                           KEY_LEAST_MOVE, RANGE_INITIAL, DEGENERATE_NEUTRAL,
                           STOP_ROUNDS, ENT_MEDIAN_LOW, POW_EXACT, 1.0, 1.0,
                           0.02, SQ_CONSTANT},
        [VARIANT_GDM] = {VARIANT_GDM, PROB_GDM, OWNER_CHALLENGER, NC_GDM,
                         MU_GDM, CAP_FIXED, OFFER_GDM, KEY_JM, RANGE_INITIAL,
                         DEGENERATE_NEUTRAL, STOP_ROUNDS, ENT_MEDIAN_FIRST,
                         POW_EXACT, 1.0, 1.0, 0.02, SQ_CONSTANT},
    };

    *c = presets[variant];
}

static int parse_choice(const ent_option *opt, eu_config *c, ent_error *err)
{
    for (size_t i = 0; i < N_CHOICE_PARAMS; i++) {
        const choice_param *p = &choice_params[i];
        const char *const *values =
            p->values ? p->values : ent_median_tie_names();

        if (strcmp(opt->name, p->name) == 0)
            return ent_option_choice(opt, values,
                                     (int *)((char *)c + p->offset), err);
    }
    return 1; /* not a choice parameter */
}

static int parse_param(const ent_option *opt, eu_config *c, ent_error *err)
{
    int rc;

    if (strcmp(opt->name, "variant") == 0)
        return 0; /* applied first, in eu_parse */
    if (strcmp(opt->name, "q") == 0)
        return ent_option_double(opt, 0.0, 1.0, &c->q, err);
    if (strcmp(opt->name, "median_step") == 0)
        return ent_option_double(opt, 0.0, 1.0, &c->median_step, err);
    if (strcmp(opt->name, "t") == 0)
        return ent_option_double(opt, 0.0, 1.0, &c->t, err);
    rc = parse_choice(opt, c, err);
    if (rc <= 0)
        return rc;
    return ent_fail(err, ENT_EXIT_INPUT,
                    "eu: unknown parameter '%s' (known: " KNOWN_PARAMS ")",
                    opt->name);
}

static int eu_parse(const ent_model_options *o, eu_config *c, ent_error *err)
{
    int variant = VARIANT_JM;
    int n = o ? o->n_params : 0;

    for (int i = 0; i < n; i++)
        if (strcmp(o->params[i].name, "variant") == 0 &&
            ent_option_choice(&o->params[i], variant_names, &variant, err) != 0)
            return -1;
    config_preset(c, variant);
    for (int i = 0; i < n; i++)
        if (parse_param(&o->params[i], c, err) != 0)
            return -1;
    return 0;
}

/* ---- state ------------------------------------------------------------ */

/* Rounds of positions kept to recognise an exact cycle (periods up to
   HISTORY - 1; period 1 is a fixed point). */
#define HISTORY 8

/* Basic utilities of a challenge across `dist`, exponent r (spec section 3):
   success, failure, status quo.  Symmetric in challenger and target. */
typedef struct utilities {
    double us, uf, usq;
} utilities;

typedef struct eu_state {
    eu_config cfg;
    int n, m;         /* actors; distinct positions this round */
    int round;        /* rounds stepped so far */
    double range;     /* R: distances are |a - b| / R */
    double *x, *xnew; /* [n] positions now / after this round */
    double *s, *w;    /* [n] salience, weight c * s */
    double *r, *usq;  /* [n] risk exponents, U_sq under them */
    double *sec;      /* [n] security S_i */
    int *pos_of;      /* [n] distinct-position index of each actor */
    int *order, *tmp; /* [n] actors by position; sort scratch */
    double *xs;       /* [n] x[order[l]]: the sorted positions */
    int *lpos;        /* [n] pos_of[order[l]]: their distinct indices */
    double *wl;       /* [n] w[order[l]]: their weights */
    int *rep;         /* [n] an actor at each distinct position */
    double *y;        /* [n] distinct positions, ascending */
    int *cnt;         /* [n] actors at each distinct position */
    double *cntd;     /* [n] cnt as doubles */
    int *bound;       /* [n * (n - 1)] fill_bounds */
    double *table;    /* [n * (n + 1)] prefix sums, one run per y */
    double *prob;     /* [2 * n * n] P(y_a, y_b), P(y_b, y_a) at
                         [2 * (a * m + b)], adjacent for the cache */
    double *gapt;     /* [n * n] |y_a - y_b| / R of distinct positions
                         a, b at [a * m + b] (fill_gaps) */
    double *gaph;     /* [n * n] 0.5 |y_a - y_b| / R, the same way */
    double *term;     /* [n] one term per distinct position */
    double *sterm;    /* [4 * n] the same for four actors (security_levels) */
    utilities *util;  /* [n] one actor's utilities across the distance
                         to each distinct position (fill_utilities) */
    double *logs;     /* pow=shared: [3 * m * m] logs of the
                         three bases of each pair of positions
                         (fill_logs) */
    /* pow=vector only (fill_sq_logs, fill_table_vector,
       fill_mover_powers) */
    double *sqlog;    /* [n] log of the status quo's base at each position */
    double *vmover;   /* [3 * n + VBATCH] the powers of a block of movers */
    int vfirst, vend; /* the movers [vfirst, vend) in vmover */
    double *vscratch; /* [n + VBATCH] logarithms of a block of table columns */
    double *plog;     /* [3 * P * P], P = min(n, PAIR_LOGS_MAX): the logs of
                         fill_pair_logs, if this round has them */
    double *plogbuf;  /* [3 * P * P / 2] their bases, one per pair */
    int plog_on;      /* 1 if plog holds this round's logarithms */
    void *work;       /* ent_weighted_median scratch */
    double mu;        /* reference position of U_b / U_w */
    double sq;        /* status_quo=scenario: the documented
                         status quo; NAN otherwise or when unknown */
    double median, mean; /* of the current positions */
    /* the last HISTORY states (round t at t % HISTORY), to replay a cycle */
    double *hist; /* [HISTORY * n] positions */
    double hist_median[HISTORY], hist_mean[HISTORY];
    int period; /* > 0: the state repeated that many rounds back */
} eu_state;

static void eu_destroy(void *state)
{
    eu_state *st = state;

    if (!st)
        return;
    free(st->x);
    free(st->xnew);
    free(st->s);
    free(st->w);
    free(st->r);
    free(st->usq);
    free(st->sec);
    free(st->pos_of);
    free(st->order);
    free(st->tmp);
    free(st->xs);
    free(st->lpos);
    free(st->wl);
    free(st->rep);
    free(st->gapt);
    free(st->gaph);
    free(st->term);
    free(st->sterm);
    free(st->y);
    free(st->cnt);
    free(st->cntd);
    free(st->bound);
    free(st->table);
    free(st->prob);
    free(st->util);
    free(st->logs);
    free(st->sqlog);
    free(st->vmover);
    free(st->vscratch);
    free(st->plog);
    free(st->plogbuf);
    free(st->hist);
    free(st->work);
    free(st);
}

static void update_stats(eu_state *st)
{
    st->median = ent_weighted_median(
        st->n, st->x, st->w, (ent_median_tie)st->cfg.median_tie, st->work);
    st->mean = ent_weighted_mean(st->n, st->x, st->w);
}

/* max - min of n values. */
static double spread(int n, const double *v)
{
    double lo = v[0], hi = v[0];

    for (int i = 1; i < n; i++) {
        lo = v[i] < lo ? v[i] : lo;
        hi = v[i] > hi ? v[i] : hi;
    }
    return hi - lo;
}

static int check_slice(const ent_slice *s, ent_error *err)
{
    if (s->n < 1 || s->d != 1)
        return ent_fail(err, ENT_EXIT_INPUT,
                        "eu: needs one issue and at least one actor");
    for (int i = 0; i < s->n; i++) {
        if (!isfinite(s->position[i]))
            return ent_fail(err, ENT_EXIT_INPUT,
                            "eu: actor %d: position is not a number", i + 1);
        if (!isfinite(s->capability[i]) || s->capability[i] < 0)
            return ent_fail(err, ENT_EXIT_INPUT,
                            "eu: actor %d: capability must be >= 0", i + 1);
        if (!(s->salience[i] >= 0 && s->salience[i] <= 1))
            return ent_fail(err, ENT_EXIT_INPUT,
                            "eu: actor %d: salience must be in [0, 1] "
                            "(it is used as a probability)",
                            i + 1);
    }
    return 0;
}

/* R from the initial positions or the issue scale (range=dynamic sets it
   again every round). */
static int initial_range(eu_state *st, const ent_slice *s, ent_error *err)
{
    if (st->cfg.range != RANGE_SCALE) {
        st->range = spread(st->n, st->x);
        return 0;
    }
    st->range = s->scale_max[0] - s->scale_min[0];
    if (!(st->range > 0))
        return ent_fail(err, ENT_EXIT_INPUT,
                        "eu: range=scale needs an issue scale with max > min");
    for (int i = 0; i < st->n; i++)
        if (st->x[i] < s->scale_min[0] || st->x[i] > s->scale_max[0])
            return ent_fail(err, ENT_EXIT_INPUT,
                            "eu: range=scale: actor %d's position %g is "
                            "outside the issue scale [%g, %g]",
                            i + 1, st->x[i], s->scale_min[0], s->scale_max[0]);
    return 0;
}

/* pow=vector: at least this many powers go to ent_vexp at once, where
   there are as many (a block of table columns, a block of movers). */
#define VBATCH 512

/* pow=vector: up to this many distinct positions, a round takes the
   logarithms of its bases once per pair of positions (fill_pair_logs). */
#define PAIR_LOGS_MAX 128

static eu_state *eu_alloc(int n, int pow_mode)
{
    eu_state *st = ent_xcalloc(1, sizeof *st);
    size_t nn = (size_t)n;

    st->n = n;
    st->x = ent_xcalloc(nn, sizeof(double));
    st->xnew = ent_xcalloc(nn, sizeof(double));
    st->s = ent_xcalloc(nn, sizeof(double));
    st->w = ent_xcalloc(nn, sizeof(double));
    st->r = ent_xcalloc(nn, sizeof(double));
    st->usq = ent_xcalloc(nn, sizeof(double));
    st->sec = ent_xcalloc(nn, sizeof(double));
    st->pos_of = ent_xcalloc(nn, sizeof(int));
    st->order = ent_xcalloc(nn, sizeof(int));
    st->tmp = ent_xcalloc(nn, sizeof(int));
    st->xs = ent_xcalloc(nn, sizeof(double));
    st->lpos = ent_xcalloc(nn, sizeof(int));
    st->wl = ent_xcalloc(nn, sizeof(double));
    st->rep = ent_xcalloc(nn, sizeof(int));
    st->gapt = ent_xcalloc(nn * nn, sizeof(double));
    st->gaph = ent_xcalloc(nn * nn, sizeof(double));
    st->term = ent_xcalloc(nn, sizeof(double));
    st->sterm = ent_xcalloc(4 * nn, sizeof(double));
    st->y = ent_xcalloc(nn, sizeof(double));
    st->cnt = ent_xcalloc(nn, sizeof(int));
    st->cntd = ent_xcalloc(nn, sizeof(double));
    st->bound = ent_xcalloc(nn * nn, sizeof(int));
    st->table = ent_xcalloc(nn * (nn + 1), sizeof(double));
    st->prob = ent_xcalloc(2 * nn * nn, sizeof(double));
    st->util = ent_xcalloc(nn, sizeof(utilities));
    if (pow_mode == POW_SHARED)
        st->logs = ent_xcalloc(3 * nn * nn, sizeof(double));
    if (pow_mode == POW_VECTOR) {
        st->sqlog = ent_xcalloc(nn, sizeof(double));
        st->vmover = ent_xcalloc(3 * nn + VBATCH, sizeof(double));
        const size_t np = nn < PAIR_LOGS_MAX ? nn : PAIR_LOGS_MAX;

        st->vscratch = ent_xcalloc(nn + VBATCH, sizeof(double));
        st->plog = ent_xcalloc(3 * np * np, sizeof(double));
        st->plogbuf = ent_xcalloc(3 * np * np / 2 + 1, sizeof(double));
    }
    st->hist = ent_xcalloc(HISTORY * nn, sizeof(double));
    st->work = ent_xmalloc(ent_weighted_median_work(n));
    return st;
}

/* ---- exact cycles ----------------------------------------------------- */

/*
 * A round is a function of the positions alone (exponents, probabilities
 * and offers are recomputed from them; range=dynamic takes R from them
 * too).  So once the positions after round t are bit for bit those after
 * round t - p, every later round repeats round t - p + 1 onwards, and is
 * copied from the history instead of computed: the same numbers, for no
 * work.  remember() stores the state of the round just completed and looks
 * for such a repeat.
 */
static double *hist_row(const eu_state *st, int round)
{
    return st->hist + (size_t)(round % HISTORY) * (size_t)st->n;
}

static void remember(eu_state *st)
{
    const size_t bytes = (size_t)st->n * sizeof(double);
    const int t = st->round;

    memcpy(hist_row(st, t), st->x, bytes);
    st->hist_median[t % HISTORY] = st->median;
    st->hist_mean[t % HISTORY] = st->mean;
    for (int p = 1; p < HISTORY && p <= t && st->period == 0; p++)
        if (memcmp(st->x, hist_row(st, t - p), bytes) == 0)
            st->period = p;
}

/* Round st->round from the history; returns how many actors moved. */
static int replay(eu_state *st)
{
    const int from = st->round - st->period;
    const double *x = hist_row(st, from);
    int moved = 0;

    for (int i = 0; i < st->n; i++) {
        moved += x[i] != st->x[i];
        st->x[i] = x[i];
    }
    st->median = st->hist_median[from % HISTORY];
    st->mean = st->hist_mean[from % HISTORY];
    remember(st);
    return moved;
}

/* Round 0 from the slice's inputs (everything else is scratch that a
   round writes before it reads). */
static int eu_start(eu_state *st, const ent_slice *s, ent_error *err)
{
    if (check_slice(s, err) != 0)
        return -1;
    st->round = 0;
    st->period = 0;
    for (int i = 0; i < s->n; i++) {
        st->x[i] = s->position[i];
        st->s[i] = s->salience[i];
        st->w[i] = s->capability[i] * s->salience[i];
        st->r[i] = 1.0;
    }
    st->sq = st->cfg.status_quo == SQ_SCENARIO && s->status_quo
                 ? s->status_quo[0]
                 : NAN;
    if (initial_range(st, s, err) != 0)
        return -1;
    update_stats(st);
    remember(st);
    return 0;
}

static void *eu_create(const ent_slice *s, const ent_model_options *o,
                       ent_error *err)
{
    eu_config cfg;
    eu_state *st;

    if (eu_parse(o, &cfg, err) != 0 || check_slice(s, err) != 0)
        return NULL;
    st = eu_alloc(s->n, cfg.pow);
    st->cfg = cfg;
    if (eu_start(st, s, err) != 0) {
        eu_destroy(st);
        return NULL;
    }
    return st;
}

static int eu_reset(void *state, const ent_slice *s, ent_error *err)
{
    eu_state *st = state;

    if (s->n != st->n)
        return ent_fail(err, ENT_EXIT_INPUT,
                        "eu: reset with %d actors, created for %d", s->n,
                        st->n);
    return eu_start(st, s, err);
}

/* ---- probabilities ---------------------------------------------------- */

/* Sorts the actors by position and lists the distinct positions. */
static void distinct_positions(eu_state *st)
{
    ent_sort_by_position(st->n, st->x, st->order, st->tmp);
    st->m = 0;
    for (int l = 0; l < st->n; l++) {
        double xl = st->xs[l] = st->x[st->order[l]];

        st->wl[l] = st->w[st->order[l]];

        if (st->m == 0 || st->y[st->m - 1] != xl) {
            st->y[st->m] = xl;
            st->rep[st->m] = st->order[l];
            st->cnt[st->m++] = 0;
        }
        st->cnt[st->m - 1]++;
        st->pos_of[st->order[l]] = st->lpos[l] = st->m - 1;
    }
}

/*
 * The distances of every pair of distinct positions, once a round: as a
 * share of R (the probabilities' base) and half of it (the utilities'),
 * each by the expression that used to be evaluated for every actor at
 * either position.  |a - b| and |b - a| are the same number, and an
 * actor's position is bit for bit its distinct position up to the sign of
 * a zero, which the absolute value removes.
 */
static const double *gap_t(const eu_state *st, int a)
{
    return st->gapt + (size_t)a * (size_t)st->m;
}

static const double *gap_h(const eu_state *st, int a)
{
    return st->gaph + (size_t)a * (size_t)st->m;
}

/* 0.5 |y_a - y_b| / R as the utilities' expression gives it. */
static double half_gap(double d, double range)
{
    return 0.5 * d / range;
}

/* The rows with a cell that eu_vec_gap_row cannot halve exactly take the
   utilities' expression there (never on the issues' scales). */
static void fill_gaps(eu_state *st)
{
    const int m = st->m;
    const double range = st->range;
    const double *y = st->y;

    for (int a = 0; a < m; a++) {
        double *t = st->gapt + (size_t)a * (size_t)m;
        double *h = st->gaph + (size_t)a * (size_t)m;

        if (eu_vec_gap_row(m, y, y[a], range, t, h) > 0)
            for (int b = 0; b < m; b++)
                h[b] = half_gap(fabs(y[a] - y[b]), range);
    }
}

static double upow(double base, double r)
{
    return r == 1.0 ? base : pow(base, r);
}

/*
 * pow=shared.  Every power in a round's second pass has one of three
 * bases fixed by a pair of distinct positions a, b at distance t R:
 * t itself (the probabilities), 0.5 - t/2 and 0.5 + t/2 (the utilities
 * of success and failure).  fill_logs takes their logarithms once per
 * pair, and a power b^r becomes exp(r log b): one exp per actor and pair
 * instead of one pow, which departs from pow() by a few units in the last
 * place (docs/models.md, "eu": Speed).  The exact default calls pow().
 */
enum { LOG_T, LOG_SUCCESS, LOG_FAILURE };

static double *log_slot(const eu_state *st, int which, int a, int b)
{
    return st->logs +
           ((size_t)which * (size_t)st->m + (size_t)a) * (size_t)st->m +
           (size_t)b;
}

static void fill_logs(eu_state *st)
{
    for (int a = 0; a < st->m; a++)
        for (int b = a + 1; b < st->m; b++) {
            double t = fabs(st->y[a] - st->y[b]) / st->range;
            double lt = log(t), ls = log(0.5 - 0.5 * t),
                   lf = log(0.5 + 0.5 * t);

            *log_slot(st, LOG_T, a, b) = *log_slot(st, LOG_T, b, a) = lt;
            *log_slot(st, LOG_SUCCESS, a, b) =
                *log_slot(st, LOG_SUCCESS, b, a) = ls;
            *log_slot(st, LOG_FAILURE, a, b) =
                *log_slot(st, LOG_FAILURE, b, a) = lf;
        }
}

/* base^r for the base `which` of positions a != b: exact or shared. */
static double pair_pow(const eu_state *st, int which, int a, int b, double base,
                       double r)
{
    if (r == 1.0)
        return base;
    if (st->cfg.pow == POW_SHARED)
        return exp(r * *log_slot(st, which, a, b));
    return pow(base, r);
}

/*
 * pow=vector.  Every power b^r of a round's second pass is exp(r log b),
 * like pow=shared, but the logarithms and the exps go to ent_vlog and
 * ent_vexp in batches of at least VBATCH where a round has that many
 * (SLEEF's no-FMA functions: the same bits on every x86-64 machine,
 * vmath.h).  The logarithms are taken where they are used, for a block of
 * table columns or of movers, rather than stored for every pair of
 * positions: that is as many logarithms as powers, and no n^2 array to
 * fill and read back.  A power with exponent 1 is its base, as in the
 * exact path.
 */
static double sq_base(const eu_state *st, double x)
{
    return isnan(st->sq) ? 0.5 : 0.5 + 0.5 * fabs(x - st->sq) / st->range;
}

/* The logarithm of the status quo's base at each distinct position. */
static void fill_sq_logs(eu_state *st)
{
    for (int q = 0; q < st->m; q++)
        st->sqlog[q] = sq_base(st, st->y[q]);
    ent_vlog(st->sqlog, (size_t)st->m);
}

/*
 * The logarithms of a round's bases, once per pair of distinct positions
 * a < b rather than once per use (up to PAIR_LOGS_MAX positions; the
 * n^2 array beyond that would cost more to fill and read than the
 * logarithms it saves): st->plog holds, at [a * 3m + 3b], log t, log (0.5 -
 * t'/2) and log (0.5 + t'/2) for t = |y_a - y_b| / R and t'/2 its half
 * (gap_h), the same for (b, a), and zeros on the diagonal, where no
 * logarithm is read.  ent_vlog gives each element the bits it gives it
 * anywhere (vmath.h), so the powers are those of the logarithms per use.
 */
static void fill_pair_logs(eu_state *st)
{
    const int m = st->m;
    const size_t row = 3 * (size_t)m;
    double *buf = st->plogbuf;
    size_t k = 0;

    st->plog_on = m <= PAIR_LOGS_MAX;
    if (!st->plog_on)
        return;
    for (int a = 0; a < m; a++)
        for (int b = a + 1; b < m; b++) {
            const double t = gap_t(st, a)[b], half = gap_h(st, a)[b];

            buf[k++] = t;
            buf[k++] = 0.5 - half;
            buf[k++] = 0.5 + half;
        }
    ent_vlog(buf, k);
    k = 0;
    for (int a = 0; a < m; a++) {
        double *diag = st->plog + (size_t)a * row + 3 * (size_t)a;

        diag[0] = diag[1] = diag[2] = 0;
        for (int b = a + 1; b < m; b++, k += 3) {
            double *ab = st->plog + (size_t)a * row + 3 * (size_t)b;
            double *ba = st->plog + (size_t)b * row + 3 * (size_t)a;

            ab[0] = ba[0] = buf[k];
            ab[1] = ba[1] = buf[k + 1];
            ab[2] = ba[2] = buf[k + 2];
        }
    }
}

/* Column p of the table before its powers: r_k log t_k(y_p) where the
   exact path takes a power, 0 elsewhere; lt[stride * q] =
   log(|y_p - y_q| / R). */
static void table_exponents(const eu_state *st, const double *rk, int p,
                            const double *lt, int stride)
{
    double *col = st->table + (size_t)p * (size_t)(st->n + 1);

    col[0] = 0;
    for (int l = 0; l < st->n; l++) {
        const int k = st->order[l], a = st->lpos[l];
        const double t = gap_t(st, p)[a];

        col[l + 1] =
            t != 0 && rk[k] != 1.0 ? rk[k] * lt[(size_t)stride * (size_t)a] : 0;
    }
}

/* Column p of the table from its powers: each voter's term of
   fill_table (the power, or t where the exact path takes none). */
static void table_terms(const eu_state *st, const double *rk, int p)
{
    double *col = st->table + (size_t)p * (size_t)(st->n + 1);

    col[0] = 0;
    for (int l = 0; l < st->n; l++) {
        const int k = st->order[l];
        const double t = gap_t(st, p)[st->lpos[l]];

        col[l + 1] = t != 0 && rk[k] != 1.0 ? col[l + 1] : t;
    }
}

/*
 * The columns [p0, p1) of the table hold each voter's term (col[0] = 0,
 * col[l + 1] the term of the l-th voter by position); this turns them into
 * the prefix sums col[l + 1] = col[l] + w_l term_l, in the same order in
 * each column, four columns at a time (four independent chains of
 * additions instead of one).
 */
static void prefix_sums(const eu_state *st, int p0, int p1)
{
    const int n = st->n;
    const size_t len = (size_t)n + 1;
    const double *wl = st->wl;
    int p = p0;

    for (; p + 4 <= p1; p += 4) {
        double *c0 = st->table + (size_t)p * len, *c1 = c0 + len,
               *c2 = c1 + len, *c3 = c2 + len;
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;

        for (int l = 0; l < n; l++) {
            const double w = wl[l];

            c0[l + 1] = s0 = s0 + w * c0[l + 1];
            c1[l + 1] = s1 = s1 + w * c1[l + 1];
            c2[l + 1] = s2 = s2 + w * c2[l + 1];
            c3[l + 1] = s3 = s3 + w * c3[l + 1];
        }
    }
    for (; p < p1; p++) {
        double *col = st->table + (size_t)p * len, sum = 0;

        for (int l = 0; l < n; l++)
            col[l + 1] = sum = sum + wl[l] * col[l + 1];
    }
}

/* The table a block of columns at a time: the logarithms of the block's
   distances (in vscratch), the exponents, one ent_vexp, the sums. */
static void fill_table_vector(eu_state *st, const double *rk)
{
    const int m = st->m;
    const size_t len = (size_t)st->n + 1;
    const int block = VBATCH / (int)len > 1 ? VBATCH / (int)len : 1;

    for (int p0 = 0; p0 < m; p0 += block) {
        const int p1 = p0 + block < m ? p0 + block : m;

        if (st->plog_on) {
            for (int p = p0; p < p1; p++)
                table_exponents(st, rk, p, st->plog + 3 * (size_t)p * (size_t)m,
                                3);
        } else {
            for (int p = p0; p < p1; p++)
                for (int q = 0; q < m; q++)
                    st->vscratch[(size_t)(p - p0) * (size_t)m + (size_t)q] =
                        gap_t(st, p)[q];
            ent_vlog(st->vscratch, (size_t)(p1 - p0) * (size_t)m);
            for (int p = p0; p < p1; p++)
                table_exponents(st, rk, p,
                                st->vscratch + (size_t)(p - p0) * (size_t)m, 1);
        }
        ent_vexp(st->table + (size_t)p0 * len, (size_t)(p1 - p0) * len);
        for (int p = p0; p < p1; p++)
            table_terms(st, rk, p);
        prefix_sums(st, p0, p1);
    }
}

/*
 * The powers of the movers [first, first + block): for mover i and each
 * distinct position q, (0.5 - d/2)^r_i and (0.5 + d/2)^r_i (its utilities
 * of success and failure across the distance d to y_q), two to a position
 * and a row per mover; then, under a documented status quo, a row per
 * mover of the status quo's base at each y_q to the r_i.  The bases, one
 * ent_vlog, the exponents, one ent_vexp.
 */
enum { MP_SUCCESS, MP_FAILURE, MP_SQ };

/* fill_mover_powers from the logarithms of fill_pair_logs: the movers
   [first, end), each its row of exponents from its own position's row of
   logarithms. */
static void mover_powers_from_pair_logs(eu_state *st, int first, int end)
{
    const int m = st->m, with_sq = !isnan(st->sq);
    const size_t movers = (size_t)(end - first);
    double *sq_rows = st->vmover + 2 * (size_t)m * movers;

    for (int i = first; i < end; i++) {
        double *out = st->vmover + 2 * (size_t)m * (size_t)(i - first);
        double *sq = sq_rows + (size_t)m * (size_t)(i - first);
        const double *lg = st->plog + 3 * (size_t)st->pos_of[i] * (size_t)m;
        const double r = st->r[i];

        for (int q = 0; q < m; q++) {
            out[2 * q + MP_SUCCESS] = lg[3 * q + 1] * r;
            out[2 * q + MP_FAILURE] = lg[3 * q + 2] * r;
        }
        for (int q = 0; q < m && with_sq; q++)
            sq[q] = r * st->sqlog[q];
    }
    ent_vexp(st->vmover, (size_t)(2 + with_sq) * (size_t)m * movers);
    st->vfirst = first;
    st->vend = end;
}

static void fill_mover_powers(eu_state *st, int first)
{
    const int m = st->m, with_sq = !isnan(st->sq);
    const size_t row = (size_t)(2 + with_sq) * (size_t)m;
    const int block = VBATCH / (int)row > 1 ? VBATCH / (int)row : 1;
    const int end = first + block < st->n ? first + block : st->n;
    const size_t movers = (size_t)(end - first);
    double *sq_rows = st->vmover + 2 * (size_t)m * movers;

    if (st->plog_on) {
        mover_powers_from_pair_logs(st, first, end);
        return;
    }
    for (int i = first; i < end; i++) {
        double *out = st->vmover + 2 * (size_t)m * (size_t)(i - first);
        const int own = st->pos_of[i];

        for (int q = 0; q < m; q++) {
            const double half = gap_h(st, own)[q];

            out[2 * q + MP_SUCCESS] = 0.5 - half;
            out[2 * q + MP_FAILURE] = 0.5 + half;
        }
    }
    ent_vlog(st->vmover, 2 * (size_t)m * movers);
    for (int i = first; i < end; i++) {
        double *out = st->vmover + 2 * (size_t)m * (size_t)(i - first);
        double *sq = sq_rows + (size_t)m * (size_t)(i - first);
        const double r = st->r[i];

        for (int q = 0; q < 2 * m; q++)
            out[q] *= r;
        for (int q = 0; q < m && with_sq; q++)
            sq[q] = r * st->sqlog[q];
    }
    ent_vexp(st->vmover, row * movers);
    st->vfirst = first;
    st->vend = end;
}

/* Mover i's power of `which` (MP_SUCCESS, MP_FAILURE or, under a
   documented status quo, MP_SQ) for position q. */
static double mover_power(const eu_state *st, int i, int q, int which)
{
    const size_t m = (size_t)st->m, k = (size_t)(i - st->vfirst);

    if (which == MP_SQ)
        return st->vmover[2 * m * (size_t)(st->vend - st->vfirst) + m * k +
                          (size_t)q];
    return st->vmover[2 * m * k + 2 * (size_t)q + (size_t)which];
}

/* table[p * (n+1) + l] = sum over the l lowest voters k of
   w_k (|x_k - y_p| / R)^{r_k}; rk == NULL means every r_k = 1. */
static void fill_table(eu_state *st, const double *rk)
{
    const int n = st->n;

    if (rk && st->cfg.pow == POW_VECTOR) {
        fill_table_vector(st, rk);
        return;
    }
    for (int p = 0; p < st->m; p++) {
        double *col = st->table + (size_t)p * (size_t)(n + 1);
        const double *gp = gap_t(st, p);

        col[0] = 0;
        for (int l = 0; l < n; l++) {
            const int a = st->lpos[l];
            double t = gp[a];

            /* t == 0: pow(0, r) is 0 for every exponent r > 0 */
            if (rk && t != 0)
                t = pair_pow(st, LOG_T, a, p, t, rk[st->order[l]]);
            col[l + 1] = t;
        }
    }
    prefix_sums(st, 0, st->m);
}

/* The pair {P(y_a, y_b), P(y_b, y_a)} of distinct positions a, b. */
static double *pair_slot(const eu_state *st, int a, int b)
{
    return st->prob + 2 * ((size_t)a * (size_t)st->m + (size_t)b);
}

/* max(0, x) as fmax(0.0, x) gives it, bit for bit (NaN and -0 give +0),
   without a call into libm. */
static inline double pos_part(double x)
{
    return x > 0 ? x : 0.0;
}

/* Stores the two values of the pair a < b in both of its slots. */
static void store_pair(const eu_state *st, int a, int b, double ab, double ba)
{
    double *fwd = pair_slot(st, a, b), *rev = pair_slot(st, b, a);

    fwd[0] = rev[1] = ab;
    fwd[1] = rev[0] = ba;
}

/*
 * The voters nearer to y_a than to y_b, for each pair of distinct positions
 * a < b, are the sorted voters [0, lo); those nearer to y_b are [hi, n).
 * Both depend on the positions alone, so they are found once a round (a
 * two-pointer sweep per a) for both passes' numerators, in st->bound as
 * {lo, hi} pairs in the order a, then b, ascending.
 */
static void fill_bounds(eu_state *st)
{
    const int n = st->n, m = st->m;
    const double *xs = st->xs;
    int *bound = st->bound;

    for (int a = 0; a < m; a++) {
        int lo = 0, hi = 0;

        st->cntd[a] = (double)st->cnt[a];
        for (int b = a + 1; b < m; b++, bound += 2) {
            const double mid = 0.5 * (st->y[a] + st->y[b]);

            while (lo < n && xs[lo] < mid)
                lo++;
            hi = hi > lo ? hi : lo;
            while (hi < n && xs[hi] <= mid)
                hi++;
            bound[0] = lo;
            bound[1] = hi;
        }
    }
}

/*
 * Stores N(a,b) = sum over voters k nearer to y_a than to y_b of
 * w_k (t_k(y_b) - t_k(y_a)) for every pair of distinct positions.
 * Returns JM's denominator D = sum_k sum_alpha sum_beta
 * |g_k(x_alpha, x_beta)| over actors, which is the sum over ordered pairs
 * of distinct positions of cnt_a cnt_b (N(a,b) + N(b,a)).
 */
static double fill_numerators(eu_state *st)
{
    const int n = st->n, m = st->m;
    const int *bound = st->bound;
    const double *cnt = st->cntd;
    double d = 0;

    for (int a = 0; a < m; a++) {
        const double *ca = st->table + (size_t)a * (size_t)(n + 1);

        store_pair(st, a, a, 0, 0);
        for (int b = a + 1; b < m; b++, bound += 2) {
            const double *cb = st->table + (size_t)b * (size_t)(n + 1);
            const int lo = bound[0], hi = bound[1];
            const double nab = pos_part(cb[lo] - ca[lo]);
            const double nba = pos_part((ca[n] - ca[hi]) - (cb[n] - cb[hi]));

            store_pair(st, a, b, nab, nba);
            d += cnt[a] * cnt[b] * (nab + nba);
        }
    }
    return 2 * d;
}

/* Turns the numerators into probabilities of the configured form. */
static void numerators_to_prob(eu_state *st, double d)
{
    if (st->cfg.probability == PROB_JM) {
        /* every slot (both of each pair, and the diagonal's zeros) over D */
        const size_t slots = 2 * (size_t)st->m * (size_t)st->m;

        if (d > 0)
            eu_vec_divide(st->prob, slots, d);
        else
            memset(st->prob, 0, slots * sizeof *st->prob);
        return;
    }
    for (int a = 0; a < st->m; a++)
        for (int b = a + 1; b < st->m; b++) {
            const double *slot = pair_slot(st, a, b);
            double nab = slot[0], nba = slot[1], pair = nab + nba;

            if (st->cfg.probability == PROB_JM)
                store_pair(st, a, b, d > 0 ? nab / d : 0, d > 0 ? nba / d : 0);
            else if (st->cfg.probability == PROB_PAPER)
                store_pair(st, a, b, pair > 0 ? nab / pair : 0,
                           pair > 0 ? nba / pair : 0);
            else
                store_pair(st, a, b, pair > 0 ? pos_part(nab - nba) / pair : 0,
                           pair > 0 ? pos_part(nba - nab) / pair : 0);
        }
}

/* P for every pair of distinct positions, voters' exponents rk (or 1). */
static void fill_probabilities(eu_state *st, const double *rk)
{
    fill_table(st, rk);
    numerators_to_prob(st, fill_numerators(st));
}

/* {P(x_i beats x_j), P(x_j beats x_i)}. */
static const double *probs(const eu_state *st, int i, int j)
{
    return pair_slot(st, st->pos_of[i], st->pos_of[j]);
}

/* ---- expected utility ------------------------------------------------- */

static utilities basic_utilities(const eu_state *st, double dist, double r,
                                 double usq)
{
    utilities u;

    u.us = 2 - 4 * upow(0.5 - 0.5 * dist / st->range, r);
    u.uf = 2 - 4 * upow(0.5 + 0.5 * dist / st->range, r);
    u.usq = usq;
    return u;
}

/*
 * EU(i -> j): expected utility to i of challenging j, from the basic
 * utilities u under exponent r, p = P(x_i beats x_j).  The salience is
 * the target's.  The
 * no-challenge term (q < 1, no_challenge=paper|gdm) depends on the
 * challenger's distance to mu.
 */
static double no_challenge_term(const eu_state *st, int i, int j, double r)
{
    const eu_config *c = &st->cfg;
    double gap = fabs(st->x[i] - st->mu) + fabs(st->x[i] - st->x[j]);
    double h = 0.25 * gap / st->range;
    double ub = 2 - 4 * upow(0.5 - h, r);
    double uw = 2 - 4 * upow(0.5 + h, r);
    double nc = (1 - c->q) * (c->t * ub + (1 - c->t) * uw);

    return c->no_challenge == NC_PAPER ? -nc : nc;
}

/* 1 if EU(i -> j) has a no-challenge term. */
static int has_no_challenge_term(const eu_config *c)
{
    return c->no_challenge != NC_JM && c->q < 1;
}

/* EU(i -> j) without the no-challenge term: sj the target's salience,
   q the weight of U_sq. */
static inline double eu_plain(double sj, double p, const utilities *u, double q)
{
    return sj * (p * u->us + (1 - p) * u->uf) + (1 - sj) * u->us - q * u->usq;
}

/* Inline: it runs for every pair of actors, twice or three times a round. */
static inline double eu_from(const eu_state *st, int i, int j, double p,
                             const utilities *u, double r)
{
    double eu = eu_plain(st->s[j], p, u, st->cfg.q);

    if (has_no_challenge_term(&st->cfg))
        eu += no_challenge_term(st, i, j, r);
    return eu;
}

static double eu_challenge(const eu_state *st, int i, int j, double p, double r,
                           double usq)
{
    utilities u = basic_utilities(st, fabs(st->x[i] - st->x[j]), r, usq);

    return eu_from(st, i, j, p, &u, r);
}

/* The reference position of U_b / U_w in pass 1 or 2. */
static double reference_mu(const eu_state *st, int pass)
{
    if (st->cfg.mu == MU_MEAN || (st->cfg.mu == MU_GDM && pass == 2))
        return st->mean;
    return st->median;
}

/* ---- risk ------------------------------------------------------------- */

/*
 * st->util[q] = the basic utilities across the distance from x_i to each
 * distinct position y_q other than x_i's own, under exponent r: a
 * challenge's utilities depend on the two positions only, so they are
 * computed once per position rather than once per actor there.
 */
static void fill_utilities(const eu_state *st, int i, double r, double usq)
{
    const int own = st->pos_of[i];

    for (int q = 0; q < st->m; q++) {
        double half = gap_h(st, own)[q];
        utilities *u = &st->util[q];

        if (q == own)
            continue;
        u->us = 2 - 4 * pair_pow(st, LOG_SUCCESS, own, q, 0.5 - half, r);
        u->uf = 2 - 4 * pair_pow(st, LOG_FAILURE, own, q, 0.5 + half, r);
        u->usq = usq;
    }
}

/* fill_utilities under pow=vector and r = r_i != 1, from the powers that
   fill_mover_powers computed for mover i. */
static void fill_utilities_vector(const eu_state *st, int i, double usq)
{
    const int own = st->pos_of[i];

    for (int q = 0; q < st->m; q++) {
        utilities *u = &st->util[q];

        if (q == own)
            continue;
        u->us = 2 - 4 * mover_power(st, i, q, MP_SUCCESS);
        u->uf = 2 - 4 * mover_power(st, i, q, MP_FAILURE);
        u->usq = usq;
    }
}

/*
 * S_i = sum over j at another position of EU(j -> i), every r = 1.
 * EU(j -> i) depends on where j stands, not on who j is (its utilities
 * and probability are those of the position, and the no-challenge term
 * takes j's position only through absolute values, which do not see the
 * sign of a zero), so it is computed once per distinct position, from
 * the position's first actor, and added once per actor there in actor
 * order, as before.
 */
/* Actor i's EU(j -> i) for j at each distinct position in row[0, m), and
   +0 at i's own position: adding it leaves a sum that starts at +0 (and so
   is never -0) as it is. */
static void security_terms(eu_state *st, int i, double *row)
{
    const int m = st->m, own = st->pos_of[i];
    const double *prow = pair_slot(st, own, 0);

    if (!has_no_challenge_term(&st->cfg)) {
        /* fill_utilities under r = 1 and eu_from, inline */
        const double *grow = gap_h(st, own), si = st->s[i];
        const double q_sq = st->cfg.q;

        for (int q = 0; q < m; q++) {
            const double half = grow[q];
            const utilities u = {2 - 4 * (0.5 - half), 2 - 4 * (0.5 + half),
                                 0.0};

            row[q] = eu_plain(si, prow[2 * q + 1], &u, q_sq);
        }
    } else {
        fill_utilities(st, i, 1.0, 0.0);
        for (int q = 0; q < m; q++)
            if (q != own)
                row[q] = eu_from(st, st->rep[q], i, prow[2 * q + 1],
                                 &st->util[q], 1.0);
    }
    row[own] = 0.0;
}

/* S_i for four actors at a time: four independent chains of additions,
   each over the actors in order, as one actor's alone. */
static void security_levels(eu_state *st)
{
    const int n = st->n, m = st->m;
    const int *pos_of = st->pos_of;
    double *t0 = st->sterm, *t1 = t0 + m, *t2 = t1 + m, *t3 = t2 + m;
    int i = 0;

    for (; i + 4 <= n; i += 4) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;

        security_terms(st, i, t0);
        security_terms(st, i + 1, t1);
        security_terms(st, i + 2, t2);
        security_terms(st, i + 3, t3);
        for (int j = 0; j < n; j++) {
            const int q = pos_of[j];

            s0 += t0[q];
            s1 += t1[q];
            s2 += t2[q];
            s3 += t3[q];
        }
        st->sec[i] = s0;
        st->sec[i + 1] = s1;
        st->sec[i + 2] = s2;
        st->sec[i + 3] = s3;
    }
    for (; i < n; i++) {
        double sum = 0;

        security_terms(st, i, t0);
        for (int j = 0; j < n; j++)
            sum += t0[pos_of[j]];
        st->sec[i] = sum;
    }
}

/*
 * r_i = (1 - R_i/3) / (1 + R_i/3), R_i = (2 S_i - max S - min S) /
 * (max S - min S).  Returns 1 if max S = min S (to within 1e-12 of the
 * largest |S|, or 1), leaving the exponents to the degenerate rule.
 */
static int risk_exponents(eu_state *st)
{
    double mx = st->sec[0], mn = st->sec[0];

    for (int i = 1; i < st->n; i++) {
        mx = st->sec[i] > mx ? st->sec[i] : mx;
        mn = st->sec[i] < mn ? st->sec[i] : mn;
    }
    if (mx - mn <= 1e-12 * fmax(1.0, fmax(fabs(mx), fabs(mn))))
        return 1;
    eu_vec_risk_exponents(st->n, st->sec, mx, mn, st->r);
    return 0;
}

/* ---- the documented status quo (status_quo=scenario) ------------------ */

/*
 * U_sq of an actor at x under exponent r.  The default is the constant
 * 2 - 4 (0.5)^r: the status quo is where the actors stand, no gain and no
 * loss.  With a documented status quo SQ it is what the status quo is
 * worth to the actor: the loss of being |x - SQ| / R away from its own
 * position, in the form of U_f, 2 - 4 (0.5 + 0.5 |x - SQ| / R)^r
 * (docs/models.md, "eu": The documented status quo).
 */
static double sq_utility(const eu_state *st, double x, double r)
{
    return 2 - 4 * upow(sq_base(st, x), r);
}

/* Every actor's U_sq under its own exponent, for the offer pass (after
   fill_sq_logs under pow=vector). */
static void fill_usq(eu_state *st)
{
    const int n = st->n;

    if (st->cfg.pow != POW_VECTOR) {
        for (int i = 0; i < n; i++)
            st->usq[i] = sq_utility(st, st->x[i], st->r[i]);
        return;
    }
    for (int i = 0; i < n; i++)
        st->usq[i] = st->r[i] * st->sqlog[st->pos_of[i]];
    ent_vexp(st->usq, (size_t)n);
    for (int i = 0; i < n; i++)
        st->usq[i] =
            2 - 4 * (st->r[i] == 1.0 ? sq_base(st, st->x[i]) : st->usq[i]);
}

/* S_i of the risk pass took U_sq = 0 (r = 1, no status quo); each
   challenger j's EU(j -> i) subtracts Q times its own U_sq instead. */
static void sq_security(eu_state *st)
{
    if (isnan(st->sq))
        return;
    for (int i = 0; i < st->n; i++)
        for (int j = 0; j < st->n; j++)
            if (st->x[j] != st->x[i])
                st->sec[i] -= st->cfg.q * sq_utility(st, st->x[j], 1.0);
}

/* b = EU(j -> i) as mover i sees it used i's U_sq; j is the challenger
   there, so under a documented status quo it takes j's (with r_i). */
static double sq_evaluator_b(const eu_state *st, int i, int j, double b)
{
    double usq_j;

    if (isnan(st->sq))
        return b;
    if (st->cfg.pow == POW_VECTOR && st->r[i] != 1.0)
        usq_j = 2 - 4 * mover_power(st, i, st->pos_of[j], MP_SQ);
    else
        usq_j = sq_utility(st, st->x[j], st->r[i]);
    return b + st->cfg.q * (st->usq[i] - usq_j);
}

/* ---- offers ----------------------------------------------------------- */

enum { OFFER_NONE, OFFER_CONFRONT, OFFER_COMPROMISE, OFFER_CAPITULATE };

/*
 * Mover i's utilities in st->util (fill_utilities under r_i) and, when i
 * evaluates b = EU(j -> i) under its own exponent (risk_exponent_owner=
 * evaluator), b for every distinct position in st->term: it depends on
 * j's position alone (security_levels says why), so it is computed once
 * per position, from the position's first actor.
 */
static void mover_terms(const eu_state *st, int i)
{
    const int own = st->pos_of[i];

    if (st->cfg.pow == POW_VECTOR && st->r[i] != 1.0)
        fill_utilities_vector(st, i, st->usq[i]);
    else
        fill_utilities(st, i, st->r[i], st->usq[i]);
    if (st->cfg.risk_exponent_owner != OWNER_EVALUATOR)
        return;
    if (!has_no_challenge_term(&st->cfg) && isnan(st->sq)) {
        /* eu_from and sq_evaluator_b, inline */
        const double *prow = pair_slot(st, own, 0), si = st->s[i];
        const double q_sq = st->cfg.q;
        const utilities *util = st->util;
        double *term = st->term;

        for (int q = 0; q < st->m; q++)
            if (q != own)
                term[q] = eu_plain(si, prow[2 * q + 1], &util[q], q_sq);
        return;
    }
    for (int q = 0; q < st->m; q++) {
        const int j = st->rep[q];

        if (q != own)
            st->term[q] =
                sq_evaluator_b(st, i, j,
                               eu_from(st, j, i, pair_slot(st, own, q)[1],
                                       &st->util[q], st->r[i]));
    }
}

/* a = EU(i -> j), b = EU(j -> i) as seen by mover i (the second pass),
   after mover_terms(st, i). */
static inline void eu_pair(const eu_state *st, int i, int j, double *a,
                           double *b)
{
    const double *p = probs(st, i, j);
    const utilities *u = &st->util[st->pos_of[j]];

    *a = eu_from(st, i, j, p[0], u, st->r[i]);
    if (st->cfg.risk_exponent_owner == OWNER_EVALUATOR)
        *b = st->term[st->pos_of[j]];
    else
        *b = eu_challenge(st, j, i, p[1], st->r[j], st->usq[j]);
}

/* The offer j makes to i, and where it would take i (*to). */
static inline int classify(const eu_state *st, int i, int j, double a, double b,
                           double *to)
{
    double xi = st->x[i], xj = st->x[j];

    if (b > a && a > 0) {
        *to = xj;
        return OFFER_CONFRONT;
    }
    if (b > 0 && 0 > a && b > fabs(a)) {
        *to = xi + (xj - xi) * fabs(a / b);
        return OFFER_COMPROMISE;
    }
    if (st->cfg.capitulation == CAP_FIXED && b > 0 && 0 > a && fabs(a) > b) {
        *to = xj;
        return OFFER_CAPITULATE;
    }
    return OFFER_NONE;
}

/* The best offer of one type so far: smallest key, first actor on ties. */
typedef struct best_offer {
    int found;
    double key, to;
} best_offer;

static void best_offer_take(best_offer *b, double key, double to)
{
    if (!b->found || key < b->key) {
        b->found = 1;
        b->key = key;
        b->to = to;
    }
}

/* JM: confrontation (least move) > compromise (key) > capitulation. */
static double choose_jm(const eu_state *st, int i)
{
    best_offer best[4] = {{0, 0, 0}};
    const double xi = st->x[i];
    const int own = st->pos_of[i];
    /* eu_pair inline where a = eu_plain and b = term */
    const int plain = !has_no_challenge_term(&st->cfg) &&
                      st->cfg.risk_exponent_owner == OWNER_EVALUATOR;
    const double *prow = pair_slot(st, own, 0), q_sq = st->cfg.q;

    mover_terms(st, i);
    for (int j = 0; j < st->n; j++) {
        const int qj = st->pos_of[j];
        double a, b, to, key;
        int type;

        if (qj == own) /* x_j == x_i */
            continue;
        if (plain) {
            b = st->term[qj];
            if (!(b > 0)) /* classify: no offer without b > 0 */
                continue;
            a = eu_plain(st->s[j], prow[2 * (size_t)qj], &st->util[qj], q_sq);
        } else {
            eu_pair(st, i, j, &a, &b);
        }
        type = classify(st, i, j, a, b, &to);
        if (type == OFFER_NONE)
            continue;
        key = fabs(xi - to);
        if (type == OFFER_COMPROMISE && st->cfg.compromise_key == KEY_JM)
            key = (fabs(a) * xi + fabs(b) * st->x[j]) / (fabs(a) + fabs(b));
        best_offer_take(&best[type], key, to);
    }
    for (int type = OFFER_CONFRONT; type <= OFFER_CAPITULATE; type++)
        if (best[type].found)
            return best[type].to;
    return xi;
}

/* GDM: the offer with the highest sender EU b > 0 (then the nearest, then
   the first sender) is the only one classified. */
static double choose_gdm(const eu_state *st, int i)
{
    const double xi = st->x[i];
    double best_a = 0, best_b = 0, best_dist = 0, to;
    int best = -1;

    mover_terms(st, i);
    for (int j = 0; j < st->n; j++) {
        double a, b, dist = fabs(st->x[j] - xi);

        if (st->x[j] == xi)
            continue;
        eu_pair(st, i, j, &a, &b);
        if (!(b > 0))
            continue;
        if (best < 0 || b > best_b || (b == best_b && dist < best_dist)) {
            best = j;
            best_a = a;
            best_b = b;
            best_dist = dist;
        }
    }
    if (best < 0 || classify(st, i, best, best_a, best_b, &to) == OFFER_NONE)
        return xi;
    return to;
}

/* ---- one round -------------------------------------------------------- */

/* Pass 1: exponents from the security levels.  Returns 0 to go on, 1 if
   the degenerate rule stops the run, -1 on error. */
static int risk_pass(eu_state *st, ent_error *err, int round)
{
    for (int i = 0; i < st->n; i++)
        st->r[i] = 1.0;
    st->mu = reference_mu(st, 1);
    fill_probabilities(st, NULL);
    security_levels(st);
    sq_security(st);
    if (risk_exponents(st) == 0)
        return 0;
    if (st->cfg.degenerate_risk == DEGENERATE_ERROR)
        return ent_fail(err, ENT_EXIT_RUNTIME,
                        "eu: round %d: every actor has the same security "
                        "level, so risk exponents are undefined "
                        "(degenerate_risk=error)",
                        round);
    return st->cfg.degenerate_risk == DEGENERATE_STOP; /* neutral: r = 1 */
}

/* Pass 2: offers under the new exponents; returns how many actors moved. */
static int offer_pass(eu_state *st)
{
    int moved = 0;

    if (st->cfg.pow == POW_SHARED)
        fill_logs(st);
    else if (st->cfg.pow == POW_VECTOR)
        fill_sq_logs(st);
    if (st->cfg.pow == POW_VECTOR)
        fill_pair_logs(st);
    fill_usq(st);
    if (st->cfg.probability == PROB_JM)
        fill_probabilities(st, st->r);
    st->mu = reference_mu(st, 2);
    st->vend = 0;
    for (int i = 0; i < st->n; i++) {
        if (st->cfg.pow == POW_VECTOR && i == st->vend)
            fill_mover_powers(st, i);
        st->xnew[i] = st->cfg.offer_choice == OFFER_GDM ? choose_gdm(st, i)
                                                        : choose_jm(st, i);
    }
    for (int i = 0; i < st->n; i++) {
        moved += st->xnew[i] != st->x[i];
        st->x[i] = st->xnew[i];
    }
    return moved;
}

/* The engine's own stopping rule (parameter stop) after a round in which
   `moved` actors moved and the median went from `before` to st->median:
   0 to stop, 1 to go on. */
static int own_stop(const eu_state *st, double before, int moved)
{
    if (st->cfg.stop == STOP_MEDIAN)
        return fabs(st->median - before) <= st->cfg.median_step * st->range ? 0
                                                                            : 1;
    return st->cfg.stop == STOP_FIXED_POINT && moved == 0 ? 0 : 1;
}

static int eu_step(void *state, ent_error *err)
{
    eu_state *st = state;
    int rc, moved;
    double before;

    st->round++;
    before = st->median;
    if (st->period > 0) {
        moved = replay(st);
        return own_stop(st, before, moved);
    }
    if (st->cfg.range == RANGE_DYNAMIC)
        st->range = spread(st->n, st->x);
    if (!(st->range > 0)) { /* everybody at one position: nothing to do */
        remember(st);
        return own_stop(st, before, 0);
    }
    distinct_positions(st);
    fill_gaps(st);
    fill_bounds(st);
    rc = risk_pass(st, err, st->round);
    if (rc != 0)
        return rc < 0 ? -1 : 0;
    moved = offer_pass(st);
    update_stats(st);
    remember(st);
    return own_stop(st, before, moved);
}

static const double *eu_positions(const void *state)
{
    return ((const eu_state *)state)->x;
}

static void eu_outcome(const void *state, double *out)
{
    out[0] = ((const eu_state *)state)->median;
}

const ent_engine ent_engine_eu = {
    .name = "eu",
    .summary = "Bueno de Mesquita's expected-utility model (Scholz, Calbert "
               "& Smith 2011 replication)",
    .multidimensional = 0,
    .default_rounds = 10,
    .create = eu_create,
    .step = eu_step,
    .positions = eu_positions,
    .outcome = eu_outcome,
    .record = NULL,
    .destroy = eu_destroy,
    .reset = eu_reset,
};
