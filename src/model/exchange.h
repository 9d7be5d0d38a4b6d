/*
 * exchange.h -- the `exchange` engine's internals: Stokman's exchange of
 * voting positions as Decide's equal-gain model computes it (internal).
 *
 * exchange.c is the engine object and its parameters, exchange_round.c one
 * round (candidates, choice, execution, new positions), exchange_list.c
 * its working list of exchanges, exchange_queue.c that list kept in order
 * incrementally, exchange_calc.c the arithmetic of one
 * exchange, exchange_dec.c the 28-digit decimal
 * numbers, exchange_mt.c CPython's random numbers.  docs/models.md,
 * section `exchange`, gives the maths.
 */
#ifndef ENT_MODEL_EXCHANGE_H
#define ENT_MODEL_EXCHANGE_H

#include <stdint.h>

#include "entente/ensemble.h"
#include "entente/model.h"
#include "model/exchange_dec.h"
#include "model/exchange_queue.h"

/* CPython's Mersenne Twister (exchange_mt.c). */
enum { XMT_N = 624 };
typedef struct xmt {
    uint32_t mt[XMT_N];
    int next;
} xmt;

void xmt_seed(xmt *r, uint64_t seed); /* random.seed(seed) */
uint32_t xmt_uint32(xmt *r);
double xmt_random(xmt *r);                  /* random.random() */
uint32_t xmt_getrandbits(xmt *r, int k);    /* k <= 32 */
uint32_t xmt_randbelow(xmt *r, uint32_t n); /* random._randbelow(n), n > 0 */
long xmt_randint(xmt *r, long a, long b);
void xmt_shuffle(xmt *r, int *items, int n); /* random.shuffle */
int xmt_choice(xmt *r, int n);               /* index random.choice picks */

/* Where the engine's random numbers come from. */
typedef enum xch_rng {
    XCH_RNG_PYTHON = 0, /* CPython's random, seeded with `seed` (Decide's) */
    XCH_RNG_RANDOM      /* Philox stream of (seed, run): ensembles */
} xch_rng;

/* How exact gain ties are broken. */
typedef enum xch_tie {
    XCH_TIE_PYTHON = 0, /* random.random() from CPython's generator */
    XCH_TIE_FIRST       /* no draw: the first in list order wins */
} xch_tie;

/* How the equal-gain identity eu_i == eu_j is checked. */
typedef enum xch_check {
    XCH_CHECK_STRICT = 0, /* |eu_i - eu_j| <= 1e-20, else an error (Decide) */
    XCH_CHECK_RELAXED,    /* relative 1e-12, else an error */
    XCH_CHECK_OFF
} xch_check;

/* The arithmetic of a run (exchange.arith). */
typedef enum xch_arith {
    XCH_ARITH_DECIMAL = 0, /* 28-digit decimals, as Decide: reproduction */
    XCH_ARITH_DOUBLE       /* IEEE doubles (exchange_fast.h): fast path */
} xch_arith;

typedef struct xch_params {
    xdec p;        /* randomized-rate parameter, 0 = equal gain */
    uint64_t seed; /* random.seed */
    xch_tie tie;
    xch_check check;
    int check_given; /* check was given explicitly */
    xch_arith arith;
    xch_rng rng;
    int exact; /* 1: no quick test in doubles, every comparison in
                  decimals (same results, slower; exchange.quick=off) */
} xch_params;

/* One actor's part in an exchange. */
typedef struct xch_side {
    int actor, supply, demand; /* slice indices */
    int own_moves;             /* moves allocated alone, not in a block */
    xdec start;                /* round-start position on supply */
    xdec x;                    /* current position on supply */
    xdec d;                    /* own round-start position on demand */
    xdec y;    /* voting position on supply: x + the last move (read it
                  through xch_side_y) */
    int y_due; /* y is not computed yet */
    xdec eu, eu_max;
    xdec o0, o1;    /* adjusted outcomes on supply before and after (kept
                       only when the randomized step reads them: quick = 0) */
    xdec *moves;    /* move history */
    double *dmoves; /* xdec_approx of each move, after moves[cap_moves] */
    double dx;      /* xdec_approx(x) */
    int past;       /* x lies past the partner's own position on supply */
    xdec room;      /* |partner's own position - x| */
    int n_moves, cap_moves;
} xch_side;

/* One entry of an exchange's table of third-party moves: actor's new
   voting position on issue.  Both arithmetics keep their tables in this
   form: the decimal engine the decimal and its double, the double engine
   (exchange_fast.h) the double alone. */
typedef struct xch_update {
    int issue, actor;
    xdec value;    /* decimal engine only */
    double dvalue; /* xdec_approx(value); the value itself in doubles */
} xch_update;

/* An exchange's table of third-party moves (exchange_calc.c): its
   buffer is kept from round to round. */
typedef struct xch_table {
    xch_update *at;
    int n, cap;
} xch_table;

/* The entry of actor a on issue k, or NULL. */
static inline xch_update *xch_table_find(const xch_table *t, int k, int a)
{
    for (int u = 0; u < t->n; u++)
        if (t->at[u].issue == k && t->at[u].actor == a)
            return &t->at[u];
    return NULL;
}

