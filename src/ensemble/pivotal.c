/*
 * pivotal.c -- which actors the outcome hangs on.
 *
 * On the unperturbed problem, for every model: remove each actor (from
 * every issue) and rerun; move each actor's position on one issue by
 * +shift and -shift times the scale width (clamped) and rerun.  The deltas
 * from the baseline outcome rank the actors per issue.  Every task writes
 * its own slot, so the result does not depend on the thread count.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <omp.h>

#include "entente/ensemble.h"
#include "util/protect.h"

/* One rerun: actor a removed (dir 0) or shifted up (+1) / down (-1) on
   issue k. */
typedef struct task {
    int model, actor, issue, dir;
} task;

static task *make_tasks(const ent_problem *p, int n_models, long *n_tasks)
{
    long n = 0, cap = (long)n_models * p->n_actors * (1 + 2L * p->n_issues);
    task *t = ent_xcalloc((size_t)(cap > 0 ? cap : 1), sizeof *t);

    for (int m = 0; m < n_models; m++)
        for (int a = 0; a < p->n_actors; a++) {
            t[n++] = (task){m, a, -1, 0};
            for (int k = 0; k < p->n_issues; k++)
                if (p->present[ent_cell(p, a, k)]) {
                    t[n++] = (task){m, a, k, +1};
                    t[n++] = (task){m, a, k, -1};
                }
        }
    *n_tasks = n;
    return t;
}

/* Applies the task to `work` (a clone of p), runs, and undoes it. */
static int run_task(const ent_problem *p, ent_problem *work, const task *t,
                    const ent_ensemble_options *o, double shift, double *out,
                    ent_error *err)
{
    const ent_model_options *mo =
        o->model_opts ? &o->model_opts[t->model] : NULL;
    int rc;

    if (t->dir == 0) {
        for (int k = 0; k < p->n_issues; k++)
            work->present[ent_cell(p, t->actor, k)] = 0;
    } else {
        int c = ent_cell(p, t->actor, t->issue);
        double lo = p->scale_min[t->issue], hi = p->scale_max[t->issue];
        double v = p->position[c] + t->dir * shift * (hi - lo);

        work->position[c] = v < lo ? lo : v > hi ? hi : v;
    }
    rc = ent_model_outcome(o->engines[t->model], work, mo, out, err);
    memcpy(work->present, p->present,
           (size_t)p->n_actors * (size_t)p->n_issues);
    if (t->dir != 0) {
        int c = ent_cell(p, t->actor, t->issue);

        work->position[c] = p->position[c];
    }
    return rc;
}

/* Writes the task's deltas into r. */
static void store_task(ent_ensemble_result *r, const ent_problem *p,
                       const task *t, const double *out)
{
    int d = r->n_issues, n = r->n_actors;

    for (int k = 0; k < d; k++) {
        size_t slot = ((size_t)t->model * (size_t)d + (size_t)k) * (size_t)n +
                      (size_t)t->actor;
        double delta = out[k] - r->summary[t->model * d + k].baseline;

        if (!p->present[ent_cell(p, t->actor, k)])
            continue;
        if (!isfinite(delta))
            delta = NAN;
        if (t->dir == 0)
            r->pivot_remove[slot] = delta;
        else if (k == t->issue)
            (t->dir > 0 ? r->pivot_up : r->pivot_down)[slot] = delta;
    }
}

static double *nan_array(size_t n)
{
    double *v = ent_xmalloc((n ? n : 1) * sizeof(double));

    for (size_t i = 0; i < n; i++)
        v[i] = NAN;
    return v;
}

/* Threads for the run's parallel region: o->threads, or OpenMP's default.
   (Passed straight to num_threads: the static analyzer does not see reads in
   OpenMP clauses and took a local variable for a dead store.) */
static int team_size(const ent_ensemble_options *o)
{
    return o->threads > 0 ? o->threads : omp_get_max_threads();
}

/* One task's work on one thread, run under the thread's own protected call
   (ent_pcall): running out of memory fails the task and never unwinds
   across the parallel region. */
typedef struct pivot_job {
    const ent_problem *p;
    const ent_ensemble_options *o;
    double shift;
    ent_problem *work;
    const task *t;
    double *out;
} pivot_job;

