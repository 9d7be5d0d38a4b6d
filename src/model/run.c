/*
 * run.c -- drive an engine over a problem and record its trace.
 *
 * The driver cuts the problem into the slices an engine expects (one issue
 * at a time with the actors present on it, or every issue at once), runs
 * the engine's rounds until the stop rule (model/settle.h), the engine's
 * own stopping rule or the round limit ends them, records positions and
 * outcomes after every round, and defines the forecast from how the run
 * ended.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "model/finite.h"
#include "model/settle.h"
#include "util/protect.h"

/* Owned storage behind an ent_slice. */
typedef struct slice_buf {
    ent_slice s;
    int *actors, *issues;
    double *capability, *position, *salience, *smin, *smax, *sq;
    double *cell_cap;
    int *order;
} slice_buf;

static void slice_buf_free(slice_buf *b)
{
    free(b->actors);
    free(b->issues);
    free(b->capability);
    free(b->position);
    free(b->salience);
    free(b->smin);
    free(b->smax);
    free(b->sq);
    free(b->cell_cap);
    free(b->order);
    memset(b, 0, sizeof *b);
}

static void slice_alloc(slice_buf *b, int n, int d)
{
    b->actors = ent_xcalloc((size_t)n, sizeof(int));
    b->issues = ent_xcalloc((size_t)d, sizeof(int));
    b->capability = ent_xcalloc((size_t)n, sizeof(double));
    b->position = ent_xcalloc((size_t)n * (size_t)d, sizeof(double));
    b->salience = ent_xcalloc((size_t)n * (size_t)d, sizeof(double));
    b->smin = ent_xcalloc((size_t)d, sizeof(double));
    b->smax = ent_xcalloc((size_t)d, sizeof(double));
    b->sq = ent_xcalloc((size_t)d, sizeof(double));
    b->s.n = n;
    b->s.d = d;
    b->s.capability = b->capability;
    b->s.position = b->position;
    b->s.salience = b->salience;
    b->s.scale_min = b->smin;
    b->s.scale_max = b->smax;
    b->s.status_quo = b->sq;
}

/* The inputs of a one-issue slice whose actors and issue are set. */
static void fill_one_issue(const ent_problem *p, slice_buf *b)
{
    const int issue = b->issues[0];

    b->smin[0] = p->scale_min[issue];
    b->smax[0] = p->scale_max[issue];
    b->sq[0] = p->status_quo[issue];
    for (int i = 0; i < b->s.n; i++) {
        int c = ent_cell(p, b->actors[i], issue);

        b->capability[i] = p->capability[c];
        b->position[i] = p->position[c];
        b->salience[i] = p->salience[c];
    }
}

/* One issue, the actors present on it.  Returns 0 if nobody is present. */
static int slice_one_issue(const ent_problem *p, int issue, slice_buf *b)
{
    int n = 0;

    for (int a = 0; a < p->n_actors; a++)
        n += p->present[ent_cell(p, a, issue)];
    if (n == 0)
        return 0;
    slice_alloc(b, n, 1);
    b->issues[0] = issue;
    n = 0;
    for (int a = 0; a < p->n_actors; a++)
        if (p->present[ent_cell(p, a, issue)])
            b->actors[n++] = a;
    fill_one_issue(p, b);
    return 1;
}

/* Capability x salience weighted mean of the present positions on an issue
   (the plain mean if every weight is zero). */
static double issue_filler(const ent_problem *p, int issue)
{
    double num = 0, den = 0, plain = 0;
    int count = 0;

    for (int a = 0; a < p->n_actors; a++) {
        int c = ent_cell(p, a, issue);

        if (!p->present[c])
            continue;
        num += p->capability[c] * p->salience[c] * p->position[c];
        den += p->capability[c] * p->salience[c];
        plain += p->position[c];
        count++;
    }
    return den > 0 ? num / den : plain / count;
}

