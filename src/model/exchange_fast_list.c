/*
 * exchange_fast_list.c -- the working list of a round's exchanges in
 * doubles, and Decide's order of it: a stable sort by gain, descending,
 * before every pick (the rule of exchange_list.c), and the pass over the
 * list after an execution.
 *
 * Between two picks only the references whose exchange was recalculated
 * and the ones a tie appends leave gain order.  The pass after an
 * execution moves them aside (with their places in list order) and closes
 * the gaps; a sort sorts them stably and puts each, from the last, at the
 * place bisection finds among the others, an equal gain going to the one
 * earlier in the list, moving the run after it up in place: the order a
 * stable sort of the whole list gives.  Exchange objects live in one array
 * sized at the start of a round (its candidates are counted first).
 */
#include <stdlib.h>
#include <string.h>

#include "model/exchange_fast.h"

/* Places in list order of the references a tie appends, after every
   place of the list (places are renumbered by each pass). */
#define XF_PUSHED (1 << 30)

static void grow_refs(xf_list *l)
{
    size_t cap;

    if (l->n + l->n_side < l->cap)
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
    l->n_side = l->n_push = l->next_push = 0;
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
    r = &l->side[l->n_side++];
    r->e = e;
    r->gain = e->gain;
    r->pos = XF_PUSHED + l->next_push++;
    l->n_push++;
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

/* Sort of a[0, n) by gain, descending, then place (bottom-up merges). */
static void sort_refs(xf_ref *a, xf_ref *tmp, int n)
{
    for (int w = 1; w < n; w *= 2) {
        for (int lo = 0; lo < n - w; lo += 2 * w) {
            int mid = lo + w, hi = mid + w < n ? mid + w : n;
            int x = lo, y = mid, o = lo;

            while (x < mid && y < hi)
                tmp[o++] = first(&a[y], &a[x]) ? a[y++] : a[x++];
            while (x < mid)
                tmp[o++] = a[x++];
            while (y < hi)
                tmp[o++] = a[y++];
            memcpy(a + lo, tmp + lo, (size_t)(hi - lo) * sizeof *a);
        }
    }
}

/* The first place t in [lo, hi) where s goes before ref[t] (hi if none). */
static int insertion(const xf_list *l, const xf_ref *s, int lo, int hi)
{
    while (lo < hi) {
        int mid = lo + (hi - lo) / 2;

        if (first(s, &l->ref[mid]))
            hi = mid;
        else
            lo = mid + 1;
    }
    return lo;
}

/* Merges the sorted side into the list in place, from the back: the last
   of side goes after the list's references it does not go before, which
   move up by as many places as side references are still to place. */
void xf_list_sort(xf_list *l)
{
    int c = l->n; /* the list's references in place: ref[head, c) */

    for (int t = 0; t < l->n_side; t++)
        l->side[t].gain = l->side[t].e->gain;
    sort_refs(l->side, l->tmp, l->n_side);
    for (int s = l->n_side - 1; s >= 0; s--) {
        int stop = insertion(l, &l->side[s], l->head, c);

        memmove(l->ref + stop + s + 1, l->ref + stop,
                (size_t)(c - stop) * sizeof *l->ref);
        l->ref[stop + s] = l->side[s];
        c = stop;
    }
    l->n += l->n_side;
    l->n_side = l->n_push = 0;
}

static int shares_actor(const xf_exchange *x, const xf_exchange *r)
{
    return x->i.actor == r->i.actor || x->i.actor == r->j.actor ||
           x->j.actor == r->i.actor || x->j.actor == r->j.actor;
}

/* x after r's execution: recalculated if it has to be; 1 if it changed. */
static int visit(xf_model *m, xf_exchange *x, const xf_exchange *r)
{
    if (!x->valid || !shares_actor(x, r))
        return 0;
    xf_recalculate(m, x, r);
    return 1;
}

void xf_list_execute(xf_model *m, const xf_exchange *r)
{
    xf_list *l = &m->work;
    int w = l->head, ns = 0;

    for (int t = l->head; t < l->n; t++) {
        xf_ref ref = l->ref[t];
        int moved = visit(m, ref.e, r);

        ref.pos = t;
        if (!ref.e->valid)
            continue;
        if (moved)
            l->tmp[ns++] = ref;
        else
            l->ref[w++] = ref;
    }
    for (int p = 0; p < l->n_push; p++) { /* appended: after the list */
        xf_ref ref = l->side[p];

        visit(m, ref.e, r);
        ref.pos = l->n + p;
        if (ref.e->valid)
            l->tmp[ns++] = ref;
    }
    {
        xf_ref *t = l->side;

        l->side = l->tmp;
        l->tmp = t;
    }
    l->n = w;
    l->n_side = ns;
    l->n_push = l->next_push = 0;
}
