/*
 * test_eu_vec.c -- the vectorised loops of an `eu` round (eu_vec.c) give
 * the bits of the scalar expressions they replace:
 *
 *  - a row of distances |ya - y_b| / R, and its halves wherever the loop
 *    says they are exact, equal to 0.5 |ya - y_b| / R as the utilities
 *    write it; rows with subnormal distances report the cells it cannot
 *    halve (where the two differ);
 *  - JM's division of the numerators by D, element by element, for every
 *    length up to 70 (whole vectors and the rest);
 *  - the risk exponents, against their formula.
 */
#include <math.h>
#include <string.h>

#include "harness.h"
#include "model/eu_vec.h"

static int same_bits(double a, double b)
{
    return memcmp(&a, &b, sizeof a) == 0;
}

static void test_gap_rows(void **state)
{
    unsigned long long seed = 7;
    double y[70], t[70], h[70];

    (void)state;
    for (int m = 1; m < 70; m++) {
        const double range = 1 + 99 * test_uniform(&seed);

        for (int b = 0; b < m; b++)
            y[b] = 100 * test_uniform(&seed);
        for (int b = 3; b < m; b += 7) /* repeated positions */
            y[b] = y[b - 1];
        for (int a = 0; a < m; a++) {
            assert_int_equal(eu_vec_gap_row(m, y, y[a], range, t, h), 0);
            for (int b = 0; b < m; b++) {
                assert_true(same_bits(t[b], fabs(y[a] - y[b]) / range));
                assert_true(same_bits(h[b], 0.5 * fabs(y[a] - y[b]) / range));
            }
        }
    }
}

/* Distances of a few units of the smallest subnormal: 0.5 d is not exact,
   and the row must say so. */
static void test_gap_rows_subnormal(void **state)
{
    const double tiny = 0x1p-1074;
    const double y[] = {0, 3 * tiny, 7 * tiny};
    double t[3], h[3];
    int differ = 0, slow;

    (void)state;
    slow = eu_vec_gap_row(3, y, y[0], 7 * tiny, t, h);
    for (int b = 0; b < 3; b++)
        differ += !same_bits(h[b], 0.5 * fabs(y[0] - y[b]) / (7 * tiny));
    assert_true(differ > 0);
    assert_true(slow >= differ);
}

static void test_divide(void **state)
{
    unsigned long long seed = 11;
    double v[70], want[70];

    (void)state;
    for (size_t n = 0; n < 70; n++) {
        const double d = 0.1 + 1e3 * test_uniform(&seed);

        for (size_t k = 0; k < n; k++) {
            v[k] = test_uniform(&seed) * (k % 3 ? 1.0 : 1e-300);
            want[k] = v[k] / d;
        }
        eu_vec_divide(v, n, d);
        for (size_t k = 0; k < n; k++)
            assert_true(same_bits(v[k], want[k]));
    }
}

static void test_risk_exponents(void **state)
{
    unsigned long long seed = 5;
    double sec[40], r[40];

    (void)state;
    for (int n = 1; n < 40; n++) {
        double mx = -INFINITY, mn = INFINITY;

        for (int i = 0; i < n; i++) {
            sec[i] = 10 * test_uniform(&seed) - 5;
            mx = fmax(mx, sec[i]);
            mn = fmin(mn, sec[i]);
        }
        eu_vec_risk_exponents(n, sec, mx, mn, r);
        for (int i = 0; i < n; i++) {
            const double big_r = (2 * sec[i] - mx - mn) / (mx - mn);

            assert_true(same_bits(r[i], (1 - big_r / 3.0) / (1 + big_r / 3.0)));
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_gap_rows),
        cmocka_unit_test(test_gap_rows_subnormal),
        cmocka_unit_test(test_divide),
        cmocka_unit_test(test_risk_exponents),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
