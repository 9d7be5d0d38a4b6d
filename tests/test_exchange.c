/*
 * test_exchange.c -- the exchange engine against Decide: the Decide input
 * reader, the 28-digit decimals and CPython's random numbers it relies on,
 * and the full reference run on sample_data.txt (seed 42, 10 rounds):
 * every voting position, every voting outcome and every executed exchange
 * in order (tests/data/README.md says where the files come from).
 */
#include <math.h>

#include <sqlite3.h>

#include "exchange_tests.h"
#include "harness.h"
#include "model/exchange.h"

#define DATA "tests/data/exchange/"

/* A reference CSV file, split into lines and fields (no quoting). */
typedef struct ref_csv {
    char *buf;
    char **field; /* [n_rows * n_cols] */
    int n_rows, n_cols;
} ref_csv;

static void ref_read(ref_csv *r, const char *path)
{
    char *line, *save = NULL;
    int cap = 0;

    memset(r, 0, sizeof *r);
    r->buf = harness_slurp(path);
    for (line = strtok_r(r->buf, "\n", &save); line;
         line = strtok_r(NULL, "\n", &save)) {
        int cols = 1;

        for (char *c = line; *c; c++)
            cols += *c == ',';
        if (r->n_cols == 0)
            r->n_cols = cols;
        assert_int_equal(cols, r->n_cols);
        if (r->n_rows == cap) {
            cap = cap ? 2 * cap : 1024;
            r->field = ent_xrealloc(r->field, (size_t)cap * (size_t)r->n_cols *
                                                  sizeof *r->field);
        }
        for (int c = 0; c < cols; c++) {
            char *comma = strchr(line, ',');

            if (comma)
                *comma = '\0';
            r->field[r->n_rows * r->n_cols + c] = line;
            line = comma ? comma + 1 : line + strlen(line);
        }
        r->n_rows++;
    }
    assert_true(r->n_rows > 1);
}

static const char *ref_get(const ref_csv *r, int row, const char *column)
{
    for (int c = 0; c < r->n_cols; c++)
        if (strcmp(r->field[c], column) == 0)
            return r->field[row * r->n_cols + c];
    fail_msg("no column %s", column);
    return NULL;
}

static void ref_free(ref_csv *r)
{
    free(r->buf);
    free(r->field);
}

static ent_scenario *open_ok(const char *file)
{
    ent_scenario *sc = NULL;
    ent_error err;

    ent_error_clear(&err);
    if (ent_scenario_open(file, NULL, &sc, &err) != 0)
        fail_msg("%s: %s", file, err.msg);
    return sc;
}

static void test_read_sample_data(void **state)
{
    ent_scenario *sc = open_ok(DATA "sample_data.txt");
    int k = ent_scenario_issue(sc, "tol-hoogte");

    (void)state;
    assert_string_equal(sc->name, "sample_data");
    assert_int_equal(sc->n_actors, 10);
    assert_int_equal(sc->n_issues, 6);
    assert_int_equal(sc->n_positions, 60);
    assert_string_equal(sc->actors[0].id, "Willems");
    assert_string_equal(sc->issues[0].id, "tolheffing-binnenstad");
    assert_true(k >= 0);
    assert_true(sc->issues[k].min == 0.5 && sc->issues[k].max == 7);
    /* '#D' 'Willems' 'tolheffing-binnenstad' 100.0 0.95 1.0 */
    assert_true(sc->positions[0].position == 100.0);
    assert_true(sc->positions[0].salience == 0.95);
    assert_true(sc->positions[0].capability == 1.0);
    ent_scenario_free(sc);
}

/* cop21.csv lists its #D rows in another actor order than its #A rows;
   the positions keep the #D order. */
static void test_read_cop21_order(void **state)
{
    ent_scenario *sc = open_ok(DATA "cop21.csv");

    (void)state;
    assert_int_equal(sc->n_actors, 15);
    assert_string_equal(sc->actors[2].id, "AOSISs");
    assert_string_equal(sc->actors[3].id, "ALBA");
    assert_int_equal(sc->positions[0].actor, 0);
    for (int i = 1; i < sc->n_positions; i++)
        assert_true(sc->positions[i].line > sc->positions[i - 1].line);
    ent_scenario_free(sc);
}

static void expect_error(const char *file, const char *where)
{
    ent_scenario *sc = NULL;
    ent_error err;

    ent_error_clear(&err);
    assert_int_equal(ent_scenario_open(file, NULL, &sc, &err), -1);
    assert_null(sc);
    assert_int_equal(err.code, ENT_EXIT_INPUT);
    if (!strstr(err.msg, where))
        fail_msg("expected \"%s\" in: %s", where, err.msg);
}

