/*
 * smp.c -- the `smp` engine: KTAB's Spatial Model of Politics with
 * Probabilistic Condorcet Elections (docs/models.md, smp).
 *
 * One turn: every actor picks its most advantageous target and proposes a
 * bargain; every actor's queue (its status quo, the bargains it initiated
 * and those aimed at it) is put to a PCE among all actors, valuing each
 * bargain by the mean utility of the state it would produce; each actor
 * moves to its slot in the winning bargain (StateTransitions); ideals
 * follow positions (identity accommodation); the new state is set up; the
 * run stops when a turn moves the actors less than 2% of the first turn.
 *
 * Inputs map from the slice: positions to the unit scale of each issue,
 * saliences divided by the actor's total where that exceeds 1 (KTAB needs
 * every actor's saliences to sum to at most 1), capability as is.  All
 * scratch is allocated in create(); step() allocates nothing.
 */
#include <math.h>
#include <stdio.h>
#include <omp.h>
#include <stdlib.h>
#include <string.h>

#include "model/engines.h"
#include "model/smp.h"

#define MIN_ITER 2           /* KTAB configExec minIter */
#define MIN_DELTA_RATIO 0.02 /* minDeltaRatio */
#define MIN_SIG_DELTA 1e-4   /* minSigDelta */

/* ---- allocation -------------------------------------------------------- */

static void state_free(smp_state *st)
{
    double **dbl[] = {
        &st->cap,         &st->sal,       &st->sal_total,  &st->smin,
        &st->sal_norm2,   &st->sal_pow,   &st->sal_t,      &st->x_t,
        &st->srange,      &st->x,         &st->y,          &st->x0,
        &st->xprev,       &st->xnew,      &st->pos_out,    &st->delta,
        &st->delta_t,     &st->delta_cap, &st->delta_diag, &st->wsal,
        &st->risk,        &st->rhat,      &st->uown,       &st->base,
        &st->ubuf,        &st->pdist,     &st->actor_prob, &st->target_p,
        &st->target_gain, &st->qval,      &st->qprob,      &st->tscratch,
        &st->qsq};
    int **ints[] = {&st->unique, &st->eq,    &st->target, &st->nprop,
                    &st->qstart, &st->qitem, &st->qfill,  &st->movers};

    for (size_t i = 0; i < sizeof dbl / sizeof dbl[0]; i++)
        free(*dbl[i]);
    for (size_t i = 0; i < sizeof ints / sizeof ints[0]; i++)
        free(*ints[i]);
    if (st->brg)
        free(st->brg[0].pi); /* one block behind every bargain */
    free(st->brg);
    free((void *)st->moved_to);
    smp_pce_ws_free(&st->ws);
    free(st);
}

static double *dalloc(size_t count)
{
    return ent_xcalloc(count ? count : 1, sizeof(double));
}

static int *ialloc(size_t count)
{
    return ent_xcalloc(count ? count : 1, sizeof(int));
}

/* Bargain slots: positions, per-actor utilities and distances in one
   block. */
static smp_bargain *bargains_alloc(int n, int np, int d)
{
    const size_t slots = 2 * (size_t)n;
    const size_t per = 2 * (size_t)d + 3 * (size_t)n + 2 * (size_t)np;
    smp_bargain *b = ent_xcalloc(slots, sizeof *b);
    double *block = dalloc(slots * per);

    for (size_t s = 0; s < slots; s++) {
        double *p = block + s * per;

        b[s].pi = p;
        b[s].pj = p + d;
        b[s].ui = p + 2 * (size_t)d;
        b[s].uj = b[s].ui + n;
        b[s].di = b[s].uj + n;
        b[s].dj = b[s].di + np;
        b[s].val = b[s].dj + np;
    }
    return b;
}

