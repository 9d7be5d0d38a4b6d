/*
 * db.h -- the results database connection, shared by the store/db_*.c
 * files (inside the library only).
 */
#ifndef ENT_STORE_DB_H
#define ENT_STORE_DB_H

#include <sqlite3.h>

#include "entente/store.h"

struct ent_db {
    sqlite3 *sql;
    char *path;
    int version; /* schema version (PRAGMA user_version) */
};

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
