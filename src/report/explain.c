/*
 * explain.c -- ent_explain: why a forecast lands where it does, as plain
 * sentences built from the inputs, the engine's trace and, when given, an
 * ensemble's pivotal analysis.  Nothing here runs a model; every number
 * said is read from the problem, the trace or the ensemble.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "entente/explain.h"
#include "report/explain_text.h"
#include "util/protect.h"

/* The inputs of one issue: the actors present, their positions and
   weights (capability x salience). */
typedef struct issue_inputs {
    int n;
    int *actors;
    double *x, *w;
    double total;
} issue_inputs;

static void inputs_build(const ent_problem *p, int issue, issue_inputs *in)
{
    in->actors = ent_xcalloc((size_t)p->n_actors + 1, sizeof(int));
    in->x = ent_xcalloc((size_t)p->n_actors + 1, sizeof(double));
    in->w = ent_xcalloc((size_t)p->n_actors + 1, sizeof(double));
    in->n = 0;
    in->total = 0;
    for (int a = 0; a < p->n_actors; a++) {
        int c = ent_cell(p, a, issue);

        if (!p->present[c])
            continue;
        in->actors[in->n] = a;
        in->x[in->n] = p->position[c];
        in->w[in->n] = p->capability[c] * p->salience[c];
        in->total += in->w[in->n];
        in->n++;
    }
}

static void inputs_free(issue_inputs *in)
{
    free(in->actors);
    free(in->x);
    free(in->w);
}

static const char *actor_name(const ent_scenario *sc, int a)
{
    return sc->actors[a].name && *sc->actors[a].name ? sc->actors[a].name
                                                     : sc->actors[a].id;
}

static ent_explain_item *add_item(ent_explanation *e, const char *topic,
                                  xt_buf *b)
{
    ent_explain_item *it;

    e->items = ent_xrealloc(e->items, (size_t)(e->count + 1) * sizeof *it);
    it = &e->items[e->count++];
    memset(it, 0, sizeof *it);
    it->topic = topic;
    it->text = xt_take(b);
    return it;
}

/* ---- the forecast ---- */

static void say_forecast(ent_explanation *e, const ent_scenario *sc,
                         const ent_forecast *f, int issue,
                         const ent_explain_options *o)
{
    const ent_issue *is = &sc->issues[issue];
    double v = ent_forecast_outcome(f, o->model, issue);
    const char *label = ent_issue_anchor_label(is, v);
    xt_buf b = {0};
    int others = 0;

    xt_printf(&b, "Under %s, %s is forecast at %.1f on its %g-%g scale",
              f->engines[o->model]->name, is->name, v, is->min, is->max);
    if (label)
        xt_printf(&b, ", nearest the anchor \"%s\"", label);
    xt_printf(&b, ".");
    for (int m = 0; m < f->n_models; m++) {
        double x = ent_forecast_outcome(f, m, issue);

        if (m == o->model || isnan(x))
            continue;
        xt_printf(&b, "%s %s %.1f", others++ ? "," : " The other models give:",
                  f->engines[m]->name, x);
    }
    if (others)
        xt_printf(&b, ".");
    if (o->ensemble) {
        const ent_summary *s =
            &o->ensemble
                 ->summary[o->ensemble_model * o->ensemble->n_issues + issue];

        if (s->n > 0)
            xt_printf(&b,
                      " Across %ld Monte Carlo runs within the coded "
                      "uncertainty, 90%% of the %s forecasts lie between "
                      "%.1f and %.1f (median %.1f).",
                      s->n, f->engines[o->model]->name, s->p5, s->p95,
                      s->median);
    }
    add_item(e, "forecast", &b);
}

/* ---- the weighted median voter ---- */

static void say_median(ent_explanation *e, const ent_scenario *sc,
                       const issue_inputs *in, int issue, double forecast)
{
    double m, below = 0, at = 0, above = 0, heaviest = -1;
    int named = 0, pivot = -1;
    xt_buf b = {0};

    if (in->n == 0)
        return;
    m = ent_weighted_median(in->n, in->x, in->w, ENT_MEDIAN_LOW, NULL);
    for (int i = 0; i < in->n; i++) {
        if (in->x[i] < m)
            below += in->w[i];
        else if (in->x[i] > m)
            above += in->w[i];
        else {
            at += in->w[i];
            if (in->w[i] > heaviest) {
                heaviest = in->w[i];
                pivot = in->actors[i];
            }
        }
    }
    xt_printf(&b, "The weighted median of the inputs is %.1f, the position of ",
              m);
    xt_printf(&b, "%s", actor_name(sc, pivot));
    for (int i = 0; i < in->n; i++)
        if (in->x[i] == m && in->actors[i] != pivot)
            named++;
    if (named)
        xt_printf(&b, " (and %d other actor%s at the same point)", named,
                  named > 1 ? "s" : "");
    if (in->total > 0)
        xt_printf(&b,
                  ". Actors below it carry %.0f%% of the weight (capability "
                  "x salience), actors at it %.0f%% and actors above it "
                  "%.0f%%: neither side has a majority without the actors "
                  "at the median, so no other position wins a weighted vote "
                  "against it, and %s is the median voter.",
                  100 * below / in->total, 100 * at / in->total,
                  100 * above / in->total, actor_name(sc, pivot));
    else
        xt_printf(&b, ".");
    if (!isnan(forecast))
        xt_printf(&b, " The forecast lies %.1f points %s it.",
                  fabs(forecast - m), forecast >= m ? "above" : "below");
    (void)issue;
    add_item(e, "median", &b);
}

