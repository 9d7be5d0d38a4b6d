/*
 * exchange_dec.c -- 28-digit decimal arithmetic, rounded half to even like
 * Python's decimal module (see exchange_dec.h): the common cases on fixed
 * 128- and 256-bit integers, without allocating.
 *
 * A coefficient is below 10^28 < 2^94, so a product of two fits in 256
 * bits, and so does a sum once one addend is scaled by up to 10^38.
 * Rounding to 28 digits divides by powers of ten one 64-bit limb at a
 * time, keeping a sticky bit for the digits dropped below the rounding
 * digit.  Sums whose exponents are further apart, and divisions whose
 * scaled dividend does not fit, go to the GMP versions
 * (exchange_dec_gmp.c), which the tests compare with these.
 */
#include <math.h>

#include <gmp.h>

#include "model/exchange_dec.h"

typedef unsigned __int128 u128;

_Static_assert(sizeof(mp_limb_t) == 8, "64-bit GMP limbs");

/* A 256-bit unsigned integer, least significant limb first. */
typedef struct u256 {
    mp_limb_t w[4];
} u256;

enum { DIGITS = 28, FAR = 32, MAX_SHIFT = 38, NEAR = 10 };

#define P(hi, lo) (((u128)(hi) << 64) | (u128)(lo))

static const u128 pow10_tab[MAX_SHIFT + 1] = {
    P(0x0u, 0x1u),                              /* 1e0 */
    P(0x0u, 0xau),                              /* 1e1 */
    P(0x0u, 0x64u),                             /* 1e2 */
    P(0x0u, 0x3e8u),                            /* 1e3 */
    P(0x0u, 0x2710u),                           /* 1e4 */
    P(0x0u, 0x186a0u),                          /* 1e5 */
    P(0x0u, 0xf4240u),                          /* 1e6 */
    P(0x0u, 0x989680u),                         /* 1e7 */
    P(0x0u, 0x5f5e100u),                        /* 1e8 */
    P(0x0u, 0x3b9aca00u),                       /* 1e9 */
    P(0x0u, 0x2540be400u),                      /* 1e10 */
    P(0x0u, 0x174876e800u),                     /* 1e11 */
    P(0x0u, 0xe8d4a51000u),                     /* 1e12 */
    P(0x0u, 0x9184e72a000u),                    /* 1e13 */
    P(0x0u, 0x5af3107a4000u),                   /* 1e14 */
    P(0x0u, 0x38d7ea4c68000u),                  /* 1e15 */
    P(0x0u, 0x2386f26fc10000u),                 /* 1e16 */
    P(0x0u, 0x16345785d8a0000u),                /* 1e17 */
    P(0x0u, 0xde0b6b3a7640000u),                /* 1e18 */
    P(0x0u, 0x8ac7230489e80000u),               /* 1e19 */
    P(0x5u, 0x6bc75e2d63100000u),               /* 1e20 */
    P(0x36u, 0x35c9adc5dea00000u),              /* 1e21 */
    P(0x21eu, 0x19e0c9bab2400000u),             /* 1e22 */
    P(0x152du, 0x2c7e14af6800000u),             /* 1e23 */
    P(0xd3c2u, 0x1bcecceda1000000u),            /* 1e24 */
    P(0x84595u, 0x161401484a000000u),           /* 1e25 */
    P(0x52b7d2u, 0xdcc80cd2e4000000u),          /* 1e26 */
    P(0x33b2e3cu, 0x9fd0803ce8000000u),         /* 1e27 */
    P(0x204fce5eu, 0x3e25026110000000u),        /* 1e28 */
    P(0x1431e0faeu, 0x6d7217caa0000000u),       /* 1e29 */
    P(0xc9f2c9cd0u, 0x4674edea40000000u),       /* 1e30 */
    P(0x7e37be2022u, 0xc0914b2680000000u),      /* 1e31 */
    P(0x4ee2d6d415bu, 0x85acef8100000000u),     /* 1e32 */
    P(0x314dc6448d93u, 0x38c15b0a00000000u),    /* 1e33 */
    P(0x1ed09bead87c0u, 0x378d8e6400000000u),   /* 1e34 */
    P(0x13426172c74d82u, 0x2b878fe800000000u),  /* 1e35 */
    P(0xc097ce7bc90715u, 0xb34b9f1000000000u),  /* 1e36 */
    P(0x785ee10d5da46d9u, 0xf436a000000000u),   /* 1e37 */
    P(0x4b3b4ca85a86c47au, 0x98a224000000000u), /* 1e38 */
};

