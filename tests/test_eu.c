/*
 * test_eu.c -- Bueno de Mesquita's expected-utility model (`eu`).
 *
 *  - the EC car-emission example (tests/data/bdm/eu-emissions.csv) against
 *    Scholz, Calbert & Smith (2011) Table 2 and against the trajectory that
 *    J. McKibben-Sanders' replication logs (Example.log in
 *    dmasad/bdm-scholz-expected-utility-model @ d7c7bba);
 *  - every option of the spec's divergence table parses and changes what
 *    the spec says it changes (sensitivity runs A, B, C);
 *  - invariances (capability scale, affine positions);
 *  - the fast O(n^2) probabilities against a naive O(n^3) JM round, also
 *    over runs whose states repeat (replayed, not recomputed), and
 *    pow=shared against the exact powers;
 *  - bad parameters -> ENT_EXIT_INPUT naming the parameter.
 */
#include <math.h>

#include "harness.h"
#include "model/engines.h"

static void check_near(double got, double want, double eps, const char *file,
                       int line)
{
    if (!(fabs(got - want) <= eps))
        fail_msg("%s:%d: got %.15g, want %.15g (tolerance %g)", file, line, got,
                 want, eps);
}
#define assert_near(got, want, eps)                                            \
    check_near((got), (want), (eps), __FILE__, __LINE__)

/* ---- the EU emissions example, built by hand ------------------------- */

enum { EU_N = 10 };
enum { NL, BE, LU, DE, FR, IT, UK, IE, DK, GR };

/* tests/data/bdm/eu-emissions.csv: capability 0-1, position 4-10,
   salience 0-100 (divided by 100 here, as the importer does). */
static const char *const eu_names[EU_N] = {
    "Netherlands", "Belgium", "Luxembourg", "Germany", "France",
    "Italy",       "UK",      "Ireland",    "Denmark", "Greece"};
static const double eu_cap[EU_N] = {0.08, 0.08, 0.03, 0.16, 0.16,
                                    0.16, 0.16, 0.05, 0.05, 0.08};
static const double eu_pos[EU_N] = {4, 7, 4, 4, 10, 10, 10, 7, 4, 7};
static const double eu_sal[EU_N] = {0.8, 0.4, 0.2, 0.8, 0.6,
                                    0.6, 0.9, 0.1, 1.0, 0.7};

/* A one-issue problem on the scale [lo, hi]. */
static ent_problem *problem_1d(int n, const char *const *names, const double *x,
                               const double *c, const double *s, double lo,
                               double hi)
{
    ent_problem *p = ent_problem_new(n, 1);

    p->issue_ids[0] = p->issue_names[0] = "issue";
    p->scale_min[0] = lo;
    p->scale_max[0] = hi;
    for (int i = 0; i < n; i++) {
        p->actor_ids[i] = p->actor_names[i] = names ? names[i] : "actor";
        p->present[i] = 1;
        p->position[i] = x[i];
        p->capability[i] = c[i];
        p->salience[i] = s[i];
    }
    return p;
}

static ent_problem *eu_problem(void)
{
    return problem_1d(EU_N, eu_names, eu_pos, eu_cap, eu_sal, 4, 10);
}

/* The outcome of one eu run: the trace, plus weights for the mean. */
typedef struct run {
    ent_trace t;
    double w[64];
} run;

/* Parses "name=value name=value" into opts (pointers into buf). */
static int parse_opts(char *buf, ent_option *opts, int max)
{
    int n = 0;

    for (char *tok = strtok(buf, " "); tok && n < max;
         tok = strtok(NULL, " ")) {
        char *eq = strchr(tok, '=');

        assert_non_null(eq);
        *eq = '\0';
        opts[n].name = tok;
        opts[n].value = eq + 1;
        n++;
    }
    return n;
}

/* Runs eu on p with the given options; returns 0 or -1 (err set). */
static int eu_run(const ent_problem *p, const char *params, int rounds,
                  run *out, ent_error *err)
{
    char buf[512];
    ent_option opts[16];
    ent_model_options o = {
        .rounds = rounds, .params = opts, .stop = ENT_STOP_ROUNDS};
    ent_trace *t = NULL;
    int n = 0;

    snprintf(buf, sizeof buf, "%s", params ? params : "");
    o.n_params = parse_opts(buf, opts, 16);
    memset(out, 0, sizeof *out);
    if (ent_model_run(&ent_engine_eu, p, &o, &t, &n, err) != 0)
        return -1;
    assert_int_equal(n, 1);
    out->t = t[0];
    free(t);
    for (int i = 0; i < p->n_actors && i < 64; i++)
        out->w[i] = p->capability[i] * p->salience[i];
    return 0;
}

static void eu_run_ok(const ent_problem *p, const char *params, int rounds,
                      run *out)
{
    ent_error err = {0};

    if (eu_run(p, params, rounds, out, &err) != 0)
        fail_msg("eu %s: %s", params ? params : "", err.msg);
}

static double pos(const run *r, int round, int actor)
{
    return r->t.positions[round * r->t.n + actor];
}

static double median_at(const run *r, int round)
{
    return r->t.outcome[round];
}

static double mean_at(const run *r, int round)
{
    return ent_weighted_mean(r->t.n, r->t.positions + round * r->t.n, r->w);
}

/* ---- the published table -------------------------------------------- */

/*
 * Scholz, Calbert & Smith (2011) Table 2, rounds 0-8, as transcribed in
 * tests/data/README.md: weighted median and weighted mean, one decimal.
 */