static int pivot_clone(void *ctx, ent_error *err)
{
    pivot_job *j = ctx;

    (void)err;
    j->work = ent_problem_clone(j->p);
    return 0;
}

static int pivot_run(void *ctx, ent_error *err)
{
    const pivot_job *j = ctx;

    return run_task(j->p, j->work, j->t, j->o, j->shift, j->out, err);
}

static int ensemble_pivotal_body(const ent_problem *p,
                                 const ent_ensemble_options *o, double shift,
                                 ent_ensemble_result *r, ent_error *err)
{
    size_t cells =
        (size_t)r->n_models * (size_t)r->n_issues * (size_t)r->n_actors;
    size_t d = (size_t)p->n_issues;
    long n_tasks, fail = -1;
    task *tasks;
    double *outs;

    if (!(shift > 0) || shift > 1)
        return ent_fail(err, ENT_EXIT_INPUT,
                        "shift: expected a number in (0, 1], got %g", shift);
    tasks = make_tasks(p, o->n_engines, &n_tasks);
    outs = ent_xcalloc((size_t)n_tasks * d + 1, sizeof(double));
#pragma omp parallel num_threads(team_size(o))
    {
        pivot_job j = {p, o, shift, NULL, NULL, NULL};
        ent_error cerr = {0, ""};
        int ok = ent_pcall(pivot_clone, &j, &cerr) == 0;

        omp_set_num_threads(1); /* engines' own regions: this thread */
#pragma omp for schedule(dynamic, 1)
        for (long i = 0; i < n_tasks; i++) {
            ent_error e = cerr;

            j.t = &tasks[i];
            j.out = outs + (size_t)i * d;
            if (!ok || ent_pcall(pivot_run, &j, &e) != 0) {
/* unnamed: a named critical section is a symbol libentente.so would
   export */
#pragma omp critical
                if (fail < 0 || i < fail) {
                    fail = i;
                    if (err)
                        *err = e;
                }
            }
        }
        ent_problem_free(j.work);
    }
    if (fail < 0) {
        /* allocated before r changes: running out of memory leaves r whole */
        double *removed = nan_array(cells), *up = nan_array(cells),
               *down = nan_array(cells);

        free(r->pivot_remove);
        free(r->pivot_up);
        free(r->pivot_down);
        r->pivot_remove = removed;
        r->pivot_up = up;
        r->pivot_down = down;
        r->shift = shift;
        for (long i = 0; i < n_tasks; i++)
            store_task(r, p, &tasks[i], outs + (size_t)i * d);
    }
    free(tasks);
    free(outs);
    return fail < 0 ? 0 : -1;
}

int ent_ensemble_pivotal(const ent_problem *p, const ent_ensemble_options *o,
                         double shift, ent_ensemble_result *r, ent_error *err)
{
    ENT_PROTECTED(int, -1, err, ensemble_pivotal_body(p, o, shift, r, err));
}

double ent_pivot_largest(const ent_ensemble_result *r, int m, int k, int a,
                         char *which)
{
    size_t slot =
        ((size_t)m * (size_t)r->n_issues + (size_t)k) * (size_t)r->n_actors +
        (size_t)a;
    const double v[3] = {r->pivot_remove[slot], r->pivot_up[slot],
                         r->pivot_down[slot]};
    const char tag[3] = {'r', '+', '-'};
    double best = NAN;

    for (int i = 0; i < 3; i++)
        if (isfinite(v[i]) && !(fabs(v[i]) <= fabs(best))) {
            best = v[i];
            if (which)
                *which = tag[i];
        }
    return best;
}

int ent_pivot_rank(const ent_ensemble_result *r, int m, int k, int *actors,
                   int max)
{
    int count = 0;

    if (!r->pivot_remove)
        return 0;
    /* insertion sort by |largest| descending, stable in actor order */
    for (int a = 0; a < r->n_actors; a++) {
        double v = fabs(ent_pivot_largest(r, m, k, a, NULL));
        int at;

        if (!isfinite(v))
            continue;
        at = count < max ? count : max;
        while (at > 0 &&
               fabs(ent_pivot_largest(r, m, k, actors[at - 1], NULL)) < v)
            at--;
        if (at >= max)
            continue;
        if (count < max)
            count++;
        memmove(actors + at + 1, actors + at,
                (size_t)(count - 1 - at) * sizeof(int));
        actors[at] = a;
    }
    return count;
}
