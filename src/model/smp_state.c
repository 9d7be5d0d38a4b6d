/*
 * smp_state.c -- what KTAB computes when a state is set up: distances from
 * every ideal to every position, risk attitudes inferred from a
 * risk-neutral Probabilistic Condorcet Election over the actors'
 * positions, each actor's estimates of the others' risk attitudes, every
 * actor's own utilities, the unique positions and their outcome
 * probabilities pDist(-1) (docs/models.md, smp, "Risk attitudes" and
 * "Outcome probabilities").
 */
/* sqrt() need not set errno here (its arguments are sums of squares), so
   GCC may vectorise the distance loops; no result changes. */
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC optimize("no-math-errno")
#endif

#include <math.h>
#include <stdio.h>

#include "model/smp.h"
#if SMP_HAVE_AVX512
#include "model/smp_vec.h"
#endif

#define POS_TOL 1e-3 /* KTAB SMPModel posTol (unit scale) */
#define DU_TOL 1e-6  /* KTAB setAllAUtil duTol */

double smp_salience_norm2(int d, const double *s)
{
    double ss2 = 0;

    for (int k = 0; k < d; k++)
        ss2 = ss2 + s[k] * s[k];
    return ss2;
}

double smp_distance_n2(int d, const double *y, const double *z, const double *s,
                       double s_norm2)
{
    double ds2 = 0;

    for (int k = 0; k < d; k++) {
        const double ds = (y[k] - z[k]) * s[k];

        ds2 = ds2 + ds * ds;
    }
    return s_norm2 > 0 ? sqrt(ds2 / s_norm2) : 0; /* 0: indifferent */
}

double smp_distance(int d, const double *y, const double *z, const double *s)
{
    return smp_distance_n2(d, y, z, s, smp_salience_norm2(d, s));
}

int smp_wide_available(void)
{
#if SMP_HAVE_AVX512
    return __builtin_cpu_supports("avx512f") != 0;
#else
    return 0;
#endif
}

/* The distances from every position x_a (rows of ld) to z, with a's
   saliences: vectorised over a by GCC. */
SMP_WIDE_SIMD
static void distances_from_all_plain(int ld, int d, const double *x_t,
                                     const double *z, const double *s_t,
                                     const double *s_norm2, double *out)
{
    for (int a = 0; a < ld; a++)
        out[a] = 0;
    for (int k = 0; k < d; k++) {
        const double *xk = x_t + (size_t)k * (size_t)ld;
        const double *sk = s_t + (size_t)k * (size_t)ld;
        const double zk = z[k];

#pragma omp simd
        for (int a = 0; a < ld; a++) {
            const double ds = (xk[a] - zk) * sk[a];

            out[a] = out[a] + ds * ds;
        }
    }
#pragma omp simd
    for (int a = 0; a < ld; a++)
        out[a] = s_norm2[a] > 0 ? sqrt(out[a] / s_norm2[a]) : 0;
}

/* out[j] = smp_distance_n2(d, y, x_j, s, s_norm2) for every position x_j,
   from x transposed (rows of ld); the same bits, vectorised over j by
   GCC. */
SMP_WIDE_SIMD
static void distances_to_all_plain(int ld, int d, const double *y,
                                   const double *x_t, const double *s,
                                   double s_norm2, double *out)
{
    for (int j = 0; j < ld; j++)
        out[j] = 0;
    for (int k = 0; k < d; k++) {
        const double *xk = x_t + (size_t)k * (size_t)ld;
        const double yk = y[k], sk = s[k];

#pragma omp simd
        for (int j = 0; j < ld; j++) {
            const double ds = (yk - xk[j]) * sk;

            out[j] = out[j] + ds * ds;
        }
    }
#pragma omp simd
    for (int j = 0; j < ld; j++)
        out[j] = s_norm2 > 0 ? sqrt(out[j] / s_norm2) : 0;
}

#if SMP_HAVE_AVX512
/* The same two in AVX-512 blocks of SMP_LANES: each block's sums stay in
   a register across the issues. */