/* The equal-gain step's values from one side's position (`key`, bit for
   bit): computing them again from the same decimals gives the same
   digits, so a recalculation from the same position reuses them (quick
   only, exchange_calc.c). */
typedef struct xch_memo {
    xdec key;          /* main: j's position; cut: i's */
    xdec rp, rq, move; /* main: i's move |mi|; cut: j's move |mj| */
    xdec dist;         /* main: j's distance |d_i - x_j| (j's move) */
    xdec eu_i, eu_j;
    double deu; /* xdec_approx(eu_i) */
    int bad;    /* the equal-gain check fails */
    int set;
} xch_memo;

typedef struct xch_exchange {
    xch_side i, j; /* i supplies q and demands p; j the reverse */
    int p, q;
    xdec dp, dq, gain;
    xdec rate;          /* (s_j,p + s_i,p) / (s_j,q + s_i,q), fixed */
    double sig;         /* ~ (s_j,p + s_i,p) + (s_j,q + s_i,q) */
    xch_memo main, cut; /* equal gain on i's move, on i's room */
    int valid;
    int groups; /* 0: a-d, 1: b-c */
    xch_table updates;
} xch_exchange;

/* One executed exchange, as the trace keeps it. */
typedef struct xch_done {
    int round;
    xch_exchange e; /* moves and updates not owned */
    xdec move_i, move_j;
} xch_done;

/* A round's exchanges and scratch, kept from round to round
   (exchange_list.c): exchange objects in blocks, and the working list,
   either in the queue (exchange_queue.c) or, with exchange.quick=off,
   as Decide keeps it: ref[head, n), an array stably sorted by decimal
   gain at every pick (an object may be listed twice, as in Decide). */
typedef struct xch_list {
    xch_exchange **block; /* [n_block][block_size[b]], owned, each with
                             move slots after its objects */
    int *block_size, *block_mapped;
    size_t *block_bytes;
    int n_block, n_obj, cap_obj, cur_block, cur_obj;
    int plain;                 /* the array, not the queue */
    xch_exchange **ref, **tmp; /* [cap] */
    int head, n, cap;
    xch_queue queue;
    xch_exchange **realised; /* executed this round, in order */
    int n_real, cap_real;
    int *group; /* [actors] scratch of the candidate search */
} xch_list;

/* The model: internal 0-100 positions and the fixed weights. */
typedef struct xch_model {
    int n, d;
    xdec *x;     /* [n * d] current (preference) positions */
    xdec *s, *c; /* [n * d] salience and power */
    xdec *cs;    /* [n * d] c * s */
    /* [n * d] weights of the new position x' = (a y + w_f y) + (rest x):
       a = (1 - s) w_s, rest = (1 - a) - w_f, with Decide's w_s = 0.4 and
       w_f = 0.1 as binary doubles */
    xdec *wa, *wrest;
    xdec *sq;             /* [n * d * d] s_p / s_q of each actor, p < q */
    xdec_bound tiny, eps; /* 1e-10 and 1e-20 as Decide compares with them */
    unsigned char *in;    /* [n * d] 1 if the actor takes part in the issue */
    int *order;           /* [d * n] actors of each issue in summation order */
    int *count;           /* [d] how many take part */
    xdec *denom;          /* [d] sum of s * c */
    xdec *lower, *step;   /* [d] issue scale: x_int = (x - lower) * step */
    xdec *outcome;        /* [d] */
    xdec *term;           /* [n * d] (x * s) * c at the round-start positions */
    unsigned char *left;  /* [n * d] */
    /* Doubles near the decimals, for the quick test that a move cannot
       carry an outcome past a position (exchange_calc.c): s * c, term and
       the position per cell, the sums of term and of |term| and the denominator
       per issue, at the round-start positions. */
    double *dsc, *dterm;        /* [n * d] */
    double *dx;                 /* [n * d] xdec_approx(x) at round start */
    double *dsum, *dabs, *dden; /* [d] */
    int quick;     /* the quick test is used: p = 0 and not par.exact */
    xch_list work; /* the round's exchanges (exchange_round.c) */
    xch_params par;
    xmt rng;        /* XCH_RNG_PYTHON */
    ent_rng stream; /* XCH_RNG_RANDOM */
    int failed;
    char error[256];
} xch_model;

static inline int xch_cell(const xch_model *m, int a, int k)
{
    return a * m->d + k;
}

/* exchange.c: the model of slice s (par and the generators set by the
   caller), and what it owns. */
void xch_model_init(xch_model *m, const ent_slice *s);
void xch_model_free(xch_model *m);

/* The next uniform draw on [0, 1) of the engine's generator (exchange.c). */
double xch_draw(xch_model *m);

/* Pieces of exchange.c both arithmetics share: the draw from the
   generator par->rng names; seeding both generators for a run (o: the
   run's options, or NULL); the power of actor a on issue k of a slice;
   the actors of each issue in summation order (in: 1 where an actor
   takes part; order [d * n], count [d]). */
