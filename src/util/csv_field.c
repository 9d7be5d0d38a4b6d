/*
 * csv_field.c -- write one RFC 4180 CSV field, quoted only when needed.
 */
#include <stdio.h>
#include <string.h>

#include "entente/common.h"

void ent_csv_field(FILE *out, const char *s)
{
    if (!s)
        return;
    if (!strpbrk(s, ",\"\r\n")) {
        fputs(s, out);
        return;
    }
    fputc('"', out);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', out);
        fputc(*s, out);
    }
    fputc('"', out);
}