/* 10^39 .. 10^77, least significant limb first. */
static const u256 pow10_big[77 - MAX_SHIFT] = {
    {{0x5f65568000000000u, 0xf050fe938943acc4u, 0x2u, 0x0u}},         /* 1e39 */
    {{0xb9f5610000000000u, 0x6329f1c35ca4bfabu, 0x1du, 0x0u}},        /* 1e40 */
    {{0x4395ca0000000000u, 0xdfa371a19e6f7cb5u, 0x125u, 0x0u}},       /* 1e41 */
    {{0xa3d9e40000000000u, 0xbc627050305adf14u, 0xb7au, 0x0u}},       /* 1e42 */
    {{0x6682e80000000000u, 0x5bd86321e38cb6ceu, 0x72cbu, 0x0u}},      /* 1e43 */
    {{0x11d100000000000u, 0x9673df52e37f2410u, 0x47bf1u, 0x0u}},      /* 1e44 */
    {{0xb22a00000000000u, 0xe086b93ce2f768a0u, 0x2cd76fu, 0x0u}},     /* 1e45 */
    {{0x6f5a400000000000u, 0xc5433c60ddaa1640u, 0x1c06a5eu, 0x0u}},   /* 1e46 */
    {{0x5986800000000000u, 0xb4a05bc8a8a4de84u, 0x118427b3u, 0x0u}},  /* 1e47 */
    {{0x7f41000000000000u, 0xe4395d69670b12bu, 0xaf298d05u, 0x0u}},   /* 1e48 */
    {{0xf88a000000000000u, 0x8ea3da61e066ebb2u, 0x6d79f8232u, 0x0u}}, /* 1e49 */
    {{0xb564000000000000u, 0x926687d2c40534fdu, 0x446c3b15f9u,
      0x0u}}, /* 1e50 */
    {{0x15e8000000000000u, 0xb8014e3ba83411e9u, 0x2ac3a4edbbfu,
      0x0u}}, /* 1e51 */
    {{0xdb10000000000000u, 0x300d0e549208b31au, 0x1aba4714957du,
      0x0u}}, /* 1e52 */
    {{0x8ea0000000000000u, 0xe0828f4db456ff0cu, 0x10b46c6cdd6e3u,
      0x0u}}, /* 1e53 */
    {{0x9240000000000000u, 0xc51999090b65f67du, 0xa70c3c40a64e6u,
      0x0u}}, /* 1e54 */
    {{0xb680000000000000u, 0xb2fffa5a71fba0e7u, 0x6867a5a867f103u,
      0x0u}}, /* 1e55 */
    {{0x2100000000000000u, 0xfdffc78873d4490du, 0x4140c78940f6a24u,
      0x0u}}, /* 1e56 */
    {{0x4a00000000000000u, 0xebfdcb54864ada83u, 0x28c87cb5c89a2571u,
      0x0u}}, /* 1e57 */
    {{0xe400000000000000u, 0x37e9f14d3eec8920u, 0x97d4df19d6057673u,
      0x1u}}, /* 1e58 */
    {{0xe800000000000000u, 0x2f236d04753d5b48u, 0xee50b7025c36a080u,
      0xfu}}, /* 1e59 */
    {{0x1000000000000000u, 0xd762422c946590d9u, 0x4f2726179a224501u,
      0x9fu}}, /* 1e60 */
    {{0xa000000000000000u, 0x69d695bdcbf7a87au, 0x17877cec0556b212u,
      0x639u}}, /* 1e61 */
    {{0x4000000000000000u, 0x2261d969f7ac94cau, 0xeb4ae1383562f4b8u,
      0x3e3au}}, /* 1e62 */
    {{0x8000000000000000u, 0x57d27e23acbdcfe6u, 0x30eccc3215dd8f31u,
      0x26e4du}},                                                     /* 1e63 */
    {{0x0u, 0x6e38ed64bf6a1f01u, 0xe93ff9f4daa797edu, 0x184f03u}},    /* 1e64 */
    {{0x0u, 0x4e3945ef7a25360au, 0x1c7fc3908a8bef46u, 0xf31627u}},    /* 1e65 */
    {{0x0u, 0xe3cbb5ac5741c64u, 0x1cfda3a5697758bfu, 0x97edd87u}},    /* 1e66 */
    {{0x0u, 0x8e5f518bb6891be8u, 0x21e864761ea97776u, 0x5ef4a747u}},  /* 1e67 */
    {{0x0u, 0x8fb92f75215b1710u, 0x5313ec9d329eaaa1u, 0x3b58e88c7u}}, /* 1e68 */
    {{0x0u, 0x9d3bda934d8ee6a0u, 0x3ec73e23fa32aa4fu,
      0x25179157c9u}}, /* 1e69 */
    {{0x0u, 0x245689c107950240u, 0x73c86d67c5faa71cu,
      0x172ebad6ddcu}}, /* 1e70 */
    {{0x0u, 0x6b61618a4bd21680u, 0x85d4460dbbca8719u,
      0xe7d34c64a9cu}}, /* 1e71 */
    {{0x0u, 0x31cdcf66f634e100u, 0x3a4abc8955e946feu,
      0x90e40fbeea1du}}, /* 1e72 */
    {{0x0u, 0xf20a1a059e10ca00u, 0x46eb5d5d5b1cc5edu,
      0x5a8e89d752524u}}, /* 1e73 */
    {{0x0u, 0x746504382ca7e400u, 0xc531a5a58f1fbb4bu,
      0x3899162693736au}}, /* 1e74 */
    {{0x0u, 0x8bf22a31be8ee800u, 0xb3f07877973d50f2u,
      0x235fadd81c2822bu}}, /* 1e75 */
    {{0x0u, 0x7775a5f171951000u, 0x764b4abe8652979u,
      0x161bcca7119915b5u}}, /* 1e76 */
    {{0x0u, 0xaa987b6e6fd2a000u, 0x49ef0eb713f39ebeu,
      0xdd15fe86affad912u}}, /* 1e77 */
};

