/*
 * db_read.c -- reading the results database: the list of stored batches,
 * and one batch back into an ent_ensemble_result for export (its
 * exchanges included).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/db.h"
#include "util/protect.h"

static int db_list_body(ent_db *db, ent_batch_info **out, int *count,
                        ent_error *err)
{
    sqlite3_stmt *st = db_prepare(
        db,
        "SELECT b.id, b.created, b.version, b.scenario, b.period, b.runs, "
        "b.seed, b.noise, "
        "(SELECT group_concat(name, ',') FROM "
        "  (SELECT name FROM models m WHERE m.batch_id = b.id "
        "   ORDER BY model_index)), "
        "(SELECT count(*) FROM issues i WHERE i.batch_id = b.id) "
        "FROM batches b ORDER BY b.id",
        err);
    ent_batch_info *list = NULL;
    int n = 0, rc;

    *out = NULL;
    *count = 0;
    if (!st)
        return -1;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        ent_batch_info *b;

        list = ent_xrealloc(list, (size_t)(n + 1) * sizeof *list);
        b = &list[n++];
        b->id = sqlite3_column_int64(st, 0);
        b->created = db_column_strdup(st, 1);
        b->version = db_column_strdup(st, 2);
        b->scenario = db_column_strdup(st, 3);
        b->period = db_column_strdup(st, 4);
        b->runs = (long)sqlite3_column_int64(st, 5);
        b->seed = (uint64_t)sqlite3_column_int64(st, 6);
        b->noise = sqlite3_column_double(st, 7);
        b->models = db_column_strdup(st, 8);
        b->n_issues = sqlite3_column_int(st, 9);
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        ent_batch_info_free(list, n);
        return db_fail(db, ENT_EXIT_RUNTIME, "cannot list batches", err);
    }
    *out = list;
    *count = n;
    return 0;
}

void ent_batch_info_free(ent_batch_info *b, int count)
{
    for (int i = 0; b && i < count; i++) {
        free(b[i].created);
        free(b[i].version);
        free(b[i].scenario);
        free(b[i].period);
        free(b[i].models);
    }
    free(b);
}

/* One integer from a query with the batch id bound to ?1. */
static long long count_of(ent_db *db, const char *sql, long long id,
                          ent_error *err)
{
    sqlite3_stmt *st = db_prepare(db, sql, err);
    long long v = -1;

    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, id);
    if (sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
}

/* Steps a query with ?1 = batch id, calling `row` on each row. */
typedef int (*row_fn)(ent_ensemble_result *r, sqlite3_stmt *st);

static int each_row(ent_db *db, const char *sql, long long id,
                    ent_ensemble_result *r, row_fn row, ent_error *err)
{
    sqlite3_stmt *st = db_prepare(db, sql, err);
    int rc;

    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, id);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        if (row(r, st) != 0) {
            sqlite3_finalize(st);
            return ent_fail(err, ENT_EXIT_RUNTIME,
                            "%s: batch %lld is inconsistent", db->path, id);
        }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return db_fail(db, ENT_EXIT_RUNTIME, "cannot read the batch", err);
    return 0;
}

static int in(int i, int n)
{
    return i >= 0 && i < n;
}

static int row_batch(ent_ensemble_result *r, sqlite3_stmt *st)
{
    r->created = db_column_strdup(st, 0);
    r->version = db_column_strdup(st, 1);
    r->scenario = db_column_strdup(st, 2);
    r->title = db_column_strdup(st, 3);
    r->source = db_column_strdup(st, 4);
    r->period = db_column_strdup(st, 5);
    r->runs = (long)sqlite3_column_int64(st, 6);
    r->seed = (uint64_t)sqlite3_column_int64(st, 7);
    r->noise = sqlite3_column_double(st, 8);
    r->shift = db_column_real(st, 9);
    return r->runs > 0 ? 0 : -1;
}

static int row_model(ent_ensemble_result *r, sqlite3_stmt *st)
{
    int m = sqlite3_column_int(st, 0);

    if (!in(m, r->n_models) || r->models[m].name)
        return -1;
    r->models[m].name = db_column_strdup(st, 1);
    r->models[m].rounds = sqlite3_column_int(st, 2);
    return 0;
}