static smp_state *state_alloc(int n, int d)
{
    smp_state *st = ent_xcalloc(1, sizeof *st);
    const int np = smp_padded(n);
    const size_t nd = (size_t)n * (size_t)d;
    const size_t npn = (size_t)n * (size_t)np, qmax = 2 * (size_t)n + 1;

    st->n = n;
    st->d = d;
    st->np = np;
    st->cap = dalloc(n);
    st->sal = dalloc(nd);
    st->sal_total = dalloc(np);
    st->sal_norm2 = dalloc(np);
    st->sal_pow = dalloc(nd);
    st->sal_t = dalloc((size_t)d * (size_t)np);
    st->x_t = dalloc((size_t)d * (size_t)np);
    st->smin = dalloc(d);
    st->srange = dalloc(d);
    st->x = dalloc(nd);
    st->y = dalloc(nd);
    st->x0 = dalloc(nd);
    st->xprev = dalloc(nd);
    st->xnew = dalloc(nd);
    st->pos_out = dalloc(nd);
    st->delta = dalloc(npn);
    st->delta_t = dalloc(npn);
    st->delta_cap = dalloc(npn);
    st->delta_diag = dalloc(np);
    st->wsal = dalloc(np);
    st->risk = dalloc(n);
    st->rhat = dalloc(npn);
    st->uown = dalloc(npn);
    st->base = dalloc(n);
    st->ubuf = dalloc(npn);
    st->pdist = dalloc(n);
    st->actor_prob = dalloc(n);
    st->unique = ialloc(n);
    st->eq = ialloc(n);
    st->target = ialloc(n);
    st->target_p = dalloc(n);
    st->target_gain = dalloc(n);
    st->nprop = ialloc(n);
    st->brg = bargains_alloc(n, np, d);
    st->moved_to = ent_xcalloc((size_t)n, sizeof *st->moved_to);
    st->movers = ialloc(n);
    st->qstart = ialloc((size_t)n + 1);
    st->qfill = ialloc(n);
    st->qsq = dalloc(n);
    st->qitem = ialloc(5 * (size_t)n);
    st->qval = dalloc((size_t)smp_padded((int)qmax) * (size_t)n);
    st->qprob = dalloc(qmax);
    smp_pce_ws_init(&st->ws, (int)qmax);
    st->wide = smp_wide_available();
    st->nthreads = omp_get_max_threads();
    st->tscratch = dalloc((size_t)st->nthreads * SMP_SCRATCH(np));
    return st;
}

/* ---- inputs -------------------------------------------------------------- */

static int check_slice(const ent_slice *s, ent_error *err)
{
    if (s->n < 2)
        return ent_fail(err, ENT_EXIT_INPUT,
                        "smp: needs at least 2 actors, got %d", s->n);
    if (s->d < 1)
        return ent_fail(err, ENT_EXIT_INPUT, "smp: no issues");
    for (int k = 0; k < s->d; k++)
        if (!(s->scale_max[k] > s->scale_min[k]))
            return ent_fail(err, ENT_EXIT_INPUT,
                            "smp: issue %d has an empty scale [%g, %g]", k,
                            s->scale_min[k], s->scale_max[k]);
    for (int i = 0; i < s->n; i++) {
        if (!(s->capability[i] > 0) || !isfinite(s->capability[i]))
            return ent_fail(err, ENT_EXIT_INPUT,
                            "smp: actor %d: capability must be positive, got "
                            "%g (KTAB's votes need positive weights)",
                            i, s->capability[i]);
        for (int k = 0; k < s->d; k++) {
            double sal = s->salience[i * s->d + k];

            if (!(sal >= 0) || !isfinite(sal) ||
                !isfinite(s->position[i * s->d + k]))
                return ent_fail(err, ENT_EXIT_INPUT,
                                "smp: actor %d, issue %d: bad position or "
                                "salience",
                                i, k);
        }
    }
    return 0;
}

/* Saliences divided by their sum where it exceeds 1; positions mapped to
   the unit scale. */
