/*
 * exchange_fast_list.c -- the exchanges of a round in doubles and their
 * working list: the objects in one array sized at the start of a round
 * (its candidates are counted first), and the list as the decimal
 * engine's queue (exchange_queue.c), keyed on the double gains.
 *
 * A non-negative double's bits, read as an integer, order as the double
 * does, so the queue keeps the order a stable sort by gain gives before
 * every pick (Decide's), with the same ties; an execution recalculates,
 * in list order, only the exchanges that share an actor and an issue
 * with the executed one (those xf_recalculate changes).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "model/exchange_fast.h"

/* The gain's bits as an integer that orders as the gains do (gains are
   absolute values: a negative one, which does not occur, would order
   below zero all the same; a NaN, that only an invalid exchange can
   have, orders above every number). */
static __int128 gain_key(const void *e)
{
    double g = ((const xf_exchange *)e)->gain;
    uint64_t bits;

    memcpy(&bits, &g, sizeof bits);
    if (bits >> 63)
        return -(__int128)(bits & ~(UINT64_C(1) << 63));
    return (__int128)bits;
}

static int is_valid(const void *e)
{
    return ((const xf_exchange *)e)->valid;
}

static void sides_of(const void *e, xch_sides *s)
{
    const xf_exchange *x = e;

    xch_sides_set(s, x->i.actor, x->i.supply, x->i.demand, x->j.actor,
                  x->j.supply, x->j.demand);
}

static void recalculate(void *model, void *x, void *r)
{
    xf_recalculate(model, x, r);
}

/* The queue's callbacks for the exchanges in doubles. */
static const xch_queue_ops double_ops = {gain_key, is_valid, sides_of,
                                         recalculate};

void xf_list_reset(xf_list *l, xf_model *m, int count)
{
    if (count > l->cap_obj) {
        l->obj = ent_xrealloc(l->obj, (size_t)count * sizeof *l->obj);
        memset(l->obj + l->cap_obj, 0,
               (size_t)(count - l->cap_obj) * sizeof *l->obj);
        l->cap_obj = count;
    }
    l->n_obj = l->n_real = 0;
    xch_queue_reset(&l->queue, &double_ops, m, m->n, m->d);
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
    xch_queue_free(&l->queue);
    free(l->realised);
    free(l->group);
    memset(l, 0, sizeof *l);
}
