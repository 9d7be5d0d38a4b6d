/*
 * db.c -- opening the results database and creating its schema.
 *
 * The schema (documented column by column in docs/storage.md) is one
 * batch per ensemble and child tables keyed by (batch_id, index...).  It
 * is created idempotently; PRAGMA user_version records its version.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "store/db.h"
#include "util/protect.h"

#define DB_SCHEMA_VERSION 3 /* 2: stop_counts, 3: exchanges */
#define DB_SCHEMA_TEXT "3"

static const char db_schema[] =
    "CREATE TABLE IF NOT EXISTS batches (\n"
    "  id           INTEGER PRIMARY KEY,\n"
    "  created      TEXT    NOT NULL,\n"
    "  version      TEXT    NOT NULL,\n"
    "  scenario     TEXT,\n"
    "  title        TEXT,\n"
    "  source       TEXT,\n"
    "  period       TEXT,\n"
    "  runs         INTEGER NOT NULL CHECK (runs > 0),\n"
    "  seed         INTEGER NOT NULL,\n"
    "  noise        REAL    NOT NULL,\n"
    "  shift        REAL,\n"
    "  perturbation TEXT    NOT NULL\n"
    ");\n"
    "CREATE TABLE IF NOT EXISTS models (\n"
    "  batch_id    INTEGER NOT NULL REFERENCES batches(id) ON DELETE CASCADE,\n"
    "  model_index INTEGER NOT NULL,\n"
    "  name        TEXT    NOT NULL,\n"
    "  rounds      INTEGER NOT NULL,\n"
    "  PRIMARY KEY (batch_id, model_index)\n"
    ");\n"
    "CREATE TABLE IF NOT EXISTS model_params (\n"
    "  batch_id    INTEGER NOT NULL REFERENCES batches(id) ON DELETE CASCADE,\n"
    "  model_index INTEGER NOT NULL,\n"
    "  param_index INTEGER NOT NULL,\n"
    "  name        TEXT    NOT NULL,\n"
    "  value       TEXT    NOT NULL,\n"
    "  PRIMARY KEY (batch_id, model_index, param_index)\n"
    ");\n"
    "CREATE TABLE IF NOT EXISTS issues (\n"
    "  batch_id    INTEGER NOT NULL REFERENCES batches(id) ON DELETE CASCADE,\n"
    "  issue_index INTEGER NOT NULL,\n"
    "  id          TEXT    NOT NULL,\n"
    "  name        TEXT,\n"
    "  scale_min   REAL    NOT NULL,\n"
    "  scale_max   REAL    NOT NULL,\n"
    "  PRIMARY KEY (batch_id, issue_index)\n"
    ");\n"
    "CREATE TABLE IF NOT EXISTS bands (\n"
    "  batch_id    INTEGER NOT NULL REFERENCES batches(id) ON DELETE CASCADE,\n"
    "  issue_index INTEGER NOT NULL,\n"
    "  band_index  INTEGER NOT NULL,\n"
    "  anchor      REAL    NOT NULL,\n"
    "  lower       REAL    NOT NULL,\n"
    "  upper       REAL    NOT NULL,\n"
    "  label       TEXT    NOT NULL,\n"
    "  PRIMARY KEY (batch_id, issue_index, band_index)\n"
    ");\n"
    "CREATE TABLE IF NOT EXISTS actors (\n"
    "  batch_id    INTEGER NOT NULL REFERENCES batches(id) ON DELETE CASCADE,\n"
    "  actor_index INTEGER NOT NULL,\n"
    "  id          TEXT    NOT NULL,\n"
    "  name        TEXT,\n"
    "  PRIMARY KEY (batch_id, actor_index)\n"
    ");\n"
    "CREATE TABLE IF NOT EXISTS outcomes (\n"
    "  batch_id    INTEGER NOT NULL REFERENCES batches(id) ON DELETE CASCADE,\n"
    "  model_index INTEGER NOT NULL,\n"
    "  issue_index INTEGER NOT NULL,\n"
    "  run         INTEGER NOT NULL,\n"
    "  value       REAL,\n"
    "  PRIMARY KEY (batch_id, model_index, issue_index, run)\n"
    ") WITHOUT ROWID;\n"
    "CREATE TABLE IF NOT EXISTS summaries (\n"
    "  batch_id    INTEGER NOT NULL REFERENCES batches(id) ON DELETE CASCADE,\n"
    "  model_index INTEGER NOT NULL,\n"
    "  issue_index INTEGER NOT NULL,\n"
    "  n           INTEGER NOT NULL,\n"
    "  baseline    REAL,\n"
    "  mean        REAL,\n"
    "  sd          REAL,\n"
    "  median      REAL,\n"
    "  p5          REAL,\n"
    "  p95         REAL,\n"
    "  PRIMARY KEY (batch_id, model_index, issue_index)\n"
    ");\n"
    "CREATE TABLE IF NOT EXISTS band_probabilities (\n"
    "  batch_id    INTEGER NOT NULL REFERENCES batches(id) ON DELETE CASCADE,\n"
    "  model_index INTEGER NOT NULL,\n"
    "  issue_index INTEGER NOT NULL,\n"
    "  band_index  INTEGER NOT NULL,\n"
    "  probability REAL,\n"
    "  PRIMARY KEY (batch_id, model_index, issue_index, band_index)\n"
    ");\n"
    "CREATE TABLE IF NOT EXISTS pivotal (\n"
    "  batch_id    INTEGER NOT NULL REFERENCES batches(id) ON DELETE CASCADE,\n"
    "  model_index INTEGER NOT NULL,\n"
    "  issue_index INTEGER NOT NULL,\n"
    "  actor_index INTEGER NOT NULL,\n"
    "  remove_delta     REAL,\n"
    "  shift_up_delta   REAL,\n"
    "  shift_down_delta REAL,\n"
    "  PRIMARY KEY (batch_id, model_index, issue_index, actor_index)\n"
    ");\n"
    "CREATE TABLE IF NOT EXISTS stop_counts (\n"
    "  batch_id    INTEGER NOT NULL REFERENCES batches(id) ON DELETE CASCADE,\n"
    "  model_index INTEGER NOT NULL,\n"
    "  issue_index INTEGER NOT NULL,\n"
    "  converged   INTEGER NOT NULL,\n"
    "  cycle       INTEGER NOT NULL,\n"
    "  unsettled   INTEGER NOT NULL,\n"
    "  PRIMARY KEY (batch_id, model_index, issue_index)\n"
    ");\n"
    "CREATE TABLE IF NOT EXISTS exchanges (\n"
    "  batch_id    INTEGER NOT NULL REFERENCES batches(id) ON DELETE CASCADE,\n"
    "  model_index INTEGER NOT NULL,\n"
    "  run         INTEGER NOT NULL,\n"
    "  seq         INTEGER NOT NULL,\n"
    "  round       INTEGER NOT NULL,\n"
    "  actor_i     INTEGER NOT NULL,\n"
    "  supply_i    INTEGER NOT NULL,\n"
    "  from_i      REAL,\n"
    "  to_i        REAL,\n"
    "  actor_j     INTEGER NOT NULL,\n"
    "  supply_j    INTEGER NOT NULL,\n"
    "  from_j      REAL,\n"
    "  to_j        REAL,\n"
    "  gain        REAL,\n"
    "  PRIMARY KEY (batch_id, model_index, run, seq)\n"
    ") WITHOUT ROWID;\n"
    "CREATE VIEW IF NOT EXISTS exchanges_named AS\n"
    "  SELECT x.batch_id, m.name AS model, x.run, x.seq, x.round,\n"
    "         ai.id AS actor_i, ii.id AS supply_i, x.from_i, x.to_i,\n"
    "         aj.id AS actor_j, ij.id AS supply_j, x.from_j, x.to_j, x.gain\n"
    "  FROM exchanges x\n"
    "  JOIN models m ON m.batch_id = x.batch_id AND m.model_index = "
    "x.model_index\n"
    "  JOIN actors ai ON ai.batch_id = x.batch_id AND ai.actor_index = "
    "x.actor_i\n"
    "  JOIN actors aj ON aj.batch_id = x.batch_id AND aj.actor_index = "
    "x.actor_j\n"
    "  JOIN issues ii ON ii.batch_id = x.batch_id AND ii.issue_index = "
    "x.supply_i\n"
    "  JOIN issues ij ON ij.batch_id = x.batch_id AND ij.issue_index = "
    "x.supply_j;\n"
    "CREATE VIEW IF NOT EXISTS outcomes_named AS\n"
    "  SELECT o.batch_id, o.run, m.name AS model, i.id AS issue, o.value\n"
    "  FROM outcomes o\n"
    "  JOIN models m ON m.batch_id = o.batch_id AND m.model_index = "
    "o.model_index\n"
    "  JOIN issues i ON i.batch_id = o.batch_id AND i.issue_index = "
    "o.issue_index;\n"
    "CREATE VIEW IF NOT EXISTS summaries_named AS\n"
    "  SELECT s.batch_id, m.name AS model, i.id AS issue, s.n, s.baseline,\n"
    "         s.mean, s.sd, s.median, s.p5, s.p95\n"
    "  FROM summaries s\n"
    "  JOIN models m ON m.batch_id = s.batch_id AND m.model_index = "
    "s.model_index\n"
    "  JOIN issues i ON i.batch_id = s.batch_id AND i.issue_index = "
    "s.issue_index;\n";

