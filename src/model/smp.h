/*
 * smp.h -- internals of the `smp` engine: KTAB's Spatial Model of Politics
 * with Probabilistic Condorcet Elections (docs/models.md, smp).
 *
 * The engine is split by concept:
 *   smp_params.c   the nine KTAB parameters and the quirk options
 *   smp_rng.c      mt19937_64 with KTAB's q() output transform
 *   smp_pce.c      votes, victory probabilities, coalitions, PCE models
 *   smp_state.c    per-state set-up: distances, risk attitudes, utilities,
 *                  unique positions and outcome probabilities
 *   smp_chlg.h     the arithmetic of a challenge (inline, shared)
 *   smp_bargain.c  challenges (probEduChlg), bargain interpolation
 *   smp_target.c   every initiator's best target, all targets at once
 *   smp.c          the ent_engine: queues, transitions, stopping rule
 *
 * Everything here works on the unit scale (positions and saliences in
 * [0, 1]).  The header is internal: tests include it to check the pieces
 * against hand computations and against KTAB's logs.
 */
#ifndef ENT_MODEL_SMP_H
#define ENT_MODEL_SMP_H

#include <stdint.h>

#include "entente/model.h"

/*
 * SMP_WIDE_SIMD marks the few vectorised loops that dominate a turn: GCC
 * compiles them three times, for AVX-512, for AVX2 and for the baseline,
 * and picks one when the program starts.  All give the same bits: each
 * does the same IEEE operations in the same order on each element
 * (-std=c11 forbids fused multiply-adds, and neither target enables
 * them), only more elements at once.
 */
#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__) &&         \
    defined(__linux__)
#define SMP_WIDE_SIMD                                                          \
    __attribute__((target_clones("avx512f", "avx2", "default")))
#define SMP_HAVE_AVX512 1
#define SMP_AVX512 __attribute__((target("avx512f")))
#else
#define SMP_WIDE_SIMD
#define SMP_HAVE_AVX512 0
#endif
/* For helpers of SMP_WIDE_SIMD functions: inlined, they are compiled for
   each of the caller's targets; called, only for the baseline. */
#if defined(__GNUC__)
#define SMP_INLINE static inline __attribute__((always_inline))
#else
#define SMP_INLINE static inline
#endif

/*
 * The loops over actors that dominate a turn run over rows padded to a
 * multiple of SMP_LANES doubles (a 512-bit vector), with no scalar
 * remainder: in blocks of that many, one AVX-512 operation each, or as
 * plain loops that GCC vectorises.  Lanes beyond the last actor compute
 * values that nothing reads.
 */
#define SMP_LANES 8
static inline int smp_padded(int n)
{
    return (n + SMP_LANES - 1) / SMP_LANES * SMP_LANES;
}
/*
 * The kernels written with explicit vectors of SMP_LANES doubles
 * (smp_vec.h) are compiled for AVX-512 only, where such a vector is one
 * register; elsewhere GCC would split their comparisons into scalars.
 * They run where smp_wide_available() says the processor has AVX-512,
 * and plain loops (SMP_WIDE_SIMD, vectorised by GCC) run elsewhere; both
 * do the same IEEE operations per lane.  A state or PCE workspace keeps
 * the choice in its `wide` flag (tests clear it to compare the two).
 */
int smp_wide_available(void);
/* Scratch doubles of one thread's target search and bargain values. */
#define SMP_SCRATCH(np) (8 * (size_t)(np))

/* ---- parameters (smp_params.c) ---------------------------------------- */

enum {
    SMP_VPM_LINEAR,
    SMP_VPM_SQUARE,
    SMP_VPM_QUARTIC,
    SMP_VPM_OCTIC,
    SMP_VPM_BINARY
};
enum { SMP_PCE_CONDITIONAL, SMP_PCE_MARKOV_INCENTIVE, SMP_PCE_MARKOV_UNIFORM };
enum { SMP_STM_DETERMINISTIC, SMP_STM_STOCHASTIC };
enum {
    SMP_VR_BINARY,
    SMP_VR_PROPBIN,
    SMP_VR_PROP,
    SMP_VR_PROPCBC,
    SMP_VR_CUBIC,
    SMP_VR_ASYMPROSP
};
enum {
    SMP_RADJ_NONE,
    SMP_RADJ_ONE_THIRD,
    SMP_RADJ_HALF,
    SMP_RADJ_TWO_THIRDS,
    SMP_RADJ_FULL
};
enum { SMP_RRANGE_MIN, SMP_RRANGE_MID, SMP_RRANGE_MAX };
enum { SMP_TPC_NO, SMP_TPC_SEMI, SMP_TPC_FULL };
enum { SMP_IVB_S1P1, SMP_IVB_S2P2, SMP_IVB_S2PMAX };
enum { SMP_BM_INIT_ONLY, SMP_BM_INIT_RCVR, SMP_BM_PW_COMP };

