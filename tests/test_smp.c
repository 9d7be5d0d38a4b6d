/*
 * test_smp.c -- the `smp` engine (KTAB's Spatial Model of Politics).
 *
 * Hand-checkable cases for the pieces (PRNG, votes, victory
 * probabilities, PCE, utilities, risk attitudes, parameters), then the
 * two reference logs of KTAB's smpc (tests/data/ktab/, default
 * parameters) replayed line by line: every actor's position on every
 * dimension at every turn, the number of turns, the stop ratios, the risk
 * attitudes, the outcome probabilities, every challenge estimate, target
 * and proposed bargain, and which bargain each actor chose -- each to the
 * precision the log prints.
 */
#include "harness.h"

#include <math.h>
#include <omp.h>

#include "model/engines.h"
#include "model/smp.h"

#define KTAB_DIR "tests/data/ktab/"

/* ---- small helpers ---------------------------------------------------- */

/* |got - printed| within half a unit of the printed last digit. */
static int near_printed(double got, double printed, int decimals)
{
    return fabs(got - printed) <= 0.5 * pow(10, -decimals) + 1e-9;
}

#define assert_printed(got, printed, decimals)                                 \
    do {                                                                       \
        if (!near_printed((got), (printed), (decimals)))                       \
            fail_msg("%s = %.10f, log prints %.*f (%s:%d)", #got,              \
                     (double)(got), (decimals), (double)(printed), __FILE__,   \
                     __LINE__);                                                \
    } while (0)

static ent_model_options opts_of(const ent_option *o, int n)
{
    ent_model_options mo = {
        .params = o, .n_params = n, .stop = ENT_STOP_ROUNDS};

    return mo;
}

/* ---- a KTAB scenario CSV as a slice ------------------------------------ */

typedef struct ktab_input {
    int n, d;
    char names[96][32];
    double cap[96], pos[96 * 8], sal[96 * 8], smin[8], smax[8];
    ent_slice s;
} ktab_input;

/* Splits a CSV line at commas (no quoting in the reference files). */
static int split(char *line, char **cells, int max)
{
    int count = 0;
    char *p = line;

    while (count < max) {
        cells[count++] = p;
        p = strchr(p, ',');
        if (!p)
            break;
        *p++ = '\0';
    }
    return count;
}

/* Local reader of KTAB's SMP CSV (scenario line, header, actor rows);
   the library's ent_import_ktab is exercised by the run-level test. */
static void read_ktab_csv(const char *path, ktab_input *in)
{
    FILE *f = fopen(path, "r");
    char line[2048], *cells[64];

    assert_non_null(f);
    memset(in, 0, sizeof *in);
    assert_non_null(fgets(line, sizeof line, f));
    split(line, cells, 64);
    in->n = atoi(cells[2]);
    in->d = atoi(cells[3]);
    assert_true(in->n <= 64 && in->d <= 8);
    assert_non_null(fgets(line, sizeof line, f));
    for (int i = 0; i < in->n; i++) {
        assert_non_null(fgets(line, sizeof line, f));
        assert_true(split(line, cells, 64) >= 3 + 2 * in->d);
        snprintf(in->names[i], sizeof in->names[i], "%s", cells[0]);
        in->cap[i] = strtod(cells[2], NULL);
        for (int k = 0; k < in->d; k++) {
            in->pos[i * in->d + k] = strtod(cells[3 + 2 * k], NULL);
            in->sal[i * in->d + k] = strtod(cells[4 + 2 * k], NULL) / 100.0;
        }
    }
    fclose(f);
    for (int k = 0; k < in->d; k++) {
        in->smin[k] = 0;
        in->smax[k] = 100;
    }
    in->s = (ent_slice){in->n,    in->d,    in->cap, in->pos, in->sal,
                        in->smin, in->smax, NULL,    NULL,    NULL};
}

/* ---- a KTAB smpc log ----------------------------------------------------- */

/* One "Est by h of prob p that [i> j], with expected gain to k of g". */
typedef struct est_line {
    int turn, h, i, j, k;
    double p, g;
} est_line;

/* One target line: "In turn t actor i has most advantageous target j
   worth w" (j = -1: "has no advantageous targets"). */
typedef struct target_line {
    int turn, i, j;
    double worth;
} target_line;

/* One bargain printed with its two positions (x100): kind 0 = from the
   initiator's view, 1 = from the receiver's, 2 = power-weighted. */
typedef struct bargain_line {
    int turn, kind, i, j;
    long id;
    double pi[8], pj[8];
} bargain_line;

/* Actor k's choice in a turn: the chosen bargain's initiator and receiver
   (equal for the status quo). */
typedef struct choice_line {
    int turn, k, init, rcvr;
} choice_line;

typedef struct ktab_log {
    int n, d, states;
    double pos[128][64 * 8];  /* [state][i*d+k], x100, 4 decimals */
    double hist[128][64 * 8]; /* history table, 1 decimal */
    double risk[128][64];     /* 3 decimals */
    double prob[128][64];     /* 4 decimals */
    double ratio[128];        /* 4 decimals, from state 1 */
    int n_risk;
    est_line est[8192];
    int n_est;
    target_line tgt[2048];
    int n_tgt;
    bargain_line brg[4096];
    int n_brg;
    choice_line chosen[2048];
    int n_chosen;
} ktab_log;

/* Numbers after `from` into out[]; returns how many. */
static int numbers(const char *from, double *out, int max)
{
    int count = 0;
    char *end;

    while (count < max) {
        double v = strtod(from, &end);

        if (end == from)
            break;
        out[count++] = v;
        from = end;
    }
    return count;
}

/* Bargain id -> (initiator, receiver) from "Bargains involving" lines. */
typedef struct id_map {
    long id[4096];
    int init[4096], rcvr[4096];
    int count;
} id_map;

static void map_ids(id_map *m, const char *line)
{
    const char *p = line;
    long id;
    int i, j;

    while ((p = strchr(p, '[')) != NULL) {
        if (sscanf(p, "[%ld, %d:%d]", &id, &i, &j) == 3 && m->count < 4096) {
            m->id[m->count] = id;
            m->init[m->count] = i;
            m->rcvr[m->count] = j;
            m->count++;
        }
        p++;
    }
}

static void parse_turn_line(ktab_log *lg, FILE *f, const char *line, int *step,
                            int *queue, id_map *ids);

/* A bargain header and its two "adopt:" lines.  smpc's threads sometimes
   print other lines in between; those are parsed as usual. */
static void parse_bargain(ktab_log *lg, FILE *f, const char *line, int *step,
                          int *queue, id_map *ids, int kind)
{
    bargain_line *b = &lg->brg[lg->n_brg++];
    char next[4096];

    b->turn = *step - 1;
    b->kind = kind;
    assert_int_equal(
        sscanf(strchr(line, '['), "[%ld, %d:%d]", &b->id, &b->i, &b->j), 3);
    for (int r = 0; r < 2;) {
        const char *adopt;

        assert_non_null(fgets(next, sizeof next, f));
        adopt = strstr(next, "adopt:");
        if (!adopt) {
            parse_turn_line(lg, f, next, step, queue, ids);
            continue;
        }
        assert_int_equal(numbers(adopt + 6, r ? b->pj : b->pi, 8), lg->d);
        r++;
    }
}

static void parse_choice(ktab_log *lg, const id_map *ids, int turn, int k,
                         const char *line)
{
    long id = strtol(strstr(line, "):") + 2, NULL, 10);
    choice_line *c = &lg->chosen[lg->n_chosen++];

    c->turn = turn;
    c->k = k;
    c->init = c->rcvr = -1;
    for (int m = ids->count - 1; m >= 0; m--)
        if (ids->id[m] == id) {
            c->init = ids->init[m];
            c->rcvr = ids->rcvr[m];
            break;
        }
    assert_true(c->init >= 0);
}

/* Per-turn lines: challenge estimates, targets, bargains, choices,
   positions, risk attitudes, stop ratios. */