/* Russia's position 160 on a 0-100 issue, line 86, field 4. */
static void test_read_copenhagen_with_errors(void **state)
{
    (void)state;
    expect_error(DATA "copenhagen_with_errors.csv",
                 "copenhagen_with_errors.csv:86:4: position: expected a "
                 "number in [0, 100], got \"160\"");
}

static void test_read_bad_records(void **state)
{
    static const struct {
        const char *text, *where;
    } bad[] = {
        {"#A,a\n#P,k\n#D,a,k,50,0.5\n", ":3:6: #D: expected 6 fields"},
        {"#A,a\n#P,k\n#X,a\n", ":3:1: record type: expected #A"},
        {"#A,a\n#P,k\n#D,a,k,50,0.5,1\n#D,a,k,40,0.5,1\n",
         ":4:3: issue name: expected one #D record"},
        {"#A,a\n#P,k\n#D,a,k,50,0,1\n", ":3:5: salience"},
        {"#A,a\n#P,k\n#D,a,k,50,0.5,-1\n", ":3:6: power"},
        {"#A,a\n#A,a\n", ":2:2: actor id: expected a new actor id"},
        {"#A,a\n#P,k\n#M,j,3\n", ":3:2: issue name: expected an issue"},
        {"#A,a\n#P,k\n#D,b,k,50,0.5,1\n", "expected #D records"},
    };
    char path[64];

    (void)state;
    snprintf(path, sizeof path, "/tmp/ent_decide_%d.txt", (int)getpid());
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        write_file(path, bad[i].text);
        expect_error(path, bad[i].where);
    }
    unlink(path);
}

/* Comma-separated, double quotes, #M points in any order. */
static void test_read_comma_dialect(void **state)
{
    char path[64];
    ent_scenario *sc;

    (void)state;
    snprintf(path, sizeof path, "/tmp/ent_decide_%d.csv", (int)getpid());
    write_file(path, "#O,example\n\"#A\",\"a\",\"A\"\n#A,b\n#P,k,desc\n"
                     "#M,k,10\n#M,k,-5\n#M,k,20\n\n#D,b,k,-5,0.5,1\n"
                     "#D,a,k,20,1,2\n");
    sc = open_ok(path);
    assert_int_equal(sc->n_actors, 2);
    assert_string_equal(sc->actors[0].name, "A");
    assert_true(sc->issues[0].min == -5 && sc->issues[0].max == 20);
    assert_int_equal(sc->positions[0].actor, 1);
    assert_true(sc->positions[1].capability == 2);
    ent_scenario_free(sc);
    unlink(path);
}

/* Values printed by CPython's decimal module (default context). */
static void test_decimal(void **state)
{
    static const struct {
        xdec (*op)(xdec, xdec);
        double a, b;
        const char *want;
    } cases[] = {
        {xdec_div, 1, 3, "3333333333333333333333333333E-28"},
        {xdec_div, 2, 3, "6666666666666666666666666667E-28"},
        {xdec_div, 100, 6.5, "1538461538461538461538461538E-26"},
        {xdec_add, 1, 5e-28, "1000000000000000000000000000E-27"},
        {xdec_add, 1.5, -1.5, "0E0"},
    };
    char buf[80];
    xdec x;

    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        x = cases[i].op(xdec_from_double(cases[i].a),
                        xdec_from_double(cases[i].b));
        xdec_format(x, buf, sizeof buf);
        assert_string_equal(buf, cases[i].want);
    }
    /* 1.000000000000000000000000001 + 5E-28: half to even rounds up */
    x = xdec_add(
        xdec_add(xdec_int(1), xdec_div(xdec_int(1), xdec_from_double(1e27))),
        xdec_from_double(5e-28));
    xdec_format(x, buf, sizeof buf);
    assert_string_equal(buf, "1000000000000000000000000002E-27");
    /* Decimal(0.4) * 1 and Decimal('0.95') - Decimal(0.1) */
    xdec_format(xdec_mul_exact(xdec_int(1), 0.4), buf, sizeof buf);
    assert_string_equal(buf, "4000000000000000222044604925E-28");
    xdec_format(xdec_sub_exact(xdec_from_double(0.95), 0.1), buf, sizeof buf);
    assert_string_equal(buf, "8499999999999999944488848769E-28");
    /* Decimal('1E-10') < 1e-10 (the float is slightly above 1E-10) */
    assert_int_equal(xdec_cmp_double(xdec_from_double(1e-10), 1e-10), -1);
    assert_true(xdec_to_double(xdec_from_double(0.1)) == 0.1);
}