/* ---- pivotal actors (ensemble) ---- */

static void say_pivotal(ent_explanation *e, const ent_scenario *sc,
                        const ent_forecast *f, int issue,
                        const ent_explain_options *o, int top)
{
    const ent_ensemble_result *r = o->ensemble;
    int m = o->ensemble_model, *order, n, said = 0;
    double width;
    xt_buf b = {0};

    if (!r || !r->pivot_remove)
        return;
    width = r->scale_max[issue] - r->scale_min[issue];
    order = ent_xcalloc((size_t)r->n_actors + 1, sizeof(int));
    n = ent_pivot_rank(r, m, issue, order, top);
    for (int i = 0; i < n; i++) {
        size_t slot = ((size_t)m * (size_t)r->n_issues + (size_t)issue) *
                          (size_t)r->n_actors +
                      (size_t)order[i];
        double rm = r->pivot_remove[slot], up = r->pivot_up[slot],
               dn = r->pivot_down[slot];

        if (!(fabs(ent_pivot_largest(r, m, issue, order[i], NULL)) >
              1e-9 * width))
            continue;
        xt_printf(&b, "%s", said++ ? " " : "");
        xt_printf(&b,
                  "Without %s the %s forecast would move by %+.1f; "
                  "shifting its position by %g%% of the scale moves it by "
                  "%+.1f (up) and %+.1f (down).",
                  actor_name(sc, order[i]), f->engines[o->model]->name, rm,
                  100 * r->shift, up, dn);
    }
    if (!said)
        xt_printf(&b,
                  "No single actor's removal, or shift of %g%% of the "
                  "scale, moves the %s forecast: it does not hang on any "
                  "one actor.",
                  100 * r->shift, f->engines[o->model]->name);
    else
        xt_printf(&b, " These are the pivotal actors: the forecast hangs on "
                      "them most.");
    free(order);
    add_item(e, "pivotal", &b);
}

/* ---- bargaining: who gave way to whom ---- */

/* Whom trace actor i gave way to, moving from `from` to `to`: the
   heaviest actor (weight w, by trace index) that started where i went or
   beyond it; -1 if nobody did. */
static int gave_way_to(const ent_trace *t, int col, int i, double from,
                       double to, const double *w)
{
    double dir = to > from ? 1 : -1, reach = to - dir * 0.1 * fabs(to - from);
    int best = -1;

    for (int j = 0; j < t->n; j++) {
        double start = t->positions[(size_t)j * (size_t)t->d + (size_t)col];

        if (j != i && dir * (start - reach) >= 0 &&
            (best < 0 || w[j] > w[best]))
            best = j;
    }
    return best;
}

/* Weights of the trace's actors on the issue, from the inputs. */
static double *trace_weights(const ent_trace *t, const issue_inputs *in)
{
    double *w = ent_xcalloc((size_t)t->n, sizeof(double));

    for (int j = 0; j < t->n; j++)
        for (int i = 0; i < in->n; i++)
            if (in->actors[i] == t->actors[j])
                w[j] = in->w[i];
    return w;
}

static void say_bargains(xt_buf *b, const ent_scenario *sc, const ent_trace *t,
                         int top)
{
    int n = t->n, *proposed = ent_xcalloc((size_t)n * (size_t)n, sizeof(int));
    int *taken = ent_xcalloc((size_t)n * (size_t)n, sizeof(int));

    for (int k = 0; k < t->n_bargains; k++) {
        const ent_bargain *g = &t->bargains[k];
        size_t pair = (size_t)g->initiator * (size_t)n + (size_t)g->receiver;

        proposed[pair]++;
        taken[pair] += g->chosen_by_receiver;
    }
    xt_printf(
        b, " Over the run %d bargains were proposed (on every issue at once).",
        t->n_bargains);
    for (int said = 0; said < top; said++) {
        size_t best = 0;

        for (size_t p = 1; p < (size_t)n * (size_t)n; p++)
            if (proposed[p] > proposed[best])
                best = p;
        if (proposed[best] == 0)
            break;
        xt_printf(b, "%s %s proposed %d to %s, who took %d",
                  said ? ";" : " Most were between these pairs:",
                  actor_name(sc, t->actors[best / (size_t)n]), proposed[best],
                  actor_name(sc, t->actors[best % (size_t)n]), taken[best]);
        proposed[best] = 0;
    }
    xt_printf(b, ".");
    free(proposed);
    free(taken);
}