static void parse_turn_line(ktab_log *lg, FILE *f, const char *line, int *step,
                            int *queue, id_map *ids)
{
    char next[4096];
    est_line *e;
    int t, i;

    if (sscanf(line, "Starting Model::run iteration %d", step) == 1)
        return;
    if (strncmp(line, "Est by", 6) == 0) {
        e = &lg->est[lg->n_est++];
        e->turn = *step - 1;
        assert_int_equal(sscanf(line,
                                "Est by %d of prob %lf that [%d> %d], "
                                "with expected gain to %d of %lf",
                                &e->h, &e->p, &e->i, &e->j, &e->k, &e->g),
                         6);
    } else if (sscanf(line,
                      "In turn %d actor %d has most advantageous "
                      "target",
                      &t, &i) == 2) {
        target_line *g = &lg->tgt[lg->n_tgt++];

        sscanf(line,
               "In turn %d actor %d has most advantageous target %d "
               "worth %lf",
               &g->turn, &g->i, &g->j, &g->worth);
    } else if (sscanf(line, "In turn %d Actor %d has no advantageous", &t,
                      &i) == 2) {
        lg->tgt[lg->n_tgt++] = (target_line){t, i, -1, 0};
    } else if (strncmp(line, "Bargain [", 9) == 0) {
        int i0, j0;
        long id;

        sscanf(line, "Bargain [%ld, %d:%d]", &id, &i0, &j0);
        parse_bargain(lg, f, line, step, queue, ids,
                      atoi(strstr(line, "from") + 4) == i0 ? 0 : 1);
    } else if (strncmp(line, "Power-weighted compromise [", 27) == 0) {
        parse_bargain(lg, f, line, step, queue, ids, 2);
    } else if (strncmp(line, "Bargains involving actor", 24) == 0) {
        map_ids(ids, line);
    } else if (sscanf(line,
                      "Doing scalarPCE for the %*d bargains of actor "
                      "%d",
                      queue) == 1) {
        return;
    } else if (strncmp(line, "Chosen bargain", 14) == 0) {
        parse_choice(lg, ids, *step, *queue, line);
    } else if (sscanf(line, "postn %d , %*d :", &i) == 1) {
        assert_non_null(fgets(next, sizeof next, f));
        assert_int_equal(numbers(next, &lg->pos[*step][i * lg->d], 8), lg->d);
    } else if (strncmp(line, "Inferred risk attitudes", 23) == 0) {
        for (i = 0; i < lg->n; i++) {
            assert_non_null(fgets(next, sizeof next, f));
            lg->risk[lg->n_risk][i] = strtod(next, NULL);
        }
        lg->n_risk++;
    } else if (strncmp(line, "Fractional change compared", 26) == 0) {
        lg->ratio[*step] = strtod(strchr(line, ':') + 1, NULL);
    }
}

/* History tables at the end: "name, dim: v v v" and "name, prob : p p". */
static void parse_history_line(ktab_log *lg, const char *line, int *row,
                               int probs)
{
    double v[128];
    const char *colon = strrchr(line, ':');
    int count;

    if (!colon)
        return;
    count = numbers(colon + 1, v, 128);
    if (count != lg->states)
        return;
    for (int t = 0; t < count; t++) {
        if (probs)
            lg->prob[t][*row] = v[t];
        else
            lg->hist[t][*row] = v[t];
    }
    (*row)++;
}

static void parse_log(const char *path, ktab_log *lg)
{
    char cmd[512], line[4096];
    FILE *f;
    int step = 0, queue = -1, row = 0, section = 0;
    id_map *ids = ent_xcalloc(1, sizeof *ids);

    snprintf(cmd, sizeof cmd, "gzip -dc %s", path);
    f = popen(cmd, "r");
    assert_non_null(f);
    while (fgets(line, sizeof line, f)) {
        int i, k;
        double v;

        if (sscanf(line, "Number of actors: %d", &lg->n) == 1 ||
            sscanf(line, "Number of dimensions: %d", &lg->d) == 1)
            continue;
        if (sscanf(line, "pos[%d, %d] = %lf", &i, &k, &v) == 3) {
            lg->pos[0][i * lg->d + k] = v;
            continue;
        }
        if (sscanf(line, "There were %d states", &lg->states) == 1)
            continue;
        if (strncmp(line, "History of actor positions", 26) == 0) {
            section = 1;
            row = 0;
        } else if (strncmp(line, "History of actors' winning", 26) == 0) {
            section = 2;
            row = 0;
        } else if (section) {
            parse_history_line(lg, line, &row, section == 2);
        } else {
            parse_turn_line(lg, f, line, &step, &queue, ids);
        }
    }
    pclose(f);
    free(ids);
}

/* ---- pieces: PRNG ------------------------------------------------------ */

static void test_mt19937_64(void **state)
{
    smp_rng r;
    uint64_t x = 0;

    (void)state;
    smp_rng_seed(&r, 5489);
    assert_true(smp_rng_raw(&r) == UINT64_C(14514284786278117030));
    smp_rng_seed(&r, 5489);
    for (int i = 0; i < 10000; i++)
        x = smp_rng_raw(&r);
    /* C++11 [rand.predef]: the 10000th output of mt19937_64 */
    assert_true(x == UINT64_C(9981545732273789042));
}

static void test_ktab_q_transform(void **state)
{
    smp_rng a, b;
    const uint64_t c = UINT64_C(0xE08C1D668B756F83);

    (void)state;
    smp_rng_seed(&a, SMP_DEFAULT_SEED);
    smp_rng_seed(&b, SMP_DEFAULT_SEED);
    for (int i = 0; i < 100; i++) {
        uint64_t raw = smp_rng_raw(&b), q = smp_rng_next(&a);

        assert_true(q == (raw + c) * (2 * raw + 3));
    }
    for (int i = 0; i < 1000; i++) {
        double u = smp_rng_uniform(&a);

        assert_true(u >= 0.0 && u <= 1.0);
    }
}

static void test_prob_select(void **state)
{
    const double p[3] = {0.2, 0.5, 0.3};
    int counts[3] = {0, 0, 0};
    smp_rng r;

    (void)state;
    smp_rng_seed(&r, 42);
    for (int i = 0; i < 20000; i++)
        counts[smp_rng_select(&r, p, 3)]++;
    assert_true(abs(counts[0] - 4000) < 400);
    assert_true(abs(counts[1] - 10000) < 500);
    assert_true(abs(counts[2] - 6000) < 450);
}

/* ---- pieces: votes, victory probabilities, PCE ----------------------------
 */

static void test_votes(void **state)
{
    (void)state;
    assert_true(smp_vote(SMP_VR_PROP, 2.0, 0.7, 0.4) == 2.0 * (0.7 - 0.4));
    assert_true(smp_vote(SMP_VR_BINARY, 2.0, 0.7, 0.4) == 2.0);
    assert_true(smp_vote(SMP_VR_BINARY, 2.0, 0.4, 0.7) == -2.0);
    assert_true(fabs(smp_vote(SMP_VR_BINARY, 1.0, 0.5 + 5e-9, 0.5) - 0.5) <
                1e-6);
    assert_true(fabs(smp_vote(SMP_VR_PROPBIN, 1.0, 0.7, 0.2) -
                     (0.8 * 0.5 + 0.2)) < 1e-15);
    assert_true(fabs(smp_vote(SMP_VR_PROPCBC, 1.0, 0.7, 0.2) -
                     (0.5 * 0.5 + 0.5 * 0.125)) < 1e-15);
    assert_true(fabs(smp_vote(SMP_VR_CUBIC, 2.0, 0.7, 0.2) - 0.25) < 1e-15);
    assert_true(fabs(smp_vote(SMP_VR_ASYMPROSP, 3.0, 0.7, 0.2) - 1.0) < 1e-15);
    assert_true(fabs(smp_vote(SMP_VR_ASYMPROSP, 3.0, 0.2, 0.7) + 1.5) < 1e-15);
    assert_true(smp_vote(SMP_VR_ASYMPROSP, 3.0, 0.2, 0.2) == 0.0);
}

