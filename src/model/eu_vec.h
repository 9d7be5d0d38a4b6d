/*
 * eu_vec.h -- the loops of an `eu` round that vectorise (eu_vec.c).
 *
 * GCC compiles each three times, for AVX-512, for AVX2 and for the x86-64
 * baseline, and picks one when the program starts, as for smp's loops
 * (smp.h).  All give the same bits: each does the same IEEE operations in
 * the same order on each element (-std=c11 forbids fused multiply-adds,
 * and neither target enables them), only more elements at once.  Their
 * names do not start with ent_, so that the resolvers GCC makes for them
 * stay out of the library's exported symbols (src/libentente.map).
 */
#ifndef ENT_MODEL_EU_VEC_H
#define ENT_MODEL_EU_VEC_H

#include <stddef.h>

/*
 * One row of a round's distances: t[b] = |ya - y[b]| / range and
 * h[b] = 0.5 t[b] for b < m.  0.5 t is the utilities' 0.5 |ya - y[b]| /
 * range bit for bit where the distance is 0, or 0.5 d is exact
 * (d >= 2^-1021) and t and its half are finite normal numbers; returns
 * how many cells are not such, whose h the caller computes as written.
 */
int eu_vec_gap_row(int m, const double *y, double ya, double range, double *t,
                   double *h);

/* v[k] = v[k] / d for k < n. */
void eu_vec_divide(double *v, size_t n, double d);

/* r[i] = (1 - R_i / 3) / (1 + R_i / 3) with R_i = (2 sec[i] - mx - mn) /
   (mx - mn), for i < n. */
void eu_vec_risk_exponents(int n, const double *sec, double mx, double mn,
                           double *r);

#endif
