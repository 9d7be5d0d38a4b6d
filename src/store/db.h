/*
 * db.h -- the results database connection, shared by the store/db_*.c
 * files (inside the library only).
 */
#ifndef ENT_STORE_DB_H
#define ENT_STORE_DB_H

#include <sqlite3.h>

#include "entente/store.h"
#include "util/protect.h"

struct ent_db {
    sqlite3 *sql;
    char *path;
    int version; /* schema version (PRAGMA user_version) */
};

/* Runs fn(ctx, err) under a protected call of its own (ent_pcall); when it
   fails (running out of memory included), every statement still open on db
   is finalized and an open transaction rolled back, so that an unwind never
   leaves the connection holding locks. */
int db_protected(ent_db *db, int (*fn)(void *ctx, ent_error *err), void *ctx,
                 ent_error *err);
/* Sets err from the connection's last error: "path: context: message". */
int db_fail(ent_db *db, int code, const char *context, ent_error *err);
/* Runs SQL without results. */
int db_exec(ent_db *db, const char *sql, ent_error *err);
/* Prepares a statement (NULL after setting err). */
sqlite3_stmt *db_prepare(ent_db *db, const char *sql, ent_error *err);
/* Binds a double, NULL for NaN and infinities. */
int db_bind_real(sqlite3_stmt *st, int col, double v);
/* Binds text, NULL for a NULL pointer. */
int db_bind_text(sqlite3_stmt *st, int col, const char *s);
/* A column as a double, NaN for NULL. */
double db_column_real(sqlite3_stmt *st, int col);
/* A column as an owned string, NULL for NULL. */
char *db_column_strdup(sqlite3_stmt *st, int col);

#endif
