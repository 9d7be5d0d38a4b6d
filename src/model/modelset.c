/*
 * modelset.c -- the models a forecast runs and their options, resolved
 * from a scenario's [model] settings and a caller's request.  The CLI, the
 * library's users and the examples all go through here, so the same input
 * gives the same forecast everywhere.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "entente/forecast.h"
#include "util/protect.h"

static int unknown_model(const char *name, ent_error *err)
{
    char list[256] = "";
    size_t used = 0;

    for (const ent_engine *const *all = ent_engines(); *all; all++)
        used += (size_t)snprintf(list + used, sizeof list - used, "%s%s",
                                 used ? ", " : "", (*all)->name);
    return ent_fail(err, ENT_EXIT_INPUT, "unknown model '%s' (models: %s)",
                    name, list);
}

static int add_model(ent_model_set *out, const char *name, ent_error *err)
{
    const ent_engine *e = ent_engine_find(name);

    if (!e)
        return unknown_model(name, err);
    for (int i = 0; i < out->count; i++)
        if (out->engines[i] == e)
            return 0;
    if (out->count == ENT_MAX_MODELS)
        return ent_fail(err, ENT_EXIT_INPUT, "more than %d models",
                        ENT_MAX_MODELS);
    out->engines[out->count++] = e;
    return 0;
}

/* Adds the models of a comma-separated list; empty items are errors. */
static int add_model_list(ent_model_set *out, const char *list, ent_error *err)
{
    const char *p = list;

    for (;;) {
        const char *comma = strchr(p, ',');
        size_t len = comma ? (size_t)(comma - p) : strlen(p);
        char name[64];

        while (len && (*p == ' ' || *p == '\t'))
            p++, len--;
        while (len && (p[len - 1] == ' ' || p[len - 1] == '\t'))
            len--;
        if (len == 0)
            return ent_fail(err, ENT_EXIT_INPUT,
                            "model list '%s': empty item (expected names "
                            "separated by single commas)",
                            list);
        if (len >= sizeof name)
            return unknown_model(p, err);
        memcpy(name, p, len);
        name[len] = '\0';
        if (add_model(out, name, err) != 0)
            return -1;
        if (!comma)
            return 0;
        p = comma + 1;
    }
}

static int pick_models(ent_model_set *out, const ent_scenario *sc,
                       const ent_model_request *req, ent_error *err)
{
    if (req && req->models)
        return add_model_list(out, req->models, err);
    if (sc->models.count == 0)
        return add_model_list(out, "mean,median,eu", err);
    for (int i = 0; i < sc->models.count; i++)
        if (add_model(out, sc->models.items[i], err) != 0)
            return -1;
    return 0;
}

static int push_param(ent_model_set *out, int m, const char *name,
                      const char *value, ent_error *err)
{
    ent_model_options *o = &out->opts[m];

    if (o->n_params == ENT_MAX_PARAMS)
        return ent_fail(err, ENT_EXIT_INPUT,
                        "more than %d parameters for model %s", ENT_MAX_PARAMS,
                        out->engines[m]->name);
    out->params[m][o->n_params].name = name;
    out->params[m][o->n_params].value = value;
    o->n_params++;
    return 0;
}

/* The name of a scenario parameter for `engine`, or NULL if it is not the
   engine's: a key of the engine's own section ([eu] name = value), or of
   [model] written ENGINE.NAME (eu.status_quo = scenario). */
static const char *model_param_name(const ent_param *sp, const char *engine)
{
    size_t len = strlen(engine);

    if (sp->engine)
        return strcasecmp(sp->engine, engine) == 0 ? sp->name : NULL;
    if (strncasecmp(sp->name, engine, len) == 0 && sp->name[len] == '.' &&
        sp->name[len + 1])
        return sp->name + len + 1;
    return NULL;
}

/* The scenario's parameters for the engine, then the request's. */
static int gather_params(ent_model_set *out, int m, const ent_scenario *sc,
                         const ent_model_request *req, ent_error *err)
{
    const char *engine = out->engines[m]->name;

    for (int i = 0; i < sc->n_params; i++) {
        const ent_param *sp = &sc->params[i];
        const char *name = model_param_name(sp, engine);

        if (name && push_param(out, m, name, sp->value, err) != 0)
            return -1;
    }
    for (int i = 0; req && i < req->n_params; i++)
        if (strcasecmp(req->param_engines[i], engine) == 0 &&
            push_param(out, m, req->params[i].name, req->params[i].value,
                       err) != 0)
            return -1;
    return 0;
}

static int stop_rule(const ent_scenario *sc, const ent_model_request *req,
                     ent_stop_rule *out, ent_error *err)
{
    int choice;
    ent_option opt = {"stop", NULL};

    if (!req || !req->stop) {
        *out = sc->stop == 1 ? ENT_STOP_ROUNDS : ENT_STOP_SETTLE;
        return 0;
    }
    opt.value = req->stop;
    if (ent_option_choice(&opt, ent_stop_rule_names(), &choice, err) != 0)
        return -1;
    *out = (ent_stop_rule)choice;
    return 0;
}

static int model_set_resolve_body(const ent_scenario *sc,
                                  const ent_model_request *req,
                                  ent_model_set *out, ent_error *err)
{
    ent_stop_rule rule;

    memset(out, 0, sizeof *out);
    if (stop_rule(sc, req, &rule, err) != 0 ||
        pick_models(out, sc, req, err) != 0)
        return -1;
    for (int m = 0; m < out->count; m++) {
        ent_model_options *o = &out->opts[m];

        o->params = out->params[m];
        o->rounds = req && req->rounds > 0 ? req->rounds : sc->rounds;
        o->stop = rule;
        o->tolerance =
            req && req->tolerance > 0 ? req->tolerance : sc->tolerance;
        if (gather_params(out, m, sc, req, err) != 0)
            return -1;
    }
    return 0;
}

int ent_model_set_resolve(const ent_scenario *sc, const ent_model_request *req,
                          ent_model_set *out, ent_error *err)
{
    ENT_PROTECTED(int, -1, err, model_set_resolve_body(sc, req, out, err));
}