static const double pub_median[9] = {7.0, 8.4, 9.9, 9.9, 9.9,
                                     9.9, 7.4, 8.8, 9.6};
static const double pub_mean[9] = {7.39, 7.4, 7.5, 7.6, 7.3,
                                   7.3,  7.4, 7.5, 7.6};

#include "jm_reference.h"

/* JM's replication with the given parameters: medians and means to 1e-9,
   the positions of the three actors who move to `eps`. */
static void check_jm_trajectory(const char *params, double eps)
{
    ent_problem *p = eu_problem();
    run r;

    eu_run_ok(p, params, 0, &r); /* default: 10 rounds */
    assert_int_equal(r.t.n_rounds, 11);
    for (int t = 0; t <= 10; t++) {
        assert_near(median_at(&r, t), jm_median[t], 1e-9);
        assert_near(mean_at(&r, t), jm_mean[t], 1e-9);
    }
    for (int t = 1; t <= 10; t++) {
        assert_near(pos(&r, t, BE), jm_belgium[t - 1], eps);
        assert_near(pos(&r, t, LU), jm_luxembourg[t - 1], eps);
        assert_near(pos(&r, t, IE), jm_ireland[t - 1], eps);
        for (int i = 0; i < EU_N; i++) /* nobody else ever moves */
            if (i != BE && i != LU && i != IE)
                assert_true(pos(&r, t, i) == eu_pos[i]);
    }
    ent_trace_free(&r.t);
    ent_problem_free(p);
}

/* Our default reproduces JM's replication exactly (to 1e-9). */
static void test_eu_jm_trajectory(void **state)
{
    (void)state;
    check_jm_trajectory(NULL, 1e-9);
}

/*
 * Against the published table.  The table prints one decimal by
 * truncation, not rounding: its text gives "9.9 years" for rounds 2-5 and
 * its round-6 median is 7.4, where the replication has 9.962 and 7.472
 * (rounding would print 10.0 and 7.5; a +-0.05 tolerance would fail 10 of
 * the 16 round 1-8 cells).  So a published value v means a true value in
 * [v, v + 0.1), and that interval (with 1e-9 slack) is the tolerance here.
 *
 * Three cells fall outside it, in JM's replication as much as in ours
 * (ours equals JM to 1e-13): each is pinned to our value so that any
 * change shows, and documented in docs/models.md.
 */
typedef struct residual {
    int is_mean, round;
    double ours;
} residual;

static const residual known_residuals[] = {
    {0, 2, 9.610859134120188}, /* published 9.9: 0.289 below */
    {1, 3, 7.590144997451547}, /* published 7.6: 0.010 below */
    {1, 8, 7.5724470975503},   /* published 7.6: 0.028 below */
};

static const residual *find_residual(int is_mean, int round)
{
    for (size_t i = 0; i < sizeof known_residuals / sizeof *known_residuals;
         i++)
        if (known_residuals[i].is_mean == is_mean &&
            known_residuals[i].round == round)
            return &known_residuals[i];
    return NULL;
}

/* Round 0's mean is printed to two decimals, and rounded (7.38996). */
static void check_cell(int is_mean, int round, double ours, double published)
{
    const residual *res = find_residual(is_mean, round);
    double width = is_mean && round == 0 ? 0.005 : 0.1;
    double lo = is_mean && round == 0 ? published - 0.005 : published;
    int inside = ours >= lo - 1e-9 && ours < lo + width + 1e-9;

    printf("  round %d %-6s ours %.6f  published %.2f  %s\n", round,
           is_mean ? "mean" : "median", ours, published,
           inside ? "ok" : "known residual");
    if (res)
        assert_near(ours, res->ours, 1e-9);
    else if (!inside)
        fail_msg("round %d %s: %.9f is not in [%.2f, %.2f)", round,
                 is_mean ? "mean" : "median", ours, lo, lo + width);
}

static void check_published_table(const char *params)
{
    ent_problem *p = eu_problem();
    run r;

    eu_run_ok(p, params, 8, &r);
    assert_int_equal(r.t.n_rounds, 9);
    for (int t = 0; t <= 8; t++) {
        check_cell(0, t, median_at(&r, t), pub_median[t]);
        check_cell(1, t, mean_at(&r, t), pub_mean[t]);
    }
    ent_trace_free(&r.t);
    ent_problem_free(p);
}

static void test_eu_published_table(void **state)
{
    (void)state;
    check_published_table(NULL);
}

/*
 * The same through the file path an analyst uses: the CSV read by
 * ent_import_bdm (salience 0-100 -> 0-1), ent_problem_build, then
 * ent_model_run.  Must equal the hand-built problem exactly.
 */
