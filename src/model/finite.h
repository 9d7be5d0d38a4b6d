/*
 * finite.h -- results must be numbers (inside the library only).
 *
 * Extreme inputs (a capability of 1e308) can overflow an engine's sums;
 * the result is then infinite or NaN.  Such a result is a runtime error
 * with a message, never a silent null in JSON or "-" in a table.
 */
#ifndef ENT_MODEL_FINITE_H
#define ENT_MODEL_FINITE_H

#include "entente/model.h"

/* 0 if every position and outcome of the trace is finite; else -1 with a
   runtime error naming the model, the issue and the round. */
int ent_trace_check_finite(const ent_trace *t, const ent_problem *p,
                           ent_error *err);

/* 0 if out[k] is finite for every issue k some actor is present on; else
   -1 with a runtime error naming the model and the issue. */
int ent_outcome_check_finite(const char *model, const ent_problem *p,
                             const double *out, ent_error *err);

#endif
