/*
 * smp_rng.c -- KTAB's pseudo-random numbers: the standard 64-bit Mersenne
 * Twister (mt19937_64, Matsumoto & Nishimura 2000, as in C++11 <random>)
 * whose every output r is passed through KTAB's one-to-one transform
 * q(r) = (r + 0xE08C1D668B756F83) * (2r + 3) mod 2^64.
 *
 * Only the Stochastic state transitions draw numbers (one per actor per
 * turn), so with KTAB's default parameters the seed has no effect.
 */
#include "model/smp.h"

#define MT_N 312
#define MT_M 156
#define MT_MATRIX_A UINT64_C(0xB5026F5AA96619E9)
#define MT_UPPER UINT64_C(0xFFFFFFFF80000000)
#define MT_LOWER UINT64_C(0x000000007FFFFFFF)
#define KTAB_Q64C UINT64_C(0xE08C1D668B756F83)

void smp_rng_seed(smp_rng *r, uint64_t seed)
{
    r->mt[0] = seed;
    for (int i = 1; i < MT_N; i++) {
        uint64_t prev = r->mt[i - 1];

        r->mt[i] =
            UINT64_C(6364136223846793005) * (prev ^ (prev >> 62)) + (uint64_t)i;
    }
    r->next = MT_N;
}

/* Regenerates the whole block of 312 words. */
static void mt_twist(uint64_t *mt)
{
    for (int i = 0; i < MT_N; i++) {
        uint64_t y = (mt[i] & MT_UPPER) | (mt[(i + 1) % MT_N] & MT_LOWER);
        uint64_t v = mt[(i + MT_M) % MT_N] ^ (y >> 1);

        mt[i] = (y & 1) ? v ^ MT_MATRIX_A : v;
    }
}

uint64_t smp_rng_raw(smp_rng *r)
{
    uint64_t z;

    if (r->next >= MT_N) {
        mt_twist(r->mt);
        r->next = 0;
    }
    z = r->mt[r->next++];
    z ^= (z >> 29) & UINT64_C(0x5555555555555555);
    z ^= (z << 17) & UINT64_C(0x71D67FFFEDA60000);
    z ^= (z << 37) & UINT64_C(0xFFF7EEE000000000);
    z ^= z >> 43;
    return z;
}

uint64_t smp_rng_next(smp_rng *r)
{
    uint64_t x = smp_rng_raw(r);

    return (x + KTAB_Q64C) * (UINT64_C(2) * x + UINT64_C(3));
}

double smp_rng_uniform(smp_rng *r)
{
    return (double)smp_rng_next(r) / (double)UINT64_MAX;
}

int smp_rng_select(smp_rng *r, const double *p, int m)
{
    double u = smp_rng_uniform(r), sum = 0.0;

    for (int i = 0; i < m; i++) {
        sum = sum + p[i];
        if (u <= sum)
            return i;
    }
    return m - 1;
}