SMP_AVX512
static void distances_from_all_wide(int ld, int d, const double *x_t,
                                    const double *z, const double *s_t,
                                    const double *s_norm2, double *out)
{
    for (int ab = 0; ab < ld; ab += SMP_LANES) {
        vdbl sum = vsplat(0.0);

        for (int k = 0; k < d; k++) {
            const size_t at = (size_t)k * (size_t)ld + (size_t)ab;
            const vdbl ds = (vload(x_t + at) - z[k]) * vload(s_t + at);

            sum = sum + ds * ds;
        }
        vstore(out + ab, sum);
#pragma omp simd
        for (int l = 0; l < SMP_LANES; l++)
            out[ab + l] =
                s_norm2[ab + l] > 0 ? sqrt(out[ab + l] / s_norm2[ab + l]) : 0;
    }
}

SMP_AVX512
static void distances_to_all_wide(int ld, int d, const double *y,
                                  const double *x_t, const double *s,
                                  double s_norm2, double *out)
{
    for (int jb = 0; jb < ld; jb += SMP_LANES) {
        vdbl sum = vsplat(0.0);

        for (int k = 0; k < d; k++) {
            const vdbl ds =
                (y[k] - vload(x_t + (size_t)k * (size_t)ld + (size_t)jb)) *
                s[k];

            sum = sum + ds * ds;
        }
        vstore(out + jb, sum);
#pragma omp simd
        for (int l = 0; l < SMP_LANES; l++)
            out[jb + l] = s_norm2 > 0 ? sqrt(out[jb + l] / s_norm2) : 0;
    }
}
#endif

void smp_distances_from_all(int wide, int ld, int d, const double *x_t,
                            const double *z, const double *s_t,
                            const double *s_norm2, double *out)
{
#if SMP_HAVE_AVX512
    if (wide) {
        distances_from_all_wide(ld, d, x_t, z, s_t, s_norm2, out);
        return;
    }
#endif
    (void)wide;
    distances_from_all_plain(ld, d, x_t, z, s_t, s_norm2, out);
}

static void distances_to_all(int wide, int ld, int d, const double *y,
                             const double *x_t, const double *s, double s_norm2,
                             double *out)
{
#if SMP_HAVE_AVX512
    if (wide) {
        distances_to_all_wide(ld, d, y, x_t, s, s_norm2, out);
        return;
    }
#endif
    (void)wide;
    distances_to_all_plain(ld, d, y, x_t, s, s_norm2, out);
}

double smp_est_risk(int radj, double rh, double ri)
{
    switch (radj) {
    case SMP_RADJ_FULL: return ri;
    case SMP_RADJ_TWO_THIRDS: return (rh + (2.0 * ri)) / 3.0;
    case SMP_RADJ_HALF: return (rh + ri) / 2;
    case SMP_RADJ_NONE: return rh;
    default: return ((2.0 * rh) + ri) / 3.0;
    }
}

void smp_risk_from_prob(int rrange, int n, const double *p, double *r)
{
    double pmin = 1.0, pmax = 0.0;

    for (int i = 0; i < n; i++) {
        pmin = p[i] < pmin ? p[i] : pmin;
        pmax = p[i] > pmax ? p[i] : pmax;
    }
    for (int i = 0; i < n; i++) {
        switch (rrange) {
        case SMP_RRANGE_MIN: r[i] = (p[i] - pmin) / (pmax - pmin); break;
        case SMP_RRANGE_MAX:
            r[i] = (2 * p[i] - (pmax + pmin)) / (pmax - pmin);
            break;
        default:
            r[i] = (3 * p[i] - (pmax + 2 * pmin)) / (2 * (pmax - pmin));
            break;
        }
    }
}

/*
 * Row i of delta: distances from ideal y_i (= x_i) to every position.  A
 * turn that kept x_i keeps the distances to every position that stayed,
 * and the distance to a position that moved to a bargain's is the one the
 * bargain's valuation computed (smp_distances_from_all: the same operands
 * and operations), so only the rows of actors that moved are computed
 * again.
 */
static void distance_row(smp_state *st, int i)
{
    const int np = st->np, d = st->d;
    double *row = st->delta + (size_t)i * (size_t)np;

    if (st->reuse && st->moved_to[i] == NULL) {
        for (int m = 0; m < st->n_movers; m++) {
            const int j = st->movers[m];

            row[j] = st->moved_to[j][i];
        }
        return;
    }
    distances_to_all(st->wide, np, d, st->y + (size_t)i * d, st->x_t,
                     st->sal + (size_t)i * d, st->sal_norm2[i], row);
}

