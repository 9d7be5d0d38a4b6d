/*
 * smp_bargain.c -- challenges and bargains (docs/models-smp.md,
 * "Challenges" and "Bargains").
 *
 * Each actor i estimates, for every other actor j, the probability that
 * it would win a challenge against j (principals plus third parties, each
 * third party judging a "little conflict" of i, j and itself) and the
 * expected change in its utility; the most advantageous j becomes i's
 * target, and i proposes a compromise interpolated between the two
 * positions (InterVecBrgn) in one of three ways (BargnModel).
 */
/* The inner loops select between computed values; GCC speculates (and so
   vectorises) such selects only when FP operations cannot trap.  This
   changes no result: every operation and its order stay the same. */
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC optimize("no-trapping-math", "tree-vectorize")
#endif

#include <math.h>

#include "model/smp.h"

#define CHLG_FLOOR 1e-10  /* KTAB probEduChlg minCltn */
#define MIN_SIG_GAIN 1e-5 /* KTAB bestChallenge minSigEDU */
#define INTERP_EPS 1e-6   /* KTAB interpBrgn minW */

/* max(x, 0): adding it equals KTAB's "add x if positive" bit for bit,
   without a data-dependent branch. */
static inline double pos_part(double x)
{
    return x > 0 ? x : 0.0;
}

/*
 * Third party n's vote in the contest i:j (weight w; utilities a of x_i,
 * b of x_j, o of its own position), judged in a "little conflict" against
 * the principals' strengths ci, cj only.  n compares two hypotheticals --
 * siding with i, siding with j -- each a sum of three position utilities
 * (ThirdPartyCommit).  KTAB uses one little-conflict probability for both
 * (ThirdPartyProb=shared); `sided` counts n's weight on the side it would
 * join.  Branch-free so that loops over j vectorise.
 */
static inline double tp_vote(int vr, int sided, int full, int none, double w,
                             double a, double b, double o, double ci, double cj)
{
    const double v0 = smp_vote(vr, w, a, b);
    const double av = fabs(v0);
    const double cni = ci + pos_part(v0), cnj = cj + pos_part(-v0);
    const double pwi = sided ? (ci + av) / (ci + cj + av) : cni / (cni + cnj);
    const double pwj = sided ? ci / (ci + cj + av) : pwi;
    const double with_i = (pwi * ((a + a) + (full ? a : o))) +
                          ((1.0 - pwi) * ((b + b) + (none ? o : b)));
    const double with_j = (pwj * ((a + a) + (none ? o : a))) +
                          ((1.0 - pwj) * ((b + b) + (full ? b : o)));

    return smp_vote(vr, w, with_i, with_j);
}

/* tp_vote for the Prop rule with a constant `sided`: no branches at all. */
static inline double tp_vote_prop(int sided, int full, int none, double w,
                                  double a, double b, double o, double ci,
                                  double cj)
{
    const double v0 = w * (a - b);
    double pwi, pwj;

    if (sided) {
        const double av = fabs(v0);

        pwi = (ci + av) / (ci + cj + av);
        pwj = ci / (ci + cj + av);
    } else {
        const double cni = ci + pos_part(v0), cnj = cj + pos_part(-v0);

        pwi = pwj = cni / (cni + cnj);
    }
    return w * (((pwi * ((a + a) + (full ? a : o))) +
                 ((1.0 - pwi) * ((b + b) + (none ? o : b)))) -
                ((pwj * ((a + a) + (none ? o : a))) +
                 ((1.0 - pwj) * ((b + b) + (full ? b : o)))));
}

/* The principals' own contributions to i:j from h's view: the strengths
   for i (*ci) and for j (*cj) before any third party; hii = A_h(i,i). */
static void principals_hii(const smp_state *st, int h, int i, int j, double hii,
                           double *ci, double *cj)
{
    const int vr = st->prm.vr;
    const double vi = smp_vote(vr, st->wsal[i], hii, smp_autil(st, h, i, j));
    const double vj = smp_vote(vr, st->wsal[j], smp_autil(st, h, j, i),
                               smp_autil(st, h, j, j));

    *ci = (CHLG_FLOOR + pos_part(vi)) + pos_part(vj);
    *cj = (CHLG_FLOOR + pos_part(-vi)) + pos_part(-vj);
}

