/*
 * whatif.c -- what-ifs: an ordered list of changes (set a field, drop an
 * actor, apply an event's shock) checked against a scenario and applied to
 * one period's problem before the models run.  The what-if file reader is
 * in src/scenario/whatif_file.c.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "entente/whatif.h"
#include "util/protect.h"

static const char *const field_names[] = {"position", "salience", "capability"};

static ent_change *push(ent_whatif *w, ent_change_kind kind, const char *label,
                        const char *origin)
{
    ent_change *c;

    w->items = ent_xrealloc(w->items, (size_t)(w->count + 1) * sizeof *c);
    c = &w->items[w->count++];
    memset(c, 0, sizeof *c);
    c->kind = kind;
    c->actor = c->issue = c->event = -1;
    c->label = ent_xstrdup(label);
    c->origin = ent_xstrdup(origin ? origin : "");
    c->rationale = ent_xstrdup("");
    return c;
}

static int find_actor(const ent_scenario *sc, const char *actor,
                      const char *origin, ent_error *err)
{
    int a = ent_scenario_actor(sc, actor);

    if (a < 0)
        ent_fail(err, ENT_EXIT_INPUT,
                 "%s: %s has no actor '%s' (see 'entente show %s')", origin,
                 sc->name, actor, sc->name);
    return a;
}

static int find_issue(const ent_scenario *sc, const char *issue,
                      const char *origin, ent_error *err)
{
    int k = ent_scenario_issue(sc, issue);

    if (k < 0)
        ent_fail(err, ENT_EXIT_INPUT,
                 "%s: %s has no issue '%s' (see 'entente show %s')", origin,
                 sc->name, issue, sc->name);
    return k;
}

/* The field by name and the range a value of it must lie in. */
static int field_of(const char *name, const ent_issue *is, ent_field *field,
                    double *lo, double *hi)
{
    for (int f = 0; f < 3; f++)
        if (strcmp(name, field_names[f]) == 0) {
            *field = (ent_field)f;
            *lo = f == ENT_FIELD_POSITION ? is->min : 0;
            *hi = f == ENT_FIELD_POSITION   ? is->max
                  : f == ENT_FIELD_SALIENCE ? 100
                                            : INFINITY;
            return 0;
        }
    return -1;
}

static int whatif_add_set_body(ent_whatif *w, const ent_scenario *sc,
                               const char *actor, const char *issue,
                               const char *field, double value,
                               const char *origin, ent_error *err)
{
    char label[512];
    ent_field f;
    ent_change *c;
    double lo, hi;
    int a, k;

    origin = origin ? origin : "--set";
    if ((a = find_actor(sc, actor, origin, err)) < 0 ||
        (k = find_issue(sc, issue, origin, err)) < 0)
        return -1;
    if (field_of(field, &sc->issues[k], &f, &lo, &hi) != 0)
        return ent_fail(err, ENT_EXIT_INPUT,
                        "%s: expected field position, salience or "
                        "capability, got '%s'",
                        origin, field);
    if (!isfinite(value) || value < lo || value > hi) {
        if (isinf(hi))
            return ent_fail(err, ENT_EXIT_INPUT,
                            "%s: %s: expected a number >= %g, got %g", origin,
                            field, lo, value);
        return ent_fail(err, ENT_EXIT_INPUT,
                        "%s: %s: expected a number in [%g, %g], got %g", origin,
                        field, lo, hi, value);
    }
    snprintf(label, sizeof label, "set %s:%s:%s=%g", actor, issue, field,
             value);
    c = push(w, ENT_CHANGE_SET, label, origin);
    c->actor = a;
    c->issue = k;
    c->field = f;
    c->value = f == ENT_FIELD_SALIENCE ? value / 100 : value;
    return 0;
}

int ent_whatif_add_set(ent_whatif *w, const ent_scenario *sc, const char *actor,
                       const char *issue, const char *field, double value,
                       const char *origin, ent_error *err)
{
    ENT_PROTECTED(
        int, -1, err,
        whatif_add_set_body(w, sc, actor, issue, field, value, origin, err));
}

static int whatif_add_drop_body(ent_whatif *w, const ent_scenario *sc,
                                const char *actor, const char *issue,
                                const char *origin, ent_error *err)
{
    char label[512];
    ent_change *c;
    int a, k = -1;

    origin = origin ? origin : "--drop";
    if ((a = find_actor(sc, actor, origin, err)) < 0 ||
        (issue && (k = find_issue(sc, issue, origin, err)) < 0))
        return -1;
    if (issue)
        snprintf(label, sizeof label, "drop %s from %s", actor, issue);
    else
        snprintf(label, sizeof label, "drop %s", actor);
    c = push(w, ENT_CHANGE_DROP, label, origin);
    c->actor = a;
    c->issue = k;
    return 0;
}

int ent_whatif_add_drop(ent_whatif *w, const ent_scenario *sc,
                        const char *actor, const char *issue,
                        const char *origin, ent_error *err)
{
    ENT_PROTECTED(int, -1, err,
                  whatif_add_drop_body(w, sc, actor, issue, origin, err));
}

