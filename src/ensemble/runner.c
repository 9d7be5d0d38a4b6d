/*
 * runner.c -- the ensemble: N perturbed runs of every engine, in parallel.
 *
 * OpenMP threads share the runs (any schedule); each thread perturbs its
 * own clone of the problem and keeps one workspace per engine (slices,
 * engine states and settle detectors reused from run to run, so a run
 * allocates nothing), and run i writes only row i of the outcome
 * array, with random numbers from stream i of the seed (the perturbation's,
 * and the engines' own through ent_model_ws_set_run).  Summaries are
 * computed afterwards from the complete array in run order, so every
 * number is the same for any thread count and any MPI process count.
 */
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <omp.h>

#include "ensemble/mpi.h"
#include "model/finite.h"
#include "util/protect.h"

static const ent_model_options *opts_of(const ent_ensemble_options *o, int m)
{
    return o->model_opts ? &o->model_opts[m] : NULL;
}

/* Run `run`: perturb into `work`, then every engine on it (engine m in
   workspace ws[m]); `how` is n_issues stop records of scratch, and stops
   (may be NULL) gets each outcome's stop reason. */
static int run_one(const ent_problem *base, ent_problem *work,
                   ent_model_ws *const *ws, const ent_ensemble_options *o,
                   long run, double *out, double *stops, ent_stop *how,
                   ent_error *err)
{
    size_t n = (size_t)base->n_issues;
    ent_rng rng;

    ent_rng_init(&rng, o->seed, (uint64_t)run);
    ent_perturb(base, o->noise, &rng, work);
    for (int m = 0; m < o->n_engines; m++) {
        double *row = out + (size_t)m * n;

        ent_model_ws_set_run(ws[m], o->seed, (uint64_t)run);
        if (ent_model_ws_settle(ws[m], work, row, how, err) != 0)
            return -1;
        for (size_t k = 0; stops && k < n; k++)
            stops[(size_t)m * n + k] =
                isnan(row[k]) ? NAN : (double)how[k].reason;
    }
    return 0;
}

/* Shared state of one parallel compute. */
typedef struct compute_state {
    long done;     /* runs finished (atomic) */
    long fail_run; /* lowest failing run, LONG_MAX if none */
    ent_error fail_err;
} compute_state;

static void report_progress(const ent_ensemble_options *o, compute_state *cs,
                            long total)
{
    long done;

#pragma omp atomic read
    done = cs->done;
    o->progress(o->progress_ctx, done, total);
}

/* Threads for the run's parallel region: o->threads, or OpenMP's default.
   (Passed straight to num_threads: the static analyzer does not see reads in
   OpenMP clauses and took a local variable for a dead store.) */
static int team_size(const ent_ensemble_options *o)
{
    return o->threads > 0 ? o->threads : omp_get_max_threads();
}

/* One thread's share of a compute: its clone of the problem, stop records
   and engine workspaces, and the run it is doing.  Set up and run under a
   protected call of the thread's own (ent_pcall), so that running out of
   memory never unwinds across the parallel region: it fails the run, and
   the thread (whose workspaces it may have left half-changed) runs no
   more. */
typedef struct worker {
    const ent_problem *p;
    const ent_ensemble_options *o;
    ent_problem *work;
    ent_stop *how;
    ent_model_ws **ws;
    int ready;  /* set up completely (else what is set is whole) */
    int broken; /* an allocation failed: runs no more */
    long run;
    double *out, *stops;
    int finished; /* the run returned (did not unwind) */
} worker;

static int worker_setup(void *ctx, ent_error *err)
{
    worker *w = ctx;

    (void)err;
    w->work = ent_problem_clone(w->p);
    w->how = ent_xcalloc((size_t)w->p->n_issues + 1, sizeof *w->how);
    w->ws = ent_xcalloc((size_t)w->o->n_engines, sizeof(ent_model_ws *));
    for (int m = 0; m < w->o->n_engines; m++)
        w->ws[m] = ent_model_ws_new(w->o->engines[m], opts_of(w->o, m));
    w->ready = 1;
    return 0;
}

static int worker_run(void *ctx, ent_error *err)
{
    worker *w = ctx;
    int rc = run_one(w->p, w->work, w->ws, w->o, w->run, w->out, w->stops,
                     w->how, err);

    w->finished = 1;
    return rc;
}

/* Run w->run on this thread: 0, or -1 with err set. */
static int worker_do(worker *w, ent_error *err)
{
    int rc;

    if (w->broken)
        return ent_oom_error(err);
    w->finished = 0;
    rc = ent_pcall(worker_run, w, err);
    if (rc != 0 && !w->finished)
        w->broken = 1;
    return rc;
}

static void worker_free(worker *w)
{
    if (w->ready && w->broken) /* a run may have left them half-changed */
        return;                /* so they leak */
    for (int m = 0; w->ws && m < w->o->n_engines; m++)
        ent_model_ws_free(w->ws[m]);
    free(w->ws);
    ent_problem_free(w->work);
    free(w->how);
}