static u256 u256_of(u128 v)
{
    u256 r = {{(mp_limb_t)v, (mp_limb_t)(v >> 64), 0, 0}};

    return r;
}

static u128 low128(const u256 *v)
{
    return ((u128)v->w[1] << 64) | v->w[0];
}

static u256 mul128(u128 a, u128 b)
{
    u128 a0 = (mp_limb_t)a, a1 = a >> 64, b0 = (mp_limb_t)b, b1 = b >> 64;
    u128 p00 = a0 * b0, p01 = a0 * b1, p10 = a1 * b0, p11 = a1 * b1;
    u128 mid = (p00 >> 64) + (mp_limb_t)p01 + (mp_limb_t)p10;
    u128 high = (mid >> 64) + (p01 >> 64) + (p10 >> 64) + (mp_limb_t)p11;
    u256 r;

    r.w[0] = (mp_limb_t)p00;
    r.w[1] = (mp_limb_t)mid;
    r.w[2] = (mp_limb_t)high;
    r.w[3] = (mp_limb_t)((high >> 64) + (p11 >> 64));
    return r;
}

static int u256_cmp(const u256 *a, const u256 *b)
{
    for (int i = 3; i >= 0; i--)
        if (a->w[i] != b->w[i])
            return a->w[i] < b->w[i] ? -1 : 1;
    return 0;
}

static int u256_bits(const u256 *v)
{
    for (int i = 3; i >= 0; i--)
        if (v->w[i])
            return 64 * i + 64 - __builtin_clzll(v->w[i]);
    return 0;
}

/* 10^k for k <= 77. */
static u256 pow10_256(int k)
{
    return k <= MAX_SHIFT ? u256_of(pow10_tab[k])
                          : pow10_big[k - MAX_SHIFT - 1];
}

static int bits128(u128 v)
{
    return (v >> 64)      ? 128 - __builtin_clzll((mp_limb_t)(v >> 64))
           : (mp_limb_t)v ? 64 - __builtin_clzll((mp_limb_t)v)
                          : 0;
}

static int u128_digits(u128 v)
{
    int bits = (v >> 64)      ? 128 - __builtin_clzll((mp_limb_t)(v >> 64))
               : (mp_limb_t)v ? 64 - __builtin_clzll((mp_limb_t)v)
                              : 0;
    int est = (bits * 1233) >> 12;

    return est + (v >= pow10_tab[est]);
}

