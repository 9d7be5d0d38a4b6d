/*
 * export_ensemble.c -- ensemble results and the batch list as JSON
 * (jansson) and long-format CSV.  The same writers serve a fresh result
 * and one read back from the results database, so both exports agree.
 * Structures are documented in docs/ensemble.md.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "entente/store.h"
#include "store/exchanges.h"
#include "store/json_text.h"
#include "util/protect.h"

/* ---- JSON ---- */

static json_t *num(double v)
{
    return isfinite(v) ? json_real(v) : json_null();
}

static json_t *str(const char *s)
{
    return s ? ent_json_text(s) : json_null();
}

static json_t *json_models(const ent_ensemble_result *r)
{
    json_t *models = json_array();

    for (int m = 0; m < r->n_models; m++) {
        const ent_model_record *mr = &r->models[m];
        json_t *params = json_object();

        for (int i = 0; i < mr->params.count; i++) {
            const char *kv = mr->params.items[i], *eq = strchr(kv, '=');
            char name[256];

            snprintf(name, sizeof name, "%.*s",
                     (int)(eq ? (size_t)(eq - kv) : strlen(kv)), kv);
            json_object_set_new(params, name, json_string(eq ? eq + 1 : ""));
        }
        json_array_append_new(models, json_pack("{s:o, s:i, s:o}", "name",
                                                str(mr->name), "rounds",
                                                mr->rounds, "params", params));
    }
    return models;
}

static json_t *json_parameters(const ent_ensemble_result *r)
{
    return json_pack("{s:I, s:I, s:o, s:s, s:o, s:o}", "runs",
                     (json_int_t)r->runs, "seed", (json_int_t)r->seed, "noise",
                     num(r->noise), "perturbation", "uniform", "shift",
                     r->pivot_remove ? num(r->shift) : json_null(), "models",
                     json_models(r));
}

static json_t *json_pivotal(const ent_ensemble_result *r, int m, int k)
{
    json_t *list = json_array();
    int *order;
    int n;

    if (!r->pivot_remove)
        return list;
    order = ent_xcalloc((size_t)r->n_actors + 1, sizeof(int));
    n = ent_pivot_rank(r, m, k, order, r->n_actors);
    for (int i = 0; i < n; i++) {
        int a = order[i];
        size_t slot = ((size_t)m * (size_t)r->n_issues + (size_t)k) *
                          (size_t)r->n_actors +
                      (size_t)a;

        json_array_append_new(
            list, json_pack("{s:o, s:o, s:o, s:o, s:o}", "actor",
                            str(r->actor_ids[a]), "remove",
                            num(r->pivot_remove[slot]), "shift_up",
                            num(r->pivot_up[slot]), "shift_down",
                            num(r->pivot_down[slot]), "largest",
                            num(ent_pivot_largest(r, m, k, a, NULL))));
    }
    free(order);
    return list;
}

static json_t *json_issue_model(const ent_ensemble_result *r, int m, int k)
{
    const ent_summary *s = &r->summary[m * r->n_issues + k];
    json_t *bands = json_array();

    for (int b = 0; s->band_prob && b < r->n_bands[k]; b++)
        json_array_append_new(bands,
                              json_pack("{s:o, s:o, s:o}", "anchor",
                                        num(r->bands[k][b].anchor), "label",
                                        str(r->bands[k][b].label),
                                        "probability", num(s->band_prob[b])));
    long dropped = r->runs - s->n;
    json_t *o = json_pack(
        "{s:o, s:I, s:I, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o}", "model",
        str(r->models[m].name), "n", (json_int_t)s->n, "dropped",
        (json_int_t)dropped, "dropped_reason",
        dropped > 0 ? json_string("outcome not a finite number") : json_null(),
        "baseline", num(s->baseline), "mean", num(s->mean), "sd", num(s->sd),
        "median", num(s->median), "p5", num(s->p5), "p95", num(s->p95), "bands",
        bands, "pivotal", json_pivotal(r, m, k));

    if (r->has_stops) /* how the runs ended */
        json_object_set_new(o, "stops",
                            json_pack("{s:I, s:I, s:I}", "converged",
                                      (json_int_t)s->n_converged, "cycle",
                                      (json_int_t)s->n_cycle, "limit",
                                      (json_int_t)s->n_limit));
    return o;
}

