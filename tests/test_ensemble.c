/*
 * test_ensemble.c -- the Monte Carlo ensemble: the counter-based RNG,
 * perturbation ranges, summaries on hand-computed samples, pivotal actors
 * on a hand-made case, determinism across threads and chunkings, and the
 * `entente ensemble` command (bad input, atomic output, identical output
 * for any --threads).
 */
#include <math.h>
#include <sys/stat.h>

#include "harness.h"

/* ---- helpers ---- */

/* A problem of n actors on d issues, every cell present, scale 0..100. */
static ent_problem *make_problem(int n, int d)
{
    static const char *names[] = {"a0", "a1", "a2", "a3", "a4",
                                  "a5", "a6", "a7", "a8", "a9"};
    static const char *issues[] = {"i0", "i1", "i2", "i3"};
    ent_problem *p = ent_problem_new(n, d);
    size_t cells = (size_t)n * (size_t)d;

    for (int a = 0; a < n; a++)
        p->actor_ids[a] = p->actor_names[a] = names[a];
    for (int k = 0; k < d; k++) {
        p->issue_ids[k] = p->issue_names[k] = issues[k];
        p->scale_max[k] = 100;
    }
    for (size_t c = 0; c < cells; c++)
        p->present[c] = 1;
    return p;
}

/* Eight actors on two issues with declared uncertainty everywhere. */
static ent_problem *sample_problem(void)
{
    ent_problem *p = make_problem(8, 2);

    for (int a = 0; a < 8; a++)
        for (int k = 0; k < 2; k++) {
            int c = ent_cell(p, a, k);

            p->position[c] = fmod(13.0 * a + 37.0 * k + 5, 100);
            p->salience[c] = 0.2 + 0.1 * a;
            p->capability[c] = 10 + 5 * a;
            p->position_unc[c] = 10;
            p->salience_unc[c] = 0.1;
            p->capability_unc[c] = 3;
        }
    return p;
}

static void set_models(ent_ensemble_options *o, const ent_engine **engines,
                       const char *const *names, int n)
{
    for (int i = 0; i < n; i++) {
        engines[i] = ent_engine_find(names[i]);
        assert_non_null(engines[i]);
    }
    o->engines = engines;
    o->n_engines = n;
}

static char *json_of(const ent_ensemble_result *r)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    ent_error err;

    assert_non_null(f);
    assert_int_equal(ent_ensemble_write_json(f, r, 1, &err), 0);
    fclose(f);
    return buf;
}

/* ---- RNG ---- */

/* Known-answer vectors of Random123's kat_vectors for philox4x32-10. */
static void test_philox_known_answers(void **state)
{
    static const uint32_t ctr[3][4] = {
        {0, 0, 0, 0},
        {0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu},
        {0x243f6a88u, 0x85a308d3u, 0x13198a2eu, 0x03707344u}};
    static const uint32_t key[3][2] = {
        {0, 0}, {0xffffffffu, 0xffffffffu}, {0xa4093822u, 0x299f31d0u}};
    static const uint32_t want[3][4] = {
        {0x6627e8d5u, 0xe169c58du, 0xbc57ac4cu, 0x9b00dbd8u},
        {0x408f276du, 0x41c83b0eu, 0xa20bc7c6u, 0x6d5451fdu},
        {0xd16cfe09u, 0x94fdccebu, 0x5001e420u, 0x24126ea1u}};

    (void)state;
    for (int i = 0; i < 3; i++) {
        uint32_t out[4];

        ent_philox4x32(ctr[i], key[i], out);
        for (int j = 0; j < 4; j++)
            assert_int_equal(out[j], want[i][j]);
    }
}

/* A stream is a pure function of (seed, stream): reproducible, random
   access, and different streams / seeds differ. */
