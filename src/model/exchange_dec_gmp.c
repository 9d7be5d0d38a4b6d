/*
 * exchange_dec_gmp.c -- 28-digit decimal arithmetic on GMP integers: the
 * general path of exchange_dec.c (see exchange_dec.h).
 *
 * Each operation forms its exact result as a GMP integer times a power of
 * ten, then rounds it once to 28 significant digits, half to even.  This
 * is the simple, obviously exact version; exchange_dec.c computes the
 * common cases on fixed-width integers and calls these for the rest, and
 * the tests compare the two.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gmp.h>

#include "model/exchange_dec.h"

enum { XDEC_DIGITS = 28, XDEC_FAR = 32 };

static void coef_to_mpz(mpz_t z, unsigned __int128 c)
{
    mpz_set_ui(z, (unsigned long)(c >> 64));
    mpz_mul_2exp(z, z, 64);
    mpz_add_ui(z, z, (unsigned long)(c & 0xFFFFFFFFFFFFFFFFu));
}

static unsigned __int128 mpz_to_coef(const mpz_t z)
{
    mpz_t hi;
    unsigned __int128 c;

    mpz_init(hi);
    mpz_tdiv_q_2exp(hi, z, 64);
    c = (unsigned __int128)mpz_get_ui(hi) << 64;
    c |= (unsigned __int128)mpz_getlimbn(z, 0);
    mpz_clear(hi);
    return c;
}

static void to_mpz(mpz_t z, xdec a)
{
    coef_to_mpz(z, a.coef);
    if (a.neg)
        mpz_neg(z, z);
}

/* Decimal digits of |v| (v != 0). */
static long digits(const mpz_t v)
{
    long n = (long)mpz_sizeinbase(v, 10);
    mpz_t p;

    mpz_init(p);
    mpz_ui_pow_ui(p, 10, (unsigned long)(n - 1));
    if (mpz_cmpabs(v, p) < 0)
        n--;
    mpz_clear(p);
    return n;
}

/* v * 10^e rounded to 28 digits, half to even.  Clobbers v. */
static xdec round_mpz(mpz_t v, long e)
{
    xdec r = {0, 0, 0};
    int neg = mpz_sgn(v) < 0;
    long nd;

    if (mpz_sgn(v) == 0)
        return r;
    mpz_abs(v, v);
    nd = digits(v);
    if (nd > XDEC_DIGITS) {
        long k = nd - XDEC_DIGITS;
        mpz_t p, rem;
        int c;

        mpz_inits(p, rem, NULL);
        mpz_ui_pow_ui(p, 10, (unsigned long)k);
        mpz_tdiv_qr(v, rem, v, p);
        mpz_mul_2exp(rem, rem, 1);
        c = mpz_cmp(rem, p);
        if (c > 0 || (c == 0 && mpz_odd_p(v)))
            mpz_add_ui(v, v, 1);
        mpz_ui_pow_ui(p, 10, XDEC_DIGITS);
        if (mpz_cmp(v, p) == 0) {
            mpz_tdiv_q_ui(v, v, 10);
            k++;
        }
        mpz_clears(p, rem, NULL);
        e += k;
    }
    r.coef = mpz_to_coef(v);
    r.exp = (int)e;
    r.neg = neg;
    return r;
}

static long coef_digits(xdec a)
{
    return xdec_coef_digits(a.coef);
}

xdec xdec_ref_add(xdec a, xdec b)
{
    long e = a.exp < b.exp ? a.exp : b.exp;
    mpz_t x, y;
    xdec r;

    if (b.coef == 0)
        return a;
    if (a.coef == 0)
        return b;
    /* an addend entirely below the other's last rounding digit */
    if (a.exp - (b.exp + coef_digits(b)) > XDEC_FAR)
        return a;
    if (b.exp - (a.exp + coef_digits(a)) > XDEC_FAR)
        return b;
    mpz_inits(x, y, NULL);
    to_mpz(x, a);
    to_mpz(y, b);
    if (a.exp > e) {
        mpz_t p;

        mpz_init(p);
        mpz_ui_pow_ui(p, 10, (unsigned long)(a.exp - e));
        mpz_mul(x, x, p);
        mpz_clear(p);
    }
    if (b.exp > e) {
        mpz_t p;

        mpz_init(p);
        mpz_ui_pow_ui(p, 10, (unsigned long)(b.exp - e));
        mpz_mul(y, y, p);
        mpz_clear(p);
    }
    mpz_add(x, x, y);
    r = round_mpz(x, e);
    mpz_clears(x, y, NULL);
    return r;
}

xdec xdec_ref_sub(xdec a, xdec b)
{
    return xdec_ref_add(a, xdec_neg(b));
}

xdec xdec_ref_mul(xdec a, xdec b)
{
    mpz_t x, y;
    xdec r;

    mpz_inits(x, y, NULL);
    to_mpz(x, a);
    to_mpz(y, b);
    mpz_mul(x, x, y);
    r = round_mpz(x, (long)a.exp + b.exp);
    mpz_clears(x, y, NULL);
    return r;
}