static xdec random_dec(unsigned long long *st)
{
    xdec x = {0, 0, 0};
    int digits = 1 + (int)(test_uniform(st) * 28);

    for (int i = 0; i < digits; i++)
        x.coef = x.coef * 10 + (unsigned)(test_uniform(st) * 10);
    if (test_uniform(st) < 0.3) /* runs of nines and zeros round more */
        x.coef = x.coef / 1000 * 1000 + (test_uniform(st) < 0.5 ? 999 : 500);
    x.exp = (int)(test_uniform(st) * 50) - 40;
    x.neg = x.coef != 0 && test_uniform(st) < 0.4;
    return x;
}

static void expect_same(xdec got, xdec want, const char *op, xdec a, xdec b)
{
    char g[80], w[80], sa[80], sb[80];

    if (xdec_ref_cmp(got, want) == 0 && got.neg == want.neg)
        return;
    xdec_format(got, g, sizeof g);
    xdec_format(want, w, sizeof w);
    xdec_format(a, sa, sizeof sa);
    xdec_format(b, sb, sizeof sb);
    fail_msg("%s(%s, %s): got %s, want %s", op, sa, sb, g, w);
}

/* The fixed-width operations against the GMP ones, on random operands. */
static void test_decimal_paths_agree(void **state)
{
    unsigned long long st = 20260101ULL;
    static const double thresholds[] = {1e-10, 1e-20, 100, 0.1, 1e-28};

    (void)state;
    for (int i = 0; i < 200000; i++) {
        xdec a = random_dec(&st), b = random_dec(&st), got, want;
        double x;

        if (i % 4 == 0) /* close exponents: the usual case */
            b.exp = a.exp + (int)(test_uniform(&st) * 6) - 3;
        expect_same(xdec_add(a, b), xdec_ref_add(a, b), "add", a, b);
        expect_same(xdec_sub(a, b), xdec_ref_sub(a, b), "sub", a, b);
        expect_same(xdec_mul(a, b), xdec_ref_mul(a, b), "mul", a, b);
        if (b.coef)
            expect_same(xdec_div(a, b), xdec_ref_div(a, b), "div", a, b);
        assert_int_equal(xdec_cmp(a, b), xdec_ref_cmp(a, b));
        assert_true(xdec_to_double(a) == xdec_ref_to_double(a));
        if (i % 8 == 0) { /* doubles as inputs have them: short decimals */
            double v = (double)(st % 2001) / (i % 16 == 0 ? 20 : 1000);

            st = st * 6364136223846793005ULL + 1442695040888963407ULL;
            x = test_uniform(&st) < 0.5 ? v : xdec_to_double(a);
            got = xdec_from_double(x);
            want = xdec_ref_from_double(x);
            assert_true(got.coef == want.coef && got.exp == want.exp &&
                        got.neg == want.neg);
        }
        assert_int_equal(xdec_cmp(a, a), 0);
        for (int t = 0; t < 5; t++) {
            assert_int_equal(xdec_cmp_double(a, thresholds[t]),
                             xdec_ref_cmp_double(a, thresholds[t]));
            expect_same(xdec_mul_exact(a, thresholds[t]),
                        xdec_ref_mul_exact(a, thresholds[t]), "mul_exact", a,
                        xdec_from_double(thresholds[t]));
        }
        x = 0.4 * test_uniform(&st) - 0.2;
        expect_same(xdec_mul_exact(a, x), xdec_ref_mul_exact(a, x), "mul_exact",
                    a, xdec_from_double(x));
    }
}

/* Comparisons with a double through its bracketing decimals agree with
   GMP's, on random decimals and on the brackets and their neighbours. */
static void test_decimal_bounds(void **state)
{
    static const double xs[] = {1e-10, 1e-20, 100, 0.1, -0.3, 2.5, 1e-28};
    const unsigned __int128 ten28 =
        (unsigned __int128)10000000000000000000ULL * 1000000000ULL;
    unsigned long long st = 20261203ULL;

    (void)state;
    for (size_t t = 0; t < sizeof xs / sizeof *xs; t++) {
        xdec_bound b = xdec_bound_of(xs[t]);
        xdec near[6] = {b.lo, b.hi, b.lo, b.hi, b.lo, b.hi};

        near[2].coef--;
        near[3].coef++;
        near[4].coef = near[4].coef * 10 + 9; /* one digit more */
        near[4].exp--;
        near[5].coef = near[5].coef / 10; /* one digit less */
        near[5].exp++;
        for (int k = 0; k < 6; k++)
            if (near[k].coef > 0 && near[k].coef < ten28) /* 28 digits */
                assert_int_equal(xdec_cmp_bound(near[k], &b),
                                 xdec_ref_cmp_double(near[k], xs[t]));
        for (int i = 0; i < 20000; i++) {
            xdec a = random_dec(&st);

            assert_int_equal(xdec_cmp_bound(a, &b),
                             xdec_ref_cmp_double(a, xs[t]));
        }
    }
}