static void test_rng_streams(void **state)
{
    ent_rng a, b, c;
    uint32_t block[4], ctr[4], key[2];
    uint64_t seed = 0x123456789abcdefull, stream = 77;

    (void)state;
    ent_rng_init(&a, seed, stream);
    ent_rng_init(&b, seed, stream);
    for (int i = 0; i < 1000; i++)
        assert_int_equal(ent_rng_u32(&a), ent_rng_u32(&b));
    /* word 4j+w of the stream is word w of block j */
    ent_rng_init(&a, seed, stream);
    key[0] = (uint32_t)seed;
    key[1] = (uint32_t)(seed >> 32);
    ctr[1] = 0;
    ctr[2] = (uint32_t)stream;
    ctr[3] = 0;
    for (uint32_t j = 0; j < 50; j++) {
        ctr[0] = j;
        ent_philox4x32(ctr, key, block);
        for (int w = 0; w < 4; w++)
            assert_int_equal(ent_rng_u32(&a), block[w]);
    }
    ent_rng_init(&a, seed, stream);
    ent_rng_init(&b, seed, stream + 1);
    ent_rng_init(&c, seed + 1, stream);
    {
        int same_stream = 0, same_seed = 0;

        for (int i = 0; i < 100; i++) {
            uint32_t x = ent_rng_u32(&a);

            same_stream += x == ent_rng_u32(&b);
            same_seed += x == ent_rng_u32(&c);
        }
        assert_true(same_stream < 3);
        assert_true(same_seed < 3);
    }
}

static void test_rng_uniform(void **state)
{
    ent_rng r;
    double sum = 0, lo = 1, hi = 0;
    const int n = 200000;

    (void)state;
    ent_rng_init(&r, 42, 0);
    for (int i = 0; i < n; i++) {
        double u = ent_rng_uniform(&r);

        assert_true(u >= 0 && u < 1);
        sum += u;
        lo = u < lo ? u : lo;
        hi = u > hi ? u : hi;
    }
    assert_true(fabs(sum / n - 0.5) < 0.005);
    assert_true(lo < 0.001 && hi > 0.999);
}

/* ---- perturbation ---- */

static void test_perturb_in_range(void **state)
{
    ent_problem *p = make_problem(3, 2), *q;

    (void)state;
    /* near the bounds with wide uncertainty */
    for (int a = 0; a < 3; a++)
        for (int k = 0; k < 2; k++) {
            int c = ent_cell(p, a, k);

            p->position[c] = a == 0 ? 1 : a == 1 ? 99 : 50;
            p->salience[c] = a == 0 ? 0.02 : 0.98;
            p->capability[c] = a == 0 ? 0.5 : 20;
            p->position_unc[c] = 30;
            p->salience_unc[c] = 0.5;
            p->capability_unc[c] = 10;
        }
    p->present[ent_cell(p, 2, 1)] = 0; /* an absent cell stays as is */
    p->position[ent_cell(p, 2, 1)] = -7;
    q = ent_problem_clone(p);
    for (long run = 0; run < 2000; run++) {
        ent_rng r;
        int moved = 0;

        ent_rng_init(&r, 9, (uint64_t)run);
        ent_perturb(p, 0, &r, q);
        for (int c = 0; c < 6; c++) {
            if (!p->present[c])
                continue;
            assert_true(q->position[c] >= 0 && q->position[c] <= 100);
            assert_true(fabs(q->position[c] - p->position[c]) <= 30);
            assert_true(q->salience[c] >= 0 && q->salience[c] <= 1);
            assert_true(q->capability[c] >= 0);
            assert_true(fabs(q->capability[c] - p->capability[c]) <= 10);
            moved |= q->position[c] != p->position[c];
        }
        assert_true(moved);
        assert_true(q->position[ent_cell(p, 2, 1)] == -7);
    }
    ent_problem_free(q);
    ent_problem_free(p);
}

/* Without declared uncertainty nothing moves unless --noise fills in:
   +-noise x width for positions, +-noise x value for the rest. */
static void test_perturb_noise(void **state)
{
    ent_problem *p = make_problem(2, 1), *q;
    ent_rng r;
    double sum = 0;

    (void)state;
    for (int a = 0; a < 2; a++) {
        p->position[a] = 40;
        p->salience[a] = 0.5;
        p->capability[a] = 10;
    }
    q = ent_problem_clone(p);
    ent_rng_init(&r, 1, 0);
    ent_perturb(p, 0, &r, q);
    assert_true(q->position[0] == 40 && q->salience[0] == 0.5 &&
                q->capability[0] == 10);
    for (long run = 0; run < 5000; run++) {
        ent_rng_init(&r, 1, (uint64_t)run);
        ent_perturb(p, 0.1, &r, q);
        assert_true(fabs(q->position[0] - 40) <= 10);    /* 0.1 x 100 */
        assert_true(fabs(q->salience[0] - 0.5) <= 0.05); /* 0.1 x 0.5 */
        assert_true(fabs(q->capability[0] - 10) <= 1);   /* 0.1 x 10 */
        sum += q->position[0] - 40;
    }
    assert_true(fabs(sum / 5000) < 0.5); /* centred */
    ent_problem_free(q);
    ent_problem_free(p);
}

