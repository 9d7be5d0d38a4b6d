/*
 * exchange_queue.c -- a round's working list kept in Decide's order with
 * work in proportion to what changes.
 *
 * Decide sorts the whole list by gain, stably, before every pick, and
 * after every execution passes over the whole list.  Between two picks
 * only the exchanges that share an actor and an issue with the executed
 * one change, a few dozen of thousands.  Here the list is a heap ordered
 * by (gain, label), and an execution finds the exchanges it touches
 * through an index of where each actor supplies and demands.
 *
 * The order is exactly Decide's.  A stable sort orders equal gains by
 * their places in the list before it, which was itself sorted: so a
 * reference whose gain changed to g goes before the others of gain g if
 * its old gain was higher, after them if lower (or if it was appended at
 * the end of the list), and keeps its place among them if it was equal.
 * Labels only order references of equal gain: each reference that moves
 * gets a label below (lo) or above (hi) every label issued so far, those
 * of one gain in the order of their old places.  Gains are compared
 * through integer keys (xdec_key) that order as the decimals do.
 *
 * An execution recalculates, in list order (which matters: the
 * randomized step draws, an exchange listed twice may be the executed
 * one, and the first failure of the equal-gain check is the one
 * reported), the listed exchanges with a side of the same actor and the
 * same supply or demand issue as a side of the executed one: exactly
 * those whose recalculation changes anything (xch_recalculate).  The
 * invalid exchanges, which Decide drops at its first pass, are dropped
 * at the first execution of the round.
 *
 * Both arithmetics use it (exchange_queue.h): the decimal engine keys
 * the gains with xdec_key, the double engine with a double's bits; the
 * engine's callbacks compute and recalculate.
 */
#include <stdlib.h>
#include <string.h>

#include "model/exchange_queue.h"
#include "entente/common.h"

/* A reference an execution touches, with its place in the list, and
   whether it stays listed (kept) with which new key. */
typedef struct xch_held {
    __int128 key, now;
    long long label;
    int pushed, id, kept;
} xch_held;

static void grow(xch_queue *q)
{
    size_t cap;

    if (q->n_ref < q->cap)
        return;
    q->cap = q->cap ? 2 * q->cap : 256;
    cap = (size_t)q->cap;
    q->ref = ent_xrealloc(q->ref, cap * sizeof *q->ref);
    q->heap = ent_xrealloc(q->heap, cap * sizeof *q->heap);
    q->held = ent_xrealloc(q->held, cap * sizeof *q->held);
    q->scratch = ent_xrealloc(q->scratch, cap * sizeof(xch_held));
    q->order = ent_xrealloc(q->order, cap * sizeof *q->order);
    q->stale = ent_xrealloc(q->stale, cap * sizeof *q->stale);
}

void xch_queue_reset(xch_queue *q, const xch_queue_ops *ops, void *model, int n,
                     int d)
{
    q->ops = ops;
    q->model = model;
    q->n = n;
    q->d = d;
    q->n_obj = q->n_ref = q->n_heap = q->n_held = q->pushes = 0;
    q->n_stale = 0;
    q->taken = -1;
    q->clean = 0;
}

void xch_queue_free(xch_queue *q)
{
    free(q->obj);
    free(q->ref);
    free(q->heap);
    free(q->held);
    free(q->scratch);
    free(q->order);
    free(q->stale);
    free(q->ix_start);
    free(q->ix);
    memset(q, 0, sizeof *q);
}

/* 1 if a goes before b: a higher gain, or an equal one with a lower
   label. */
static int before(const xch_qref *a, const xch_qref *b)
{
    return a->key > b->key || (a->key == b->key && a->label < b->label);
}

static void heap_set(xch_queue *q, int at, int id)
{
    q->heap[at] = id;
    q->ref[id].at = at;
}

static void sift_up(xch_queue *q, int at)
{
    int id = q->heap[at];

    while (at > 0) {
        int up = (at - 1) / 2;

        if (!before(&q->ref[id], &q->ref[q->heap[up]]))
            break;
        heap_set(q, at, q->heap[up]);
        at = up;
    }
    heap_set(q, at, id);
}

