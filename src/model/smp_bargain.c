/*
 * smp_bargain.c -- challenges and bargains (docs/models.md, smp,
 * "Challenges" and "Bargains").
 *
 * Actor h's estimate of one challenge i:j (principals plus third parties,
 * each third party judging a "little conflict" of i, j and itself): the
 * probability that i wins and the expected change in k's utility.  Each
 * initiator's most advantageous target (smp_target.c) gets a compromise
 * interpolated between the two positions (InterVecBrgn) in one of three
 * ways (BargnModel).
 */

#include <math.h>

#include "model/smp.h"
#include "model/smp_chlg.h"

#define INTERP_EPS 1e-6 /* KTAB interpBrgn minW */

void smp_chlg(const smp_state *st, int h, int k, int i, int j, double *prob,
              double *gain)
{
    const smp_params *prm = &st->prm;
    const int full = prm->tpc == SMP_TPC_FULL, none = prm->tpc == SMP_TPC_NO;
    const int vr = prm->vr;
    const double *rh = st->rhat + (size_t)h * (size_t)st->np;
    const double *di = st->delta_t + (size_t)i * (size_t)st->np;
    const double *dj = st->delta_t + (size_t)j * (size_t)st->np;
    const double vi = smp_vote(vr, st->wsal[i], smp_autil(st, h, i, i),
                               smp_autil(st, h, i, j));
    const double vj = smp_vote(vr, st->wsal[j], smp_autil(st, h, j, i),
                               smp_autil(st, h, j, j));
    double ci, cj, chij, chji;

    smp_principals(vi, vj, &ci, &cj);
    chij = ci;
    chji = cj;
    for (int n = 0; n < st->n; n++) {
        double v;

        if (n == i || n == j)
            continue;
        v = smp_tp_vote(vr, prm->tp_sided, full, none, st->wsal[n],
                        smp_utility(di[n], rh[n]), smp_utility(dj[n], rh[n]),
                        smp_utility(st->delta_diag[n], rh[n]), ci, cj);
        chij = chij + smp_pos_part(v);
        chji = chji + smp_pos_part(-v);
    }
    *gain =
        smp_chlg_result(prm, chij, chji, st->sal_total[j],
                        smp_autil(st, h, k, i), smp_autil(st, h, k, j), prob);
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