/* ---- summaries ---- */

static void test_quantiles(void **state)
{
    const double v[10] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    const double x[7] = {3, NAN, 1, 2, INFINITY, 5, 4};
    ent_summary s = {0};

    (void)state;
    /* type 7: h = (n - 1) q, linear between order statistics */
    assert_true(fabs(ent_quantile_sorted(v, 10, 0.5) - 5.5) < 1e-12);
    assert_true(fabs(ent_quantile_sorted(v, 10, 0.05) - 1.45) < 1e-12);
    assert_true(fabs(ent_quantile_sorted(v, 10, 0.95) - 9.55) < 1e-12);
    assert_true(ent_quantile_sorted(v, 10, 0) == 1);
    assert_true(ent_quantile_sorted(v, 10, 1) == 10);
    assert_true(ent_quantile_sorted(v, 1, 0.3) == 1);
    assert_true(isnan(ent_quantile_sorted(v, 0, 0.5)));
    /* non-finite outcomes are left out: {1,2,3,4,5} */
    ent_summarize(x, 7, 1, NULL, 0, &s);
    assert_int_equal(s.n, 5);
    assert_true(s.median == 3);
    assert_true(fabs(s.p5 - 1.2) < 1e-12);  /* h = 0.2 */
    assert_true(fabs(s.p95 - 4.8) < 1e-12); /* h = 3.8 */
    assert_true(fabs(s.mean - 3) < 1e-12);
    assert_true(fabs(s.sd - sqrt(2.5)) < 1e-12);
    assert_null(s.band_prob);
}

static void test_bands(void **state)
{
    ent_anchor anchors[4] = {
        {0, "none"}, {20, "radar"}, {60, "rotations"}, {100, "airbase"}};
    ent_issue issue = {0};
    ent_band *b;
    /* strided: every other value belongs to another column */
    const double x[16] = {5,  -1, 10, -1, 39.9, -1, 40,  -1,
                          79, -1, 80, -1, 100,  -1, NAN, -1};
    ent_summary s = {0};

    (void)state;
    issue.min = 0;
    issue.max = 100;
    issue.anchors = anchors;
    issue.n_anchors = 4;
    b = ent_bands_of_issue(&issue);
    assert_non_null(b);
    /* [0,10) [10,40) [40,80) [80,100] */
    assert_true(b[0].lower == 0 && b[0].upper == 10);
    assert_true(b[1].lower == 10 && b[1].upper == 40);
    assert_true(b[2].lower == 40 && b[2].upper == 80);
    assert_true(b[3].lower == 80 && b[3].upper == 100);
    assert_string_equal(b[2].label, "rotations");
    assert_int_equal(ent_band_index(b, 4, 9.999), 0);
    assert_int_equal(ent_band_index(b, 4, 10), 1);
    assert_int_equal(ent_band_index(b, 4, 100), 3);
    ent_summarize(x, 8, 2, b, 4, &s);
    assert_int_equal(s.n, 7);
    assert_true(fabs(s.band_prob[0] - 1.0 / 7) < 1e-15);
    assert_true(fabs(s.band_prob[1] - 2.0 / 7) < 1e-15);
    assert_true(fabs(s.band_prob[2] - 2.0 / 7) < 1e-15);
    assert_true(fabs(s.band_prob[3] - 2.0 / 7) < 1e-15);
    assert_true(s.median == 40);
    free(s.band_prob);
    ent_bands_free(b, 4);
}

/* ---- determinism ---- */

/* The same runs computed in one call or in uneven chunks are bitwise
   equal: a run's numbers depend only on (seed, run). */