static int load_slice(smp_state *st, const ent_slice *s, ent_error *err)
{
    const int n = s->n, d = s->d;

    for (int k = 0; k < d; k++) {
        st->smin[k] = s->scale_min[k];
        st->srange[k] = s->scale_max[k] - s->scale_min[k];
    }
    for (int i = 0; i < n; i++) {
        double total = 0;

        st->cap[i] = s->capability[i];
        for (int k = 0; k < d; k++)
            total = total + s->salience[i * d + k];
        if (!(total > 0) && st->prm.zero_sal_error)
            return ent_fail(err, ENT_EXIT_INPUT,
                            "smp: actor %d has salience 0 on every issue "
                            "(KTAB's distance is undefined for it; "
                            "ZeroSalience=indifferent lets it take part "
                            "indifferent to every position)",
                            i);
        if (!(total > 0) && st->warning[0] == '\0')
            snprintf(st->warning, sizeof st->warning,
                     "smp: actor %d has salience 0 on every issue, so it is "
                     "indifferent to every position (ZeroSalience=error "
                     "makes this an error)",
                     i);
        for (int k = 0; k < d; k++) {
            double sal = s->salience[i * d + k];

            st->sal[i * d + k] = total > 1 ? sal / total : sal;
        }
        st->sal_total[i] = 0;
        for (int k = 0; k < d; k++)
            st->sal_total[i] = st->sal_total[i] + st->sal[i * d + k];
        st->wsal[i] = st->sal_total[i] * st->cap[i];
        st->sal_norm2[i] = smp_salience_norm2(d, st->sal + (size_t)i * d);
        for (int k = 0; k < d; k++) {
            st->sal_pow[i * d + k] =
                pow(st->sal[i * d + k], smp_interp_power(st->prm.ivb));
            st->sal_t[k * st->np + i] = st->sal[i * d + k];
        }
        for (int k = 0; k < d; k++) {
            double p = s->position[i * d + k];

            st->pos_out[i * d + k] = p;
            st->x[i * d + k] = (p - st->smin[k]) / st->srange[k];
        }
    }
    return 0;
}

static void smp_destroy(void *state)
{
    if (state)
        state_free(state);
}

/* Turn 0 from the slice's inputs (everything else is scratch that a turn
   writes before it reads). */
static int smp_start(smp_state *st, const ent_slice *s, ent_error *err)
{
    const size_t bytes = (size_t)s->n * (size_t)s->d * sizeof(double);

    st->warning[0] = '\0'; /* a reused state starts without one */
    if (check_slice(s, err) < 0 || load_slice(st, s, err) < 0)
        return -1;
    memcpy(st->y, st->x, bytes);
    memcpy(st->x0, st->x, bytes);
    memcpy(st->xprev, st->x, bytes);
    st->turn = 0;
    st->reuse = 0; /* every distance is computed */
    st->stop_ratio = NAN;
    smp_rng_seed(&st->rng, st->prm.seed);
    return smp_state_setup(st, err);
}

static void *smp_create(const ent_slice *s, const ent_model_options *o,
                        ent_error *err)
{
    smp_params prm;
    smp_state *st;

    smp_params_default(&prm);
    if (smp_params_parse(&prm, o, err) < 0 || check_slice(s, err) < 0)
        return NULL;
    st = state_alloc(s->n, s->d);
    st->prm = prm;
    if (smp_start(st, s, err) < 0) {
        state_free(st);
        return NULL;
    }
    return st;
}

static int smp_reset(void *state, const ent_slice *s, ent_error *err)
{
    smp_state *st = state;

    if (s->n != st->n || s->d != st->d)
        return ent_fail(err, ENT_EXIT_INPUT,
                        "smp: reset with %d actors x %d issues, created for "
                        "%d x %d",
                        s->n, s->d, st->n, st->d);
    return smp_start(st, s, err);
}

/* ---- one turn ------------------------------------------------------------ */

/* Whether a turn's loops over actors run on several threads: only when
   there are threads to share and enough actors to pay for the region (an
   ensemble runs each engine on one thread and never opens one). */