/* random.seed(42); random.random() x3; random.randint(1, 10); shuffle. */
static void test_cpython_random(void **state)
{
    xmt r;
    int items[10];
    static const int shuffled[10] = {8, 3, 1, 4, 7, 0, 9, 6, 2, 5};

    (void)state;
    xmt_seed(&r, 42);
    assert_true(xmt_random(&r) == 0.6394267984578837);
    assert_true(xmt_random(&r) == 0.025010755222666936);
    assert_true(xmt_random(&r) == 0.27502931836911926);
    xmt_seed(&r, 42);
    assert_int_equal(xmt_randint(&r, 1, 10), 2);
    assert_int_equal(xmt_randint(&r, 1, 1000000), 26226);
    xmt_seed(&r, 7);
    for (int i = 0; i < 10; i++)
        items[i] = i;
    xmt_shuffle(&r, items, 10);
    assert_memory_equal(items, shuffled, sizeof items);
    assert_int_equal(xmt_choice(&r, 7), 4); /* 'e' of 'abcdefg' */
    xmt_seed(&r, (UINT64_C(1) << 40) + 5);
    assert_true(xmt_random(&r) == 0.5043802970418443);
}

/* Runs `exchange` on sample_data.txt with seed 42 for 10 rounds. */
static ent_trace *run_sample(ent_scenario **sc_out, ent_problem **p_out)
{
    return exchange_run_file(DATA "sample_data.txt", NULL, sc_out, p_out);
}

/* The reference is on Decide's internal 0-100 scale. */
static double issue_scale(const ent_scenario *sc, int k, double v)
{
    const ent_issue *is = &sc->issues[k];

    return v == 0 ? is->min : v * (is->max - is->min) / 100 + is->min;
}

static void test_reference_positions(void **state)
{
    ent_scenario *sc;
    ent_problem *p;
    ent_trace *t = run_sample(&sc, &p);
    ref_csv pos, out;
    int compared = 0;

    (void)state;
    assert_int_equal(t->n_rounds, 11);
    ref_read(&pos, DATA "positions.csv");
    for (int r = 1; r < pos.n_rows; r++) {
        int round = atoi(ref_get(&pos, r, "round"));
        int k = ent_scenario_issue(sc, ref_get(&pos, r, "issue"));
        int a = ent_scenario_actor(sc, ref_get(&pos, r, "actor"));
        double want = issue_scale(sc, k, atof(ref_get(&pos, r, "position")));
        int tr = strcmp(ref_get(&pos, r, "phase"), "vote") == 0 ? round + 1
                 : round == 0                                   ? 0
                                                                : -1;

        if (tr < 0)
            continue; /* preference positions after round 0: not traced */
        assert_true(k >= 0 && a >= 0);
        if (fabs(t->positions[((size_t)tr * 10 + (size_t)a) * 6 + (size_t)k] -
                 want) > 1e-6)
            fail_msg(
                "round %d %s %s: got %.12g, want %.12g", round,
                sc->actors[a].id, sc->issues[k].id,
                t->positions[((size_t)tr * 10 + (size_t)a) * 6 + (size_t)k],
                want);
        compared++;
    }
    assert_int_equal(compared, 660);
    ref_read(&out, DATA "outcomes.csv");
    for (int r = 1; r < out.n_rows; r++) {
        int round = atoi(ref_get(&out, r, "round"));
        int k = ent_scenario_issue(sc, ref_get(&out, r, "issue"));

        if (strcmp(ref_get(&out, r, "phase"), "vote") != 0)
            continue;
        assert_true(fabs(t->outcome[(size_t)(round + 1) * 6 + (size_t)k] -
                         atof(ref_get(&out, r, "nbs_denorm"))) < 1e-9);
    }
    ref_free(&pos);
    ref_free(&out);
    ent_trace_free(t);
    free(t);
    ent_problem_free(p);
    ent_scenario_free(sc);
}