static json_t *json_issues(const ent_ensemble_result *r)
{
    json_t *issues = json_array();

    for (int k = 0; k < r->n_issues; k++) {
        json_t *bands = json_array(), *models = json_array();

        for (int b = 0; b < r->n_bands[k]; b++) {
            const ent_band *band = &r->bands[k][b];

            json_array_append_new(bands, json_pack("{s:o, s:o, s:o, s:o}",
                                                   "anchor", num(band->anchor),
                                                   "label", str(band->label),
                                                   "lower", num(band->lower),
                                                   "upper", num(band->upper)));
        }
        for (int m = 0; m < r->n_models; m++)
            json_array_append_new(models, json_issue_model(r, m, k));
        json_array_append_new(
            issues,
            json_pack("{s:o, s:o, s:o, s:o, s:o, s:o}", "id",
                      str(r->issue_ids[k]), "name", str(r->issue_names[k]),
                      "min", num(r->scale_min[k]), "max", num(r->scale_max[k]),
                      "bands", bands, "models", models));
    }
    return issues;
}

static json_t *json_actors(const ent_ensemble_result *r)
{
    json_t *actors = json_array();

    for (int a = 0; a < r->n_actors; a++)
        json_array_append_new(actors, json_pack("{s:o, s:o}", "id",
                                                str(r->actor_ids[a]), "name",
                                                str(r->actor_names[a])));
    return actors;
}

/* runs[i][m][k] */
static json_t *json_runs(const ent_ensemble_result *r)
{
    json_t *runs = json_array();

    for (long i = 0; i < r->runs; i++) {
        json_t *run = json_array();

        for (int m = 0; m < r->n_models; m++) {
            json_t *row = json_array();

            for (int k = 0; k < r->n_issues; k++)
                json_array_append_new(row,
                                      num(ent_ensemble_outcome(r, i, m, k)));
            json_array_append_new(run, row);
        }
        json_array_append_new(runs, run);
    }
    return runs;
}

static int ensemble_write_json_body(FILE *out, const ent_ensemble_result *r,
                                    int with_runs, ent_error *err)
{
    json_t *root = json_object();
    int rc;

    if (r->batch_id) {
        json_object_set_new(root, "batch", json_integer(r->batch_id));
        json_object_set_new(root, "created", str(r->created));
    }
    json_object_set_new(root, "version",
                        json_string(r->version ? r->version : ENT_VERSION));
    json_object_set_new(root, "scenario",
                        json_pack("{s:o, s:o, s:o, s:o}", "name",
                                  str(r->scenario), "title", str(r->title),
                                  "source", str(r->source), "period",
                                  str(r->period)));
    json_object_set_new(root, "parameters", json_parameters(r));
    json_object_set_new(root, "actors", json_actors(r));
    json_object_set_new(root, "issues", json_issues(r));
    if (with_runs && r->outcomes)
        json_object_set_new(root, "runs", json_runs(r));
    if (r->n_exchanges > 0)
        json_object_set_new(root, "exchanges",
                            ent_run_exchanges_json(r, with_runs));
    rc = json_dumpf(root, out, JSON_INDENT(2) | JSON_REAL_PRECISION(17));
    json_decref(root);
    if (rc != 0 || fputc('\n', out) == EOF)
        return ent_fail(err, ENT_EXIT_RUNTIME, "cannot write JSON output");
    return 0;
}

int ent_ensemble_write_json(FILE *out, const ent_ensemble_result *r,
                            int with_runs, ent_error *err)
{
    ENT_PROTECTED(int, -1, err,
                  ensemble_write_json_body(out, r, with_runs, err));
}

/* ---- CSV (RFC 4180) ---- */

/* kind,model,issue,actor,run,key,value -- value as text */
static void csv_row(FILE *out, const char *kind, const char *model,
                    const char *issue, const char *actor, long run,
                    const char *key, const char *value)
{
    ent_csv_field(out, kind);
    fputc(',', out);
    ent_csv_field(out, model);
    fputc(',', out);
    ent_csv_field(out, issue);
    fputc(',', out);
    ent_csv_field(out, actor);
    fputc(',', out);
    if (run >= 0)
        fprintf(out, "%ld", run);
    fputc(',', out);
    ent_csv_field(out, key);
    fputc(',', out);
    ent_csv_field(out, value);
    fputc('\n', out);
}