static int parallel_turn(const smp_state *st)
{
    return st->nthreads > 1 && st->n > SMP_PARALLEL_MIN_ACTORS;
}

/* Actor i's target and proposals, with SMP_SCRATCH(np) doubles of
   scratch. */
static void propose_one(smp_state *st, int i, double *scratch)
{
    double p, g;
    int j = smp_best_target_ws(st, i, scratch, &p, &g);

    st->target[i] = j;
    st->target_p[i] = p;
    st->target_gain[i] = g;
    st->nprop[i] =
        j < 0 ? 0 : smp_propose(st, i, j, p, &st->brg[2 * (size_t)i]);
}

/* Every actor's target and proposals; initiators are independent, each
   thread has its own scratch row. */
static void propose_all(smp_state *st)
{
    if (!parallel_turn(st)) {
        for (int i = 0; i < st->n; i++)
            propose_one(st, i, st->tscratch);
        return;
    }
#pragma omp parallel num_threads(st->nthreads)
    {
        double *scratch =
            st->tscratch + (size_t)omp_get_thread_num() * SMP_SCRATCH(st->np);

#pragma omp for schedule(dynamic)
        for (int i = 0; i < st->n; i++)
            propose_one(st, i, scratch);
    }
}

/* u_a of bargain slot s's positions, with a's own risk attitude (KTAB's
   SMPActor::posUtil measures from a's current position), and the
   distances behind them (kept for the next state's, smp_state.c); then
   each voter's value of the state after the bargain: the mean over actors
   of its utility of their positions, i.e. the status-quo sum with the two
   principals' terms swapped for the bargain's, once per bargain (it is in
   two queues). */
static void value_bargain(smp_state *st, int s)
{
    const int n = st->n, d = st->d, np = st->np;
    smp_bargain *b = &st->brg[s];

    if (s % 2 >= st->nprop[s / 2])
        return;
    b->chosen_i = b->chosen_j = 0;
    smp_distances_from_all(st->wide, np, d, st->x_t, b->pi, st->sal_t,
                           st->sal_norm2, b->di);
    smp_distances_from_all(st->wide, np, d, st->x_t, b->pj, st->sal_t,
                           st->sal_norm2, b->dj);
    for (int a = 0; a < n; a++) {
        const double *ua = st->uown + (size_t)a * (size_t)np;

        b->ui[a] = smp_utility(b->di[a], st->risk[a]);
        b->uj[a] = smp_utility(b->dj[a], st->risk[a]);
        b->val[a] =
            (st->base[a] - ua[b->init] - ua[b->rcvr] + b->ui[a] + b->uj[a]) / n;
    }
}

static void value_bargains(smp_state *st)
{
    if (!parallel_turn(st)) {
        for (int s = 0; s < 2 * st->n; s++)
            value_bargain(st, s);
        return;
    }
#pragma omp parallel for schedule(dynamic) num_threads(st->nthreads)
    for (int s = 0; s < 2 * st->n; s++)
        value_bargain(st, s);
}

/* Queue of k: its status quo (-1), then every bargain it initiated or
   receives, by initiator (slot order); and every voter's value of the
   status quo. */
static void build_queues(smp_state *st)
{
    const int n = st->n;
    int used = 0;

    for (int k = 0; k < n; k++)
        st->qfill[k] = 1;
    for (int s = 0; s < 2 * n; s++) {
        const smp_bargain *b = &st->brg[s];

        if (s % 2 < st->nprop[s / 2]) {
            st->qfill[b->init]++;
            st->qfill[b->rcvr] += b->rcvr != b->init;
        }
    }
    for (int k = 0; k < n; k++) {
        st->qstart[k] = used;
        st->qitem[used] = -1;
        used += st->qfill[k];
        st->qfill[k] = st->qstart[k] + 1;
    }
    st->qstart[n] = used;
    for (int s = 0; s < 2 * n; s++) {
        const smp_bargain *b = &st->brg[s];

        if (s % 2 < st->nprop[s / 2]) {
            st->qitem[st->qfill[b->init]++] = s;
            if (b->rcvr != b->init)
                st->qitem[st->qfill[b->rcvr]++] = s;
        }
    }
    for (int a = 0; a < n; a++)
        st->qsq[a] = st->base[a] / n;
}

