/*
 * entente/common.h -- errors, string lists and small shared types.
 */
#ifndef ENTENTE_COMMON_H
#define ENTENTE_COMMON_H

#include <stddef.h>
#include <stdio.h>

#define ENT_VERSION "0.1.0"

/* Process exit codes, also carried by ent_error.code. */
enum { ENT_EXIT_OK = 0, ENT_EXIT_RUNTIME = 1, ENT_EXIT_INPUT = 2 };

#define ENT_ERROR_MAX 1024

/* An error returned as a value: one line, ready to print. */
typedef struct ent_error {
    int code;                /* ENT_EXIT_RUNTIME or ENT_EXIT_INPUT; 0 = none */
    char msg[ENT_ERROR_MAX]; /* "file:line:col: what was expected" */
} ent_error;

void ent_error_clear(ent_error *err);
/* Sets err (if not NULL) and returns -1, so callers can `return ent_fail(...)`.
 */
int ent_fail(ent_error *err, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* A bad-input error at a position in a file: "file:line:column: message". */
int ent_fail_at(ent_error *err, const char *file, long line, long column,
                const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* An owned list of owned strings. */
typedef struct ent_strlist {
    char **items;
    int count;
} ent_strlist;

/* Splits `text` at `sep`, trimming blanks and dropping empty items. */
int ent_strlist_split(ent_strlist *out, const char *text, char sep);
int ent_strlist_push(ent_strlist *list, const char *item);
int ent_strlist_contains(const ent_strlist *list, const char *item);
void ent_strlist_free(ent_strlist *list);

/* Writes one RFC 4180 CSV field (quoted only when it has to be; NULL is
   an empty field). */
void ent_csv_field(FILE *out, const char *s);

/* Allocation helpers that never return NULL (they abort on exhaustion). */
void *ent_xmalloc(size_t size);
void *ent_xcalloc(size_t count, size_t size);
void *ent_xrealloc(void *ptr, size_t size);
char *ent_xstrdup(const char *s);

#endif