/* Per-cell capabilities, and each issue's actors in input order (present
   ones by the rank of their row, then the absent ones).  Allocated once
   per buffer, so a reused buffer allocates nothing. */
static void slice_order(const ent_problem *p, slice_buf *b)
{
    int n = b->s.n, d = b->s.d;

    if (!b->cell_cap) {
        b->cell_cap = ent_xcalloc((size_t)n * (size_t)d, sizeof(double));
        b->order = ent_xcalloc((size_t)n * (size_t)d, sizeof(int));
    }
    for (int j = 0; j < d; j++) {
        int *o = b->order + (size_t)j * (size_t)n;

        for (int i = 0; i < n; i++) {
            int c = ent_cell(p, b->actors[i], b->issues[j]);

            b->cell_cap[i * d + j] = p->present[c] ? p->capability[c] : 0;
            o[i] = i;
        }
        /* insertion sort: present before absent, then by rank */
        for (int t = 1; t < n; t++) {
            int v = o[t], u = t;
            int cv = ent_cell(p, b->actors[v], b->issues[j]);

            while (u > 0) {
                int cu = ent_cell(p, b->actors[o[u - 1]], b->issues[j]);

                if (p->present[cu] > p->present[cv] ||
                    (p->present[cu] == p->present[cv] &&
                     p->rank[cu] <= p->rank[cv]))
                    break;
                o[u] = o[u - 1];
                u--;
            }
            o[u] = v;
        }
    }
    b->s.cell_capability = b->cell_cap;
    b->s.order = b->order;
}

/* The inputs of an all-issue slice whose actors and issues are set. */
static void fill_all_issues(const ent_problem *p, slice_buf *b)
{
    const int n = b->s.n, d = b->s.d;

    for (int j = 0; j < d; j++) {
        b->smin[j] = p->scale_min[b->issues[j]];
        b->smax[j] = p->scale_max[b->issues[j]];
        b->sq[j] = p->status_quo[b->issues[j]];
    }
    for (int i = 0; i < n; i++) {
        double cap = 0;
        int present = 0;

        for (int j = 0; j < d; j++) {
            int k = b->issues[j], c = ent_cell(p, b->actors[i], k);

            if (p->present[c]) {
                b->position[i * d + j] = p->position[c];
                b->salience[i * d + j] = p->salience[c];
                cap += p->capability[c];
                present++;
            } else {
                b->position[i * d + j] = issue_filler(p, k);
                b->salience[i * d + j] = 0;
            }
        }
        b->capability[i] = cap / present;
    }
    slice_order(p, b);
}

/*
 * Every issue with at least one actor, every actor present on at least one
 * of them.  An actor's capability is its mean capability over the issues it
 * is present on; where it is absent its salience is 0 and its position the
 * issue's weighted mean (docs/models.md).  Returns 0 if nothing is present.
 */
static int slice_all_issues(const ent_problem *p, slice_buf *b)
{
    int n = 0, d = 0;
    int *issue_used = ent_xcalloc((size_t)p->n_issues, sizeof(int));
    int *actor_used = ent_xcalloc((size_t)p->n_actors, sizeof(int));

    for (int a = 0; a < p->n_actors; a++)
        for (int k = 0; k < p->n_issues; k++)
            if (p->present[ent_cell(p, a, k)])
                issue_used[k] = actor_used[a] = 1;
    for (int a = 0; a < p->n_actors; a++)
        n += actor_used[a];
    for (int k = 0; k < p->n_issues; k++)
        d += issue_used[k];
    if (n > 0 && d > 0) {
        int i = 0, j = 0;

        slice_alloc(b, n, d);
        for (int k = 0; k < p->n_issues; k++)
            if (issue_used[k])
                b->issues[j++] = k;
        for (int a = 0; a < p->n_actors; a++)
            if (actor_used[a])
                b->actors[i++] = a;
        fill_all_issues(p, b);
    }
    free(issue_used);
    free(actor_used);
    return n > 0 && d > 0;
}

