/*
 * error.c -- errors returned as values (ent_error).
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "entente/common.h"

void ent_error_clear(ent_error *err)
{
    if (err) {
        err->code = 0;
        err->msg[0] = '\0';
    }
}

static void set_message(ent_error *err, int code, const char *prefix,
                        const char *fmt, va_list ap)
{
    size_t used;

    err->code = code;
    used = (size_t)snprintf(err->msg, sizeof err->msg, "%s", prefix);
    if (used >= sizeof err->msg)
        used = sizeof err->msg - 1;
    vsnprintf(err->msg + used, sizeof err->msg - used, fmt, ap);
}

int ent_fail(ent_error *err, int code, const char *fmt, ...)
{
    va_list ap;

    if (!err)
        return -1;
    va_start(ap, fmt);
    set_message(err, code, "", fmt, ap);
    va_end(ap);
    return -1;
}

int ent_fail_at(ent_error *err, const char *file, long line, long column,
                const char *fmt, ...)
{
    char prefix[512];
    va_list ap;

    if (!err)
        return -1;
    if (line > 0 && column > 0)
        snprintf(prefix, sizeof prefix, "%s:%ld:%ld: ", file, line, column);
    else if (line > 0)
        snprintf(prefix, sizeof prefix, "%s:%ld: ", file, line);
    else
        snprintf(prefix, sizeof prefix, "%s: ", file);
    va_start(ap, fmt);
    set_message(err, ENT_EXIT_INPUT, prefix, fmt, ap);
    va_end(ap);
    return -1;
}
