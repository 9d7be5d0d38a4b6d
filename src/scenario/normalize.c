/*
 * normalize.c -- text normalisation for quote checking.
 *
 * The quote check applies NFKC, drops soft hyphens, joins
 * words hyphenated across a line break, folds typographic quotes and
 * dashes, collapses white space and lower-cases.  This file does so
 * in three passes over code points, in the same order; NFKC is
 * approximated by the compatibility characters that occur in real
 * documents (ligatures, special spaces, ellipsis, fullwidth forms,
 * superscript digits).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "entente/common.h"
#include "scenario/normalize.h"

typedef struct cpbuf {
    uint32_t *cp;
    size_t n, cap;
} cpbuf;

static void put(cpbuf *b, uint32_t c)
{
    if (b->n == b->cap) {
        b->cap = b->cap ? 2 * b->cap : 256;
        b->cp = ent_xrealloc(b->cp, b->cap * sizeof *b->cp);
    }
    b->cp[b->n++] = c;
}

static void put_ascii(cpbuf *b, const char *s)
{
    while (*s)
        put(b, (unsigned char)*s++);
}

/* Length of the UTF-8 sequence led by byte b (0 if b cannot lead). */
static int seq_len(unsigned char b)
{
    if (b < 0x80)
        return 1;
    if (b < 0xC2)
        return 0;
    if (b < 0xE0)
        return 2;
    if (b < 0xF0)
        return 3;
    return b < 0xF5 ? 4 : 0;
}