static int ensemble_compute_body(const ent_problem *p,
                                 const ent_ensemble_options *o, long first,
                                 long count, double *out, double *stops,
                                 ent_error *err)
{
    size_t stride = (size_t)o->n_engines * (size_t)p->n_issues;
    compute_state cs = {0, LONG_MAX, {0, ""}};

    /* drawn once before any run, so that even an ensemble faster than the
       first report shows its progress */
    if (o->progress)
        o->progress(o->progress_ctx, 0, count);
#pragma omp parallel num_threads(team_size(o))
    {
        worker w = {p, o, NULL, NULL, NULL, 0, 0, 0, NULL, NULL, 0};
        ent_error terr = {0, ""};
        long my_fail = LONG_MAX;
        int main_thread = omp_get_thread_num() == 0;

        /* Parallelism is over runs: engines that open parallel regions of
           their own (smp) run them on this thread alone. */
        omp_set_num_threads(1);
        if (ent_pcall(worker_setup, &w, NULL) != 0)
            w.broken = 1;

            /* No early exit on failure: the error reported is that of the
               lowest failing run, whatever the schedule. */
#pragma omp for schedule(dynamic, 4)
        for (long i = 0; i < count; i++) {
            ent_error e = {0, ""};

            w.run = first + i;
            w.out = out + (size_t)i * stride;
            w.stops = stops ? stops + (size_t)i * stride : NULL;
            if (worker_do(&w, &e) != 0 && first + i < my_fail) {
                my_fail = first + i;
                terr = e;
            }
#pragma omp atomic
            cs.done++;
            if (main_thread && o->progress)
                report_progress(o, &cs, count);
        }
/* unnamed: a named critical section is a symbol libentente.so would
   export */
#pragma omp critical
        if (my_fail < cs.fail_run) {
            cs.fail_run = my_fail;
            cs.fail_err = terr;
        }
        worker_free(&w);
    }
    if (o->progress)
        o->progress(o->progress_ctx, count, count);
    if (cs.fail_run != LONG_MAX) {
        if (err)
            *err = cs.fail_err;
        return -1;
    }
    return 0;
}

int ent_ensemble_compute(const ent_problem *p, const ent_ensemble_options *o,
                         long first, long count, double *out, double *stops,
                         ent_error *err)
{
    ENT_PROTECTED(int, -1, err,
                  ensemble_compute_body(p, o, first, count, out, stops, err));
}

/* Names, scales, bands and model settings, copied into the result. */
static void describe(ent_ensemble_result *r, const ent_problem *p,
                     const ent_ensemble_options *o)
{
    r->scenario = o->scenario ? ent_xstrdup(o->scenario) : NULL;
    r->title = o->title ? ent_xstrdup(o->title) : NULL;
    r->source = o->source ? ent_xstrdup(o->source) : NULL;
    r->period = o->period ? ent_xstrdup(o->period) : NULL;
    r->runs = o->runs;
    r->seed = o->seed;
    r->noise = o->noise;
    for (int m = 0; m < o->n_engines; m++) {
        const ent_model_options *mo = opts_of(o, m);

        r->models[m].name = ent_xstrdup(o->engines[m]->name);
        r->models[m].rounds = mo ? mo->rounds : 0;
        for (int i = 0; mo && i < mo->n_params; i++) {
            size_t len =
                strlen(mo->params[i].name) + strlen(mo->params[i].value) + 2;
            char *kv = ent_xmalloc(len);

            snprintf(kv, len, "%s=%s", mo->params[i].name, mo->params[i].value);
            ent_strlist_push(&r->models[m].params, kv);
            free(kv);
        }
    }
    for (int k = 0; k < p->n_issues; k++) {
        r->issue_ids[k] = ent_xstrdup(p->issue_ids[k] ? p->issue_ids[k] : "");
        r->issue_names[k] =
            ent_xstrdup(p->issue_names[k] ? p->issue_names[k] : "");
        r->scale_min[k] = p->scale_min[k];
        r->scale_max[k] = p->scale_max[k];
        if (o->issues) {
            r->bands[k] = ent_bands_of_issue(&o->issues[k]);
            r->n_bands[k] = r->bands[k] ? o->issues[k].n_anchors : 0;
        }
    }
    for (int a = 0; a < p->n_actors; a++) {
        r->actor_ids[a] = ent_xstrdup(p->actor_ids[a] ? p->actor_ids[a] : "");
        r->actor_names[a] =
            ent_xstrdup(p->actor_names[a] ? p->actor_names[a] : "");
    }
}