/* value(a, q): voter a's value of option q of k's queue (voter-major, rows
   of ld). */
static void queue_values(const smp_state *st, int k, double *val)
{
    const int n = st->n, q0 = st->qstart[k], m = st->qstart[k + 1] - q0;
    const int ld = smp_padded(m);

    for (int q = 0; q < m; q++) {
        const int s = st->qitem[q0 + q];
        const double *v = s < 0 ? st->qsq : st->brg[s].val;

        for (int a = 0; a < n; a++)
            val[a * ld + q] = v[a];
    }
}

static int first_max(const double *p, int m)
{
    int best = 0;

    for (int i = 1; i < m; i++)
        if (p[i] > p[best])
            best = i;
    return best;
}

/* Resolves k's queue and writes k's next position into xnew. */
static int resolve_queue(smp_state *st, int k, ent_error *err)
{
    const int d = st->d, m = st->qstart[k + 1] - st->qstart[k];
    int pick, s;

    queue_values(st, k, st->qval);
    if (smp_scalar_pce(st->n, m, st->cap, st->qval, smp_padded(m), st->prm.vr,
                       st->prm.vpm, st->prm.pcem, &st->ws, st->qprob, err) < 0)
        return -1;
    pick = st->prm.stm == SMP_STM_STOCHASTIC
               ? smp_rng_select(&st->rng, st->qprob, m)
               : first_max(st->qprob, m);
    s = st->qitem[st->qstart[k] + pick];
    if (s < 0) {
        memcpy(st->xnew + (size_t)k * d, st->x + (size_t)k * d,
               (size_t)d * sizeof(double));
        st->moved_to[k] = NULL;
    } else if (st->brg[s].init == k) {
        memcpy(st->xnew + (size_t)k * d, st->brg[s].pi,
               (size_t)d * sizeof(double));
        st->brg[s].chosen_i = 1;
        st->moved_to[k] = st->brg[s].di;
    } else {
        memcpy(st->xnew + (size_t)k * d, st->brg[s].pj,
               (size_t)d * sizeof(double));
        st->brg[s].chosen_j = 1;
        st->moved_to[k] = st->brg[s].dj;
    }
    return 0;
}

/* KTAB's stateDist: sum over actors of the Euclidean distance moved. */
static double state_dist(int n, int d, const double *a, const double *b)
{
    double sum = 0;

    for (int i = 0; i < n; i++) {
        double s2 = 0;

        for (int k = 0; k < d; k++) {
            double diff = a[i * d + k] - b[i * d + k];

            s2 = s2 + diff * diff;
        }
        sum = sum + sqrt(s2);
    }
    return sum;
}

/* New positions become the state; ideals follow them (identity
   accommodation: y' = x'). */
static void commit_positions(smp_state *st)
{
    const int n = st->n, d = st->d;
    const size_t bytes = (size_t)n * (size_t)d * sizeof(double);

    memcpy(st->xprev, st->x, bytes);
    memcpy(st->x, st->xnew, bytes);
    memcpy(st->y, st->x, bytes);
    st->n_movers = 0;
    for (int k = 0; k < n; k++)
        if (st->moved_to[k])
            st->movers[st->n_movers++] = k;
    st->reuse = 1; /* the next state's distances start from this turn's */
    for (int i = 0; i < n * d; i++)
        if (st->x[i] != st->xprev[i])
            st->pos_out[i] = st->smin[i % d] + st->x[i] * st->srange[i % d];
    if (st->turn == 1)
        st->d01 = state_dist(n, d, st->x0, st->x) + MIN_SIG_DELTA;
}