/* Decimal digits of v. */
static int u256_digits(const u256 *v)
{
    int est;
    u256 p;

    if ((v->w[2] | v->w[3]) == 0)
        return u128_digits(low128(v));
    est = (u256_bits(v) * 1233) >> 12;
    p = pow10_256(est);
    return est + (u256_cmp(v, &p) >= 0);
}

int xdec_coef_digits(u128 c)
{
    return c == 0 ? 0 : u128_digits(c);
}

/* (hi * 2^64 + lo) / d and its remainder, for hi < d: one hardware
   division where there is one (a 128-bit division is a library call). */
static mp_limb_t div2by1(mp_limb_t hi, mp_limb_t lo, mp_limb_t d,
                         mp_limb_t *rem)
{
#if defined(__x86_64__) && defined(__GNUC__)
    mp_limb_t q, r;

    __asm__("divq %4" : "=a"(q), "=d"(r) : "a"(lo), "d"(hi), "rm"(d));
    *rem = r;
    return q;
#else
    u128 n = ((u128)hi << 64) | lo;

    *rem = (mp_limb_t)(n % d);
    return (mp_limb_t)(n / d);
#endif
}

/* v /= d (d > 0); returns the remainder. */
static mp_limb_t u256_divrem(u256 *v, mp_limb_t d)
{
    mp_limb_t r = 0;

    for (int i = 3; i >= 0; i--) {
        if (r == 0 && v->w[i] < d) { /* a zero digit of the quotient */
            r = v->w[i];
            v->w[i] = 0;
            continue;
        }
        v->w[i] = div2by1(r, v->w[i], d, &r);
    }
    return r;
}

/* q rounded up when the dropped part (rem against half) says so. */
static u128 round_up(u128 q, int above, int tie)
{
    return above || (tie && (q & 1)) ? q + 1 : q;
}

/* The decimal q * 10^e of a coefficient q just rounded to 28 digits: a
   carry out of the top digit (q = 10^28) becomes 10^27 * 10^(e + 1). */
static xdec rounded(u128 q, long e, int neg)
{
    xdec r;

    if (q == pow10_tab[DIGITS]) {
        q = pow10_tab[DIGITS - 1];
        e++;
    }
    r.coef = q;
    r.exp = (int)e;
    r.neg = neg;
    return r;
}

/* v * 10^e rounded to 28 digits, half to even. */
static xdec round256(u256 v, long e, int neg)
{
    xdec r = {0, 0, 0};
    int nd = u256_digits(&v), k;
    u128 q;

    if (nd == 0)
        return r;
    k = nd > DIGITS ? nd - DIGITS : 0;
    if (k == 0) {
        q = low128(&v);
    } else if (k <= 19) {
        mp_limb_t p = (mp_limb_t)pow10_tab[k], rem = u256_divrem(&v, p);

        q = round_up(low128(&v), rem > p / 2, rem == p / 2);
    } else {
        /* k > 19 digits dropped: the lowest k - 19 only as a sticky bit,
           then the 19 just below the kept ones against half of 10^19 */
        mp_limb_t sticky = 0, top, half = 5 * (mp_limb_t)pow10_tab[18];

        for (int drop = k - 19; drop > 0; drop -= 19)
            sticky |=
                u256_divrem(&v, (mp_limb_t)pow10_tab[drop < 19 ? drop : 19]);
        top = u256_divrem(&v, (mp_limb_t)pow10_tab[19]);
        q = round_up(low128(&v), top > half || (top == half && sticky),
                     top == half && !sticky);
    }
    return rounded(q, e + k, neg);
}

/* v * 10^e rounded to 28 digits, half to even, for v > 0 below 2^128
   (at most 39 digits: at most 11 dropped, a 64-bit divisor). */
static xdec round128(u128 v, long e, int neg)
{
    int k = u128_digits(v) - DIGITS;
    mp_limb_t p, hi, rem;
    u128 q;

    if (k <= 0)
        return rounded(v, e, neg); /* below 10^28: nothing to round */
    p = (mp_limb_t)pow10_tab[k];
    hi = (mp_limb_t)(v >> 64);
    q = (u128)(hi / p) << 64;
    q |= div2by1(hi % p, (mp_limb_t)v, p, &rem);
    q = round_up(q, rem > p / 2, rem == p / 2);
    return rounded(q, e + k, neg);
}

/* a + b for a.exp - b.exp = shift <= NEAR: a's coefficient scaled by
   10^shift stays below 10^38, and the sum below 2^128. */
