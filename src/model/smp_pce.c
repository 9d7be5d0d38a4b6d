/*
 * smp_pce.c -- votes, victory probabilities, coalitions and the three
 * Probabilistic Condorcet Election models of KTAB (docs/models.md, smp,
 * "Voting and PCE").
 *
 * Given voters with weights and utilities over m options, the coalition
 * for option a against b is the sum of the positive votes for a over b;
 * the victory-probability model turns the two coalition strengths into
 * P(a beats b); a PCE model turns the pairwise matrix into one
 * probability per option.  Sums run in KTAB's order so that results agree
 * with KTAB to the last bit wherever the arithmetic is the same.
 */
#if defined(__GNUC__) && !defined(__clang__)
/* lets GCC vectorise the selects of the coalition loop; changes no
   result (smp_bargain.c explains) */
#pragma GCC optimize("no-trapping-math", "tree-vectorize")
#endif

#include <math.h>
#include <omp.h>
#include <stdlib.h>

#include "model/smp.h"
#if SMP_HAVE_AVX512
#include "model/smp_vec.h"
#endif

#define COALITION_FLOOR 1e-8 /* KTAB Model::coalitions minC */
#define MARKOV_MAX_ITER 1000

/* The strength transform of a victory-probability model. */
static double vp_power(int vpm, double s)
{
    switch (vpm) {
    case SMP_VPM_SQUARE: return s * s;
    case SMP_VPM_QUARTIC: return (s * s) * (s * s);
    case SMP_VPM_OCTIC: return ((s * s) * (s * s)) * ((s * s) * (s * s));
    default: return s;
    }
}

/* P(1 beats 2) and P(2 beats 1), each as KTAB computes it. */
static void vprob2(int vpm, double s1, double s2, double *p1, double *p2)
{
    double x1, x2;

    if (vpm == SMP_VPM_BINARY) {
        const double thresh = 1.10, min_x = 1e-6;

        if (s1 >= thresh * s2) {
            x1 = 1.0;
            x2 = min_x;
        } else if (s2 >= thresh * s1) {
            x1 = min_x;
            x2 = 1.0;
        } else {
            double r12 = s1 / (s1 + s2);

            x1 = (r12 * (thresh + 1.0) - 1.0) / (thresh - 1.0);
            x2 = 1 - x1;
        }
    } else {
        x1 = vp_power(vpm, s1);
        x2 = vp_power(vpm, s2);
    }
    *p1 = x1 / (x1 + x2);
    *p2 = x2 / (x1 + x2);
}

double smp_vprob(int vpm, double s1, double s2)
{
    double p1, p2;

    vprob2(vpm, s1, s2, &p1, &p2);
    return p1;
}

void smp_pce_ws_init(smp_pce_ws *ws, int cap)
{
    size_t sq = (size_t)cap * (size_t)cap;

    ws->cap = cap;
    ws->wide = smp_wide_available();
    ws->c = ent_xcalloc(sq + SMP_LANES, sizeof(double)); /* + a row's spill */
    ws->pv = ent_xcalloc(sq, sizeof(double));
    ws->h = ent_xcalloc(sq, sizeof(double));
    ws->q = ent_xcalloc((size_t)cap, sizeof(double));
}

void smp_pce_ws_free(smp_pce_ws *ws)
{
    free(ws->c);
    free(ws->pv);
    free(ws->h);
    free(ws->q);
    ws->c = ws->pv = ws->h = ws->q = NULL;
    ws->cap = 0;
}

static inline double pos_part(double x)
{
    return x > 0 ? x : 0.0;
}

/*
 * Row a of the coalition matrix: C(a,b) = 1e-8 + sum over voters k of the
 * positive part of k's vote for a over b, in voter order.  KTAB loops over
 * pairs a > b and adds v = vote(u_a, u_b) to C(a,b) if positive, -v to
 * C(b,a) if negative; for every rule but ASymProsp vote(u_b, u_a) is
 * exactly -vote(u_a, u_b), so a whole row can be summed at once (the Prop
 * loop vectorises).  Utilities are voter-major: u[k * m + a].
 */