static void sift_down(xch_queue *q, int at)
{
    int id = q->heap[at];

    for (;;) {
        int c = 2 * at + 1;

        if (c >= q->n_heap)
            break;
        if (c + 1 < q->n_heap &&
            before(&q->ref[q->heap[c + 1]], &q->ref[q->heap[c]]))
            c++;
        if (!before(&q->ref[q->heap[c]], &q->ref[id]))
            break;
        heap_set(q, at, q->heap[c]);
        at = c;
    }
    heap_set(q, at, id);
}

/* Takes reference id out of the heap. */
static void heap_remove(xch_queue *q, int id)
{
    int at = q->ref[id].at, last = q->heap[--q->n_heap];

    q->ref[id].at = XCH_OUT;
    if (last == id)
        return;
    heap_set(q, at, last);
    sift_down(q, at);
    if (q->heap[at] == last)
        sift_up(q, at);
}

static void heap_insert(xch_queue *q, int id)
{
    heap_set(q, q->n_heap++, id);
    sift_up(q, q->n_heap - 1);
}

static void *exchange_of(const xch_queue *q, int id)
{
    return q->obj[q->ref[id].obj].e;
}

/* A new reference to exchange obj, in none of the heap and held. */
static int new_ref(xch_queue *q, int obj)
{
    xch_qref *r;

    grow(q);
    r = &q->ref[q->n_ref];
    r->key = q->ops->key(q->obj[obj].e);
    r->label = q->n_ref;
    r->obj = obj;
    r->at = XCH_OUT;
    r->next = -1;
    r->pushed = 0;
    return q->n_ref++;
}

/* Where each actor supplies and demands: slot of (actor, issue, role). */
static int slot(const xch_queue *q, int a, int k, int demand)
{
    return (a * q->d + k) * 2 + demand;
}

/* The 4 slots of exchange e: its sides' supplies, then their demands. */
static void slots_of(const xch_queue *q, const void *e, int s[4])
{
    xch_sides sd;

    q->ops->sides(e, &sd);
    for (int h = 0; h < 2; h++) {
        s[h] = slot(q, sd.actor[h], sd.supply[h], 0);
        s[2 + h] = slot(q, sd.actor[h], sd.demand[h], 1);
    }
}

void xch_queue_add(xch_queue *q, void *e)
{
    xch_qobj *o;

    if (q->n_obj == q->cap_obj) {
        q->cap_obj = q->cap_obj ? 2 * q->cap_obj : 256;
        q->obj = ent_xrealloc(q->obj, (size_t)q->cap_obj * sizeof *q->obj);
    }
    o = &q->obj[q->n_obj];
    o->e = e;
    o->stamp = 0;
    slots_of(q, e, o->slot);
    o->ref = new_ref(q, q->n_obj++);
}

static void index_build(xch_queue *q)
{
    size_t slots = (size_t)q->n * (size_t)q->d * 2;
    size_t cap = (size_t)q->n_obj * 4;
    int *start;

    if (2 * slots + 1 > q->cap_ix_start) {
        q->cap_ix_start = 2 * slots + 1;
        free(q->ix_start);
        q->ix_start = ent_xmalloc(q->cap_ix_start * sizeof *q->ix_start);
    }
    q->ix_end = q->ix_start + slots + 1;
    if (cap > q->cap_ix) {
        q->cap_ix = cap;
        free(q->ix);
        q->ix = ent_xmalloc(q->cap_ix * sizeof *q->ix);
    }
    start = q->ix_start;
    memset(start, 0, (slots + 1) * sizeof *start);
    for (int t = 0; t < q->n_obj; t++)
        for (int h = 0; h < 4; h++)
            start[q->obj[t].slot[h] + 1]++;
    for (size_t s = 0; s < slots; s++)
        start[s + 1] += start[s];
    for (int t = 0; t < q->n_obj; t++)
        for (int h = 0; h < 4; h++)
            q->ix[start[q->obj[t].slot[h]]++] = t;
    /* start[s] is now the end of slot s: shift back */
    memcpy(q->ix_end, start, slots * sizeof *start);
    memmove(start + 1, start, slots * sizeof *start);
    start[0] = 0;
}