static void test_chunking(void **state)
{
    ent_problem *p = sample_problem();
    ent_ensemble_options o = {0};
    const ent_engine *engines[3];
    static const char *const names[] = {"mean", "median", "eu"};
    const long runs = 50;
    size_t width = 3 * 2;
    double *whole = ent_xcalloc((size_t)runs * width, sizeof(double));
    double *parts = ent_xcalloc((size_t)runs * width, sizeof(double));
    double *whole_stops = ent_xcalloc((size_t)runs * width, sizeof(double));
    double *part_stops = ent_xcalloc((size_t)runs * width, sizeof(double));
    const long cuts[] = {0, 7, 8, 20, 50};
    ent_error err;

    (void)state;
    set_models(&o, engines, names, 3);
    o.runs = runs;
    o.seed = 2024;
    o.threads = 2;
    assert_int_equal(
        ent_ensemble_compute(p, &o, 0, runs, whole, whole_stops, &err), 0);
    for (int i = 0; i + 1 < 5; i++) {
        o.threads = i + 1;
        assert_int_equal(
            ent_ensemble_compute(p, &o, cuts[i], cuts[i + 1] - cuts[i],
                                 parts + (size_t)cuts[i] * width,
                                 part_stops + (size_t)cuts[i] * width, &err),
            0);
    }
    assert_memory_equal(whole, parts, (size_t)runs * width * sizeof(double));
    assert_memory_equal(whole_stops, part_stops,
                        (size_t)runs * width * sizeof(double));
    for (size_t i = 0; i < (size_t)runs * width; i++)
        assert_true(isnan(whole_stops[i]) ||
                    (whole_stops[i] >= 0 && whole_stops[i] <= 2));
    free(whole_stops);
    free(part_stops);
    /* and the runs really differ from each other */
    assert_true(whole[0] != whole[width]);
    free(whole);
    free(parts);
    ent_problem_free(p);
}

static void test_threads_identical(void **state)
{
    ent_problem *p = sample_problem();
    ent_ensemble_options o = {0};
    const ent_engine *engines[4];
    static const char *const names[] = {"mean", "median", "eu", "smp"};
    ent_ensemble_result *r[3];
    char *json[3];
    ent_error err;

    (void)state;
    set_models(&o, engines, names, 4);
    o.runs = 120;
    o.seed = 7;
    o.noise = 0.05;
    for (int t = 0; t < 3; t++) {
        o.threads = t + 1;
        assert_int_equal(ent_ensemble_run(p, &o, &r[t], &err), 0);
        assert_int_equal(ent_ensemble_pivotal(p, &o, 0.1, r[t], &err), 0);
        json[t] = json_of(r[t]);
    }
    for (int t = 1; t < 3; t++) {
        size_t cells = (size_t)o.runs * 4 * 2;

        assert_memory_equal(r[0]->outcomes, r[t]->outcomes,
                            cells * sizeof(double));
        assert_memory_equal(r[0]->pivot_remove, r[t]->pivot_remove,
                            4 * 2 * 8 * sizeof(double));
        assert_memory_equal(r[0]->pivot_up, r[t]->pivot_up,
                            4 * 2 * 8 * sizeof(double));
        for (int i = 0; i < 8; i++) {
            assert_memory_equal(&r[0]->summary[i].median,
                                &r[t]->summary[i].median, sizeof(double));
            assert_memory_equal(&r[0]->summary[i].p95, &r[t]->summary[i].p95,
                                sizeof(double));
        }
        assert_string_equal(json[0], json[t]);
    }
    for (int t = 0; t < 3; t++) {
        ent_ensemble_free(r[t]);
        free(json[t]);
    }
    ent_problem_free(p);
}

/* The seed matters and the summaries describe the runs. */
static void test_run_summaries(void **state)
{
    ent_problem *p = sample_problem();
    ent_ensemble_options o = {0};
    const ent_engine *engines[1];
    static const char *const names[] = {"mean"};
    ent_ensemble_result *a, *b;
    ent_error err;

    (void)state;
    set_models(&o, engines, names, 1);
    o.runs = 400;
    o.seed = 1;
    assert_int_equal(ent_ensemble_run(p, &o, &a, &err), 0);
    o.seed = 2;
    assert_int_equal(ent_ensemble_run(p, &o, &b, &err), 0);
    assert_true(a->outcomes[0] != b->outcomes[0]);
    for (int k = 0; k < 2; k++) {
        const ent_summary *s = &a->summary[k];

        assert_int_equal(s->n, 400);
        assert_true(s->p5 <= s->median && s->median <= s->p95);
        assert_true(s->p5 < s->p95);
        /* the baseline is the unperturbed mean model */
        assert_true(fabs(s->median - s->baseline) < 3 * s->sd);
    }
    ent_ensemble_free(a);
    ent_ensemble_free(b);
    ent_problem_free(p);
}

