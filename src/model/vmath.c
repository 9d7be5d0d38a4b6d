/*
 * vmath.c -- exp() and log() over arrays with SLEEF's deterministic no-FMA
 * functions (vmath.h says why every variant gives the same bits).
 *
 * Each variant runs one function over the whole vectors of `width` lanes
 * of an array in place (one loop, no call per vector through a pointer);
 * the driver runs it once more over a padded copy of the rest.
 */
#include <sleef.h>
#include <string.h>

#include "model/vmath.h"

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#define VMATH_X86 1
#else
#define VMATH_X86 0
#endif

#if VMATH_X86
/* sleef.h declares its AVX and AVX-512 functions only where the whole
   file is compiled for them (__AVX__, __AVX512F__); here only the
   functions that call them are, so they are declared here, as in
   sleef.h, for those targets. */
__attribute__((target("avx"))) __m256d Sleef_cinz_expd4_u10avx(__m256d x);
__attribute__((target("avx"))) __m256d Sleef_cinz_logd4_u10avx(__m256d x);
__attribute__((target("avx512f"))) __m512d
Sleef_cinz_expd8_u10avx512fnofma(__m512d x);
__attribute__((target("avx512f"))) __m512d
Sleef_cinz_logd8_u10avx512fnofma(__m512d x);
#endif

enum { FN_EXP, FN_LOG };

enum { WIDEST = 8 }; /* lanes of the widest variant */

/* v[0 .. width * count) in place, `count` whole vectors. */
typedef void (*vector_fn)(int fn, double *v, size_t count);

static void vec_purec(int fn, double *v, size_t count)
{
    for (size_t k = 0; k < count; k++)
        v[k] = fn == FN_EXP ? Sleef_cinz_expd1_u10purec(v[k])
                            : Sleef_cinz_logd1_u10purec(v[k]);
}

#if VMATH_X86
static void vec_sse2(int fn, double *v, size_t count)
{
    for (size_t k = 0; k < count && fn == FN_EXP; k++)
        _mm_storeu_pd(v + 2 * k,
                      Sleef_cinz_expd2_u10sse2(_mm_loadu_pd(v + 2 * k)));
    for (size_t k = 0; k < count && fn == FN_LOG; k++)
        _mm_storeu_pd(v + 2 * k,
                      Sleef_cinz_logd2_u10sse2(_mm_loadu_pd(v + 2 * k)));
}

__attribute__((target("avx"))) static void vec_avx(int fn, double *v,
                                                   size_t count)
{
    for (size_t k = 0; k < count && fn == FN_EXP; k++)
        _mm256_storeu_pd(v + 4 * k,
                         Sleef_cinz_expd4_u10avx(_mm256_loadu_pd(v + 4 * k)));
    for (size_t k = 0; k < count && fn == FN_LOG; k++)
        _mm256_storeu_pd(v + 4 * k,
                         Sleef_cinz_logd4_u10avx(_mm256_loadu_pd(v + 4 * k)));
}

__attribute__((target("avx512f"))) static void vec_avx512(int fn, double *v,
                                                          size_t count)
{
    for (size_t k = 0; k < count && fn == FN_EXP; k++)
        _mm512_storeu_pd(v + 8 * k, Sleef_cinz_expd8_u10avx512fnofma(
                                        _mm512_loadu_pd(v + 8 * k)));
    for (size_t k = 0; k < count && fn == FN_LOG; k++)
        _mm512_storeu_pd(v + 8 * k, Sleef_cinz_logd8_u10avx512fnofma(
                                        _mm512_loadu_pd(v + 8 * k)));
}
#endif

int ent_vmath_supported(ent_vmath_isa isa)
{
    switch (isa) {
    case ENT_VMATH_PUREC:
#if VMATH_X86
    case ENT_VMATH_SSE2: /* part of x86-64 */
#endif
        return 1;
#if VMATH_X86
    case ENT_VMATH_AVX: return __builtin_cpu_supports("avx") != 0;
    case ENT_VMATH_AVX512: return __builtin_cpu_supports("avx512f") != 0;
#endif
    default: return 0;
    }
}

ent_vmath_isa ent_vmath_best(void)
{
    int isa = ENT_VMATH_COUNT - 1;

    while (isa > ENT_VMATH_PUREC && !ent_vmath_supported((ent_vmath_isa)isa))
        isa--;
    return (ent_vmath_isa)isa;
}

const char *ent_vmath_name(ent_vmath_isa isa)
{
    static const char *const names[ENT_VMATH_COUNT] = {"purec", "sse2", "avx",
                                                       "avx512f-nofma"};

    return isa >= 0 && isa < ENT_VMATH_COUNT ? names[isa] : "none";
}

/* The variant's vector function and its number of lanes. */
static vector_fn variant(ent_vmath_isa isa, size_t *width)
{
#if VMATH_X86
    if (isa == ENT_VMATH_AVX512) {
        *width = 8;
        return vec_avx512;
    }
    if (isa == ENT_VMATH_AVX) {
        *width = 4;
        return vec_avx;
    }
    if (isa == ENT_VMATH_SSE2) {
        *width = 2;
        return vec_sse2;
    }
#else
    (void)isa;
#endif
    *width = 1;
    return vec_purec;
}

static void run(ent_vmath_isa isa, int fn, double *v, size_t n)
{
    size_t width, k;
    const vector_fn f = variant(isa, &width);
    double pad[WIDEST];

    f(fn, v, n / width);
    k = n / width * width;
    if (k == n)
        return;
    for (size_t l = 0; l < width; l++)
        pad[l] = k + l < n ? v[k + l] : 1.0;
    f(fn, pad, 1);
    memcpy(v + k, pad, (n - k) * sizeof *v);
}

void ent_vexp_with(ent_vmath_isa isa, double *v, size_t n)
{
    run(isa, FN_EXP, v, n);
}

void ent_vlog_with(ent_vmath_isa isa, double *v, size_t n)
{
    run(isa, FN_LOG, v, n);
}

void ent_vexp(double *v, size_t n)
{
    run(ent_vmath_best(), FN_EXP, v, n);
}

void ent_vlog(double *v, size_t n)
{
    run(ent_vmath_best(), FN_LOG, v, n);
}