static int round_limit(const ent_engine *e, const ent_model_options *o)
{
    if (e->default_rounds == 0)
        return 0;
    if (o && o->rounds > 0)
        return o->rounds;
    return o && o->stop == ENT_STOP_ROUNDS ? e->default_rounds
                                           : ENT_SETTLE_ROUNDS;
}

static ent_stop_rule stop_rule(const ent_model_options *o)
{
    return o ? o->stop : ENT_STOP_SETTLE;
}

static void trace_store(const ent_engine *e, const void *st, ent_trace *t,
                        int round)
{
    size_t nd = (size_t)t->n * (size_t)t->d;

    memcpy(t->positions + (size_t)round * nd, e->positions(st),
           nd * sizeof(double));
    e->outcome(st, t->outcome + (size_t)round * (size_t)t->d);
    if (e->record)
        e->record(st, round, t);
    t->n_rounds = round + 1;
}

/*
 * Steps the engine until the stop rule, its own stopping rule or the round
 * limit ends the run, feeding every state to the settle detector and
 * storing it in t unless t is NULL.  Sets *by_engine when the engine's
 * rule ended the run.  `outcome` is d doubles of scratch.
 */
static int step_rounds(const ent_engine *e, void *st, int limit,
                       ent_stop_rule rule, ent_settle *watch, double *outcome,
                       ent_trace *t, int *by_engine, ent_error *err)
{
    *by_engine = 0;
    e->outcome(st, outcome);
    ent_settle_push(watch, e->positions(st), outcome);
    for (int r = 1; r <= limit; r++) {
        int rc = e->step(st, err), settled;

        if (rc < 0)
            return -1;
        if (t) /* the trace already holds the round's outcome */
            trace_store(e, st, t, r);
        else
            e->outcome(st, outcome);
        settled = ent_settle_push(watch, e->positions(st),
                                  t ? t->outcome + (size_t)r * (size_t)t->d
                                    : outcome);
        if (rc == 0) {
            *by_engine = 1;
            break;
        }
        if (rc == ENT_STEP_RUN_LENGTH) /* unsettled unless seen to settle */
            break;
        if (settled && rule == ENT_STOP_SETTLE)
            break;
    }
    return 0;
}

/* Runs a fresh engine state st to its end, watched by a fresh detector;
   fills t (when not NULL) with every round, and stop / forecast / lo / hi
   ([d]) with how the run ended and the forecast defined from it.
   `outcome` is d doubles of scratch. */
static int settle_state(const ent_engine *e, void *st,
                        const ent_model_options *o, ent_settle *watch,
                        double *outcome, ent_trace *t, ent_stop *stop,
                        double *forecast, double *lo, double *hi,
                        ent_error *err)
{
    int by_engine, rc;

    if (t)
        trace_store(e, st, t, 0);
    rc = step_rounds(e, st, round_limit(e, o), stop_rule(o), watch, outcome, t,
                     &by_engine, err);
    if (rc == 0)
        ent_settle_finish(watch, stop_rule(o), by_engine, stop, forecast, lo,
                          hi);
    return rc;
}

/* settle_state on a new engine state and detector for slice b. */
static int settle_slice(const ent_engine *e, const slice_buf *b,
                        const ent_model_options *o, ent_trace *t,
                        ent_stop *stop, double *forecast, double *lo,
                        double *hi, ent_error *err)
{
    double *outcome = ent_xcalloc((size_t)b->s.d, sizeof(double));
    ent_settle watch;
    void *st = e->create(&b->s, o, err);
    int rc;

    if (!st) {
        free(outcome);
        return -1;
    }
    ent_settle_init(&watch, b->s.n, b->s.d, b->s.scale_min, b->s.scale_max,
                    o ? o->tolerance : 0, round_limit(e, o));
    rc =
        settle_state(e, st, o, &watch, outcome, t, stop, forecast, lo, hi, err);
    ent_settle_free(&watch);
    e->destroy(st);
    free(outcome);
    return rc;
}