xdec xdec_ref_div(xdec a, xdec b)
{
    long s = 31 + coef_digits(b) - coef_digits(a);
    mpz_t x, y, p, rem;
    xdec r;

    if (a.coef == 0)
        return a;
    if (s < 0)
        s = 0;
    mpz_inits(x, y, p, rem, NULL);
    coef_to_mpz(x, a.coef);
    coef_to_mpz(y, b.coef);
    mpz_ui_pow_ui(p, 10, (unsigned long)s);
    mpz_mul(x, x, p);
    mpz_tdiv_qr(x, rem, x, y);
    /* a sticky digit below the quotient's 30+ digits */
    mpz_mul_ui(x, x, 10);
    if (mpz_sgn(rem) != 0)
        mpz_add_ui(x, x, 1);
    if (a.neg != b.neg)
        mpz_neg(x, x);
    r = round_mpz(x, (long)a.exp - b.exp - s - 1);
    mpz_clears(x, y, p, rem, NULL);
    return r;
}

/* The exact value of a double as z * 10^*e. */
static void exact_double(mpz_t z, double x, long *e)
{
    int k;
    double m = frexp(x, &k);

    /* x = m * 2^k with 0.5 <= |m| < 1: scale m to a 53-bit integer */
    mpz_set_d(z, ldexp(m, 53));
    k -= 53;
    *e = 0;
    if (k >= 0) {
        mpz_mul_2exp(z, z, (unsigned long)k);
    } else {
        mpz_t p;

        mpz_init(p);
        mpz_ui_pow_ui(p, 5, (unsigned long)-k);
        mpz_mul(z, z, p);
        mpz_clear(p);
        *e = k;
    }
}

xdec xdec_ref_mul_exact(xdec a, double x)
{
    mpz_t y, z;
    long e;
    xdec r;

    mpz_inits(y, z, NULL);
    exact_double(z, x, &e);
    to_mpz(y, a);
    mpz_mul(y, y, z);
    r = round_mpz(y, a.exp + e);
    mpz_clears(y, z, NULL);
    return r;
}

xdec xdec_sub_exact(xdec a, double x)
{
    mpz_t y, z, p;
    long e;
    xdec r;

    mpz_inits(y, z, p, NULL);
    exact_double(z, x, &e);
    to_mpz(y, a);
    if (a.exp > e) {
        mpz_ui_pow_ui(p, 10, (unsigned long)(a.exp - e));
        mpz_mul(y, y, p);
    } else if (e > a.exp) {
        mpz_ui_pow_ui(p, 10, (unsigned long)(e - a.exp));
        mpz_mul(z, z, p);
        e = a.exp;
    }
    mpz_sub(y, y, z);
    r = round_mpz(y, e);
    mpz_clears(y, z, p, NULL);
    return r;
}

/* Compares x * 10^ex with y * 10^ey exactly (clobbers both). */
static int cmp_scaled(mpz_t x, long ex, mpz_t y, long ey)
{
    mpz_t p;
    int c;

    mpz_init(p);
    if (ex > ey) {
        mpz_ui_pow_ui(p, 10, (unsigned long)(ex - ey));
        mpz_mul(x, x, p);
    } else if (ey > ex) {
        mpz_ui_pow_ui(p, 10, (unsigned long)(ey - ex));
        mpz_mul(y, y, p);
    }
    c = mpz_cmp(x, y);
    mpz_clear(p);
    return c < 0 ? -1 : c > 0;
}

int xdec_ref_cmp_double(xdec a, double x)
{
    mpz_t y, z;
    long e;
    int c;

    if (x == 0)
        return xdec_sign(a);
    mpz_inits(y, z, NULL);
    exact_double(z, x, &e);
    to_mpz(y, a);
    c = cmp_scaled(y, a.exp, z, e);
    mpz_clears(y, z, NULL);
    return c;
}

int xdec_ref_cmp(xdec a, xdec b)
{
    int sa = xdec_sign(a), sb = xdec_sign(b);
    mpz_t x, y;
    int c;

    if (sa != sb || sa == 0)
        return sa < sb ? -1 : sa > sb;
    mpz_inits(x, y, NULL);
    to_mpz(x, a);
    to_mpz(y, b);
    c = cmp_scaled(x, a.exp, y, b.exp);
    mpz_clears(x, y, NULL);
    return c;
}

xdec xdec_ref_from_double(double x)
{
    char buf[40];
    xdec r = {0, 0, 0};
    int p = 1;
    char *e;

    if (x == 0)
        return r;
    for (; p < 17; p++) {
        snprintf(buf, sizeof buf, "%.*e", p - 1, x);
        if (strtod(buf, NULL) == x)
            break;
    }
    snprintf(buf, sizeof buf, "%.*e", p - 1, x);
    e = strchr(buf, 'e');
    r.exp = (int)strtol(e + 1, NULL, 10) - (p - 1);
    for (const char *s = buf; s < e; s++)
        if (*s >= '0' && *s <= '9')
            r.coef = r.coef * 10 + (unsigned)(*s - '0');
    r.neg = x < 0;
    return r;
}

void xdec_format(xdec a, char *buf, unsigned long size)
{
    mpz_t z;
    char *s;

    mpz_init(z);
    to_mpz(z, a);
    s = mpz_get_str(NULL, 10, z);
    snprintf(buf, size, "%sE%d", s, a.exp);
    free(s);
    mpz_clear(z);
}

double xdec_ref_to_double(xdec a)
{
    char buf[80];

    xdec_format(a, buf, sizeof buf);
    return strtod(buf, NULL);
}