SMP_WIDE_SIMD
static void coalition_row(int nv, int m, int ld, int a, const double *w,
                          const double *u, int vr, double *row)
{
    for (int b = 0; b < m; b++)
        row[b] = COALITION_FLOOR;
    for (int k = 0; k < nv; k++) {
        const double *uk = u + (size_t)k * (size_t)ld;
        const double x = uk[a], wk = w[k];

        if (vr == SMP_VR_PROP) {
#pragma omp simd
            for (int b = 0; b < m; b++)
                row[b] = row[b] + pos_part(wk * (x - uk[b]));
        } else if (vr == SMP_VR_ASYMPROSP) {
            for (int b = 0; b < a; b++)
                row[b] = row[b] + pos_part(smp_vote(vr, wk, x, uk[b]));
            for (int b = a + 1; b < m; b++)
                row[b] = row[b] + pos_part(-smp_vote(vr, wk, uk[b], x));
        } else {
            for (int b = 0; b < m; b++)
                row[b] = row[b] + pos_part(smp_vote(vr, wk, x, uk[b]));
        }
    }
    row[a] = COALITION_FLOOR;
}

/*
 * The coalition matrix of a small election under the Prop rule, pair by
 * pair: a vote v = w_k (u_a - u_b) counts for C(a,b) and, negated, for
 * C(b,a) (w_k (u_b - u_a) is exactly -v, and both give the same positive
 * part), and every cell still adds its voters in voter order, so the bits
 * are coalition_row's.  Short rows do not pay for coalition_row's vector
 * loops.
 */
#define SMALL_ELECTION 8
static void coalition_pairs(int nv, int m, int ld, const double *w,
                            const double *u, double *c)
{
    for (int e = 0; e < m * m; e++)
        c[e] = COALITION_FLOOR;
    for (int k = 0; k < nv; k++) {
        const double *uk = u + (size_t)k * (size_t)ld;
        const double wk = w[k];

        for (int a = 0; a < m; a++)
            for (int b = a + 1; b < m; b++) {
                const double v = wk * (uk[a] - uk[b]);

                c[a * m + b] = c[a * m + b] + pos_part(v);
                c[b * m + a] = c[b * m + a] + pos_part(-v);
            }
    }
}

/*
 * Every row of the coalition matrix under the Prop rule from utilities
 * whose rows are padded (ld a multiple of SMP_LANES, readable up to
 * ld): coalition_row's sums, each row in blocks of SMP_LANES vector
 * lanes.  A row is stored whole, its padding spilling into the start of
 * the next row (written next) or into c's slack after the last.
 */
#if SMP_HAVE_AVX512
SMP_AVX512
static void coalition_rows_padded(int nv, int m, int ld, const double *w,
                                  const double *u, double *c)
{
    for (int a = 0; a < m; a++) {
        double *row = c + (size_t)a * (size_t)m;

        for (int bb = 0; bb < m; bb += SMP_LANES) {
            vdbl acc = vsplat(COALITION_FLOOR);

            for (int k = 0; k < nv; k++) {
                const double *uk = u + (size_t)k * (size_t)ld;

                acc = acc + vpos(w[k] * (uk[a] - vload(uk + bb)));
            }
            vstore(row + bb, acc);
        }
        row[a] = COALITION_FLOOR;
    }
}
#endif

/* Coalitions, then pairwise victory probabilities.  Rows are independent,
   so the parallel loop gives the same bits for any thread count; it opens
   a parallel region only for large elections and when there are threads
   to share (an ensemble runs each engine on one thread). */
static void coalitions(int wide, int nv, int m, int ld, const double *w,
                       const double *u, int vr, int vpm, double *c, double *pv)
{
    (void)wide; /* without AVX-512 kernels */
    if (m < SMALL_ELECTION && vr == SMP_VR_PROP) {
        coalition_pairs(nv, m, ld, w, u, c);
    } else if ((long)m * m * nv > 400000 && omp_get_max_threads() > 1) {
#pragma omp parallel for schedule(static)
        for (int a = 0; a < m; a++)
            coalition_row(nv, m, ld, a, w, u, vr, c + (size_t)a * (size_t)m);
#if SMP_HAVE_AVX512
    } else if (wide && vr == SMP_VR_PROP && ld % SMP_LANES == 0) {
        coalition_rows_padded(nv, m, ld, w, u, c);
#endif
    } else {
        for (int a = 0; a < m; a++)
            coalition_row(nv, m, ld, a, w, u, vr, c + (size_t)a * (size_t)m);
    }
    for (int a = 0; a < m; a++) {
        for (int b = 0; b < a; b++)
            vprob2(vpm, c[a * m + b], c[b * m + a], &pv[a * m + b],
                   &pv[b * m + a]);
        pv[a * m + a] = 0.5;
    }
}