static int row_param(ent_ensemble_result *r, sqlite3_stmt *st)
{
    int m = sqlite3_column_int(st, 0);
    const char *name = (const char *)sqlite3_column_text(st, 1);
    const char *value = (const char *)sqlite3_column_text(st, 2);
    size_t len;
    char *kv;

    if (!in(m, r->n_models) || !name || !value)
        return -1;
    len = strlen(name) + strlen(value) + 2;
    kv = ent_xmalloc(len);
    snprintf(kv, len, "%s=%s", name, value);
    ent_strlist_push(&r->models[m].params, kv);
    free(kv);
    return 0;
}

static int row_issue(ent_ensemble_result *r, sqlite3_stmt *st)
{
    int k = sqlite3_column_int(st, 0);

    if (!in(k, r->n_issues) || r->issue_ids[k])
        return -1;
    r->issue_ids[k] = db_column_strdup(st, 1);
    r->issue_names[k] = db_column_strdup(st, 2);
    r->scale_min[k] = sqlite3_column_double(st, 3);
    r->scale_max[k] = sqlite3_column_double(st, 4);
    return 0;
}

/* Bands arrive ordered by (issue, band), so each issue's grow in order. */
static int row_band(ent_ensemble_result *r, sqlite3_stmt *st)
{
    int k = sqlite3_column_int(st, 0), b = sqlite3_column_int(st, 1);
    ent_band *band;

    if (!in(k, r->n_issues) || b != r->n_bands[k])
        return -1;
    r->bands[k] = ent_xrealloc(r->bands[k], (size_t)(b + 1) * sizeof(ent_band));
    band = &r->bands[k][b];
    band->anchor = sqlite3_column_double(st, 2);
    band->lower = sqlite3_column_double(st, 3);
    band->upper = sqlite3_column_double(st, 4);
    band->label = db_column_strdup(st, 5);
    if (!band->label)
        band->label = ent_xstrdup("");
    r->n_bands[k]++;
    return 0;
}

static int row_actor(ent_ensemble_result *r, sqlite3_stmt *st)
{
    int a = sqlite3_column_int(st, 0);

    if (!in(a, r->n_actors) || r->actor_ids[a])
        return -1;
    r->actor_ids[a] = db_column_strdup(st, 1);
    r->actor_names[a] = db_column_strdup(st, 2);
    return 0;
}

static int row_outcome(ent_ensemble_result *r, sqlite3_stmt *st)
{
    int m = sqlite3_column_int(st, 0), k = sqlite3_column_int(st, 1);
    sqlite3_int64 run = sqlite3_column_int64(st, 2);

    if (!in(m, r->n_models) || !in(k, r->n_issues) || run < 0 || run >= r->runs)
        return -1;
    r->outcomes[((size_t)run * (size_t)r->n_models + (size_t)m) *
                    (size_t)r->n_issues +
                (size_t)k] = db_column_real(st, 3);
    return 0;
}

static int row_summary(ent_ensemble_result *r, sqlite3_stmt *st)
{
    int m = sqlite3_column_int(st, 0), k = sqlite3_column_int(st, 1);
    ent_summary *s;

    if (!in(m, r->n_models) || !in(k, r->n_issues))
        return -1;
    s = &r->summary[m * r->n_issues + k];
    s->n = (long)sqlite3_column_int64(st, 2);
    s->baseline = db_column_real(st, 3);
    s->mean = db_column_real(st, 4);
    s->sd = db_column_real(st, 5);
    s->median = db_column_real(st, 6);
    s->p5 = db_column_real(st, 7);
    s->p95 = db_column_real(st, 8);
    return 0;
}

static int row_stop_counts(ent_ensemble_result *r, sqlite3_stmt *st)
{
    int m = sqlite3_column_int(st, 0), k = sqlite3_column_int(st, 1);
    ent_summary *s;

    if (!in(m, r->n_models) || !in(k, r->n_issues))
        return -1;
    s = &r->summary[m * r->n_issues + k];
    s->n_converged = (long)sqlite3_column_int64(st, 2);
    s->n_cycle = (long)sqlite3_column_int64(st, 3);
    s->n_limit = (long)sqlite3_column_int64(st, 4);
    r->has_stops = 1;
    return 0;
}