/* Decodes one UTF-8 sequence at s (len > 0 bytes left); sets *used. */
static uint32_t decode(const unsigned char *s, size_t len, size_t *used)
{
    static const uint32_t min[5] = {0, 0, 0x80, 0x800, 0x10000};
    int n = seq_len(s[0]);
    uint32_t c;

    *used = 1;
    if (n == 1)
        return s[0];
    if (n == 0 || (size_t)n > len)
        return 0xFFFD;
    c = s[0] & (0x7F >> n);
    for (int i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0xFFFD;
        c = (c << 6) | (s[i] & 0x3F);
    }
    if (c < min[n] || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
        return 0xFFFD;
    *used = (size_t)n;
    return c;
}

static int is_space(uint32_t c)
{
    return c == ' ' || (c >= '\t' && c <= '\r') || (c >= 0x1C && c <= 0x1F) ||
           c == 0x85 || c == 0xA0 || c == 0x1680 ||
           (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 ||
           c == 0x202F || c == 0x205F || c == 0x3000;
}

/* Python's \w, approximately: letters, digits, '_' and most non-ASCII
   characters outside the punctuation and symbol blocks. */
static int is_word(uint32_t c)
{
    if (c < 0x80)
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
               (c >= 'A' && c <= 'Z') || c == '_';
    if (c < 0xC0)
        return c == 0xAA || c == 0xB2 || c == 0xB3 || c == 0xB5 || c == 0xB9 ||
               c == 0xBA || (c >= 0xBC && c <= 0xBE);
    if (c == 0xD7 || c == 0xF7 || is_space(c))
        return 0;
    return !((c >= 0x2000 && c <= 0x2BFF) || (c >= 0x3000 && c <= 0x303F) ||
             (c >= 0xFE30 && c <= 0xFE4F) || c == 0xFFFD);
}

/* Pass 1: compatibility folding (the NFKC stand-in), soft hyphens and
   line ends. */
static void fold_compat(cpbuf *b, uint32_t c)
{
    static const char *const lig[] = {"ff",  "fi", "fl", "ffi",
                                      "ffl", "st", "st"};

    if (c == 0xAD)
        return;
    if (c >= 0xFB00 && c <= 0xFB06)
        put_ascii(b, lig[c - 0xFB00]);
    else if (c == 0xA0 || (c >= 0x2000 && c <= 0x200A) || c == 0x202F ||
             c == 0x205F || c == 0x3000)
        put(b, ' ');
    else if (c == 0x2026)
        put_ascii(b, "...");
    else if (c == 0x2024)
        put(b, '.');
    else if (c >= 0xFF01 && c <= 0xFF5E)
        put(b, c - 0xFEE0);
    else if (c == 0xB2 || c == 0xB3)
        put(b, '0' + c - 0xB0);
    else if (c == 0xB9)
        put(b, '1');
    else
        put(b, c);
}

static void decode_all(cpbuf *b, const char *text, size_t len)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t i = 0, used;

    while (i < len) {
        uint32_t c = decode(s + i, len - i, &used);

        i += used;
        if (c == '\r') {
            c = '\n';
            if (i < len && s[i] == '\n')
                i++;
        }
        fold_compat(b, c);
    }
}

/* Pass 2: "word-<blanks with a line break>word" becomes "wordword".
   Returns the index after the blanks if the hyphen at i joins. */
static size_t hyphen_join(const cpbuf *in, size_t i, const cpbuf *out)
{
    size_t j = i + 1;
    int newline = 0;

    if (out->n == 0 || !is_word(out->cp[out->n - 1]))
        return 0;
    while (j < in->n && is_space(in->cp[j]))
        newline |= in->cp[j++] == '\n';
    return newline && j < in->n && is_word(in->cp[j]) ? j : 0;
}

static void join_hyphens(const cpbuf *in, cpbuf *out)
{
    for (size_t i = 0; i < in->n; i++) {
        size_t next = in->cp[i] == '-' ? hyphen_join(in, i, out) : 0;

        if (next)
            i = next - 1;
        else
            put(out, in->cp[i]);
    }
}

static uint32_t lower(uint32_t c)
{
    if ((c >= 'A' && c <= 'Z') || (c >= 0xC0 && c <= 0xDE && c != 0xD7) ||
        (c >= 0x391 && c <= 0x3A9 && c != 0x3A2) || (c >= 0x410 && c <= 0x42F))
        return c + 0x20;
    if (c >= 0x400 && c <= 0x40F)
        return c + 0x50;
    if (((c >= 0x100 && c <= 0x137) || (c >= 0x14A && c <= 0x177)) &&
        c % 2 == 0)
        return c + 1;
    if (((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E)) &&
        c % 2 == 1)
        return c + 1;
    return c == 0x178 ? 0xFF : c;
}

static uint32_t fold_punct(uint32_t c)
{
    if (c == 0x2018 || c == 0x2019)
        return '\'';
    if (c == 0x201C || c == 0x201D)
        return '"';
    if (c == 0x2013 || c == 0x2014)
        return '-';
    return lower(c);
}

static void encode(char **p, uint32_t c)
{
    unsigned char *s = (unsigned char *)*p;

    if (c < 0x80) {
        *s++ = (unsigned char)c;
    } else if (c < 0x800) {
        *s++ = (unsigned char)(0xC0 | (c >> 6));
        *s++ = (unsigned char)(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
        *s++ = (unsigned char)(0xE0 | (c >> 12));
        *s++ = (unsigned char)(0x80 | ((c >> 6) & 0x3F));
        *s++ = (unsigned char)(0x80 | (c & 0x3F));
    } else {
        *s++ = (unsigned char)(0xF0 | (c >> 18));
        *s++ = (unsigned char)(0x80 | ((c >> 12) & 0x3F));
        *s++ = (unsigned char)(0x80 | ((c >> 6) & 0x3F));
        *s++ = (unsigned char)(0x80 | (c & 0x3F));
    }
    *p = (char *)s;
}

/* Pass 3: fold quotes and dashes, collapse and trim blanks, lower-case,
   encode as UTF-8. */
static char *finish(const cpbuf *b)
{
    char *out = ent_xmalloc(b->n * 4 + 1), *p = out;
    int pending_space = 0;

    for (size_t i = 0; i < b->n; i++) {
        uint32_t c = b->cp[i];

        if (is_space(c)) {
            pending_space = p > out;
            continue;
        }
        if (pending_space)
            *p++ = ' ';
        pending_space = 0;
        encode(&p, fold_punct(c));
    }
    *p = '\0';
    return out;
}

char *scn_norm_text(const char *text, size_t len)
{
    cpbuf raw = {NULL, 0, 0}, joined = {NULL, 0, 0};
    char *out;

    decode_all(&raw, text, len);
    join_hyphens(&raw, &joined);
    out = finish(&joined);
    free(raw.cp);
    free(joined.cp);
    return out;
}

char *scn_loose_text(const char *norm)
{
    char *out = ent_xmalloc(strlen(norm) + 1), *p = out;

    for (; *norm; norm++)
        if ((*norm >= '0' && *norm <= '9') || (*norm >= 'a' && *norm <= 'z'))
            *p++ = *norm;
    *p = '\0';
    return out;
}