void smp_pce_conditional(int m, const double *pv, double *p)
{
    double total = 0.0;

    for (int a = 0; a < m; a++) {
        double pa = 1.0;

        for (int b = 0; b < m; b++)
            pa = pa * pv[a * m + b];
        p[a] = pa;
    }
    for (int a = 0; a < m; a++)
        total = total + p[a];
    for (int a = 0; a < m; a++)
        p[a] = p[a] / total;
}

int smp_pce_markov_uniform(int m, const double *pv, double *p, double *q)
{
    const double tol = 1e-6;
    double change = 1.0;
    int iter = 0;

    for (int a = 0; a < m; a++)
        p[a] = 1.0 / m;
    while (tol < change && iter < MARKOV_MAX_ITER) {
        change = 0;
        for (int a = 0; a < m; a++) {
            double pa = 0.0, diff;

            for (int b = 0; b < m; b++)
                pa = pa + pv[a * m + b] * (p[a] + p[b]);
            q[a] = pa / m;
            diff = fabs(q[a] - p[a]);
            change = diff > change ? diff : change;
        }
        for (int a = 0; a < m; a++)
            p[a] = (p[a] + q[a]) / 2.0;
        iter++;
    }
    return iter >= MARKOV_MAX_ITER ? -1 : 0; /* KTAB throws here */
}

/* h(a,b): probability that a is the challenger when b is the incumbent,
   proportional to the incentive C(a,b) P(a beats b). */
static void challenge_probs(int m, const double *c, const double *pv, double *h)
{
    for (int a = 0; a < m; a++)
        for (int b = 0; b < m; b++)
            h[a * m + b] =
                c[a * m + b] * pv[a * m + b] + (a == b ? 1e-10 : 0.0);
    for (int b = 0; b < m; b++) {
        double sum = 0.0;

        for (int k = 0; k < m; k++)
            sum = sum + h[k * m + b];
        for (int a = 0; a < m; a++)
            h[a * m + b] = h[a * m + b] / sum;
    }
}

int smp_pce_markov_incentive(int m, const double *c, const double *pv,
                             double *h, double *p, double *q)
{
    const double tol = 1e-8;
    double change = 1.0;
    int iter = 0;

    challenge_probs(m, c, pv, h);
    for (int a = 0; a < m; a++)
        p[a] = 1.0 / m;
    while (tol < change && iter < MARKOV_MAX_ITER) {
        change = 0.0;
        for (int a = 0; a < m; a++) {
            double qa = 0.0, diff;

            for (int b = 0; b < m; b++) {
                double ct = p[a] * h[b * m + a] + p[b] * h[a * m + b];

                qa = qa + pv[a * m + b] * ct;
            }
            q[a] = qa;
            diff = fabs(q[a] - p[a]);
            change = diff > change ? diff : change;
        }
        for (int a = 0; a < m; a++)
            p[a] = (p[a] + q[a]) / 2.0;
        iter++;
    }
    return iter >= MARKOV_MAX_ITER ? -1 : 0; /* KTAB throws here */
}

int smp_scalar_pce(int nv, int m, const double *w, const double *u, int ld,
                   int vr, int vpm, int pcem, smp_pce_ws *ws, double *p,
                   ent_error *err)
{
    int rc = 0;

    coalitions(ws->wide, nv, m, ld, w, u, vr, vpm, ws->c, ws->pv);
    switch (pcem) {
    case SMP_PCE_MARKOV_INCENTIVE:
        rc = smp_pce_markov_incentive(m, ws->c, ws->pv, ws->h, p, ws->q);
        break;
    case SMP_PCE_MARKOV_UNIFORM:
        rc = smp_pce_markov_uniform(m, ws->pv, p, ws->q);
        break;
    default: smp_pce_conditional(m, ws->pv, p); break;
    }
    if (rc < 0)
        return ent_fail(err, ENT_EXIT_RUNTIME,
                        "smp: the Markov PCE did not converge in %d "
                        "iterations over %d options",
                        MARKOV_MAX_ITER, m);
    return 0;
}