static void say_gave_way(ent_explanation *e, const ent_scenario *sc,
                         const ent_forecast *f, const issue_inputs *in,
                         int issue, const ent_explain_options *o, int top)
{
    int col, *actors, k;
    double *w;
    const ent_trace *t = ent_forecast_trace(f, o->model, issue, &col);
    const char *model = f->engines[o->model]->name;
    double *moves, width;
    xt_buf b = {0};

    if (!t)
        return;
    if (t->n_rounds < 2) {
        xt_printf(&b,
                  "%s is a one-shot model: nobody bargains, the forecast "
                  "follows from the inputs alone.",
                  model);
        add_item(e, "bargaining", &b);
        return;
    }
    width = sc->issues[issue].max - sc->issues[issue].min;
    actors = ent_xcalloc((size_t)t->n, sizeof(int));
    moves = ent_xcalloc((size_t)t->n, sizeof(double));
    w = trace_weights(t, in);
    k = ent_trace_movers(t, col, t->n, actors, moves);
    for (int i = 0, said = 0; i < k && said < top; i++) {
        int slot = -1, last = t->n_rounds - 1, near;
        double from, to;

        if (fabs(moves[i]) < 0.01 * width)
            break;
        for (int j = 0; j < t->n; j++)
            if (t->actors[j] == actors[i])
                slot = j;
        from = t->positions[(size_t)slot * (size_t)t->d + (size_t)col];
        to = t->positions[((size_t)last * (size_t)t->n + (size_t)slot) *
                              (size_t)t->d +
                          (size_t)col];
        near = gave_way_to(t, col, slot, from, to, w);
        xt_printf(&b, "%s%s moved from %.1f to %.1f", said++ ? "; " : "",
                  actor_name(sc, actors[i]), from, to);
        if (near >= 0)
            xt_printf(&b, ", giving way towards %s (which started at %.1f)",
                      actor_name(sc, t->actors[near]),
                      t->positions[(size_t)near * (size_t)t->d + (size_t)col]);
    }
    if (b.len)
        xt_printf(&b,
                  ". These actors moved most under %s; an actor named "
                  "as given way to is the heaviest (capability x "
                  "salience) of those that started where the mover "
                  "ended or beyond.",
                  model);
    else
        xt_printf(&b,
                  "Under %s nobody gave way on this issue: every actor "
                  "ended where it started.",
                  model);
    if (t->n_bargains > 0)
        say_bargains(&b, sc, t, top);
    free(actors);
    free(moves);
    free(w);
    add_item(e, "bargaining", &b);
}

/* ---- how the run settled ---- */

static void say_settled(ent_explanation *e, const ent_forecast *f, int issue,
                        const ent_explain_options *o)
{
    int col;
    const ent_trace *t = ent_forecast_trace(f, o->model, issue, &col);
    const char *model = f->engines[o->model]->name;
    const ent_stop *st;
    double lo, hi;
    xt_buf b = {0};

    if (!t || t->n_rounds < 2)
        return;
    st = &t->stop;
    lo = t->range_lo ? t->range_lo[col] : NAN;
    hi = t->range_hi ? t->range_hi[col] : NAN;
    if (st->rule == ENT_STOP_ROUNDS)
        xt_printf(&b,
                  "The %s run went %d rounds (--stop rounds%s) and the "
                  "forecast is its last round.",
                  model, st->round,
                  st->by_engine ? ", ended early by the engine's own rule"
                                : "");
    else if (st->reason == ENT_STOPPED_CONVERGED)
        xt_printf(&b,
                  "The %s run settled at a fixed point in round %d%s: no "
                  "position moved after it, and the forecast is that state.",
                  model, st->round,
                  st->by_engine ? " (by the engine's own stopping rule)" : "");
    else if (st->reason == ENT_STOPPED_CYCLE && fabs(hi - lo) < 0.05)
        xt_printf(&b,
                  "The %s run fell into a cycle: from round %d the positions "
                  "repeat every %d rounds, but the forecast stays at %.1f "
                  "throughout, so it is settled for this issue.",
                  model, st->round, st->period, lo);
    else if (st->reason == ENT_STOPPED_CYCLE)
        xt_printf(&b,
                  "The %s run fell into a cycle: from round %d the positions "
                  "repeat every %d rounds and the outcome swings between "
                  "%.1f and %.1f; the forecast is the mean over the cycle.",
                  model, st->round, st->period, lo, hi);
    else
        xt_printf(&b,
                  "The %s run did not settle: after %d rounds (its limit) "
                  "it had reached neither a fixed point nor a cycle. The "
                  "forecast is the mean of its last %d rounds, whose "
                  "outcomes range from %.1f to %.1f; read it as unsettled.",
                  model, st->round, st->window, lo, hi);
    add_item(e, "settled", &b);
}