static void test_bad_options(void **state)
{
    ent_problem *p = sample_problem();
    ent_ensemble_options o = {0};
    const ent_engine *engines[1];
    static const char *const names[] = {"mean"};
    ent_ensemble_result *r = NULL;
    ent_error err;

    (void)state;
    set_models(&o, engines, names, 1);
    o.runs = 0;
    assert_int_equal(ent_ensemble_run(p, &o, &r, &err), -1);
    assert_int_equal(err.code, ENT_EXIT_INPUT);
    assert_null(r);
    o.runs = 10;
    o.noise = -1;
    assert_int_equal(ent_ensemble_run(p, &o, &r, &err), -1);
    assert_int_equal(err.code, ENT_EXIT_INPUT);
    o.noise = 0;
    assert_int_equal(ent_ensemble_run(p, &o, &r, &err), 0);
    assert_int_equal(ent_ensemble_pivotal(p, &o, 0, r, &err), -1);
    assert_int_equal(err.code, ENT_EXIT_INPUT);
    ent_ensemble_free(r);
    ent_problem_free(p);
}

/* ---- pivotal actors ---- */

/*
 * One issue: a0 at 0 and a1 at 50 with capability 1, a2 at 100 with
 * capability 10, salience 1 each.  Weighted mean = 1050/12 = 87.5.
 * Removing a2 gives 25 (-62.5); a2 shifted +10 stays at 100 (0); shifted
 * -10 to 90: 950/12 (-8.333...).  a2 is the pivotal actor; under the
 * weighted median it holds a majority alone, so removing it moves the
 * median off 100.
 */
static void test_pivotal_hand_made(void **state)
{
    ent_problem *p = make_problem(3, 1);
    ent_ensemble_options o = {0};
    const ent_engine *engines[2];
    static const char *const names[] = {"mean", "median"};
    ent_ensemble_result *r;
    ent_error err;
    int order[3];
    char which;

    (void)state;
    for (int a = 0; a < 3; a++) {
        p->position[a] = a * 50.0;
        p->salience[a] = 1;
        p->capability[a] = a == 2 ? 10 : 1;
    }
    set_models(&o, engines, names, 2);
    o.runs = 10;
    assert_int_equal(ent_ensemble_run(p, &o, &r, &err), 0);
    assert_int_equal(ent_ensemble_pivotal(p, &o, 0.1, r, &err), 0);
    assert_true(fabs(r->summary[0].baseline - 87.5) < 1e-9);
    assert_true(fabs(r->pivot_remove[2] - (25 - 87.5)) < 1e-9);
    assert_true(fabs(r->pivot_up[2]) < 1e-9);
    assert_true(fabs(r->pivot_down[2] - (950.0 / 12 - 87.5)) < 1e-9);
    /* a0 shifted down is clamped at 0: no change */
    assert_true(fabs(r->pivot_down[0]) < 1e-9);
    assert_true(fabs(r->pivot_up[0] - 10.0 / 12) < 1e-9);
    assert_int_equal(ent_pivot_rank(r, 0, 0, order, 3), 3);
    assert_int_equal(order[0], 2);
    assert_true(fabs(ent_pivot_largest(r, 0, 0, 2, &which) + 62.5) < 1e-9);
    assert_int_equal(which, 'r');
    /* median model */
    assert_true(fabs(r->summary[1].baseline - 100) < 1e-9);
    assert_true(r->pivot_remove[3 + 2] < -40);
    assert_int_equal(ent_pivot_rank(r, 1, 0, order, 1), 1);
    assert_int_equal(order[0], 2);
    /* no noise, no declared uncertainty: every run is the baseline */
    for (long i = 0; i < 10; i++)
        assert_true(ent_ensemble_outcome(r, i, 0, 0) == r->summary[0].baseline);
    ent_ensemble_free(r);
    ent_problem_free(p);
}

/* ---- the command ---- */

static char scenario_dir[64];

static void put(const char *dir, const char *name, const char *text)
{
    char path[256];

    snprintf(path, sizeof path, "%s/%s", dir, name);
    write_file(path, text);
}

