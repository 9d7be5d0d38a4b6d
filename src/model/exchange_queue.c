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
 */
#include <stdlib.h>
#include <string.h>

#include "model/exchange.h"

/* A reference an execution touches, with its place in the list. */
typedef struct xch_held {
    __int128 key;
    long long label;
    int pushed, id;
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
}

void xch_queue_reset(xch_queue *q)
{
    q->n_ref = q->n_heap = q->n_held = q->pushes = 0;
    q->taken = -1;
    q->clean = 0;
}

void xch_queue_free(xch_queue *q)
{
    free(q->ref);
    free(q->heap);
    free(q->held);
    free(q->scratch);
    free(q->order);
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

/* A new reference to e, in none of the heap and held. */
static int new_ref(xch_queue *q, xch_exchange *e)
{
    xch_qref *r;

    grow(q);
    r = &q->ref[q->n_ref];
    r->key = xdec_key(e->gain);
    r->label = q->n_ref;
    r->e = e;
    r->at = XCH_OUT;
    r->next = -1;
    r->pushed = 0;
    return q->n_ref++;
}

void xch_queue_add(xch_queue *q, xch_exchange *e)
{
    e->ref = new_ref(q, e);
    e->stamp = 0;
}

/* Where each actor supplies and demands: slot of (actor, issue, role). */
static size_t slot(const xch_model *m, int a, int k, int demand)
{
    return (size_t)xch_cell(m, a, k) * 2 + (size_t)demand;
}

static void index_build(xch_queue *q, const xch_model *m)
{
    size_t slots = (size_t)m->n * (size_t)m->d * 2, n = (size_t)q->n_ref * 4;
    int *start;

    if (slots + 1 > q->cap_ix_start) {
        q->cap_ix_start = slots + 1;
        free(q->ix_start);
        q->ix_start = ent_xmalloc(q->cap_ix_start * sizeof *q->ix_start);
    }
    if (n > q->cap_ix) {
        q->cap_ix = n;
        free(q->ix);
        q->ix = ent_xmalloc(q->cap_ix * sizeof(xch_exchange *));
    }
    start = q->ix_start;
    memset(start, 0, (slots + 1) * sizeof *start);
    for (int t = 0; t < q->n_ref; t++) {
        const xch_exchange *e = q->ref[t].e;

        start[slot(m, e->i.actor, e->i.supply, 0) + 1]++;
        start[slot(m, e->j.actor, e->j.supply, 0) + 1]++;
        start[slot(m, e->i.actor, e->i.demand, 1) + 1]++;
        start[slot(m, e->j.actor, e->j.demand, 1) + 1]++;
    }
    for (size_t s = 0; s < slots; s++)
        start[s + 1] += start[s];
    for (int t = 0; t < q->n_ref; t++) {
        xch_exchange *e = q->ref[t].e;

        q->ix[start[slot(m, e->i.actor, e->i.supply, 0)]++] = e;
        q->ix[start[slot(m, e->j.actor, e->j.supply, 0)]++] = e;
        q->ix[start[slot(m, e->i.actor, e->i.demand, 1)]++] = e;
        q->ix[start[slot(m, e->j.actor, e->j.demand, 1)]++] = e;
    }
    /* start[s] is now the end of slot s: shift back */
    memmove(start + 1, start, slots * sizeof *start);
    start[0] = 0;
}

void xch_queue_start(xch_queue *q, const xch_model *m)
{
    q->n_heap = q->n_ref;
    for (int t = 0; t < q->n_ref; t++)
        heap_set(q, t, t);
    for (int t = q->n_heap / 2 - 1; t >= 0; t--)
        sift_down(q, t);
    q->lo = -1;
    q->hi = q->n_ref;
    q->stamp = 0;
    index_build(q, m);
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

/* Places reference id, held, in the heap under key, its exchange's gain
   now; *below counts up the labels reserved below every other. */
static void place(xch_queue *q, int id, __int128 key, long long *below)
{
    xch_qref *r = &q->ref[id];

    if (!r->pushed && r->key > key)
        r->label = (*below)++;
    else if (r->pushed || r->key < key)
        r->label = q->hi++;
    r->key = key;
    r->pushed = 0;
    heap_insert(q, id);
}

/* The held references (recalculated in list order, then those pushed, in
   order of pushing), placed as a stable sort by gain places them: before
   the others of their new gain if their gain fell to it, after them if
   it rose to it or they were pushed, among them by label if it stayed.
   Labels are assigned in list order: those below every label issued
   count up from a block reserved below lo. */
void xch_queue_order(xch_queue *q)
{
    xch_held *h = q->scratch; /* h[t].key: the new key of held[t] */
    long long below;
    int fell = 0;

    for (int t = 0; t < q->n_held; t++) {
        const xch_qref *r = &q->ref[q->held[t]];

        if (r->at != XCH_HELD)
            continue;
        h[t].key = xdec_key(r->e->gain);
        fell += !r->pushed && r->key > h[t].key;
    }
    below = q->lo - fell + 1;
    q->lo -= fell;
    for (int pushed = 0; pushed < 2; pushed++)
        for (int t = 0; t < q->n_held; t++) {
            int id = q->held[t];

            if (q->ref[id].at == XCH_HELD && (q->ref[id].pushed > 0) == pushed)
                place(q, id, h[t].key, &below);
        }
    q->n_held = 0;
}

xch_exchange *xch_queue_pop(xch_queue *q)
{
    int id = q->heap[0];

    heap_remove(q, id);
    q->taken = id;
    return q->ref[id].e;
}

const xch_exchange *xch_queue_first(const xch_queue *q)
{
    return q->n_heap > 0 ? q->ref[q->heap[0]].e : NULL;
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
    xch_exchange *e = q->ref[q->heap[0]].e;
    int id = new_ref(q, e);

    q->ref[id].next = e->ref;
    e->ref = id;
    hold_pushed(q, id);
}

/* Drops every reference to an invalid exchange (Decide's first pass). */
static void drop_invalid(xch_queue *q)
{
    int n = 0;

    for (int t = 0; t < q->n_heap; t++) {
        int id = q->heap[t];

        if (q->ref[id].e->valid)
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

        if (r->at == XCH_HELD && !r->e->valid)
            r->at = XCH_OUT;
    }
    q->clean = 1;
}

/* Appends to h the listed references to the exchanges of slot s not
   collected yet in this execution; returns the new count. */
static int collect(xch_queue *q, size_t s, xch_held *h, int n)
{
    for (int t = q->ix_start[s]; t < q->ix_start[s + 1]; t++) {
        xch_exchange *e = q->ix[t];

        if (e->stamp == q->stamp)
            continue;
        e->stamp = q->stamp;
        for (int id = e->ref; id >= 0; id = q->ref[id].next)
            if (q->ref[id].at != XCH_OUT)
                held_of(q, id, &h[n++]);
    }
    return n;
}

void xch_queue_execute(xch_model *m, xch_queue *q, xch_exchange *r)
{
    xch_held *h = q->scratch;
    const xch_side *sd[2] = {&r->i, &r->j};
    int n = 0;

    if (!q->clean)
        drop_invalid(q);
    q->stamp++;
    for (int s = 0; s < 2; s++) {
        n = collect(q, slot(m, sd[s]->actor, sd[s]->supply, 0), h, n);
        n = collect(q, slot(m, sd[s]->actor, sd[s]->demand, 1), h, n);
    }
    sort_places(h, q->order, n);
    for (int t = 0; t < n; t++) {
        int id = h[q->order[t]].id;
        xch_qref *ref = &q->ref[id];
        xch_exchange *x = ref->e;

        if (x->valid)
            xch_recalculate(m, x, r);
        if (ref->at >= 0)
            heap_remove(q, id);
        if (x->valid) {
            if (ref->at != XCH_HELD)
                q->held[q->n_held++] = id;
            ref->at = XCH_HELD;
        } else {
            ref->at = XCH_OUT;
        }
    }
}
