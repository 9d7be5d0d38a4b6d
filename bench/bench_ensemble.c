/*
 * bench_ensemble.c -- runs per second of a 10,000-run ensemble with 1 and
 * 2 OpenMP threads (speed-up and parallel efficiency), on the bundled
 * Belarus scenario if it loads, else on a KTAB sample with --noise 0.1;
 * then bench/mpi.sh times the same ensemble on 1, 2 and 4 MPI ranks.
 *
 *   make bench        (or build/release/bench/bench_ensemble [RUNS])
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "entente.h"

#define MAX_MODELS 8

typedef struct bench_case {
    ent_scenario *sc;
    ent_problem *p;
    const ent_engine *engines[MAX_MODELS];
    int n_engines;
    double noise;
    const char *label;
} bench_case;

static double now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

static int open_case(bench_case *b, ent_error *err)
{
    static const char *const fallback[] = {"mean", "median", "eu", "smp"};

    memset(b, 0, sizeof *b);
    if (ent_scenario_open("belarus", "scenarios", &b->sc, err) == 0 &&
        ent_problem_build(b->sc, b->sc->default_period, &b->p, err) == 0) {
        b->label = "belarus";
        for (int i = 0; i < b->sc->models.count && b->n_engines < MAX_MODELS;
             i++)
            if ((b->engines[b->n_engines] =
                     ent_engine_find(b->sc->models.items[i])))
                b->n_engines++;
    } else {
        fprintf(stderr,
                "bench_ensemble: belarus does not load (%s); using "
                "a KTAB sample\n",
                err->msg);
        ent_scenario_free(b->sc);
        b->sc = NULL;
        if (ent_scenario_open("tests/data/ktab/SOE-Pol-Comp.csv", NULL, &b->sc,
                              err) != 0 ||
            ent_problem_build(b->sc, b->sc->default_period, &b->p, err) != 0)
            return -1;
        b->label = "KTAB SOE-Pol-Comp, --noise 0.1";
        b->noise = 0.1;
    }
    if (b->n_engines == 0)
        for (int i = 0; i < 4; i++)
            b->engines[b->n_engines++] = ent_engine_find(fallback[i]);
    return 0;
}

static int time_run(const bench_case *b, long runs, int threads,
                    double *seconds, ent_ensemble_result **out, ent_error *err)
{
    ent_model_options opts[MAX_MODELS];
    ent_ensemble_options o = {0};
    double t0;

    for (int m = 0; m < b->n_engines; m++) {
        opts[m].rounds = b->sc->rounds;
        opts[m].params = NULL;
        opts[m].n_params = 0;
    }
    o.runs = runs;
    o.seed = 1;
    o.threads = threads;
    o.noise = b->noise;
    o.engines = b->engines;
    o.n_engines = b->n_engines;
    o.model_opts = opts;
    o.issues = b->sc->issues;
    t0 = now();
    if (ent_ensemble_run(b->p, &o, out, err) != 0)
        return -1;
    *seconds = now() - t0;
    return 0;
}

int main(int argc, char **argv)
{
    long runs = argc > 1 ? atol(argv[1]) : 10000;
    ent_ensemble_result *r1 = NULL, *r2 = NULL;
    double t1, t2, rate1, rate2;
    bench_case b;
    ent_error err;
    char models[128] = "", cmd[512];
    int same, rc;

    ent_error_clear(&err);
    if (runs <= 0 || open_case(&b, &err) != 0 ||
        time_run(&b, runs, 1, &t1, &r1, &err) != 0 ||
        time_run(&b, runs, 2, &t2, &r2, &err) != 0) {
        fprintf(stderr, "bench_ensemble: %s\n", err.msg);
        return 1;
    }
    for (int m = 0; m < b.n_engines; m++)
        snprintf(models + strlen(models), sizeof models - strlen(models),
                 "%s%s", m ? "," : "", b.engines[m]->name);
    same = memcmp(r1->outcomes, r2->outcomes,
                  (size_t)runs * (size_t)b.n_engines * (size_t)b.p->n_issues *
                      sizeof(double)) == 0;
    rate1 = (double)runs / t1;
    rate2 = (double)runs / t2;
    printf("ensemble: %s; models %s; %ld runs (%d actors x %d issues)\n",
           b.label, models, runs, b.p->n_actors, b.p->n_issues);
    printf("  1 thread : %7.3f s  %9.0f runs/s\n", t1, rate1);
    printf("  2 threads: %7.3f s  %9.0f runs/s  speed-up %.2f  parallel "
           "efficiency %.0f%%\n",
           t2, rate2, rate2 / rate1, 100 * rate2 / rate1 / 2);
    printf("  outcomes identical for 1 and 2 threads: %s\n",
           same ? "yes" : "NO");
    fflush(stdout);
    snprintf(cmd, sizeof cmd, "sh bench/mpi.sh %ld '%s' '%s' %g", runs,
             strcmp(b.label, "belarus") == 0
                 ? "belarus"
                 : "tests/data/ktab/SOE-Pol-Comp.csv",
             models, b.noise);
    rc = system(cmd);
    ent_ensemble_free(r1);
    ent_ensemble_free(r2);
    ent_problem_free(b.p);
    ent_scenario_free(b.sc);
    return same && rc == 0 ? 0 : 1;
}
