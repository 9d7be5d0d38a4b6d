/*
 * text.c -- text for the HTML report: escaping for HTML text and
 * attributes, truncation at code-point and word boundaries, element ids
 * made from arbitrary ids, and numbers that never print as nan or inf.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/html.h"

static void escape_bytes(FILE *out, const char *text, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        switch (text[i]) {
        case '&': fputs("&amp;", out); break;
        case '<': fputs("&lt;", out); break;
        case '>': fputs("&gt;", out); break;
        case '"': fputs("&quot;", out); break;
        case '\'': fputs("&#39;", out); break;
        default:
            /* control characters other than tab and newline are not
               allowed in HTML text; show them as a space */
            if ((unsigned char)text[i] < 0x20 && text[i] != '\t' &&
                text[i] != '\n')
                fputc(' ', out);
            else
                fputc(text[i], out);
        }
    }
}

void ent_html_escape(FILE *out, const char *text)
{
    if (text)
        escape_bytes(out, text, strlen(text));
}

/* Byte length of the first `n` code points of s (all of s if shorter). */
static size_t prefix_bytes(const char *s, int n)
{
    const char *p = s;

    while (*p && n > 0) {
        p++;
        while (((unsigned char)*p & 0xC0) == 0x80)
            p++;
        n--;
    }
    return (size_t)(p - s);
}

void rpt_escape_trunc(FILE *out, const char *text, int max_chars)
{
    size_t len, cut;

    if (!text)
        return;
    if (max_chars <= 0 || ent_utf8_width(text) <= max_chars) {
        ent_html_escape(out, text);
        return;
    }
    len = prefix_bytes(text, max_chars > 1 ? max_chars - 1 : 1);
    /* prefer to cut at a word boundary in the last third */
    cut = len;
    while (cut > len * 2 / 3 && text[cut] != ' ')
        cut--;
    if (text[cut] != ' ')
        cut = len;
    while (cut > 0 && strchr(" ,;:(-", text[cut - 1]))
        cut--;
    escape_bytes(out, text, cut);
    fputs("\xe2\x80\xa6", out); /* U+2026 ellipsis */
}

char *rpt_vformat(const char *fmt, va_list ap)
{
    va_list again;
    int n;
    char *buf;

    va_copy(again, ap);
    n = vsnprintf(NULL, 0, fmt, ap);
    buf = ent_xmalloc(n > 0 ? (size_t)n + 1 : 1);
    if (n > 0)
        vsnprintf(buf, (size_t)n + 1, fmt, again);
    else
        buf[0] = '\0';
    va_end(again);
    return buf;
}

char *rpt_format(const char *fmt, ...)
{
    va_list ap;
    char *buf;

    va_start(ap, fmt);
    buf = rpt_vformat(fmt, ap);
    va_end(ap);
    return buf;
}

void rpt_escapef(FILE *out, const char *fmt, ...)
{
    va_list ap;
    char *buf;

    va_start(ap, fmt);
    buf = rpt_vformat(fmt, ap);
    va_end(ap);
    ent_html_escape(out, buf);
    free(buf);
}

void rpt_id(FILE *out, const char *prefix, const char *id)
{
    fputs(prefix, out);
    for (const unsigned char *p = (const unsigned char *)(id ? id : ""); *p;
         p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
            (*p >= '0' && *p <= '9') || *p == '_' || *p == '-')
            fputc(*p, out);
        else
            fprintf(out, ".%02X", *p); /* injective: '.' is never kept */
    }
}

const char *rpt_num(char *buf, size_t size, double v, int decimals)
{
    if (!isfinite(v)) {
        snprintf(buf, size, "\xe2\x80\x93"); /* en dash: no value */
        return buf;
    }
    snprintf(buf, size, "%.*f", decimals, v);
    /* no "-0.0" */
    if (buf[0] == '-' && strspn(buf + 1, "0.") == strlen(buf + 1))
        memmove(buf, buf + 1, strlen(buf));
    return buf;
}

const char *rpt_str(const char *s)
{
    return s ? s : "";
}

void rpt_stop_sentence(FILE *out, const ent_stop *stop, double lo, double hi)
{
    char a[32], b[32];

    rpt_num(a, sizeof a, lo, 1);
    rpt_num(b, sizeof b, hi, 1);
    if (stop->reason == ENT_STOPPED_CONVERGED)
        rpt_escapef(out, " The run converged at round %d%s.", stop->round,
                    stop->by_engine ? " (the engine's own stopping rule)" : "");
    else if (stop->reason == ENT_STOPPED_CYCLE)
        rpt_escapef(out,
                    " The run settled in a cycle of %d rounds, seen complete "
                    "at round %d (outcome %s to %s)%s.",
                    stop->period, stop->round, a, b,
                    stop->rule == ENT_STOP_SETTLE
                        ? "; the forecast is the mean over the cycle"
                        : "");
    else
        rpt_escapef(out,
                    " The run did not settle within %d rounds: no fixed point "
                    "or cycle (outcome %s to %s over the last %d rounds)%s.",
                    stop->round, a, b, stop->window,
                    stop->rule == ENT_STOP_SETTLE
                        ? "; the forecast is their mean, marked unsettled"
                        : "");
}