static int row_band_prob(ent_ensemble_result *r, sqlite3_stmt *st)
{
    int m = sqlite3_column_int(st, 0), k = sqlite3_column_int(st, 1);
    int b = sqlite3_column_int(st, 2);
    ent_summary *s;

    if (!in(m, r->n_models) || !in(k, r->n_issues) || !in(b, r->n_bands[k]))
        return -1;
    s = &r->summary[m * r->n_issues + k];
    if (!s->band_prob)
        s->band_prob = ent_xcalloc((size_t)r->n_bands[k], sizeof(double));
    s->band_prob[b] = db_column_real(st, 3);
    return 0;
}

static int row_pivotal(ent_ensemble_result *r, sqlite3_stmt *st)
{
    int m = sqlite3_column_int(st, 0), k = sqlite3_column_int(st, 1);
    int a = sqlite3_column_int(st, 2);
    size_t slot;

    if (!in(m, r->n_models) || !in(k, r->n_issues) || !in(a, r->n_actors))
        return -1;
    slot = ((size_t)m * (size_t)r->n_issues + (size_t)k) * (size_t)r->n_actors +
           (size_t)a;
    r->pivot_remove[slot] = db_column_real(st, 3);
    r->pivot_up[slot] = db_column_real(st, 4);
    r->pivot_down[slot] = db_column_real(st, 5);
    return 0;
}

/* Rows in (model, run, seq) order, appended in that order. */
static int row_exchange(ent_ensemble_result *r, sqlite3_stmt *st)
{
    ent_run_exchange e = {0};
    sqlite3_int64 run = sqlite3_column_int64(st, 1);

    e.model = sqlite3_column_int(st, 0);
    e.run = (long)run;
    e.x.round = sqlite3_column_int(st, 2);
    e.x.actor_i = sqlite3_column_int(st, 3);
    e.x.supply_i = sqlite3_column_int(st, 4);
    e.x.from_i = db_column_real(st, 5);
    e.x.to_i = db_column_real(st, 6);
    e.x.actor_j = sqlite3_column_int(st, 7);
    e.x.supply_j = sqlite3_column_int(st, 8);
    e.x.from_j = db_column_real(st, 9);
    e.x.to_j = db_column_real(st, 10);
    e.x.gain = db_column_real(st, 11);
    if (!in(e.model, r->n_models) || run < -1 || run >= r->runs ||
        !in(e.x.actor_i, r->n_actors) || !in(e.x.actor_j, r->n_actors) ||
        !in(e.x.supply_i, r->n_issues) || !in(e.x.supply_j, r->n_issues))
        return -1;
    /* capacity: the next power of two */
    if ((r->n_exchanges & (r->n_exchanges - 1)) == 0)
        r->exchanges = ent_xrealloc(
            r->exchanges,
            (size_t)(r->n_exchanges ? 2 * r->n_exchanges : 1) * sizeof e);
    r->exchanges[r->n_exchanges++] = e;
    return 0;
}

static double *nan_array(size_t n)
{
    double *v = ent_xmalloc((n ? n : 1) * sizeof(double));

    for (size_t i = 0; i < n; i++)
        v[i] = NAN;
    return v;
}

/* The rows of every table of batch `id`, in dependency order. */
static int load_rows(ent_db *db, long long id, ent_ensemble_result *r,
                     ent_error *err)
{
    static const struct {
        const char *sql;
        row_fn fn;
    } q[] = {
        {"SELECT created, version, scenario, title, source, period, runs, "
         "seed, noise, shift FROM batches WHERE id = ?1",
         row_batch},
        {"SELECT model_index, name, rounds FROM models WHERE batch_id = ?1",
         row_model},
        {"SELECT model_index, name, value FROM model_params "
         "WHERE batch_id = ?1 ORDER BY model_index, param_index",
         row_param},
        {"SELECT issue_index, id, name, scale_min, scale_max FROM issues "
         "WHERE batch_id = ?1",
         row_issue},
        {"SELECT issue_index, band_index, anchor, lower, upper, label "
         "FROM bands WHERE batch_id = ?1 ORDER BY issue_index, band_index",
         row_band},
        {"SELECT actor_index, id, name FROM actors WHERE batch_id = ?1",
         row_actor},
    };

    for (size_t i = 0; i < sizeof q / sizeof q[0]; i++)
        if (each_row(db, q[i].sql, id, r, q[i].fn, err) != 0)
            return -1;
    return 0;
}