static void test_eu_from_csv(void **state)
{
    ent_scenario *sc = NULL;
    ent_problem *p = NULL, *hand = eu_problem();
    ent_error err = {0};
    run r, h;

    (void)state;
    if (ent_import_bdm("tests/data/bdm/eu-emissions.csv", &sc, &err) != 0)
        fail_msg("import: %s", err.msg);
    if (ent_problem_build(sc, 0, &p, &err) != 0)
        fail_msg("problem: %s", err.msg);
    assert_int_equal(p->n_actors, EU_N);
    assert_int_equal(p->n_issues, 1);
    for (int i = 0; i < EU_N; i++) {
        assert_string_equal(p->actor_names[i], eu_names[i]);
        assert_near(p->salience[i], eu_sal[i], 1e-15);
    }
    eu_run_ok(p, NULL, 0, &r);
    eu_run_ok(hand, NULL, 0, &h);
    assert_int_equal(r.t.n_rounds, 11);
    for (int t = 0; t <= 10; t++) {
        assert_near(median_at(&r, t), jm_median[t], 1e-9);
        assert_near(mean_at(&r, t), jm_mean[t], 1e-9);
        for (int i = 0; i < EU_N; i++)
            assert_near(pos(&r, t, i), pos(&h, t, i), 0);
    }
    ent_trace_free(&r.t);
    ent_trace_free(&h.t);
    ent_problem_free(p);
    ent_problem_free(hand);
    ent_scenario_free(sc);
}

/* ---- options: the spec's sensitivity runs ------------------------------ */

/*
 * Run B: compromise_key=least_move.  Rounds 1-3 as the default; in round 4
 * Belgium moves up towards France (to 9.99960737...) instead of down to
 * 4.80; the round-10 median is 9.876 instead of 7.0.
 */
static void test_eu_least_move(void **state)
{
    ent_problem *p = eu_problem();
    run def, b;

    (void)state;
    eu_run_ok(p, NULL, 10, &def);
    eu_run_ok(p, "compromise_key=least_move", 10, &b);
    for (int t = 0; t <= 3; t++)
        for (int i = 0; i < EU_N; i++)
            assert_near(pos(&b, t, i), pos(&def, t, i), 1e-12);
    assert_near(pos(&def, 4, BE), 4.800881140632622, 1e-9);
    assert_near(pos(&b, 4, BE), 9.999607370747668, 1e-9);
    assert_near(median_at(&b, 10), 9.87567489653068, 1e-9);
    assert_near(median_at(&b, 10), 9.876, 5e-4);
    ent_trace_free(&def.t);
    ent_trace_free(&b.t);
    ent_problem_free(p);
}

/*
 * Run C: probability=paper.  Everybody is at 7.0 by round 3; in round 4
 * every security level is equal (JM and GDM would divide by zero).  The
 * default degenerate_risk=neutral sets r = 1 and the run goes on at 7.0;
 * =stop ends the run at round 4; =error fails with a runtime error.
 */
static void test_eu_paper_probability(void **state)
{
    ent_problem *p = eu_problem();
    ent_error err = {0};
    run r;

    (void)state;
    eu_run_ok(p, "probability=paper", 10, &r);
    assert_int_equal(r.t.n_rounds, 11);
    for (int t = 3; t <= 10; t++)
        for (int i = 0; i < EU_N; i++)
            assert_near(pos(&r, t, i), 7.0, 1e-12);
    assert_true(fabs(pos(&r, 2, LU) - 7.0) > 0.5); /* not yet in round 2 */
    ent_trace_free(&r.t);

    eu_run_ok(p, "probability=paper degenerate_risk=stop", 10, &r);
    assert_int_equal(r.t.n_rounds, 5); /* rounds 0-4 */
    assert_near(pos(&r, 4, LU), 7.0, 1e-12);
    ent_trace_free(&r.t);

    assert_int_equal(
        eu_run(p, "probability=paper degenerate_risk=error", 10, &r, &err), -1);
    assert_int_equal(err.code, ENT_EXIT_RUNTIME);
    assert_non_null(strstr(err.msg, "round 4"));

    eu_run_ok(p, "probability=paper stop=fixed_point", 10, &r);
    assert_int_equal(r.t.n_rounds, 5); /* round 4: no move */
    ent_trace_free(&r.t);
    ent_problem_free(p);
}

/*
 * Run A: capitulation=fixed changes nothing in 10 rounds of this example
 * (no compel offer ever arises).  It does change a three-actor case:
 * x = (2, 6, 10), c = 0.1 each, s = (0.3, 0.9, 0.1).  In round 1 actor 0
 * sees b = EU(1 -> 0) > 0 > a = EU(0 -> 1) with |a| > b (actor 1 cares
 * much more): under JM's typo no offer results and actor 0 stays at 2;
 * with the fix it capitulates to 6.  Actor 2 (salience 0.1) loses a
 * confrontation to actor 0 and moves to 2 either way.
 */
static void test_eu_capitulation(void **state)
{
    const double x[] = {2, 6, 10}, c[] = {0.1, 0.1, 0.1};
    const double s[] = {0.3, 0.9, 0.1};
    ent_problem *p = eu_problem();
    ent_problem *small = problem_1d(3, NULL, x, c, s, 0, 10);
    run def, a;

    (void)state;
    eu_run_ok(p, NULL, 10, &def);
    eu_run_ok(p, "capitulation=fixed", 10, &a);
    for (int t = 0; t <= 10; t++)
        for (int i = 0; i < EU_N; i++)
            assert_true(pos(&a, t, i) == pos(&def, t, i));
    ent_trace_free(&def.t);
    ent_trace_free(&a.t);

    eu_run_ok(small, NULL, 1, &def);
    eu_run_ok(small, "capitulation=fixed", 1, &a);
    assert_near(pos(&def, 1, 0), 2.0, 0);
    assert_near(pos(&def, 1, 2), 2.0, 0);
    assert_near(pos(&a, 1, 0), 6.0, 0);
    assert_near(pos(&a, 1, 2), 2.0, 0);
    ent_trace_free(&def.t);
    ent_trace_free(&a.t);
    ent_problem_free(small);
    ent_problem_free(p);
}