static void set_distances(smp_state *st)
{
    const int n = st->n, d = st->d, np = st->np;

    for (int j = 0; j < n; j++)
        for (int k = 0; k < d; k++)
            st->x_t[k * np + j] = st->x[j * d + k];

    if (st->nthreads > 1 && n > SMP_PARALLEL_MIN_ACTORS) {
#pragma omp parallel for num_threads(st->nthreads)
        for (int i = 0; i < n; i++)
            distance_row(st, i);
    } else {
        for (int i = 0; i < n; i++)
            distance_row(st, i);
    }
    for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
            const double dij = st->delta[i * np + j];

            st->delta_t[j * np + i] = dij;
            st->delta_cap[i * np + j] = dij <= 1 ? dij : 1.0;
        }
        st->delta_diag[i] = st->delta[i * np + i];
    }
}

/* 1 if every probability is the same (KTAB then divides 0 by 0). */
static int flat(int n, const double *p)
{
    for (int i = 1; i < n; i++)
        if (p[i] != p[0])
            return 0;
    return 1;
}

/*
 * A state with at most two distinct positions (a binary issue) under
 * TwoPositions=warn: every distance is 0 or the whole salience-weighted
 * span, where risk attitudes change no utility, so KTAB's two failures
 * there (flat probabilities, the sanity checks) become a warning and the
 * run goes on risk-neutral (docs/models.md, "Binary issues").
 */
static int two_positions(const smp_state *st)
{
    return !st->prm.two_ktab && st->n_unique <= 2;
}

static void warn_once(smp_state *st, const char *what)
{
    if (st->warning[0] != '\0')
        return;
    snprintf(st->warning, sizeof st->warning,
             "smp: turn %d: only %d distinct position%s: %s "
             "(TwoPositions=ktab makes this an error, as in KTAB)",
             st->turn, st->n_unique, st->n_unique == 1 ? "" : "s", what);
}

/* Risk attitudes from the risk-neutral PCE over all n positions, with
   capabilities (no salience) as voting weights. */
static int set_risk(smp_state *st, int *degenerate, ent_error *err)
{
    const int n = st->n, np = st->np;
    double *p = st->pdist;

    for (int k = 0; k < n; k++)
        for (int a = 0; a < n; a++)
            st->ubuf[k * np + a] = smp_utility(st->delta[k * np + a], 0);
    if (smp_scalar_pce(n, n, st->cap, st->ubuf, np, st->prm.vr, st->prm.vpm,
                       st->prm.pcem, &st->ws, p, err) < 0)
        return -1;
    *degenerate = flat(n, p);
    if (!*degenerate) {
        smp_risk_from_prob(st->prm.rrange, n, p, st->risk);
        return 0;
    }
    if (!st->prm.flat_neutral && two_positions(st))
        warn_once(st, "every position is equally likely, so every actor is "
                      "risk-neutral");
    else if (!st->prm.flat_neutral)
        return ent_fail(err, ENT_EXIT_RUNTIME,
                        "smp: turn %d: every position is equally likely, so "
                        "KTAB's risk attitudes are 0/0 (DegenerateRisk=neutral "
                        "makes every actor risk-neutral instead)",
                        st->turn);
    for (int i = 0; i < n; i++)
        st->risk[i] = 0.0;
    return 0;
}

/* U(delta, R1) - U(delta, R2) = f(delta) (R1 - R2). */
static double risk_factor(double delta)
{
    return delta <= 1 ? (1 - delta) * delta : (1 - delta);
}

/*
 * KTAB's two sanity checks: the risk-aware utilities must differ from the
 * risk-neutral ones, and each actor's estimate of them must differ from
 * the truth (so BigRAdjust=Full always fails, as in KTAB).
 */