void xch_queue_start(xch_queue *q)
{
    q->n_heap = q->n_ref;
    for (int t = 0; t < q->n_ref; t++)
        heap_set(q, t, t);
    for (int t = q->n_heap / 2 - 1; t >= 0; t--)
        sift_down(q, t);
    q->lo = -1;
    q->hi = q->n_ref;
    q->stamp = 0;
    index_build(q);
}

/* 1 if a stood before b in the list: by gain and label, the pushed ones
   last in order of pushing. */
static int old_before(const xch_held *a, const xch_held *b)
{
    if (a->pushed || b->pushed)
        return b->pushed && (!a->pushed || a->pushed < b->pushed);
    return a->key > b->key || (a->key == b->key && a->label < b->label);
}

/* Sorts h[0, n) into the list's order (places are distinct): a binary
   insertion sort of the indices into order[0, n) (n is a few dozen). */
static void sort_places(const xch_held *h, int *order, int n)
{
    for (int t = 0; t < n; t++) {
        int lo = 0, hi = t;

        while (lo < hi) {
            int mid = lo + (hi - lo) / 2;

            if (old_before(&h[t], &h[order[mid]]))
                hi = mid;
            else
                lo = mid + 1;
        }
        memmove(order + lo + 1, order + lo, (size_t)(t - lo) * sizeof *order);
        order[lo] = t;
    }
}

static void held_of(const xch_queue *q, int id, xch_held *h)
{
    const xch_qref *r = &q->ref[id];

    h->key = r->key;
    h->label = r->label;
    h->pushed = r->pushed;
    h->id = id;
}

/* The references pushed since the last pick, placed in order of pushing
   after every other of their gain (a stable sort keeps them after the
   list they were appended to). */
void xch_queue_order(xch_queue *q)
{
    for (int t = 0; t < q->n_held; t++) {
        xch_qref *r = &q->ref[q->held[t]];

        if (r->at != XCH_HELD)
            continue;
        r->key = q->ops->key(q->obj[r->obj].e);
        r->label = q->hi++;
        r->pushed = 0;
        heap_insert(q, q->held[t]);
    }
    q->n_held = 0;
}

int xch_queue_empty(const xch_queue *q)
{
    if (q->n_heap > 0)
        return 0;
    for (int t = 0; t < q->n_held; t++)
        if (q->ref[q->held[t]].at == XCH_HELD)
            return 0;
    return 1;
}

void *xch_queue_pop(xch_queue *q)
{
    int id = q->heap[0];

    heap_remove(q, id);
    q->taken = id;
    return exchange_of(q, id);
}

const void *xch_queue_first(const xch_queue *q)
{
    return q->n_heap > 0 ? exchange_of(q, q->heap[0]) : NULL;
}

static void hold_pushed(xch_queue *q, int id)
{
    q->ref[id].at = XCH_HELD;
    q->ref[id].pushed = ++q->pushes;
    q->held[q->n_held++] = id;
}

void xch_queue_requeue(xch_queue *q)
{
    hold_pushed(q, q->taken);
}

void xch_queue_repeat(xch_queue *q)
{
    int obj = q->ref[q->heap[0]].obj, id = new_ref(q, obj);

    q->ref[id].next = q->obj[obj].ref;
    q->obj[obj].ref = id;
    hold_pushed(q, id);
}

/* Drops every reference to an invalid exchange (Decide's first pass). */
static void drop_invalid(xch_queue *q)
{
    int n = 0;

    for (int t = 0; t < q->n_heap; t++) {
        int id = q->heap[t];

        if (q->ops->valid(exchange_of(q, id)))
            q->heap[n++] = id;
        else
            q->ref[id].at = XCH_OUT;
    }
    q->n_heap = n;
    for (int t = 0; t < n; t++)
        q->ref[q->heap[t]].at = t;
    for (int t = n / 2 - 1; t >= 0; t--)
        sift_down(q, t);
    for (int t = 0; t < q->n_held; t++) {
        xch_qref *r = &q->ref[q->held[t]];

        if (r->at == XCH_HELD && !q->ops->valid(q->obj[r->obj].e))
            r->at = XCH_OUT;
    }
    q->clean = 1;
}