static int whatif_add_shock_body(ent_whatif *w, const ent_scenario *sc,
                                 const char *event, const char *origin,
                                 ent_error *err)
{
    char label[512], *title;
    ent_change *c;

    origin = origin ? origin : "--shock";
    for (int e = 0; e < sc->n_events; e++) {
        if (strcmp(sc->events[e].id, event) != 0)
            continue;
        if (sc->events[e].n_shocks == 0)
            return ent_fail(err, ENT_EXIT_INPUT,
                            "%s: event %s has no shock to apply (see 'entente "
                            "shocks %s')",
                            origin, event, sc->name);
        snprintf(label, sizeof label, "shock %s", event);
        c = push(w, ENT_CHANGE_SHOCK, label, origin);
        c->event = e;
        for (int s = 0; s < sc->events[e].sources.count; s++)
            ent_strlist_push(&c->sources, sc->events[e].sources.items[s]);
        title = ent_xstrdup(sc->events[e].title); /* before c changes */
        free(c->rationale);
        c->rationale = title;
        return 0;
    }
    return ent_fail(err, ENT_EXIT_INPUT,
                    "%s: %s has no event '%s' (see 'entente shocks %s')",
                    origin, sc->name, event, sc->name);
}

int ent_whatif_add_shock(ent_whatif *w, const ent_scenario *sc,
                         const char *event, const char *origin, ent_error *err)
{
    ENT_PROTECTED(int, -1, err,
                  whatif_add_shock_body(w, sc, event, origin, err));
}

/* Sets one present cell's field; 0 if the cell is absent. */
static int set_cell(ent_problem *p, int actor, int issue, ent_field field,
                    double value)
{
    int c = ent_cell(p, actor, issue);

    if (!p->present[c])
        return 0;
    if (field == ENT_FIELD_POSITION)
        p->position[c] = value;
    else if (field == ENT_FIELD_SALIENCE)
        p->salience[c] = value;
    else
        p->capability[c] = value;
    return 1;
}

/* Number of cells the change altered. */
static int apply_one(const ent_change *c, const ent_scenario *sc,
                     ent_problem *p, int strict, ent_error *err)
{
    int hits = 0;

    if (c->kind == ENT_CHANGE_SET)
        return set_cell(p, c->actor, c->issue, c->field, c->value);
    if (c->kind == ENT_CHANGE_DROP) {
        for (int k = 0; k < p->n_issues; k++)
            if (c->issue < 0 || c->issue == k) {
                hits += p->present[ent_cell(p, c->actor, k)];
                p->present[ent_cell(p, c->actor, k)] = 0;
            }
        return hits;
    }
    for (int i = 0; i < sc->events[c->event].n_shocks; i++) {
        const ent_shock *s = &sc->events[c->event].shocks[i];
        int hit = set_cell(p, s->actor, s->issue, s->field, s->value);

        if (!hit && strict)
            return ent_fail(err, ENT_EXIT_INPUT,
                            "%s: %s: %s takes no part in %s in this period, "
                            "so the shock cannot apply",
                            c->origin, c->label, p->actor_ids[s->actor],
                            p->issue_ids[s->issue]);
        hits += hit;
    }
    return hits;
}

static int whatif_apply_body(const ent_whatif *w, const ent_scenario *sc,
                             ent_problem *p, int strict, int *applied,
                             ent_error *err)
{
    int count = 0;

    if (applied)
        *applied = 0;
    if (!w)
        return 0;
    if (p->n_actors != sc->n_actors || p->n_issues != sc->n_issues)
        return ent_fail(err, ENT_EXIT_INPUT,
                        "what-if: the problem was not built from %s", sc->name);
    for (int i = 0; i < w->count; i++) {
        const ent_change *c = &w->items[i];
        int hits = apply_one(c, sc, p, strict, err);

        if (hits < 0)
            return -1;
        if (hits == 0 && strict) {
            if (c->kind == ENT_CHANGE_SET)
                return ent_fail(err, ENT_EXIT_INPUT,
                                "%s: %s: %s takes no part in %s in this "
                                "period",
                                c->origin, c->label, sc->actors[c->actor].id,
                                sc->issues[c->issue].id);
            return ent_fail(err, ENT_EXIT_INPUT,
                            "%s: %s: %s takes no part in this period",
                            c->origin, c->label, sc->actors[c->actor].id);
        }
        count += hits > 0;
    }
    if (applied)
        *applied = count;
    return 0;
}

int ent_whatif_apply(const ent_whatif *w, const ent_scenario *sc,
                     ent_problem *p, int strict, int *applied, ent_error *err)
{
    ENT_PROTECTED(int, -1, err,
                  whatif_apply_body(w, sc, p, strict, applied, err));
}

int ent_whatif_shock_ids(const ent_whatif *w, const ent_scenario *sc,
                         const char **ids, int max)
{
    int n = 0;

    for (int i = 0; w && i < w->count && n < max; i++)
        if (w->items[i].kind == ENT_CHANGE_SHOCK)
            ids[n++] = sc->events[w->items[i].event].id;
    return n;
}

void ent_whatif_free(ent_whatif *w)
{
    if (!w)
        return;
    for (int i = 0; i < w->count; i++) {
        free(w->items[i].label);
        free(w->items[i].origin);
        free(w->items[i].rationale);
        ent_strlist_free(&w->items[i].sources);
    }
    free(w->items);
    w->items = NULL;
    w->count = 0;
}
