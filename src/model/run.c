/*
 * run.c -- drive an engine over a problem and record its trace.
 *
 * The driver cuts the problem into the slices an engine expects (one issue
 * at a time with the actors present on it, or every issue at once), runs
 * the engine's rounds up to the round limit or its own stopping rule, and
 * records positions and outcomes after every round.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "entente/model.h"

/* Owned storage behind an ent_slice. */
typedef struct slice_buf {
    ent_slice s;
    int *actors, *issues;
    double *capability, *position, *salience, *smin, *smax;
} slice_buf;

static void slice_buf_free(slice_buf *b)
{
    free(b->actors);
    free(b->issues);
    free(b->capability);
    free(b->position);
    free(b->salience);
    free(b->smin);
    free(b->smax);
    memset(b, 0, sizeof *b);
}

static void slice_alloc(slice_buf *b, int n, int d)
{
    b->actors = ent_xcalloc((size_t)n, sizeof(int));
    b->issues = ent_xcalloc((size_t)d, sizeof(int));
    b->capability = ent_xcalloc((size_t)n, sizeof(double));
    b->position = ent_xcalloc((size_t)n * (size_t)d, sizeof(double));
    b->salience = ent_xcalloc((size_t)n * (size_t)d, sizeof(double));
    b->smin = ent_xcalloc((size_t)d, sizeof(double));
    b->smax = ent_xcalloc((size_t)d, sizeof(double));
    b->s.n = n;
    b->s.d = d;
    b->s.capability = b->capability;
    b->s.position = b->position;
    b->s.salience = b->salience;
    b->s.scale_min = b->smin;
    b->s.scale_max = b->smax;
}

/* One issue, the actors present on it.  Returns 0 if nobody is present. */
static int slice_one_issue(const ent_problem *p, int issue, slice_buf *b)
{
    int n = 0;

    for (int a = 0; a < p->n_actors; a++)
        n += p->present[ent_cell(p, a, issue)];
    if (n == 0)
        return 0;
    slice_alloc(b, n, 1);
    b->issues[0] = issue;
    b->smin[0] = p->scale_min[issue];
    b->smax[0] = p->scale_max[issue];
    n = 0;
    for (int a = 0; a < p->n_actors; a++) {
        int c = ent_cell(p, a, issue);

        if (!p->present[c])
            continue;
        b->actors[n] = a;
        b->capability[n] = p->capability[c];
        b->position[n] = p->position[c];
        b->salience[n] = p->salience[c];
        n++;
    }
    return 1;
}

/* Capability x salience weighted mean of the present positions on an issue
   (the plain mean if every weight is zero). */
static double issue_filler(const ent_problem *p, int issue)
{
    double num = 0, den = 0, plain = 0;
    int count = 0;

    for (int a = 0; a < p->n_actors; a++) {
        int c = ent_cell(p, a, issue);

        if (!p->present[c])
            continue;
        num += p->capability[c] * p->salience[c] * p->position[c];
        den += p->capability[c] * p->salience[c];
        plain += p->position[c];
        count++;
    }
    return den > 0 ? num / den : plain / count;
}

/*
 * Every issue with at least one actor, every actor present on at least one
 * of them.  An actor's capability is its mean capability over the issues it
 * is present on; where it is absent its salience is 0 and its position the
 * issue's weighted mean (docs/models.md).  Returns 0 if nothing is present.
 */
static int slice_all_issues(const ent_problem *p, slice_buf *b)
{
    int n = 0, d = 0;
    int *issue_used = ent_xcalloc((size_t)p->n_issues, sizeof(int));
    int *actor_used = ent_xcalloc((size_t)p->n_actors, sizeof(int));

    for (int a = 0; a < p->n_actors; a++)
        for (int k = 0; k < p->n_issues; k++)
            if (p->present[ent_cell(p, a, k)])
                issue_used[k] = actor_used[a] = 1;
    for (int a = 0; a < p->n_actors; a++)
        n += actor_used[a];
    for (int k = 0; k < p->n_issues; k++)
        d += issue_used[k];
    if (n > 0 && d > 0) {
        int i = 0, j = 0;

        slice_alloc(b, n, d);
        for (int k = 0; k < p->n_issues; k++)
            if (issue_used[k]) {
                b->issues[j] = k;
                b->smin[j] = p->scale_min[k];
                b->smax[j] = p->scale_max[k];
                j++;
            }
        for (int a = 0; a < p->n_actors; a++) {
            double cap = 0;
            int present = 0;

            if (!actor_used[a])
                continue;
            b->actors[i] = a;
            for (j = 0; j < d; j++) {
                int k = b->issues[j], c = ent_cell(p, a, k);

                if (p->present[c]) {
                    b->position[i * d + j] = p->position[c];
                    b->salience[i * d + j] = p->salience[c];
                    cap += p->capability[c];
                    present++;
                } else {
                    b->position[i * d + j] = issue_filler(p, k);
                    b->salience[i * d + j] = 0;
                }
            }
            b->capability[i] = cap / present;
            i++;
        }
    }
    free(issue_used);
    free(actor_used);
    return n > 0 && d > 0;
}

