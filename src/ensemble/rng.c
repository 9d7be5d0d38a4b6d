/*
 * rng.c -- Philox4x32-10, a counter-based random number generator
 * (Salmon, Moraes, Dror & Shaw, "Parallel random numbers: as easy as 1, 2,
 * 3", SC 2011).
 *
 * Output block j of stream s under seed k is philox((j, s), k): a pure
 * function, so run s of an ensemble draws the same numbers whichever
 * thread or process computes it and whatever ran before.  The key is the
 * 64-bit seed; the counter's low 64 bits count blocks, its high 64 bits
 * name the stream (the run index).
 */
#include "entente/ensemble.h"

#define PHILOX_M0 0xD2511F53u
#define PHILOX_M1 0xCD9E8D57u
#define PHILOX_W0 0x9E3779B9u
#define PHILOX_W1 0xBB67AE85u

static void philox_round(uint32_t c[4], const uint32_t k[2])
{
    uint64_t p0 = (uint64_t)PHILOX_M0 * c[0];
    uint64_t p1 = (uint64_t)PHILOX_M1 * c[2];
    uint32_t hi0 = (uint32_t)(p0 >> 32), lo0 = (uint32_t)p0;
    uint32_t hi1 = (uint32_t)(p1 >> 32), lo1 = (uint32_t)p1;

    c[0] = hi1 ^ c[1] ^ k[0];
    c[1] = lo1;
    c[2] = hi0 ^ c[3] ^ k[1];
    c[3] = lo0;
}

void ent_philox4x32(const uint32_t ctr[4], const uint32_t key[2],
                    uint32_t out[4])
{
    uint32_t c[4] = {ctr[0], ctr[1], ctr[2], ctr[3]};
    uint32_t k[2] = {key[0], key[1]};

    for (int r = 0; r < 10; r++) {
        if (r > 0) {
            k[0] += PHILOX_W0;
            k[1] += PHILOX_W1;
        }
        philox_round(c, k);
    }
    for (int i = 0; i < 4; i++)
        out[i] = c[i];
}

void ent_rng_init(ent_rng *r, uint64_t seed, uint64_t stream)
{
    r->key[0] = (uint32_t)seed;
    r->key[1] = (uint32_t)(seed >> 32);
    r->ctr[0] = 0;
    r->ctr[1] = 0;
    r->ctr[2] = (uint32_t)stream;
    r->ctr[3] = (uint32_t)(stream >> 32);
    r->used = 4;
}

uint32_t ent_rng_u32(ent_rng *r)
{
    if (r->used == 4) {
        ent_philox4x32(r->ctr, r->key, r->buf);
        if (++r->ctr[0] == 0)
            r->ctr[1]++;
        r->used = 0;
    }
    return r->buf[r->used++];
}

double ent_rng_uniform(ent_rng *r)
{
    uint32_t a = ent_rng_u32(r) >> 5; /* 27 bits */
    uint32_t b = ent_rng_u32(r) >> 6; /* 26 bits */

    return ((double)a * 67108864.0 + (double)b) * (1.0 / 9007199254740992.0);
}