/* Outcome trajectories of two option strings differ somewhere. */
static int runs_differ(const ent_problem *p, const char *o1, const char *o2)
{
    run a, b;
    int differ = 0;

    eu_run_ok(p, o1, 10, &a);
    eu_run_ok(p, o2, 10, &b);
    differ = a.t.n_rounds != b.t.n_rounds;
    for (int t = 0; !differ && t < a.t.n_rounds; t++)
        for (int i = 0; i < a.t.n; i++)
            differ |= fabs(pos(&a, t, i) - pos(&b, t, i)) > 1e-9;
    ent_trace_free(&a.t);
    ent_trace_free(&b.t);
    return differ;
}

/*
 * Each option parses and changes the run where the spec says it matters,
 * and leaves it alone where the spec says it cannot matter (Q = 1 makes T,
 * the (1-Q) term and its reference mu irrelevant; the EU example's range
 * stays [4, 10], so range=dynamic changes nothing there).
 */
static void test_eu_options_change_behaviour(void **state)
{
    ent_problem *p = eu_problem();
    ent_problem *wide =
        problem_1d(EU_N, eu_names, eu_pos, eu_cap, eu_sal, 0, 20);

    (void)state;
    assert_true(runs_differ(p, "", "risk_exponent_owner=challenger"));
    assert_true(runs_differ(p, "", "offer_choice=gdm"));
    assert_true(runs_differ(p, "", "probability=gdm"));
    assert_true(runs_differ(p, "", "probability=paper"));
    assert_true(runs_differ(p, "", "q=0.5"));
    assert_true(runs_differ(p, "q=0.5", "q=0.5 no_challenge=paper"));
    assert_true(runs_differ(p, "q=0.5", "q=0.5 no_challenge=gdm"));
    assert_true(runs_differ(p, "q=0.5 no_challenge=paper",
                            "q=0.5 no_challenge=paper t=0"));
    assert_true(runs_differ(p, "q=0.5 no_challenge=paper",
                            "q=0.5 no_challenge=paper mu=mean"));
    assert_true(runs_differ(p, "variant=jm", "variant=paper"));
    assert_true(runs_differ(p, "variant=jm", "variant=gdm"));
    /* an explicit option overrides its preset, wherever it comes */
    assert_true(
        runs_differ(p, "variant=paper", "probability=jm variant=paper"));
    assert_false(runs_differ(p, "probability=jm variant=paper",
                             "variant=paper probability=jm"));
    assert_false(runs_differ(p, "", "variant=jm"));
    /* no effect where the spec says none */
    assert_false(runs_differ(p, "", "no_challenge=paper t=0 mu=mean"));
    assert_false(runs_differ(p, "", "range=dynamic"));
    assert_false(runs_differ(p, "", "range=scale"));     /* scale 4..10 */
    assert_true(runs_differ(wide, "", "range=scale"));   /* scale 0..20 */
    assert_false(runs_differ(p, "", "median_tie=high")); /* no F ties */
    ent_problem_free(p);
    ent_problem_free(wide);
}

/*
 * variant=gdm reproduces the spec's observation of Masad's GDM on this
 * example: Luxembourg flips between 4 and 10 every round and the median
 * alternates between 10.0 and about 7.0-7.2.
 */
static void test_eu_gdm_variant(void **state)
{
    ent_problem *p = eu_problem();
    run r;

    (void)state;
    eu_run_ok(p, "variant=gdm", 10, &r);
    for (int t = 1; t <= 10; t++) {
        assert_near(pos(&r, t, LU), t % 2 ? 10.0 : 4.0, 1e-12);
        if (t % 2)
            assert_near(median_at(&r, t), 10.0, 1e-12);
        else
            assert_true(median_at(&r, t) > 7.0 && median_at(&r, t) < 7.25);
    }
    ent_trace_free(&r.t);
    ent_problem_free(p);
}

/* median_tie: two equal actors at 0 and 10 (F ties) and nobody moves
   (each has salience 1, so challenging the other never pays). */
static void test_eu_median_tie(void **state)
{
    const double x[] = {0, 10}, c[] = {1, 1}, s[] = {1, 1};
    ent_problem *p = problem_1d(2, NULL, x, c, s, 0, 10);
    const char *rules[] = {"median_tie=low", "median_tie=high",
                           "median_tie=mid", "median_tie=first"};
    const double want[] = {0, 10, 5, 0};

    (void)state;
    for (int k = 0; k < 4; k++) {
        run r;

        eu_run_ok(p, rules[k], 3, &r);
        for (int t = 0; t < r.t.n_rounds; t++)
            assert_near(median_at(&r, t), want[k], 1e-12);
        ent_trace_free(&r.t);
    }
    ent_problem_free(p);
}

/* ---- invariances ---------------------------------------------------- */

static void test_eu_capability_scaling(void **state)
{
    double c[EU_N];
    ent_problem *p = eu_problem(), *q;
    run a, b;

    (void)state;
    for (int i = 0; i < EU_N; i++)
        c[i] = eu_cap[i] * 37.5;
    q = problem_1d(EU_N, eu_names, eu_pos, c, eu_sal, 4, 10);
    eu_run_ok(p, NULL, 10, &a);
    eu_run_ok(q, NULL, 10, &b);
    for (int t = 0; t <= 10; t++)
        for (int i = 0; i < EU_N; i++)
            assert_near(pos(&b, t, i), pos(&a, t, i), 1e-9);
    ent_trace_free(&a.t);
    ent_trace_free(&b.t);
    ent_problem_free(p);
    ent_problem_free(q);
}

