/*
 * smp_target.c -- each initiator's most advantageous target (KTAB's
 * bestChallenge, docs/models.md, smp, "Challenges"): initiator i's own
 * estimate of every challenge i:j at once, the same numbers as smp_chlg(i,
 * i, i, j) bit for bit.
 *
 * Every j's sums still add the third parties in KTAB's order n = 0, 1, ...;
 * the loops run over j on rows padded to np (smp.h, SMP_LANES), in
 * AVX-512 blocks where the processor has them, plain loops elsewhere.  The
 * utilities i ascribes to every actor's view of x_i and of its own
 * position serve both as the principals' terms (for j) and as the third
 * parties' (for n), so they are computed once per initiator.
 */
/* The inner loops select between computed values; GCC speculates (and so
   vectorises) such selects only when FP operations cannot trap.  This
   changes no result: every operation and its order stay the same. */
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC optimize("no-trapping-math", "tree-vectorize")
#endif

#include "model/smp.h"
#include "model/smp_chlg.h"
#if SMP_HAVE_AVX512
#include "model/smp_vec.h"
#endif

/* Initiator i's per-target rows, each np doubles of the scratch. */
typedef struct target_rows {
    double *ci, *cj;   /* principals' strengths for i and for j */
    double *sij, *sji; /* the same plus the third parties' */
    double *aj, *oj;   /* A_i(j, i) and A_i(j, j): j's view of x_i, x_j */
    double *gain, *prob;
} target_rows;

static target_rows rows_of(double *scratch, int np)
{
    target_rows r;

    r.ci = scratch;
    r.cj = scratch + (size_t)np;
    r.sij = scratch + 2 * (size_t)np;
    r.sji = scratch + 3 * (size_t)np;
    r.aj = scratch + 4 * (size_t)np;
    r.oj = scratch + 5 * (size_t)np;
    r.gain = scratch + 6 * (size_t)np;
    r.prob = scratch + 7 * (size_t)np;
    return r;
}

/* U(delta, r) of smp_utility, branch-free: min(delta, 1) * r is r itself
   beyond 1, so the bits are the same. */
SMP_INLINE double utility_sel(double delta, double r)
{
    return smp_utility_capped(delta, delta <= 1 ? delta : 1.0, r);
}

/* The principals of every contest i:j from i's view under voting rule
   vr (a constant where the caller is, so the Prop block is vector code),
   and the utilities aj, oj; j = i gets strengths 1 (never a target). */
SMP_INLINE void principals_rule(const smp_state *st, int i, int vr,
                                const target_rows *t)
{
    const int np = st->np;
    const double *ui = st->uown + (size_t)i * (size_t)np;
    const double *dti = st->delta_t + (size_t)i * (size_t)np;
    const double *rh = st->rhat + (size_t)i * (size_t)np;
    const double *dd = st->delta_diag, *ws = st->wsal;
    const double aii = ui[i], wi = ws[i];
    double *taj = t->aj, *toj = t->oj, *tci = t->ci, *tcj = t->cj;
    double *sij = t->sij, *sji = t->sji;

    for (int jb = 0; jb < np; jb += SMP_LANES) {
#pragma omp simd simdlen(SMP_LANES)
        for (int l = 0; l < SMP_LANES; l++) {
            const int j = jb + l;
            const double aj = utility_sel(dti[j], rh[j]);
            const double oj = utility_sel(dd[j], rh[j]);
            double ci, cj;

            smp_principals(smp_vote(vr, wi, aii, ui[j]),
                           smp_vote(vr, ws[j], aj, oj), &ci, &cj);
            ci = j == i ? 1.0 : ci;
            cj = j == i ? 1.0 : cj;
            taj[j] = aj;
            toj[j] = oj;
            tci[j] = ci;
            tcj[j] = cj;
            sij[j] = ci;
            sji[j] = cj;
        }
    }
}

SMP_WIDE_SIMD
static void principals_all(const smp_state *st, int i, const target_rows *t)
{
    if (st->prm.vr == SMP_VR_PROP)
        principals_rule(st, i, SMP_VR_PROP, t);
    else
        principals_rule(st, i, st->prm.vr, t);
}

/* Third party n's votes in every contest i:j (weight w; a, o its view of
   x_i and of its own position; r i's estimate of its risk attitude),
   added to sij[j] / sji[j]; j = i and j = n vote 0.  The Prop rule with
   constant flags has no branches, so GCC vectorises the loop. */
