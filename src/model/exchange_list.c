/*
 * exchange_list.c -- the working list of a round's exchanges: storage for
 * the exchange objects (kept from round to round, with their buffers),
 * and the list itself.  By default the list is the queue of
 * exchange_queue.c, which keeps Decide's order with work in proportion to
 * what changes; with exchange.quick=off it is kept the way Decide keeps
 * it, an array of references sorted stably by decimal gain, descending,
 * before every pick, and passed over whole after every execution (the
 * tests compare the two bit for bit).
 *
 * A round reserves its exchange objects at once, with room for a few
 * moves of each side beside them, in memory whose pages are all mapped by
 * one request (where the system has one): a round of 40 actors needs
 * about 3,000 objects, and touching each fresh page alone costs more than
 * computing on it.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "model/exchange.h"

enum {
    XCH_BLOCK = 256, /* objects added when a round did not reserve them */
    XCH_SLOTS = 4    /* move slots of each side beside its object */
};

/* Zeroed memory for a block of size bytes, its pages mapped at once
   where the system can (*mapped: 1 if it is such a mapping). */
static void *block_alloc(size_t size, int *mapped)
{
#ifdef MAP_POPULATE
    void *p = mmap(NULL, size, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);

    if (p != MAP_FAILED) {
        *mapped = 1;
        return p;
    }
#endif
    *mapped = 0;
    return ent_xcalloc(1, size);
}

static void block_free(void *p, size_t size, int mapped)
{
    if (mapped)
        munmap(p, size);
    else
        free(p);
}

static void grow_refs(xch_list *l)
{
    if (l->n < l->cap)
        return;
    l->cap = l->cap ? 2 * l->cap : 256;
    l->ref = ent_xrealloc(l->ref, (size_t)l->cap * sizeof(xch_exchange *));
    l->tmp = ent_xrealloc(l->tmp, (size_t)l->cap * sizeof(xch_exchange *));
}

static __int128 gain_key(const void *e)
{
    return xdec_key(((const xch_exchange *)e)->gain);
}

static int is_valid(const void *e)
{
    return ((const xch_exchange *)e)->valid;
}

static void sides_of(const void *e, xch_sides *s)
{
    const xch_exchange *x = e;

    xch_sides_set(s, x->i.actor, x->i.supply, x->i.demand, x->j.actor,
                  x->j.supply, x->j.demand);
}

static void recalculate(void *model, void *x, void *r)
{
    xch_recalculate(model, x, r);
}

/* The queue's callbacks for the decimal exchanges. */
static const xch_queue_ops decimal_ops = {gain_key, is_valid, sides_of,
                                          recalculate};

void xch_list_reset(xch_list *l, xch_model *m, int plain)
{
    l->n_obj = l->cur_block = l->cur_obj = 0;
    l->head = l->n = 0;
    l->plain = plain;
    xch_queue_reset(&l->queue, &decimal_ops, m, m->n, m->d);
}

void xch_list_reserve(xch_list *l, int count)
{
    int b = l->n_block, need = count - l->cap_obj;
    xch_exchange *obj;
    char *slots;
    size_t bytes;
    int mapped;

    if (need <= 0)
        return;
    bytes = (size_t)need * (sizeof *obj + 2 * xch_moves_bytes(XCH_SLOTS));
    obj = block_alloc(bytes, &mapped);
    slots = (char *)(void *)(obj + need);
    for (int t = 0; t < need; t++) {
        char *at = slots + (size_t)t * 2 * xch_moves_bytes(XCH_SLOTS);

        xch_side_buffer(&obj[t].i, at, XCH_SLOTS);
        xch_side_buffer(&obj[t].j, at + xch_moves_bytes(XCH_SLOTS), XCH_SLOTS);
    }
    l->block = ent_xrealloc(l->block, (size_t)(b + 1) * sizeof(xch_exchange *));
    l->block_size =
        ent_xrealloc(l->block_size, (size_t)(b + 1) * sizeof *l->block_size);
    l->block_bytes =
        ent_xrealloc(l->block_bytes, (size_t)(b + 1) * sizeof *l->block_bytes);
    l->block_mapped = ent_xrealloc(l->block_mapped,
                                   (size_t)(b + 1) * sizeof *l->block_mapped);
    l->block[b] = obj;
    l->block_size[b] = need;
    l->block_bytes[b] = bytes;
    l->block_mapped[b] = mapped;
    l->n_block++;
    l->cap_obj += need;
}

