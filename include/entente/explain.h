/*
 * entente/explain.h -- why a forecast lands where it does, in plain
 * sentences: the forecast, the pivotal actors (the weighted median voter
 * of the inputs and, from an ensemble's pivotal analysis, the actors whose
 * removal or shift moves the forecast most), who gave way to whom during
 * the bargaining, how the run settled, and the sourced rows that carry the
 * most weight.  `entente explain` prints it; the HTML report can show it.
 */
#ifndef ENTENTE_EXPLAIN_H
#define ENTENTE_EXPLAIN_H

#include <stdio.h>

#include "ensemble.h"
#include "forecast.h"

#ifdef __cplusplus
extern "C" {
#endif

/* One point of an explanation. */
typedef struct ent_explain_item {
    const char *topic;   /* "forecast", "median", "pivotal", "bargaining",
                            "settled", "evidence" (static) */
    char *text;          /* one or more plain sentences, owned */
    ent_strlist sources; /* the source ids the point rests on */
} ent_explain_item;

typedef struct ent_explanation {
    int issue;         /* scenario issue index */
    const char *model; /* engine explained (static) */
    ent_explain_item *items;
    int count;
} ent_explanation;

typedef struct ent_explain_options {
    int model; /* index of the model in the forecast to explain */
    /* An ensemble of the same problem with ent_ensemble_pivotal done, or
       NULL; its model `ensemble_model` is the one explained. */
    const ent_ensemble_result *ensemble;
    int ensemble_model;
    int top; /* actors and evidence rows named per point (0: 3) */
} ent_explain_options;

/*
 * Explains the forecast of scenario issue `issue` in period `period`: f
 * was run on p, a problem of that period (after any what-ifs).  *out is
 * owned by the caller (ent_explanation_free).  Returns 0, or -1 with an
 * input error when the model did not run on the issue.
 */
ENT_API int ent_explain(const ent_scenario *sc, int period,
                        const ent_problem *p, const ent_forecast *f, int issue,
                        const ent_explain_options *o, ent_explanation **out,
                        ent_error *err);
ENT_API void ent_explanation_free(ent_explanation *e);

/* The explanation as text: one paragraph per point, wrapped at `width`
   columns (0: no wrapping), source quotes after the evidence.  Owned. */
ENT_API char *ent_explanation_text(const ent_explanation *e,
                                   const ent_scenario *sc, int width);

/* The explanation as an HTML block (<section class="explain">), source
   ids linking to "#src-ID" anchors, for a page to place. */
ENT_API void ent_explanation_html(FILE *out, const ent_explanation *e,
                                  const ent_scenario *sc);

#ifdef __cplusplus
}
#endif

#endif
