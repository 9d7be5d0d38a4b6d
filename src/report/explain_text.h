/*
 * explain_text.h -- a growing text buffer for the sentences of an
 * explanation (internal to src/report).
 */
#ifndef ENT_REPORT_EXPLAIN_TEXT_H
#define ENT_REPORT_EXPLAIN_TEXT_H

#include <stddef.h>

#include "entente/scenario.h"

typedef struct xt_buf {
    char *s;
    size_t len, cap;
} xt_buf;

/* Appends printf-style text. */
void xt_printf(xt_buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* The text (never NULL), owned by the caller; the buffer is emptied. */
char *xt_take(xt_buf *b);
/* Appends `text` wrapped at `width` columns (0: no wrapping), each line
   after `indent`, and a newline. */
void xt_wrap(xt_buf *b, const char *text, int width, const char *indent);
/* Appends how a source is cited: "[id, date] Author (date), Title,
   locator: "quote"" (the file name when documents.csv has no row). */
void xt_cite_source(xt_buf *b, const ent_scenario *sc, const ent_source *s);

#endif