static xdec add_near(xdec a, xdec b, int shift)
{
    u128 x = a.coef * pow10_tab[shift], y = b.coef, s;
    int neg = a.neg;

    if (a.neg == b.neg) {
        s = x + y;
    } else if (x >= y) {
        s = x - y;
    } else {
        s = y - x;
        neg = b.neg;
    }
    if (s == 0) {
        xdec r = {0, 0, 0};

        return r;
    }
    return round128(s, b.exp, neg);
}

xdec xdec_add(xdec a, xdec b)
{
    u256 x, y, s = {{0, 0, 0, 0}};
    int shift;

    if (b.coef == 0)
        return a;
    if (a.coef == 0)
        return b;
    if (a.exp < b.exp) {
        xdec t = a;

        a = b;
        b = t;
    }
    shift = a.exp - b.exp;
    if (shift <= NEAR)
        return add_near(a, b, shift);
    if (shift > MAX_SHIFT)
        return xdec_ref_add(a, b);
    x = mul128(a.coef, pow10_tab[shift]);
    y = u256_of(b.coef);
    if (a.neg == b.neg) {
        mpn_add_n(s.w, x.w, y.w, 4);
        return round256(s, b.exp, a.neg);
    }
    if (u256_cmp(&x, &y) >= 0) {
        mpn_sub_n(s.w, x.w, y.w, 4);
        return round256(s, b.exp, a.neg);
    }
    mpn_sub_n(s.w, y.w, x.w, 4);
    return round256(s, b.exp, b.neg);
}

xdec xdec_sub(xdec a, xdec b)
{
    return xdec_add(a, xdec_neg(b));
}

xdec xdec_mul(xdec a, xdec b)
{
    xdec zero = {0, 0, 0};

    if (a.coef == 0 || b.coef == 0)
        return zero;
    if (bits128(a.coef) + bits128(b.coef) <= 128) /* the product fits */
        return round128(a.coef * b.coef, (long)a.exp + b.exp, a.neg != b.neg);
    return round256(mul128(a.coef, b.coef), (long)a.exp + b.exp,
                    a.neg != b.neg);
}

/* q * 10 + add (q < 10^76). */
static u256 times10_plus(u256 q, mp_limb_t add)
{
    u128 carry = add;

    for (int i = 0; i < 4; i++) {
        u128 t = (u128)q.w[i] * 10 + carry;

        q.w[i] = (mp_limb_t)t;
        carry = t >> 64;
    }
    return q;
}

xdec xdec_div(xdec a, xdec b)
{
    int s = 31 + xdec_coef_digits(b.coef) - xdec_coef_digits(a.coef);
    mp_limb_t rem_any;
    u256 n, q = {{0, 0, 0, 0}};

    if (a.coef == 0)
        return a;
    if (s < 0)
        s = 0;
    if (s > MAX_SHIFT)
        return xdec_ref_div(a, b);
    n = mul128(a.coef, pow10_tab[s]);
    if ((b.coef >> 64) == 0) {
        q = n;
        rem_any = u256_divrem(&q, (mp_limb_t)b.coef);
    } else {
        mp_limb_t d[2] = {(mp_limb_t)b.coef, (mp_limb_t)(b.coef >> 64)};
        mp_limb_t qt[4] = {0, 0, 0, 0}, r[2] = {0, 0};
        int nn = 4;

        while (nn > 2 && n.w[nn - 1] == 0)
            nn--;
        mpn_tdiv_qr(qt, r, 0, n.w, nn, d, 2);
        for (int i = 0; i < 4; i++)
            q.w[i] = qt[i];
        rem_any = r[0] | r[1];
    }
    /* a sticky digit below the quotient's 30 or more digits */
    return round256(times10_plus(q, rem_any != 0), (long)a.exp - b.exp - s - 1,
                    a.neg != b.neg);
}

/* v *= d (no overflow out of 256 bits). */
static void u256_mul_limb(u256 *v, mp_limb_t d)
{
    mp_limb_t carry = 0;

    for (int i = 0; i < 4; i++) {
        u128 t = (u128)v->w[i] * d + carry;

        v->w[i] = (mp_limb_t)t;
        carry = (mp_limb_t)(t >> 64);
    }
}

/* The bit of v at place b (0 above 255). */
static int u256_bit(const u256 *v, int b)
{
    return b < 256 && (v->w[b / 64] >> (b % 64)) & 1;
}