static void principals(const smp_state *st, int h, int i, int j, double *ci,
                       double *cj)
{
    principals_hii(st, h, i, j, smp_autil(st, h, i, i), ci, cj);
}

/* P(i beats j) from the final strengths, and the expected gain to an
   actor valuing x_i at uki and x_j at ukj; sj = S_j resists. */
static double chlg_result(const smp_params *prm, double chij, double chji,
                          double sj, double uki, double ukj, double *prob)
{
    const double eu_sq = uki + ukj, eu_vict = uki + uki, eu_lose = ukj + ukj;
    double pij = chij / (chij + chji), pji = chji / (chij + chji);

    if (prm->chlg_vpm) {
        pij = smp_vprob(prm->vpm, chij, chji);
        pji = smp_vprob(prm->vpm, chji, chij);
    }
    *prob = pij;
    return ((1 - sj) * eu_vict + sj * (pij * eu_vict + pji * eu_lose)) - eu_sq;
}

void smp_chlg(const smp_state *st, int h, int k, int i, int j, double *prob,
              double *gain)
{
    const smp_params *prm = &st->prm;
    const int full = prm->tpc == SMP_TPC_FULL, none = prm->tpc == SMP_TPC_NO;
    const double *rh = st->rhat + (size_t)h * (size_t)st->n;
    const double *di = st->delta_t + (size_t)i * (size_t)st->n;
    const double *dj = st->delta_t + (size_t)j * (size_t)st->n;
    double ci, cj, chij, chji;

    principals(st, h, i, j, &ci, &cj);
    chij = ci;
    chji = cj;
    for (int n = 0; n < st->n; n++) {
        double v;

        if (n == i || n == j)
            continue;
        v = tp_vote(prm->vr, prm->tp_sided, full, none, st->wsal[n],
                    smp_utility(di[n], rh[n]), smp_utility(dj[n], rh[n]),
                    smp_utility(st->delta_diag[n], rh[n]), ci, cj);
        chij = chij + pos_part(v);
        chji = chji + pos_part(-v);
    }
    *gain = chlg_result(prm, chij, chji, st->sal_total[j],
                        smp_autil(st, h, k, i), smp_autil(st, h, k, j), prob);
}

/* One third party n's votes in every contest i:j (j = 0..n-1), added to
   sij[j] / sji[j]; j = i and j = n vote 0.  The Prop rule with a constant
   `sided` has no branches, so this loop vectorises. */
static inline void tp_row_prop(int sided, int full, int none, int n_act, int i,
                               int n, double w, double a, double o, double r,
                               const double *row, const double *row_cap,
                               const double *ci, const double *cj, double *sij,
                               double *sji)
{
#pragma omp simd
    for (int j = 0; j < n_act; j++) {
        const double b = smp_utility_capped(row[j], row_cap[j], r);
        double v = tp_vote_prop(sided, full, none, w, a, b, o, ci[j], cj[j]);

        v = ((j == n) | (j == i)) ? 0.0 : v;
        sij[j] = sij[j] + pos_part(v);
        sji[j] = sji[j] + pos_part(-v);
    }
}

/* tp_row_prop with sided = 1 and the commitment flags as constants. */
static inline void tp_row_prop_sided(int full, int none, int n_act, int i,
                                     int n, double w, double a, double o,
                                     double r, const double *row,
                                     const double *cap, const double *ci,
                                     const double *cj, double *sij, double *sji)
{
    if (full)
        tp_row_prop(1, 1, 0, n_act, i, n, w, a, o, r, row, cap, ci, cj, sij,
                    sji);
    else if (none)
        tp_row_prop(1, 0, 1, n_act, i, n, w, a, o, r, row, cap, ci, cj, sij,
                    sji);
    else
        tp_row_prop(1, 0, 0, n_act, i, n, w, a, o, r, row, cap, ci, cj, sij,
                    sji);
}

