/*
 * bench_deu3.c -- seconds for the full DEU III back-test (every proposal,
 * every engine, the validation scores with 1000 bootstrap resamples), per
 * engine, on the bundled deu3 scenario.
 *
 *   make bench        (or build/release/bench/bench_deu3)
 */
#include <stdio.h>
#include <time.h>

#include "entente.h"

static double now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

int main(void)
{
    static const char *const names[] = {"mean", "median", "eu", "smp"};
    ent_scenario *sc = NULL;
    ent_error err;

    ent_error_clear(&err);
    if (ent_scenario_open("deu3", "scenarios", &sc, &err) != 0) {
        fprintf(stderr, "bench_deu3: %s\n", err.msg);
        return 1;
    }
    printf("DEU III back-test (%d proposals, %d issues with outcomes):\n",
           sc->periods.count, sc->n_outcomes);
    for (int i = 0; i < 4; i++) {
        const ent_engine *e = ent_engine_find(names[i]);
        ent_model_options o = {0};
        ent_backtest *b = NULL;
        double t0 = now(), t;

        if (ent_backtest_run(sc, &e, &o, 1, &b, &err) != 0) {
            fprintf(stderr, "bench_deu3: %s\n", err.msg);
            ent_scenario_free(sc);
            return 1;
        }
        t = now() - t0;
        printf("  %-6s %7.2f s  (%d issues scored, MAE %.1f)\n", names[i], t,
               b->count[0], b->mae[0]);
        ent_backtest_free(b);
    }
    ent_scenario_free(sc);
    return 0;
}
