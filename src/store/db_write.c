/*
 * db_write.c -- storing one ensemble result as a batch.
 *
 * Everything goes in one transaction (BEGIN IMMEDIATE ... COMMIT) through
 * prepared statements; any error rolls the transaction back, and a process
 * killed mid-write leaves SQLite's journal to undo it, so no batch is ever
 * half stored.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "store/db.h"
#include "util/protect.h"

/* Binds values and steps one INSERT, then resets it for reuse. */
static int step_insert(ent_db *db, sqlite3_stmt *st, ent_error *err)
{
    int rc = sqlite3_step(st);

    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    if (rc != SQLITE_DONE)
        return db_fail(db, ENT_EXIT_RUNTIME, "cannot store the batch", err);
    return 0;
}

static void utc_now(char *buf, size_t size)
{
    time_t now = time(NULL);
    struct tm tm;

    gmtime_r(&now, &tm);
    strftime(buf, size, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static int put_batch(ent_db *db, const ent_ensemble_result *r, long long *id,
                     ent_error *err)
{
    sqlite3_stmt *st = db_prepare(
        db,
        "INSERT INTO batches (created, version, scenario, title, source, "
        "period, runs, seed, noise, shift, perturbation) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'uniform')",
        err);
    char now[32];
    int rc;

    if (!st)
        return -1;
    utc_now(now, sizeof now);
    db_bind_text(st, 1, now);
    db_bind_text(st, 2, ENT_VERSION);
    db_bind_text(st, 3, r->scenario);
    db_bind_text(st, 4, r->title);
    db_bind_text(st, 5, r->source);
    db_bind_text(st, 6, r->period);
    sqlite3_bind_int64(st, 7, r->runs);
    sqlite3_bind_int64(st, 8, (sqlite3_int64)r->seed);
    db_bind_real(st, 9, r->noise);
    if (r->pivot_remove)
        db_bind_real(st, 10, r->shift);
    rc = step_insert(db, st, err);
    sqlite3_finalize(st);
    *id = sqlite3_last_insert_rowid(db->sql);
    return rc;
}

static int put_models(ent_db *db, const ent_ensemble_result *r, long long id,
                      ent_error *err)
{
    sqlite3_stmt *sm =
        db_prepare(db, "INSERT INTO models VALUES (?,?,?,?)", err);
    sqlite3_stmt *sp = sm ? db_prepare(db,
                                       "INSERT INTO model_params "
                                       "VALUES (?,?,?,?,?)",
                                       err)
                          : NULL;
    int rc = sp ? 0 : -1;

    for (int m = 0; rc == 0 && m < r->n_models; m++) {
        const ent_model_record *mr = &r->models[m];

        sqlite3_bind_int64(sm, 1, id);
        sqlite3_bind_int(sm, 2, m);
        db_bind_text(sm, 3, mr->name);
        sqlite3_bind_int(sm, 4, mr->rounds);
        rc = step_insert(db, sm, err);
        for (int i = 0; rc == 0 && i < mr->params.count; i++) {
            const char *kv = mr->params.items[i], *eq = strchr(kv, '=');
            size_t len = eq ? (size_t)(eq - kv) : strlen(kv);

            sqlite3_bind_int64(sp, 1, id);
            sqlite3_bind_int(sp, 2, m);
            sqlite3_bind_int(sp, 3, i);
            sqlite3_bind_text(sp, 4, kv, (int)len, SQLITE_TRANSIENT);
            db_bind_text(sp, 5, eq ? eq + 1 : "");
            rc = step_insert(db, sp, err);
        }
    }
    sqlite3_finalize(sm);
    sqlite3_finalize(sp);
    return rc;
}

static int put_issues(ent_db *db, const ent_ensemble_result *r, long long id,
                      ent_error *err)
{
    sqlite3_stmt *si =
        db_prepare(db, "INSERT INTO issues VALUES (?,?,?,?,?,?)", err);
    sqlite3_stmt *sb = si ? db_prepare(db,
                                       "INSERT INTO bands "
                                       "VALUES (?,?,?,?,?,?,?)",
                                       err)
                          : NULL;
    int rc = sb ? 0 : -1;

    for (int k = 0; rc == 0 && k < r->n_issues; k++) {
        sqlite3_bind_int64(si, 1, id);
        sqlite3_bind_int(si, 2, k);
        db_bind_text(si, 3, r->issue_ids[k]);
        db_bind_text(si, 4, r->issue_names[k]);
        sqlite3_bind_double(si, 5, r->scale_min[k]);
        sqlite3_bind_double(si, 6, r->scale_max[k]);
        rc = step_insert(db, si, err);
        for (int b = 0; rc == 0 && b < r->n_bands[k]; b++) {
            const ent_band *band = &r->bands[k][b];

            sqlite3_bind_int64(sb, 1, id);
            sqlite3_bind_int(sb, 2, k);
            sqlite3_bind_int(sb, 3, b);
            sqlite3_bind_double(sb, 4, band->anchor);
            sqlite3_bind_double(sb, 5, band->lower);
            sqlite3_bind_double(sb, 6, band->upper);
            db_bind_text(sb, 7, band->label);
            rc = step_insert(db, sb, err);
        }
    }
    sqlite3_finalize(si);
    sqlite3_finalize(sb);
    return rc;
}

static int put_actors(ent_db *db, const ent_ensemble_result *r, long long id,
                      ent_error *err)
{
    sqlite3_stmt *st =
        db_prepare(db, "INSERT INTO actors VALUES (?,?,?,?)", err);
    int rc = st ? 0 : -1;

    for (int a = 0; rc == 0 && a < r->n_actors; a++) {
        sqlite3_bind_int64(st, 1, id);
        sqlite3_bind_int(st, 2, a);
        db_bind_text(st, 3, r->actor_ids[a]);
        db_bind_text(st, 4, r->actor_names[a]);
        rc = step_insert(db, st, err);
    }
    sqlite3_finalize(st);
    return rc;
}

/* Every run's outcome, in primary-key order (model, issue, run). */
static int put_outcomes(ent_db *db, const ent_ensemble_result *r, long long id,
                        ent_error *err)
{
    sqlite3_stmt *st =
        db_prepare(db, "INSERT INTO outcomes VALUES (?,?,?,?,?)", err);
    int rc = st ? 0 : -1;

    for (int m = 0; rc == 0 && m < r->n_models; m++)
        for (int k = 0; rc == 0 && k < r->n_issues; k++)
            for (long i = 0; rc == 0 && i < r->runs; i++) {
                sqlite3_bind_int64(st, 1, id);
                sqlite3_bind_int(st, 2, m);
                sqlite3_bind_int(st, 3, k);
                sqlite3_bind_int64(st, 4, i);
                db_bind_real(st, 5, ent_ensemble_outcome(r, i, m, k));
                rc = step_insert(db, st, err);
            }
    sqlite3_finalize(st);
    return rc;
}

static int put_summary(ent_db *db, sqlite3_stmt *ss, sqlite3_stmt *sb,
                       const ent_ensemble_result *r, long long id, int m, int k,
                       ent_error *err)
{
    const ent_summary *s = &r->summary[m * r->n_issues + k];
    int rc;

    sqlite3_bind_int64(ss, 1, id);
    sqlite3_bind_int(ss, 2, m);
    sqlite3_bind_int(ss, 3, k);
    sqlite3_bind_int64(ss, 4, s->n);
    db_bind_real(ss, 5, s->baseline);
    db_bind_real(ss, 6, s->mean);
    db_bind_real(ss, 7, s->sd);
    db_bind_real(ss, 8, s->median);
    db_bind_real(ss, 9, s->p5);
    db_bind_real(ss, 10, s->p95);
    rc = step_insert(db, ss, err);
    for (int b = 0; rc == 0 && s->band_prob && b < r->n_bands[k]; b++) {
        sqlite3_bind_int64(sb, 1, id);
        sqlite3_bind_int(sb, 2, m);
        sqlite3_bind_int(sb, 3, k);
        sqlite3_bind_int(sb, 4, b);
        db_bind_real(sb, 5, s->band_prob[b]);
        rc = step_insert(db, sb, err);
    }
    return rc;
}

static int put_summaries(ent_db *db, const ent_ensemble_result *r, long long id,
                         ent_error *err)
{
    sqlite3_stmt *ss = db_prepare(
        db, "INSERT INTO summaries VALUES (?,?,?,?,?,?,?,?,?,?)", err);
    sqlite3_stmt *sb = ss ? db_prepare(db,
                                       "INSERT INTO band_probabilities "
                                       "VALUES (?,?,?,?,?)",
                                       err)
                          : NULL;
    int rc = sb ? 0 : -1;

    for (int m = 0; rc == 0 && m < r->n_models; m++)
        for (int k = 0; rc == 0 && k < r->n_issues; k++)
            rc = put_summary(db, ss, sb, r, id, m, k, err);
    sqlite3_finalize(ss);
    sqlite3_finalize(sb);
    return rc;
}

/* How the runs of each model on each issue ended, when known. */
static int put_stop_counts(ent_db *db, const ent_ensemble_result *r,
                           long long id, ent_error *err)
{
    sqlite3_stmt *st;
    int rc = 0;

    if (!r->has_stops)
        return 0;
    st = db_prepare(db, "INSERT INTO stop_counts VALUES (?,?,?,?,?,?)", err);
    if (!st)
        return -1;
    for (int m = 0; rc == 0 && m < r->n_models; m++)
        for (int k = 0; rc == 0 && k < r->n_issues; k++) {
            const ent_summary *s = &r->summary[m * r->n_issues + k];

            sqlite3_bind_int64(st, 1, id);
            sqlite3_bind_int(st, 2, m);
            sqlite3_bind_int(st, 3, k);
            sqlite3_bind_int64(st, 4, s->n_converged);
            sqlite3_bind_int64(st, 5, s->n_cycle);
            sqlite3_bind_int64(st, 6, s->n_limit);
            rc = step_insert(db, st, err);
        }
    sqlite3_finalize(st);
    return rc;
}

/* Pivotal deltas of every actor present on an issue (some delta defined). */
static int put_pivotal(ent_db *db, const ent_ensemble_result *r, long long id,
                       ent_error *err)
{
    sqlite3_stmt *st;
    int rc;

    if (!r->pivot_remove)
        return 0;
    st = db_prepare(db, "INSERT INTO pivotal VALUES (?,?,?,?,?,?,?)", err);
    rc = st ? 0 : -1;
    for (int m = 0; rc == 0 && m < r->n_models; m++)
        for (int k = 0; rc == 0 && k < r->n_issues; k++)
            for (int a = 0; rc == 0 && a < r->n_actors; a++) {
                size_t slot = ((size_t)m * (size_t)r->n_issues + (size_t)k) *
                                  (size_t)r->n_actors +
                              (size_t)a;

                if (!isfinite(ent_pivot_largest(r, m, k, a, NULL)))
                    continue;
                sqlite3_bind_int64(st, 1, id);
                sqlite3_bind_int(st, 2, m);
                sqlite3_bind_int(st, 3, k);
                sqlite3_bind_int(st, 4, a);
                db_bind_real(st, 5, r->pivot_remove[slot]);
                db_bind_real(st, 6, r->pivot_up[slot]);
                db_bind_real(st, 7, r->pivot_down[slot]);
                rc = step_insert(db, st, err);
            }
    sqlite3_finalize(st);
    return rc;
}

static int put_exchange(ent_db *db, sqlite3_stmt *st, long long id, long seq,
                        const ent_run_exchange *e, ent_error *err)
{
    const ent_exchange *x = &e->x;

    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_int(st, 2, e->model);
    sqlite3_bind_int64(st, 3, e->run);
    sqlite3_bind_int64(st, 4, seq);
    sqlite3_bind_int(st, 5, x->round);
    sqlite3_bind_int(st, 6, x->actor_i);
    sqlite3_bind_int(st, 7, x->supply_i);
    db_bind_real(st, 8, x->from_i);
    db_bind_real(st, 9, x->to_i);
    sqlite3_bind_int(st, 10, x->actor_j);
    sqlite3_bind_int(st, 11, x->supply_j);
    db_bind_real(st, 12, x->from_j);
    db_bind_real(st, 13, x->to_j);
    db_bind_real(st, 14, x->gain);
    return step_insert(db, st, err);
}

/* seq counts from 1 within each (model, run). */
static int put_exchanges(ent_db *db, const ent_ensemble_result *r, long long id,
                         ent_error *err)
{
    sqlite3_stmt *st;
    long seq = 0;
    int rc;

    if (r->n_exchanges == 0)
        return 0;
    st = db_prepare(db,
                    "INSERT INTO exchanges VALUES "
                    "(?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    err);
    rc = st ? 0 : -1;
    for (long i = 0; rc == 0 && i < r->n_exchanges; i++) {
        const ent_run_exchange *e = &r->exchanges[i];

        seq = i > 0 && e->model == e[-1].model && e->run == e[-1].run ? seq + 1
                                                                      : 1;
        rc = put_exchange(db, st, id, seq, e, err);
    }
    sqlite3_finalize(st);
    return rc;
}

static int db_write_body(ent_db *db, const ent_ensemble_result *r,
                         long long *id, ent_error *err)
{
    long long batch = 0;
    int rc;

    if (!r->is_root || !r->outcomes)
        return ent_fail(err, ENT_EXIT_RUNTIME,
                        "%s: only a complete ensemble result can be stored",
                        db->path);
    if (db_exec(db, "BEGIN IMMEDIATE", err) != 0)
        return -1;
    rc = put_batch(db, r, &batch, err);
    if (rc == 0)
        rc = put_models(db, r, batch, err);
    if (rc == 0)
        rc = put_issues(db, r, batch, err);
    if (rc == 0)
        rc = put_actors(db, r, batch, err);
    if (rc == 0)
        rc = put_outcomes(db, r, batch, err);
    if (rc == 0)
        rc = put_summaries(db, r, batch, err);
    if (rc == 0)
        rc = put_stop_counts(db, r, batch, err);
    if (rc == 0)
        rc = put_pivotal(db, r, batch, err);
    if (rc == 0)
        rc = put_exchanges(db, r, batch, err);
    if (rc == 0)
        rc = db_exec(db, "COMMIT", err);
    if (rc != 0) {
        sqlite3_exec(db->sql, "ROLLBACK", NULL, NULL, NULL);
        return -1;
    }
    if (id)
        *id = batch;
    return 0;
}

typedef struct write_call {
    ent_db *db;
    const ent_ensemble_result *r;
    long long *id;
} write_call;

static int write_call_run(void *ctx, ent_error *err)
{
    const write_call *c = ctx;

    return db_write_body(c->db, c->r, c->id, err);
}

int ent_db_write(ent_db *db, const ent_ensemble_result *r, long long *id,
                 ent_error *err)
{
    write_call c;

    if (id) /* set only when the batch is stored */
        *id = 0;
    c.db = db;
    c.r = r;
    c.id = id;
    return db_protected(db, write_call_run, &c, err);
}