/* The same for any voting rule. */
static void tp_row(int vr, int sided, int full, int none, int n_act, int i,
                   int n, double w, double a, double o, double r,
                   const double *row, const double *ci, const double *cj,
                   double *sij, double *sji)
{
    for (int j = 0; j < n_act; j++) {
        double v = tp_vote(vr, sided, full, none, w, a, smp_utility(row[j], r),
                           o, ci[j], cj[j]);

        v = ((j == n) | (j == i)) ? 0.0 : v;
        sij[j] = sij[j] + pos_part(v);
        sji[j] = sji[j] + pos_part(-v);
    }
}

/*
 * Third parties' votes for every contest i:j at once, from i's view: the
 * loop over n outside, over j inside, so that every j still sums its third
 * parties in KTAB's order n = 0, 1, ...
 */
SMP_WIDE_SIMD
static void all_third_parties(const smp_state *st, int i, const double *ci,
                              const double *cj, double *sij, double *sji)
{
    const smp_params *prm = &st->prm;
    const int n_act = st->n, vr = prm->vr, sided = prm->tp_sided;
    const int full = prm->tpc == SMP_TPC_FULL, none = prm->tpc == SMP_TPC_NO;
    const double *rh = st->rhat + (size_t)i * (size_t)n_act;

    for (int n = 0; n < n_act; n++) {
        const double r = rh[n], w = st->wsal[n];
        const double a = smp_utility(st->delta[n * n_act + i], r);
        const double o = smp_utility(st->delta_diag[n], r);
        const double *row = st->delta + (size_t)n * (size_t)n_act;
        const double *cap = st->delta_cap + (size_t)n * (size_t)n_act;

        if (n == i)
            continue;
        if (vr != SMP_VR_PROP)
            tp_row(vr, sided, full, none, n_act, i, n, w, a, o, r, row, ci, cj,
                   sij, sji);
        else if (sided)
            tp_row_prop_sided(full, none, n_act, i, n, w, a, o, r, row, cap, ci,
                              cj, sij, sji);
        else if (full)
            tp_row_prop(0, 1, 0, n_act, i, n, w, a, o, r, row, cap, ci, cj, sij,
                        sji);
        else if (none)
            tp_row_prop(0, 0, 1, n_act, i, n, w, a, o, r, row, cap, ci, cj, sij,
                        sji);
        else
            tp_row_prop(0, 0, 0, n_act, i, n, w, a, o, r, row, cap, ci, cj, sij,
                        sji);
    }
}

int smp_best_target_ws(const smp_state *st, int i, double *scratch,
                       double *prob, double *gain)
{
    const int n = st->n;
    double *ci = scratch, *cj = scratch + n, *sij = scratch + 2 * (size_t)n;
    double *sji = scratch + 3 * (size_t)n, best = -1.0, best_p = 0.0;
    const double aii = smp_autil(st, i, i, i); /* the same for every j */
    int target = -1;

    for (int j = 0; j < n; j++) {
        if (j != i)
            principals_hii(st, i, i, j, aii, &ci[j], &cj[j]);
        else
            ci[j] = cj[j] = 1.0;
        sij[j] = ci[j];
        sji[j] = cj[j];
    }
    all_third_parties(st, i, ci, cj, sij, sji);
    for (int j = 0; j < n; j++) {
        double p, g;

        if (j == i)
            continue;
        g = chlg_result(&st->prm, sij[j], sji[j], st->sal_total[j], aii,
                        smp_autil(st, i, i, j), &p);
        if (MIN_SIG_GAIN < g && best < g) {
            target = j;
            best_p = p;
            best = g;
        }
    }
    *prob = best_p;
    *gain = best;
    return target;
}

int smp_best_target(const smp_state *st, int i, double *prob, double *gain)
{
    return smp_best_target_ws(st, i, st->tscratch, prob, gain);
}

/* KTAB's round4: round to 4 decimals on the unit scale. */
static double round4(double x)
{
    const double s = 10000.0;
    const int y = (int)(0.5 + (x * s));

    return (double)y / s;
}

/* S1P1 (n = m = 1) and S2P2 (n = m = 2), from si^n, pi^m, sj^n, pj^m
   (the saliences' powers are computed once, in create()). */
