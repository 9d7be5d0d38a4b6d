/*
 * entente/common.h -- errors, string lists and small shared types.
 */
#ifndef ENTENTE_COMMON_H
#define ENTENTE_COMMON_H

#include <stddef.h>
#include <stdio.h>

/* The version of these headers; ent_version() gives the library's. */
#define ENT_VERSION_MAJOR 0
#define ENT_VERSION_MINOR 1
#define ENT_VERSION_PATCH 0
#define ENT_VERSION "0.1.0" /* MAJOR.MINOR.PATCH */

/*
 * ENT_API marks the public API: the only symbols libentente.so exports.
 * The library is built with -fvisibility=hidden, so every other function
 * (the loaders' scn_, the renderers' svg_, the engines' smp_ ...) stays
 * internal, as Lua's LUAI_FUNC keeps its internals out of liblua.
 */
#if defined(__GNUC__) || defined(__clang__)
#define ENT_API __attribute__((visibility("default")))
#else
#define ENT_API
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* "MAJOR.MINOR.PATCH" of the library linked at run time (compare with
   ENT_VERSION, the headers' version).  Static storage; thread-safe. */
ENT_API const char *ent_version(void);

/*
 * The one list of outcomes a call can have, which the command-line tool
 * also uses as its process exit statuses.  The library reports failure as
 * -1 with an ent_error whose code says which kind it was; only the
 * program's main() turns a result into an exit status.
 */
typedef enum ent_exit {
    ENT_EXIT_OK = 0,      /* success */
    ENT_EXIT_RUNTIME = 1, /* the inputs were fine but the work failed:
                             no result, out of memory, an I/O error */
    ENT_EXIT_INPUT = 2    /* bad input: a file, an option, a parameter */
} ent_exit;

#define ENT_ERROR_MAX 1024

/* An error returned as a value: one line, ready to print. */
typedef struct ent_error {
    int code;                /* an ent_exit: RUNTIME or INPUT; 0 = none */
    char msg[ENT_ERROR_MAX]; /* "file:line:col: what was expected" */
} ent_error;

/* Sets err to "no error" (code 0, empty message); NULL is a no-op. */
ENT_API void ent_error_clear(ent_error *err);
/* Sets err (if not NULL) and returns -1, so callers can `return ent_fail(...)`.
 */
ENT_API int ent_fail(ent_error *err, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* A bad-input error at a position in a file: "file:line:column: message". */
ENT_API int ent_fail_at(ent_error *err, const char *file, long line,
                        long column, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

/* An owned list of owned strings. */
typedef struct ent_strlist {
    char **items;
    int count;
} ent_strlist;

/* Splits `text` at `sep`, trimming blanks and dropping empty items. */
ENT_API int ent_strlist_split(ent_strlist *out, const char *text, char sep);
ENT_API int ent_strlist_push(ent_strlist *list, const char *item);
ENT_API int ent_strlist_contains(const ent_strlist *list, const char *item);
ENT_API void ent_strlist_free(ent_strlist *list);

/* Writes one RFC 4180 CSV field (quoted only when it has to be; NULL is
   an empty field). */
ENT_API void ent_csv_field(FILE *out, const char *s);

/*
 * Allocation helpers; the caller frees the memory with free().  Inside a
 * protected call (any library function, or ent_pcall) they never return
 * NULL: a failure unwinds to the innermost protected call, which returns
 * an "out of memory" error (ENT_EXIT_RUNTIME).  Outside any protected call
 * they return NULL on failure, as malloc does.  They never abort.
 * Thread-safe.
 */
ENT_API void *ent_xmalloc(size_t size);
ENT_API void *ent_xcalloc(size_t count, size_t size);
ENT_API void *ent_xrealloc(void *ptr, size_t size);
ENT_API char *ent_xstrdup(const char *s);

/*
 * Runs fn(ctx, err) as a protected call, as lua_pcall does: when memory
 * runs out anywhere inside it (in fn's own ent_x* calls, or in any library
 * call it makes but the ent_db_ calls, which roll back and return the
 * error themselves) control returns here, and ent_pcall returns -1 with
 * err (if not NULL) set to ENT_EXIT_RUNTIME "out of memory".  Otherwise it
 * returns what fn returns.  Memory allocated
 * inside the failed call is not freed, except that atomic output files
 * opened inside it and not yet committed are removed (ent_atomic_open).
 * fn must not leave the call by longjmp itself.  Protected calls nest;
 * each thread has its own.
 */
ENT_API int ent_pcall(int (*fn)(void *ctx, ent_error *err), void *ctx,
                      ent_error *err);

#ifdef __cplusplus
}
#endif

#endif
