/*
 * exchanges.c -- the exchanges of voting positions behind an ensemble's
 * outcomes, for models that execute them (the exchange engine).
 *
 * Every run of an ensemble is a pure function of (seed, run), so the
 * exchanges of run i are those of the exchange engine on run i's perturbed
 * problem, with run i's options (ent_model_options_for_run): they are
 * recomputed here on this process's threads (each run into its own slot) and
 * joined in run order, so the list is the same for any thread or process count.
 * The unperturbed baseline comes first, as run -1.  Actor and issue indices are
 * the problem's.
 */
#include <stdlib.h>
#include <string.h>

#include <omp.h>

#include "entente/ensemble.h"
#include "util/protect.h"

int ent_engine_records_exchanges(const ent_engine *e)
{
    return strcmp(e->name, "exchange") == 0;
}

/* The exchanges of one run of engine m on problem q, in problem indices. */
static int run_exchanges(const ent_engine *e, const ent_problem *q,
                         const ent_model_options *mo, int m, long run,
                         ent_run_exchange **out, long *n, ent_error *err)
{
    ent_trace *t = NULL;
    int nt = 0;

    *out = NULL;
    *n = 0;
    if (ent_model_run(e, q, mo, &t, &nt, err) != 0)
        return -1;
    for (int c = 0; c < nt; c++) {
        *out = ent_xrealloc(*out,
                            (size_t)(*n + t[c].n_exchanges + 1) * sizeof **out);
        for (int i = 0; i < t[c].n_exchanges; i++) {
            ent_run_exchange *x = &(*out)[(*n)++];

            x->model = m;
            x->run = run;
            x->x = t[c].exchanges[i];
            x->x.actor_i = t[c].actors[x->x.actor_i];
            x->x.actor_j = t[c].actors[x->x.actor_j];
            x->x.supply_i = t[c].issues[x->x.supply_i];
            x->x.supply_j = t[c].issues[x->x.supply_j];
        }
        ent_trace_free(&t[c]);
    }
    free(t);
    return 0;
}

/* Per-run lists of one model, joined in run order onto r's list. */
typedef struct run_lists {
    ent_run_exchange **list; /* [runs + 1], slot 0 = the baseline */
    long *count;
} run_lists;

static void append(ent_ensemble_result *r, const run_lists *l, long slots)
{
    for (long s = 0; s < slots; s++) {
        if (l->count[s] == 0)
            continue;
        r->exchanges =
            ent_xrealloc(r->exchanges, (size_t)(r->n_exchanges + l->count[s]) *
                                           sizeof *r->exchanges);
        memcpy(r->exchanges + r->n_exchanges, l->list[s],
               (size_t)l->count[s] * sizeof *r->exchanges);
        r->n_exchanges += l->count[s];
    }
}

/* One slot's work on one thread, run under the thread's own protected call
   (ent_pcall): running out of memory fails the slot and never unwinds
   across the parallel region. */
typedef struct slot_job {
    const ent_problem *p;
    const ent_ensemble_options *o;
    const ent_model_options *mo;
    int m;
    ent_problem *work;
    run_lists *l;
    long s;
} slot_job;

static int slot_clone(void *ctx, ent_error *err)
{
    slot_job *j = ctx;

    (void)err;
    j->work = ent_problem_clone(j->p);
    return 0;
}

static int slot_run(void *ctx, ent_error *err)
{
    const slot_job *j = ctx;
    const ent_ensemble_options *o = j->o;
    ent_model_options ro = {0};
    long s = j->s;

    if (s > 0) {
        ent_rng rng;

        ent_rng_init(&rng, o->seed, (uint64_t)(s - 1));
        ent_perturb(j->p, o->noise, &rng, j->work);
        ro = ent_model_options_for_run(j->mo, o->seed, (uint64_t)(s - 1));
    }
    return run_exchanges(o->engines[j->m], s > 0 ? j->work : j->p,
                         s > 0 ? &ro : j->mo, j->m, s - 1, &j->l->list[s],
                         &j->l->count[s], err);
}

static int model_exchanges(const ent_problem *p, const ent_ensemble_options *o,
                           int m, ent_ensemble_result *r, ent_error *err)
{
    const ent_model_options *mo = o->model_opts ? &o->model_opts[m] : NULL;
    long slots = o->runs + 1, fail = -1;
    run_lists l = {ent_xcalloc((size_t)slots, sizeof(ent_run_exchange *)),
                   ent_xcalloc((size_t)slots, sizeof *l.count)};
    ent_error ferr = {0, ""};

#pragma omp parallel num_threads(o->threads > 0 ? o->threads                   \
                                                : omp_get_max_threads())
    {
        slot_job j = {p, o, mo, m, NULL, &l, 0};
        ent_error cerr = {0, ""};
        int ok = ent_pcall(slot_clone, &j, &cerr) == 0;

        omp_set_num_threads(1);
#pragma omp for schedule(dynamic, 4)
        for (long s = 0; s < slots; s++) {
            ent_error e = cerr;

            j.s = s;
            if (!ok || ent_pcall(slot_run, &j, &e) != 0) {
#pragma omp critical(ent_exchanges_fail)
                if (fail < 0 || s < fail) {
                    fail = s;
                    ferr = e;
                }
            }
        }
        ent_problem_free(j.work);
    }
    if (fail < 0)
        append(r, &l, slots);
    for (long s = 0; s < slots; s++)
        free(l.list[s]);
    free(l.list);
    free(l.count);
    if (fail >= 0 && err)
        *err = ferr;
    return fail >= 0 ? -1 : 0;
}

static int ensemble_exchanges_body(const ent_problem *p,
                                   const ent_ensemble_options *o,
                                   ent_ensemble_result *r, ent_error *err)
{
    free(r->exchanges);
    r->exchanges = NULL;
    r->n_exchanges = 0;
    for (int m = 0; m < o->n_engines; m++)
        if (ent_engine_records_exchanges(o->engines[m]) &&
            model_exchanges(p, o, m, r, err) != 0)
            return -1;
    return 0;
}

int ent_ensemble_exchanges(const ent_problem *p, const ent_ensemble_options *o,
                           ent_ensemble_result *r, ent_error *err)
{
    ENT_PROTECTED(int, -1, err, ensemble_exchanges_body(p, o, r, err));
}