static void test_victory_prob(void **state)
{
    (void)state;
    assert_true(fabs(smp_vprob(SMP_VPM_LINEAR, 3, 1) - 0.75) < 1e-15);
    assert_true(fabs(smp_vprob(SMP_VPM_SQUARE, 3, 1) - 0.9) < 1e-15);
    assert_true(fabs(smp_vprob(SMP_VPM_QUARTIC, 3, 1) - 81.0 / 82) < 1e-15);
    assert_true(fabs(smp_vprob(SMP_VPM_OCTIC, 2, 1) - 256.0 / 257) < 1e-15);
    /* Binary: 10% ahead wins (almost) surely; within, linear ramp */
    assert_true(fabs(smp_vprob(SMP_VPM_BINARY, 1.1, 1) - 1 / (1 + 1e-6)) <
                1e-15);
    assert_true(fabs(smp_vprob(SMP_VPM_BINARY, 1, 1) - 0.5) < 1e-12);
    assert_true(smp_vprob(SMP_VPM_BINARY, 1, 1.2) < 1e-5);
}

/*
 * Coalitions are KTAB's sums in voter order, bit for bit: C(a,b) = 1e-8 +
 * the positive parts of w_k (u_a - u_b), k = 0, 1, ...  Small elections
 * are summed pair by pair, larger ones row by row (in AVX-512 blocks where
 * the processor has them and the utilities' rows are padded to the vector
 * width); every size from 1 to 12 options checks each way against the
 * definition, with ties (votes of 0) and a voter of weight 0.
 */
static void test_pce_coalitions_exact(void **state)
{
    enum { NV = 9, MMAX = 12, LDMAX = 16 };
    double w[NV], u[NV * LDMAX] = {0}, p[MMAX];
    unsigned long long seed = 7;
    ent_error err;

    (void)state;
    for (int m = 1; m <= MMAX; m++) {
        const int lds[2] = {m, smp_padded(m)};

        for (int t = 0; t < 2 * (1 + smp_wide_available()); t++) {
            const int ld = lds[t % 2], wide = t / 2;
            smp_pce_ws ws;

            smp_pce_ws_init(&ws, m);
            ws.wide = wide;
            for (int k = 0; k < NV; k++) {
                w[k] = k == 3 ? 0.0 : 10 + 190 * test_uniform(&seed);
                for (int a = 0; a < ld; a++)
                    u[k * ld + a] = a > 0 && test_uniform(&seed) < 0.2
                                        ? u[k * ld + a - 1]
                                        : test_uniform(&seed);
            }
            assert_int_equal(smp_scalar_pce(NV, m, w, u, ld, SMP_VR_PROP,
                                            SMP_VPM_LINEAR, SMP_PCE_CONDITIONAL,
                                            &ws, p, &err),
                             0);
            for (int a = 0; a < m; a++)
                for (int b = 0; b < m; b++) {
                    double want = 1e-8;

                    for (int k = 0; a != b && k < NV; k++) {
                        const double v = w[k] * (u[k * ld + a] - u[k * ld + b]);

                        want = want + (v > 0 ? v : 0.0);
                    }
                    assert_memory_equal(&ws.c[a * m + b], &want, sizeof want);
                }
            smp_pce_ws_free(&ws);
        }
    }
}

/*
 * Three voters (weights 1, 2, 3) and three options; utilities chosen so
 * the coalitions are easy sums.  Voter k's utilities of options a, b, c:
 *   k0: 1.0 0.5 0.0   k1: 0.0 1.0 0.5   k2: 0.5 0.0 1.0
 */
static void test_pce_by_hand(void **state)
{
    const double w[3] = {1, 2, 3};
    const double u[9] = {1.0, 0.5, 0.0,  /* voter k0: options a, b, c */
                         0.0, 1.0, 0.5,  /* voter k1 */
                         0.5, 0.0, 1.0}; /* voter k2 */
    double p[3], c_ab, c_ba, pab, pac, pbc, pa, pb, pc, sum;
    smp_pce_ws ws;
    ent_error err;

    (void)state;
    smp_pce_ws_init(&ws, 3);
    assert_int_equal(smp_scalar_pce(3, 3, w, u, 3, SMP_VR_PROP, SMP_VPM_LINEAR,
                                    SMP_PCE_CONDITIONAL, &ws, p, &err),
                     0);
    /* a vs b: k0 +0.5*1, k1 -1.0*2, k2 +0.5*3 -> C(a,b) = 2, C(b,a) = 2 */
    c_ab = 1e-8 + 0.5 + 1.5;
    c_ba = 1e-8 + 2.0;
    assert_true(fabs(ws.c[0 * 3 + 1] - c_ab) < 1e-12);
    assert_true(fabs(ws.c[1 * 3 + 0] - c_ba) < 1e-12);
    /* a vs c: k0 +1, k1 -1, k2 -1.5 -> 1 : 2.5;  b vs c: k0 +0.5,
       k1 +1, k2 -3 -> 1.5 : 3 */
    pab = c_ab / (c_ab + c_ba);
    pac = (1e-8 + 1.0) / (2e-8 + 3.5);
    pbc = (1e-8 + 1.5) / (2e-8 + 4.5);
    assert_true(fabs(ws.pv[0 * 3 + 2] - pac) < 1e-12);
    pa = 0.5 * pab * pac;
    pb = (1 - pab) * 0.5 * pbc;
    pc = (1 - pac) * (1 - pbc) * 0.5;
    sum = pa + pb + pc;
    assert_true(fabs(p[0] - pa / sum) < 1e-12);
    assert_true(fabs(p[1] - pb / sum) < 1e-12);
    assert_true(fabs(p[2] - pc / sum) < 1e-12);
    /* the Markov models give distributions too, c still the favourite */
    assert_int_equal(smp_scalar_pce(3, 3, w, u, 3, SMP_VR_PROP, SMP_VPM_LINEAR,
                                    SMP_PCE_MARKOV_UNIFORM, &ws, p, &err),
                     0);
    assert_true(fabs(p[0] + p[1] + p[2] - 1) < 1e-9);
    assert_true(p[2] > p[0] && p[2] > p[1]);
    assert_int_equal(smp_scalar_pce(3, 3, w, u, 3, SMP_VR_PROP, SMP_VPM_LINEAR,
                                    SMP_PCE_MARKOV_INCENTIVE, &ws, p, &err),
                     0);
    assert_true(fabs(p[0] + p[1] + p[2] - 1) < 1e-9);
    smp_pce_ws_free(&ws);
}

/* Markov-uniform on two options has the fixed point p_a = PV(a,b). */
static void test_markov_uniform_two(void **state)
{
    const double pv[4] = {0.5, 0.8, 0.2, 0.5};
    double p[2], q[2];

    (void)state;
    assert_int_equal(smp_pce_markov_uniform(2, pv, p, q), 0);
    assert_true(fabs(p[0] - 0.8) < 1e-5);
    assert_true(fabs(p[1] - 0.2) < 1e-5);
}

/* ---- pieces: distance, utility, risk ------------------------------------ */

static void test_distance_utility(void **state)
{
    const double y[2] = {0.2, 0.6}, z[2] = {0.5, 0.2}, s[2] = {0.3, 0.4};
    /* sqrt(((0.3*0.3)^2 + (0.4*0.4)^2) / (0.09 + 0.16)) */
    const double want = sqrt((0.0081 + 0.0256) / 0.25);

    (void)state;
    assert_true(fabs(smp_distance(2, y, z, s) - want) < 1e-15);
    assert_true(smp_distance(2, y, y, s) == 0.0);
    assert_true(smp_utility(0.0, 0.7) == 1.0);
    assert_true(smp_utility(1.0, -0.3) == 0.0);
    assert_true(fabs(smp_utility(0.5, 1.0) - 0.75) < 1e-15);
    assert_true(fabs(smp_utility(0.5, -0.5) - 0.375) < 1e-15);
    assert_true(fabs(smp_utility(0.5, 0.0) - 0.5) < 1e-15);
    assert_true(fabs(smp_utility(1.1, 0.5) - (-0.1 * 1.5)) < 1e-15);
}