SMP_INLINE void tp_row_prop(int sided, int full, int none, int np, int i, int n,
                            double w, double a, double o, double r,
                            const double *row, const double *row_cap,
                            const target_rows *t)
{
    const double *ci = t->ci, *cj = t->cj;
    double *sij = t->sij, *sji = t->sji;

#pragma omp simd
    for (int j = 0; j < np; j++) {
        const double b = smp_utility_capped(row[j], row_cap[j], r);
        double v =
            smp_tp_vote_prop(sided, full, none, w, a, b, o, ci[j], cj[j]);

        v = ((j == n) | (j == i)) ? 0.0 : v;
        sij[j] = sij[j] + smp_pos_part(v);
        sji[j] = sji[j] + smp_pos_part(-v);
    }
}

/* The same for any voting rule. */
SMP_INLINE void tp_row(int vr, int sided, int full, int none, int np, int i,
                       int n, double w, double a, double o, double r,
                       const double *row, const target_rows *t)
{
    for (int j = 0; j < np; j++) {
        double v = smp_tp_vote(vr, sided, full, none, w, a,
                               smp_utility(row[j], r), o, t->ci[j], t->cj[j]);

        v = ((j == n) | (j == i)) ? 0.0 : v;
        t->sij[j] = t->sij[j] + smp_pos_part(v);
        t->sji[j] = t->sji[j] + smp_pos_part(-v);
    }
}

/* One third party's row under the Prop rule, with the flags as constants
   (one vector loop each). */
SMP_INLINE void tp_row_prop_any(int sided, int full, int none, int np, int i,
                                int n, double w, double a, double o, double r,
                                const double *row, const double *cap,
                                const target_rows *t)
{
    if (sided && full)
        tp_row_prop(1, 1, 0, np, i, n, w, a, o, r, row, cap, t);
    else if (sided && none)
        tp_row_prop(1, 0, 1, np, i, n, w, a, o, r, row, cap, t);
    else if (sided)
        tp_row_prop(1, 0, 0, np, i, n, w, a, o, r, row, cap, t);
    else if (full)
        tp_row_prop(0, 1, 0, np, i, n, w, a, o, r, row, cap, t);
    else if (none)
        tp_row_prop(0, 0, 1, np, i, n, w, a, o, r, row, cap, t);
    else
        tp_row_prop(0, 0, 0, np, i, n, w, a, o, r, row, cap, t);
}

/*
 * Third parties' votes for every contest i:j at once, from i's view: the
 * loop over n outside, over j inside, so that every j still sums its third
 * parties in KTAB's order n = 0, 1, ...
 */
SMP_WIDE_SIMD
static void third_parties_plain(const smp_state *st, int i,
                                const target_rows *t)
{
    const smp_params *prm = &st->prm;
    const int np = st->np, vr = prm->vr, sided = prm->tp_sided;
    const int full = prm->tpc == SMP_TPC_FULL, none = prm->tpc == SMP_TPC_NO;
    const double *rh = st->rhat + (size_t)i * (size_t)np;

    for (int n = 0; n < st->n; n++) {
        const double *row = st->delta + (size_t)n * (size_t)np;
        const double *cap = st->delta_cap + (size_t)n * (size_t)np;

        if (n == i)
            continue;
        if (vr == SMP_VR_PROP)
            tp_row_prop_any(sided, full, none, np, i, n, st->wsal[n], t->aj[n],
                            t->oj[n], rh[n], row, cap, t);
        else
            tp_row(vr, sided, full, none, np, i, n, st->wsal[n], t->aj[n],
                   t->oj[n], rh[n], row, t);
    }
}

#if SMP_HAVE_AVX512
/*
 * tp_row_prop in AVX-512 blocks: smp_tp_vote_prop's operations, lane by
 * lane.  Lane n votes 0, so its sums are put back as they were (adding +0
 * to a positive sum changes no bit); lane i is never read (i is not its
 * own target), so it is not masked at all.
 */
SMP_INLINE void tp_block_prop(int sided, int full, int none, int np, int n,
                              double w, double a, double o, double r,
                              const double *row, const double *row_cap,
                              const target_rows *t)
{
    const double a2 = a + a, with_i_a = a2 + (full ? a : o);
    const double with_j_a = a2 + (none ? o : a);
    const double sij_n = t->sij[n], sji_n = t->sji[n];
    const vdbl ov = vsplat(o);

    for (int jb = 0; jb < np; jb += SMP_LANES) {
        const vdbl ci = vload(t->ci + jb), cj = vload(t->cj + jb);
        const vdbl b = (1 - vload(row + jb)) * (1 + vload(row_cap + jb) * r);
        const vdbl v0 = w * (a - b), b2 = b + b;
        vdbl pwi, pwj, v;

        if (sided) {
            const vdbl av = vabs(v0);

            pwi = (ci + av) / (ci + cj + av);
            pwj = ci / (ci + cj + av);
        } else {
            const vdbl cni = ci + vpos(v0), cnj = cj + vpos(-v0);

            pwi = pwj = cni / (cni + cnj);
        }
        v = w * (((pwi * with_i_a) + ((1.0 - pwi) * (b2 + (none ? ov : b)))) -
                 ((pwj * with_j_a) + ((1.0 - pwj) * (b2 + (full ? b : ov)))));
        vstore(t->sij + jb, vload(t->sij + jb) + vpos(v));
        vstore(t->sji + jb, vload(t->sji + jb) + vpos(-v));
    }
    t->sij[n] = sij_n;
    t->sji[n] = sji_n;
}