static void interp_snpm(int no_round, double ti, double si_n, double pi_m,
                        double tj, double sj_n, double pj_m, double *bi,
                        double *bj)
{
    const double wi = si_n * pi_m;
    const double wj = sj_n * pj_m;
    const double den = wi + INTERP_EPS + wj;

    *bi = ((wi + INTERP_EPS) * ti + wj * tj) / den;
    *bj = (wi * ti + (INTERP_EPS + wj) * tj) / den;
    if (!no_round) {
        *bi = round4(*bi);
        *bj = round4(*bj);
    }
}

static void interp_s2pmax(double ti, double si, double pi_, double tj,
                          double sj, double pj, double *bi, double *bj)
{
    const double di = pj > pi_ ? pj - pi_ : 0;
    const double dj = pi_ > pj ? pi_ - pj : 0;
    const double si2 = si * si, sj2 = sj * sj;
    const double li = (di * sj2) / ((di * sj2) + INTERP_EPS + ((1 - di) * si2));
    const double lj = (dj * si2) / ((dj * si2) + INTERP_EPS + ((1 - dj) * sj2));

    *bi = ti + li * (tj - ti);
    *bj = tj + lj * (ti - tj);
}

void smp_interp(const smp_state *st, int i, int j, double pi_, double pj_,
                double *bi, double *bj)
{
    const int d = st->d, pw = smp_interp_power(st->prm.ivb);
    const double pi_m = pow(pi_, pw), pj_m = pow(pj_, pw);

    for (int k = 0; k < d; k++) {
        const double ti = st->x[i * d + k], si = st->sal[i * d + k];
        const double tj = st->x[j * d + k], sj = st->sal[j * d + k];

        if (st->prm.ivb == SMP_IVB_S2PMAX)
            interp_s2pmax(ti, si, pi_, tj, sj, pj_, &bi[k], &bj[k]);
        else
            interp_snpm(st->prm.no_round, ti, st->sal_pow[i * d + k], pi_m, tj,
                        st->sal_pow[j * d + k], pj_m, &bi[k], &bj[k]);
    }
}

/* j's view of i -> j: KTAB passes j's estimate of the *gain to i* where a
   probability is expected (ReceiverEstimate=gain); `prob` corrects it. */
static double receiver_estimate(const smp_state *st, int i, int j)
{
    double p, g;

    smp_chlg(st, j, i, i, j, &p, &g);
    return st->prm.rcvr_prob ? p : g;
}

/* Weighted average of b1 and b2 with KTAB's weights W_i = c_i S_i and
   W_j = c_i S_j (PWCompWeight=initiator) or c_j S_j (receiver). */
static void pw_average(const smp_state *st, int i, int j, const double *b1,
                       const double *b2, double *out)
{
    const double wi = st->cap[i] * st->sal_total[i];
    const double wj = st->cap[st->prm.pw_receiver ? j : i] * st->sal_total[j];

    for (int k = 0; k < st->d; k++)
        out[k] = (wi * b1[k] + wj * b2[k]) / (wi + wj);
}

void smp_bargain_triple(const smp_state *st, int i, int j, double p,
                        double *b1i, double *b1j, double *b2i, double *b2j,
                        double *pwi, double *pwj)
{
    const double q = receiver_estimate(st, i, j);

    smp_interp(st, i, j, p, 1 - p, b1i, b1j);
    smp_interp(st, i, j, q, 1 - q, b2i, b2j);
    pw_average(st, i, j, b1i, b2i, pwi);
    pw_average(st, i, j, b1j, b2j, pwj);
}

int smp_propose(const smp_state *st, int i, int j, double p, smp_bargain *out)
{
    double q;

    out[0].init = i;
    out[0].rcvr = j;
    smp_interp(st, i, j, p, 1 - p, out[0].pi, out[0].pj);
    if (st->prm.bmod == SMP_BM_INIT_ONLY)
        return 1;
    q = receiver_estimate(st, i, j);
    out[1].init = i;
    out[1].rcvr = j;
    smp_interp(st, i, j, q, 1 - q, out[1].pi, out[1].pj);
    if (st->prm.bmod == SMP_BM_INIT_RCVR)
        return 2;
    pw_average(st, i, j, out[0].pi, out[1].pi, out[0].pi);
    pw_average(st, i, j, out[0].pj, out[1].pj, out[0].pj);
    return 1;
}
