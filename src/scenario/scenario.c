/*
 * scenario.c -- the ent_scenario object: creation, lookups by id, anchor
 * labels and freeing.
 */
#include <math.h>
#include <stdio.h>
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
    sc->stop = -1;
    return sc;
}

void scn_default_period(ent_scenario *sc)
{
    ent_strlist_free(&sc->periods);
    ent_strlist_push(&sc->periods, "default");
    sc->default_period = 0;
    free(sc->cutoffs);
    sc->cutoffs = ent_xcalloc(1, sizeof *sc->cutoffs);
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

const ent_document *ent_scenario_document(const ent_scenario *sc,
                                          const char *file)
{
    for (int i = 0; i < sc->n_documents; i++)
        if (strcmp(sc->documents[i].file, file) == 0)
            return &sc->documents[i];
    return NULL;
}

const char *ent_scenario_document_cite(const ent_scenario *sc, const char *file,
                                       char *buf, size_t size)
{
    const ent_document *d = file ? ent_scenario_document(sc, file) : NULL;
    const char *author = d && d->author ? d->author : "";
    const char *title = d && d->title ? d->title : "";
    const char *date = d && d->date ? d->date : "";

    if (size == 0)
        return buf;
    if (!*author && !*title)
        snprintf(buf, size, "%s", file ? file : "");
    else
        snprintf(buf, size, "%s%s%s%s%s%s", author, *date ? " (" : "", date,
                 *date ? ")" : "", *author || *date ? ", " : "", title);
    return buf;
}

double ent_scenario_status_quo(const ent_scenario *sc, int period, int issue)
{
    for (int i = 0; i < sc->n_status_quo; i++)
        if (sc->status_quo[i].period == period &&
            sc->status_quo[i].issue == issue)
            return sc->status_quo[i].value;
    if (sc->n_status_quo > 0)
        return NAN;
    for (int i = 0; i < sc->n_outcomes; i++)
        if (sc->outcomes[i].period == period && sc->outcomes[i].issue == issue)
            return sc->outcomes[i].status_quo;
    return NAN;
}

long ent_scenario_cutoff(const ent_scenario *sc, int period)
{
    if (!sc->cutoffs || period < 0 || period >= sc->periods.count)
        return 0;
    return sc->cutoffs[period];
}

int ent_scenario_period_year(const ent_scenario *sc, int period)
{
    const char *id;
    char *end;
    long y;

    if (period < 0 || period >= sc->periods.count)
        return 0;
    id = sc->periods.items[period];
    y = strtol(id, &end, 10);
    if (strlen(id) == 4 && *end == '\0' && y >= 1000)
        return (int)y;
    return (int)(ent_scenario_cutoff(sc, period) / 10000);
}

int ent_scenario_spans_break(const ent_scenario *sc, int from, int to)
{
    for (int i = 0; i < sc->n_breaks; i++)
        if (from < sc->breaks[i] && sc->breaks[i] <= to)
            return 1;
    return 0;
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
    ent_strlist_free(&x->tags);
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
    free(x->date);
}

static void free_document(ent_document *x)
{
    free(x->file);
    free(x->author);
    free(x->title);
    free(x->publisher);
    free(x->date);
    free(x->url);
}

static void free_contradiction(ent_contradiction *x)
{
    free(x->id);
    free(x->topic);
    free(x->value);
    free(x->rationale);
    ent_strlist_free(&x->sources);
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
    for (int i = 0; i < sc->n_documents; i++)
        free_document(&sc->documents[i]);
    for (int i = 0; i < sc->n_status_quo; i++) {
        ent_strlist_free(&sc->status_quo[i].sources);
        free(sc->status_quo[i].rationale);
    }
    for (int i = 0; i < sc->n_contradictions; i++)
        free_contradiction(&sc->contradictions[i]);
    free(sc->issues);
    free(sc->actors);
    free(sc->positions);
    free(sc->events);
    free(sc->outcomes);
    free(sc->sources);
    free(sc->institutions);
    free(sc->figures);
    free(sc->documents);
    free(sc->status_quo);
    free(sc->contradictions);
    free(sc->cutoffs);
    free(sc->breaks);
    free_params(sc->params, sc->n_params);
    ent_strlist_free(&sc->periods);
    ent_strlist_free(&sc->models);
    free(sc->name);
    free(sc->title);
    free(sc->description);
    free(sc->path);
    free(sc);
}
