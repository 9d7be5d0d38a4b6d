/*
 * exchange_fast_list.c -- the working list of a round's exchanges in
 * doubles, and Decide's order of it: a stable sort by gain, descending,
 * before every pick (the rule of exchange_list.c).
 *
 * Between two picks only the references whose exchange was recalculated
 * and the ones a tie appends leave gain order; they are marked moved.  A
 * sort takes them out, sorts them stably, and merges them with the
 * others (still in the order of the last sort), an equal gain going to
 * the one earlier in the list: the order a stable sort of the whole list
 * gives, in time linear in the list.  Exchange objects live in one array
 * sized at the start of a round (its candidates are counted first).
 */
#include <stdlib.h>
#include <string.h>

#include "model/exchange_fast.h"

static void grow_refs(xf_list *l)
{
    size_t cap;

    if (l->n < l->cap)
        return;
    l->cap = l->cap ? 2 * l->cap : 256;
    cap = (size_t)l->cap;
    l->ref = ent_xrealloc(l->ref, cap * sizeof *l->ref);
    l->tmp = ent_xrealloc(l->tmp, cap * sizeof *l->tmp);
    l->side = ent_xrealloc(l->side, cap * sizeof *l->side);
}

void xf_list_reset(xf_list *l, int count)
{
    if (count > l->cap_obj) {
        l->obj = ent_xrealloc(l->obj, (size_t)count * sizeof *l->obj);
        memset(l->obj + l->cap_obj, 0,
               (size_t)(count - l->cap_obj) * sizeof *l->obj);
        l->cap_obj = count;
    }
    l->n_obj = l->head = l->n = l->n_real = 0;
}

/* The next object of the round (xf_list_reset reserved them all). */
xf_exchange *xf_list_new(xf_list *l)
{
    return &l->obj[l->n_obj++];
}

void xf_list_free(xf_list *l)
{
    for (int i = 0; i < l->cap_obj; i++)
        xf_exchange_free(&l->obj[i]);
    free(l->obj);
    free(l->ref);
    free(l->tmp);
    free(l->side);
    free(l->realised);
    free(l->group);
    memset(l, 0, sizeof *l);
}

void xf_list_push(xf_list *l, xf_exchange *e)
{
    xf_ref *r;

    grow_refs(l);
    r = &l->ref[l->n++];
    r->e = e;
    r->gain = e->gain;
    r->moved = 1;
}

xf_exchange *xf_list_pop(xf_list *l)
{
    return l->ref[l->head++].e;
}

/* 1 if s goes before c: a higher gain, or an equal one earlier. */
static int first(const xf_ref *s, const xf_ref *c)
{
    return s->gain > c->gain || (!(c->gain > s->gain) && s->pos < c->pos);
}

/* Stable sort of a[0, n) by gain, descending (bottom-up merge sort). */
static void sort_refs(xf_ref *a, xf_ref *tmp, int n)
{
    for (int w = 1; w < n; w *= 2) {
        for (int lo = 0; lo < n - w; lo += 2 * w) {
            int mid = lo + w, hi = mid + w < n ? mid + w : n;
            int x = lo, y = mid, o = lo;

            while (x < mid && y < hi)
                tmp[o++] = a[y].gain > a[x].gain ? a[y++] : a[x++];
            while (x < mid)
                tmp[o++] = a[x++];
            while (y < hi)
                tmp[o++] = a[y++];
            memcpy(a + lo, tmp + lo, (size_t)(hi - lo) * sizeof *a);
        }
    }
}

void xf_list_sort(xf_list *l)
{
    int nc = 0, ns = 0, x = 0, y = 0, o = 0;

    for (int t = l->head; t < l->n; t++) {
        xf_ref r = l->ref[t];

        if (!r.e)
            continue;
        r.pos = t;
        if (r.moved) {
            r.gain = r.e->gain;
            r.moved = 0;
            l->side[ns++] = r;
        } else {
            l->tmp[nc++] = r;
        }
    }
    sort_refs(l->side, l->ref, ns);
    while (x < nc && y < ns)
        l->ref[o++] =
            first(&l->side[y], &l->tmp[x]) ? l->side[y++] : l->tmp[x++];
    while (x < nc)
        l->ref[o++] = l->tmp[x++];
    while (y < ns)
        l->ref[o++] = l->side[y++];
    l->head = 0;
    l->n = o;
}