static void test_risk_attitudes(void **state)
{
    const double p[3] = {0.1, 0.6, 0.3};
    double r[3];

    (void)state;
    smp_risk_from_prob(SMP_RRANGE_MID, 3, p, r);
    assert_true(fabs(r[0] + 0.5) < 1e-15 && fabs(r[1] - 1) < 1e-15);
    assert_true(fabs(r[2] - (0.9 - 0.8) / 1.0) < 1e-12);
    smp_risk_from_prob(SMP_RRANGE_MIN, 3, p, r);
    assert_true(fabs(r[0]) < 1e-15 && fabs(r[1] - 1) < 1e-15);
    smp_risk_from_prob(SMP_RRANGE_MAX, 3, p, r);
    assert_true(fabs(r[0] + 1) < 1e-15 && fabs(r[1] - 1) < 1e-15);
    assert_true(fabs(smp_est_risk(SMP_RADJ_ONE_THIRD, 0.9, 0.3) - 0.7) < 1e-15);
    assert_true(smp_est_risk(SMP_RADJ_NONE, 0.9, 0.3) == 0.9);
    assert_true(smp_est_risk(SMP_RADJ_FULL, 0.9, 0.3) == 0.3);
    assert_true(fabs(smp_est_risk(SMP_RADJ_HALF, 0.9, 0.3) - 0.6) < 1e-15);
    assert_true(fabs(smp_est_risk(SMP_RADJ_TWO_THIRDS, 0.9, 0.3) - 0.5) <
                1e-15);
}

/* ---- parameters ------------------------------------------------------------
 */

static void test_params_parse(void **state)
{
    static const struct {
        const char *name, *value;
        size_t off;
        int want;
    } cases[] = {
        {"VictoryProbModel", "Octic", offsetof(smp_params, vpm), 3},
        {"VictoryProbModel", "4", offsetof(smp_params, vpm), 4},
        {"PCEModel", "MarkovIncentive", offsetof(smp_params, pcem), 1},
        {"PCEModel", "markovuniform", offsetof(smp_params, pcem), 2},
        {"StateTransitions", "Stochastic", offsetof(smp_params, stm), 1},
        {"VotingRule", "ASymProsp", offsetof(smp_params, vr), 5},
        {"VotingRule", "0", offsetof(smp_params, vr), 0},
        {"BigRAdjust", "TwoThirds", offsetof(smp_params, radj), 3},
        {"BigRRange", "Max", offsetof(smp_params, rrange), 2},
        {"ThirdPartyCommit", "FullCommit", offsetof(smp_params, tpc), 2},
        {"InterVecBrgn", "S2PMax", offsetof(smp_params, ivb), 2},
        {"BargnModel", "PWCompInterp", offsetof(smp_params, bmod), 2},
        {"ChallengeVictoryProb", "vpmodel", offsetof(smp_params, chlg_vpm), 1},
        {"BargainRounding", "none", offsetof(smp_params, no_round), 1},
        {"PWCompWeight", "receiver", offsetof(smp_params, pw_receiver), 1},
        {"ReceiverEstimate", "prob", offsetof(smp_params, rcvr_prob), 1},
        {"ThirdPartyProb", "sided", offsetof(smp_params, tp_sided), 1},
        {"SanityChecks", "off", offsetof(smp_params, no_checks), 1},
        {"DegenerateRisk", "neutral", offsetof(smp_params, flat_neutral), 1},
        {"Outcome", "mean", offsetof(smp_params, outcome_mean), 1},
        {"EffectivePower", "PosProb", offsetof(smp_params, effpow_prob), 1},
    };
    smp_params p, def;
    ent_error err;

    (void)state;
    smp_params_default(&def);
    assert_int_equal(def.vpm, SMP_VPM_LINEAR);
    assert_int_equal(def.pcem, SMP_PCE_CONDITIONAL);
    assert_int_equal(def.stm, SMP_STM_DETERMINISTIC);
    assert_int_equal(def.vr, SMP_VR_PROP);
    assert_int_equal(def.radj, SMP_RADJ_ONE_THIRD);
    assert_int_equal(def.rrange, SMP_RRANGE_MID);
    assert_int_equal(def.tpc, SMP_TPC_SEMI);
    assert_int_equal(def.ivb, SMP_IVB_S2P2);
    assert_int_equal(def.bmod, SMP_BM_INIT_ONLY);
    assert_int_equal(def.max_iter, 100);
    assert_true(def.seed == UINT64_C(15455440707583219804));
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        ent_option o = {cases[c].name, cases[c].value};
        ent_model_options mo = opts_of(&o, 1);

        smp_params_default(&p);
        assert_int_equal(smp_params_parse(&p, &mo, &err), 0);
        assert_int_equal(*(int *)((char *)&p + cases[c].off), cases[c].want);
    }
}

static void test_params_errors(void **state)
{
    static const ent_option bad[] = {
        {"VictoryProbModel", "Cubic"},
        {"PCEModel", "3"},
        {"StateTransitions", "Random"},
        {"VotingRule", "-1"},
        {"BigRAdjust", "Quarter"},
        {"BigRRange", "Wide"},
        {"ThirdPartyCommit", ""},
        {"InterVecBrgn", "S3P3"},
        {"BargnModel", "Both"},
        {"ChallengeVictoryProb", "x"},
        {"seed", "-3"},
        {"seed", "12abc"},
        {"seed", ""},
        {"NoSuchParameter", "1"},
    };
    smp_params p;
    ent_error err;

    (void)state;
    for (size_t c = 0; c < sizeof bad / sizeof bad[0]; c++) {
        ent_model_options mo = opts_of(&bad[c], 1);

        smp_params_default(&p);
        ent_error_clear(&err);
        assert_int_equal(smp_params_parse(&p, &mo, &err), -1);
        assert_int_equal(err.code, ENT_EXIT_INPUT);
    }
    {
        ent_option o = {"seed", "0x10"};
        ent_model_options mo = opts_of(&o, 1);

        assert_int_equal(smp_params_parse(&p, &mo, &err), 0);
        assert_true(p.seed == 16);
    }
}

/* An unknown parameter stops the engine before it runs (exit code 2). */
static void test_engine_rejects_bad_params(void **state)
{
    ktab_input in;
    ent_option o = {"BigRRange", "Huge"};
    ent_model_options mo = opts_of(&o, 1);
    ent_error err;

    (void)state;
    read_ktab_csv(KTAB_DIR "dummyData_3Dim.csv", &in);
    ent_error_clear(&err);
    assert_null(ent_engine_smp.create(&in.s, &mo, &err));
    assert_int_equal(err.code, ENT_EXIT_INPUT);
}

/* ---- replaying KTAB's logs ---------------------------------------------- */

typedef struct replay_counts {
    int positions, risks, probs, ratios, ests, targets, bargains, choices;
    int ties;
} replay_counts;

static void check_state(const smp_state *st, const ktab_log *lg, int t,
                        replay_counts *c)
{
    const int n = st->n, d = st->d;
    const double *pos = ent_engine_smp.positions(st);

    for (int i = 0; i < n * d; i++) {
        assert_printed(pos[i], lg->pos[t][i], t == 0 ? 3 : 4);
        assert_printed(pos[i], lg->hist[t][i], 1);
        c->positions++;
    }
    for (int i = 0; i < n; i++) {
        assert_printed(st->risk[i], lg->risk[t][i], 3);
        assert_printed(st->actor_prob[i], lg->prob[t][i], 4);
        c->risks++;
        c->probs++;
    }
    if (t > 0) {
        /* replay() keeps t < lg->states <= 128 */
        // cppcheck-suppress arrayIndexOutOfBoundsCond ; false positive, see
        // above
        assert_printed(st->stop_ratio, lg->ratio[t], 4);
        c->ratios++;
    }
}

/* The challenge estimates, targets and bargains KTAB printed while
   stepping from state t (x100 for positions). */
static void check_proposals(const smp_state *st, const ktab_log *lg, int t,
                            replay_counts *c)
{
    double b[6][8];

    for (int e = 0; e < lg->n_est; e++) {
        const est_line *l = &lg->est[e];
        double p, g;

        if (l->turn != t)
            continue;
        smp_chlg(st, l->h, l->k, l->i, l->j, &p, &g);
        assert_printed(p, l->p, 4);
        assert_printed(g, l->g, 4);
        c->ests++;
    }
    for (int e = 0; e < lg->n_tgt; e++) {
        const target_line *l = &lg->tgt[e];
        double p, g;

        if (l->turn != t)
            continue;
        assert_int_equal(smp_best_target(st, l->i, &p, &g), l->j);
        if (l->j >= 0)
            assert_printed(g, l->worth, 3);
        c->targets++;
    }
    for (int e = 0; e < lg->n_brg; e++) {
        const bargain_line *l = &lg->brg[e];
        double p, g;

        if (l->turn != t)
            continue;
        assert_int_equal(smp_best_target(st, l->i, &p, &g), l->j);
        smp_bargain_triple(st, l->i, l->j, p, b[0], b[1], b[2], b[3], b[4],
                           b[5]);
        for (int k = 0; k < st->d; k++) {
            assert_printed(100 * b[2 * l->kind][k], l->pi[k], 3);
            assert_printed(100 * b[2 * l->kind + 1][k], l->pj[k], 3);
        }
        c->bargains++;
    }
}