/* 1 if any bit of v below place b is set. */
static int u256_any_below(const u256 *v, int b)
{
    for (int i = 0; i < 4 && 64 * i < b; i++) {
        int n = b - 64 * i;
        mp_limb_t mask = n >= 64 ? ~(mp_limb_t)0 : ((mp_limb_t)1 << n) - 1;

        if (v->w[i] & mask)
            return 1;
    }
    return 0;
}

/* v >>= s (0 < s < 256); returns how the bits shifted out compare with
   half of 2^s: 0 none set, 1 below half, 2 half, 3 above. */
static int u256_shift(u256 *v, int s)
{
    int half = u256_bit(v, s - 1), rest = u256_any_below(v, s - 1);
    int word = s / 64, bit = s % 64;
    u256 r = {{0, 0, 0, 0}};

    for (int i = 0; i + word < 4; i++) {
        r.w[i] = v->w[i + word] >> bit;
        if (bit && i + word + 1 < 4)
            r.w[i] |= v->w[i + word + 1] << (64 - bit);
    }
    *v = r;
    return half ? (rest ? 3 : 2) : rest;
}

/*
 * a * x for a double x = M * 2^-s (M below 2^53, s > 0): the exact
 * product is N / 2^s * 10^a.exp with N = coef * M.  Scaled by 10^j so
 * that its integer part A = floor(N * 10^j / 2^s) has at least 28 digits,
 * A and the bits shifted out round it to 28 digits exactly.  N * 10^j
 * stays near 2^150, well inside 256 bits, whatever the coefficient; other
 * cases go to GMP.
 */
xdec xdec_mul_exact(xdec a, double x)
{
    int k2, s, j, nd, k, frac;
    double mant = frexp(fabs(x), &k2);
    mp_limb_t m = (mp_limb_t)ldexp(mant, 53), rem, p;
    u256 n, v;

    s = 53 - k2;
    if (a.coef == 0 || x == 0 || !isfinite(x) || s <= 0 || s >= 192)
        return xdec_ref_mul_exact(a, x);
    n = mul128(a.coef, m);
    /* digits of N / 2^s: about (bits - s) log10(2); j makes 28 or more */
    j = DIGITS + 1 - (u256_bits(&n) - s) * 1233 / 4096;
    if (j < 0)
        j = 0;
    for (;;) {
        if (j < 0 || j > 2 * 19 || u256_bits(&n) + (j * 3322) / 1000 + 1 > 250)
            return xdec_ref_mul_exact(a, x);
        v = n;
        u256_mul_limb(&v, (mp_limb_t)pow10_tab[j < 19 ? j : 19]);
        if (j > 19)
            u256_mul_limb(&v, (mp_limb_t)pow10_tab[j - 19]);
        frac = u256_shift(&v, s);
        nd = u256_digits(&v);
        if (nd >= DIGITS)
            break;
        j += DIGITS - nd;
    }
    k = nd - DIGITS;
    if (k == 0)
        return rounded(round_up(low128(&v), frac == 3, frac == 2),
                       (long)a.exp - j, a.neg != (x < 0));
    if (k > 19)
        return xdec_ref_mul_exact(a, x);
    p = (mp_limb_t)pow10_tab[k];
    rem = u256_divrem(&v, p);
    return rounded(round_up(low128(&v), rem > p / 2 || (rem == p / 2 && frac),
                            rem == p / 2 && !frac),
                   (long)a.exp - j + k, a.neg != (x < 0));
}

/* |a| against |b|. */
static int cmp_abs(xdec a, xdec b)
{
    int ea, eb;
    u128 x = a.coef, y = b.coef;

    if (a.exp == b.exp)
        return x < y ? -1 : x > y;
    ea = a.exp + xdec_coef_digits(a.coef);
    eb = b.exp + xdec_coef_digits(b.coef);
    if (ea != eb)
        return ea < eb ? -1 : 1;
    /* as many digits before the point: the one with fewer digits scaled
       to the other's stays below 10^28 */
    if (a.exp > b.exp)
        x *= pow10_tab[a.exp - b.exp];
    else
        y *= pow10_tab[b.exp - a.exp];
    return x < y ? -1 : x > y;
}

int xdec_cmp(xdec a, xdec b)
{
    int sa = xdec_sign(a), sb = xdec_sign(b);

    if (sa != sb || sa == 0)
        return sa < sb ? -1 : sa > sb;
    return sa > 0 ? cmp_abs(a, b) : -cmp_abs(a, b);
}

