/*
 * exchange.h -- the `exchange` engine's internals: Stokman's exchange of
 * voting positions as Decide's equal-gain model computes it (internal).
 *
 * exchange.c is the engine object and its parameters, exchange_round.c one
 * round (candidates, choice, execution, new positions), exchange_list.c
 * its working list of exchanges, exchange_calc.c the arithmetic of one
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

typedef struct xch_params {
    xdec p;        /* randomized-rate parameter, 0 = equal gain */
    uint64_t seed; /* random.seed */
    xch_tie tie;
    xch_check check;
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
    xdec y;                    /* voting position on supply */
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

/* One entry of an exchange's table of third-party moves. */
typedef struct xch_update {
    int issue, actor;
    xdec value;
    double dvalue; /* xdec_approx(value) */
} xch_update;

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
    xch_memo main, cut; /* equal gain on i's move, on i's room */
    int valid;
    int groups; /* 0: a-d, 1: b-c */
    xch_update *updates;
    int n_updates, cap_updates;
} xch_exchange;

/* One executed exchange, as the trace keeps it. */
typedef struct xch_done {
    int round;
    xch_exchange e; /* moves and updates not owned */
    xdec move_i, move_j;
} xch_done;

/* A reference to an exchange in a round's working list, with its gain's
   sort key, actors and validity as of its last calculation (so sorting
   and the pass after an execution read no exchange they do not change).
   40 bytes, not the 48 a 16-byte aligned key would take: every pick
   copies the whole list. */
typedef struct __attribute__((packed, aligned(8))) xch_ref {
    __int128 key; /* xdec_key(gain) */
    xch_exchange *e;
    int actor_i, actor_j, valid;
    int pos; /* scratch of the sort: place in the list */
} xch_ref;

/* A round's exchanges and scratch, kept from round to round
   (exchange_list.c): exchange objects in blocks, the working list
   ref[head, n) (an object may be listed twice, as in Decide), sorted in
   [head, sorted) by the keys it holds; the places of the references out
   of gain order (dirty, ascending: their exchanges have new gains) and
   of those dropped since the last sort (gone, ascending: no exchange). */
typedef struct xch_list {
    xch_exchange **block; /* [n_block][block_size[b]], owned, each with
                             move slots after its objects */
    int *block_size, *block_mapped;
    size_t *block_bytes;
    int n_block, n_obj, cap_obj, cur_block, cur_obj;
    xch_ref *ref, *tmp, *side; /* [cap] */
    int *dirty, *marks, *gone; /* [cap] */
    int head, n, cap, n_dirty, n_gone, sorted;
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

/* exchange_calc.c */
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
void xch_list_reset(xch_list *l); /* empty, for a new round */
/* Room for count objects in all (from the start of the round). */
void xch_list_reserve(xch_list *l, int count);
xch_exchange *xch_list_new(xch_list *l); /* an object; its fields are
                                            for xch_exchange_init */
void xch_list_free(xch_list *l);
void xch_ref_set(xch_ref *r, xch_exchange *e);
/* Appends a reference to e, out of order. */
void xch_list_push(xch_list *l, xch_exchange *e);
xch_exchange *xch_list_pop(xch_list *l); /* the first reference's */
/* Stable sort of ref[head, n) by gain, descending (plain: the whole list,
   comparing decimals). */
void xch_list_sort(xch_list *l, int plain);

/* exchange_rex.c: the randomized-rate step (p > 0), after the clamps. */
void xch_randomize(xch_model *m, xch_exchange *e);

/* exchange_round.c: one round; appends the executed exchanges to *done. */
int xch_round(xch_model *m, int round, xdec *vote, xdec *vote_outcome,
              xch_done **done, int *n_done, int *cap_done);

#endif
