/*
 * exchange_dec.h -- 28-digit decimal arithmetic for the exchange engine
 * (internal).
 *
 * Decide computes in Python's decimal module with its default context: 28
 * significant digits, ROUND_HALF_EVEN, every operation correctly rounded.
 * xdec is such a number, a plain value: sign, a coefficient below 10^28
 * and a power of ten.  Every operation below rounds its exact result once,
 * the way the decimal module does, so a computation written in the same
 * order gives the same digits.  Common cases run on 128- and 256-bit
 * integers (exchange_dec.c), the rest on GMP (exchange_dec_gmp.c).
 */
#ifndef ENT_MODEL_EXCHANGE_DEC_H
#define ENT_MODEL_EXCHANGE_DEC_H

/* 24 bytes, not the 32 a 16-byte aligned coefficient would take: the
   engine keeps tens of thousands of them per round, and memory, not
   arithmetic, is much of its time. */
typedef struct __attribute__((packed, aligned(8))) xdec {
    unsigned __int128 coef; /* < 10^28 */
    int exp;                /* value = (neg ? -1 : 1) * coef * 10^exp */
    int neg;                /* never set on zero */
} xdec;

/* The number a double prints as (its shortest round-trip decimal form),
   as Python's Decimal(str(x)) does with a number read from text. */
xdec xdec_from_double(double x);
/* The nearest double. */
double xdec_to_double(xdec a);
/* A double within a relative 2^-51 of a (fast; for estimates with an
   error bound, never for results). */
double xdec_approx(xdec a);

xdec xdec_add(xdec a, xdec b);
xdec xdec_sub(xdec a, xdec b);
xdec xdec_mul(xdec a, xdec b);
/* a / b; b must not be zero. */
xdec xdec_div(xdec a, xdec b);
int xdec_cmp(xdec a, xdec b); /* -1, 0, 1 */

/*
 * a * x rounded to 28 digits, where x is the exact binary value of a double
 * (Python's Decimal(float) keeps every digit of it).
 */
xdec xdec_mul_exact(xdec a, double x);
/* a - x rounded to 28 digits, x taken at its exact binary value. */
xdec xdec_sub_exact(xdec a, double x);
/* Compares a with the exact binary value of x, as Python compares a
   Decimal with a float. */
int xdec_cmp_double(xdec a, double x);

/* A double's exact binary value between the two neighbouring 28-digit
   decimals lo < x < hi (lo == hi == x if x is such a decimal): since no
   28-digit decimal lies strictly between them, comparing with them
   compares exactly with x (exchange_dec_bound.c). */
typedef struct xdec_bound {
    xdec lo, hi;
    double x;
    int exact;
} xdec_bound;

xdec_bound xdec_bound_of(double x);
/* xdec_cmp_double(a, b->x), from decimal comparisons. */
int xdec_cmp_bound(xdec a, const xdec_bound *b);

/* The same operations on GMP integers (exchange_dec_gmp.c): the general
   path the ones above fall back to, and their reference in the tests. */
xdec xdec_ref_add(xdec a, xdec b);
xdec xdec_ref_sub(xdec a, xdec b);
xdec xdec_ref_mul(xdec a, xdec b);
xdec xdec_ref_div(xdec a, xdec b);
int xdec_ref_cmp(xdec a, xdec b);
int xdec_ref_cmp_double(xdec a, double x);
xdec xdec_ref_mul_exact(xdec a, double x);
double xdec_ref_to_double(xdec a);
xdec xdec_ref_from_double(double x);

/* An integer that orders as the numbers do: key(a) < key(b) exactly when
   a < b (for exponents of int range). */
__int128 xdec_key(xdec a);

/* Decimal digits of a coefficient (0 for 0). */
int xdec_coef_digits(unsigned __int128 c);

/* Writes the number in Python's str(Decimal) style into buf. */
void xdec_format(xdec a, char *buf, unsigned long size);

static inline xdec xdec_int(long v)
{
    xdec r = {0, 0, v < 0};

    r.coef = (unsigned __int128)(v < 0 ? -(unsigned long)v : (unsigned long)v);
    return r;
}

static inline int xdec_is_zero(xdec a)
{
    return a.coef == 0;
}

/* -1, 0, 1 */
static inline int xdec_sign(xdec a)
{
    return a.coef == 0 ? 0 : a.neg ? -1 : 1;
}

static inline xdec xdec_abs(xdec a)
{
    a.neg = 0;
    return a;
}

static inline xdec xdec_neg(xdec a)
{
    a.neg = a.coef != 0 && !a.neg;
    return a;
}

#endif