static int load_results(ent_db *db, long long id, ent_ensemble_result *r,
                        ent_error *err)
{
    size_t cells = (size_t)r->n_models * (size_t)r->n_issues;

    r->outcomes = nan_array((size_t)r->runs * cells);
    if (each_row(db,
                 "SELECT model_index, issue_index, run, value FROM "
                 "outcomes WHERE batch_id = ?1",
                 id, r, row_outcome, err) != 0 ||
        each_row(db,
                 "SELECT model_index, issue_index, n, baseline, mean, "
                 "sd, median, p5, p95 FROM summaries WHERE batch_id = ?1",
                 id, r, row_summary, err) != 0 ||
        each_row(db,
                 "SELECT model_index, issue_index, band_index, "
                 "probability FROM band_probabilities WHERE batch_id = ?1",
                 id, r, row_band_prob, err) != 0)
        return -1;
    if (db->version >= 2 &&
        each_row(db,
                 "SELECT model_index, issue_index, converged, cycle, "
                 "unsettled FROM stop_counts WHERE batch_id = ?1",
                 id, r, row_stop_counts, err) != 0)
        return -1;
    if (db->version >= 3 &&
        each_row(db,
                 "SELECT model_index, run, round, actor_i, supply_i, from_i, "
                 "to_i, actor_j, supply_j, from_j, to_j, gain FROM exchanges "
                 "WHERE batch_id = ?1 ORDER BY model_index, run, seq",
                 id, r, row_exchange, err) != 0)
        return -1;
    if (!isfinite(r->shift))
        return 0;
    r->pivot_remove = nan_array(cells * (size_t)r->n_actors);
    r->pivot_up = nan_array(cells * (size_t)r->n_actors);
    r->pivot_down = nan_array(cells * (size_t)r->n_actors);
    return each_row(db,
                    "SELECT model_index, issue_index, actor_index, "
                    "remove_delta, shift_up_delta, shift_down_delta "
                    "FROM pivotal WHERE batch_id = ?1",
                    id, r, row_pivotal, err);
}

static int db_load_body(ent_db *db, long long id, ent_ensemble_result **out,
                        ent_error *err)
{
    long long nm, nk, na, exists;
    ent_ensemble_result *r;

    *out = NULL;
    exists =
        count_of(db, "SELECT count(*) FROM batches WHERE id = ?1", id, err);
    if (exists < 0)
        return -1;
    if (exists == 0)
        return ent_fail(err, ENT_EXIT_INPUT, "%s: no batch %lld", db->path, id);
    nm = count_of(db, "SELECT count(*) FROM models WHERE batch_id = ?1", id,
                  err);
    nk = count_of(db, "SELECT count(*) FROM issues WHERE batch_id = ?1", id,
                  err);
    na = count_of(db, "SELECT count(*) FROM actors WHERE batch_id = ?1", id,
                  err);
    if (nm < 0 || nk < 0 || na < 0)
        return -1;
    r = ent_ensemble_result_new((int)nm, (int)nk, (int)na);
    r->batch_id = id;
    if (load_rows(db, id, r, err) != 0 || load_results(db, id, r, err) != 0) {
        ent_ensemble_free(r);
        return -1;
    }
    *out = r;
    return 0;
}

/* The protected calls of the two readers (db_protected). */
typedef struct read_call {
    ent_db *db;
    long long id;
    ent_batch_info **list;
    int *count;
    ent_ensemble_result **result;
} read_call;

static int list_call_run(void *ctx, ent_error *err)
{
    const read_call *c = ctx;

    return db_list_body(c->db, c->list, c->count, err);
}

int ent_db_list(ent_db *db, ent_batch_info **out, int *count, ent_error *err)
{
    read_call c = {NULL, 0, NULL, NULL, NULL};

    *out = NULL; /* the body sets them only when it succeeds */
    *count = 0;
    c.db = db;
    c.list = out;
    c.count = count;
    return db_protected(db, list_call_run, &c, err);
}

static int load_call_run(void *ctx, ent_error *err)
{
    const read_call *c = ctx;

    return db_load_body(c->db, c->id, c->result, err);
}

int ent_db_load(ent_db *db, long long id, ent_ensemble_result **out,
                ent_error *err)
{
    read_call c = {db, id, NULL, NULL, out};

    /* the body sets *out only when it succeeds */
    return db_protected(db, load_call_run, &c, err);
}
