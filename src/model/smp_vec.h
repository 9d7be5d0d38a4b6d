/*
 * smp_vec.h -- SMP_LANES doubles as one GCC vector (smp.h, SMP_LANES): one
 * AVX-512 register, two AVX2 or four SSE2 ones (GCC splits it), each lane
 * the same IEEE operations as the scalar code, for the kernels that run
 * over padded rows in blocks.  C has no vector ?:, so selects are masks.
 * Internal to the engine, for SMP_AVX512 kernels only (smp.h): without
 * AVX-512, GCC computes their comparisons lane by lane in scalars.
 */
#ifndef ENT_MODEL_SMP_VEC_H
#define ENT_MODEL_SMP_VEC_H

#include <stdint.h>
#include <string.h>

#include "model/smp.h"

typedef double vdbl __attribute__((vector_size(SMP_LANES * sizeof(double))));
typedef int64_t vmask __attribute__((vector_size(SMP_LANES * sizeof(double))));

/* The vectors live in registers of the inlined kernels; no function takes
   or returns one across a call, so the ABI warning does not apply (GCC
   also prints a note that only -Wno-psabi silences: the Makefile). */
#if defined(__GNUC__)
#pragma GCC diagnostic ignored "-Wpsabi"
#endif

_Static_assert(SMP_LANES == 8, "vsplat fills 8 lanes");

SMP_INLINE vdbl vsplat(double x)
{
    const vdbl v = {x, x, x, x, x, x, x, x};

    return v;
}

SMP_INLINE vdbl vload(const double *p)
{
    vdbl v;

    memcpy(&v, p, sizeof v);
    return v;
}

SMP_INLINE void vstore(double *p, vdbl v)
{
    memcpy(p, &v, sizeof v);
}

/* max(x, 0) of smp_chlg.h on each lane: x where x > 0, else +0 (all bits
   0). */
SMP_INLINE vdbl vpos(vdbl x)
{
    const vdbl zero = {0};

    return (vdbl)((vmask)(x > zero) & (vmask)x);
}

/* fabs on each lane (the sign bit cleared). */
SMP_INLINE vdbl vabs(vdbl x)
{
    const vdbl neg_zero = vsplat(-0.0);

    return (vdbl)(~(vmask)neg_zero & (vmask)x);
}

#endif
