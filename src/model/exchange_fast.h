/*
 * exchange_fast.h -- the exchange engine in IEEE doubles
 * (exchange.arith=double), internal.
 *
 * The same model as the 28-digit decimal engine (exchange.h): the same
 * candidates in the same order, the same roles, equal-gain moves, clamps,
 * move and gain tests against 1e-10, the same stable choice by gain with
 * exact ties (|difference| < 1e-20) broken by the same draws, the same
 * recalculation rules and new positions, every operation in the same
 * order, in doubles.  It agrees with the decimal engine to about 1e-12
 * until a decision that the last digits decide (a tie, a threshold, a
 * clamp landing on a position) goes the other way; after that the runs
 * differ.  exchange_fast.c is the model and its run, exchange_fast_calc.c
 * one exchange, exchange_fast_list.c the round's exchanges and their
 * working list (the decimal engine's queue, exchange_queue.c),
 * exchange_fast_round.c one round.  docs/models.md, `exchange`.
 */
#ifndef ENT_MODEL_EXCHANGE_FAST_H
#define ENT_MODEL_EXCHANGE_FAST_H

#include "model/exchange.h"

enum { XF_SLOTS = 4 }; /* moves a side keeps beside it before allocating */

/* A move of a side's history, with what Decide's move test reads of the
   history up to it: the sum of the moves in order, and whether all are
   positive (1), all negative (-1) or neither (0). */
typedef struct xf_move {
    double v, sum;
    int sign;
} xf_move;

/* One actor's part in an exchange (as xch_side). */
typedef struct xf_side {
    int actor, supply, demand; /* slice indices */
    int past;                  /* x lies past the partner's own position */
    double start, x, d, y, eu; /* as in xch_side */
    double room;               /* |partner's own position - x| */
    xf_move *moves;            /* move history: slot, or owned if heap */
    xf_move slot[XF_SLOTS];
    int n_moves, cap_moves, heap;
} xf_side;

typedef struct xf_exchange {
    xf_side i, j; /* i supplies q and demands p; j the reverse */
    int p, q;
    double dp, dq, gain;
    double rate; /* (s_j,p + s_i,p) / (s_j,q + s_i,q) */
    int valid;
    xch_table updates; /* third parties' moves, in dvalue */
} xf_exchange;

typedef struct xf_model xf_model;

/* A round's exchanges (exchange_fast_list.c): objects obj[0, n_obj), and
   the working list as the queue of exchange_queue.c. */
typedef struct xf_list {
    xf_exchange *obj;
    int n_obj, cap_obj;
    xch_queue queue;
    xf_exchange **realised; /* executed this round, in order */
    int n_real, cap_real;
    int *group; /* the groups of each issue pair (exchange_fast_round.c) */
} xf_list;

struct xf_model {
    int n, d;
    double *x;           /* [n * d] preference positions, 0-100 */
    double *s, *c, *cs;  /* [n * d] salience, power, c * s */
    double *wa, *wrest;  /* [n * d] weights of the new position */
    double *sq;          /* [n * d * d] s_p / s_q, p < q */
    double *term;        /* [n * d] (x * s) * c at the round start */
    double *num, *mag;   /* [d] sum of term in order, of |term| */
    unsigned char *in;   /* [n * d] */
    unsigned char *left; /* [n * d] */
    int *order, *count;  /* [d * n], [d]: summation order per issue */
    double *denom, *lower, *step, *outcome; /* [d] */
    xf_list work;
    xch_params par;
    xmt rng;        /* XCH_RNG_PYTHON */
    ent_rng stream; /* XCH_RNG_RANDOM */
    int failed;
    char error[256];
};

static inline int xf_cell(const xf_model *m, int a, int k)
{
    return a * m->d + k;
}

/* exchange_fast.c */
double xf_outcome(const xf_model *m, const double *x, int k);
double xf_issue_scale(const xf_model *m, double v, int k);

/* exchange_fast_calc.c */
void xf_exchange_init(xf_exchange *e, const xf_model *m, int a, int b, int p,
                      int q);
void xf_exchange_free(xf_exchange *e);
void xf_calculate(xf_model *m, xf_exchange *e);
/* Recalculates x against the executed exchange r (x may be r). */
void xf_recalculate(xf_model *m, xf_exchange *x, const xf_exchange *r);
double xf_last_move(const xf_side *s);

/* exchange_fast_list.c */
/* Empty, for a new round of m, with room for count objects. */
void xf_list_reset(xf_list *l, xf_model *m, int count);
xf_exchange *xf_list_new(xf_list *l);
void xf_list_free(xf_list *l);

/* exchange_fast_round.c: one round, as xch_round; appends the executed
   exchanges to *done, their positions on the internal scales. */
int xf_round(xf_model *m, int round, double *vote, double *vote_outcome,
             ent_exchange **done, int *n_done, int *cap_done);

/* The engine's state in doubles, behind exchange.c's callbacks. */
typedef struct xf_state xf_state;

/* par: parsed by exchange.c (p = 0); limit: the run length. */
xf_state *xf_create(const ent_slice *s, const ent_model_options *o,
                    const xch_params *par, int limit);
int xf_step(xf_state *st, ent_error *err);
const double *xf_positions(const xf_state *st);
void xf_outcome_of(const xf_state *st, double *out);
void xf_record(const xf_state *st, int round, ent_trace *t);
void xf_destroy(xf_state *st);

#endif
