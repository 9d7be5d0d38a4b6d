/*
 * smp_chlg.h -- the arithmetic of one challenge i:j (KTAB's probEduChlg,
 * docs/models.md, smp, "Challenges"), shared by smp_chlg (one challenge,
 * smp_bargain.c) and the target search (all challenges of an initiator,
 * smp_target.c), so that both do the same IEEE operations in the same
 * order.  Internal to the engine.
 */
#ifndef ENT_MODEL_SMP_CHLG_H
#define ENT_MODEL_SMP_CHLG_H

#include <math.h>

#include "model/smp.h"

#define SMP_CHLG_FLOOR 1e-10  /* KTAB probEduChlg minCltn */
#define SMP_MIN_SIG_GAIN 1e-5 /* KTAB bestChallenge minSigEDU */

/* max(x, 0): adding it equals KTAB's "add x if positive" bit for bit,
   without a data-dependent branch. */
static inline double smp_pos_part(double x)
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
static inline double smp_tp_vote(int vr, int sided, int full, int none,
                                 double w, double a, double b, double o,
                                 double ci, double cj)
{
    const double v0 = smp_vote(vr, w, a, b);
    const double av = fabs(v0);
    const double cni = ci + smp_pos_part(v0), cnj = cj + smp_pos_part(-v0);
    const double pwi = sided ? (ci + av) / (ci + cj + av) : cni / (cni + cnj);
    const double pwj = sided ? ci / (ci + cj + av) : pwi;
    const double with_i = (pwi * ((a + a) + (full ? a : o))) +
                          ((1.0 - pwi) * ((b + b) + (none ? o : b)));
    const double with_j = (pwj * ((a + a) + (none ? o : a))) +
                          ((1.0 - pwj) * ((b + b) + (full ? b : o)));

    return smp_vote(vr, w, with_i, with_j);
}

/* smp_tp_vote for the Prop rule with a constant `sided`: no branches. */
static inline double smp_tp_vote_prop(int sided, int full, int none, double w,
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
        const double cni = ci + smp_pos_part(v0);
        const double cnj = cj + smp_pos_part(-v0);

        pwi = pwj = cni / (cni + cnj);
    }
    return w * (((pwi * ((a + a) + (full ? a : o))) +
                 ((1.0 - pwi) * ((b + b) + (none ? o : b)))) -
                ((pwj * ((a + a) + (none ? o : a))) +
                 ((1.0 - pwj) * ((b + b) + (full ? b : o)))));
}

/* The principals' own strengths in i:j before any third party: for i
   from vi = vote(w_i, A(i,i), A(i,j)) and vj = vote(w_j, A(j,i), A(j,j)),
   *ci for i and *cj for j. */
static inline void smp_principals(double vi, double vj, double *ci, double *cj)
{
    *ci = (SMP_CHLG_FLOOR + smp_pos_part(vi)) + smp_pos_part(vj);
    *cj = (SMP_CHLG_FLOOR + smp_pos_part(-vi)) + smp_pos_part(-vj);
}

/* The expected gain of a challenge to an actor valuing x_i at uki and
   x_j at ukj, with P(i beats j) = pij, P(j beats i) = pji and S_j = sj
   resisting. */
static inline double smp_chlg_gain(double pij, double pji, double sj,
                                   double uki, double ukj)
{
    const double eu_sq = uki + ukj, eu_vict = uki + uki, eu_lose = ukj + ukj;

    return ((1 - sj) * eu_vict + sj * (pij * eu_vict + pji * eu_lose)) - eu_sq;
}

/* P(i beats j) from the final strengths, and the expected gain. */
static inline double smp_chlg_result(const smp_params *prm, double chij,
                                     double chji, double sj, double uki,
                                     double ukj, double *prob)
{
    double pij = chij / (chij + chji), pji = chji / (chij + chji);

    if (prm->chlg_vpm) {
        pij = smp_vprob(prm->vpm, chij, chji);
        pji = smp_vprob(prm->vpm, chji, chij);
    }
    *prob = pij;
    return smp_chlg_gain(pij, pji, sj, uki, ukj);
}

#endif