double xch_draw_from(const xch_params *par, xmt *mt, ent_rng *stream);
void xch_seed(const xch_params *par, const ent_model_options *o, xmt *mt,
              ent_rng *stream);
double xch_slice_power(const ent_slice *s, int a, int k);
/* Appends to t the exchanges executed in `round`, the last round among
   the n an engine logged: round_of gives the i-th one's round, fill its
   entry on the issue scales. */
void xch_record_round(ent_trace *t, int round, int n, const void *log,
                      int (*round_of)(const void *log, int i),
                      void (*fill)(const void *log, int i, ent_exchange *x));
void xch_slice_order(const ent_slice *s, const unsigned char *in, int *order,
                     int *count);

/* exchange_calc.c */
void xch_table_grow(xch_table *t); /* room for at least one more entry */
void xch_table_free(xch_table *t);

/* The entry of actor a on issue k, appended if there is none (*fresh: 1
   then, its value for the caller to set). */
static inline xch_update *xch_table_entry(xch_table *t, int k, int a,
                                          int *fresh)
{
    xch_update *u = xch_table_find(t, k, a);

    *fresh = !u;
    if (u)
        return u;
    if (t->n == t->cap)
        xch_table_grow(t);
    u = &t->at[t->n++];
    u->issue = k;
    u->actor = a;
    return u;
}
xdec xch_outcome(const xch_model *m, const xdec *x, int k);
/* e: zeroed, or an exchange used before (its buffers are kept). */
void xch_exchange_init(xch_exchange *e, const xch_model *m, int a, int b, int p,
                       int q, int groups);
void xch_exchange_free(xch_exchange *e);
/* Computes moves, gain and validity from the sides' current positions. */
void xch_calculate(xch_model *m, xch_exchange *e);
/* Recalculates x against the executed exchange r (x may be r). */
void xch_recalculate(xch_model *m, xch_exchange *x, xch_exchange *r);
xdec xch_last_move(const xch_side *s);
xdec xch_side_y(xch_side *s); /* s->y, computed if due */
/* Bytes of a move buffer of cap moves (xch_side.moves, .dmoves). */
size_t xch_moves_bytes(int cap);
/* Gives s the move buffer buf of cap moves. */
void xch_side_buffer(xch_side *s, void *buf, int cap);
/* Pieces shared with exchange_rex.c. */
xdec xch_sal(const xch_model *m, int a, int k);
void xch_replace_move(xch_side *s, xdec v);
/* Outcome shift of actor a moving mv on issue k, and back. */
xdec xch_ratio(const xch_model *m, xdec mv, int k, int a);
xdec xch_reverse(const xch_model *m, xdec r, int k, int a);
/* Outcome of issue k from the round-start positions with e's updates and
   actor a at y. */
xdec xch_adj(const xch_model *m, const xch_exchange *e, int k, int a, xdec y);
int xch_move_valid(const xch_model *m, const xch_side *s);
/* 1 if a's move to y carries the outcome past b's position (*delta: the
   move that lands on it); sets a's o0 and o1. */
int xch_overshoots(const xch_model *m, const xch_exchange *e, xch_side *a,
                   const xch_side *b, xdec y, xdec *delta);
/* (s_a,sup + s_b,dem) / (s_a,dem + s_b,sup) */
xdec xch_salience_ratio(const xch_model *m, const xch_side *a,
                        const xch_side *b);

/* exchange_list.c */
/* Empty, for a new round of m (plain: the array, else the queue). */
void xch_list_reset(xch_list *l, xch_model *m, int plain);
/* Room for count objects in all (from the start of the round). */
void xch_list_reserve(xch_list *l, int count);
xch_exchange *xch_list_new(xch_list *l); /* an object; its fields are
                                            for xch_exchange_init */
void xch_list_free(xch_list *l);
/* Appends a candidate; xch_list_start once all are. */
void xch_list_add(xch_list *l, xch_exchange *e);
void xch_list_start(xch_list *l);
int xch_list_empty(const xch_list *l);
/* Stable sort by gain, descending (Decide sorts before each pick). */
void xch_list_order(xch_list *l);
xch_exchange *xch_list_pop(xch_list *l);               /* takes the first */
const xch_exchange *xch_list_first(const xch_list *l); /* or NULL */
void xch_list_requeue(xch_list *l); /* the one taken last, to the end */
void xch_list_repeat(xch_list *l);  /* the first, again at the end */
/* Executes r: every valid exchange listed is recalculated against it
   and kept if still valid, in list order; invalid ones are dropped. */
void xch_list_execute(xch_model *m, xch_list *l, xch_exchange *r);

/* exchange_rex.c: the randomized-rate step (p > 0), after the clamps. */
void xch_randomize(xch_model *m, xch_exchange *e);

/* exchange_round.c: one round; appends the executed exchanges to *done. */
int xch_round(xch_model *m, int round, xdec *vote, xdec *vote_outcome,
              xch_done **done, int *n_done, int *cap_done);

#endif
