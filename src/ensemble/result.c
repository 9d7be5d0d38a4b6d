/*
 * result.c -- allocation and release of ensemble results.
 *
 * A result owns every string and array it points to, so it outlives the
 * scenario and problem it came from and can be rebuilt from a results
 * database.
 */
#include <stdlib.h>

#include "entente/ensemble.h"
#include "util/protect.h"

static ent_ensemble_result *ensemble_result_new_body(int n_models, int n_issues,
                                                     int n_actors)
{
    ent_ensemble_result *r = ent_xcalloc(1, sizeof *r);
    size_t m = (size_t)n_models, d = (size_t)n_issues, n = (size_t)n_actors;

    r->n_models = n_models;
    r->n_issues = n_issues;
    r->n_actors = n_actors;
    r->models = ent_xcalloc(m ? m : 1, sizeof *r->models);
    r->issue_ids = ent_xcalloc(d ? d : 1, sizeof(char *));
    r->issue_names = ent_xcalloc(d ? d : 1, sizeof(char *));
    r->scale_min = ent_xcalloc(d ? d : 1, sizeof(double));
    r->scale_max = ent_xcalloc(d ? d : 1, sizeof(double));
    r->n_bands = ent_xcalloc(d ? d : 1, sizeof(int));
    r->bands = ent_xcalloc(d ? d : 1, sizeof(ent_band *));
    r->actor_ids = ent_xcalloc(n ? n : 1, sizeof(char *));
    r->actor_names = ent_xcalloc(n ? n : 1, sizeof(char *));
    r->summary = ent_xcalloc(m * d + 1, sizeof(ent_summary));
    r->is_root = 1;
    return r;
}

ent_ensemble_result *ent_ensemble_result_new(int n_models, int n_issues,
                                             int n_actors)
{
    ENT_PROTECTED(ent_ensemble_result *, NULL, NULL,
                  ensemble_result_new_body(n_models, n_issues, n_actors));
}

static void free_strings(char **s, int n)
{
    if (!s)
        return;
    for (int i = 0; i < n; i++)
        free(s[i]);
    free(s);
}

void ent_ensemble_free(ent_ensemble_result *r)
{
    ent_ensemble_result_free(r);
}

void ent_ensemble_result_free(ent_ensemble_result *r)
{
    if (!r)
        return;
    free(r->scenario);
    free(r->title);
    free(r->source);
    free(r->period);
    for (int m = 0; m < r->n_models; m++) {
        free(r->models[m].name);
        ent_strlist_free(&r->models[m].params);
    }
    free(r->models);
    free_strings(r->issue_ids, r->n_issues);
    free_strings(r->issue_names, r->n_issues);
    free(r->scale_min);
    free(r->scale_max);
    for (int k = 0; k < r->n_issues; k++)
        ent_bands_free(r->bands[k], r->n_bands[k]);
    free(r->bands);
    free(r->n_bands);
    free_strings(r->actor_ids, r->n_actors);
    free_strings(r->actor_names, r->n_actors);
    free(r->outcomes);
    free(r->stops);
    for (int i = 0; i < r->n_models * r->n_issues; i++)
        free(r->summary[i].band_prob);
    free(r->summary);
    free(r->pivot_remove);
    free(r->pivot_up);
    free(r->pivot_down);
    free(r->exchanges);
    free(r->created);
    free(r->version);
    free(r);
}
