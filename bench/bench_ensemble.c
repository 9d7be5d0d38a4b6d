/*
 * bench_ensemble.c -- cost of the Monte Carlo ensemble on the bundled
 * Belarus scenario (or, if it does not load, a KTAB sample with --noise
 * 0.1): for each of the scenario's models alone, then all of them, CPU
 * seconds (user + system of every thread, getrusage) and wall seconds of
 * a RUNS-run ensemble (default 10,000) on 1 and 2 OpenMP threads, with a
 * check that both give bit-identical outcomes; then runs per second of a
 * BIG-run ensemble (default 100,000) on 2 threads; then bench/mpi.sh times
 * the RUNS-run ensemble on 1, 2 and 4 MPI ranks.  Rows run under the
 * default stop rule (settle); one more row runs every model under --stop
 * rounds, for comparison.  When the scenario has `eu`, a row "eu
 * pow=vector" times it with its vectorised powers (docs/models.md, "eu":
 * Speed) beside the exact default's row.  Where it has the exchange engine, two
 * more rows run it with exchange.arith=double (the fast path in IEEE
 * doubles), alone and with every other model.
 *
 * A row whose two ensembles would take more than BUDGET CPU seconds
 * (default 60; estimated from a 100-run probe) runs fewer runs and prints
 * its seconds scaled to RUNS, marked "~", with the runs it ran.  The BIG
 * ensemble and the MPI rows leave out the models that needed scaling, and
 * say so: at 100,000 runs they would take most of an hour.
 *
 * Every model runs as `entente ensemble belarus` runs it: the period, the
 * models and their options (round limit, tolerance, the scenario's
 * [model] parameters such as eu.status_quo) come from
 * ent_forecast_prepare, as in the command line; a row changes only the
 * stop rule and adds its own parameter (eu's pow=vector, exchange's
 * arith=double) after the scenario's.
 *
 * The machine may be shared: CPU seconds are the stable number, wall
 * seconds depend on what else runs.
 *
 *   make bench   (or build/release/bench/bench_ensemble [RUNS [BIG [BUDGET]]])
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "entente.h"

#define MAX_MODELS 8

typedef struct bench_case {
    ent_scenario *sc;
    ent_forecast_input *in; /* the period, models and options the CLI runs */
    const ent_problem *p;   /* in->problem */
    const ent_engine *engines[MAX_MODELS];
    int n_engines;
    double noise;
    const char *label;
    ent_stop_rule rule;          /* the stop rule every model runs under */
    const ent_option *eu_params; /* parameters of eu, or NULL */
    int n_eu_params;
    int exchange_double; /* exchange runs with arith=double */
} bench_case;

/* Seconds of one ensemble. */
typedef struct timing {
    double cpu, wall;
} timing;

static double wall_now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

/* User + system seconds of every thread of this process so far. */
static double cpu_now(void)
{
    struct rusage ru;

    getrusage(RUSAGE_SELF, &ru);
    return (double)ru.ru_utime.tv_sec + 1e-6 * (double)ru.ru_utime.tv_usec +
           (double)ru.ru_stime.tv_sec + 1e-6 * (double)ru.ru_stime.tv_usec;
}

/* The period, models and options of `entente ensemble SOURCE`, with
   `models` instead of the scenario's if not NULL. */
static int prepare_case(bench_case *b, const char *models, ent_error *err)
{
    ent_model_request req = {0};

    req.models = models;
    if (ent_forecast_prepare(b->sc, NULL, models ? &req : NULL, NULL, &b->in,
                             err) != 0)
        return -1;
    b->p = b->in->problem;
    for (int i = 0; i < b->in->models.count && b->n_engines < MAX_MODELS; i++)
        b->engines[b->n_engines++] = b->in->models.engines[i];
    return 0;
}