static void trace_alloc(const ent_engine *e, const slice_buf *b, int limit,
                        ent_trace *t)
{
    size_t cap = (size_t)limit + 1;

    memset(t, 0, sizeof *t);
    t->model = e->name;
    t->n = b->s.n;
    t->d = b->s.d;
    t->actors = ent_xmalloc((size_t)t->n * sizeof(int));
    memcpy(t->actors, b->actors, (size_t)t->n * sizeof(int));
    t->issues = ent_xmalloc((size_t)t->d * sizeof(int));
    memcpy(t->issues, b->issues, (size_t)t->d * sizeof(int));
    t->positions =
        ent_xcalloc(cap * (size_t)t->n * (size_t)t->d, sizeof(double));
    t->outcome = ent_xcalloc(cap * (size_t)t->d, sizeof(double));
    t->forecast = ent_xcalloc((size_t)t->d, sizeof(double));
    t->range_lo = ent_xcalloc((size_t)t->d, sizeof(double));
    t->range_hi = ent_xcalloc((size_t)t->d, sizeof(double));
    if (e->record) {
        t->effective_power = ent_xcalloc(cap * (size_t)t->n, sizeof(double));
        t->stop_ratio = ent_xcalloc(cap, sizeof(double));
    }
}

static int run_slice(const ent_engine *e, const slice_buf *b,
                     const ent_model_options *o, ent_trace *t, ent_error *err)
{
    trace_alloc(e, b, round_limit(e, o), t);
    if (settle_slice(e, b, o, t, &t->stop, t->forecast, t->range_lo,
                     t->range_hi, err) != 0) {
        ent_trace_free(t);
        return -1;
    }
    return 0;
}

static int model_run_issue_body(const ent_engine *engine, const ent_problem *p,
                                const ent_model_options *o, int issue,
                                ent_trace *t, ent_error *err)
{
    slice_buf b = {0};
    int have = engine->multidimensional ? slice_all_issues(p, &b)
                                        : slice_one_issue(p, issue, &b);
    int rc;

    if (!have)
        return 0;
    rc = run_slice(engine, &b, o, t, err);
    slice_buf_free(&b);
    if (rc == 0 && ent_trace_check_finite(t, p, err) != 0) {
        ent_trace_free(t);
        rc = -1;
    }
    return rc < 0 ? -1 : 1;
}

int ent_model_run_issue(const ent_engine *engine, const ent_problem *p,
                        const ent_model_options *o, int issue, ent_trace *t,
                        ent_error *err)
{
    ENT_PROTECTED(int, -1, err,
                  model_run_issue_body(engine, p, o, issue, t, err));
}

static int model_run_body(const ent_engine *engine, const ent_problem *p,
                          const ent_model_options *o, ent_trace **traces,
                          int *n_traces, ent_error *err)
{
    ent_trace *out = ent_xcalloc((size_t)p->n_issues, sizeof *out);
    int count = 0;

    *traces = NULL;
    *n_traces = 0;
    for (int k = 0; k < (engine->multidimensional ? 1 : p->n_issues); k++) {
        int rc = ent_model_run_issue(engine, p, o, k, &out[count], err);

        if (rc < 0) {
            for (int i = 0; i < count; i++)
                ent_trace_free(&out[i]);
            free(out);
            return -1;
        }
        count += rc;
    }
    *traces = out;
    *n_traces = count;
    return 0;
}

int ent_model_run(const ent_engine *engine, const ent_problem *p,
                  const ent_model_options *o, ent_trace **traces, int *n_traces,
                  ent_error *err)
{
    ENT_PROTECTED(int, -1, err,
                  model_run_body(engine, p, o, traces, n_traces, err));
}

/* ---- outcomes only, with reusable storage ------------------------------ */

/* One slice of a workspace: its inputs, engine state and detector, kept
   from one problem to the next. */