static void test_reference_exchanges(void **state)
{
    ent_scenario *sc;
    ent_problem *p;
    ent_trace *t = run_sample(&sc, &p);
    ref_csv ex;

    (void)state;
    ref_read(&ex, DATA "exchanges.csv");
    assert_int_equal(t->n_exchanges, ex.n_rows - 1);
    for (int r = 1; r < ex.n_rows; r++) {
        const ent_exchange *x = &t->exchanges[r - 1];
        int ki = ent_scenario_issue(sc, ref_get(&ex, r, "i_supply_issue"));
        int kj = ent_scenario_issue(sc, ref_get(&ex, r, "j_supply_issue"));
        double gain = atof(ref_get(&ex, r, "gain"));

        assert_int_equal(x->round, atoi(ref_get(&ex, r, "round")) + 1);
        assert_string_equal(sc->actors[x->actor_i].id,
                            ref_get(&ex, r, "i_actor"));
        assert_string_equal(sc->actors[x->actor_j].id,
                            ref_get(&ex, r, "j_actor"));
        assert_int_equal(x->supply_i, ki);
        assert_int_equal(x->supply_j, kj);
        assert_true(fabs(x->gain - gain) <= 1e-15 * gain);
        assert_true(
            fabs(x->to_i - issue_scale(sc, ki, atof(ref_get(&ex, r, "i_y")))) <
            1e-9);
        assert_true(
            fabs(x->to_j - issue_scale(sc, kj, atof(ref_get(&ex, r, "j_y")))) <
            1e-9);
    }
    ref_free(&ex);
    ent_trace_free(t);
    free(t);
    ent_problem_free(p);
    ent_scenario_free(sc);
}

/* The shipped inputs without a reference run: ten rounds complete (the
   strict equal-gain check holds all the way), and the same seed gives the
   same run. */
static void test_other_inputs(void **state)
{
    static const char *const files[] = {DATA "copenhagen.csv",
                                        DATA "cop21.csv"};
    ent_option params[] = {{"seed", "42"}};
    ent_model_options o = {
        .rounds = 10, .params = params, .n_params = 1, .stop = ENT_STOP_ROUNDS};

    (void)state;
    for (size_t f = 0; f < 2; f++) {
        ent_scenario *sc = open_ok(files[f]);
        ent_problem *p = NULL;
        ent_trace *a = NULL, *b = NULL;
        ent_error err;
        int na = 0, nb = 0;

        ent_error_clear(&err);
        assert_int_equal(ent_problem_build(sc, 0, &p, &err), 0);
        if (ent_model_run(ent_engine_find("exchange"), p, &o, &a, &na, &err) !=
                0 ||
            ent_model_run(ent_engine_find("exchange"), p, &o, &b, &nb, &err) !=
                0)
            fail_msg("%s: %s", files[f], err.msg);
        assert_int_equal(a->n_rounds, 11);
        assert_true(a->n_exchanges > 0);
        assert_int_equal(a->n_exchanges, b->n_exchanges);
        assert_memory_equal(a->positions, b->positions,
                            (size_t)a->n_rounds * (size_t)a->n * (size_t)a->d *
                                sizeof(double));
        ent_trace_free(a);
        ent_trace_free(b);
        free(a);
        free(b);
        ent_problem_free(p);
        ent_scenario_free(sc);
    }
}

/* The randomized-rate variant: the same seed gives the same run, p moves
   the result away from the equal-gain run, p outside [0, 1] is refused. */
static void test_randomized_rate(void **state)
{
    cli_result a, b, eq;

    (void)state;
    a = run_cli("run " DATA "sample_data.txt --model exchange --param "
                "exchange.seed=7 --param exchange.p=0.3 --format exchanges");
    b = run_cli("run " DATA "sample_data.txt --model exchange --param "
                "exchange.seed=7 --param exchange.p=0.3 --format exchanges");
    eq = run_cli("run " DATA "sample_data.txt --model exchange --param "
                 "exchange.seed=7 --format exchanges");
    assert_int_equal(a.status, 0);
    assert_int_equal(eq.status, 0);
    assert_string_equal(a.out, b.out);
    assert_true(strcmp(a.out, eq.out) != 0);
    cli_result_free(&a);
    cli_result_free(&b);
    cli_result_free(&eq);
    a = run_cli("run " DATA "sample_data.txt --model exchange --param "
                "exchange.p=1.5");
    assert_int_equal(a.status, 2);
    assert_non_null(strstr(a.err, "p"));
    cli_result_free(&a);
}

/* rng=random in an ensemble: run i draws stream i of the ensemble's seed
   (its outcome is that of a single run with ent_model_options_for_run),
   so one and two threads agree bit for bit, outcomes and stored
   exchanges, and runs differ from each other. */
