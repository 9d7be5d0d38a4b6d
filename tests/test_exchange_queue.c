/*
 * test_exchange_queue.c -- the exchange engines' queue (exchange_queue.c)
 * keeps Decide's working list: on random exchanges with few distinct
 * gains (so ties are everywhere), random recalculations and tie draws,
 * it picks the same exchanges and recalculates the same ones in the same
 * order as Decide's list, kept as Decide keeps it: sorted stably by
 * gain before every pick, passed over whole after every execution, an
 * exchange appended again at a tie.  The cases include an exchange
 * listed twice that its second recalculation in one execution makes
 * invalid: the first reference stays listed for the next pick, and
 * Decide's next pass drops it.
 */
#include "harness.h"
#include "model/exchange_queue.h"

enum {
    EXCHANGES = 300,
    ACTORS = 7,
    ISSUES = 4,
    GAINS = 4,
    LOG = 1 << 16,
    LISTED = 1 << 16 /* room of Decide's list, appended to at ties */
};

/* A stand-in for an engine's exchange: its gain, validity and sides. */
typedef struct fake {
    int id, gain, valid, recalcs;
    xch_sides who;
} fake;

/* What a run did, in order: picks and recalculations (exchange ids). */
typedef struct trail {
    int event[LOG];
    int n;
    uint64_t draws; /* the tie draws' generator */
} trail;

static uint64_t next(uint64_t *s)
{
    *s = *s * 6364136223846793005ULL + 1442695040888963407ULL;
    return *s >> 33;
}

static void note(trail *t, int event)
{
    if (t->n < LOG)
        t->event[t->n++] = event;
}

static __int128 fake_key(const void *e)
{
    return ((const fake *)e)->gain;
}

static int fake_valid(const void *e)
{
    return ((const fake *)e)->valid;
}

static void fake_sides(const void *e, xch_sides *s)
{
    *s = ((const fake *)e)->who;
}

/* 1 if x has a side of the same actor as a side of r with the same
   supply or the same demand issue: the exchanges an execution changes. */
static int touches(const fake *x, const fake *r)
{
    for (int a = 0; a < 2; a++)
        for (int b = 0; b < 2; b++)
            if (x->who.actor[a] == r->who.actor[b] &&
                (x->who.supply[a] == r->who.supply[b] ||
                 x->who.demand[a] == r->who.demand[b]))
                return 1;
    return 0;
}

/* A new gain and validity for x, from x, r and x's count of
   recalculations only, so two runs that recalculate in the same order
   compute the same. */
static void fake_recalculate(void *model, void *xv, void *rv)
{
    fake *x = xv;
    const fake *r = rv;
    uint64_t h;

    if (!touches(x, r))
        return;
    h = (uint64_t)x->id * 1000003u + (uint64_t)r->id * 7919u +
        (uint64_t)x->recalcs++;
    next(&h);
    x->gain = (int)(next(&h) % GAINS);
    x->valid = next(&h) % 6 != 0;
    note(model, 10000 + x->id);
}

static const xch_queue_ops fake_ops = {fake_key, fake_valid, fake_sides,
                                       fake_recalculate};

static void make_exchanges(fake *e, uint64_t seed)
{
    for (int t = 0; t < EXCHANGES; t++) {
        e[t].id = t;
        e[t].gain = (int)(next(&seed) % GAINS);
        e[t].valid = next(&seed) % 5 != 0;
        e[t].recalcs = 0;
        for (int h = 0; h < 2; h++) {
            e[t].who.actor[h] = (int)(next(&seed) % ACTORS);
            e[t].who.supply[h] = (int)(next(&seed) % ISSUES);
            e[t].who.demand[h] = (int)(next(&seed) % ISSUES);
        }
    }
}

/* Decide's list: ref[head, n), sorted stably by gain before each pick. */
typedef struct plain {
    fake *ref[LISTED];
    int head, n;
} plain;

static void plain_sort(plain *l)
{
    for (int t = l->head + 1; t < l->n; t++) { /* stable insertion sort */
        fake *x = l->ref[t];
        int u = t;

        while (u > l->head && l->ref[u - 1]->gain < x->gain) {
            l->ref[u] = l->ref[u - 1];
            u--;
        }
        l->ref[u] = x;
    }
}

static void plain_execute(plain *l, fake *r, trail *t)
{
    int o = l->head;

    for (int u = l->head; u < l->n; u++) {
        fake *x = l->ref[u];

        if (x->valid)
            fake_recalculate(t, x, r);
        if (x->valid)
            l->ref[o++] = x;
    }
    l->n = o;
}

static void run_plain(fake *e, trail *t)
{
    plain *l = ent_xcalloc(1, sizeof *l);

    for (int u = 0; u < EXCHANGES; u++)
        l->ref[l->n++] = &e[u];
    while (l->head < l->n) {
        fake *r;

        assert_true(l->n < LISTED);
        plain_sort(l);
        r = l->ref[l->head++];
        if (l->head < l->n && l->ref[l->head]->gain == r->gain) {
            if (next(&t->draws) % 2) {
                l->ref[l->n++] = r; /* to the end, the next one taken */
                r = l->ref[l->head++];
            } else {
                l->ref[l->n] = l->ref[l->head]; /* the next, again */
                l->n++;
            }
        }
        if (!r->valid)
            continue;
        note(t, r->id);
        plain_execute(l, r, t);
    }
    free(l);
}

static void run_queue(fake *e, trail *t)
{
    xch_queue q;

    memset(&q, 0, sizeof q);
    xch_queue_reset(&q, &fake_ops, t, ACTORS, ISSUES);
    for (int u = 0; u < EXCHANGES; u++)
        xch_queue_add(&q, &e[u]);
    xch_queue_start(&q);
    while (!xch_queue_empty(&q)) {
        const fake *n;
        fake *r;

        xch_queue_order(&q);
        r = xch_queue_pop(&q);
        n = xch_queue_first(&q);
        if (n && n->gain == r->gain) {
            if (next(&t->draws) % 2) {
                xch_queue_requeue(&q);
                r = xch_queue_pop(&q);
            } else {
                xch_queue_repeat(&q);
            }
        }
        if (!r->valid)
            continue;
        note(t, r->id);
        xch_queue_execute(&q, r);
    }
    xch_queue_free(&q);
}

static void test_same_as_decide(void **state)
{
    static fake a[EXCHANGES], b[EXCHANGES];
    static trail ta, tb;
    long events = 0, ties = 0;

    (void)state;
    for (uint64_t seed = 1; seed <= 40; seed++) {
        make_exchanges(a, seed);
        make_exchanges(b, seed);
        memset(&ta, 0, sizeof ta);
        memset(&tb, 0, sizeof tb);
        ta.draws = tb.draws = seed;
        run_plain(a, &ta);
        run_queue(b, &tb);
        if (ta.n != tb.n ||
            memcmp(ta.event, tb.event, (size_t)ta.n * sizeof *ta.event) != 0)
            fail_msg("seed %llu: the queue's picks or recalculations differ",
                     (unsigned long long)seed);
        assert_true(ta.n < LOG);
        events += ta.n;
        ties += (long)(ta.draws != seed);
    }
    assert_true(events > 40 * 100); /* the runs did work */
    assert_int_equal(ties, 40);     /* and every one drew at a tie */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_same_as_decide),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
