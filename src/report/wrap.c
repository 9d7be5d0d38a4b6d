/*
 * wrap.c -- text for charts broken into lines that fit a width, written
 * as one SVG <text> of <tspan> lines, so that long names (actors,
 * anchors, periods) are shown in full instead of cut.
 */
#include <stdlib.h>
#include <string.h>

#include "report/html.h"
#include "report/svg.h"

/* Byte length of the longest prefix of `s` (up to `len` bytes) ending at
   a code point boundary whose width fits `width`. */
static size_t fitting_prefix(const char *s, size_t len, double width)
{
    size_t end = 0;
    int chars = 0;

    while (end < len) {
        size_t next = end + 1;

        while (next < len && ((unsigned char)s[next] & 0xC0) == 0x80)
            next++;
        if ((chars + 1) * SVG_FONT * 0.6 > width && chars > 0)
            break;
        end = next;
        chars++;
    }
    return end;
}

static char *copy(const char *s, size_t len)
{
    char *d = ent_xmalloc(len + 1);

    memcpy(d, s, len);
    d[len] = '\0';
    return d;
}

/* One line from `s`: as many whole words as fit (or a cut word); sets
 *used to the bytes consumed, spaces after the line included. */
static char *take_line(const char *s, double width, size_t *used)
{
    size_t len = strlen(s), fit = fitting_prefix(s, len, width), cut = fit;

    if (fit < len && s[fit] != ' ') {
        while (cut > 0 && s[cut - 1] != ' ')
            cut--;
        if (cut == 0) /* one word longer than the line */
            cut = fit;
    }
    *used = cut;
    while (s[*used] == ' ')
        (*used)++;
    while (cut > 0 && s[cut - 1] == ' ')
        cut--;
    return copy(s, cut);
}

/* Replaces the end of `line` with an ellipsis so that it still fits. */
static char *ellipsize(char *line, double width)
{
    size_t len = strlen(line);
    size_t keep = fitting_prefix(line, len, width - SVG_FONT * 0.6);
    char *out = ent_xmalloc(keep + 4);

    while (keep > 0 && line[keep - 1] == ' ')
        keep--;
    memcpy(out, line, keep);
    memcpy(out + keep, "\xe2\x80\xa6", 4); /* U+2026 and the NUL */
    free(line);
    return out;
}

svg_lines svg_wrap(const char *text, double width, int max_lines)
{
    svg_lines l = {NULL, 0, 0};
    const char *s = rpt_str(text);
    int cap = 4;

    while (*s == ' ')
        s++;
    l.line = ent_xmalloc(sizeof *l.line * (size_t)cap);
    while (*s) {
        size_t used;

        if (max_lines > 0 && l.n == max_lines) {
            l.line[l.n - 1] = ellipsize(l.line[l.n - 1], width);
            l.cut = 1;
            break;
        }
        if (l.n == cap) {
            cap *= 2;
            l.line = ent_xrealloc(l.line, sizeof *l.line * (size_t)cap);
        }
        l.line[l.n++] = take_line(s, width, &used);
        s += used;
    }
    return l;
}

void svg_lines_free(svg_lines *l)
{
    for (int i = 0; i < l->n; i++)
        free(l->line[i]);
    free(l->line);
    l->line = NULL;
    l->n = 0;
}

double svg_lines_height(const svg_lines *l)
{
    return l->n * SVG_LINE;
}

void svg_text_lines(FILE *out, double x, double y, const char *anchor,
                    const char *cls, const svg_lines *l, const char *full)
{
    fprintf(out, "<text x=\"%.1f\" y=\"%.1f\"", x, y);
    if (anchor && *anchor && anchor[0] != 's')
        fprintf(out, " text-anchor=\"%s\"", anchor);
    if (cls)
        fprintf(out, " class=\"%s\"", cls);
    fputc('>', out);
    if (l->cut && full) {
        fputs("<title>", out);
        ent_html_escape(out, full);
        fputs("</title>", out);
    }
    for (int i = 0; i < l->n; i++) {
        if (i == 0 && l->n == 1) {
            ent_html_escape(out, l->line[i]);
            break;
        }
        fprintf(out, "<tspan x=\"%.1f\"", x);
        if (i)
            fprintf(out, " dy=\"%.0f\"", SVG_LINE);
        fputc('>', out);
        ent_html_escape(out, l->line[i]);
        fputs("</tspan>", out);
    }
    fputs("</text>", out);
}