static void csv_num(FILE *out, const char *kind, const char *model,
                    const char *issue, const char *actor, long run,
                    const char *key, double v)
{
    char buf[64] = "";

    if (isfinite(v))
        snprintf(buf, sizeof buf, "%.17g", v);
    csv_row(out, kind, model, issue, actor, run, key, buf);
}

static void csv_params(FILE *out, const ent_ensemble_result *r)
{
    char buf[64];

    if (r->batch_id) {
        snprintf(buf, sizeof buf, "%lld", r->batch_id);
        csv_row(out, "param", NULL, NULL, NULL, -1, "batch", buf);
        csv_row(out, "param", NULL, NULL, NULL, -1, "created", r->created);
    }
    csv_row(out, "param", NULL, NULL, NULL, -1, "version",
            r->version ? r->version : ENT_VERSION);
    csv_row(out, "param", NULL, NULL, NULL, -1, "scenario", r->scenario);
    csv_row(out, "param", NULL, NULL, NULL, -1, "title", r->title);
    csv_row(out, "param", NULL, NULL, NULL, -1, "source", r->source);
    csv_row(out, "param", NULL, NULL, NULL, -1, "period", r->period);
    snprintf(buf, sizeof buf, "%ld", r->runs);
    csv_row(out, "param", NULL, NULL, NULL, -1, "runs", buf);
    snprintf(buf, sizeof buf, "%llu", (unsigned long long)r->seed);
    csv_row(out, "param", NULL, NULL, NULL, -1, "seed", buf);
    csv_num(out, "param", NULL, NULL, NULL, -1, "noise", r->noise);
    csv_row(out, "param", NULL, NULL, NULL, -1, "perturbation", "uniform");
    csv_num(out, "param", NULL, NULL, NULL, -1, "shift",
            r->pivot_remove ? r->shift : NAN);
    for (int m = 0; m < r->n_models; m++) {
        const ent_model_record *mr = &r->models[m];

        snprintf(buf, sizeof buf, "%d", mr->rounds);
        csv_row(out, "param", mr->name, NULL, NULL, -1, "rounds", buf);
        for (int i = 0; i < mr->params.count; i++) {
            char *kv = ent_xstrdup(mr->params.items[i]);
            char *eq = strchr(kv, '=');

            if (eq)
                *eq = '\0';
            csv_row(out, "param", mr->name, NULL, NULL, -1, kv,
                    eq ? eq + 1 : "");
            free(kv);
        }
    }
}

static void csv_summary(FILE *out, const ent_ensemble_result *r, int m, int k)
{
    const ent_summary *s = &r->summary[m * r->n_issues + k];
    const char *model = r->models[m].name, *issue = r->issue_ids[k];

    csv_num(out, "summary", model, issue, NULL, -1, "n", (double)s->n);
    csv_num(out, "summary", model, issue, NULL, -1, "baseline", s->baseline);
    csv_num(out, "summary", model, issue, NULL, -1, "mean", s->mean);
    csv_num(out, "summary", model, issue, NULL, -1, "sd", s->sd);
    csv_num(out, "summary", model, issue, NULL, -1, "median", s->median);
    csv_num(out, "summary", model, issue, NULL, -1, "p5", s->p5);
    csv_num(out, "summary", model, issue, NULL, -1, "p95", s->p95);
    if (r->has_stops) {
        csv_num(out, "stops", model, issue, NULL, -1, "converged",
                (double)s->n_converged);
        csv_num(out, "stops", model, issue, NULL, -1, "cycle",
                (double)s->n_cycle);
        csv_num(out, "stops", model, issue, NULL, -1, "limit",
                (double)s->n_limit);
    }
    for (int b = 0; s->band_prob && b < r->n_bands[k]; b++)
        csv_num(out, "band", model, issue, NULL, -1, r->bands[k][b].label,
                s->band_prob[b]);
}