/* A small scenario directory with anchors and declared uncertainty. */
static void write_toy_scenario(const char *dir)
{
    put(dir, "scenario.ini",
        "[scenario]\nname = toy\ntitle = Toy bargaining\n"
        "description = A synthetic scenario for tests.\n"
        "periods = 2020;2024\ndefault_period = 2024\n\n"
        "[model]\nmodels = mean;median\n");
    put(dir, "sources.csv",
        "id,document,locator,quote\ns1,Test citation,p. 1,made up\n");
    put(dir, "issues.csv",
        "id,name,min,max,anchors,description,sources\n"
        "bases,Russian bases,0,100,\"0=none;50=rotations, exercises;"
        "100=permanent airbase\",How much presence,s1\n"
        "energy,Energy price,0,10,0=world price;10=domestic price,Gas,s1\n");
    put(dir, "actors.csv",
        "id,name,group,description,sources\nru,Russia,Russia,Moscow,s1\n"
        "blr,Belarus,Belarus,Minsk,s1\nwest,The West,West,NATO and EU,s1\n");
    put(dir, "positions.csv",
        "period,actor,issue,position,salience,capability,uncertainty,"
        "salience_uncertainty,capability_uncertainty,sources,rationale\n"
        "2024,ru,bases,90,80,60,10,10,10,s1,test\n"
        "2024,blr,bases,30,90,40,10,10,5,s1,test\n"
        "2024,west,bases,0,50,30,5,5,5,s1,test\n"
        "2024,ru,energy,8,60,60,1,5,5,s1,test\n"
        "2024,blr,energy,10,100,40,0.5,0,0,s1,test\n"
        "2020,ru,bases,80,80,60,10,10,10,s1,test\n"
        "2020,blr,bases,20,90,40,10,10,5,s1,test\n");
}

static int setup_dir(void **state)
{
    (void)state;
    snprintf(scenario_dir, sizeof scenario_dir, "/tmp/ent-ens-XXXXXX");
    if (!mkdtemp(scenario_dir))
        return -1;
    write_toy_scenario(scenario_dir);
    return 0;
}

static int teardown_dir(void **state)
{
    char cmd[128];

    (void)state;
    snprintf(cmd, sizeof cmd, "rm -rf %s", scenario_dir);
    return system(cmd) == 0 ? 0 : -1;
}

static void expect_input_error(const char *args, const char *needle)
{
    cli_result r = run_cli("ensemble %s %s", scenario_dir, args);

    if (r.status != 2 || !strstr(r.err, needle))
        fprintf(stderr, "args: %s\nstatus %d\nstderr: %s\n", args, r.status,
                r.err);
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err, needle));
    assert_string_equal(r.out, "");
    cli_result_free(&r);
}

static void test_cli_bad_input(void **state)
{
    (void)state;
    expect_input_error("--runs 0", "--runs");
    expect_input_error("--runs -5", "--runs");
    expect_input_error("--runs many", "--runs");
    expect_input_error("--seed -1", "--seed");
    expect_input_error("--seed 12x", "--seed");
    expect_input_error("--seed 99999999999999999999", "--seed");
    expect_input_error("--threads 0", "--threads");
    expect_input_error("--noise 2", "--noise");
    expect_input_error("--shift 0", "--shift");
    expect_input_error("--model nope", "unknown model 'nope'");
    expect_input_error("--period 1999", "no period '1999'");
    expect_input_error("--format xml", "--format");
    expect_input_error("--frobnicate", "unknown option '--frobnicate'");
    expect_input_error("--runs", "needs a value");
    expect_input_error("--db /nonexistent-dir/x/results.sqlite",
                       "results.sqlite");
    {
        cli_result r = run_cli("ensemble /nonexistent/scenario");

        assert_int_equal(r.status, 2);
        cli_result_free(&r);
    }
}

