/*
 * cells.c -- typed values from table cells, with errors that point at the
 * cell.
 */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scenario/cells.h"

int scn_cell_fail(ent_error *err, const scn_table *t, int row, int col,
                  const char *name, const char *fmt, ...)
{
    char msg[ENT_ERROR_MAX];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return ent_fail_at(err, t->path, scn_table_line(t, row, col),
                       col >= 0 ? col + 1 : 1, "%s: %s", name, msg);
}

/* Skips a run of digits; returns how many there were. */
static size_t digits(const char **p)
{
    const char *s = *p;

    while (isdigit((unsigned char)**p))
        (*p)++;
    return (size_t)(*p - s);
}

/* 1 if s is [blanks] [+-] digits [. digits] [e [+-] digits] [blanks]. */
static int number_syntax(const char *s)
{
    size_t n;

    while (isspace((unsigned char)*s))
        s++;
    if (*s == '+' || *s == '-')
        s++;
    n = digits(&s);
    if (*s == '.') {
        s++;
        n += digits(&s);
    }
    if (n == 0)
        return 0;
    if (*s == 'e' || *s == 'E') {
        s++;
        if (*s == '+' || *s == '-')
            s++;
        if (digits(&s) == 0)
            return 0;
    }
    while (isspace((unsigned char)*s))
        s++;
    return *s == '\0';
}

int scn_parse_number(const char *text, double *out)
{
    double v;

    if (!number_syntax(text))
        return -1;
    v = strtod(text, NULL);
    if (!isfinite(v))
        return -1;
    *out = v;
    return 0;
}

int scn_parse_int(const char *text, long lo, long hi, long *out)
{
    const char *s = text;
    char *end;
    long v;

    while (isspace((unsigned char)*s))
        s++;
    if (*s == '+' || *s == '-')
        s++;
    if (!isdigit((unsigned char)*s))
        return -1;
    errno = 0;
    v = strtol(text, &end, 10);
    while (isspace((unsigned char)*end))
        end++;
    if (*end || errno == ERANGE || v < lo || v > hi)
        return -1;
    *out = v;
    return 0;
}

const char *scn_range_text(double lo, double hi, char *buf, size_t size)
{
    if (isinf(lo) && isinf(hi))
        snprintf(buf, size, "%s", "");
    else if (isinf(hi))
        snprintf(buf, size, " >= %g", lo);
    else if (isinf(lo))
        snprintf(buf, size, " <= %g", hi);
    else
        snprintf(buf, size, " in [%g, %g]", lo, hi);
    return buf;
}

int scn_cell_number(const scn_table *t, int row, int col, const char *name,
                    double lo, double hi, double *out, ent_error *err)
{
    const char *text = scn_table_text(t, row, col);
    char range[96];
    double v;

    scn_range_text(lo, hi, range, sizeof range);
    if (scn_parse_number(text, &v) != 0 || v < lo || v > hi) {
        char *got = scn_cell_text(t, row, col);
        int rc;

        if (*got)
            rc = scn_cell_fail(err, t, row, col, name,
                               "expected a number%s, got \"%s\"", range, got);
        else
            rc = scn_cell_fail(err, t, row, col, name,
                               "expected a number%s, got an empty cell", range);
        free(got);
        return rc;
    }
    *out = v;
    return 0;
}

int scn_cell_number_opt(const scn_table *t, int row, int col, const char *name,
                        double lo, double hi, double dflt, double *out,
                        ent_error *err)
{
    char *text = scn_cell_text(t, row, col);
    int empty = *text == '\0';

    free(text);
    if (empty) {
        *out = dflt;
        return 0;
    }
    return scn_cell_number(t, row, col, name, lo, hi, out, err);
}

char *scn_cell_text(const scn_table *t, int row, int col)
{
    const char *s = scn_table_text(t, row, col);
    size_t len;
    char *out;

    while (isspace((unsigned char)*s))
        s++;
    len = strlen(s);
    while (len > 0 && isspace((unsigned char)s[len - 1]))
        len--;
    out = ent_xmalloc(len + 1);
    memcpy(out, s, len);
    out[len] = '\0';
    return out;
}

int scn_cell_text_req(const scn_table *t, int row, int col, const char *name,
                      char **out, ent_error *err)
{
    char *text = scn_cell_text(t, row, col);

    if (*text == '\0') {
        free(text);
        return scn_cell_fail(err, t, row, col, name,
                             "expected text, got an empty cell");
    }
    *out = text;
    return 0;
}

int scn_valid_id(const char *id, int dots_ok)
{
    if (*id == '\0')
        return 0;
    for (const unsigned char *p = (const unsigned char *)id; *p; p++)
        if (*p <= ' ' || *p == 0x7f || strchr(";,=\"", *p) ||
            (*p == '.' && !dots_ok))
            return 0;
    return 1;
}

int scn_cell_id(const scn_table *t, int row, int col, const char *name,
                int dots_ok, char **out, ent_error *err)
{
    char *text = scn_cell_text(t, row, col);

    if (*text == '\0') {
        free(text);
        return scn_cell_fail(err, t, row, col, name,
                             "expected an id, got an empty cell");
    }
    if (!scn_valid_id(text, dots_ok)) {
        scn_cell_fail(err, t, row, col, name,
                      "expected an id (no blanks and none of %s), got "
                      "\"%s\"",
                      dots_ok ? "; , = \"" : "; , = \" .", text);
        free(text);
        return -1;
    }
    *out = text;
    return 0;
}

void scn_cell_list(const scn_table *t, int row, int col, ent_strlist *out)
{
    ent_strlist_split(out, scn_table_text(t, row, col), ';');
}