/* x' = 10 x + 5 rescales the whole trajectory (spec section 1). */
static void test_eu_affine_positions(void **state)
{
    double x[EU_N];
    ent_problem *p = eu_problem(), *q;
    run a, b;

    (void)state;
    for (int i = 0; i < EU_N; i++)
        x[i] = 10 * eu_pos[i] + 5;
    q = problem_1d(EU_N, eu_names, x, eu_cap, eu_sal, 45, 105);
    eu_run_ok(p, NULL, 10, &a);
    eu_run_ok(q, NULL, 10, &b);
    for (int t = 0; t <= 10; t++) {
        for (int i = 0; i < EU_N; i++)
            assert_near(pos(&b, t, i), 10 * pos(&a, t, i) + 5, 1e-8);
        assert_near(median_at(&b, t), 10 * median_at(&a, t) + 5, 1e-8);
    }
    ent_trace_free(&a.t);
    ent_trace_free(&b.t);
    ent_problem_free(p);
    ent_problem_free(q);
}

/* Small edge cases: one actor, everybody at one place. */
static void test_eu_degenerate_inputs(void **state)
{
    const double x1[] = {3}, c1[] = {1}, s1[] = {0.5};
    const double x3[] = {2, 2, 2}, c3[] = {1, 2, 3}, s3[] = {0.1, 0.5, 0.9};
    ent_problem *one = problem_1d(1, NULL, x1, c1, s1, 0, 10);
    ent_problem *same = problem_1d(3, NULL, x3, c3, s3, 0, 10);
    run r;

    (void)state;
    eu_run_ok(one, NULL, 5, &r);
    assert_int_equal(r.t.n_rounds, 6);
    assert_near(median_at(&r, 5), 3.0, 0);
    ent_trace_free(&r.t);
    eu_run_ok(same, "range=dynamic", 5, &r);
    assert_near(pos(&r, 5, 2), 2.0, 0);
    ent_trace_free(&r.t);
    eu_run_ok(same, "stop=fixed_point", 5, &r);
    assert_int_equal(r.t.n_rounds, 2);
    ent_trace_free(&r.t);
    ent_problem_free(one);
    ent_problem_free(same);
}

/* ---- the fast probabilities against a naive JM round ------------------- */

/* JM's compare(): w_k ((|x_k - b|/R)^r_k - (|x_k - a|/R)^r_k). */
static double naive_g(const double *x, const double *w, const double *r, int k,
                      double a, double b, double range)
{
    return w[k] * (pow(fabs(x[k] - b) / range, r[k]) -
                   pow(fabs(x[k] - a) / range, r[k]));
}

static double naive_prob(int n, const double *x, const double *w,
                         const double *r, double range, double d, int i, int j)
{
    double num = 0;

    if (x[i] == x[j])
        return 0;
    for (int k = 0; k < n; k++)
        num += fmax(0, naive_g(x, w, r, k, x[i], x[j], range));
    return num / d;
}

static double naive_denominator(int n, const double *x, const double *w,
                                const double *r, double range)
{
    double d = 0;

    for (int k = 0; k < n; k++)
        for (int a = 0; a < n; a++)
            for (int b = 0; b < n; b++)
                d += fabs(naive_g(x, w, r, k, x[a], x[b], range));
    return d;
}

/* The challenger i's U_sq under exponent r: the constant, or with a
   documented status quo sq (status_quo=scenario) the loss of being
   |x_i - sq| / R away from it. */
static double naive_usq(const double *x, double range, int i, double r,
                        double sq)
{
    return isnan(sq) ? 2 - 4 * pow(0.5, r)
                     : 2 - 4 * pow(0.5 + 0.5 * fabs(x[i] - sq) / range, r);
}

/* JM's eu_challenge from the perspective of exponent r. */
static double naive_eu(int n, const double *x, const double *s, const double *w,
                       const double *rk, double range, double d, int i, int j,
                       double r, double sq)
{
    double dist = fabs(x[i] - x[j]);
    double p = naive_prob(n, x, w, rk, range, d, i, j);
    double us = 2 - 4 * pow(0.5 - 0.5 * dist / range, r);
    double uf = 2 - 4 * pow(0.5 + 0.5 * dist / range, r);

    return s[j] * (p * us + (1 - p) * uf) + (1 - s[j]) * us -
           naive_usq(x, range, i, r, sq);
}

/* Risk exponents of one JM round (every r = 1 when computing S). */
static void naive_risk(int n, const double *x, const double *s, const double *w,
                       double range, double sq, double *r)
{
    double one[16] = {0}, sec[16] = {0}, d, mx, mn;

    for (int k = 0; k < n; k++)
        one[k] = 1;
    d = naive_denominator(n, x, w, one, range);
    for (int i = 0; i < n; i++) {
        sec[i] = 0;
        for (int j = 0; j < n; j++)
            if (j != i && x[j] != x[i])
                sec[i] += naive_eu(n, x, s, w, one, range, d, j, i, 1, sq);
    }
    mx = mn = sec[0];
    for (int i = 1; i < n; i++) {
        mx = fmax(mx, sec[i]);
        mn = fmin(mn, sec[i]);
    }
    for (int i = 0; i < n; i++) {
        double big_r = mx > mn ? (2 * sec[i] - mx - mn) / (mx - mn) : 0;

        r[i] = (1 - big_r / 3) / (1 + big_r / 3);
    }
}

