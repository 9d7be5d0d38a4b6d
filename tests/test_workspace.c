/*
 * test_workspace.c -- ent_model_ws, the reusable storage of ensembles:
 * run after run on problems of one shape, then on a new shape, every
 * engine (through its reset hook where it has one) must give bit for bit
 * what a fresh ent_model_settle gives, under both stop rules.
 */
#include <math.h>

#include "harness.h"

enum { ACTORS = 9, ISSUES = 3, RUNS = 12 };

/* A random problem; cells absent where `absent` says (actor * ISSUES + k,
   -1 for none). */
static ent_problem *random_problem(unsigned long long *seed, int absent)
{
    ent_problem *p = ent_problem_new(ACTORS, ISSUES);

    for (int k = 0; k < ISSUES; k++) {
        p->issue_ids[k] = p->issue_names[k] = "issue";
        p->scale_max[k] = 100;
    }
    for (int a = 0; a < ACTORS; a++) {
        p->actor_ids[a] = p->actor_names[a] = "actor";
        for (int k = 0; k < ISSUES; k++) {
            int c = ent_cell(p, a, k);

            p->present[c] = c != absent;
            /* a few shared positions, so that eu meets ties and cycles */
            p->position[c] = test_uniform(seed) < 0.3
                                 ? 50
                                 : floor(test_uniform(seed) * 1000) / 10;
            p->salience[c] = 0.05 + 0.9 * test_uniform(seed);
            p->capability[c] = 1 + 99 * test_uniform(seed);
        }
    }
    return p;
}

/* Workspace and fresh runs agree bit for bit (or fail alike). */
static void check_engine(const char *name, ent_stop_rule rule)
{
    const ent_engine *e = ent_engine_find(name);
    ent_model_options o = {0};
    ent_model_ws *ws;
    unsigned long long seed = 4242;

    assert_non_null(e);
    o.stop = rule;
    ws = ent_model_ws_new(e, &o);
    for (int run = 0; run < RUNS; run++) {
        /* the shape changes twice: a cell goes, then another */
        int absent = run < 4 ? -1 : run < 8 ? 1 : 2 * ISSUES;
        ent_problem *p = random_problem(&seed, absent);
        double want[ISSUES], got[ISSUES];
        ent_stop want_stop[ISSUES], got_stop[ISSUES];
        ent_error e1 = {0}, e2 = {0};
        int rc1, rc2;

        memset(want_stop, 0, sizeof want_stop);
        memset(got_stop, 0, sizeof got_stop);
        rc1 = ent_model_settle(e, p, &o, want, want_stop, &e1);
        rc2 = ent_model_ws_settle(ws, p, got, got_stop, &e2);
        assert_int_equal(rc1, rc2);
        if (rc1 == 0) {
            if (memcmp(want, got, sizeof want) != 0)
                fail_msg("%s run %d: workspace %.17g, fresh %.17g", name, run,
                         got[0], want[0]);
            assert_memory_equal(want_stop, got_stop, sizeof want_stop);
        } else {
            assert_string_equal(e1.msg, e2.msg);
        }
        ent_problem_free(p);
    }
    ent_model_ws_free(ws);
}

static void test_ws_eu(void **state)
{
    (void)state;
    check_engine("eu", ENT_STOP_SETTLE);
    check_engine("eu", ENT_STOP_ROUNDS);
}

static void test_ws_smp(void **state)
{
    (void)state;
    check_engine("smp", ENT_STOP_SETTLE);
    check_engine("smp", ENT_STOP_ROUNDS);
}

static void test_ws_one_shot(void **state)
{
    (void)state;
    check_engine("mean", ENT_STOP_SETTLE);
    check_engine("median", ENT_STOP_SETTLE);
}

/* A reset to a slice of another size is refused, not a buffer overrun. */
static void test_reset_other_size(void **state)
{
    const double pos[3] = {10, 50, 90}, cap[3] = {1, 2, 3},
                 sal[3] = {0.5, 0.5, 0.5}, lo = 0, hi = 100;
    const ent_slice two = {2, 1, cap, pos, sal, &lo, &hi, NULL, NULL, NULL};
    const ent_slice three = {3, 1, cap, pos, sal, &lo, &hi, NULL, NULL, NULL};
    const char *const names[] = {"eu", "smp"};
    ent_error err = {0};

    (void)state;
    for (int i = 0; i < 2; i++) {
        const ent_engine *e = ent_engine_find(names[i]);
        void *st = e->create(&three, NULL, &err);

        assert_non_null(st);
        assert_non_null(e->reset);
        assert_int_equal(e->reset(st, &two, &err), -1);
        assert_int_equal(err.code, ENT_EXIT_INPUT);
        assert_int_equal(e->reset(st, &three, &err), 0);
        e->destroy(st);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ws_eu),
        cmocka_unit_test(test_ws_smp),
        cmocka_unit_test(test_ws_one_shot),
        cmocka_unit_test(test_reset_other_size),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