static int round_limit(const ent_engine *e, const ent_model_options *o)
{
    if (e->default_rounds == 0)
        return 0;
    return o && o->rounds > 0 ? o->rounds : e->default_rounds;
}

static void trace_store(const ent_engine *e, const void *st, ent_trace *t,
                        int round)
{
    size_t nd = (size_t)t->n * (size_t)t->d;

    memcpy(t->positions + (size_t)round * nd, e->positions(st),
           nd * sizeof(double));
    e->outcome(st, t->outcome + (size_t)round * (size_t)t->d);
    if (e->record)
        e->record(st, round, t);
    t->n_rounds = round + 1;
}

/* Steps the engine until its round limit or its stopping rule, storing
   every round in t unless t is NULL. */
static int step_rounds(const ent_engine *e, void *st, int limit, ent_trace *t,
                       ent_error *err)
{
    for (int r = 1; r <= limit; r++) {
        int rc = e->step(st, err);

        if (rc < 0)
            return -1;
        if (t)
            trace_store(e, st, t, r);
        if (rc == 0)
            break;
    }
    return 0;
}

static int run_slice(const ent_engine *e, const slice_buf *b,
                     const ent_model_options *o, ent_trace *t, ent_error *err)
{
    int limit = round_limit(e, o);
    size_t cap = (size_t)limit + 1;
    void *st = e->create(&b->s, o, err);

    if (!st)
        return -1;
    memset(t, 0, sizeof *t);
    t->model = e->name;
    t->n = b->s.n;
    t->d = b->s.d;
    t->actors = ent_xmalloc((size_t)t->n * sizeof(int));
    memcpy(t->actors, b->actors, (size_t)t->n * sizeof(int));
    t->issues = ent_xmalloc((size_t)t->d * sizeof(int));
    memcpy(t->issues, b->issues, (size_t)t->d * sizeof(int));
    t->positions =
        ent_xcalloc(cap * (size_t)t->n * (size_t)t->d, sizeof(double));
    t->outcome = ent_xcalloc(cap * (size_t)t->d, sizeof(double));
    if (e->record) {
        t->effective_power = ent_xcalloc(cap * (size_t)t->n, sizeof(double));
        t->stop_ratio = ent_xcalloc(cap, sizeof(double));
    }
    trace_store(e, st, t, 0);
    if (step_rounds(e, st, limit, t, err) != 0) {
        e->destroy(st);
        ent_trace_free(t);
        return -1;
    }
    e->destroy(st);
    return 0;
}

int ent_model_run(const ent_engine *engine, const ent_problem *p,
                  const ent_model_options *o, ent_trace **traces, int *n_traces,
                  ent_error *err)
{
    ent_trace *out = ent_xcalloc((size_t)p->n_issues, sizeof *out);
    int count = 0;

    *traces = NULL;
    *n_traces = 0;
    for (int k = 0; k < (engine->multidimensional ? 1 : p->n_issues); k++) {
        slice_buf b = {0};
        int have = engine->multidimensional ? slice_all_issues(p, &b)
                                            : slice_one_issue(p, k, &b);
        int rc;

        if (!have)
            continue;
        rc = run_slice(engine, &b, o, &out[count], err);
        slice_buf_free(&b);
        if (rc < 0) {
            for (int i = 0; i < count; i++)
                ent_trace_free(&out[i]);
            free(out);
            return -1;
        }
        count++;
    }
    *traces = out;
    *n_traces = count;
    return 0;
}

static int outcome_slice(const ent_engine *e, const slice_buf *b,
                         const ent_model_options *o, double *out,
                         ent_error *err)
{
    int limit = round_limit(e, o);
    double *tmp = ent_xcalloc((size_t)b->s.d, sizeof(double));
    void *st = e->create(&b->s, o, err);

    if (!st) {
        free(tmp);
        return -1;
    }
    if (step_rounds(e, st, limit, NULL, err) != 0) {
        e->destroy(st);
        free(tmp);
        return -1;
    }
    e->outcome(st, tmp);
    for (int j = 0; j < b->s.d; j++)
        out[b->issues[j]] = tmp[j];
    e->destroy(st);
    free(tmp);
    return 0;
}

int ent_model_outcome(const ent_engine *engine, const ent_problem *p,
                      const ent_model_options *o, double *out, ent_error *err)
{
    for (int k = 0; k < p->n_issues; k++)
        out[k] = NAN;
    for (int k = 0; k < (engine->multidimensional ? 1 : p->n_issues); k++) {
        slice_buf b = {0};
        int have = engine->multidimensional ? slice_all_issues(p, &b)
                                            : slice_one_issue(p, k, &b);
        int rc;

        if (!have)
            continue;
        rc = outcome_slice(engine, &b, o, out, err);
        slice_buf_free(&b);
        if (rc < 0)
            return -1;
    }
    return 0;
}

void ent_trace_free(ent_trace *t)
{
    if (!t)
        return;
    free(t->actors);
    free(t->issues);
    free(t->positions);
    free(t->outcome);
    free(t->effective_power);
    free(t->stop_ratio);
    for (int i = 0; i < t->n_bargains; i++) {
        free(t->bargains[i].initiator_pos);
        free(t->bargains[i].receiver_pos);
    }
    free(t->bargains);
    memset(t, 0, sizeof *t);
}