/* A turn's loops over actors (targets, bargains, distances) run on several
   threads only above this many actors.  Below it a turn is tens of
   microseconds, less than what a parallel region costs when the threads
   have to wait for a core: on a loaded 2-core machine, DEU III's
   30-actor `smp` back-test took 13 times the wall time of one thread. */
#define SMP_PARALLEL_MIN_ACTORS 64

/* Default seed of KTAB's PRNG (smpc without --seed). */
#define SMP_DEFAULT_SEED UINT64_C(0xD67CC16FE69C185C)

typedef struct smp_params {
    /* KTAB's nine, by KTAB's names */
    int vpm;    /* VictoryProbModel */
    int pcem;   /* PCEModel */
    int stm;    /* StateTransitions */
    int vr;     /* VotingRule */
    int radj;   /* BigRAdjust */
    int rrange; /* BigRRange */
    int tpc;    /* ThirdPartyCommit */
    int ivb;    /* InterVecBrgn */
    int bmod;   /* BargnModel */
    /* corrections of KTAB quirks; 0 = KTAB's behaviour */
    int chlg_vpm;       /* ChallengeVictoryProb: 0 ratio, 1 vpmodel */
    int no_round;       /* BargainRounding: 0 round4, 1 none */
    int pw_receiver;    /* PWCompWeight: 0 initiator, 1 receiver */
    int rcvr_prob;      /* ReceiverEstimate: 0 gain, 1 prob */
    int tp_sided;       /* ThirdPartyProb: 0 shared, 1 sided */
    int no_checks;      /* SanityChecks: 0 ktab, 1 off */
    int flat_neutral;   /* DegenerateRisk: 0 error, 1 neutral */
    int two_ktab;       /* TwoPositions: 0 warn, 1 ktab */
    int zero_sal_error; /* ZeroSalience: 0 indifferent, 1 error */
    /* entente's reporting choices */
    int outcome_mean; /* Outcome: 0 mode, 1 mean */
    int effpow_prob;  /* EffectivePower: 0 CapSal, 1 PosProb */
    uint64_t seed;    /* seed */
    int max_iter;     /* maxIter (the round limit) */
} smp_params;

void smp_params_default(smp_params *p);
/* Applies o->params (and o->rounds) to p.  Unknown names or bad values:
   -1 with an ENT_EXIT_INPUT error. */
int smp_params_parse(smp_params *p, const ent_model_options *o, ent_error *err);

/* ---- random numbers (smp_rng.c) --------------------------------------- */

typedef struct smp_rng {
    uint64_t mt[312];
    int next;
} smp_rng;

void smp_rng_seed(smp_rng *r, uint64_t seed);
uint64_t smp_rng_raw(smp_rng *r);   /* plain mt19937_64 output */
uint64_t smp_rng_next(smp_rng *r);  /* KTAB: q(raw) */
double smp_rng_uniform(smp_rng *r); /* KTAB: q / (2^64 - 1) */
/* KTAB's probSel: one uniform draw, first index whose cumulative sum
   reaches it (the last index on round-off). */
int smp_rng_select(smp_rng *r, const double *p, int m);

/* ---- votes and Probabilistic Condorcet Elections (smp_pce.c) ---------- */

/* vote(rule, w, ua, ub): positive when the voter prefers option a
   (KTAB's Model::vote; inline: it sits in every inner loop). */
static inline double smp_vote(int vr, double w, double ua, double ub)
{
    const double du = ua - ub;
    double bin;

    if (vr == SMP_VR_PROP)
        return w * du;
    bin = du / 1e-8;
    bin = bin > 1 ? 1 : bin;
    bin = bin < -1 ? -1 : bin;
    switch (vr) {
    case SMP_VR_BINARY: return w * bin;
    case SMP_VR_PROPBIN: return w * ((1 - 0.2) * du + 0.2 * bin);
    case SMP_VR_PROPCBC: return w * ((1 - 0.5) * du + 0.5 * (du * du * du));
    case SMP_VR_CUBIC: return w * (du * du * du);
    default: /* ASymProsp */
        if (du < 0.0)
            return w * du;
        if (du > 0.0)
            return (2.0 * w * du) / 3.0;
        return 0.0;
    }
}

/* Victory probability of strength s1 against s2 (VictoryProbModel). */
double smp_vprob(int vpm, double s1, double s2);

/* Scratch for smp_scalar_pce, sized for up to `cap` options. */
typedef struct smp_pce_ws {
    int cap;
    int wide;               /* smp_wide_available() at init */
    double *c, *pv, *h, *q; /* [cap * cap] x3, [cap] */
} smp_pce_ws;