/* Where actor k would move if it took the bargain init:rcvr proposed in
   the last step (its old position for the status quo); NULL if none. */
static const double *slot_of(const smp_state *st, int k, int init, int rcvr)
{
    if (init == k && rcvr == k)
        return st->xprev + k * st->d;
    for (int s = 0; s < 2 * st->n; s++) {
        const smp_bargain *b = &st->brg[s];

        if (s % 2 < st->nprop[s / 2] && b->init == init && b->rcvr == rcvr)
            return init == k ? b->pi : b->pj;
    }
    return NULL;
}

/*
 * Which bargain each actor chose in the step to state t.  KTAB names it
 * by id ("Bargains involving" lines map ids to initiator:receiver).  On
 * an exact tie between bargains that move the actor to the same point,
 * KTAB takes the first in its thread-ordered queue and we the first in
 * initiator order: then the point must be the same.
 */
static void check_choices(const smp_state *st, const ktab_log *lg, int t,
                          replay_counts *c)
{
    for (int e = 0; e < lg->n_chosen; e++) {
        const choice_line *l = &lg->chosen[e];
        const double *ours, *theirs;
        /* both start as the actor itself: no bargain chosen */
        // cppcheck-suppress duplicateAssignExpression ; intended, see above
        int init = l->k, rcvr = l->k;

        if (l->turn != t)
            continue;
        for (int s = 0; s < 2 * st->n; s++) {
            const smp_bargain *b = &st->brg[s];

            if (s % 2 >= st->nprop[s / 2])
                continue;
            if ((b->init == l->k && b->chosen_i) ||
                (b->rcvr == l->k && b->chosen_j)) {
                init = b->init;
                rcvr = b->rcvr;
            }
        }
        c->choices++;
        if (init == l->init && rcvr == l->rcvr)
            continue;
        ours = slot_of(st, l->k, init, rcvr);
        theirs = slot_of(st, l->k, l->init, l->rcvr);
        assert_non_null(ours);
        assert_non_null(theirs);
        assert_memory_equal(ours, theirs, (size_t)st->d * sizeof(double));
        c->ties++;
    }
}

static void replay(const char *csv, const char *log, int want_states)
{
    ktab_input in;
    ktab_log *lg = ent_xcalloc(1, sizeof *lg);
    replay_counts c = {0};
    smp_state *st;
    ent_error err;
    int t = 0, rc = 1;

    read_ktab_csv(csv, &in);
    parse_log(log, lg);
    assert_int_equal(lg->n, in.n);
    assert_int_equal(lg->d, in.d);
    assert_int_equal(lg->states, want_states);
    assert_int_equal(lg->n_risk, want_states);
    st = ent_engine_smp.create(&in.s, NULL, &err);
    assert_non_null(st);
    for (;;) {
        assert_true(t < lg->states); /* lg holds states 0..states-1 */
        check_state(st, lg, t, &c);
        if (rc == 0)
            break;
        check_proposals(st, lg, t, &c);
        rc = ent_engine_smp.step(st, &err);
        assert_true(rc >= 0);
        t++;
        check_choices(st, lg, t, &c);
    }
    assert_int_equal(t + 1, lg->states);
    assert_true(c.ests > 0 && c.targets == in.n * (lg->states - 1));
    assert_int_equal(c.choices, in.n * (lg->states - 1));
    ent_engine_smp.destroy(st);
    print_message("    %s: %d states, %d coordinates, %d risk attitudes, "
                  "%d probabilities, %d stop ratios, %d estimates, "
                  "%d targets, %d bargains, %d choices (%d exact ties) "
                  "match\n",
                  strrchr(log, '/') + 1, lg->states, c.positions, c.risks,
                  c.probs, c.ratios, c.ests, c.targets, c.bargains, c.choices,
                  c.ties);
    free(lg);
}

static void test_ktab_dummy_3dim(void **state)
{
    (void)state;
    replay(KTAB_DIR "dummyData_3Dim.csv",
           KTAB_DIR "20170530_ref-dummyData_3Dim.txt.gz", 11);
}

static void test_ktab_soe_pol_comp(void **state)
{
    (void)state;
    replay(KTAB_DIR "SOE-Pol-Comp.csv",
           KTAB_DIR "20170530_ref-SOE-Pol-Comp.txt.gz", 28);
}

/* ---- engine behaviour ------------------------------------------------------
 */

/* A random scenario like KTAB's --euSMP generator draws (fixed seed). */
static void random_input(ktab_input *in, int n, int d, uint64_t seed)
{
    smp_rng r;

    assert_true(n <= 96 && d <= 8);
    smp_rng_seed(&r, seed);
    memset(in, 0, sizeof *in);
    in->n = n;
    in->d = d;
    for (int k = 0; k < d; k++)
        in->smax[k] = 100;
    for (int i = 0; i < n; i++) {
        double total = 0.75 + 0.24 * smp_rng_uniform(&r), sum = 0;

        in->cap[i] = 10 + 190 * smp_rng_uniform(&r);
        for (int k = 0; k < d; k++) {
            in->sal[i * d + k] = 0.1 + 0.9 * smp_rng_uniform(&r);
            sum += in->sal[i * d + k];
            in->pos[i * d + k] = round(10000 * smp_rng_uniform(&r)) / 100;
        }
        for (int k = 0; k < d; k++)
            in->sal[i * d + k] *= total / sum;
    }
    in->s = (ent_slice){n,        d,        in->cap, in->pos, in->sal,
                        in->smin, in->smax, NULL,    NULL,    NULL};
}

/* Runs the engine to its stopping rule (at most `max` turns), keeping
   every turn's positions in traj[(t * n + i) * d + k]; returns the number
   of turns, or -1 with *err set. */
static int run_engine(const ent_slice *s, const ent_option *o, int n_opt,
                      int max, double *traj, ent_error *err)
{
    ent_model_options mo = opts_of(o, n_opt);
    void *st = ent_engine_smp.create(s, &mo, err);
    const size_t nd = (size_t)s->n * (size_t)s->d;
    int t = 0, rc = 1;

    if (!st)
        return -1;
    if (traj)
        memcpy(traj, ent_engine_smp.positions(st), nd * sizeof(double));
    while (rc == 1 && t < max) {
        rc = ent_engine_smp.step(st, err);
        if (rc < 0)
            break;
        t++;
        if (traj)
            memcpy(traj + (size_t)t * nd, ent_engine_smp.positions(st),
                   nd * sizeof(double));
    }
    ent_engine_smp.destroy(st);
    return rc < 0 ? -1 : t;
}

/* Every initiator's best target in state st is the one smp_chlg finds,
   with the same bits. */
static void check_best_targets(const smp_state *st)
{
    for (int i = 0; i < st->n; i++) {
        double best = -1.0, best_p = 0.0, p, g;
        int target = -1;

        for (int j = 0; j < st->n; j++) {
            if (j == i)
                continue;
            smp_chlg(st, i, i, i, j, &p, &g);
            if (1e-5 < g && best < g) {
                target = j;
                best_p = p;
                best = g;
            }
        }
        assert_int_equal(smp_best_target(st, i, &p, &g), target);
        if (target >= 0) {
            assert_memory_equal(&p, &best_p, sizeof p);
            assert_memory_equal(&g, &best, sizeof g);
        }
    }
}

/* The same with the plain kernels and, where the processor has them, the
   AVX-512 ones (smp.h, smp_wide_available). */
static void check_best_targets_both(smp_state *st)
{
    for (int wide = 0; wide <= smp_wide_available(); wide++) {
        st->wide = wide;
        check_best_targets(st);
    }
    st->wide = smp_wide_available();
}