/* third_parties_plain under the Prop rule in AVX-512 blocks, the flags
   as constants. */
SMP_INLINE void third_parties_wide_flags(const smp_state *st, int i, int sided,
                                         int full, int none,
                                         const target_rows *t)
{
    const int np = st->np;
    const double *rh = st->rhat + (size_t)i * (size_t)np;

    for (int n = 0; n < st->n; n++) {
        if (n == i)
            continue;
        tp_block_prop(sided, full, none, np, n, st->wsal[n], t->aj[n], t->oj[n],
                      rh[n], st->delta + (size_t)n * (size_t)np,
                      st->delta_cap + (size_t)n * (size_t)np, t);
    }
}

SMP_AVX512
static void third_parties_wide(const smp_state *st, int i, const target_rows *t)
{
    const int sided = st->prm.tp_sided, full = st->prm.tpc == SMP_TPC_FULL;
    const int none = st->prm.tpc == SMP_TPC_NO;

    if (sided && full)
        third_parties_wide_flags(st, i, 1, 1, 0, t);
    else if (sided && none)
        third_parties_wide_flags(st, i, 1, 0, 1, t);
    else if (sided)
        third_parties_wide_flags(st, i, 1, 0, 0, t);
    else if (full)
        third_parties_wide_flags(st, i, 0, 1, 0, t);
    else if (none)
        third_parties_wide_flags(st, i, 0, 0, 1, t);
    else
        third_parties_wide_flags(st, i, 0, 0, 0, t);
}
#endif

/* Every third party's votes in every contest of initiator i. */
static void all_third_parties(const smp_state *st, int i, const target_rows *t)
{
#if SMP_HAVE_AVX512
    if (st->wide && st->prm.vr == SMP_VR_PROP) {
        third_parties_wide(st, i, t);
        return;
    }
#endif
    third_parties_plain(st, i, t);
}

/* P(i beats j) and i's expected gain for every j (the ratio of the
   strengths, ChallengeVictoryProb=ratio). */
SMP_WIDE_SIMD
static void results_ratio(const smp_state *st, int i, const target_rows *t)
{
    const int np = st->np;
    const double *ui = st->uown + (size_t)i * (size_t)np;
    const double *sij = t->sij, *sji = t->sji, *st_j = st->sal_total;
    const double aii = ui[i];
    double *prob = t->prob, *gain = t->gain;

    for (int jb = 0; jb < np; jb += SMP_LANES) {
#pragma omp simd simdlen(SMP_LANES)
        for (int l = 0; l < SMP_LANES; l++) {
            const int j = jb + l;
            const double s = sij[j] + sji[j];
            const double pij = sij[j] / s, pji = sji[j] / s;

            prob[j] = pij;
            gain[j] = smp_chlg_gain(pij, pji, st_j[j], aii, ui[j]);
        }
    }
}

int smp_best_target_ws(const smp_state *st, int i, double *scratch,
                       double *prob, double *gain)
{
    const int n = st->n, np = st->np;
    const target_rows t = rows_of(scratch, np);
    const double *ui = st->uown + (size_t)i * (size_t)np;
    double best = -1.0, best_p = 0.0;
    int target = -1;

    principals_all(st, i, &t);
    all_third_parties(st, i, &t);
    if (!st->prm.chlg_vpm)
        results_ratio(st, i, &t);
    else
        for (int j = 0; j < n; j++)
            t.gain[j] =
                smp_chlg_result(&st->prm, t.sij[j], t.sji[j], st->sal_total[j],
                                ui[i], ui[j], &t.prob[j]);
    for (int j = 0; j < n; j++) {
        if (j != i && SMP_MIN_SIG_GAIN < t.gain[j] && best < t.gain[j]) {
            target = j;
            best_p = t.prob[j];
            best = t.gain[j];
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
