/*
 * oneshot.h -- the shared state of one-shot engines (mean, median): the
 * inputs, which never move, and one outcome per issue computed at
 * creation.  Engines in this family fill `outcome` in their create() and
 * use the functions below for the rest of the ent_engine interface.
 */
#ifndef ENT_MODEL_ONESHOT_H
#define ENT_MODEL_ONESHOT_H

#include "entente/model.h"

typedef struct oneshot_state {
    int n, d;
    double *position; /* [n * d], a copy of the inputs */
    double *outcome;  /* [d], filled by the engine */
} oneshot_state;

/* Copies the slice's positions; outcome zeroed.  Caller frees with
   oneshot_destroy. */
oneshot_state *oneshot_new(const ent_slice *s);

/* Column k of the slice: positions x[i] and weights w[i] = c_i s_ik. */
void oneshot_column(const ent_slice *s, int k, double *x, double *w);

int oneshot_step(void *state, ent_error *err); /* no rounds: 0 */
const double *oneshot_positions(const void *state);
void oneshot_outcome(const void *state, double *out);
void oneshot_destroy(void *state);

#endif
