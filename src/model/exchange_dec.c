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

enum { DIGITS = 28, FAR = 32, MAX_SHIFT = 38 };

#define P(hi, lo) (((u128)(hi) << 64) | (u128)(lo))

static const u128 pow10_tab[MAX_SHIFT + 1] = {
    P(0x0u, 0x1u), /* 1e0 */
    P(0x0u, 0xau), /* 1e1 */
    P(0x0u, 0x64u), /* 1e2 */
    P(0x0u, 0x3e8u), /* 1e3 */
    P(0x0u, 0x2710u), /* 1e4 */
    P(0x0u, 0x186a0u), /* 1e5 */
    P(0x0u, 0xf4240u), /* 1e6 */
    P(0x0u, 0x989680u), /* 1e7 */
    P(0x0u, 0x5f5e100u), /* 1e8 */
    P(0x0u, 0x3b9aca00u), /* 1e9 */
    P(0x0u, 0x2540be400u), /* 1e10 */
    P(0x0u, 0x174876e800u), /* 1e11 */
    P(0x0u, 0xe8d4a51000u), /* 1e12 */
    P(0x0u, 0x9184e72a000u), /* 1e13 */
    P(0x0u, 0x5af3107a4000u), /* 1e14 */
    P(0x0u, 0x38d7ea4c68000u), /* 1e15 */
    P(0x0u, 0x2386f26fc10000u), /* 1e16 */
    P(0x0u, 0x16345785d8a0000u), /* 1e17 */
    P(0x0u, 0xde0b6b3a7640000u), /* 1e18 */
    P(0x0u, 0x8ac7230489e80000u), /* 1e19 */
    P(0x5u, 0x6bc75e2d63100000u), /* 1e20 */
    P(0x36u, 0x35c9adc5dea00000u), /* 1e21 */
    P(0x21eu, 0x19e0c9bab2400000u), /* 1e22 */
    P(0x152du, 0x2c7e14af6800000u), /* 1e23 */
    P(0xd3c2u, 0x1bcecceda1000000u), /* 1e24 */
    P(0x84595u, 0x161401484a000000u), /* 1e25 */
    P(0x52b7d2u, 0xdcc80cd2e4000000u), /* 1e26 */
    P(0x33b2e3cu, 0x9fd0803ce8000000u), /* 1e27 */
    P(0x204fce5eu, 0x3e25026110000000u), /* 1e28 */
    P(0x1431e0faeu, 0x6d7217caa0000000u), /* 1e29 */
    P(0xc9f2c9cd0u, 0x4674edea40000000u), /* 1e30 */
    P(0x7e37be2022u, 0xc0914b2680000000u), /* 1e31 */
    P(0x4ee2d6d415bu, 0x85acef8100000000u), /* 1e32 */
    P(0x314dc6448d93u, 0x38c15b0a00000000u), /* 1e33 */
    P(0x1ed09bead87c0u, 0x378d8e6400000000u), /* 1e34 */
    P(0x13426172c74d82u, 0x2b878fe800000000u), /* 1e35 */
    P(0xc097ce7bc90715u, 0xb34b9f1000000000u), /* 1e36 */
    P(0x785ee10d5da46d9u, 0xf436a000000000u), /* 1e37 */
    P(0x4b3b4ca85a86c47au, 0x98a224000000000u), /* 1e38 */
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

/* 10^k for k <= 76. */
static u256 pow10_256(int k)
{
    return k <= MAX_SHIFT ? u256_of(pow10_tab[k])
                          : mul128(pow10_tab[MAX_SHIFT], pow10_tab[k - MAX_SHIFT]);
}

/* Decimal digits of v (v < 10^76). */
static int u256_digits(const u256 *v)
{
    int est = (u256_bits(v) * 1233) >> 12;
    u256 p = pow10_256(est);

    return est + (u256_cmp(v, &p) >= 0);
}

int xdec_coef_digits(u128 c)
{
    u256 v = u256_of(c);

    return c == 0 ? 0 : u256_digits(&v);
}

/* v /= d; returns the remainder. */
static mp_limb_t u256_divrem(u256 *v, mp_limb_t d)
{
    return mpn_divrem_1(v->w, 0, v->w, 4, d);
}

/* v * 10^e rounded to 28 digits, half to even. */
static xdec round256(u256 v, long e, int neg)
{
    xdec r = {0, 0, 0};
    int nd = u256_digits(&v), k, drop;
    mp_limb_t sticky = 0, last;
    u128 q;

    if (nd == 0)
        return r;
    k = nd > DIGITS ? nd - DIGITS : 0;
    for (drop = k - 1; drop > 0; drop -= 19)
        sticky |= u256_divrem(&v, (mp_limb_t)pow10_tab[drop < 19 ? drop : 19]);
    last = k > 0 ? u256_divrem(&v, 10) : 0;
    q = low128(&v);
    if (last > 5 || (last == 5 && (sticky || (q & 1))))
        q++;
    if (q == pow10_tab[DIGITS]) {
        q = pow10_tab[DIGITS - 1];
        k++;
    }
    r.coef = q;
    r.exp = (int)(e + k);
    r.neg = neg;
    return r;
}

xdec xdec_add(xdec a, xdec b)
{
    u256 x, y, s;
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
    return round256(mul128(a.coef, b.coef), (long)a.exp + b.exp,
                    a.neg != b.neg);
}

xdec xdec_div(xdec a, xdec b)
{
    int s = 31 + xdec_coef_digits(b.coef) - xdec_coef_digits(a.coef);
    mp_limb_t rem_any, carry;
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
        mp_limb_t r[2];
        int nn = 4;

        while (nn > 2 && n.w[nn - 1] == 0)
            nn--;
        mpn_tdiv_qr(q.w, r, 0, n.w, nn, d, 2);
        rem_any = r[0] | r[1];
    }
    /* a sticky digit below the quotient's 30 or more digits */
    carry = mpn_mul_1(q.w, q.w, 4, 10);
    (void)carry; /* q < 10^67, so q * 10 fits */
    if (rem_any)
        mpn_add_1(q.w, q.w, 4, 1);
    return round256(q, (long)a.exp - b.exp - s - 1, a.neg != b.neg);
}

/* |a| against |b|. */
static int cmp_abs(xdec a, xdec b)
{
    int ea = a.exp + xdec_coef_digits(a.coef);
    int eb = b.exp + xdec_coef_digits(b.coef);
    u256 x, y;

    if (ea != eb)
        return ea < eb ? -1 : 1;
    if (a.exp >= b.exp) {
        x = mul128(a.coef, pow10_tab[a.exp - b.exp]);
        y = u256_of(b.coef);
    } else {
        x = u256_of(a.coef);
        y = mul128(b.coef, pow10_tab[b.exp - a.exp]);
    }
    return u256_cmp(&x, &y);
}

int xdec_cmp(xdec a, xdec b)
{
    int sa = xdec_sign(a), sb = xdec_sign(b);

    if (sa != sb || sa == 0)
        return sa < sb ? -1 : sa > sb;
    return sa > 0 ? cmp_abs(a, b) : -cmp_abs(a, b);
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
