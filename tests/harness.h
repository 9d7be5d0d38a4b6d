/*
 * harness.h -- shared helpers for the cmocka test programs.
 *
 * Tests run from the repository root (make test does this).  run_cli()
 * runs the entente binary named by $ENTENTE_BIN and captures its exit code,
 * standard output and standard error.
 */
#ifndef ENT_TEST_HARNESS_H
#define ENT_TEST_HARNESS_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "entente.h"

typedef struct cli_result {
    int status; /* exit code, or 128 + signal */
    char *out;  /* standard output (owned) */
    char *err;  /* standard error (owned) */
} cli_result;

static inline char *harness_slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    char *buf;
    long len;

    if (!f)
        return ent_xstrdup("");
    fseek(f, 0, SEEK_END);
    len = ftell(f);
    fseek(f, 0, SEEK_SET);
    buf = ent_xmalloc((size_t)len + 1);
    len = (long)fread(buf, 1, (size_t)len, f);
    buf[len] = '\0';
    fclose(f);
    return buf;
}

/* Runs "$ENTENTE_BIN <args>" through the shell. */
static inline cli_result run_cli(const char *fmt, ...)
{
    char args[4096], cmd[8192], outp[64], errp[64];
    const char *bin = getenv("ENTENTE_BIN");
    cli_result r;
    va_list ap;
    int st;

    va_start(ap, fmt);
    vsnprintf(args, sizeof args, fmt, ap);
    va_end(ap);
    snprintf(outp, sizeof outp, "/tmp/ent-test-%d.out", (int)getpid());
    snprintf(errp, sizeof errp, "/tmp/ent-test-%d.err", (int)getpid());
    snprintf(cmd, sizeof cmd, "%s %s >%s 2>%s", bin ? bin : "bin/entente", args,
             outp, errp);
    st = system(cmd);
    r.status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
    r.out = harness_slurp(outp);
    r.err = harness_slurp(errp);
    unlink(outp);
    unlink(errp);
    return r;
}

/* A small deterministic generator for property tests: uniform in [0, 1). */
static inline double test_uniform(unsigned long long *state)
{
    *state = *state * 6364136223846793005ULL + 1442695040888963407ULL;
    return (double)(*state >> 11) / 9007199254740992.0;
}

static inline void cli_result_free(cli_result *r)
{
    free(r->out);
    free(r->err);
}

/* Writes `text` to a fresh temporary file with the given suffix and returns
   its path (static storage per call site is the caller's business). */
static inline void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "wb");

    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

#endif