static int check_options(const ent_problem *p, const ent_ensemble_options *o,
                         ent_error *err)
{
    if (o->runs <= 0)
        return ent_fail(err, ENT_EXIT_INPUT,
                        "runs: expected a positive number, got %ld", o->runs);
    if (o->n_engines <= 0)
        return ent_fail(err, ENT_EXIT_INPUT, "no model to run");
    if (!(o->noise >= 0) || !isfinite(o->noise))
        return ent_fail(err, ENT_EXIT_INPUT,
                        "noise: expected a number >= 0, got %g", o->noise);
    if ((double)o->runs * (double)o->n_engines * (double)p->n_issues >
        (double)(SIZE_MAX / sizeof(double) / 2))
        return ent_fail(err, ENT_EXIT_INPUT, "too many runs: %ld", o->runs);
    return 0;
}

/* Baseline outcomes: also checks every engine's parameters once.  One
   run, so its engines run on this thread alone: parallel regions of their
   own would cost more than they share, and would leave idle OpenMP
   threads spinning beside a --threads 1 ensemble. */
static int baseline(const ent_problem *p, const ent_ensemble_options *o,
                    ent_ensemble_result *r, ent_error *err)
{
    double *out = ent_xcalloc((size_t)p->n_issues + 1, sizeof(double));
    const int saved = omp_get_max_threads();

    omp_set_num_threads(1);
    for (int m = 0; m < o->n_engines; m++) {
        if (ent_model_outcome(o->engines[m], p, opts_of(o, m), out, err) ||
            ent_outcome_check_finite(o->engines[m]->name, p, out, err)) {
            omp_set_num_threads(saved);
            free(out);
            return -1;
        }
        for (int k = 0; k < p->n_issues; k++)
            r->summary[m * p->n_issues + k].baseline = out[k];
    }
    omp_set_num_threads(saved);
    free(out);
    return 0;
}

static void summarize_all(ent_ensemble_result *r)
{
    long stride = (long)r->n_models * r->n_issues;

    for (int m = 0; m < r->n_models; m++)
        for (int k = 0; k < r->n_issues; k++) {
            size_t at = (size_t)m * (size_t)r->n_issues + (size_t)k;

            ent_summarize(r->outcomes + at, r->runs, stride, r->bands[k],
                          r->n_bands[k], &r->summary[at]);
            if (r->stops)
                ent_count_stops(r->stops + at, r->runs, stride,
                                &r->summary[at]);
            r->has_stops = r->stops != NULL;
        }
}

/* Gathers a block of every process's runs on rank 0 into *all. */
static int gather_block(double *local, const ent_ensemble_options *o,
                        long width, int root, double **all, ent_error *err)
{
    int rc;

    if (root)
        *all = ent_xcalloc((size_t)o->runs * (size_t)width, sizeof(double));
    rc = ens_gather(local, o->runs, width, *all, err);
    free(local);
    return ens_agree(rc, err);
}

/* This process's block of runs, gathered on rank 0. */
static int compute_share(const ent_problem *p, const ent_ensemble_options *o,
                         ent_ensemble_result *r, ent_error *err)
{
    long width = (long)o->n_engines * p->n_issues, first, count;
    int rank = 0, size = 1, rc;
    size_t cells;
    double *local, *stops;

    if (o->distributed)
        ent_mpi_world(&rank, &size);
    ens_block(o->runs, rank, size, &first, &count);
    cells = (size_t)(count > 0 ? count : 1) * (size_t)width;
    local = ent_xcalloc(cells, sizeof(double));
    stops = ent_xcalloc(cells, sizeof(double));
    rc = ent_ensemble_compute(p, o, first, count, local, stops, err);
    if (size > 1)
        rc = ens_agree(rc, err);
    if (rc == 0 && size > 1) {
        r->is_root = rank == 0;
        rc = gather_block(local, o, width, r->is_root, &r->outcomes, err);
        if (rc == 0)
            rc = gather_block(stops, o, width, r->is_root, &r->stops, err);
        else
            free(stops);
    } else if (rc == 0) {
        r->outcomes = local;
        r->stops = stops;
    } else {
        free(local);
        free(stops);
    }
    return rc;
}

static int ensemble_run_body(const ent_problem *p,
                             const ent_ensemble_options *o,
                             ent_ensemble_result **out, ent_error *err)
{
    ent_ensemble_result *r;

    *out = NULL;
    if (check_options(p, o, err) != 0)
        return -1;
    r = ent_ensemble_result_new(o->n_engines, p->n_issues, p->n_actors);
    describe(r, p, o);
    if (baseline(p, o, r, err) != 0 || compute_share(p, o, r, err) != 0) {
        ent_ensemble_free(r);
        return -1;
    }
    if (r->is_root)
        summarize_all(r);
    *out = r;
    return 0;
}

int ent_ensemble_run(const ent_problem *p, const ent_ensemble_options *o,
                     ent_ensemble_result **out, ent_error *err)
{
    ENT_PROTECTED(int, (*out = NULL, -1), err,
                  ensemble_run_body(p, o, out, err));
}