void smp_pce_ws_init(smp_pce_ws *ws, int cap);
void smp_pce_ws_free(smp_pce_ws *ws);

/*
 * KTAB's scalarPCE: m options, nv voters with weights w[k] > 0 and
 * utilities u[k * ld + a] (voter k, option a; voter-major, rows of ld >=
 * m; where ld is a multiple of SMP_LANES, every row must be readable up
 * to ld and large elections run in vector blocks).  Fills the coalition
 * matrix ws->c (C(a,b) = strength for a against b, c[a * m + b]), the
 * pairwise victory matrix ws->pv (the same layout) and the option
 * probabilities p[m].  Returns -1 (runtime error) if a Markov model does
 * not converge in 1000 iterations.
 */
int smp_scalar_pce(int nv, int m, const double *w, const double *u, int ld,
                   int vr, int vpm, int pcem, smp_pce_ws *ws, double *p,
                   ent_error *err);
/* The three PCE models on a filled ws->c / ws->pv (m options). */
void smp_pce_conditional(int m, const double *pv, double *p);
int smp_pce_markov_uniform(int m, const double *pv, double *p, double *q);
int smp_pce_markov_incentive(int m, const double *c, const double *pv,
                             double *h, double *p, double *q);

/* ---- the engine state (smp_state.c, smp.c) ---------------------------- */

/* A proposed bargain: initiator i moves to pi, receiver j to pj. */
typedef struct smp_bargain {
    int init, rcvr;
    double *pi, *pj; /* [d] unit scale */
    double *ui, *uj; /* [n] u_a(pi), u_a(pj) with a's own R_a */
    double *di, *dj; /* [np] distances from every x_a to pi, pj */
    double *val;     /* [n] each voter's value of the bargain's state */
    int chosen_i, chosen_j;
} smp_bargain;

typedef struct smp_state {
    smp_params prm;
    int n, d, turn;
    int np; /* n rounded up to SMP_LANES: the row length of the [n*np]
               matrices, whose padding (columns n..np-1) stays 0 */
    /* inputs */
    double *cap;           /* [n] capability c_i */
    double *sal;           /* [n*d] salience, rows sum to <= 1 */
    double *sal_total;     /* [np] S_i */
    double *sal_norm2;     /* [np] sum_k sal^2: smp_distance's denominator */
    double *sal_pow;       /* [n*d] sal^m of InterVecBrgn SnPm (m = 1, 2) */
    double *sal_t;         /* [d*np] saliences transposed: sal_t[k*np + i] */
    double *smin, *srange; /* [d] issue scale */
    /* positions */
    double *x, *y;      /* [n*d] positions, ideals (unit scale) */
    double *x0, *xprev; /* [n*d] turn 0, previous turn */
    double *x_t;        /* [d*np] x transposed, set with the distances */
    double *xnew;       /* [n*d] next positions being built */
    double *pos_out;    /* [n*d] positions on the issue scale */
    /* per-state matrices (rows of np, see np) */
    double *delta;      /* [n*np] delta(i,j) = dist from y_i to x_j */
    double *delta_t;    /* [n*np] its transpose: delta_t[j*np + i] */
    double *delta_cap;  /* [n*np] min(delta, 1) */
    double *delta_diag; /* [np] delta(i,i) */
    double *wsal;       /* [np] S_i c_i: weight in challenges */
    double *risk;       /* [n] R_i */
    double *rhat;       /* [n*np] rhat(h,i): h's estimate of R_i */
    double *uown;       /* [n*np] A_a(a,j): a's own utility of x_j */
    double *base;       /* [n] sum_j uown(a,j) */
    double *ubuf;       /* [n*np] scratch utilities, voter-major */
    int n_unique;
    int *unique;        /* [n] representative actor of each unique pos */
    int *eq;            /* [n] unique index of actor i (KTAB posProb) */
    double *pdist;      /* [n] probability of each unique position */
    double *actor_prob; /* [n] probability of actor i's position */
    double stop_ratio;  /* of the last turn (NAN at turn 0) */
    char warning[256];  /* first TwoPositions warning, "" if none */
    double d01;         /* distance turn 0 -> 1, plus 1e-4 */
    /* bargaining */
    const double **moved_to; /* [n] the bargain distances to actor k's new
                                position (smp_bargain di, dj), NULL if k
                                kept its position this turn */
    int *movers, n_movers;   /* actors that moved to a bargain's position */
    int reuse;           /* 1: moved_to describes the last turn (smp_state.c) */
    int *target;         /* [n] best target or -1 */
    double *target_p;    /* [n] P(i beats target), i's estimate */
    double *target_gain; /* [n] expected gain */
    smp_bargain *brg;    /* [2n] slot 2i, 2i+1: initiator i */
    int *nprop;          /* [n] bargains initiator i proposed (0..2) */
    int *qstart, *qitem; /* queues: CSR, qitem -1 = status quo */
    int *qfill;          /* [n] scratch of build_queues */
    double *qsq;         /* [n] each voter's value of the status quo */
    double *qval;        /* [n * padded(2n+1)] bargain values, voter-major */
    double *qprob;       /* [2n+1] */
    int wide;            /* AVX-512 kernels (smp_wide_available) */
    int nthreads;        /* threads of the parallel loops */
    double *tscratch;    /* [nthreads * SMP_SCRATCH(np)] per-thread */
    smp_pce_ws ws;
    smp_rng rng;
} smp_state;