int db_fail(ent_db *db, int code, const char *context, ent_error *err)
{
    return ent_fail(err, code, "%s: %s: %s", db->path, context,
                    db->sql ? sqlite3_errmsg(db->sql) : "cannot open");
}

int db_exec(ent_db *db, const char *sql, ent_error *err)
{
    if (sqlite3_exec(db->sql, sql, NULL, NULL, NULL) != SQLITE_OK)
        return db_fail(db, ENT_EXIT_RUNTIME, "database error", err);
    return 0;
}

sqlite3_stmt *db_prepare(ent_db *db, const char *sql, ent_error *err)
{
    sqlite3_stmt *st = NULL;

    if (sqlite3_prepare_v2(db->sql, sql, -1, &st, NULL) != SQLITE_OK) {
        db_fail(db, ENT_EXIT_RUNTIME, "database error", err);
        sqlite3_finalize(st);
        return NULL;
    }
    return st;
}

int db_bind_real(sqlite3_stmt *st, int col, double v)
{
    return isfinite(v) ? sqlite3_bind_double(st, col, v)
                       : sqlite3_bind_null(st, col);
}

int db_bind_text(sqlite3_stmt *st, int col, const char *s)
{
    return s ? sqlite3_bind_text(st, col, s, -1, SQLITE_TRANSIENT)
             : sqlite3_bind_null(st, col);
}

