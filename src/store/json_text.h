/*
 * json_text.h -- JSON strings that never go missing (inside the library
 * only).
 *
 * jansson refuses a string that is not valid UTF-8 and returns NULL, which
 * silently drops it from an array or object.  These helpers repair invalid
 * bytes to U+FFFD first, so every name keeps its place.
 */
#ifndef ENT_STORE_JSON_TEXT_H
#define ENT_STORE_JSON_TEXT_H

#include <jansson.h>

/* A JSON string for `s` (invalid UTF-8 repaired); "" for NULL. */
json_t *ent_json_text(const char *s);

#endif