static void test_ensemble_streams(void **state)
{
    ent_scenario *sc = open_ok(DATA "sample_data.txt");
    ent_option params[] = {{"rng", "random"}, {"p", "0.3"}};
    ent_model_options mo = {
        .rounds = 3, .params = params, .n_params = 2, .stop = ENT_STOP_ROUNDS};
    ent_problem *p = NULL;
    ent_ensemble_result *one;
    ent_error err;

    (void)state;
    ent_error_clear(&err);
    assert_int_equal(ent_problem_build(sc, 0, &p, &err), 0);
    one = exchange_ensemble_threads(p, 6, 11, &mo);
    assert_int_equal(exchange_runs_as_single(p, one, 6, 11, 1, &mo), 5);
    ent_ensemble_free(one);
    ent_problem_free(p);
    ent_scenario_free(sc);
}

/* The model of a problem with every actor on every issue it has a salience
   for (slice in actor order), randomized rate p, CPython's generator
   seeded with `seed`. */
static void rex_model(const ent_problem *p, double rate, uint64_t seed,
                      xch_model *m)
{
    ent_slice s = {.n = p->n_actors,
                   .d = p->n_issues,
                   .capability = p->capability,
                   .position = p->position,
                   .salience = p->salience,
                   .scale_min = p->scale_min,
                   .scale_max = p->scale_max,
                   .cell_capability = p->capability};

    memset(m, 0, sizeof *m);
    m->par.p = xdec_from_double(rate);
    m->par.seed = seed;
    xmt_seed(&m->rng, seed);
    xch_model_init(m, &s);
}

/* 1 if v lies between a and b (either order), to a relative 1e-12. */
static int between(double v, double a, double b)
{
    double lo = fmin(a, b), hi = fmax(a, b);
    double tol = 1e-12 * fmax(1, fmax(fabs(a), fabs(b)));

    return v >= lo - tol && v <= hi + tol;
}

/* The randomized rate (spec section 6, DvASD18): in every executed
   exchange one side (the one drawn) gets a utility between the equal gain
   e and e + p (eu_max - e) when it wins, or between e (1 - p) and e when
   it loses; over a run some exchange moves away from the equal gain. */
static void test_randomized_rate_bounds(void **state)
{
    static const double rates[] = {0.05, 0.3, 1.0};
    ent_scenario *sc = open_ok(DATA "sample_data.txt");
    ent_problem *p = NULL;
    ent_error err;

    (void)state;
    ent_error_clear(&err);
    assert_int_equal(ent_problem_build(sc, 0, &p, &err), 0);
    for (int t = 0; t < 3; t++) {
        size_t cells = (size_t)p->n_actors * (size_t)p->n_issues;
        xch_model m;
        xdec *vote = ent_xcalloc(cells, sizeof *vote);
        xdec *vote_outcome = ent_xcalloc((size_t)p->n_issues, sizeof *vote);
        xch_done *done = NULL;
        int n_done = 0, cap_done = 0, moved = 0;
        double rate = rates[t];

        rex_model(p, rate, 5, &m);
        for (int r = 1; r <= 3; r++)
            xch_round(&m, r, vote, vote_outcome, &done, &n_done, &cap_done);
        assert_false(m.failed);
        assert_true(n_done > 0);
        for (int x = 0; x < n_done; x++) {
            const xch_exchange *e = &done[x].e;
            double g = xdec_to_double(e->gain);
            int ok = 0;

            for (int side = 0; side < 2; side++) {
                const xch_side *a = side ? &e->j : &e->i;
                double eu = xdec_to_double(a->eu);
                double top = g + rate * (xdec_to_double(a->eu_max) - g);

                ok += between(eu, g, top) || between(eu, g * (1 - rate), g);
            }
            assert_true(ok > 0);
            moved += fabs(xdec_to_double(e->i.eu) - g) > 1e-9 * fabs(g);
        }
        assert_true(moved > 0);
        free(done);
        free(vote);
        free(vote_outcome);
        xch_model_free(&m);
    }
    ent_problem_free(p);
    ent_scenario_free(sc);
}

/* p = 0 is the plain equal-gain model: the same run as without p, and with
   ties broken without a draw (tie=first) no random number is drawn at all,
   so the generator does not matter; with p > 0 the seed matters. */