/* Actor i's move in a JM round, straight from bdm_scholz_model.py. */
static double naive_move(int n, const double *x, const double *s,
                         const double *w, const double *r, double range,
                         double d, double sq, int i)
{
    double conf = 0, conf_key = 0, comp = 0, comp_key = 0;
    int have_conf = 0, have_comp = 0;

    for (int j = 0; j < n; j++) {
        double a, b;

        if (x[j] == x[i])
            continue;
        a = naive_eu(n, x, s, w, r, range, d, i, j, r[i], sq);
        b = naive_eu(n, x, s, w, r, range, d, j, i, r[i], sq);
        if (b > a && a > 0 && (!have_conf || fabs(x[i] - x[j]) < conf_key)) {
            have_conf = 1;
            conf_key = fabs(x[i] - x[j]);
            conf = x[j];
        } else if (!(b > a && a > 0) && b > 0 && 0 > a && b > fabs(a)) {
            double key =
                (fabs(a) * x[i] + fabs(b) * x[j]) / (fabs(a) + fabs(b));

            if (!have_comp || key < comp_key) {
                have_comp = 1;
                comp_key = key;
                comp = x[i] + (x[j] - x[i]) * fabs(a / b);
            }
        }
    }
    return have_conf ? conf : have_comp ? comp : x[i];
}

static void naive_round(int n, double *x, const double *s, const double *w,
                        double range, double sq)
{
    double r[16] = {0}, xnew[16] = {0}, d;

    naive_risk(n, x, s, w, range, sq, r);
    d = naive_denominator(n, x, w, r, range);
    for (int i = 0; i < n; i++)
        xnew[i] = naive_move(n, x, s, w, r, range, d, sq, i);
    memcpy(x, xnew, (size_t)n * sizeof(double));
}

/* 1 if the positions after some round t of r repeat those of an earlier
   round (the engine then replays the cycle instead of computing it). */
static int repeats(const run *r)
{
    for (int t = 1; t < r->t.n_rounds; t++)
        for (int u = 0; u < t; u++)
            if (memcmp(r->t.positions + (size_t)t * (size_t)r->t.n,
                       r->t.positions + (size_t)u * (size_t)r->t.n,
                       (size_t)r->t.n * sizeof(double)) == 0)
                return 1;
    return 0;
}

/* The engine with the given parameters against the naive JM round on
   random inputs, every position of 12 rounds to 1e-9. */
static void check_naive(const char *params)
{
    enum { ROUNDS = 12 };
    unsigned long long seed = 2011;
    int cycling = 0;

    for (int trial = 0; trial < 40; trial++) {
        int n = 2 + (int)(test_uniform(&seed) * 9);
        double x[16], c[16], s[16], w[16], range, lo = 1e9, hi = -1e9;
        ent_problem *p;
        run r;

        for (int i = 0; i < n; i++) {
            /* a fifth of the actors share a position */
            x[i] = test_uniform(&seed) < 0.2
                       ? 50
                       : floor(test_uniform(&seed) * 1000) / 10;
            c[i] = 0.01 + test_uniform(&seed);
            s[i] = test_uniform(&seed);
            w[i] = c[i] * s[i];
            lo = fmin(lo, x[i]);
            hi = fmax(hi, x[i]);
        }
        range = hi > lo ? hi - lo : 1;
        p = problem_1d(n, NULL, x, c, s, 0, 100);
        eu_run_ok(p, params, ROUNDS, &r);
        cycling += repeats(&r);
        for (int t = 1; t <= ROUNDS && hi > lo; t++) {
            naive_round(n, x, s, w, range, NAN);
            for (int i = 0; i < n; i++)
                assert_near(pos(&r, t, i), x[i], 1e-9);
        }
        ent_trace_free(&r.t);
        ent_problem_free(p);
    }
    assert_true(cycling >= 5); /* the replay is exercised */
}

static void test_eu_fast_matches_naive(void **state)
{
    (void)state;
    check_naive(NULL);
}

/*
 * status_quo=scenario: U_sq from the documented status quo.  Three actors
 * x = (2, 6, 10), c = 0.1, s = (0.3, 0.9, 0.1), R = 8.  By hand, with the
 * status quo at 2 and r = 1: U_sq = 2 - 4 (0.5 + 0.5 |x - 2| / 8) is 0,
 * -1 and -2 for the three actors, so the security levels of the risk pass
 * (S_i = sum over the others j of EU(j -> i), each less Q U_sq of its
 * challenger j) rise by 1 + 2 = 3, 0 + 2 = 2 and 0 + 1 = 1 over the
 * constant U_sq = 0.  The round follows the naive JM round with the
 * challenger's own U_sq in every EU; the moves differ from the default;
 * an unknown status quo (NAN) is the default, bit for bit.
 */