static int sanity_checks(smp_state *st, ent_error *err)
{
    const int n = st->n, np = st->np;
    double *g = st->pdist, total = 0; /* pdist is set up afterwards */

    for (int i = 0; i < n; i++) {
        g[i] = 0;
        for (int j = 0; j < n; j++) {
            const double f = risk_factor(st->delta[i * np + j]);

            g[i] = g[i] + f * f;
        }
        total = total + g[i] * st->risk[i] * st->risk[i];
    }
    if (!(sqrt(total) > DU_TOL) && two_positions(st)) {
        warn_once(st, "KTAB's sanity check finds the risk-aware "
                      "utilities equal to the risk-neutral ones");
        return 0;
    }
    if (!(sqrt(total) > DU_TOL))
        return ent_fail(err, ENT_EXIT_RUNTIME,
                        "smp: turn %d: risk-aware utilities equal the "
                        "risk-neutral ones (KTAB's sanity check; "
                        "SanityChecks=off skips it)",
                        st->turn);
    for (int h = 0; h < n; h++) {
        double sum = 0;

        for (int i = 0; i < n; i++) {
            const double dr = st->rhat[h * np + i] - st->risk[i];

            sum = sum + g[i] * dr * dr;
        }
        if (!(sqrt(sum) > DU_TOL))
            return ent_fail(err, ENT_EXIT_RUNTIME,
                            "smp: turn %d: actor %d's estimates of the "
                            "utilities equal the true ones (KTAB's sanity "
                            "check, which BigRAdjust=Full always fails; "
                            "SanityChecks=off skips it)",
                            st->turn, h);
    }
    return 0;
}

static void set_utilities(smp_state *st)
{
    const int n = st->n, np = st->np;

    for (int h = 0; h < n; h++)
        for (int i = 0; i < n; i++)
            st->rhat[h * np + i] =
                smp_est_risk(st->prm.radj, st->risk[h], st->risk[i]);
    for (int a = 0; a < n; a++) {
        double sum = 0.0;

        for (int j = 0; j < n; j++) {
            double u = smp_utility(st->delta[a * np + j], st->rhat[a * np + a]);

            st->uown[a * np + j] = u;
            sum = sum + u;
        }
        st->base[a] = sum;
    }
}

/* sqrt(sum) < POS_TOL; a partial sum above FAR_SUM (whose root is twice
   POS_TOL) already decides "no", so most pairs skip the rest and sqrt. */
#define FAR_SUM (4 * POS_TOL * POS_TOL)

static int equivalent(const smp_state *st, int i, int j)
{
    double sum = 0;

    for (int k = 0; k < st->d; k++) {
        double diff = st->x[i * st->d + k] - st->x[j * st->d + k];

        sum = sum + diff * diff;
        if (sum > FAR_SUM)
            return 0;
    }
    return sqrt(sum) < POS_TOL;
}

/*
 * KTAB's unique positions (first representatives in actor order); an
 * actor's probability is that of the last representative it matches.
 * equivalent() is symmetric bit for bit (x_i - x_j and x_j - x_i have the
 * same square), so a representative matches no later one (each was
 * compared with it) and is its own last match; any other actor's last
 * match is its first match or a later representative.
 */
static void set_unique(smp_state *st)
{
    int nu = 0;

    for (int i = 0; i < st->n; i++) {
        int found = -1;

        for (int m = 0; m < nu && found < 0; m++)
            if (equivalent(st, i, st->unique[m]))
                found = m;
        st->eq[i] = found < 0 ? -1 - nu : found; /* -1 - m: representative m */
        if (found < 0)
            st->unique[nu++] = i;
    }
    st->n_unique = nu;
    for (int i = 0; i < st->n; i++) {
        if (st->eq[i] < 0) {
            st->eq[i] = -1 - st->eq[i];
            continue;
        }
        for (int m = nu - 1; m > st->eq[i]; m--)
            if (equivalent(st, i, st->unique[m])) {
                st->eq[i] = m; /* the last that matches */
                break;
            }
    }
}

/* pDist(-1): each actor's own utilities over the unique positions. */
static int set_pdist(smp_state *st, ent_error *err)
{
    const int n = st->n, nu = st->n_unique, ld = smp_padded(nu);

    for (int i = 0; i < n; i++)
        for (int m = 0; m < nu; m++)
            st->ubuf[i * ld + m] = st->uown[i * st->np + st->unique[m]];
    if (smp_scalar_pce(n, nu, st->cap, st->ubuf, ld, st->prm.vr, st->prm.vpm,
                       st->prm.pcem, &st->ws, st->pdist, err) < 0)
        return -1;
    for (int i = 0; i < n; i++)
        st->actor_prob[i] = st->pdist[st->eq[i]];
    return 0;
}

int smp_state_setup(smp_state *st, ent_error *err)
{
    int degenerate = 0;

    set_distances(st);
    set_unique(st);
    if (set_risk(st, &degenerate, err) < 0)
        return -1;
    set_utilities(st);
    if (!st->prm.no_checks && !degenerate && sanity_checks(st, err) < 0)
        return -1;
    return set_pdist(st, err);
}
