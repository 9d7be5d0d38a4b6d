/*
 * explain_text.h -- a growing text buffer for the sentences of an
 * explanation (internal to src/report).
 */
#ifndef ENT_REPORT_EXPLAIN_TEXT_H
#define ENT_REPORT_EXPLAIN_TEXT_H

#include <stddef.h>

typedef struct xt_buf {
    char *s;
    size_t len, cap;
} xt_buf;

/* Appends printf-style text. */
void xt_printf(xt_buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* The text (never NULL), owned by the caller; the buffer is emptied. */
char *xt_take(xt_buf *b);

#endif