/* The all-targets-at-once search gives smp_chlg's numbers bit for bit,
   under every voting rule and third-party model, for numbers of actors
   below, at and above multiples of the vector width (the padded lanes),
   at the first turn and two turns later. */
static void test_best_target_matches_chlg(void **state)
{
    static const ent_option variants[][2] = {
        {{"VotingRule", "Prop"}, {"ThirdPartyCommit", "SemiCommit"}},
        {{"VotingRule", "Prop"}, {"ThirdPartyCommit", "NoCommit"}},
        {{"VotingRule", "Prop"}, {"ThirdPartyCommit", "FullCommit"}},
        {{"VotingRule", "Prop"}, {"ThirdPartyProb", "sided"}},
        {{"ThirdPartyProb", "sided"}, {"ThirdPartyCommit", "FullCommit"}},
        {{"ThirdPartyProb", "sided"}, {"ThirdPartyCommit", "NoCommit"}},
        {{"VotingRule", "Binary"}, {"ThirdPartyCommit", "SemiCommit"}},
        {{"VotingRule", "PropBin"}, {"ThirdPartyProb", "sided"}},
        {{"VotingRule", "PropCbc"}, {"ChallengeVictoryProb", "vpmodel"}},
        {{"VotingRule", "Cubic"}, {"VictoryProbModel", "Square"}},
        {{"VotingRule", "ASymProsp"}, {"ThirdPartyCommit", "FullCommit"}},
    };
    static const int sizes[] = {2, 3, 8, 9, 18, 25};
    ktab_input in;
    ent_error err;

    (void)state;
    for (size_t z = 0; z < sizeof sizes / sizeof sizes[0]; z++) {
        random_input(&in, sizes[z], 3, 7 + z);
        for (size_t v = 0; v < sizeof variants / sizeof variants[0]; v++) {
            ent_model_options mo = opts_of(variants[v], 2);
            smp_state *st = ent_engine_smp.create(&in.s, &mo, &err);

            assert_non_null(st);
            check_best_targets_both(st);
            for (int t = 0; t < 2 && ent_engine_smp.step(st, &err) == 1; t++)
                check_best_targets_both(st);
            ent_engine_smp.destroy(st);
        }
    }
}

/* The distances a state keeps from the last turn (actors that did not
   move) or takes from the bargains' valuations (actors that moved) are
   the ones computed afresh, bit for bit, at every turn. */
static void distances_reused(int wide)
{
    ktab_input in;
    ent_error err;
    smp_state *st;
    int turns = 0, rc = 1, moved = 0, kept = 0;

    random_input(&in, 18, 4, 13);
    st = ent_engine_smp.create(&in.s, NULL, &err);
    assert_non_null(st);
    st->wide = wide;
    while (rc == 1 && turns < 30) {
        rc = ent_engine_smp.step(st, &err);
        assert_true(rc >= 0);
        turns++;
        moved += st->n_movers;
        kept += st->n - st->n_movers;
        for (int i = 0; i < st->n; i++)
            for (int j = 0; j < st->n; j++) {
                const double want =
                    smp_distance(st->d, st->y + i * st->d, st->x + j * st->d,
                                 st->sal + i * st->d);

                assert_memory_equal(&st->delta[i * st->np + j], &want,
                                    sizeof want);
            }
    }
    assert_true(turns > 2 && moved > 0 && kept > 0); /* both ways ran */
    ent_engine_smp.destroy(st);
}

/* ... with the plain kernels and, where available, the AVX-512 ones. */
static void test_distances_reused(void **state)
{
    (void)state;
    for (int wide = 0; wide <= smp_wide_available(); wide++)
        distances_reused(wide);
}

/* Results do not depend on the number of threads (80 actors: every
   parallel loop runs in parallel). */
static void test_threads_identical(void **state)
{
    static ktab_input in;
    const int max = 12, saved = omp_get_max_threads();
    const size_t size = (size_t)(max + 1) * 80 * 3 * sizeof(double);
    double *one = ent_xcalloc(1, size), *many = ent_xcalloc(1, size);
    ent_error err;
    int t1, tn;

    (void)state;
    random_input(&in, 80, 3, 11);
    omp_set_num_threads(1);
    t1 = run_engine(&in.s, NULL, 0, max, one, &err);
    for (int threads = 2; threads <= 4; threads++) {
        omp_set_num_threads(threads);
        memset(many, 0, size);
        tn = run_engine(&in.s, NULL, 0, max, many, &err);
        assert_int_equal(tn, t1);
        assert_memory_equal(one, many, size);
    }
    omp_set_num_threads(saved);
    assert_true(t1 > 1);
    free(one);
    free(many);
}

/* Every value of every parameter runs; BigRAdjust=Full stops at KTAB's
   sanity check (exit code 1) unless SanityChecks=off. */
static void test_every_parameter_value(void **state)
{
    static const struct {
        const char *name;
        int count;
    } params[] = {
        {"VictoryProbModel", 5}, {"PCEModel", 3},
        {"StateTransitions", 2}, {"VotingRule", 6},
        {"BigRAdjust", 5},       {"BigRRange", 3},
        {"ThirdPartyCommit", 3}, {"InterVecBrgn", 3},
        {"BargnModel", 3},       {"ChallengeVictoryProb", 2},
        {"BargainRounding", 2},  {"PWCompWeight", 2},
        {"ReceiverEstimate", 2}, {"ThirdPartyProb", 2},
        {"SanityChecks", 2},     {"DegenerateRisk", 2},
        {"Outcome", 2},          {"EffectivePower", 2},
    };
    ktab_input in;
    ent_error err;
    int runs = 0;

    (void)state;
    read_ktab_csv(KTAB_DIR "dummyData_3Dim.csv", &in);
    for (size_t p = 0; p < sizeof params / sizeof params[0]; p++) {
        for (int v = 0; v < params[p].count; v++) {
            char value[16];
            ent_option o = {params[p].name, value};
            int turns, full = strcmp(params[p].name, "BigRAdjust") == 0 &&
                              v == SMP_RADJ_FULL;

            snprintf(value, sizeof value, "%d", v);
            ent_error_clear(&err);
            turns = run_engine(&in.s, &o, 1, 100, NULL, &err);
            if (full) {
                assert_int_equal(turns, -1);
                assert_int_equal(err.code, ENT_EXIT_RUNTIME);
                assert_non_null(strstr(err.msg, "SanityChecks=off"));
            } else {
                if (turns < 1)
                    fail_msg("%s=%d: %s", params[p].name, v, err.msg);
            }
            runs++;
        }
    }
    {
        ent_option o[2] = {{"BigRAdjust", "Full"}, {"SanityChecks", "off"}};

        assert_true(run_engine(&in.s, o, 2, 100, NULL, &err) >= 1);
    }
    assert_int_equal(runs, 51);
}

static int same_run(const ent_slice *s, const ent_option *a, int na,
                    const ent_option *b, int nb)
{
    const size_t size = 101 * (size_t)s->n * (size_t)s->d * sizeof(double);
    double *ta = ent_xcalloc(1, size), *tb = ent_xcalloc(1, size);
    ent_error err;
    int ra = run_engine(s, a, na, 100, ta, &err);
    int rb = run_engine(s, b, nb, 100, tb, &err);
    int same;

    assert_true(ra > 0 && rb > 0);
    same = ra == rb && memcmp(ta, tb, size) == 0;
    free(ta);
    free(tb);
    return same;
}