static void test_eu_status_quo(void **state)
{
    static const double x0[3] = {2, 6, 10}, c[3] = {0.1, 0.1, 0.1},
                        s[3] = {0.3, 0.9, 0.1};
    static const double sqs[4] = {2, 6, 10, 4.5};
    double w[3], sec_const[3], sec_sq[3];
    ent_problem *p = problem_1d(3, NULL, x0, c, s, 0, 12);
    run def, same;

    (void)state;
    for (int i = 0; i < 3; i++)
        w[i] = c[i] * s[i];
    /* the hand-computed shift of the security levels */
    for (int i = 0; i < 3; i++) {
        double one[3] = {1, 1, 1}, d = naive_denominator(3, x0, w, one, 8);

        sec_const[i] = sec_sq[i] = 0;
        for (int j = 0; j < 3; j++)
            if (j != i) {
                sec_const[i] += naive_eu(3, x0, s, w, one, 8, d, j, i, 1, NAN);
                sec_sq[i] += naive_eu(3, x0, s, w, one, 8, d, j, i, 1, 2);
            }
    }
    assert_near(sec_sq[0] - sec_const[0], 3, 1e-12);
    assert_near(sec_sq[1] - sec_const[1], 2, 1e-12);
    assert_near(sec_sq[2] - sec_const[2], 1, 1e-12);

    eu_run_ok(p, NULL, 3, &def);
    p->status_quo[0] = NAN; /* unknown: the default formula */
    eu_run_ok(p, "status_quo=scenario", 3, &same);
    assert_memory_equal(def.t.positions, same.t.positions,
                        4 * 3 * sizeof(double));
    ent_trace_free(&same.t);
    for (size_t k = 0; k < sizeof sqs / sizeof sqs[0]; k++) {
        double x[3] = {2, 6, 10};
        int differs = 0;
        run sq, off;

        p->status_quo[0] = sqs[k];
        eu_run_ok(p, "status_quo=scenario", 3, &sq);
        eu_run_ok(p, "status_quo=constant", 3, &off); /* the default */
        assert_memory_equal(def.t.positions, off.t.positions,
                            4 * 3 * sizeof(double));
        for (int t = 1; t <= 3; t++) {
            naive_round(3, x, s, w, 8, sqs[k]);
            for (int i = 0; i < 3; i++) {
                assert_near(pos(&sq, t, i), x[i], 1e-12);
                differs |= pos(&sq, t, i) != pos(&def, t, i);
            }
        }
        assert_true(differs);
        ent_trace_free(&sq.t);
        ent_trace_free(&off.t);
    }
    ent_trace_free(&def.t);
    ent_problem_free(p);
}

/*
 * pow=shared (powers as exp(r log b), logs once per pair of positions)
 * departs from pow() in the last bits only: the JM trajectory to 1e-9, and
 * on random inputs the same moves as the exact default at every round.
 */
static void test_eu_pow_shared(void **state)
{
    unsigned long long seed = 1701;
    ent_problem *p = eu_problem();
    run r, e;

    (void)state;
    eu_run_ok(p, "pow=shared", 10, &r);
    for (int t = 0; t <= 10; t++) {
        assert_near(median_at(&r, t), jm_median[t], 1e-9);
        assert_near(mean_at(&r, t), jm_mean[t], 1e-9);
    }
    ent_trace_free(&r.t);
    ent_problem_free(p);
    for (int trial = 0; trial < 40; trial++) {
        int n = 2 + (int)(test_uniform(&seed) * 14);
        double x[16], c[16], s[16];

        for (int i = 0; i < n; i++) {
            x[i] = test_uniform(&seed) * 100;
            c[i] = 0.01 + test_uniform(&seed);
            s[i] = test_uniform(&seed);
        }
        p = problem_1d(n, NULL, x, c, s, 0, 100);
        eu_run_ok(p, NULL, 10, &e);
        eu_run_ok(p, "pow=shared", 10, &r);
        for (int k = 0; k < 11 * n; k++)
            assert_near(r.t.positions[k], e.t.positions[k], 1e-9);
        ent_trace_free(&r.t);
        ent_trace_free(&e.t);
        ent_problem_free(p);
    }
}

/*
 * pow=vector (SLEEF's exp and log over batches; the same bits on every
 * x86-64 machine, tests/test_vmath.c) passes the exact default's
 * reproduction checks at their own tolerances: JM's trajectory (every
 * position to 1e-12, as the command-line test checks the default), the
 * published table (the same cells inside their intervals, the same three
 * residuals to 1e-9) and the naive JM round on random inputs (1e-9 for
 * 12 rounds: the same moves).  With a documented status quo (its powers
 * batched too) and under each variant and option that takes powers, it
 * stays within 1e-9 of the exact default on random inputs.
 */
static void test_eu_pow_vector(void **state)
{
    static const char *const variants[][2] = {
        {"", "pow=vector"},
        {"status_quo=scenario", "status_quo=scenario pow=vector"},
        {"risk_exponent_owner=challenger",
         "risk_exponent_owner=challenger pow=vector"},
        {"variant=gdm", "variant=gdm pow=vector"},
        {"q=0.5 no_challenge=paper", "q=0.5 no_challenge=paper pow=vector"},
    };
    unsigned long long seed = 1789;

    (void)state;
    check_jm_trajectory("pow=vector", 1e-12);
    check_published_table("pow=vector");
    check_naive("pow=vector");
    for (int trial = 0; trial < 40; trial++) {
        int n = 2 + (int)(test_uniform(&seed) * 14);
        double x[16], c[16], s[16];
        ent_problem *p;

        for (int i = 0; i < n; i++) {
            x[i] = test_uniform(&seed) < 0.2 ? 50 : test_uniform(&seed) * 100;
            c[i] = 0.01 + test_uniform(&seed);
            s[i] = test_uniform(&seed);
        }
        p = problem_1d(n, NULL, x, c, s, 0, 100);
        p->status_quo[0] = test_uniform(&seed) * 120 - 10;
        for (size_t v = 0; v < sizeof variants / sizeof *variants; v++) {
            run e, r;

            eu_run_ok(p, variants[v][0], 10, &e);
            eu_run_ok(p, variants[v][1], 10, &r);
            for (int k = 0; k < 11 * n; k++)
                assert_near(r.t.positions[k], e.t.positions[k], 1e-9);
            ent_trace_free(&r.t);
            ent_trace_free(&e.t);
        }
        ent_problem_free(p);
    }
}