double db_column_real(sqlite3_stmt *st, int col)
{
    return sqlite3_column_type(st, col) == SQLITE_NULL
               ? NAN
               : sqlite3_column_double(st, col);
}

char *db_column_strdup(sqlite3_stmt *st, int col)
{
    const unsigned char *s = sqlite3_column_text(st, col);

    return s ? ent_xstrdup((const char *)s) : NULL;
}

/* Creates the schema, or checks that an existing database has it. */
static int db_schema_init(ent_db *db, int create, ent_error *err)
{
    sqlite3_stmt *st = NULL;
    int version = -1, rc;

    rc = sqlite3_prepare_v2(db->sql, "PRAGMA user_version", -1, &st, NULL);
    if (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW)
        version = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    if (version < 0) {
        if ((rc & 0xff) == SQLITE_NOTADB)
            return ent_fail(err, ENT_EXIT_INPUT, "%s: not a results database",
                            db->path);
        /* e.g. a journal left by an interrupted write that a read-only
           connection cannot roll back: say so, not "not a database" */
        return db_fail(db, ENT_EXIT_RUNTIME, "cannot read the database", err);
    }
    if (version > DB_SCHEMA_VERSION)
        return ent_fail(err, ENT_EXIT_INPUT,
                        "%s: schema version %d is newer than this entente's "
                        "(%d)",
                        db->path, version, DB_SCHEMA_VERSION);
    db->version = version;
    if (version == DB_SCHEMA_VERSION || (!create && version >= 1))
        return 0; /* an older schema is read as it is */
    if (!create)
        return ent_fail(err, ENT_EXIT_INPUT,
                        "%s: not an entente results database", db->path);
    /* new, or older: every statement of the schema is IF NOT EXISTS, so
       this creates what is missing */
    db->version = DB_SCHEMA_VERSION;
    if (db_exec(db, "BEGIN IMMEDIATE", err) != 0 ||
        db_exec(db, db_schema, err) != 0 ||
        db_exec(db, "PRAGMA user_version = " DB_SCHEMA_TEXT, err) != 0 ||
        db_exec(db, "COMMIT", err) != 0) {
        sqlite3_exec(db->sql, "ROLLBACK", NULL, NULL, NULL);
        if (err)
            err->code = ENT_EXIT_INPUT;
        return -1;
    }
    return 0;
}

int db_protected(ent_db *db, int (*fn)(void *ctx, ent_error *err), void *ctx,
                 ent_error *err)
{
    int rc = ent_pcall(fn, ctx, err);

    if (rc != 0) {
        sqlite3_stmt *st;

        while ((st = sqlite3_next_stmt(db->sql, NULL)))
            sqlite3_finalize(st);
        if (!sqlite3_get_autocommit(db->sql))
            sqlite3_exec(db->sql, "ROLLBACK", NULL, NULL, NULL);
    }
    return rc;
}

/* Allocates only before the connection opens: no SQLite state to unwind. */
static int db_open_body(const char *path, int create, ent_db **out,
                        ent_error *err)
{
    ent_db *db = ent_xcalloc(1, sizeof *db);
    /* Readers open read-write too (without creating), so that SQLite can
       roll back the journal of an interrupted write; a file the user may
       not write is opened read-only. */
    int flags = create ? SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
                       : SQLITE_OPEN_READWRITE;
    int rc;

    *out = NULL;
    db->path = ent_xstrdup(path);
    rc = sqlite3_open_v2(path, &db->sql, flags, NULL);
    if (rc != SQLITE_OK && !create) {
        sqlite3_close(db->sql);
        db->sql = NULL;
        rc = sqlite3_open_v2(path, &db->sql, SQLITE_OPEN_READONLY, NULL);
    }
    if (rc != SQLITE_OK) {
        db_fail(db, ENT_EXIT_INPUT, "cannot open database", err);
        ent_db_close(db);
        return -1;
    }
    sqlite3_busy_timeout(db->sql, 10000);
    sqlite3_exec(db->sql, "PRAGMA foreign_keys = ON", NULL, NULL, NULL);
    if (db_schema_init(db, create, err) != 0) {
        ent_db_close(db);
        return -1;
    }
    *out = db;
    return 0;
}

int ent_db_open(const char *path, int create, ent_db **out, ent_error *err)
{
    ENT_PROTECTED(int, (*out = NULL, -1), err,
                  db_open_body(path, create, out, err));
}

void ent_db_close(ent_db *db)
{
    if (!db)
        return;
    sqlite3_close(db->sql);
    free(db->path);
    free(db);
}
