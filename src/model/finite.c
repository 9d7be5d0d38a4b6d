/*
 * finite.c -- refuse results that are not numbers (finite.h).
 */
#include <math.h>

#include "model/finite.h"

#define OVERFLOW_HINT                                                          \
    "the inputs overflow double precision (look for extreme capabilities, "    \
    "saliences or positions)"

static const char *issue_id(const ent_problem *p, int k)
{
    return p->issue_ids && p->issue_ids[k] ? p->issue_ids[k] : "?";
}

int ent_trace_check_finite(const ent_trace *t, const ent_problem *p,
                           ent_error *err)
{
    size_t nd = (size_t)t->n * (size_t)t->d;

    for (int r = 0; r < t->n_rounds; r++)
        for (int j = 0; j < t->d; j++) {
            int bad = !isfinite(t->outcome[(size_t)r * (size_t)t->d + j]);

            for (int i = 0; i < t->n && !bad; i++)
                bad = !isfinite(t->positions[(size_t)r * nd +
                                             (size_t)i * (size_t)t->d + j]);
            if (bad)
                return ent_fail(err, ENT_EXIT_RUNTIME,
                                "%s: issue %s, round %d: a result is not a "
                                "finite number; " OVERFLOW_HINT,
                                t->model, issue_id(p, t->issues[j]), r);
        }
    return 0;
}

int ent_outcome_check_finite(const char *model, const ent_problem *p,
                             const double *out, ent_error *err)
{
    for (int k = 0; k < p->n_issues; k++) {
        int present = 0;

        for (int a = 0; a < p->n_actors && !present; a++)
            present = p->present[ent_cell(p, a, k)];
        if (present && !isfinite(out[k]))
            return ent_fail(err, ENT_EXIT_RUNTIME,
                            "%s: issue %s: the outcome is not a finite "
                            "number; " OVERFLOW_HINT,
                            model, issue_id(p, k));
    }
    return 0;
}
