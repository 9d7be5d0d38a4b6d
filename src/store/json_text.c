/*
 * json_text.c -- JSON strings with invalid UTF-8 repaired (json_text.h).
 */
#include <stdlib.h>

#include "store/json_text.h"
#include "util/text.h"

json_t *ent_json_text(const char *s)
{
    json_t *j = json_string(s ? s : "");
    char *fixed;

    if (j)
        return j;
    fixed = ent_utf8_repair(s);
    j = fixed ? json_string(fixed) : NULL;
    free(fixed);
    return j;
}