/* KTAB's quirks and their corrections behave as documented. */
static void test_quirk_options(void **state)
{
    const ent_option no[] = {{"ThirdPartyCommit", "NoCommit"}};
    const ent_option full[] = {{"ThirdPartyCommit", "FullCommit"}};
    const ent_option no_sided[] = {{"ThirdPartyCommit", "NoCommit"},
                                   {"ThirdPartyProb", "sided"}};
    const ent_option full_sided[] = {{"ThirdPartyCommit", "FullCommit"},
                                     {"ThirdPartyProb", "sided"}};
    const ent_option vp_lin[] = {{"ChallengeVictoryProb", "vpmodel"}};
    const ent_option pw[] = {{"BargnModel", "PWCompInterp"}};
    const ent_option pw_fix[] = {{"BargnModel", "PWCompInterp"},
                                 {"PWCompWeight", "receiver"}};
    const ent_option ir[] = {{"BargnModel", "InitRcvrInterp"}};
    const ent_option ir_fix[] = {{"BargnModel", "InitRcvrInterp"},
                                 {"ReceiverEstimate", "prob"}};
    const ent_option none[] = {{"BargainRounding", "none"}};
    ktab_input in;
    double traj[2 * 64 * 8];
    ent_error err;
    int unrounded = 0;

    (void)state;
    read_ktab_csv(KTAB_DIR "SOE-Pol-Comp.csv", &in);
    /* one little-conflict probability for both hypotheticals: without
       SemiCommit third parties never vote, whatever the commitment */
    assert_true(same_run(&in.s, no, 1, full, 1));
    assert_false(same_run(&in.s, no_sided, 2, full_sided, 2));
    /* with Linear, the VictoryProbModel is the plain ratio anyway */
    assert_true(same_run(&in.s, NULL, 0, vp_lin, 1));
    assert_false(same_run(&in.s, pw, 1, pw_fix, 2));
    assert_false(same_run(&in.s, ir, 1, ir_fix, 2));
    /* round4: every bargain coordinate is a multiple of 1e-4 (unit scale) */
    assert_int_equal(run_engine(&in.s, none, 1, 1, traj, &err), 1);
    for (int i = 0; i < in.n * in.d; i++) {
        double x = traj[in.n * in.d + i] * 100;

        unrounded += fabs(x - round(x)) > 1e-9;
    }
    assert_true(unrounded > 0);
}

/* Saliences summing to more than 1 are divided by their sum. */
static void test_salience_normalised(void **state)
{
    ktab_input a, b;

    (void)state;
    random_input(&a, 12, 3, 5);
    b = a;
    b.s.salience = b.sal;
    b.s.capability = b.cap;
    b.s.position = b.pos;
    b.s.scale_min = b.smin;
    b.s.scale_max = b.smax;
    for (int i = 0; i < a.n; i++) {
        double sum = 0;

        for (int k = 0; k < a.d; k++)
            a.sal[i * a.d + k] *= 2.5;
        for (int k = 0; k < a.d; k++)
            sum += a.sal[i * a.d + k];
        for (int k = 0; k < a.d; k++)
            b.sal[i * a.d + k] = a.sal[i * a.d + k] / sum;
    }
    assert_true(same_run(&a.s, NULL, 0, &(ent_option){"Outcome", "mode"}, 1));
    assert_true(same_run(&a.s, NULL, 0, NULL, 0));
    {
        const size_t size = 101 * 12 * 3 * sizeof(double);
        double *ta = ent_xcalloc(1, size), *tb = ent_xcalloc(1, size);
        ent_error err;

        assert_int_equal(run_engine(&a.s, NULL, 0, 100, ta, &err),
                         run_engine(&b.s, NULL, 0, 100, tb, &err));
        assert_memory_equal(ta, tb, size);
        free(ta);
        free(tb);
    }
}

/* Bad inputs are input errors (exit code 2), named. */
static void test_bad_inputs(void **state)
{
    ktab_input in;
    ent_error err;

    (void)state;
    read_ktab_csv(KTAB_DIR "dummyData_3Dim.csv", &in);
    in.cap[3] = 0;
    assert_null(ent_engine_smp.create(&in.s, NULL, &err));
    assert_int_equal(err.code, ENT_EXIT_INPUT);
    assert_non_null(strstr(err.msg, "actor 3"));
    read_ktab_csv(KTAB_DIR "dummyData_3Dim.csv", &in);
    for (int k = 0; k < in.d; k++)
        in.sal[2 * in.d + k] = 0;
    {
        /* KTAB's distance is 0/0 for it: refused under ZeroSalience=error,
           indifferent by default (tests/test_binary.c) */
        const ent_option zero = {"ZeroSalience", "error"};
        const ent_model_options zopt = {.params = &zero, .n_params = 1};
        void *st;

        assert_null(ent_engine_smp.create(&in.s, &zopt, &err));
        assert_int_equal(err.code, ENT_EXIT_INPUT);
        assert_non_null(strstr(err.msg, "actor 2"));
        st = ent_engine_smp.create(&in.s, NULL, &err);
        assert_non_null(st);
        ent_engine_smp.destroy(st);
    }
    read_ktab_csv(KTAB_DIR "dummyData_3Dim.csv", &in);
    in.smax[1] = in.smin[1];
    assert_null(ent_engine_smp.create(&in.s, NULL, &err));
    assert_int_equal(err.code, ENT_EXIT_INPUT);
    read_ktab_csv(KTAB_DIR "dummyData_3Dim.csv", &in);
    in.s.n = 1;
    assert_null(ent_engine_smp.create(&in.s, NULL, &err));
    assert_int_equal(err.code, ENT_EXIT_INPUT);
}

/* Everyone at one point: KTAB's risk attitudes are 0/0.  KTAB stops
   (TwoPositions=ktab); the default goes on risk-neutral with a warning. */
static void test_degenerate_risk(void **state)
{
    const ent_option neutral = {"DegenerateRisk", "neutral"};
    const ent_option ktab = {"TwoPositions", "ktab"};
    const ent_model_options kopt = {.params = &ktab, .n_params = 1};
    ktab_input in;
    ent_error err;
    void *st;

    (void)state;
    read_ktab_csv(KTAB_DIR "dummyData_3Dim.csv", &in);
    for (int i = 0; i < in.n * in.d; i++)
        in.pos[i] = 40;
    assert_null(ent_engine_smp.create(&in.s, &kopt, &err));
    assert_int_equal(err.code, ENT_EXIT_RUNTIME);
    assert_non_null(strstr(err.msg, "DegenerateRisk=neutral"));
    st = ent_engine_smp.create(&in.s, NULL, &err);
    assert_non_null(st);
    ent_engine_smp.destroy(st);
    /* nobody gains by challenging: two quiet turns, then the stop rule */
    assert_int_equal(run_engine(&in.s, &neutral, 1, 100, NULL, &err), 2);
}

/* Stochastic transitions: the same seed gives the same run. */
static void test_stochastic_seeded(void **state)
{
    const ent_option a[] = {{"StateTransitions", "Stochastic"},
                            {"seed", "12345"}};
    ent_option b[] = {{"StateTransitions", "Stochastic"}, {"seed", "1"}};
    char seed[16];
    ktab_input in;
    int differ = 0;

    (void)state;
    random_input(&in, 20, 2, 3);
    assert_true(same_run(&in.s, a, 2, a, 2));
    for (int s = 1; s <= 5; s++) {
        snprintf(seed, sizeof seed, "%d", s);
        b[1].value = seed;
        differ += !same_run(&in.s, a, 2, b, 2);
    }
    assert_true(differ > 0);
}

/* ---- the library path: import, problem, ent_model_run ---------------------
   (reproductions run under the rounds rule: KTAB's own stopping rule only) */
static const ent_model_options ktab_exact = {.stop = ENT_STOP_ROUNDS};
/* ---------------------------------------------------------------------------
 */

/* Actor k's chosen bargain in trace round r: initiator and receiver
   (k:k for the status quo) and k's slot. */
static const double *trace_choice(const ent_trace *t, int r, int k, int *init,
                                  int *rcvr)
{
    *init = *rcvr = k;
    for (int b = 0; b < t->n_bargains; b++) {
        const ent_bargain *e = &t->bargains[b];

        if (e->round != r)
            continue;
        if (e->initiator == k && e->chosen_by_initiator) {
            *init = e->initiator;
            *rcvr = e->receiver;
            return e->initiator_pos;
        }
        if (e->receiver == k && e->chosen_by_receiver) {
            *init = e->initiator;
            *rcvr = e->receiver;
            return e->receiver_pos;
        }
    }
    return t->positions +
           ((size_t)(r - 1) * (size_t)t->n + (size_t)k) * (size_t)t->d;
}

/* The trace's bargains of round r are KTAB's initiator-view bargains of
   turn r - 1, and each actor's choice matches (up to exact ties). */
