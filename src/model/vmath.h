/*
 * vmath.h -- exp() and log() over arrays, vectorised with SLEEF, with the
 * same bits on every x86-64 machine.
 *
 * SLEEF's deterministic functions without fused multiply-adds (the `cinz`
 * family, 1-ulp accuracy) compute the same operations in the same order
 * in every instruction set, so its pure C, SSE2, AVX and AVX-512 (no FMA)
 * versions return identical bits (tests/test_vmath.c compares them on
 * every variant the machine runs).  ent_vexp and ent_vlog use the widest
 * of those the processor has; SLEEF's FMA versions (AVX2, AVX-512F) are
 * never used, because a machine without FMA could not reproduce them.
 * Each element is computed alone, so neither the length of an array nor
 * where an element sits in it changes its result.
 */
#ifndef ENT_MODEL_VMATH_H
#define ENT_MODEL_VMATH_H

#include <stddef.h>

/* The instruction sets of the variants, narrowest first. */
typedef enum {
    ENT_VMATH_PUREC,
    ENT_VMATH_SSE2,
    ENT_VMATH_AVX,
    ENT_VMATH_AVX512,
    ENT_VMATH_COUNT
} ent_vmath_isa;

/* v[k] = exp(v[k]) for k < n. */
void ent_vexp(double *v, size_t n);

/* v[k] = log(v[k]) for k < n. */
void ent_vlog(double *v, size_t n);

/* The variant ent_vexp and ent_vlog use on this machine. */
ent_vmath_isa ent_vmath_best(void);

/* "purec", "sse2", "avx", "avx512f-nofma". */
const char *ent_vmath_name(ent_vmath_isa isa);

/* 1 if this machine can run the variant. */
int ent_vmath_supported(ent_vmath_isa isa);

/* ent_vexp and ent_vlog with one given variant, which must be supported
   (for tests and benchmarks). */
void ent_vexp_with(ent_vmath_isa isa, double *v, size_t n);
void ent_vlog_with(ent_vmath_isa isa, double *v, size_t n);

#endif
