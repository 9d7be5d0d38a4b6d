/*
 * test_settle.c -- the settle stop rule and the forecast defined from how
 * a run ended, on hand-made runs: a scripted engine whose positions follow
 * a given sequence (a fixed point, a 2-cycle, a 3-cycle, an unsettled
 * drift), run through ent_model_run and ent_model_settle.
 */
#include <math.h>

#include "harness.h"

#define EPS 1e-12

/* A script: positions of the single actor by round; from round `len` on
   the script repeats its part from `loop` (loop == len: it stays put). */
typedef struct script {
    const char *name;
    double x[8];
    int len, loop;
    int stop_at; /* the engine's own rule fires at this round; 0 = never */
} script;

static const script scripts[] = {
    {"fixed", {0, 50, 80, 90, 90}, 5, 4, 0},
    {"cycle2", {0, 5, 20, 30}, 4, 2, 0},
    {"cycle3", {0, 10, 20, 30}, 4, 1, 0},
    {"engine", {0, 10, 20, 30}, 4, 1, 3},
};

typedef struct scripted {
    const script *s;
    int round;   /* rounds stepped */
    int drift;   /* no script: position = round (never settles) */
    double x[2]; /* actor 0 follows the script, actor 1 stays at 100 */
} scripted;

static double script_at(const script *s, int r)
{
    if (r < s->len)
        return s->x[r];
    return s->x[s->loop + (r - s->loop) % (s->len - s->loop)];
}

static void *scripted_create(const ent_slice *sl, const ent_model_options *o,
                             ent_error *err)
{
    scripted *st = ent_xcalloc(1, sizeof *st);

    (void)sl;
    (void)err;
    st->drift = 1;
    for (int i = 0; o && i < o->n_params; i++)
        for (size_t k = 0; k < sizeof scripts / sizeof scripts[0]; k++)
            if (strcmp(o->params[i].value, scripts[k].name) == 0) {
                st->s = &scripts[k];
                st->drift = 0;
            }
    st->x[0] = st->drift ? 0 : st->s->x[0];
    st->x[1] = 100;
    return st;
}

static int scripted_step(void *state, ent_error *err)
{
    scripted *st = state;

    (void)err;
    st->round++;
    st->x[0] = st->drift ? st->round : script_at(st->s, st->round);
    return st->s && st->s->stop_at == st->round ? 0 : 1;
}

static const double *scripted_positions(const void *state)
{
    return ((const scripted *)state)->x;
}

/* The outcome is the position of actor 0 plus one, so that outcomes and
   positions are told apart. */
static void scripted_outcome(const void *state, double *out)
{
    out[0] = ((const scripted *)state)->x[0] + 1;
}

static const ent_engine scripted_engine = {
    .name = "scripted",
    .summary = "follows a script",
    .default_rounds = 10,
    .create = scripted_create,
    .step = scripted_step,
    .positions = scripted_positions,
    .outcome = scripted_outcome,
    .destroy = free,
};

static ent_problem *two_actors(void)
{
    ent_problem *p = ent_problem_new(2, 1);
    static const char *const names[] = {"A", "B"};

    p->issue_ids[0] = p->issue_names[0] = "issue";
    p->scale_max[0] = 100;
    for (int i = 0; i < 2; i++) {
        p->actor_ids[i] = p->actor_names[i] = names[i];
        p->present[i] = 1;
        p->capability[i] = 1;
        p->salience[i] = 0.5;
    }
    return p;
}

typedef struct outcome_of_run {
    ent_stop stop;
    double forecast, lo, hi;
    int n_rounds;
} outcome_of_run;

/* Runs the script under the given rule and limit (0: the default),
   through the traced path, and checks the untraced path agrees. */
static outcome_of_run run_script(const char *name, ent_stop_rule rule,
                                 int rounds, double tolerance)
{
    ent_option param = {"script", name};
    ent_model_options o = {.rounds = rounds,
                           .params = &param,
                           .n_params = name ? 1 : 0,
                           .stop = rule,
                           .tolerance = tolerance};
    ent_problem *p = two_actors();
    ent_trace *t = NULL;
    ent_error err = {0};
    ent_stop stop;
    outcome_of_run r;
    double v;
    int n = 0;

    assert_int_equal(ent_model_run(&scripted_engine, p, &o, &t, &n, &err), 0);
    assert_int_equal(n, 1);
    r.stop = t[0].stop;
    r.forecast = t[0].forecast[0];
    r.lo = t[0].range_lo[0];
    r.hi = t[0].range_hi[0];
    r.n_rounds = t[0].n_rounds;
    assert_int_equal(ent_model_settle(&scripted_engine, p, &o, &v, &stop, &err),
                     0);
    assert_true(v == r.forecast);
    assert_int_equal(stop.reason, r.stop.reason);
    assert_int_equal(stop.round, r.stop.round);
    ent_trace_free(&t[0]);
    free(t);
    ent_problem_free(p);
    return r;
}

/* 0, 50, 80, 90, 90: round 4 repeats round 3, a fixed point. */
static void test_fixed_point(void **state)
{
    outcome_of_run r = run_script("fixed", ENT_STOP_SETTLE, 0, 0);

    (void)state;
    assert_int_equal(r.stop.reason, ENT_STOPPED_CONVERGED);
    assert_int_equal(r.stop.round, 4);
    assert_int_equal(r.stop.period, 0);
    assert_int_equal(r.stop.by_engine, 0);
    assert_int_equal(r.n_rounds, 5); /* rounds 0..4: it stopped there */
    assert_true(r.forecast == 91 && r.lo == 91 && r.hi == 91);
}

/* 0, 5, 20, 30, 20, 30, ...: rounds 4-5 repeat rounds 2-3, so the cycle
   is seen at round 5; the forecast is the mean outcome over one period. */