static int smp_step(void *state, ent_error *err)
{
    smp_state *st = state;

    st->turn++;
    propose_all(st);
    value_bargains(st);
    build_queues(st);
    for (int k = 0; k < st->n; k++)
        if (resolve_queue(st, k, err) < 0)
            return -1;
    commit_positions(st);
    if (smp_state_setup(st, err) < 0)
        return -1;
    st->stop_ratio = state_dist(st->n, st->d, st->xprev, st->x) / st->d01;
    if (st->turn >= st->prm.max_iter)
        return 0;
    return st->turn >= MIN_ITER && st->stop_ratio < MIN_DELTA_RATIO ? 0 : 1;
}

/* ---- reporting ----------------------------------------------------------- */

static const double *smp_positions(const void *state)
{
    return ((const smp_state *)state)->pos_out;
}

/* Mode: the unique position with the highest pDist(-1) probability (first
   on ties).  Mean: the probability-weighted mean of the unique positions. */
static void smp_outcome(const void *state, double *out)
{
    const smp_state *st = state;
    const int d = st->d;

    if (!st->prm.outcome_mean) {
        int m = first_max(st->pdist, st->n_unique);

        memcpy(out, st->pos_out + (size_t)st->unique[m] * d,
               (size_t)d * sizeof(double));
        return;
    }
    for (int k = 0; k < d; k++) {
        double sum = 0;

        for (int m = 0; m < st->n_unique; m++)
            sum += st->pdist[m] * st->pos_out[st->unique[m] * d + k];
        out[k] = sum;
    }
}

static void record_bargains(const smp_state *st, int round, ent_trace *t)
{
    const int d = st->d;
    int count = 0;

    for (int i = 0; i < st->n; i++)
        count += st->nprop[i];
    if (count == 0)
        return;
    t->bargains = ent_xrealloc(t->bargains, (size_t)(t->n_bargains + count) *
                                                sizeof *t->bargains);
    for (int s = 0; s < 2 * st->n; s++) {
        const smp_bargain *b = &st->brg[s];
        ent_bargain *e;

        if (s % 2 >= st->nprop[s / 2])
            continue;
        e = &t->bargains[t->n_bargains++];
        e->round = round;
        e->initiator = b->init;
        e->receiver = b->rcvr;
        e->initiator_pos = ent_xmalloc((size_t)d * sizeof(double));
        e->receiver_pos = ent_xmalloc((size_t)d * sizeof(double));
        for (int k = 0; k < d; k++) {
            e->initiator_pos[k] = st->smin[k] + b->pi[k] * st->srange[k];
            e->receiver_pos[k] = st->smin[k] + b->pj[k] * st->srange[k];
        }
        e->chosen_by_initiator = b->chosen_i;
        e->chosen_by_receiver = b->chosen_j;
    }
}

/* Effective power: KTAB's c_i S_i (CapSal), or the probability of the
   actor's position in this state (PosProb). */
static void smp_record(const void *state, int round, ent_trace *t)
{
    const smp_state *st = state;

    for (int i = 0; i < st->n; i++)
        t->effective_power[(size_t)round * (size_t)st->n + (size_t)i] =
            st->prm.effpow_prob ? st->actor_prob[i]
                                : st->cap[i] * st->sal_total[i];
    t->stop_ratio[round] = st->stop_ratio;
    if (st->warning[0] != '\0' && !t->warning)
        t->warning = ent_xstrdup(st->warning);
    if (round > 0)
        record_bargains(st, round, t);
}

const ent_engine ent_engine_smp = {
    .name = "smp",
    .summary = "KTAB's Spatial Model of Politics (probabilistic Condorcet "
               "elections, multidimensional bargaining)",
    .multidimensional = 1,
    .default_rounds = 100,
    .create = smp_create,
    .step = smp_step,
    .positions = smp_positions,
    .outcome = smp_outcome,
    .record = smp_record,
    .destroy = smp_destroy,
    .reset = smp_reset,
};