static int open_case(bench_case *b, ent_error *err)
{
    memset(b, 0, sizeof *b);
    if (ent_scenario_open("belarus", "scenarios", &b->sc, err) == 0 &&
        prepare_case(b, NULL, err) == 0) {
        b->label = "belarus";
        return 0;
    }
    fprintf(stderr,
            "bench_ensemble: belarus does not load (%s); using "
            "a KTAB sample\n",
            err->msg);
    ent_forecast_input_free(b->in);
    ent_scenario_free(b->sc);
    memset(b, 0, sizeof *b);
    if (ent_scenario_open("tests/data/ktab/SOE-Pol-Comp.csv", NULL, &b->sc,
                          err) != 0 ||
        prepare_case(b, "mean,median,eu,smp", err) != 0)
        return -1;
    b->label = "KTAB SOE-Pol-Comp, --noise 0.1";
    b->noise = 0.1;
    return 0;
}

/* The options `entente ensemble` gives engine e, under the row's stop
   rule, with `extra` (if not NULL) after the scenario's parameters, which
   *params holds. */
static void engine_options(const bench_case *b, const ent_engine *e,
                           const ent_option *extra, int n_extra,
                           ent_model_options *o, ent_option *params)
{
    const ent_model_set *set = &b->in->models;
    int n = 0;

    memset(o, 0, sizeof *o);
    for (int k = 0; k < set->count; k++)
        if (set->engines[k] == e) {
            *o = set->opts[k];
            for (; n < o->n_params && n < ENT_MAX_PARAMS; n++)
                params[n] = o->params[n];
        }
    for (int i = 0; i < n_extra; i++)
        params[n++] = extra[i];
    o->params = params;
    o->n_params = n;
    o->stop = b->rule;
}

/* An ensemble of `runs` runs of engines[0..n) on `threads` threads. */
static int time_run(const bench_case *b, const ent_engine *const *engines,
                    int n, long runs, int threads, timing *t,
                    ent_ensemble_result **out, ent_error *err)
{
    static const ent_option arith = {"arith", "double"};
    ent_option params[MAX_MODELS][ENT_MAX_PARAMS + 1];
    ent_model_options opts[MAX_MODELS];
    ent_ensemble_options o = {0};
    double c0, w0;

    for (int m = 0; m < n; m++) {
        const ent_option *extra = NULL;
        int n_extra = 0;

        if (strcmp(engines[m]->name, "eu") == 0) {
            extra = b->eu_params;
            n_extra = b->n_eu_params;
        }
        if (b->exchange_double && strcmp(engines[m]->name, "exchange") == 0) {
            extra = &arith;
            n_extra = 1;
        }
        engine_options(b, engines[m], extra, n_extra, &opts[m], params[m]);
    }
    o.runs = runs;
    o.seed = 1;
    o.threads = threads;
    o.noise = b->noise;
    o.engines = engines;
    o.n_engines = n;
    o.model_opts = opts;
    o.issues = b->sc->issues;
    c0 = cpu_now();
    w0 = wall_now();
    if (ent_ensemble_run(b->p, &o, out, err) != 0)
        return -1;
    t->wall = wall_now() - w0;
    t->cpu = cpu_now() - c0;
    return 0;
}

/* Runs of the probe that sizes a row. */
#define PROBE_RUNS 100L

/* How many of `runs` runs the row of engines[0..n) can afford within
   `budget` CPU seconds for its two ensembles (1 and 2 threads). */
static long affordable_runs(const bench_case *b,
                            const ent_engine *const *engines, int n, long runs,
                            double budget, ent_error *err)
{
    ent_ensemble_result *r = NULL;
    timing t;
    long probe = runs < PROBE_RUNS ? runs : PROBE_RUNS, fit;

    if (probe == runs)
        return runs;
    if (time_run(b, engines, n, probe, 1, &t, &r, err) != 0)
        return -1;
    ent_ensemble_free(r);
    /* both ensembles cost about the same CPU */
    fit = (long)(budget / (2.0 * t.cpu / (double)probe + 1e-12));
    if (fit >= runs)
        return runs;
    fit = fit / PROBE_RUNS * PROBE_RUNS;
    return fit < PROBE_RUNS ? PROBE_RUNS : fit;
}