__int128 xdec_key(xdec a)
{
    int nd = xdec_coef_digits(a.coef);
    long long e = (long long)a.exp + nd + 2147483648LL; /* in [0, 2^33) */
    __int128 k;

    if (nd == 0)
        return 0;
    /* the adjusted exponent above the coefficient scaled to 28 digits
       (< 2^94): positive numbers order by e, then by the digits */
    k = (__int128)(((u128)e << 94) | (a.coef * pow10_tab[DIGITS - nd]));
    return a.neg ? -k : k;
}

/* The nearest double to v (as the conversion rounds, without its
   library call): the bits below the top 64 only as a sticky bit, which
   keeps the rounding 11 bits higher exact. */
static double u128_to_double(u128 v)
{
    mp_limb_t hi = (mp_limb_t)(v >> 64);
    int shift;
    mp_limb_t top;

    if (hi == 0)
        return (double)(mp_limb_t)v;
    shift = 64 - __builtin_clzll(hi);
    top = (mp_limb_t)(v >> shift) | ((v & (((u128)1 << shift) - 1)) != 0);
    return (double)top * (double)((mp_limb_t)1 << shift); /* shift <= 30 */
}

double xdec_approx(xdec a)
{
    static const double p10[23] = {
        1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
    double v = u128_to_double(a.coef); /* each step below rounds once */

    if (a.exp >= 0 && a.exp <= 22)
        v *= p10[a.exp];
    else if (a.exp < 0 && a.exp >= -22)
        v /= p10[-a.exp];
    else if (a.exp < -22 && a.exp >= -44)
        v = v / p10[22] / p10[-a.exp - 22];
    else
        return xdec_to_double(a);
    return a.neg ? -v : v;
}

/* The nearest double to v * 2^-s: its top 64 bits and a sticky bit for
   the rest (v != 0). */
static double u256_to_double(const u256 *v, int s)
{
    int bits = u256_bits(v), shift = bits > 64 ? bits - 64 : 0;
    u256 top = *v;
    int frac = shift ? u256_shift(&top, shift) : 0;

    return ldexp((double)(top.w[0] | (frac != 0)), shift - s);
}

/*
 * The nearest double, without GMP or text where 256 bits do: a
 * coefficient below 2^53 times a power of ten up to 10^22 is one
 * correctly rounded operation (both are exact doubles); otherwise the
 * coefficient, scaled by a power of two, is divided by (or multiplied
 * with) the power of ten to a quotient of 66 bits or more, and the
 * remainder's sticky bit rounds it exactly.
 */
double xdec_to_double(xdec a)
{
    static const double p10[23] = {
        1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
    double v;

    if (a.coef == 0)
        return 0;
    if ((a.coef >> 53) == 0 && a.exp >= -22 && a.exp <= 22) {
        v = (double)(mp_limb_t)a.coef;
        v = a.exp >= 0 ? v * p10[a.exp] : v / p10[-a.exp];
    } else if (a.exp >= 0 && a.exp <= MAX_SHIFT) {
        u256 n = mul128(a.coef, pow10_tab[a.exp]);

        v = u256_to_double(&n, 0);
    } else if (a.exp < 0 && a.exp >= -MAX_SHIFT) {
        u128 d = pow10_tab[-a.exp];
        int s = 66 + bits128(d) - bits128(a.coef);
        u256 q = u256_of(a.coef);
        mp_limb_t sticky = 0;

        s = s < 0 ? 0 : s;
        u256_mul_limb(&q, (mp_limb_t)1 << (s % 64)); /* q << s */
        for (int w = 3; w >= 0; w--)
            q.w[w] = w >= s / 64 ? q.w[w - s / 64] : 0;
        /* floor(q / 10^k) in steps of at most 10^19 (a floor of floors) */
        for (int k = -a.exp; k > 0; k -= 19)
            sticky |= u256_divrem(&q, (mp_limb_t)pow10_tab[k < 19 ? k : 19]);
        q.w[0] |= sticky != 0; /* the quotient has 66 bits or more */
        v = u256_to_double(&q, s);
    } else {
        return xdec_ref_to_double(a);
    }
    return a.neg ? -v : v;
}

/* |x| * 10^s rounded half to even to an integer (0 if out of reach):
   x = m 2^e exactly, m * 10^s is exact on 256 bits and the shift's
   dropped bits round it. */
static u128 scaled_round(double x, int s)
{
    int e2;
    double mant = frexp(fabs(x), &e2);
    mp_limb_t m = (mp_limb_t)ldexp(mant, 53);
    int shift = 53 - e2, frac;
    u256 n;

    if (s < 0 || s > MAX_SHIFT || shift <= 0 || shift >= 256)
        return 0;
    n = mul128(m, pow10_tab[s]);
    frac = u256_shift(&n, shift);
    if (n.w[2] | n.w[3])
        return 0;
    return round_up(low128(&n), frac == 3, frac == 2);
}

/* The text conversion's answer for a double with no decimal of 15
   digits or fewer reading back as it: the correctly rounded decimal of 16
   digits if it reads back as x, else that of 17 (xdec_to_double is
   correctly rounded, as strtod is).  Zero coefficient: out of reach. */
static xdec from_double_long(double x, int s)
{
    xdec r = {0, 0, x < 0};

    for (int p = 16; p <= 17; p++) {
        u128 c;

        for (int tries = 0; tries < 4; tries++) { /* exactly p digits */
            c = scaled_round(x, s);
            if (c >= pow10_tab[p])
                s--;
            else if (c != 0 && c < pow10_tab[p - 1])
                s++;
            else
                break;
        }
        if (c < pow10_tab[p - 1] || c >= pow10_tab[p])
            return r;
        r.coef = c;
        r.exp = -s;
        if (p == 17 || xdec_to_double(r) == x)
            return r;
        s++;
    }
    return r;
}

/*
 * The decimal a double prints as (the fewest significant digits that read
 * back as it, as the text conversion of xdec_ref_from_double finds it),
 * without text: at each scale 10^s, from below the double's first digit
 * up, the integers c next to |x| 10^s are tried; c 10^-s reads back as x
 * exactly when c / 10^-s (or c 10^s), one correctly rounded operation on
 * exact doubles (c < 2^53, |s| <= 22), is x.  The first scale with such a
 * c is the answer: a shorter decimal is one of a lower scale.  Below
 * 10^15 two such c cannot exist (their distance would be below a unit of
 * the double's last place), so it is the correctly rounded decimal of
 * its length, which the text conversion tries.  Past 15 digits, the
 * correctly rounded decimals of 16 and 17 digits are computed exactly.
 */
xdec xdec_from_double(double x)
{
    static const double p10[23] = {
        1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
    double ax = fabs(x);
    int s;

    if (x == 0 || !isfinite(x))
        return xdec_ref_from_double(x);
    s = -(int)floor(log10(ax)) - 2; /* |x| 10^s below 1 */
    for (; s <= 22 && s >= -22; s++) {
        double scaled = s >= 0 ? ax * p10[s] : ax / p10[-s], c0;
        int found = 0;
        xdec r = {0, 0, x < 0};

        if (scaled >= 1e15) {
            r = from_double_long(x, s);
            return r.coef ? r : xdec_ref_from_double(x);
        }
        c0 = nearbyint(scaled);
        for (int d = -1; d <= 1; d++) {
            double c = c0 + d;

            if (c >= 1 && (s >= 0 ? c / p10[s] : c * p10[-s]) == ax) {
                found++;
                r.coef = (u128)c;
            }
        }
        if (found > 1)
            break;
        if (found == 1) {
            r.exp = -s;
            while (r.coef % 10 == 0) {
                r.coef /= 10;
                r.exp++;
            }
            return r;
        }
    }
    return xdec_ref_from_double(x);
}

int xdec_cmp_double(xdec a, double x)
{
    int sa = xdec_sign(a), sx = (x > 0) - (x < 0);
    int ea, ex;

    if (x > -9007199254740992.0 && x < 9007199254740992.0 &&
        x == (double)(long)x)
        return xdec_cmp(a, xdec_int((long)x));
    if (sa != sx || sa == 0)
        return sa < sx ? -1 : sa > sx;
    /* magnitudes three decades apart are decided by their exponents (the
       double's decimal exponent from log10 may be one off) */
    ea = a.exp + xdec_coef_digits(a.coef);
    ex = (int)floor(log10(fabs(x))) + 1;
    if (ea - ex >= 3 || ex - ea >= 3)
        return (ea > ex) == (sa > 0) ? 1 : -1;
    return xdec_ref_cmp_double(a, x);
}
