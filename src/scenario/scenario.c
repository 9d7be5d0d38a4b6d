/*
 * scenario.c -- the ent_scenario object: creation, lookups by id, anchor
 * labels and freeing.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "scenario/loader.h"

ent_scenario *scn_new(const char *path)
{
    ent_scenario *sc = ent_xcalloc(1, sizeof *sc);

    sc->path = ent_xstrdup(path);
    sc->name = ent_xstrdup("");
    sc->title = ent_xstrdup("");
    sc->description = ent_xstrdup("");
    return sc;
}

void scn_default_period(ent_scenario *sc)
{
    ent_strlist_free(&sc->periods);
    ent_strlist_push(&sc->periods, "default");
    sc->default_period = 0;
}

int ent_scenario_period(const ent_scenario *sc, const char *id)
{
    for (int i = 0; i < sc->periods.count; i++)
        if (strcmp(sc->periods.items[i], id) == 0)
            return i;
    return -1;
}

int ent_scenario_issue(const ent_scenario *sc, const char *id)
{
    for (int i = 0; i < sc->n_issues; i++)
        if (strcmp(sc->issues[i].id, id) == 0)
            return i;
    return -1;
}

int ent_scenario_actor(const ent_scenario *sc, const char *id)
{
    for (int i = 0; i < sc->n_actors; i++)
        if (strcmp(sc->actors[i].id, id) == 0)
            return i;
    return -1;
}

const ent_source *ent_scenario_source(const ent_scenario *sc, const char *id)
{
    for (int i = 0; i < sc->n_sources; i++)
        if (strcmp(sc->sources[i].id, id) == 0)
            return &sc->sources[i];
    return NULL;
}

const char *ent_issue_anchor_label(const ent_issue *issue, double value)
{
    const ent_anchor *best = NULL;

    for (int i = 0; i < issue->n_anchors; i++) {
        const ent_anchor *a = &issue->anchors[i];

        if (!best || fabs(a->value - value) < fabs(best->value - value))
            best = a;
    }
    return best ? best->label : NULL;
}

static void free_issue(ent_issue *x)
{
    free(x->id);
    free(x->name);
    free(x->description);
    for (int i = 0; i < x->n_anchors; i++)
        free(x->anchors[i].label);
    free(x->anchors);
    ent_strlist_free(&x->sources);
}

static void free_actor(ent_actor *x)
{
    free(x->id);
    free(x->name);
    free(x->group);
    free(x->description);
    ent_strlist_free(&x->sources);
}

static void free_event(ent_event *x)
{
    free(x->id);
    free(x->date);
    free(x->title);
    free(x->description);
    free(x->shock);
    free(x->shocks);
    ent_strlist_free(&x->actors);
    ent_strlist_free(&x->sources);
}

static void free_outcome(ent_outcome *x)
{
    free(x->date);
    free(x->description);
    free(x->rationale);
    ent_strlist_free(&x->sources);
}

static void free_source(ent_source *x)
{
    free(x->id);
    free(x->document);
    free(x->locator);
    free(x->quote);
}

static void free_institution(ent_institution *x)
{
    free(x->id);
    free(x->name);
    free(x->kind);
    free(x->year);
    free(x->description);
    ent_strlist_free(&x->members);
    ent_strlist_free(&x->sources);
}

static void free_figure(ent_figure *x)
{
    free(x->id);
    free(x->subject);
    free(x->unit);
    free(x->year);
    free(x->note);
    ent_strlist_free(&x->sources);
}

static void free_params(ent_param *params, int n)
{
    for (int i = 0; i < n; i++) {
        free(params[i].engine);
        free(params[i].name);
        free(params[i].value);
    }
    free(params);
}

void ent_scenario_free(ent_scenario *sc)
{
    if (!sc)
        return;
    for (int i = 0; i < sc->n_issues; i++)
        free_issue(&sc->issues[i]);
    for (int i = 0; i < sc->n_actors; i++)
        free_actor(&sc->actors[i]);
    for (int i = 0; i < sc->n_positions; i++) {
        ent_strlist_free(&sc->positions[i].sources);
        free(sc->positions[i].rationale);
    }
    for (int i = 0; i < sc->n_events; i++)
        free_event(&sc->events[i]);
    for (int i = 0; i < sc->n_outcomes; i++)
        free_outcome(&sc->outcomes[i]);
    for (int i = 0; i < sc->n_sources; i++)
        free_source(&sc->sources[i]);
    for (int i = 0; i < sc->n_institutions; i++)
        free_institution(&sc->institutions[i]);
    for (int i = 0; i < sc->n_figures; i++)
        free_figure(&sc->figures[i]);
    free(sc->issues);
    free(sc->actors);
    free(sc->positions);
    free(sc->events);
    free(sc->outcomes);
    free(sc->sources);
    free(sc->institutions);
    free(sc->figures);
    free_params(sc->params, sc->n_params);
    ent_strlist_free(&sc->periods);
    ent_strlist_free(&sc->models);
    free(sc->name);
    free(sc->title);
    free(sc->description);
    free(sc->path);
    free(sc);
}
