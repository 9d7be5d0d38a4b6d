/*
 * bench_smp.c -- time per turn of the `smp` engine (KTAB's Spatial Model
 * of Politics) on random scenarios of 7 to 160 actors.
 *
 * Scenarios are drawn with a fixed seed the way KTAB's --euSMP generator
 * draws them (capabilities 10..200, total salience 0.75..0.99 split over
 * 2-4 dimensions, positions 0..100), and each runs with KTAB's default
 * parameters until its stopping rule fires (at most 100 turns); the time
 * is the best of three runs, in wall seconds on all threads and in CPU
 * seconds (every thread's; steadier on a shared machine).  KTAB's
 * own smpc needed 0.06 s per turn at 26 actors and 4.1 s at 80 (about
 * n^4); the `ktab s/turn` column quotes those figures, the two reference
 * logs (7 and 13 actors), and n^4 extrapolations marked with '~'.
 */
#include <math.h>
#include <omp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "entente/model.h"
#include "model/engines.h"

/* splitmix64: a small fixed-seed generator for the inputs. */
static double uniform(uint64_t *s, double lo, double hi)
{
    uint64_t z = (*s += UINT64_C(0x9E3779B97F4A7C15));

    z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
    z ^= z >> 31;
    return lo + (hi - lo) * (double)(z >> 11) / 9007199254740992.0;
}

typedef struct scenario {
    int n, d;
    double *cap, *pos, *sal, smin[4], smax[4];
} scenario;

static void scenario_make(scenario *sc, int n, int d, uint64_t seed)
{
    uint64_t s = seed;

    sc->n = n;
    sc->d = d;
    sc->cap = malloc((size_t)n * sizeof(double));
    sc->pos = malloc((size_t)n * (size_t)d * sizeof(double));
    sc->sal = malloc((size_t)n * (size_t)d * sizeof(double));
    for (int k = 0; k < d; k++) {
        sc->smin[k] = 0;
        sc->smax[k] = 100;
    }
    for (int i = 0; i < n; i++) {
        double total = uniform(&s, 0.75, 0.99), sum = 0;

        sc->cap[i] = uniform(&s, 10, 200);
        for (int k = 0; k < d; k++) {
            sc->sal[i * d + k] = uniform(&s, 0.1, 1.0);
            sum += sc->sal[i * d + k];
            sc->pos[i * d + k] = round(uniform(&s, 0, 100) * 100) / 100;
        }
        for (int k = 0; k < d; k++)
            sc->sal[i * d + k] *= total / sum;
    }
}

static void scenario_free(scenario *sc)
{
    free(sc->cap);
    free(sc->pos);
    free(sc->sal);
}

static double clock_now(clockid_t clock)
{
    struct timespec ts;

    clock_gettime(clock, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* Runs to the stopping rule; returns the turns taken, -1 on error. */
static int run(const scenario *sc, double *seconds, double *cpu)
{
    const ent_engine *e = &ent_engine_smp;
    ent_slice sl = {sc->n,    sc->d,    sc->cap, sc->pos, sc->sal,
                    sc->smin, sc->smax, NULL,    NULL,    NULL};
    ent_error err;
    double t0 = clock_now(CLOCK_MONOTONIC);
    double c0 = clock_now(CLOCK_PROCESS_CPUTIME_ID);
    void *st = e->create(&sl, NULL, &err);
    int turns = 0, rc = 1;

    if (!st) {
        fprintf(stderr, "bench_smp: %s\n", err.msg);
        return -1;
    }
    while (rc == 1) {
        rc = e->step(st, &err);
        turns++;
    }
    *seconds = clock_now(CLOCK_MONOTONIC) - t0;
    *cpu = clock_now(CLOCK_PROCESS_CPUTIME_ID) - c0;
    e->destroy(st);
    if (rc < 0) {
        fprintf(stderr, "bench_smp: %s\n", err.msg);
        return -1;
    }
    return turns;
}

int main(void)
{
    static const struct {
        int n, d;
        const char *ktab;
    } cases[] = {
        {7, 3, "0.016 (log)"}, {13, 2, "0.045 (log)"}, {26, 2, "0.06"},
        {50, 4, "~0.63"},      {80, 3, "4.1"},         {160, 2, "~66"},
    };

    printf("smp (KTAB SMP, default parameters), %d thread(s)\n",
           omp_get_max_threads());
    printf("%6s %4s %6s %12s %12s %10s %14s\n", "actors", "dims", "turns",
           "s/turn", "cpu s/turn", "speed-up", "ktab s/turn");
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        scenario sc;
        double secs = 0, cpu = 0, per = INFINITY, cpu_per = INFINITY;
        int turns;

        scenario_make(&sc, cases[c].n, cases[c].d, 20170530 + c);
        for (int rep = 0; rep < 3; rep++) {
            turns = run(&sc, &secs, &cpu);
            if (turns < 0)
                return 1;
            per = secs / turns < per ? secs / turns : per;
            cpu_per = cpu / turns < cpu_per ? cpu / turns : cpu_per;
        }
        scenario_free(&sc);
        printf("%6d %4d %6d %12.6f %12.6f %9.0fx %14s\n", cases[c].n,
               cases[c].d, turns, per, cpu_per,
               strtod(cases[c].ktab + (cases[c].ktab[0] == '~'), NULL) / per,
               cases[c].ktab);
    }
    return 0;
}
