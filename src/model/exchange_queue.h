/*
 * exchange_queue.h -- a round's working list of exchanges kept in
 * Decide's order (exchange_queue.c), for both arithmetics of the
 * exchange engine (internal).
 *
 * The queue does not know an exchange's numbers: the engine gives it
 * callbacks for the key of an exchange's gain (integers that order as the
 * gains do: xdec_key for the decimals, the bits of a double), its
 * validity, its sides' actors and issues, and its recalculation against
 * an executed exchange.
 */
#ifndef ENT_MODEL_EXCHANGE_QUEUE_H
#define ENT_MODEL_EXCHANGE_QUEUE_H

#include <stddef.h>

/* The actors and issues of an exchange's sides i (0) and j (1). */
typedef struct xch_sides {
    int actor[2], supply[2], demand[2];
} xch_sides;

/* Sets s from the actor, supply and demand issue of each side. */
static inline void xch_sides_set(xch_sides *s, int actor_i, int supply_i,
                                 int demand_i, int actor_j, int supply_j,
                                 int demand_j)
{
    s->actor[0] = actor_i;
    s->supply[0] = supply_i;
    s->demand[0] = demand_i;
    s->actor[1] = actor_j;
    s->supply[1] = supply_j;
    s->demand[1] = demand_j;
}

/* What the queue asks of an engine's exchanges (e, x, r: its exchange
   objects; model: the engine's model, given to xch_queue_reset). */
typedef struct xch_queue_ops {
    __int128 (*key)(const void *e); /* of the gain, ordered as gains are */
    int (*valid)(const void *e);
    void (*sides)(const void *e, xch_sides *s);
    /* x after the execution of r: recalculated if it has to be */
    void (*recalculate)(void *model, void *x, void *r);
} xch_queue_ops;

/* A reference to an exchange in the gain-ordered queue: the key and
   label it is ordered by, as of its last placing. */
typedef struct xch_qref {
    __int128 key;    /* of the gain */
    long long label; /* order among references of equal key */
    int obj;         /* its exchange (xch_queue.obj) */
    int at;          /* place in the heap; XCH_OUT: dropped or taken; XCH_HELD:
                        recalculated or appended since the last pick */
    int next;        /* the next reference to the same exchange, or -1 */
    int pushed;      /* > 0: appended at the end of the list (the n-th push) */
} xch_qref;

enum { XCH_OUT = -1, XCH_HELD = -2 };

/* An exchange of the round, as the queue keeps it. */
typedef struct xch_qobj {
    void *e;
    int ref;        /* its first reference */
    unsigned stamp; /* the queue's stamp when last collected */
    int slot[4];    /* its index slots (exchange_queue.c) */
} xch_qobj;

/* The working list as a queue in Decide's order: a heap of references by
   (key, label), the references held out of it until the next pick, and
   where each actor supplies and demands. */
typedef struct xch_queue {
    const xch_queue_ops *ops;
    void *model;
    xch_qobj *obj; /* [cap_obj] the round's exchanges, in order of adding */
    int n_obj, cap_obj;
    xch_qref *ref; /* [cap] every reference of the round */
    int *heap;     /* [cap] reference ids */
    int *held;     /* [cap] ids held out of the heap, in order of holding */
    struct xch_held *scratch; /* [cap] (exchange_queue.c) */
    int *order;               /* [cap] scratch */
    int *stale; /* [cap] exchanges an execution left invalid with a
                   reference listed, dropped at the next one */
    int n_stale;
    int n_ref, n_heap, n_held, cap, taken, pushes;
    long long lo, hi; /* labels issued so far lie in (lo, hi) */
    int clean;        /* no invalid exchange is listed (after the first
                         execution of the round) */
    unsigned stamp;   /* of the last execution (xch_qobj.stamp) */
    int n, d;         /* actors and issues, for the index's slots */
    int *ix_start;    /* [n * d * 2 + 1] first entry of each (actor, issue,
                         supply or demand) */
    int *ix_end;      /* [n * d * 2] end of each: entries of exchanges
                         no longer listed are dropped (in ix_start's
                         block) */
    int *ix;          /* [4 * exchanges] the exchanges of each */
    size_t cap_ix_start, cap_ix;
} xch_queue;

void xch_queue_free(xch_queue *q);
/* Empty, for a new round of the engine with these callbacks and model,
   of n actors and d issues. */
void xch_queue_reset(xch_queue *q, const xch_queue_ops *ops, void *model, int n,
                     int d);
/* Appends a candidate at the end of the list; xch_queue_start once all
   are. */
void xch_queue_add(xch_queue *q, void *e);
void xch_queue_start(xch_queue *q);
int xch_queue_empty(const xch_queue *q);
/* The list in Decide's order: a stable sort by gain, descending. */
void xch_queue_order(xch_queue *q);
void *xch_queue_pop(xch_queue *q);               /* takes the first */
const void *xch_queue_first(const xch_queue *q); /* or NULL */
void xch_queue_requeue(xch_queue *q); /* the one taken last, to the end */
void xch_queue_repeat(xch_queue *q);  /* the first, again at the end */
/* Executes r: every listed exchange that shares an actor and an issue
   with it is recalculated against it, in list order, and kept while
   valid; the invalid ones are dropped (all of them at the round's first
   execution). */
void xch_queue_execute(xch_queue *q, void *r);

#endif