static void csv_pivotal(FILE *out, const ent_ensemble_result *r, int m, int k)
{
    int *order = ent_xcalloc((size_t)r->n_actors + 1, sizeof(int));
    int n = ent_pivot_rank(r, m, k, order, r->n_actors);

    for (int i = 0; i < n; i++) {
        int a = order[i];
        size_t slot = ((size_t)m * (size_t)r->n_issues + (size_t)k) *
                          (size_t)r->n_actors +
                      (size_t)a;
        const char *model = r->models[m].name, *issue = r->issue_ids[k];

        csv_num(out, "pivotal", model, issue, r->actor_ids[a], -1, "remove",
                r->pivot_remove[slot]);
        csv_num(out, "pivotal", model, issue, r->actor_ids[a], -1, "shift_up",
                r->pivot_up[slot]);
        csv_num(out, "pivotal", model, issue, r->actor_ids[a], -1, "shift_down",
                r->pivot_down[slot]);
    }
    free(order);
}

static int ensemble_write_csv_body(FILE *out, const ent_ensemble_result *r,
                                   int with_runs, ent_error *err)
{
    fputs("kind,model,issue,actor,run,key,value\n", out);
    csv_params(out, r);
    for (int k = 0; k < r->n_issues; k++)
        for (int m = 0; m < r->n_models; m++) {
            csv_summary(out, r, m, k);
            csv_pivotal(out, r, m, k);
        }
    for (long i = 0; with_runs && r->outcomes && i < r->runs; i++)
        for (int m = 0; m < r->n_models; m++)
            for (int k = 0; k < r->n_issues; k++)
                csv_num(out, "outcome", r->models[m].name, r->issue_ids[k],
                        NULL, i, NULL, ent_ensemble_outcome(r, i, m, k));
    if (ferror(out))
        return ent_fail(err, ENT_EXIT_RUNTIME, "cannot write CSV output");
    return 0;
}

int ent_ensemble_write_csv(FILE *out, const ent_ensemble_result *r,
                           int with_runs, ent_error *err)
{
    ENT_PROTECTED(int, -1, err,
                  ensemble_write_csv_body(out, r, with_runs, err));
}

/* ---- the batch list ---- */

static int batches_write_json_body(FILE *out, const ent_batch_info *b,
                                   int count, ent_error *err)
{
    json_t *list = json_array();
    int rc;

    for (int i = 0; i < count; i++)
        json_array_append_new(
            list,
            json_pack("{s:I, s:o, s:o, s:o, s:o, s:o, s:I, s:I, s:o, s:i}",
                      "batch", (json_int_t)b[i].id, "created",
                      str(b[i].created), "version", str(b[i].version),
                      "scenario", str(b[i].scenario), "period",
                      str(b[i].period), "models", str(b[i].models), "runs",
                      (json_int_t)b[i].runs, "seed", (json_int_t)b[i].seed,
                      "noise", num(b[i].noise), "issues", b[i].n_issues));
    rc = json_dumpf(list, out, JSON_INDENT(2) | JSON_REAL_PRECISION(17));
    json_decref(list);
    if (rc != 0 || fputc('\n', out) == EOF)
        return ent_fail(err, ENT_EXIT_RUNTIME, "cannot write JSON output");
    return 0;
}

int ent_batches_write_json(FILE *out, const ent_batch_info *b, int count,
                           ent_error *err)
{
    ENT_PROTECTED(int, -1, err, batches_write_json_body(out, b, count, err));
}

static int batches_write_csv_body(FILE *out, const ent_batch_info *b, int count,
                                  ent_error *err)
{
    fputs("batch,created,version,scenario,period,models,runs,seed,noise,"
          "issues\n",
          out);
    for (int i = 0; i < count; i++) {
        fprintf(out, "%lld,", b[i].id);
        ent_csv_field(out, b[i].created);
        fputc(',', out);
        ent_csv_field(out, b[i].version);
        fputc(',', out);
        ent_csv_field(out, b[i].scenario);
        fputc(',', out);
        ent_csv_field(out, b[i].period);
        fputc(',', out);
        ent_csv_field(out, b[i].models);
        fprintf(out, ",%ld,%llu,%.17g,%d\n", b[i].runs,
                (unsigned long long)b[i].seed, b[i].noise, b[i].n_issues);
    }
    if (ferror(out))
        return ent_fail(err, ENT_EXIT_RUNTIME, "cannot write CSV output");
    return 0;
}

int ent_batches_write_csv(FILE *out, const ent_batch_info *b, int count,
                          ent_error *err)
{
    ENT_PROTECTED(int, -1, err, batches_write_csv_body(out, b, count, err));
}