/* Salience-weighted distance from ideal y (weights s) to point z; 0 when
   every weight is 0 (an actor indifferent to every position). */
double smp_distance(int d, const double *y, const double *z, const double *s);
/* The same with s_norm2 = smp_salience_norm2(d, s), computed once per
   actor (the same bits as smp_distance). */
double smp_distance_n2(int d, const double *y, const double *z, const double *s,
                       double s_norm2);
double smp_salience_norm2(int d, const double *s);
/* out[a] = smp_distance_n2(d, x_a, z, s_a, s_norm2[a]) for every a < ld,
   from x and s transposed in rows of ld, a multiple of SMP_LANES ([k * ld
   + a]); the same bits, vectorised over a (in AVX-512 blocks if wide). */
void smp_distances_from_all(int wide, int ld, int d, const double *x_t,
                            const double *z, const double *s_t,
                            const double *s_norm2, double *out);
/* U(delta, R) of KTAB's bsUtil. */
static inline double smp_utility(double delta, double r)
{
    if (delta <= 1)
        return (1 - delta) * (1 + delta * r);
    return (1 - delta) * (1 + r); /* only reachable through round-off */
}

/* The same from delta and min(delta, 1), without a branch (1 * R == R
   exactly), for loops that should vectorise. */
static inline double smp_utility_capped(double delta, double capped, double r)
{
    return (1 - delta) * (1 + capped * r);
}

/* h's estimate of i's risk attitude under BigRAdjust. */
double smp_est_risk(int radj, double rh, double ri);
/* BigRRange: risk attitudes from position probabilities. */
void smp_risk_from_prob(int rrange, int n, const double *p, double *r);

/* Everything a new state needs: distances, risk attitudes, perspective
   estimates, own utilities, unique positions and pDist(-1). */
int smp_state_setup(smp_state *st, ent_error *err);

/* ---- challenges and bargains (smp_bargain.c) -------------------------- */

/* h's estimate of the utility to a of b's position: A_h(a,b). */
static inline double smp_autil(const smp_state *st, int h, int a, int b)
{
    return smp_utility(st->delta[a * st->np + b], st->rhat[h * st->np + a]);
}

/* probEduChlg(h, k, i, j): h's estimate of P(i beats j) and of the change
   in k's utility if i challenges j. */
void smp_chlg(const smp_state *st, int h, int k, int i, int j, double *prob,
              double *gain);
/* i's most advantageous target (-1 if none), with i's P and gain; the
   same numbers as smp_chlg(i, i, i, j) bit for bit, all j at once
   (smp_target.c).  smp_best_target uses the first scratch row (not for
   concurrent use); _ws takes SMP_SCRATCH(np) doubles of scratch. */
int smp_best_target(const smp_state *st, int i, double *prob, double *gain);
int smp_best_target_ws(const smp_state *st, int i, double *scratch,
                       double *prob, double *gain);
/* The power n = m of InterVecBrgn SnPm: 1 for S1P1, else 2. */
static inline int smp_interp_power(int ivb)
{
    return ivb == SMP_IVB_S1P1 ? 1 : 2;
}
/* InterVecBrgn between x_i and x_j with probabilities pi_, pj_. */
void smp_interp(const smp_state *st, int i, int j, double pi_, double pj_,
                double *bi, double *bj);
/* The three bargains KTAB forms for i -> j (i's estimate p): b1 from i's
   view, b2 from j's view, pw their power-weighted compromise; each as the
   pair (initiator's position, receiver's position). */
void smp_bargain_triple(const smp_state *st, int i, int j, double p,
                        double *b1i, double *b1j, double *b2i, double *b2j,
                        double *pwi, double *pwj);
/* Bargains initiator i proposes to j under BargnModel; returns how many
   (1 or 2) were written to out[0..] (positions only). */
int smp_propose(const smp_state *st, int i, int j, double p, smp_bargain *out);

#endif