/* ---- the evidence: the rows that carry the most weight ---- */

static void say_evidence(ent_explanation *e, const ent_scenario *sc, int period,
                         const ent_problem *p, const issue_inputs *in,
                         int issue, int top)
{
    int *order = ent_xcalloc((size_t)in->n + 1, sizeof(int));

    for (int i = 0; i < in->n; i++)
        order[i] = i;
    for (int i = 1; i < in->n; i++) /* by weight, heaviest first */
        for (int j = i; j > 0 && in->w[order[j]] > in->w[order[j - 1]]; j--) {
            int tmp = order[j];

            order[j] = order[j - 1];
            order[j - 1] = tmp;
        }
    for (int i = 0; i < in->n && i < top; i++) {
        int a = in->actors[order[i]], c = ent_cell(p, a, issue);
        const ent_position *row = NULL;
        ent_explain_item *it;
        xt_buf b = {0};

        for (int r = 0; r < sc->n_positions && !row; r++)
            if (sc->positions[r].period == period &&
                sc->positions[r].actor == a && sc->positions[r].issue == issue)
                row = &sc->positions[r];
        xt_printf(&b,
                  "%s: %.0f%% of the weight on this issue (capability %g x "
                  "salience %g), position %g.",
                  actor_name(sc, a),
                  in->total > 0 ? 100 * in->w[order[i]] / in->total : 0,
                  p->capability[c], 100 * p->salience[c], p->position[c]);
        if (row && (row->position != p->position[c] ||
                    row->salience != p->salience[c] ||
                    row->capability != p->capability[c]))
            xt_printf(&b,
                      " (A what-if changed the coded row: position %g, "
                      "salience %g, capability %g.)",
                      row->position, 100 * row->salience, row->capability);
        if (row && *row->rationale)
            xt_printf(&b, " Why: %s", row->rationale);
        it = add_item(e, "evidence", &b);
        for (int s = 0; row && s < row->sources.count; s++)
            ent_strlist_push(&it->sources, row->sources.items[s]);
    }
    free(order);
}

static int explain_body(const ent_scenario *sc, int period,
                        const ent_problem *p, const ent_forecast *f, int issue,
                        const ent_explain_options *o, ent_explanation **out,
                        ent_error *err)
{
    int top = o->top > 0 ? o->top : 3;
    ent_explanation *e;
    issue_inputs in;

    *out = NULL;
    if (issue < 0 || issue >= sc->n_issues || o->model < 0 ||
        o->model >= f->n_models)
        return ent_fail(err, ENT_EXIT_INPUT, "explain: no such issue or model");
    if (!ent_forecast_trace(f, o->model, issue, NULL))
        return ent_fail(err, ENT_EXIT_INPUT,
                        "explain: %s did not run on %s (no actor takes part "
                        "in it in period %s)",
                        f->engines[o->model]->name, sc->issues[issue].id,
                        sc->periods.items[period]);
    e = ent_xcalloc(1, sizeof *e);
    e->issue = issue;
    e->model = f->engines[o->model]->name;
    inputs_build(p, issue, &in);
    say_forecast(e, sc, f, issue, o);
    say_median(e, sc, &in, issue, ent_forecast_outcome(f, o->model, issue));
    say_pivotal(e, sc, f, issue, o, top);
    say_gave_way(e, sc, f, &in, issue, o, top);
    say_settled(e, f, issue, o);
    say_evidence(e, sc, period, p, &in, issue, top);
    inputs_free(&in);
    *out = e;
    return 0;
}

int ent_explain(const ent_scenario *sc, int period, const ent_problem *p,
                const ent_forecast *f, int issue, const ent_explain_options *o,
                ent_explanation **out, ent_error *err)
{
    ENT_PROTECTED(int, (*out = NULL, -1), err,
                  explain_body(sc, period, p, f, issue, o, out, err));
}

void ent_explanation_free(ent_explanation *e)
{
    if (!e)
        return;
    for (int i = 0; i < e->count; i++) {
        free(e->items[i].text);
        ent_strlist_free(&e->items[i].sources);
    }
    free(e->items);
    free(e);
}
