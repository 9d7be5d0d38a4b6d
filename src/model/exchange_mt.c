/*
 * exchange_mt.c -- CPython's `random` module: MT19937 (Matsumoto &
 * Nishimura 1998) seeded the way random.seed(int) seeds it, and the draws
 * Decide uses, computed exactly as CPython computes them.
 *
 * random.seed(n) feeds the 32-bit words of |n|, least significant first,
 * to init_by_array (one word of 0 for n = 0).  random() joins the top 27
 * and 26 bits of two outputs into a 53-bit fraction; getrandbits(k <= 32)
 * keeps the top k bits of one output; _randbelow(n) draws
 * getrandbits(bit_length(n)) until the draw is below n.
 */
#include "model/exchange.h"

#define MT_M 397
#define MT_MATRIX_A 0x9908b0dfu
#define MT_UPPER 0x80000000u
#define MT_LOWER 0x7fffffffu

static void init_genrand(xmt *r, uint32_t s)
{
    r->mt[0] = s;
    for (int i = 1; i < XMT_N; i++)
        r->mt[i] =
            1812433253u * (r->mt[i - 1] ^ (r->mt[i - 1] >> 30)) + (uint32_t)i;
    r->next = XMT_N;
}

static void init_by_array(xmt *r, const uint32_t *key, int len)
{
    int i = 1, j = 0;

    init_genrand(r, 19650218u);
    for (int k = XMT_N > len ? XMT_N : len; k; k--) {
        r->mt[i] =
            (r->mt[i] ^ ((r->mt[i - 1] ^ (r->mt[i - 1] >> 30)) * 1664525u)) +
            key[j] + (uint32_t)j;
        i++;
        j++;
        if (i >= XMT_N) {
            r->mt[0] = r->mt[XMT_N - 1];
            i = 1;
        }
        if (j >= len)
            j = 0;
    }
    for (int k = XMT_N - 1; k; k--) {
        r->mt[i] =
            (r->mt[i] ^ ((r->mt[i - 1] ^ (r->mt[i - 1] >> 30)) * 1566083941u)) -
            (uint32_t)i;
        i++;
        if (i >= XMT_N) {
            r->mt[0] = r->mt[XMT_N - 1];
            i = 1;
        }
    }
    r->mt[0] = 0x80000000u;
}

void xmt_seed(xmt *r, uint64_t seed)
{
    uint32_t key[2] = {(uint32_t)seed, (uint32_t)(seed >> 32)};

    init_by_array(r, key, key[1] ? 2 : 1);
}

static void twist(uint32_t *mt)
{
    for (int k = 0; k < XMT_N; k++) {
        uint32_t y = (mt[k] & MT_UPPER) | (mt[(k + 1) % XMT_N] & MT_LOWER);

        mt[k] =
            mt[(k + MT_M) % XMT_N] ^ (y >> 1) ^ ((y & 1u) ? MT_MATRIX_A : 0);
    }
}

uint32_t xmt_uint32(xmt *r)
{
    uint32_t y;

    if (r->next >= XMT_N) {
        twist(r->mt);
        r->next = 0;
    }
    y = r->mt[r->next++];
    y ^= y >> 11;
    y ^= (y << 7) & 0x9d2c5680u;
    y ^= (y << 15) & 0xefc60000u;
    y ^= y >> 18;
    return y;
}

double xmt_random(xmt *r)
{
    uint32_t a = xmt_uint32(r) >> 5, b = xmt_uint32(r) >> 6;

    return ((double)a * 67108864.0 + (double)b) * (1.0 / 9007199254740992.0);
}

uint32_t xmt_getrandbits(xmt *r, int k)
{
    return k <= 0 ? 0 : xmt_uint32(r) >> (32 - k);
}

uint32_t xmt_randbelow(xmt *r, uint32_t n)
{
    int k = 0;
    uint32_t v;

    while (k < 32 && (n >> k) != 0)
        k++;
    do
        v = xmt_getrandbits(r, k);
    while (v >= n);
    return v;
}

long xmt_randint(xmt *r, long a, long b)
{
    return a + (long)xmt_randbelow(r, (uint32_t)(b - a + 1));
}

void xmt_shuffle(xmt *r, int *items, int n)
{
    for (int i = n - 1; i > 0; i--) {
        int j = (int)xmt_randbelow(r, (uint32_t)i + 1), t = items[i];

        items[i] = items[j];
        items[j] = t;
    }
}

int xmt_choice(xmt *r, int n)
{
    return (int)xmt_randbelow(r, (uint32_t)n);
}