static void test_randomized_rate_zero(void **state)
{
    static const char *const base =
        "run " DATA "sample_data.txt --model exchange --stop rounds --rounds 4 "
        "--format exchanges --param exchange.seed=";
    cli_result plain, zero, first, first_random, s1, s2;

    (void)state;
    plain = run_cli("%s3", base);
    zero = run_cli("%s3 --param exchange.p=0", base);
    first =
        run_cli("%s3 --param exchange.p=0 --param exchange.tie=first", base);
    first_random =
        run_cli("%s9 --param exchange.p=0 --param exchange.tie=first "
                "--param exchange.rng=random",
                base);
    s1 = run_cli("%s3 --param exchange.p=0.2", base);
    s2 = run_cli("%s4 --param exchange.p=0.2", base);
    assert_int_equal(plain.status, 0);
    assert_int_equal(s1.status, 0);
    assert_int_equal(s2.status, 0);
    assert_string_equal(plain.out, zero.out);
    assert_string_equal(first.out, first_random.out);
    assert_true(strcmp(s1.out, s2.out) != 0);
    cli_result_free(&plain);
    cli_result_free(&zero);
    cli_result_free(&first);
    cli_result_free(&first_random);
    cli_result_free(&s1);
    cli_result_free(&s2);
}

/* The report draws the exchange network and tables the linkages. */
static void test_report(void **state)
{
    cli_result r;

    (void)state;
    r = run_cli("report " DATA "sample_data.txt --model exchange --rounds 10 "
                "--param exchange.seed=42");
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "<section id=\"exchanges\">"));
    assert_non_null(strstr(r.out, "gave way to"));
    assert_non_null(strstr(r.out, "<table class=\"linkages\">"));
    /* drawn at both widths of the report's figures, its caption as HTML */
    assert_non_null(strstr(r.out, "<figure class=\"chart-fig exchanges\">"));
    assert_null(strstr(r.out, "scroll-x"));
    assert_non_null(strstr(r.out, "<figcaption>Each arrow runs"));
    cli_result_free(&r);
    r = run_cli("report " DATA "sample_data.txt --model mean");
    assert_int_equal(r.status, 0);
    assert_null(strstr(r.out, "<section id=\"exchanges\">"));
    cli_result_free(&r);
}

/* Every exchange row of a results database, in key order, as text. */
static char *db_exchanges(const char *path, long *rows)
{
    sqlite3 *db = NULL;
    sqlite3_stmt *st = NULL;
    size_t len = 0, cap = 1 << 16;
    char *out = ent_xmalloc(cap);

    *rows = 0;
    out[0] = '\0';
    assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL),
                     SQLITE_OK);
    assert_int_equal(
        sqlite3_prepare_v2(db,
                           "SELECT model, run, seq, round, actor_i, supply_i, "
                           "from_i, to_i, actor_j, supply_j, from_j, to_j, "
                           "gain FROM exchanges_named ORDER BY model, run, seq",
                           -1, &st, NULL),
        SQLITE_OK);
    while (sqlite3_step(st) == SQLITE_ROW) {
        for (int c = 0; c < 13; c++) {
            const char *v = (const char *)sqlite3_column_text(st, c);
            size_t n = strlen(v ? v : "");

            if (len + n + 2 >= cap)
                out = ent_xrealloc(out, cap *= 2);
            memcpy(out + len, v ? v : "", n);
            len += n;
            out[len++] = c < 12 ? ',' : '\n';
            out[len] = '\0';
        }
        ++*rows;
    }
    sqlite3_finalize(st);
    sqlite3_close(db);
    return out;
}

/* Lines of text. */
static long count_lines(const char *s)
{
    long n = 0;

    for (; *s; s++)
        n += *s == '\n';
    return n;
}

/* `runs --show` exports the stored exchanges: every row as CSV (the
   baseline's alone with --no-outcomes, `baseline` of them) and in JSON. */
static void check_show_exchanges(const char *db, long rows, long baseline)
{
    cli_result r;

    r = run_cli("runs --db %s --show 1 --format exchanges", db);
    assert_int_equal(r.status, 0);
    assert_int_equal(count_lines(r.out), rows + 1);
    assert_non_null(strstr(r.out, "model,run,round,seq,gain,i_actor,"));
    assert_non_null(strstr(r.out, "\nexchange,-1,1,1,"));
    assert_non_null(strstr(r.out, "\nexchange,3,1,1,"));
    cli_result_free(&r);
    r = run_cli("runs --db %s --show 1 --format exchanges --no-outcomes", db);
    assert_int_equal(r.status, 0);
    assert_int_equal(count_lines(r.out), baseline + 1);
    assert_null(strstr(r.out, "\nexchange,0,"));
    cli_result_free(&r);
    r = run_cli("runs --db %s --show 1 --format json", db);
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "\"exchanges\": ["));
    assert_non_null(strstr(r.out, "\"run\": 3,"));
    cli_result_free(&r);
    r = run_cli("runs --db %s --format exchanges", db);
    assert_int_equal(r.status, 2);
    cli_result_free(&r);
}

