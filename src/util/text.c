/*
 * text.c -- UTF-8 validation for input files and repair for outputs.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/text.h"

size_t ent_utf8_char(const unsigned char *s, size_t len)
{
    unsigned c = s[0];
    size_t n;
    unsigned lo = 0x80, hi = 0xBF;

    if (c < 0x80)
        return 1;
    if (c >= 0xC2 && c <= 0xDF)
        n = 2;
    else if (c >= 0xE0 && c <= 0xEF) {
        n = 3;
        if (c == 0xE0)
            lo = 0xA0; /* no overlong forms */
        else if (c == 0xED)
            hi = 0x9F; /* no surrogates */
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4;
        if (c == 0xF0)
            lo = 0x90;
        else if (c == 0xF4)
            hi = 0x8F; /* nothing above U+10FFFF */
    } else
        return 0;
    if (len < n || s[1] < lo || s[1] > hi)
        return 0;
    for (size_t i = 2; i < n; i++)
        if (s[i] < 0x80 || s[i] > 0xBF)
            return 0;
    return n;
}

int ent_text_check(const char *path, const char *data, size_t len,
                   ent_error *err)
{
    const unsigned char *s = (const unsigned char *)data;
    long line = 1, col = 1;
    size_t i = 0;

    while (i < len) {
        size_t n;

        if (s[i] == '\0')
            return ent_fail_at(err, path, line, col,
                               "expected text, got a NUL byte");
        n = ent_utf8_char(s + i, len - i);
        if (n == 0)
            return ent_fail_at(err, path, line, col,
                               "expected UTF-8 text, got the invalid byte "
                               "0x%02X",
                               s[i]);
        if (s[i] == '\n' ||
            (s[i] == '\r' && (i + 1 == len || s[i + 1] != '\n'))) {
            line++;
            col = 1;
        } else if (s[i] != '\r')
            col++;
        i += n;
    }
    return 0;
}

char *ent_utf8_repair(const char *s)
{
    const unsigned char *p = (const unsigned char *)(s ? s : "");
    size_t len = strlen((const char *)p), o = 0;
    char *out = ent_xmalloc(3 * len + 1); /* each bad byte grows to 3 */

    if (!out)
        return NULL;
    for (size_t i = 0; i < len;) {
        size_t n = ent_utf8_char(p + i, len - i);

        if (n == 0) {
            memcpy(out + o, "\xEF\xBF\xBD", 3);
            o += 3;
            i++;
        } else {
            memcpy(out + o, p + i, n);
            o += n;
            i += n;
        }
    }
    out[o] = '\0';
    return out;
}

char *ent_term_text(const char *s)
{
    const unsigned char *p = (const unsigned char *)(s ? s : "");
    size_t len = strlen((const char *)p), o = 0;
    char *out = ent_xmalloc(6 * len + 1); /* "\u009B" is the longest: 6 bytes */

    if (!out)
        return NULL;
    for (size_t i = 0; i < len;) {
        size_t n = ent_utf8_char(p + i, len - i);

        if (n == 0) {
            memcpy(out + o, "\xEF\xBF\xBD", 3);
            o += 3;
            n = 1;
        } else if (p[i] < 0x20 || p[i] == 0x7F)
            o += (size_t)sprintf(out + o, "\\x%02X", p[i]);
        else if (n == 2 && p[i] == 0xC2 && p[i + 1] < 0xA0)
            o += (size_t)sprintf(out + o, "\\u%04X", p[i + 1]);
        else {
            memcpy(out + o, p + i, n);
            o += n;
        }
        i += n;
    }
    out[o] = '\0';
    return out;
}
