/*
 * bench_eu.c -- time per round of the `eu` engine (default JM variant) for
 * 10 to 1000 random actors, with exact powers (the default) and with
 * pow=vector (SLEEF's exp and log in batches, docs/models.md "eu": Speed),
 * timed one after the other on the same inputs.
 *
 * Actors: positions uniform on [0, 100], capabilities uniform on
 * [0.01, 1], saliences uniform on [0, 1], from a fixed-seed generator, so
 * every run times the same inputs.  Arguments: the sizes to run (default
 * 10 50 100 200 1000).  Each batch creates a fresh engine and
 * times 5 rounds in CPU time of the process (the engine runs on one
 * thread; CPU time is steadier than wall time on a shared machine;
 * create() is not timed); batches repeat until at least 0.25 s of rounds
 * have been timed.  The column "vs n^3 growth"
 * compares the exact path's growth with n^3 (the bound a naive JM round
 * reaches): values falling with n mean the round grows slower than n^3.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "entente/model.h"
#include "model/engines.h"
#include "model/vmath.h"

enum { ROUNDS_PER_BATCH = 5 };

static double now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static double uniform(unsigned long long *s)
{
    *s = *s * 6364136223846793005ULL + 1442695040888963407ULL;
    return (double)(*s >> 11) / 9007199254740992.0;
}

/* Times one batch of rounds on a fresh engine, powers computed `how`
   (exact or vector); returns seconds. */
static double time_batch(const ent_slice *s, const char *how, int *rounds)
{
    ent_option pow_opt = {.name = "pow", .value = how};
    ent_model_options o = {.rounds = ROUNDS_PER_BATCH,
                           .stop = ENT_STOP_ROUNDS,
                           .params = &pow_opt,
                           .n_params = 1};
    ent_error err = {0};
    void *st = ent_engine_eu.create(s, &o, &err);
    double total = 0;

    if (!st) {
        fprintf(stderr, "bench_eu: %s\n", err.msg);
        exit(1);
    }
    for (int r = 0; r < ROUNDS_PER_BATCH; r++) {
        double t0 = now();
        int rc = ent_engine_eu.step(st, &err);

        total += now() - t0;
        ++*rounds;
        if (rc <= 0)
            break;
    }
    ent_engine_eu.destroy(st);
    return total;
}

/* Seconds per round for n random actors. */
static double bench_n(int n, const char *how, int *rounds)
{
    unsigned long long seed = 20110401ULL + (unsigned long long)n;
    double *cap = malloc((size_t)n * sizeof(double));
    double *pos = malloc((size_t)n * sizeof(double));
    double *sal = malloc((size_t)n * sizeof(double));
    double lo = 0, hi = 100, total = 0;
    ent_slice s = {n, 1, cap, pos, sal, &lo, &hi, NULL, NULL, NULL};

    if (!cap || !pos || !sal) {
        fputs("bench_eu: out of memory\n", stderr);
        exit(1);
    }
    for (int i = 0; i < n; i++) {
        pos[i] = 100 * uniform(&seed);
        cap[i] = 0.01 + 0.99 * uniform(&seed);
        sal[i] = uniform(&seed);
    }
    *rounds = 0;
    while (total < 0.25)
        total += time_batch(&s, how, rounds);
    free(cap);
    free(pos);
    free(sal);
    return total / *rounds;
}

int main(int argc, char **argv)
{
    static const int default_sizes[] = {10, 50, 100, 200, 1000};
    int sizes[16];
    size_t n_sizes = 0;
    double base = 0;

    for (int a = 1; a < argc && n_sizes < 16; a++)
        sizes[n_sizes++] = atoi(argv[a]);
    if (n_sizes == 0)
        for (; n_sizes < sizeof default_sizes / sizeof *default_sizes;
             n_sizes++)
            sizes[n_sizes] = default_sizes[n_sizes];

    printf("eu engine (variant=jm), CPU seconds per round; pow=vector uses "
           "SLEEF's %s functions here\n",
           ent_vmath_name(ent_vmath_best()));
    printf("%6s %8s %14s %14s %14s %10s\n", "n", "rounds", "s/round exact",
           "vs n^3 growth", "s/round vector", "vector/exact");
    for (size_t k = 0; k < n_sizes; k++) {
        int n = sizes[k], rounds, vrounds;
        double per = bench_n(n, "exact", &rounds), cube;
        double vper = bench_n(n, "vector", &vrounds);

        if (k == 0)
            base = per;
        cube = (double)n / sizes[0];
        cube = cube * cube * cube;
        printf("%6d %8d %14.3e %14.4f %14.3e %10.2f\n", n, rounds, per,
               per / base / cube, vper, vper / per);
    }
    printf("(last column: (t(n) / t(%d)) / (n / %d)^3; 1 = cubic growth)\n",
           sizes[0], sizes[0]);
    return 0;
}
