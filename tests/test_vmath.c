/*
 * test_vmath.c -- the vectorised exp() and log() behind eu's pow=vector.
 *
 *  - every variant this machine runs (pure C, SSE2, AVX, AVX-512 without
 *    FMA) returns the same bits as the pure C one, on a million arguments
 *    from the ranges eu uses and on the special values;
 *  - an array gives each element the bits it gets alone, whatever the
 *    array's length and the element's place in it (whole vectors and the
 *    padded rest);
 *  - the results are within 2 units in the last place of glibc's exp()
 *    and log() (SLEEF's bound is 1 ulp, glibc's 0.52);
 *  - the variant chosen is one the machine runs, at least SSE2 on x86-64.
 */
#include <math.h>

#include "harness.h"
#include "model/vmath.h"

enum { N_ARGS = 1 << 20 };

typedef void (*vfn)(ent_vmath_isa isa, double *v, size_t n);

/* Arguments of log: distances as a share of R and 0.5 -/+ half of one,
   some tiny, plus the special values. */
static void log_args(double *v, size_t n)
{
    static const double special[] = {0.0,    -0.0,     1.0,      0.5,  1.5, 2.0,
                                     1e-300, 4.9e-324, INFINITY, 0.25, 0.75};
    unsigned long long seed = 13;

    for (size_t k = 0; k < n; k++) {
        double u = test_uniform(&seed);

        switch (k % 4) {
        case 0: v[k] = u; break;
        case 1: v[k] = 0.5 - 0.5 * u; break;
        case 2: v[k] = 0.5 + 0.5 * u; break;
        default: v[k] = ldexp(u, -(int)(test_uniform(&seed) * 1000)); break;
        }
    }
    memcpy(v, special, sizeof special);
}

/* Arguments of exp: r log b for r in [0.5, 2], and the special values. */
static void exp_args(double *v, size_t n)
{
    static const double special[] = {0.0,    -0.0,   -INFINITY, 1.0,
                                     -745.2, -708.5, -1e-300,   0.6931};
    unsigned long long seed = 17;

    for (size_t k = 0; k < n; k++) {
        double u = test_uniform(&seed);

        v[k] = k % 2 ? -2 * 750 * u * u : (0.5 + 1.5 * u) * log(u);
    }
    memcpy(v, special, sizeof special);
}

static double *copy(const double *v, size_t n)
{
    double *c = ent_xmalloc(n * sizeof *c);

    memcpy(c, v, n * sizeof *c);
    return c;
}

/* Every supported variant gives the pure C variant's bits. */
static void check_variants(vfn f, const double *args, const char *what)
{
    double *want = copy(args, N_ARGS);

    f(ENT_VMATH_PUREC, want, N_ARGS);
    for (int isa = ENT_VMATH_SSE2; isa < ENT_VMATH_COUNT; isa++) {
        double *got;

        if (!ent_vmath_supported((ent_vmath_isa)isa)) {
            printf("  %s %s: not on this machine\n", what,
                   ent_vmath_name((ent_vmath_isa)isa));
            continue;
        }
        got = copy(args, N_ARGS);
        f((ent_vmath_isa)isa, got, N_ARGS);
        for (size_t k = 0; k < N_ARGS; k++)
            if (memcmp(&got[k], &want[k], sizeof(double)) != 0)
                fail_msg("%s(%a): %s gives %a, purec %a", what, args[k],
                         ent_vmath_name((ent_vmath_isa)isa), got[k], want[k]);
        printf("  %s %s: %d arguments, the same bits as purec\n", what,
               ent_vmath_name((ent_vmath_isa)isa), N_ARGS);
        free(got);
    }
    free(want);
}

static void test_variants_agree(void **state)
{
    double *args = ent_xmalloc(N_ARGS * sizeof *args);

    (void)state;
    log_args(args, N_ARGS);
    check_variants(ent_vlog_with, args, "log");
    exp_args(args, N_ARGS);
    check_variants(ent_vexp_with, args, "exp");
    free(args);
}

/* Each element of arrays of 1 to 40 elements, starting anywhere in a
   buffer, gets the bits it gets alone. */
static void test_lengths_and_offsets(void **state)
{
    double args[64], alone[64];

    (void)state;
    exp_args(args, 64);
    for (int k = 0; k < 64; k++) {
        alone[k] = args[k];
        ent_vexp(&alone[k], 1);
    }
    for (size_t start = 0; start < 9; start++)
        for (size_t len = 1; len <= 40; len++) {
            double v[64];

            memcpy(v, args, sizeof v);
            ent_vexp(v + start, len);
            for (size_t k = 0; k < 64; k++) {
                int inside = k >= start && k < start + len;

                assert_memory_equal(&v[k], inside ? &alone[k] : &args[k],
                                    sizeof(double));
            }
        }
}

/* |a - b| in units in the last place of b (both finite, same sign). */
static double ulps(double a, double b)
{
    return fabs(a - b) / (nextafter(fabs(b), INFINITY) - fabs(b));
}

static void test_accuracy(void **state)
{
    double *args = ent_xmalloc(N_ARGS * sizeof *args);
    double *v = ent_xmalloc(N_ARGS * sizeof *v);
    double worst_log = 0, worst_exp = 0;

    (void)state;
    log_args(args, N_ARGS);
    memcpy(v, args, N_ARGS * sizeof *v);
    ent_vlog(v, N_ARGS);
    for (size_t k = 0; k < N_ARGS; k++) {
        double want = log(args[k]);

        if (isfinite(want) && want != 0)
            worst_log = fmax(worst_log, ulps(v[k], want));
        else if (memcmp(&v[k], &want, sizeof want) != 0)
            fail_msg("log(%a) = %a, glibc %a", args[k], v[k], want);
    }
    exp_args(args, N_ARGS);
    memcpy(v, args, N_ARGS * sizeof *v);
    ent_vexp(v, N_ARGS);
    for (size_t k = 0; k < N_ARGS; k++) {
        double want = exp(args[k]);

        if (isnormal(want))
            worst_exp = fmax(worst_exp, ulps(v[k], want));
        else if (fabs(v[k] - want) > 4.9e-324 * 2)
            fail_msg("exp(%a) = %a, glibc %a", args[k], v[k], want);
    }
    printf("  largest difference from glibc: log %.2f ulp, exp %.2f ulp\n",
           worst_log, worst_exp);
    assert_true(worst_log <= 2);
    assert_true(worst_exp <= 2);
    free(args);
    free(v);
}

static void test_best_is_supported(void **state)
{
    ent_vmath_isa best = ent_vmath_best();

    (void)state;
    printf("  this machine: %s\n", ent_vmath_name(best));
    assert_true(ent_vmath_supported(best));
#if defined(__x86_64__)
    assert_true(best >= ENT_VMATH_SSE2);
#endif
    for (int isa = best + 1; isa < ENT_VMATH_COUNT; isa++)
        assert_false(ent_vmath_supported((ent_vmath_isa)isa));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_variants_agree),
        cmocka_unit_test(test_lengths_and_offsets),
        cmocka_unit_test(test_accuracy),
        cmocka_unit_test(test_best_is_supported),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