/* Appends to h the listed references to the exchanges of slot s not
   collected yet in this execution; returns the new count.  An exchange
   with no reference left listed (executed or dropped: it cannot come
   back) leaves the slot, the last entry taking its place. */
static int collect(xch_queue *q, int s, xch_held *h, int n)
{
    int t = q->ix_start[s];

    while (t < q->ix_end[s]) {
        xch_qobj *o = &q->obj[q->ix[t]];
        int listed = 0;

        if (o->stamp == q->stamp) {
            t++;
            continue;
        }
        o->stamp = q->stamp;
        for (int id = o->ref; id >= 0; id = q->ref[id].next)
            if (q->ref[id].at != XCH_OUT) {
                held_of(q, id, &h[n++]);
                listed = 1;
            }
        if (listed)
            t++;
        else
            q->ix[t] = q->ix[--q->ix_end[s]];
    }
    return n;
}

/* Moves the listed reference id to its place for its new key and label
   (one sift, up or down). */
static void heap_update(xch_queue *q, int id, __int128 key, long long label)
{
    int at = q->ref[id].at;

    q->ref[id].key = key;
    q->ref[id].label = label;
    sift_up(q, at);
    if (q->heap[at] == id)
        sift_down(q, at);
}

/*
 * The references an execution kept and recalculated, h[order[0, n)) in
 * list order, placed as a stable sort by gain places them: before the
 * others of their new gain if their gain fell to it, after them if it
 * rose to it, among them by label if it stayed.  Labels are assigned in
 * list order: those below every label issued count up from a block
 * reserved below lo.  The references pushed since the last pick wait
 * for xch_queue_order (after these).
 */
static void replace(xch_queue *q, xch_held *h, int n)
{
    long long below;
    int fell = 0;

    for (int t = 0; t < n; t++) {
        xch_held *x = &h[q->order[t]];

        if (!x->kept || x->pushed)
            continue;
        x->now = q->ops->key(q->obj[q->ref[x->id].obj].e);
        fell += x->key > x->now;
    }
    below = q->lo - fell + 1;
    q->lo -= fell;
    for (int t = 0; t < n; t++) {
        const xch_held *x = &h[q->order[t]];
        long long label = x->label;

        if (!x->kept || x->pushed)
            continue;
        if (x->key > x->now)
            label = below++;
        else if (x->key < x->now)
            label = q->hi++;
        heap_update(q, x->id, x->now, label);
    }
}

/* Drops every listed reference to the exchanges the last execution left
   invalid while a reference to them stayed listed (Decide's pass drops
   them). */
static void drop_stale(xch_queue *q)
{
    for (int t = 0; t < q->n_stale; t++)
        for (int id = q->obj[q->stale[t]].ref; id >= 0; id = q->ref[id].next) {
            if (q->ref[id].at >= 0)
                heap_remove(q, id);
            q->ref[id].at = XCH_OUT;
        }
    q->n_stale = 0;
}

void xch_queue_execute(xch_queue *q, void *r)
{
    xch_held *h = q->scratch;
    int s[4], n = 0;

    if (!q->clean)
        drop_invalid(q);
    drop_stale(q);
    q->stamp++;
    slots_of(q, r, s);
    for (int t = 0; t < 4; t++)
        n = collect(q, s[t], h, n);
    sort_places(h, q->order, n);
    for (int t = 0; t < n; t++) {
        xch_held *x = &h[q->order[t]];
        xch_qref *ref = &q->ref[x->id];
        void *e = q->obj[ref->obj].e;

        x->kept = q->ops->valid(e);
        if (x->kept) {
            q->ops->recalculate(q->model, e, r);
            x->kept = q->ops->valid(e);
        }
        if (x->kept)
            continue;
        if (ref->at >= 0)
            heap_remove(q, x->id);
        ref->at = XCH_OUT;
    }
    for (int t = 0; t < n; t++) { /* an exchange listed twice: the later */
        const xch_held *x = &h[q->order[t]]; /* recalculation may have */
        int obj = q->ref[x->id].obj;         /* made it invalid */

        if (x->kept && !q->ops->valid(q->obj[obj].e) &&
            (q->n_stale == 0 || q->stale[q->n_stale - 1] != obj))
            q->stale[q->n_stale++] = obj;
    }
    replace(q, h, n);
}