/* ---- bad parameters ------------------------------------------------- */

static void expect_input_error(const ent_problem *p, const char *params,
                               const char *needle)
{
    ent_error err = {0};
    run r;

    if (eu_run(p, params, 3, &r, &err) == 0)
        fail_msg("eu %s: expected an input error", params);
    assert_int_equal(err.code, ENT_EXIT_INPUT);
    if (!strstr(err.msg, needle))
        fail_msg("eu %s: message '%s' does not name '%s'", params, err.msg,
                 needle);
}

static void test_eu_bad_params(void **state)
{
    ent_problem *p = eu_problem();
    ent_problem *outside =
        problem_1d(EU_N, eu_names, eu_pos, eu_cap, eu_sal, 5, 10);
    const double x[] = {1, 2}, c[] = {1, 1}, s[] = {0.5, 50};
    ent_problem *bad_sal = problem_1d(2, NULL, x, c, s, 0, 10);

    (void)state;
    expect_input_error(p, "probabilty=jm", "probabilty"); /* typo */
    expect_input_error(p, "tie=low", "tie");
    expect_input_error(p, "probability=bogus", "probability");
    expect_input_error(p, "variant=scholz", "variant");
    expect_input_error(p, "risk_exponent_owner=self", "risk_exponent_owner");
    expect_input_error(p, "compromise_key=nearest", "compromise_key");
    expect_input_error(p, "capitulation=yes", "capitulation");
    expect_input_error(p, "offer_choice=9", "offer_choice");
    expect_input_error(p, "range=fixed", "range");
    expect_input_error(p, "degenerate_risk=halt", "degenerate_risk");
    expect_input_error(p, "no_challenge=x", "no_challenge");
    expect_input_error(p, "mu=mode", "mu");
    expect_input_error(p, "stop=never", "stop");
    expect_input_error(p, "median_tie=random", "median_tie");
    expect_input_error(p, "pow=fast", "pow");
    expect_input_error(p, "q=1.5", "q");
    expect_input_error(p, "q=abc", "q");
    expect_input_error(p, "t=-0.1", "t");
    expect_input_error(outside, "range=scale", "outside the issue scale");
    expect_input_error(bad_sal, "", "salience");
    ent_problem_free(p);
    ent_problem_free(outside);
    ent_problem_free(bad_sal);
}

/* Every value of every choice option parses (by name and by index). */
static void test_eu_all_values_parse(void **state)
{
    static const char *const ok[] = {
        "variant=jm",
        "variant=paper",
        "variant=gdm",
        "variant=2",
        "probability=jm",
        "probability=paper",
        "probability=gdm",
        "risk_exponent_owner=evaluator",
        "risk_exponent_owner=challenger",
        "no_challenge=jm",
        "no_challenge=paper",
        "no_challenge=gdm",
        "mu=median",
        "mu=mean",
        "mu=gdm",
        "capitulation=jm",
        "capitulation=fixed",
        "offer_choice=jm",
        "offer_choice=gdm",
        "compromise_key=jm",
        "compromise_key=least_move",
        "range=initial",
        "range=dynamic",
        "range=scale",
        "degenerate_risk=neutral",
        "degenerate_risk=stop",
        "degenerate_risk=error",
        "stop=rounds",
        "stop=fixed_point",
        "median_tie=low",
        "median_tie=high",
        "median_tie=mid",
        "median_tie=first",
        "pow=exact",
        "pow=shared",
        "pow=vector",
        "q=0",
        "q=1",
        "q=0.25",
        "t=0",
        "t=1",
        "t=0.5",
    };
    ent_problem *p = eu_problem();

    (void)state;
    for (size_t i = 0; i < sizeof ok / sizeof *ok; i++) {
        run r;

        eu_run_ok(p, ok[i], 2, &r);
        ent_trace_free(&r.t);
    }
    ent_problem_free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_eu_jm_trajectory),
        cmocka_unit_test(test_eu_published_table),
        cmocka_unit_test(test_eu_from_csv),
        cmocka_unit_test(test_eu_least_move),
        cmocka_unit_test(test_eu_paper_probability),
        cmocka_unit_test(test_eu_capitulation),
        cmocka_unit_test(test_eu_options_change_behaviour),
        cmocka_unit_test(test_eu_gdm_variant),
        cmocka_unit_test(test_eu_median_tie),
        cmocka_unit_test(test_eu_capability_scaling),
        cmocka_unit_test(test_eu_affine_positions),
        cmocka_unit_test(test_eu_degenerate_inputs),
        cmocka_unit_test(test_eu_fast_matches_naive),
        cmocka_unit_test(test_eu_status_quo),
        cmocka_unit_test(test_eu_pow_shared),
        cmocka_unit_test(test_eu_pow_vector),
        cmocka_unit_test(test_eu_bad_params),
        cmocka_unit_test(test_eu_all_values_parse),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