static void test_two_cycle(void **state)
{
    outcome_of_run r = run_script("cycle2", ENT_STOP_SETTLE, 0, 0);

    (void)state;
    assert_int_equal(r.stop.reason, ENT_STOPPED_CYCLE);
    assert_int_equal(r.stop.round, 5);
    assert_int_equal(r.stop.period, 2);
    assert_int_equal(r.stop.window, 2);
    assert_true(fabs(r.forecast - 26) < EPS); /* (21 + 31) / 2 */
    assert_true(r.lo == 21 && r.hi == 31);
}

/* 0, 10, 20, 30, 10, 20, 30: period 3, seen at round 6. */
static void test_longer_cycle(void **state)
{
    outcome_of_run r = run_script("cycle3", ENT_STOP_SETTLE, 0, 0);

    (void)state;
    assert_int_equal(r.stop.reason, ENT_STOPPED_CYCLE);
    assert_int_equal(r.stop.round, 6);
    assert_int_equal(r.stop.period, 3);
    assert_true(fabs(r.forecast - 21) < EPS); /* (11 + 21 + 31) / 3 */
    assert_true(r.lo == 11 && r.hi == 31);
}

/* Position = round: never settles; the limit ends it, the forecast is the
   mean of the last ENT_SETTLE_WINDOW rounds and it says so. */
static void test_unsettled(void **state)
{
    outcome_of_run r = run_script(NULL, ENT_STOP_SETTLE, 30, 0);
    outcome_of_run d = run_script(NULL, ENT_STOP_SETTLE, 0, 0);

    (void)state;
    assert_int_equal(r.stop.reason, ENT_STOPPED_LIMIT);
    assert_int_equal(r.stop.round, 30);
    assert_int_equal(r.stop.window, ENT_SETTLE_WINDOW);
    /* outcomes of rounds 21..30 are 22..31: mean 26.5 */
    assert_true(fabs(r.forecast - 26.5) < EPS);
    assert_true(r.lo == 22 && r.hi == 31);
    /* the default limit under settle is ENT_SETTLE_ROUNDS */
    assert_int_equal(d.stop.reason, ENT_STOPPED_LIMIT);
    assert_int_equal(d.stop.round, ENT_SETTLE_ROUNDS);
}

/* The rounds rule runs exactly the limit and forecasts the last round,
   while still saying how the states behaved. */
static void test_rounds_rule(void **state)
{
    outcome_of_run r = run_script("cycle2", ENT_STOP_ROUNDS, 8, 0);
    outcome_of_run d = run_script("cycle2", ENT_STOP_ROUNDS, 0, 0);

    (void)state;
    assert_int_equal(r.n_rounds, 9);
    assert_int_equal(r.stop.rule, ENT_STOP_ROUNDS);
    assert_int_equal(r.stop.reason, ENT_STOPPED_CYCLE);
    assert_int_equal(r.stop.round, 5);
    assert_true(r.forecast == 21); /* round 8 holds 20 */
    assert_true(r.lo == 21 && r.hi == 31);
    assert_int_equal(d.n_rounds, 11); /* the engine's default_rounds */
}

/* Where the run settled does not depend on the limit. */
static void test_limit_does_not_matter(void **state)
{
    static const char *const names[] = {"fixed", "cycle2", "cycle3"};

    (void)state;
    for (int i = 0; i < 3; i++) {
        outcome_of_run a = run_script(names[i], ENT_STOP_SETTLE, 50, 0);
        outcome_of_run b = run_script(names[i], ENT_STOP_SETTLE, 51, 0);
        outcome_of_run c = run_script(names[i], ENT_STOP_SETTLE, 100, 0);

        assert_true(a.forecast == b.forecast && b.forecast == c.forecast);
        assert_int_equal(a.stop.round, c.stop.round);
    }
}

/* The engine's own rule ends the run as converged, marked as the
   engine's. */
static void test_engine_rule(void **state)
{
    outcome_of_run r = run_script("engine", ENT_STOP_SETTLE, 0, 0);

    (void)state;
    assert_int_equal(r.stop.reason, ENT_STOPPED_CONVERGED);
    assert_int_equal(r.stop.by_engine, 1);
    assert_int_equal(r.stop.round, 3);
    assert_true(r.forecast == 31);
}

/* A run too short to show its cycle twice is unsettled, not a cycle. */
static void test_cycle_needs_two_periods(void **state)
{
    outcome_of_run r = run_script("cycle3", ENT_STOP_SETTLE, 5, 0);

    (void)state;
    assert_int_equal(r.stop.reason, ENT_STOPPED_LIMIT);
    assert_int_equal(r.stop.window, 5);
}

/* Names used in every output. */
static void test_names(void **state)
{
    (void)state;
    assert_string_equal(ent_stop_reason_name(ENT_STOPPED_CONVERGED),
                        "converged");
    assert_string_equal(ent_stop_reason_name(ENT_STOPPED_CYCLE), "cycle");
    assert_string_equal(ent_stop_reason_name(ENT_STOPPED_LIMIT), "limit");
    assert_string_equal(ent_stop_rule_names()[ENT_STOP_SETTLE], "settle");
    assert_string_equal(ent_stop_rule_names()[ENT_STOP_ROUNDS], "rounds");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fixed_point),
        cmocka_unit_test(test_two_cycle),
        cmocka_unit_test(test_longer_cycle),
        cmocka_unit_test(test_unsettled),
        cmocka_unit_test(test_rounds_rule),
        cmocka_unit_test(test_limit_does_not_matter),
        cmocka_unit_test(test_engine_rule),
        cmocka_unit_test(test_cycle_needs_two_periods),
        cmocka_unit_test(test_names),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