static int check_trace_bargains(const ent_trace *t, const ktab_log *lg, int r)
{
    int count = 0;

    for (int e = 0; e < lg->n_brg; e++) {
        const bargain_line *l = &lg->brg[e];
        int found = 0;

        if (l->turn != r - 1 || l->kind != 0)
            continue;
        for (int b = 0; b < t->n_bargains && !found; b++) {
            const ent_bargain *x = &t->bargains[b];

            if (x->round != r || x->initiator != l->i || x->receiver != l->j)
                continue;
            for (int k = 0; k < t->d; k++) {
                assert_printed(x->initiator_pos[k], l->pi[k], 3);
                assert_printed(x->receiver_pos[k], l->pj[k], 3);
            }
            found = 1;
        }
        assert_true(found);
        count++;
    }
    for (int e = 0; e < lg->n_chosen; e++) {
        const choice_line *l = &lg->chosen[e];
        const double *ours;
        int init, rcvr;

        if (l->turn != r)
            continue;
        ours = trace_choice(t, r, l->k, &init, &rcvr);
        if (init != l->init || rcvr != l->rcvr) {
            const double *theirs = NULL;

            for (int b = 0; b < t->n_bargains; b++) {
                const ent_bargain *x = &t->bargains[b];

                if (x->round == r && x->initiator == l->init &&
                    x->receiver == l->rcvr)
                    theirs = x->initiator == l->k ? x->initiator_pos
                                                  : x->receiver_pos;
            }
            assert_non_null(theirs);
            assert_memory_equal(ours, theirs, (size_t)t->d * sizeof(double));
        }
    }
    return count;
}

/* The outcome (mode) is the position of an actor whose position KTAB
   gives the highest probability. */
static void check_trace_outcome(const ent_trace *t, const ktab_log *lg, int r)
{
    double best = -1;
    int ok = 0;

    for (int i = 0; i < t->n; i++)
        best = lg->prob[r][i] > best ? lg->prob[r][i] : best;
    for (int i = 0; i < t->n && !ok; i++) {
        int same = lg->prob[r][i] == best;

        for (int k = 0; k < t->d && same; k++)
            same = near_printed(t->outcome[r * t->d + k],
                                lg->pos[r][i * t->d + k], r == 0 ? 3 : 4);
        ok = same;
    }
    assert_true(ok);
}

static void run_level(const char *csv, const char *log, int states)
{
    ktab_log *lg = ent_xcalloc(1, sizeof *lg);
    ent_scenario *sc = NULL;
    ent_problem *p = NULL;
    ent_trace *tr = NULL;
    const ent_trace *t;
    ent_error err;
    int n_tr = 0, bargains = 0;

    parse_log(log, lg);
    if (ent_import_ktab(csv, &sc, &err) < 0)
        fail_msg("%s", err.msg);
    assert_int_equal(ent_problem_build(sc, 0, &p, &err), 0);
    assert_int_equal(
        ent_model_run(&ent_engine_smp, p, &ktab_exact, &tr, &n_tr, &err), 0);
    assert_int_equal(n_tr, 1);
    t = &tr[0];
    assert_int_equal(t->n, lg->n);
    assert_int_equal(t->d, lg->d);
    assert_int_equal(t->n_rounds, states);
    assert_true(isnan(t->stop_ratio[0]));
    for (int r = 0; r < states; r++) {
        for (int i = 0; i < t->n * t->d; i++)
            assert_printed(t->positions[(size_t)r * (size_t)(t->n * t->d) + i],
                           lg->pos[r][i], r == 0 ? 3 : 4);
        if (r > 0) {
            assert_printed(t->stop_ratio[r], lg->ratio[r], 4);
            bargains += check_trace_bargains(t, lg, r);
        }
        for (int i = 0; i < t->n; i++) {
            double sal = 0;

            for (int k = 0; k < t->d; k++)
                sal += p->salience[ent_cell(p, i, k)];
            assert_true(fabs(t->effective_power[r * t->n + i] -
                             p->capability[ent_cell(p, i, 0)] * sal) < 1e-9);
        }
        check_trace_outcome(t, lg, r);
    }
    assert_int_equal(bargains, t->n_bargains);
    for (int i = 0; i < n_tr; i++)
        ent_trace_free(&tr[i]);
    free(tr);
    ent_problem_free(p);
    ent_scenario_free(sc);
    free(lg);
}

static void test_run_dummy_3dim(void **state)
{
    (void)state;
    run_level(KTAB_DIR "dummyData_3Dim.csv",
              KTAB_DIR "20170530_ref-dummyData_3Dim.txt.gz", 11);
}

static void test_run_soe_pol_comp(void **state)
{
    (void)state;
    run_level(KTAB_DIR "SOE-Pol-Comp.csv",
              KTAB_DIR "20170530_ref-SOE-Pol-Comp.txt.gz", 28);
}

/* Outcome=mean and EffectivePower=PosProb through the driver. */
static void test_run_options(void **state)
{
    const ent_option o[] = {{"Outcome", "mean"}, {"EffectivePower", "PosProb"}};
    ent_model_options mo = opts_of(o, 2);
    ent_scenario *sc = NULL;
    ent_problem *p = NULL;
    ent_trace *tr = NULL;
    ent_error err;
    int n_tr = 0;
    double *out;

    (void)state;
    assert_int_equal(ent_import_ktab(KTAB_DIR "SOE-Pol-Comp.csv", &sc, &err),
                     0);
    assert_int_equal(ent_problem_build(sc, 0, &p, &err), 0);
    assert_int_equal(ent_model_run(&ent_engine_smp, p, &mo, &tr, &n_tr, &err),
                     0);
    for (int r = 0; r < tr[0].n_rounds; r++) {
        for (int k = 0; k < tr[0].d; k++) {
            double lo = 1e9, hi = -1e9, x = tr[0].outcome[r * tr[0].d + k];

            for (int i = 0; i < tr[0].n; i++) {
                double v = tr[0].positions[(r * tr[0].n + i) * tr[0].d + k];

                lo = v < lo ? v : lo;
                hi = v > hi ? v : hi;
            }
            assert_true(x >= lo - 1e-9 && x <= hi + 1e-9);
        }
        for (int i = 0; i < tr[0].n; i++) {
            double e = tr[0].effective_power[r * tr[0].n + i];

            assert_true(e > 0 && e <= 1);
        }
    }
    /* the final outcome alone, as Monte Carlo runs ask for it */
    out = ent_xcalloc((size_t)p->n_issues, sizeof(double));
    assert_int_equal(ent_model_outcome(&ent_engine_smp, p, &mo, out, &err), 0);
    for (int k = 0; k < p->n_issues; k++)
        assert_true(out[k] ==
                    tr[0].outcome[(tr[0].n_rounds - 1) * tr[0].d + k]);
    free(out);
    ent_trace_free(&tr[0]);
    free(tr);
    ent_problem_free(p);
    ent_scenario_free(sc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_mt19937_64),
        cmocka_unit_test(test_ktab_q_transform),
        cmocka_unit_test(test_prob_select),
        cmocka_unit_test(test_votes),
        cmocka_unit_test(test_victory_prob),
        cmocka_unit_test(test_pce_by_hand),
        cmocka_unit_test(test_pce_coalitions_exact),
        cmocka_unit_test(test_markov_uniform_two),
        cmocka_unit_test(test_distance_utility),
        cmocka_unit_test(test_risk_attitudes),
        cmocka_unit_test(test_params_parse),
        cmocka_unit_test(test_params_errors),
        cmocka_unit_test(test_engine_rejects_bad_params),
        cmocka_unit_test(test_ktab_dummy_3dim),
        cmocka_unit_test(test_ktab_soe_pol_comp),
        cmocka_unit_test(test_best_target_matches_chlg),
        cmocka_unit_test(test_distances_reused),
        cmocka_unit_test(test_threads_identical),
        cmocka_unit_test(test_every_parameter_value),
        cmocka_unit_test(test_quirk_options),
        cmocka_unit_test(test_salience_normalised),
        cmocka_unit_test(test_bad_inputs),
        cmocka_unit_test(test_degenerate_risk),
        cmocka_unit_test(test_stochastic_seeded),
        cmocka_unit_test(test_run_dummy_3dim),
        cmocka_unit_test(test_run_soe_pol_comp),
        cmocka_unit_test(test_run_options),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
