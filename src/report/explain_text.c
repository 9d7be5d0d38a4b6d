/*
 * explain_text.c -- an explanation as wrapped plain text, and the text
 * buffer its sentences are built in.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "entente/explain.h"
#include "report/explain_text.h"
#include "util/protect.h"

void xt_printf(xt_buf *b, const char *fmt, ...)
{
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    if (b->len + (size_t)n + 1 > b->cap) {
        b->cap = (b->len + (size_t)n + 1) * 2;
        b->s = ent_xrealloc(b->s, b->cap);
    }
    va_start(ap, fmt);
    vsnprintf(b->s + b->len, b->cap - b->len, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

char *xt_take(xt_buf *b)
{
    char *s = b->s ? b->s : ent_xstrdup("");

    memset(b, 0, sizeof *b);
    return s;
}

/* Display columns of the UTF-8 bytes [s, s + n). */
static int columns(const char *s, size_t n)
{
    int w = 0;

    for (size_t i = 0; i < n; i++)
        w += ((unsigned char)s[i] & 0xC0) != 0x80;
    return w;
}

void xt_wrap(xt_buf *b, const char *text, int width, const char *indent)
{
    int col = 0, ind = columns(indent, strlen(indent));
    const char *p = text;

    while (*p) {
        size_t len = strcspn(p, " ");
        int w = columns(p, len);

        if (col == 0) {
            xt_printf(b, "%s", indent);
            col = ind;
        } else if (width > 0 && col + 1 + w > width) {
            xt_printf(b, "\n%s", indent);
            col = ind;
        } else {
            xt_printf(b, " ");
            col++;
        }
        xt_printf(b, "%.*s", (int)len, p);
        col += w;
        p += len;
        while (*p == ' ')
            p++;
    }
    xt_printf(b, "\n");
}

void xt_cite_source(xt_buf *b, const ent_scenario *sc, const ent_source *s)
{
    const char *date = s->date ? s->date : "";
    char doc[512];

    xt_printf(b, "[%s%s%s] %s, %s: \"%s\"", s->id, *date ? ", " : "", date,
              ent_scenario_document_cite(sc, s->document, doc, sizeof doc),
              s->locator ? s->locator : "", s->quote);
}

static const char *const headings[][2] = {
    {"forecast", "Forecast"},      {"median", "Median voter"},
    {"pivotal", "Pivotal actors"}, {"bargaining", "Bargaining"},
    {"settled", "How it settled"}, {"evidence", "Evidence"},
};

static const char *heading(const char *topic)
{
    for (size_t i = 0; i < sizeof headings / sizeof headings[0]; i++)
        if (strcmp(headings[i][0], topic) == 0)
            return headings[i][1];
    return topic;
}

static char *explanation_text_body(const ent_explanation *e,
                                   const ent_scenario *sc, int width)
{
    xt_buf b = {0}, t = {0};
    const char *last = "";
    char *title;

    xt_printf(&t, "Why %s lands where it does (%s)", sc->issues[e->issue].name,
              e->model);
    title = xt_take(&t);
    xt_wrap(&b, title, width, "");
    free(title);
    for (int i = 0; i < e->count; i++) {
        const ent_explain_item *it = &e->items[i];

        if (strcmp(it->topic, last) != 0)
            xt_printf(&b, "\n%s\n", heading(it->topic));
        last = it->topic;
        xt_wrap(&b, it->text, width, "  ");
        for (int s = 0; s < it->sources.count; s++) {
            const ent_source *src =
                ent_scenario_source(sc, it->sources.items[s]);
            char *line;
            xt_buf q = {0};

            if (!src)
                continue;
            xt_cite_source(&q, sc, src);
            line = xt_take(&q);
            xt_wrap(&b, line, width, "    ");
            free(line);
        }
    }
    return xt_take(&b);
}

char *ent_explanation_text(const ent_explanation *e, const ent_scenario *sc,
                           int width)
{
    ENT_PROTECTED(char *, NULL, NULL, explanation_text_body(e, sc, width));
}
