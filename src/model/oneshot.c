/*
 * oneshot.c -- state and interface functions shared by the one-shot
 * engines (mean, median).
 */
#include <stdlib.h>
#include <string.h>

#include "model/oneshot.h"

oneshot_state *oneshot_new(const ent_slice *s)
{
    oneshot_state *st = ent_xcalloc(1, sizeof *st);
    size_t cells = (size_t)s->n * (size_t)s->d;

    st->n = s->n;
    st->d = s->d;
    st->position = ent_xmalloc(cells * sizeof(double));
    memcpy(st->position, s->position, cells * sizeof(double));
    st->outcome = ent_xcalloc((size_t)s->d, sizeof(double));
    return st;
}

void oneshot_column(const ent_slice *s, int k, double *x, double *w)
{
    for (int i = 0; i < s->n; i++) {
        x[i] = s->position[i * s->d + k];
        w[i] = s->capability[i] * s->salience[i * s->d + k];
    }
}

int oneshot_step(void *state, ent_error *err)
{
    (void)state;
    (void)err;
    return 0;
}

const double *oneshot_positions(const void *state)
{
    return ((const oneshot_state *)state)->position;
}

void oneshot_outcome(const void *state, double *out)
{
    const oneshot_state *st = state;

    memcpy(out, st->outcome, (size_t)st->d * sizeof(double));
}

void oneshot_destroy(void *state)
{
    oneshot_state *st = state;

    if (!st)
        return;
    free(st->position);
    free(st->outcome);
    free(st);
}
