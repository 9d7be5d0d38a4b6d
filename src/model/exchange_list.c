/*
 * exchange_list.c -- the working list of a round's exchanges: storage for
 * the exchange objects (kept from round to round, with their buffers),
 * the list of references to them, and its stable sort by gain,
 * descending, which is how Decide picks the next exchange.
 *
 * The list is sorted at every pick, but between two picks only a few
 * references change place: those whose exchange was recalculated after
 * an execution, and the one a tie appends.  They are marked out of order
 * ("dirty"); a sort then sorts only them, stably, and merges them into
 * the others, breaking equal gains by list position.  That is the order
 * a stable sort of the whole list gives, because the other references
 * are still in the order of the last sort.  The references dropped after
 * an execution are only marked then; the merge finds each out-of-order
 * reference's place by bisection (the places of the others still hold
 * the keys they were sorted by) and copies the runs in between whole,
 * leaving the dropped ones out.  Gains are compared through integer keys
 * (xdec_key) that order as the decimals do.  With
 * exchange.quick=off every reference counts as out of order and the
 * gains are compared as decimals: a plain stable sort of the whole list.
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
    size_t cap;

    if (l->n < l->cap)
        return;
    l->cap = l->cap ? 2 * l->cap : 256;
    cap = (size_t)l->cap;
    l->ref = ent_xrealloc(l->ref, cap * sizeof *l->ref);
    l->tmp = ent_xrealloc(l->tmp, cap * sizeof *l->tmp);
    l->side = ent_xrealloc(l->side, cap * sizeof *l->side);
    l->dirty = ent_xrealloc(l->dirty, cap * sizeof *l->dirty);
    l->marks = ent_xrealloc(l->marks, cap * sizeof *l->marks);
    l->gone = ent_xrealloc(l->gone, cap * sizeof *l->gone);
}

void xch_list_reset(xch_list *l)
{
    l->n_obj = l->cur_block = l->cur_obj = 0;
    l->head = l->n = l->n_dirty = l->n_gone = l->sorted = 0;
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
    free(l->side);
    free(l->dirty);
    free(l->marks);
    free(l->gone);
    free(l->realised);
    free(l->group);
    memset(l, 0, sizeof *l);
}

void xch_ref_set(xch_ref *r, xch_exchange *e)
{
    r->key = xdec_key(e->gain);
    r->e = e;
    r->actor_i = e->i.actor;
    r->actor_j = e->j.actor;
    r->valid = e->valid;
}

void xch_list_push(xch_list *l, xch_exchange *e)
{
    grow_refs(l);
    l->dirty[l->n_dirty++] = l->n;
    xch_ref_set(&l->ref[l->n++], e);
}

xch_exchange *xch_list_pop(xch_list *l)
{
    return l->ref[l->head++].e;
}

/* 1 if b goes before a: a higher gain (by key, or as a decimal). */
static int before_key(const xch_ref *a, const xch_ref *b)
{
    return b->key > a->key;
}

static int before_dec(const xch_ref *a, const xch_ref *b)
{
    return xdec_cmp(b->e->gain, a->e->gain) > 0;
}

typedef int (*xch_before)(const xch_ref *, const xch_ref *);

/* Merges the sorted runs a[lo, mid) and a[mid, hi) into tmp, stably. */
static void merge(xch_ref *a, xch_ref *tmp, int lo, int mid, int hi,
                  xch_before before)
{
    int x = lo, y = mid, o = lo;

    while (x < mid && y < hi)
        tmp[o++] = before(&a[x], &a[y]) ? a[y++] : a[x++];
    while (x < mid)
        tmp[o++] = a[x++];
    while (y < hi)
        tmp[o++] = a[y++];
    memcpy(a + lo, tmp + lo, (size_t)(hi - lo) * sizeof *a);
}

/* End of the run of non-increasing gains that starts at lo. */
static int run_end(const xch_ref *a, int lo, int n, xch_before before)
{
    int i = lo + 1;

    while (i < n && !before(&a[i - 1], &a[i]))
        i++;
    return i;
}

/* Stable sort of a[0, n) by gain, descending: a natural merge sort. */
static void sort_refs(xch_ref *a, xch_ref *tmp, int n, xch_before before)
{
    for (;;) {
        int lo = 0, runs = 0;

        while (lo < n) {
            int mid = run_end(a, lo, n, before);
            int hi = mid < n ? run_end(a, mid, n, before) : n;

            if (mid < n)
                merge(a, tmp, lo, mid, hi, before);
            runs++;
            lo = hi;
        }
        if (runs <= 1)
            return;
    }
}

/* 1 if the out-of-order reference s goes before the in-order one at
   position c: a higher gain, or an equal one earlier in the list. */
static int side_first(const xch_ref *s, const xch_ref *c, int pos_c,
                      xch_before before)
{
    return before(c, s) || (!before(s, c) && s->pos < pos_c);
}

/* The first place t in [c, sorted) where s goes before ref[t] (sorted,
   if c is past it).  The places of references dropped or out of order
   still hold their keys of the last sort, so the test is monotone. */
static int insertion(const xch_list *l, const xch_ref *s, int c)
{
    int lo = c, hi = l->sorted;

    while (lo < hi) {
        int mid = lo + (hi - lo) / 2;

        if (side_first(s, &l->ref[mid], mid, before_key))
            hi = mid;
        else
            lo = mid + 1;
    }
    return lo < c ? c : lo;
}

/* Copies the references in order of ref[from, to) (those neither out of
   order nor dropped: the places *d on of dirty and *g on of gone are
   skipped) to tmp[o...]; returns the next o. */
static int copy_in_order(xch_list *l, int from, int to, int o, int *d, int *g)
{
    while (from < to) {
        int hole = to;

        if (*d < l->n_dirty && l->dirty[*d] < hole)
            hole = l->dirty[*d];
        if (*g < l->n_gone && l->gone[*g] < hole)
            hole = l->gone[*g];
        if (hole > from) {
            memcpy(l->tmp + o, l->ref + from,
                   (size_t)(hole - from) * sizeof *l->tmp);
            o += hole - from;
            from = hole;
        }
        if (from == to)
            break;
        if (*d < l->n_dirty && l->dirty[*d] == from)
            ++*d;
        else
            ++*g;
        from++;
    }
    return o;
}

void xch_list_sort(xch_list *l, int plain)
{
    xch_before before = plain ? before_dec : before_key;
    int nd, c = l->head, d = 0, g = 0, o = l->head;

    if (plain) { /* every reference out of order */
        l->n_dirty = 0;
        for (int t = l->head; t < l->n; t++)
            if (l->ref[t].e)
                l->dirty[l->n_dirty++] = t;
    }
    nd = l->n_dirty;
    for (int t = 0; t < nd; t++) {
        xch_ref_set(&l->side[t], l->ref[l->dirty[t]].e);
        l->side[t].pos = l->dirty[t];
    }
    sort_refs(l->side, l->tmp, nd, before);
    for (int s = 0; s < nd; s++) {
        int stop = plain ? c : insertion(l, &l->side[s], c);

        o = copy_in_order(l, c, stop, o, &d, &g);
        c = stop;
        l->tmp[o++] = l->side[s];
    }
    o = copy_in_order(l, c, l->n, o, &d, &g);
    {
        xch_ref *t = l->ref;

        l->ref = l->tmp;
        l->tmp = t;
    }
    l->n = l->sorted = o;
    l->n_dirty = l->n_gone = 0;
}
