/*
 * eu_vec.c -- the loops of an `eu` round that vectorise: distances,
 * the division of JM's numerators by their denominator, risk exponents
 * (eu_vec.h says why every machine gives the same bits).
 */
/* Selects between computed values vectorise only when FP operations
   cannot trap.  This changes no result: every operation and its order
   stay the same. */
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC optimize("no-trapping-math", "tree-vectorize")
#endif

#include <float.h>
#include <math.h>

#include "model/eu_vec.h"

#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__) &&         \
    defined(__linux__)
#define EU_WIDE_SIMD                                                           \
    __attribute__((target_clones("avx512f", "avx2", "default")))
#else
#define EU_WIDE_SIMD
#endif

EU_WIDE_SIMD
int eu_vec_gap_row(int m, const double *y, double ya, double range, double *t,
                   double *h)
{
    int slow = 0;

    for (int b = 0; b < m; b++) {
        const double d = fabs(ya - y[b]), q = d / range;
        const int exact =
            (d == 0) | ((d >= 0x1p-1021) & (q >= 0x1p-1020) & (q <= DBL_MAX));

        t[b] = q;
        h[b] = 0.5 * q;
        slow += !exact;
    }
    return slow;
}

EU_WIDE_SIMD
void eu_vec_divide(double *v, size_t n, double d)
{
    for (size_t k = 0; k < n; k++)
        v[k] = v[k] / d;
}

EU_WIDE_SIMD
void eu_vec_risk_exponents(int n, const double *sec, double mx, double mn,
                           double *r)
{
    for (int i = 0; i < n; i++) {
        const double big_r = (2 * sec[i] - mx - mn) / (mx - mn);

        r[i] = (1 - big_r / 3.0) / (1 + big_r / 3.0);
    }
}
