/*
 * text.h -- checking and repairing text (internal to the library).
 *
 * Input files must be UTF-8 without NUL bytes; outputs that require UTF-8
 * (JSON) or a safe terminal get a lossless-enough copy: invalid bytes
 * become U+FFFD, so a name never goes missing.
 */
#ifndef ENT_UTIL_TEXT_H
#define ENT_UTIL_TEXT_H

#include <stddef.h>

#include "entente/common.h"

/* Length of the valid UTF-8 sequence at s[0..len) (1 to 4), or 0 if the
   bytes there are not valid UTF-8 (overlong, surrogate, > U+10FFFF,
   truncated). */
size_t ent_utf8_char(const unsigned char *s, size_t len);

/* Checks that data[0..len) is UTF-8 without NUL bytes.  On failure the
   error is "path:line:column: ..." (ENT_EXIT_INPUT), the column counting
   characters from 1. */
int ent_text_check(const char *path, const char *data, size_t len,
                   ent_error *err);

/* A copy of NUL-terminated `s` (NULL reads as "") in which every invalid
   UTF-8 byte is replaced by U+FFFD.  Owned by the caller; allocated with
   ent_xmalloc (NULL only when memory runs out outside a protected call). */
char *ent_utf8_repair(const char *s);

/* A copy of `s` (NULL reads as "") safe to write to a terminal: control
   characters (C0, DEL and the C1 range U+0080-U+009F, which include ESC,
   CSI and OSC) become visible escapes such as "\x1B" or "\u009B", invalid
   UTF-8 bytes become U+FFFD.  Owned by the caller; allocated with
   ent_xmalloc (NULL only when memory runs out outside a protected call). */
char *ent_term_text(const char *s);

#endif