/* -o is atomic: on bad input no file appears; on success it does. */
static void test_cli_output_file(void **state)
{
    char path[128];
    struct stat st;
    cli_result r;

    (void)state;
    snprintf(path, sizeof path, "%s/out.json", scenario_dir);
    r = run_cli("ensemble %s --runs 20 --model nope -o %s", scenario_dir, path);
    assert_int_equal(r.status, 2);
    assert_int_not_equal(stat(path, &st), 0);
    cli_result_free(&r);
    r = run_cli("ensemble %s --runs 20 --period 2020 --model smp -o %s",
                scenario_dir, path);
    assert_int_not_equal(r.status, 0);
    assert_int_not_equal(stat(path, &st), 0);
    cli_result_free(&r);
    r = run_cli("ensemble %s --runs 20 --format json -o %s", scenario_dir,
                path);
    assert_int_equal(r.status, 0);
    assert_int_equal(stat(path, &st), 0);
    assert_true(st.st_size > 100);
    assert_string_equal(r.out, "");
    cli_result_free(&r);
    unlink(path);
}

/* Bitwise-identical output for any --threads; table, csv and json. */
static void test_cli_threads_identical(void **state)
{
    static const char *const formats[] = {"json --outcomes", "csv --outcomes",
                                          "table"};

    (void)state;
    for (int f = 0; f < 3; f++) {
        cli_result r1 = run_cli("ensemble %s --runs 300 --seed 11 --model "
                                "mean,median,eu --threads 1 --format %s",
                                scenario_dir, formats[f]);
        cli_result r2 = run_cli("ensemble %s --runs 300 --seed 11 --model "
                                "mean,median,eu --threads 2 --format %s",
                                scenario_dir, formats[f]);
        cli_result r3 = run_cli("ensemble %s --runs 300 --seed 11 --model "
                                "mean,median,eu --threads 3 --format %s",
                                scenario_dir, formats[f]);

        assert_int_equal(r1.status, 0);
        assert_int_equal(r2.status, 0);
        assert_int_equal(r3.status, 0);
        assert_true(strlen(r1.out) > 200);
        assert_string_equal(r1.out, r2.out);
        assert_string_equal(r1.out, r3.out);
        cli_result_free(&r1);
        cli_result_free(&r2);
        cli_result_free(&r3);
    }
}

static void test_cli_table(void **state)
{
    cli_result r;

    (void)state;
    r = run_cli("ensemble %s --runs 500", scenario_dir);
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "500 runs"));
    assert_non_null(strstr(r.out, "Russian bases"));
    assert_non_null(strstr(r.out, "5% - 95%"));
    assert_non_null(strstr(r.out, "P(100 permanent airbase)"));
    assert_non_null(strstr(r.out, "pivotal actor"));
    assert_non_null(strstr(r.out, "Russia"));
    /* no progress bar when stderr is not a terminal */
    assert_string_equal(r.err, "");
    cli_result_free(&r);
    /* a file without uncertainty and --noise 0: a note, still exit 0 */
    r = run_cli("ensemble tests/data/bdm/eu-emissions.csv --runs 10");
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.err, "no uncertainty"));
    cli_result_free(&r);
    r = run_cli("ensemble tests/data/bdm/eu-emissions.csv --runs 200 "
                "--noise 0.1 --model mean,median,eu");
    assert_int_equal(r.status, 0);
    assert_string_equal(r.err, "");
    assert_non_null(strstr(r.out, "Germany"));
    cli_result_free(&r);
    r = run_cli("ensemble tests/data/ktab/dummyData_3Dim.csv --runs 100 "
                "--noise 0.1 --model smp,mean --format csv");
    assert_int_equal(r.status, 0);
    assert_true(strncmp(r.out, "kind,model,issue,actor,run,key,value\n", 37) ==
                0);
    assert_non_null(strstr(r.out, "summary,smp,Pstn2,,,median,"));
    assert_non_null(strstr(r.out, "pivotal,smp,Pstn1,"));
    cli_result_free(&r);
    r = run_cli("ensemble --help");
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "--noise"));
    cli_result_free(&r);
}

/* On a terminal (a pseudo-terminal from script(1)) a progress bar is drawn
   on stderr and erased at the end; the output file is unaffected. */
static void test_cli_progress_on_tty(void **state)
{
    char cmd[1024], log[128], out[128];
    const char *bin = getenv("ENTENTE_BIN");
    char *text;

    (void)state;
    if (system("command -v script >/dev/null 2>&1") != 0)
        skip();
    snprintf(log, sizeof log, "%s/tty.log", scenario_dir);
    snprintf(out, sizeof out, "%s/tty.json", scenario_dir);
    snprintf(cmd, sizeof cmd,
             "script -qc '%s ensemble %s --runs 3000 --format json -o %s' "
             "/dev/null >%s 2>&1 </dev/null",
             bin ? bin : "bin/entente", scenario_dir, out, log);
    assert_int_equal(system(cmd), 0);
    text = harness_slurp(log);
    assert_non_null(strstr(text, "ensemble ["));
    assert_non_null(strstr(text, "\033[K"));
    free(text);
    text = harness_slurp(out);
    assert_true(text[0] == '{');
    assert_null(strstr(text, "ensemble ["));
    free(text);
}

