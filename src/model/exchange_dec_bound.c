/*
 * exchange_dec_bound.c -- exact comparisons of 28-digit decimals with a
 * fixed double (Decide's thresholds 1e-10 and 1e-20) without GMP: the
 * double's exact binary value lies between two neighbouring 28-digit
 * decimals, and no 28-digit decimal lies strictly between those two, so
 * two decimal comparisons decide (exchange_dec.h).
 */
#include "model/exchange_dec.h"

enum { DIGITS = 28 };

static unsigned __int128 pow10_u(int k)
{
    unsigned __int128 p = 1;

    while (k-- > 0)
        p *= 10;
    return p;
}

/* The same number with a coefficient of exactly 28 digits. */
static xdec widen(xdec a)
{
    int nd = xdec_coef_digits(a.coef);

    if (nd == 0)
        return a;
    a.coef *= pow10_u(DIGITS - nd);
    a.exp -= DIGITS - nd;
    return a;
}

/* The next 28-digit decimal above (up) or below a positive, widened a. */
static xdec neighbour(xdec a, int up)
{
    if (up) {
        a.coef++;
        if (a.coef == pow10_u(DIGITS)) {
            a.coef = pow10_u(DIGITS - 1);
            a.exp++;
        }
    } else if (a.coef == pow10_u(DIGITS - 1)) {
        a.coef = pow10_u(DIGITS) - 1;
        a.exp--;
    } else {
        a.coef--;
    }
    return a;
}

xdec_bound xdec_bound_of(double x)
{
    xdec_bound b;
    xdec r = widen(xdec_mul_exact(xdec_int(1), x)), m = xdec_abs(r);
    int c = xdec_ref_cmp_double(r, x);

    b.x = x;
    b.exact = c == 0 || r.coef == 0;
    b.lo = b.hi = r;
    if (b.exact)
        return b;
    /* r is within one unit of the last digit of x: the neighbour on the
       other side brackets x (sides swap for a negative r) */
    if ((c > 0) != r.neg) {
        b.lo = neighbour(m, 0);
        b.hi = m;
    } else {
        b.lo = m;
        b.hi = neighbour(m, 1);
    }
    if (r.neg) {
        xdec t = xdec_neg(b.lo);

        b.lo = xdec_neg(b.hi);
        b.hi = t;
    }
    return b;
}

int xdec_cmp_bound(xdec a, const xdec_bound *b)
{
    if (b->exact)
        return xdec_cmp(a, b->lo);
    if (xdec_cmp(a, b->lo) <= 0)
        return -1;
    if (xdec_cmp(a, b->hi) >= 0)
        return 1;
    return xdec_ref_cmp_double(a, b->x); /* no decimal lies here */
}
