/*
 * bench_explain.c -- cost of `entente explain` on the bundled Belarus
 * scenario: for each issue of the default period, the library work behind
 * one explanation under eu (the scenario's headline model) -- the
 * forecast, the 200-run ensemble and its pivotal analysis, and the
 * sentences -- in CPU seconds (user + system of every thread) and wall
 * seconds.  The machine may be shared: CPU seconds are the stable number.
 *
 *   make bench   (or build/release/bench/bench_explain [RUNS])
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <time.h>

#include "entente.h"

static double wall_now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

static double cpu_now(void)
{
    struct rusage ru;

    getrusage(RUSAGE_SELF, &ru);
    return (double)ru.ru_utime.tv_sec + 1e-6 * (double)ru.ru_utime.tv_usec +
           (double)ru.ru_stime.tv_sec + 1e-6 * (double)ru.ru_stime.tv_usec;
}

/* One explanation of issue k from scratch; 0 or -1. */
static int explain_once(const ent_scenario *sc, int period, int k, long runs,
                        ent_error *err)
{
    const ent_engine *eu = ent_engine_find("eu");
    ent_model_options mo = {0};
    ent_ensemble_options eo = {0};
    ent_explain_options xo = {0};
    ent_ensemble_result *r = NULL;
    ent_explanation *e = NULL;
    ent_forecast *f = NULL;
    ent_problem *p = NULL;
    int rc = -1;

    mo.rounds = sc->rounds;
    eo.runs = runs;
    eo.seed = 1;
    eo.engines = &eu;
    eo.n_engines = 1;
    eo.model_opts = &mo;
    eo.issues = sc->issues;
    xo.ensemble = NULL;
    if (ent_problem_build(sc, period, &p, err) == 0 &&
        ent_forecast_run(p, &eu, &mo, 1, &f, err) == 0 &&
        ent_ensemble_run(p, &eo, &r, err) == 0 &&
        ent_ensemble_pivotal(p, &eo, 0.1, r, err) == 0) {
        xo.ensemble = r;
        rc = ent_explain(sc, period, p, f, k, &xo, &e, err);
    }
    ent_explanation_free(e);
    ent_ensemble_free(r);
    ent_forecast_free(f);
    ent_problem_free(p);
    return rc;
}

int main(int argc, char **argv)
{
    long runs = argc > 1 ? atol(argv[1]) : 200;
    ent_scenario *sc = NULL;
    double cpu = 0, wall = 0;
    ent_error err;

    ent_error_clear(&err);
    if (runs < 1 ||
        ent_scenario_load_dir("scenarios/belarus", &sc, &err) != 0) {
        fprintf(stderr, "bench_explain: %s\n",
                runs < 1 ? "RUNS >= 1" : err.msg);
        return 1;
    }
    printf("explain, Belarus %s, eu, %ld-run ensemble, per issue:\n",
           sc->periods.items[sc->default_period], runs);
    for (int k = 0; k < sc->n_issues; k++) {
        double c0 = cpu_now(), w0 = wall_now(), c, w;

        if (explain_once(sc, sc->default_period, k, runs, &err) != 0) {
            fprintf(stderr, "bench_explain: %s\n", err.msg);
            ent_scenario_free(sc);
            return 1;
        }
        c = cpu_now() - c0;
        w = wall_now() - w0;
        cpu += c;
        wall += w;
        printf("  %-18s %6.3f s CPU  %6.3f s wall\n", sc->issues[k].id, c, w);
    }
    printf("  %-18s %6.3f s CPU  %6.3f s wall\n", "mean", cpu / sc->n_issues,
           wall / sc->n_issues);
    ent_scenario_free(sc);
    return 0;
}