typedef struct ws_slice {
    int have;         /* 0: nobody present on this slice */
    slice_buf b;      /* allocated when have */
    void *state;      /* the engine's, NULL until first run */
    ent_settle watch; /* allocated with the state */
    double *buf;      /* [4 d]: outcome scratch, forecast, lo, hi */
} ws_slice;

struct ent_model_ws {
    const ent_engine *engine;
    ent_model_options o;    /* in effect (borrowed params) */
    ent_model_options base; /* as given to ent_model_ws_new */
    int has_opts;
    int n_actors, n_issues; /* the shape the slices were built for */
    unsigned char *present; /* [n_actors * n_issues] of that shape */
    int n_slices;
    ws_slice *slices;
};

static ent_model_ws *model_ws_new_body(const ent_engine *engine,
                                       const ent_model_options *o)
{
    ent_model_ws *ws = ent_xcalloc(1, sizeof *ws);

    ws->engine = engine;
    ws->has_opts = o != NULL;
    if (o)
        ws->o = ws->base = *o;
    return ws;
}

ent_model_ws *ent_model_ws_new(const ent_engine *engine,
                               const ent_model_options *o)
{
    ENT_PROTECTED(ent_model_ws *, NULL, NULL, model_ws_new_body(engine, o));
}

void ent_model_ws_set_run(ent_model_ws *ws, uint64_t seed, uint64_t run)
{
    /* base is all zero when no options were given: the same as none */
    ws->o = ent_model_options_for_run(&ws->base, seed, run);
    ws->has_opts = 1;
}

static void ws_clear(ent_model_ws *ws)
{
    for (int k = 0; k < ws->n_slices; k++) {
        ws_slice *s = &ws->slices[k];

        if (s->state) {
            ws->engine->destroy(s->state);
            ent_settle_free(&s->watch);
        }
        free(s->buf);
        slice_buf_free(&s->b);
    }
    free(ws->slices);
    free(ws->present);
    ws->slices = NULL;
    ws->present = NULL;
    ws->n_slices = 0;
}

void ent_model_ws_free(ent_model_ws *ws)
{
    if (!ws)
        return;
    ws_clear(ws);
    free(ws);
}

/* Same actors on the same issues as the slices were built for? */
static int ws_fits(const ent_model_ws *ws, const ent_problem *p)
{
    return ws->present && ws->n_actors == p->n_actors &&
           ws->n_issues == p->n_issues &&
           memcmp(ws->present, p->present,
                  (size_t)p->n_actors * (size_t)p->n_issues) == 0;
}

/* The slices of p: built anew for a new shape, else refilled in place. */
static void ws_slices(ent_model_ws *ws, const ent_problem *p)
{
    const size_t cells = (size_t)p->n_actors * (size_t)p->n_issues;
    const int multi = ws->engine->multidimensional;

    if (ws_fits(ws, p)) {
        for (int k = 0; k < ws->n_slices; k++)
            if (ws->slices[k].have)
                (multi ? fill_all_issues : fill_one_issue)(p, &ws->slices[k].b);
        return;
    }
    ws_clear(ws);
    ws->n_actors = p->n_actors;
    ws->n_issues = p->n_issues;
    ws->present = ent_xmalloc(cells ? cells : 1);
    memcpy(ws->present, p->present, cells);
    /* counted once allocated: ws_clear must find what it frees */
    ws->slices =
        ent_xcalloc((size_t)(multi ? 1 : p->n_issues) + 1, sizeof *ws->slices);
    ws->n_slices = multi ? 1 : p->n_issues;
    for (int k = 0; k < ws->n_slices; k++) {
        ws_slice *s = &ws->slices[k];

        s->have =
            multi ? slice_all_issues(p, &s->b) : slice_one_issue(p, k, &s->b);
        if (s->have)
            s->buf = ent_xcalloc(4 * (size_t)s->b.s.d, sizeof(double));
    }
}