/* The bundled Belarus scenario: every
   model, distributions, pivotal actors, identical for 1, 2 and 3 threads
   (20 actors: smp's own parallel loops are in play). */
static void test_cli_belarus(void **state)
{
    cli_result probe = run_cli("ensemble belarus --runs 1 --model mean");
    cli_result r[3];

    (void)state;
    if (probe.status != 0)
        fail_msg("belarus does not load: %s", probe.err);
    cli_result_free(&probe);
    for (int t = 0; t < 3; t++) {
        r[t] = run_cli("ensemble belarus --runs 120 --seed 3 --threads %d "
                       "--format json --outcomes",
                       t + 1);
        assert_int_equal(r[t].status, 0);
    }
    assert_string_equal(r[0].out, r[1].out);
    assert_string_equal(r[0].out, r[2].out);
    for (int t = 0; t < 3; t++)
        cli_result_free(&r[t]);
    r[0] = run_cli("ensemble belarus --runs 200");
    assert_int_equal(r[0].status, 0);
    assert_non_null(strstr(r[0].out, "200 runs"));
    assert_non_null(strstr(r[0].out, "5% - 95%"));
    assert_non_null(strstr(r[0].out, "P("));
    assert_non_null(strstr(r[0].out, "pivotal actor"));
    assert_string_equal(r[0].err, "");
    cli_result_free(&r[0]);
}

/* eu's pow=vector (SLEEF's exp and log over batches whose length depends
   on the slice, not on the thread) gives the same bytes for 1, 2 and 3
   threads on Belarus, and departs from the exact default. */
static void test_cli_belarus_pow_vector(void **state)
{
    cli_result r[3], exact;

    (void)state;
    for (int t = 0; t < 3; t++) {
        r[t] = run_cli("ensemble belarus --runs 150 --seed 5 --threads %d "
                       "--model eu --eu-param pow=vector --format csv "
                       "--outcomes",
                       t + 1);
        assert_int_equal(r[t].status, 0);
    }
    exact = run_cli("ensemble belarus --runs 150 --seed 5 --threads 1 "
                    "--model eu --format csv --outcomes");
    assert_int_equal(exact.status, 0);
    assert_true(strlen(r[0].out) > 1000);
    assert_string_equal(r[0].out, r[1].out);
    assert_string_equal(r[0].out, r[2].out);
    assert_string_not_equal(r[0].out, exact.out);
    for (int t = 0; t < 3; t++)
        cli_result_free(&r[t]);
    cli_result_free(&exact);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_philox_known_answers),
        cmocka_unit_test(test_rng_streams),
        cmocka_unit_test(test_rng_uniform),
        cmocka_unit_test(test_perturb_in_range),
        cmocka_unit_test(test_perturb_noise),
        cmocka_unit_test(test_quantiles),
        cmocka_unit_test(test_bands),
        cmocka_unit_test(test_chunking),
        cmocka_unit_test(test_threads_identical),
        cmocka_unit_test(test_run_summaries),
        cmocka_unit_test(test_bad_options),
        cmocka_unit_test(test_pivotal_hand_made),
        cmocka_unit_test_setup_teardown(test_cli_bad_input, setup_dir,
                                        teardown_dir),
        cmocka_unit_test_setup_teardown(test_cli_output_file, setup_dir,
                                        teardown_dir),
        cmocka_unit_test_setup_teardown(test_cli_threads_identical, setup_dir,
                                        teardown_dir),
        cmocka_unit_test_setup_teardown(test_cli_table, setup_dir,
                                        teardown_dir),
        cmocka_unit_test_setup_teardown(test_cli_progress_on_tty, setup_dir,
                                        teardown_dir),
        cmocka_unit_test(test_cli_belarus),
        cmocka_unit_test(test_cli_belarus_pow_vector),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
