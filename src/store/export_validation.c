/*
 * export_validation.c -- validation scores (docs/validation.md) as JSON:
 * per model the MAE, median absolute error and share of hits with their
 * bootstrap intervals, the comparisons with the compromise model and the
 * reference point, and the same scores by issue tag.
 */
#include <math.h>

#include "store/export_validation.h"

static json_t *num(double v)
{
    return isfinite(v) ? json_real(v) : json_null();
}

static json_t *pair(double lo, double hi)
{
    return json_pack("[o, o]", num(lo), num(hi));
}

static json_t *score_json(const ent_score *s)
{
    return json_pack("{s:i, s:o, s:o, s:o, s:o, s:o}", "n", s->n, "mae",
                     num(s->mae), "mae_ci", pair(s->mae_lo, s->mae_hi),
                     "median_ae", num(s->median_ae), "within10", num(s->hits),
                     "within10_ci", pair(s->hits_lo, s->hits_hi));
}

static json_t *paired_json(const ent_paired *p)
{
    return json_pack("{s:i, s:o, s:o}", "n", p->n, "mae_difference",
                     num(p->diff), "ci", pair(p->lo, p->hi));
}

static json_t *models_json(const ent_validation *v)
{
    json_t *models = json_object();

    for (int m = 0; m < v->n_models; m++) {
        json_t *o = score_json(&v->overall[m]);

        if (m != v->compromise && v->compromise >= 0)
            json_object_set_new(o, "vs_compromise",
                                paired_json(&v->vs_compromise[m]));
        if (m != v->reference && v->reference >= 0)
            json_object_set_new(o, "vs_reference_point",
                                paired_json(&v->vs_reference[m]));
        json_object_set_new(models, v->models[m], o);
    }
    return models;
}

static json_t *groups_json(const ent_validation *v)
{
    json_t *groups = json_array();

    for (int g = 0; g < v->n_groups; g++) {
        json_t *models = json_object();

        for (int m = 0; m < v->n_models; m++)
            json_object_set_new(models, v->models[m],
                                score_json(&v->groups[g].scores[m]));
        json_array_append_new(
            groups, json_pack("{s:s, s:s, s:o}", "tag", v->groups[g].key,
                              "value", v->groups[g].value, "models", models));
    }
    return groups;
}

json_t *ent_validation_json(const ent_validation *v)
{
    return json_pack(
        "{s:i, s:i, s:i, s:I, s:s, s:o, s:o, s:o}", "issues", v->n_scored,
        "binary_issues", v->n_binary, "resamples", v->resamples, "seed",
        (json_int_t)v->seed, "resampled", "periods", "baselines",
        json_pack("{s:o, s:o}", "compromise",
                  v->compromise >= 0 ? json_string(v->models[v->compromise])
                                     : json_null(),
                  "reference_point",
                  v->reference >= 0 ? json_string(v->models[v->reference])
                                    : json_null()),
        "models", models_json(v), "groups", groups_json(v));
}