xch_exchange *xch_list_new(xch_list *l)
{
    if (l->n_obj == l->cap_obj)
        xch_list_reserve(l, l->n_obj + XCH_BLOCK);
    if (l->cur_obj == l->block_size[l->cur_block]) {
        l->cur_block++;
        l->cur_obj = 0;
    }
    l->n_obj++;
    return &l->block[l->cur_block][l->cur_obj++];
}

void xch_list_free(xch_list *l)
{
    for (int b = 0; b < l->n_block; b++) {
        for (int i = 0; i < l->block_size[b]; i++)
            xch_exchange_free(&l->block[b][i]);
        block_free(l->block[b], l->block_bytes[b], l->block_mapped[b]);
    }
    free(l->block);
    free(l->block_size);
    free(l->block_bytes);
    free(l->block_mapped);
    free(l->ref);
    free(l->tmp);
    xch_queue_free(&l->queue);
    free(l->realised);
    free(l->group);
    memset(l, 0, sizeof *l);
}

void xch_list_add(xch_list *l, xch_exchange *e)
{
    if (!l->plain) {
        xch_queue_add(&l->queue, e);
        return;
    }
    grow_refs(l);
    l->ref[l->n++] = e;
}

void xch_list_start(xch_list *l)
{
    if (!l->plain)
        xch_queue_start(&l->queue);
}

int xch_list_empty(const xch_list *l)
{
    return l->plain ? l->head == l->n : xch_queue_empty(&l->queue);
}

/* 1 if b goes before a: a higher gain. */
static int before(const xch_exchange *a, const xch_exchange *b)
{
    return xdec_cmp(b->gain, a->gain) > 0;
}

/* Merges the sorted runs a[lo, mid) and a[mid, hi) through tmp, stably. */
static void merge(xch_exchange **a, xch_exchange **tmp, int lo, int mid, int hi)
{
    int x = lo, y = mid, o = lo;

    while (x < mid && y < hi)
        tmp[o++] = before(a[x], a[y]) ? a[y++] : a[x++];
    while (x < mid)
        tmp[o++] = a[x++];
    while (y < hi)
        tmp[o++] = a[y++];
    memcpy(a + lo, tmp + lo, (size_t)(hi - lo) * sizeof(xch_exchange *));
}

/* End of the run of non-increasing gains that starts at lo. */
static int run_end(xch_exchange *const *a, int lo, int n)
{
    int i = lo + 1;

    while (i < n && !before(a[i - 1], a[i]))
        i++;
    return i;
}

/* Stable sort of a[0, n) by gain, descending: a natural merge sort. */
static void sort_refs(xch_exchange **a, xch_exchange **tmp, int n)
{
    for (;;) {
        int lo = 0, runs = 0;

        while (lo < n) {
            int mid = run_end(a, lo, n);
            int hi = mid < n ? run_end(a, mid, n) : n;

            if (mid < n)
                merge(a, tmp, lo, mid, hi);
            runs++;
            lo = hi;
        }
        if (runs <= 1)
            return;
    }
}

void xch_list_order(xch_list *l)
{
    if (!l->plain)
        xch_queue_order(&l->queue);
    else
        sort_refs(l->ref + l->head, l->tmp + l->head, l->n - l->head);
}

xch_exchange *xch_list_pop(xch_list *l)
{
    return l->plain ? l->ref[l->head++] : xch_queue_pop(&l->queue);
}

const xch_exchange *xch_list_first(const xch_list *l)
{
    if (!l->plain)
        return xch_queue_first(&l->queue);
    return l->head < l->n ? l->ref[l->head] : NULL;
}

void xch_list_requeue(xch_list *l)
{
    if (!l->plain) {
        xch_queue_requeue(&l->queue);
        return;
    }
    grow_refs(l);
    l->ref[l->n++] = l->ref[l->head - 1];
}

void xch_list_repeat(xch_list *l)
{
    if (!l->plain) {
        xch_queue_repeat(&l->queue);
        return;
    }
    grow_refs(l);
    l->ref[l->n] = l->ref[l->head];
    l->n++;
}

void xch_list_execute(xch_model *m, xch_list *l, xch_exchange *r)
{
    int o = l->head;

    if (!l->plain) {
        xch_queue_execute(&l->queue, r);
        return;
    }
    for (int t = l->head; t < l->n; t++) {
        xch_exchange *x = l->ref[t];

        if (x->valid)
            xch_recalculate(m, x, r);
        if (x->valid)
            l->ref[o++] = x;
    }
    l->n = o;
}
