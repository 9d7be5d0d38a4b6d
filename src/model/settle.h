/*
 * settle.h -- the settle stop rule (internal): watches the states of an
 * iterative run round by round, detects a fixed point or a cycle within a
 * tolerance, and defines the run's forecast from where it settled.
 */
#ifndef ENT_MODEL_SETTLE_H
#define ENT_MODEL_SETTLE_H

#include "entente/model.h"

typedef struct ent_settle {
    int cells, d, cap; /* doubles per state, issues, states storable */
    int count;         /* states pushed (round 0 .. count - 1) */
    double *tol;       /* [d] absolute tolerance per issue */
    double *states;    /* [cap * cells] */
    double *outcomes;  /* [cap * d] */
    double *print;     /* [cap] fingerprint: sum of positions / tolerance */
    ent_stop found;    /* what was detected, once `settled` */
    int settled;
} ent_settle;

/* Prepares a detector for n actors on d issues with scales [smin, smax],
   relative tolerance tol (0: ENT_SETTLE_TOLERANCE), for rounds 0..limit.
   Release with ent_settle_free. */
void ent_settle_init(ent_settle *s, int n, int d, const double *smin,
                     const double *smax, double tol, int limit);
void ent_settle_free(ent_settle *s);
/* Forgets every state pushed, for a new run of the same shape. */
void ent_settle_reset(ent_settle *s);

/* Records the state of the next round (positions [n * d], outcome [d]);
   returns 1 if the states have settled (now or earlier), else 0. */
int ent_settle_push(ent_settle *s, const double *positions,
                    const double *outcome);

/*
 * How the run ended, after its last round was pushed: `by_engine` says the
 * engine's own rule stopped it.  Writes the stop record and, per issue,
 * the forecast and its range (see ent_trace in entente/model.h).
 */
void ent_settle_finish(const ent_settle *s, ent_stop_rule rule, int by_engine,
                       ent_stop *stop, double *forecast, double *lo,
                       double *hi);

#endif