/* The engine state for slice s, created or reset to its inputs. */
static void *ws_state(ent_model_ws *ws, ws_slice *s, ent_error *err)
{
    const ent_engine *e = ws->engine;
    const ent_model_options *o = ws->has_opts ? &ws->o : NULL;

    if (s->state && e->reset) {
        if (e->reset(s->state, &s->b.s, err) != 0)
            return NULL;
        ent_settle_reset(&s->watch);
        return s->state;
    }
    if (s->state) {
        e->destroy(s->state);
        ent_settle_free(&s->watch);
        s->state = NULL; /* create may run out of memory */
    }
    s->state = e->create(&s->b.s, o, err);
    if (s->state)
        ent_settle_init(&s->watch, s->b.s.n, s->b.s.d, s->b.s.scale_min,
                        s->b.s.scale_max, o ? o->tolerance : 0,
                        round_limit(e, o));
    return s->state;
}

static int model_ws_settle_body(ent_model_ws *ws, const ent_problem *p,
                                double *out, ent_stop *stops, ent_error *err)
{
    const ent_model_options *o = ws->has_opts ? &ws->o : NULL;

    for (int k = 0; k < p->n_issues; k++)
        out[k] = NAN;
    ws_slices(ws, p);
    for (int k = 0; k < ws->n_slices; k++) {
        ws_slice *s = &ws->slices[k];
        const size_t d = s->have ? (size_t)s->b.s.d : 0;
        ent_stop stop;
        void *st;

        if (!s->have)
            continue;
        if (!(st = ws_state(ws, s, err)) ||
            settle_state(ws->engine, st, o, &s->watch, s->buf, NULL, &stop,
                         s->buf + d, s->buf + 2 * d, s->buf + 3 * d, err) != 0)
            return -1;
        for (size_t j = 0; j < d; j++) {
            out[s->b.issues[j]] = s->buf[d + j];
            if (stops)
                stops[s->b.issues[j]] = stop;
        }
    }
    return 0;
}

int ent_model_ws_settle(ent_model_ws *ws, const ent_problem *p, double *out,
                        ent_stop *stops, ent_error *err)
{
    ENT_PROTECTED(int, -1, err, model_ws_settle_body(ws, p, out, stops, err));
}

static int model_settle_body(const ent_engine *engine, const ent_problem *p,
                             const ent_model_options *o, double *out,
                             ent_stop *stops, ent_error *err)
{
    ent_model_ws *ws = ent_model_ws_new(engine, o);
    int rc = ent_model_ws_settle(ws, p, out, stops, err);

    ent_model_ws_free(ws);
    return rc;
}

int ent_model_settle(const ent_engine *engine, const ent_problem *p,
                     const ent_model_options *o, double *out, ent_stop *stops,
                     ent_error *err)
{
    ENT_PROTECTED(int, -1, err,
                  model_settle_body(engine, p, o, out, stops, err));
}

static int model_outcome_body(const ent_engine *engine, const ent_problem *p,
                              const ent_model_options *o, double *out,
                              ent_error *err)
{
    return ent_model_settle(engine, p, o, out, NULL, err);
}

int ent_model_outcome(const ent_engine *engine, const ent_problem *p,
                      const ent_model_options *o, double *out, ent_error *err)
{
    ENT_PROTECTED(int, -1, err, model_outcome_body(engine, p, o, out, err));
}

void ent_trace_free(ent_trace *t)
{
    if (!t)
        return;
    free(t->actors);
    free(t->issues);
    free(t->positions);
    free(t->outcome);
    free(t->forecast);
    free(t->range_lo);
    free(t->range_hi);
    free(t->effective_power);
    free(t->stop_ratio);
    for (int i = 0; i < t->n_bargains; i++) {
        free(t->bargains[i].initiator_pos);
        free(t->bargains[i].receiver_pos);
    }
    free(t->bargains);
    free(t->warning);
    free(t->exchanges);
    memset(t, 0, sizeof *t);
}
