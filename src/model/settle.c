/*
 * settle.c -- the settle stop rule.
 *
 * A run has settled when its latest states form two identical copies of a
 * period of k rounds, every position within the tolerance of its
 * counterpart: k = 1 is a fixed point (the state repeats the one before
 * it), k > 1 a cycle.  Asking for a whole period to repeat, not only one
 * state, means a cycle is seen twice before it is believed.  Each state
 * also gets a fingerprint (the sum of its positions in tolerances) so
 * that most comparisons are rejected without reading the states.
 *
 * The forecast follows from how the run ended (docs/models.md): the
 * outcome of a fixed point, the mean of the outcomes over one period of a
 * cycle, the mean over the last ENT_SETTLE_WINDOW rounds of a run that
 * reached its limit unsettled; under the rounds rule, the last outcome.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "model/settle.h"

static const char *const rule_names[] = {"settle", "rounds", NULL};

const char *const *ent_stop_rule_names(void)
{
    return rule_names;
}

const char *ent_stop_reason_name(ent_stop_reason r)
{
    switch (r) {
    case ENT_STOPPED_CONVERGED: return "converged";
    case ENT_STOPPED_CYCLE: return "cycle";
    case ENT_STOPPED_LIMIT: return "limit";
    }
    return "limit";
}

void ent_settle_init(ent_settle *s, int n, int d, const double *smin,
                     const double *smax, double tol, int limit)
{
    memset(s, 0, sizeof *s);
    if (!(tol > 0))
        tol = ENT_SETTLE_TOLERANCE;
    s->cells = n * d;
    s->d = d;
    s->cap = limit + 1;
    s->tol = ent_xcalloc((size_t)d, sizeof(double));
    s->states = ent_xcalloc((size_t)s->cap * (size_t)s->cells, sizeof(double));
    s->outcomes = ent_xcalloc((size_t)s->cap * (size_t)d, sizeof(double));
    s->print = ent_xcalloc((size_t)s->cap, sizeof(double));
    for (int j = 0; j < d; j++) {
        double width = smax[j] - smin[j];

        s->tol[j] = tol * (width > 0 ? width : 1.0);
    }
}

void ent_settle_free(ent_settle *s)
{
    free(s->tol);
    free(s->states);
    free(s->outcomes);
    free(s->print);
    memset(s, 0, sizeof *s);
}

void ent_settle_reset(ent_settle *s)
{
    s->count = 0;
    s->settled = 0;
    memset(&s->found, 0, sizeof s->found);
}

static const double *state_at(const ent_settle *s, int r)
{
    return s->states + (size_t)r * (size_t)s->cells;
}

static int same_state(const ent_settle *s, int a, int b)
{
    const double *x = state_at(s, a), *y = state_at(s, b);

    /* every cell within its tolerance moves the print by at most 1; the
       second term is room for the rounding of the sums */
    double slack = s->cells + 1e-9 * fabs(s->print[a]);

    if (fabs(s->print[a] - s->print[b]) > slack)
        return 0;
    for (int c = 0; c < s->cells; c++)
        if (!(fabs(x[c] - y[c]) <= s->tol[c % s->d]))
            return 0;
    return 1;
}

/* Whether rounds r-k+1..r repeat rounds r-2k+1..r-k. */
static int repeats_with_period(const ent_settle *s, int r, int k)
{
    for (int j = 0; j < k; j++)
        if (!same_state(s, r - j, r - j - k))
            return 0;
    return 1;
}

static void detect(ent_settle *s, int r)
{
    for (int k = 1; 2 * k <= r + 1; k++)
        if (repeats_with_period(s, r, k)) {
            s->settled = 1;
            s->found.reason =
                k == 1 ? ENT_STOPPED_CONVERGED : ENT_STOPPED_CYCLE;
            s->found.round = r;
            s->found.period = k == 1 ? 0 : k;
            s->found.window = k;
            return;
        }
}

int ent_settle_push(ent_settle *s, const double *positions,
                    const double *outcome)
{
    int r = s->count;
    double *x;
    double print = 0;

    if (r == s->cap)
        return s->settled;
    x = s->states + (size_t)r * (size_t)s->cells;
    memcpy(x, positions, (size_t)s->cells * sizeof(double));
    memcpy(s->outcomes + (size_t)r * (size_t)s->d, outcome,
           (size_t)s->d * sizeof(double));
    for (int c = 0; c < s->cells; c++)
        print += x[c] / s->tol[c % s->d];
    s->print[r] = print;
    s->count = r + 1;
    if (!s->settled)
        detect(s, r);
    return s->settled;
}

/* Mean, minimum and maximum of issue j's outcome over rounds
   last-window+1 .. last. */
static void window_stats(const ent_settle *s, int j, int last, int window,
                         double *mean, double *lo, double *hi)
{
    double sum = 0;

    *lo = INFINITY;
    *hi = -INFINITY;
    for (int r = last - window + 1; r <= last; r++) {
        double v = s->outcomes[(size_t)r * (size_t)s->d + (size_t)j];

        sum += v;
        *lo = fmin(*lo, v);
        *hi = fmax(*hi, v);
    }
    *mean = sum / window;
}

void ent_settle_finish(const ent_settle *s, ent_stop_rule rule, int by_engine,
                       ent_stop *stop, double *forecast, double *lo, double *hi)
{
    int last = s->count - 1;

    memset(stop, 0, sizeof *stop);
    if (s->settled) {
        *stop = s->found;
    } else if (by_engine || last == 0) {
        stop->by_engine = by_engine;
        stop->reason = ENT_STOPPED_CONVERGED;
        stop->round = last;
        stop->window = 1;
    } else {
        stop->reason = ENT_STOPPED_LIMIT;
        stop->round = last;
        stop->window = last < ENT_SETTLE_WINDOW ? last : ENT_SETTLE_WINDOW;
    }
    stop->rule = rule;
    for (int j = 0; j < s->d; j++) {
        window_stats(s, j, last, stop->window, &forecast[j], &lo[j], &hi[j]);
        if (rule == ENT_STOP_ROUNDS || stop->window == 1)
            forecast[j] = s->outcomes[(size_t)last * (size_t)s->d + (size_t)j];
    }
}