/* One row: engines[0..n) on 1 and 2 threads, `runs` runs or as many as
   the budget affords, seconds scaled to `runs`.  Returns 1 if the
   outcomes agree, 0 if not, -1 on error; *scaled says whether the row
   ran fewer runs. */
static int bench_row(const bench_case *b, const char *name,
                     const ent_engine *const *engines, int n, long runs,
                     double budget, int *scaled, ent_error *err)
{
    ent_ensemble_result *r1 = NULL, *r2 = NULL;
    timing t1, t2;
    long ran = affordable_runs(b, engines, n, runs, budget, err);
    double k;
    int same;

    if (ran < 0 || time_run(b, engines, n, ran, 1, &t1, &r1, err) != 0 ||
        time_run(b, engines, n, ran, 2, &t2, &r2, err) != 0) {
        ent_ensemble_free(r1);
        return -1;
    }
    same = memcmp(r1->outcomes, r2->outcomes,
                  (size_t)ran * (size_t)n * (size_t)b->p->n_issues *
                      sizeof(double)) == 0;
    k = (double)runs / (double)ran;
    printf("  %-28s%s%8.3f %8.3f %8.3f %8.3f %9.0f  %s", name,
           ran < runs ? "~" : " ", k * t1.cpu, k * t1.wall, k * t2.cpu,
           k * t2.wall, (double)ran / t2.wall, same ? "yes" : "NO");
    if (ran < runs)
        printf("  (from %ld runs)", ran);
    printf("\n");
    fflush(stdout);
    ent_ensemble_free(r1);
    ent_ensemble_free(r2);
    *scaled = ran < runs;
    return same;
}

/* Appends `name` to the comma-separated list `list`. */
static void list_add(char *list, size_t size, const char *name)
{
    size_t used = strlen(list);

    snprintf(list + used, size - used, "%s%s", used ? "," : "", name);
}

/* The row of eu with pow=vector, if the scenario has eu: 1 if its
   outcomes agree on 1 and 2 threads, 0 if not, -1 on error. */
static int bench_eu_vector(bench_case *b, long runs, double budget,
                           ent_error *err)
{
    static const ent_option vector = {.name = "pow", .value = "vector"};
    int rc = 1, scaled;

    for (int m = 0; m < b->n_engines; m++)
        if (strcmp(b->engines[m]->name, "eu") == 0) {
            b->eu_params = &vector;
            b->n_eu_params = 1;
            rc = bench_row(b, "eu pow=vector", &b->engines[m], 1, runs, budget,
                           &scaled, err);
            b->eu_params = NULL;
            b->n_eu_params = 0;
        }
    return rc;
}

/* The rows with exchange.arith=double, if the scenario has exchange:
   exchange alone, and every model.  Returns as bench_row. */
static int bench_double_rows(bench_case *b, long runs, double budget,
                             ent_error *err)
{
    const ent_engine *ex = ent_engine_find("exchange");
    int has = 0, ok = 1, rc, scaled;

    for (int m = 0; m < b->n_engines; m++)
        has |= b->engines[m] == ex;
    if (!has)
        return 1;
    b->exchange_double = 1;
    rc = bench_row(b, "exchange, arith=double", &ex, 1, runs, budget, &scaled,
                   err);
    ok &= rc;
    if (rc >= 0)
        rc = bench_row(b, "all, exchange arith=double", b->engines,
                       b->n_engines, runs, budget, &scaled, err);
    b->exchange_double = 0;
    return rc < 0 ? -1 : ok & rc;
}

/* The rows; `fast` gets the models whose rows needed no scaling, `slow`
   the others. */