/* An ensemble stores the exchanges of its baseline and of every run, the
   same for any thread count; the baseline's are those of `run`. */
static void test_ensemble_db(void **state)
{
    char one[64], two[64], *a, *b;
    long rows_a, rows_b;
    cli_result r;

    (void)state;
    snprintf(one, sizeof one, "/tmp/ent_xdb1_%d.db", (int)getpid());
    snprintf(two, sizeof two, "/tmp/ent_xdb2_%d.db", (int)getpid());
    unlink(one);
    unlink(two);
    r = run_cli("ensemble " DATA "sample_data.txt --model mean,exchange "
                "--runs 4 --noise 0.05 --rounds 3 --threads 1 --db %s",
                one);
    assert_int_equal(r.status, 0);
    cli_result_free(&r);
    r = run_cli("ensemble " DATA "sample_data.txt --model mean,exchange "
                "--runs 4 --noise 0.05 --rounds 3 --threads 2 --db %s",
                two);
    assert_int_equal(r.status, 0);
    cli_result_free(&r);
    a = db_exchanges(one, &rows_a);
    b = db_exchanges(two, &rows_b);
    assert_true(rows_a > 0);
    assert_int_equal(rows_a, rows_b);
    assert_string_equal(a, b);
    /* five lists (baseline and runs 0-3), the baseline first */
    assert_non_null(strstr(a, "exchange,-1,1,1,"));
    assert_non_null(strstr(a, "exchange,3,1,1,"));
    assert_null(strstr(a, "exchange,4,1,1,"));
    r = run_cli("run " DATA "sample_data.txt --model exchange --rounds 3 "
                "--format exchanges");
    assert_int_equal(r.status, 0);
    {
        long lines = count_lines(r.out) - 1; /* the header */
        char want[64];

        snprintf(want, sizeof want, "exchange,-1,%ld,", lines);
        assert_non_null(strstr(a, want));
        snprintf(want, sizeof want, "exchange,-1,%ld,", lines + 1);
        assert_null(strstr(a, want));
        check_show_exchanges(one, rows_a, lines);
    }
    cli_result_free(&r);
    free(a);
    free(b);
    unlink(one);
    unlink(two);
}

static void test_cli(void **state)
{
    cli_result r;

    (void)state;
    r = run_cli("run " DATA
                "sample_data.txt --model exchange --stop rounds --rounds 10 "
                "--param exchange.seed=42 --format json");
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "\"exchanges\""));
    assert_non_null(strstr(r.out, "\"supply\": \"extra-investering\""));
    cli_result_free(&r);
    r = run_cli("run " DATA "sample_data.txt --model exchange --rounds 1 "
                "--format exchanges");
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "period,model,round,seq,gain,i_actor"));
    assert_non_null(strstr(r.out, "default,exchange,1,38,"));
    assert_null(strstr(r.out, "default,exchange,1,39,"));
    cli_result_free(&r);
    r = run_cli("run " DATA "sample_data.txt --model exchange "
                "--param exchange.tie=coin");
    assert_int_equal(r.status, 2);
    cli_result_free(&r);
    r = run_cli("run " DATA "copenhagen_with_errors.csv --model exchange");
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err, "copenhagen_with_errors.csv:86:4"));
    cli_result_free(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_read_sample_data),
        cmocka_unit_test(test_read_cop21_order),
        cmocka_unit_test(test_read_copenhagen_with_errors),
        cmocka_unit_test(test_read_bad_records),
        cmocka_unit_test(test_read_comma_dialect),
        cmocka_unit_test(test_decimal),
        cmocka_unit_test(test_decimal_paths_agree),
        cmocka_unit_test(test_decimal_bounds),
        cmocka_unit_test(test_cpython_random),
        cmocka_unit_test(test_reference_positions),
        cmocka_unit_test(test_reference_exchanges),
        cmocka_unit_test(test_other_inputs),
        cmocka_unit_test(test_randomized_rate),
        cmocka_unit_test(test_randomized_rate_bounds),
        cmocka_unit_test(test_randomized_rate_zero),
        cmocka_unit_test(test_report),
        cmocka_unit_test(test_ensemble_db),
        cmocka_unit_test(test_ensemble_streams),
        cmocka_unit_test(test_cli),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
