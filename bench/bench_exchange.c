/*
 * bench_exchange.c -- time per round of the `exchange` engine (28-digit
 * decimal arithmetic, Decide's equal-gain model) for 10 to 80 random
 * actors on 6 issues.
 *
 * Inputs look like Decide's: positions multiples of 5 on 0-100, saliences
 * multiples of 0.05 in [0.05, 1], powers multiples of 0.01 in [0.01, 1],
 * from a fixed-seed generator, so every run times the same inputs.  Each
 * size runs a fresh engine for 3 rounds, 5 times over (create() is not
 * timed; time is the thread's CPU time), and prints the best of the 5
 * mean seconds per round: other load on the machine still slows a run
 * (shared caches and cores), never speeds it up, so the best is the
 * steadiest figure.  The Python reference's seconds per round at the
 * same size are printed for comparison (measured once, on a 2-core
 * machine of this kind; see docs/models.md, `exchange`).  Arguments, if
 * any, are the sizes to run (for example 40), by default all four.
 * Two more columns time the same inputs with exchange.arith=double (the
 * fast path in IEEE doubles): seconds per round and exchanges per round
 * (its path parts from the decimal one at the first near tie).
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "entente/model.h"
#include "model/engines.h"

enum { ROUNDS = 3, ISSUES = 6, REPEATS = 5 };

static double now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static int pick(unsigned long long *s, int k)
{
    *s = *s * 6364136223846793005ULL + 1442695040888963407ULL;
    return (int)((*s >> 33) % (unsigned long long)k);
}

/* Seconds per round for n random actors in arithmetic arith (decimal or
   double), one run; *exchanges counts them. */
static double bench_once(int n, const char *arith, int *exchanges)
{
    unsigned long long seed = 19940101ULL + (unsigned long long)n;
    size_t cells = (size_t)n * ISSUES;
    double *cap = malloc((size_t)n * sizeof(double));
    double *pos = malloc(cells * sizeof(double));
    double *sal = malloc(cells * sizeof(double));
    double lo[ISSUES], hi[ISSUES], total = 0;
    ent_slice s = {n, ISSUES, cap, pos, sal, lo, hi, NULL, NULL, NULL};
    ent_option param = {"arith", arith};
    ent_model_options o = {.rounds = ROUNDS,
                           .params = &param,
                           .n_params = 1,
                           .stop = ENT_STOP_ROUNDS};
    ent_trace t = {0};
    ent_error err = {0};
    void *st;

    if (!cap || !pos || !sal) {
        fputs("bench_exchange: out of memory\n", stderr);
        exit(1);
    }
    for (int k = 0; k < ISSUES; k++) {
        lo[k] = 0;
        hi[k] = 100;
    }
    for (int i = 0; i < n; i++) {
        cap[i] = (1 + pick(&seed, 100)) / 100.0;
        for (int k = 0; k < ISSUES; k++) {
            pos[i * ISSUES + k] = 5.0 * pick(&seed, 21);
            sal[i * ISSUES + k] = (1 + pick(&seed, 20)) / 20.0;
        }
    }
    st = ent_engine_exchange.create(&s, &o, &err);
    if (!st) {
        fprintf(stderr, "bench_exchange: %s\n", err.msg);
        exit(1);
    }
    for (int r = 1; r <= ROUNDS; r++) {
        double t0 = now();

        if (ent_engine_exchange.step(st, &err) < 0) {
            fprintf(stderr, "bench_exchange: %s\n", err.msg);
            exit(1);
        }
        total += now() - t0;
        ent_engine_exchange.record(st, r, &t);
    }
    *exchanges = t.n_exchanges;
    ent_trace_free(&t);
    ent_engine_exchange.destroy(st);
    free(cap);
    free(pos);
    free(sal);
    return total / ROUNDS;
}

/* The best of REPEATS runs. */
static double bench_n(int n, const char *arith, int *exchanges)
{
    double best = bench_once(n, arith, exchanges);

    for (int r = 1; r < REPEATS; r++) {
        double t = bench_once(n, arith, exchanges);

        if (t < best)
            best = t;
    }
    return best;
}

/* Arguments, if any: the sizes to run (10, 20, 40 or 80). */
int main(int argc, char **argv)
{
    static const int sizes[] = {10, 20, 40, 80};
    static const double python[] = {0.34, 2.4, 13, 120};

    printf("exchange engine (equal gain, 28-digit decimals), %d issues, "
           "seconds per round\n",
           ISSUES);
    printf("%6s %10s %12s %12s %10s %12s %10s\n", "actors", "exchanges",
           "s/round", "Python s/r", "speed-up", "double s/r", "double ex");
    for (size_t k = 0; k < sizeof sizes / sizeof *sizes; k++) {
        int n = sizes[k], ex, ex_dbl, want = argc <= 1;
        double per, per_dbl;

        for (int a = 1; a < argc; a++)
            want |= atoi(argv[a]) == n;
        if (!want)
            continue;
        per = bench_n(n, "decimal", &ex);
        per_dbl = bench_n(n, "double", &ex_dbl);
        printf("%6d %10d %12.3e %12.2f %10.0f %12.3e %10d\n", n, ex / ROUNDS,
               per, python[k], python[k] / per, per_dbl, ex_dbl / ROUNDS);
    }
    printf("(s/round: the best of %d runs of %d rounds; exchanges: executed "
           "per round; Python: the reference implementation's seconds per "
           "round at that size; double: exchange.arith=double)\n",
           REPEATS, ROUNDS);
    return 0;
}