static int bench_rows(bench_case *b, long runs, double budget,
                      const ent_engine **fast, int *n_fast, char *fast_names,
                      char *slow_names, size_t size, ent_error *err)
{
    char all[128] = "";
    int ok = 1, rc, scaled;

    printf("ensemble: %s, %ld runs (%d actors x %d issues); seconds\n",
           b->label, runs, b->p->n_actors, b->p->n_issues);
    printf("  %-29s%8s %8s %8s %8s %9s  %s\n", "models", "cpu 1t", "wall 1t",
           "cpu 2t", "wall 2t", "runs/s 2t", "1t = 2t");
    *n_fast = 0;
    for (int m = 0; m < b->n_engines; m++) {
        const char *name = b->engines[m]->name;

        list_add(all, sizeof all, name);
        if ((rc = bench_row(b, name, &b->engines[m], 1, runs, budget, &scaled,
                            err)) < 0)
            return -1;
        ok &= rc;
        if (scaled) {
            list_add(slow_names, size, name);
        } else {
            fast[(*n_fast)++] = b->engines[m];
            list_add(fast_names, size, name);
        }
    }
    if ((rc = bench_eu_vector(b, runs, budget, err)) < 0)
        return -1;
    ok &= rc;
    if ((rc = bench_row(b, all, b->engines, b->n_engines, runs, budget, &scaled,
                        err)) < 0)
        return -1;
    ok &= rc;
    if ((rc = bench_double_rows(b, runs, budget, err)) < 0)
        return -1;
    ok &= rc;
    printf("  under --stop rounds (each engine's own round limit, no "
           "settling):\n");
    b->rule = ENT_STOP_ROUNDS;
    rc =
        bench_row(b, all, b->engines, b->n_engines, runs, budget, &scaled, err);
    b->rule = ENT_STOP_SETTLE;
    return rc < 0 ? -1 : ok & rc;
}

/* Runs per second of a `big`-run ensemble of the fast models, 2 threads. */
static int bench_big(const bench_case *b, const ent_engine *const *fast,
                     int n_fast, const char *fast_names, const char *slow_names,
                     long big, ent_error *err)
{
    ent_ensemble_result *r = NULL;
    timing t;

    if (n_fast == 0) {
        printf("  %ld runs: skipped (every model needed scaling)\n", big);
        return 0;
    }
    if (time_run(b, fast, n_fast, big, 2, &t, &r, err) != 0)
        return -1;
    printf("  %ld runs, %s, 2 threads: cpu %.3f s, wall %.3f s, "
           "%.0f runs/s\n",
           big, fast_names, t.cpu, t.wall, (double)big / t.wall);
    if (slow_names[0])
        printf("  (left out at %ld runs: %s; see its row)\n", big, slow_names);
    fflush(stdout);
    ent_ensemble_free(r);
    return 0;
}

int main(int argc, char **argv)
{
    long runs = argc > 1 ? atol(argv[1]) : 10000;
    long big = argc > 2 ? atol(argv[2]) : 100000;
    double budget = argc > 3 ? atof(argv[3]) : 60.0;
    const ent_engine *fast[MAX_MODELS];
    bench_case b;
    ent_error err;
    char fast_names[128] = "", slow_names[128] = "", cmd[512];
    int same, rc, n_fast = 0;

    ent_error_clear(&err);
    if (runs <= 0 || big <= 0 || !(budget > 0) || open_case(&b, &err) != 0 ||
        (same = bench_rows(&b, runs, budget, fast, &n_fast, fast_names,
                           slow_names, sizeof fast_names, &err)) < 0 ||
        bench_big(&b, fast, n_fast, fast_names, slow_names, big, &err) != 0) {
        fprintf(stderr, "bench_ensemble: %s\n", err.msg);
        return 1;
    }
    printf("  outcomes identical for 1 and 2 threads: %s\n",
           same ? "yes" : "NO");
    fflush(stdout);
    rc = 0;
    if (n_fast > 0) {
        snprintf(cmd, sizeof cmd, "sh bench/mpi.sh %ld '%s' '%s' %g", runs,
                 strcmp(b.label, "belarus") == 0
                     ? "belarus"
                     : "tests/data/ktab/SOE-Pol-Comp.csv",
                 fast_names, b.noise);
        rc = system(cmd);
    }
    ent_forecast_input_free(b.in);
    ent_scenario_free(b.sc);
    return same && rc == 0 ? 0 : 1;
}
