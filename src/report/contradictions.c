/*
 * contradictions.c -- where the documents disagree (contradictions.csv),
 * as wrapped text for the command line and as the report's section: the
 * topic, each conflicting quote with its source, date and document, the
 * value the scenario takes and why.
 */
#include <stdio.h>
#include <stdlib.h>

#include "entente/report.h"
#include "report/explain_text.h"
#include "report/html.h"
#include "util/protect.h"

static char *contradiction_text_body(const ent_scenario *sc,
                                     const ent_contradiction *c, int width)
{
    xt_buf b = {0}, t = {0};
    char *line;

    xt_printf(&t, "%s: %s", c->id, c->topic);
    line = xt_take(&t);
    xt_wrap(&b, line, width, "");
    free(line);
    for (int i = 0; i < c->sources.count; i++) {
        const ent_source *s = ent_scenario_source(sc, c->sources.items[i]);

        if (!s)
            continue;
        xt_cite_source(&t, sc, s);
        line = xt_take(&t);
        xt_wrap(&b, line, width, "    ");
        free(line);
    }
    xt_printf(&t, "The scenario takes: %s", c->value);
    line = xt_take(&t);
    xt_wrap(&b, line, width, "  ");
    free(line);
    xt_printf(&t, "Why: %s", c->rationale);
    line = xt_take(&t);
    xt_wrap(&b, line, width, "  ");
    free(line);
    return xt_take(&b);
}

char *ent_contradiction_text(const ent_scenario *sc, const ent_contradiction *c,
                             int width)
{
    ENT_PROTECTED(char *, NULL, NULL, contradiction_text_body(sc, c, width));
}

/* One conflicting source: its id (a link to the appendix), date,
   document and quote. */
static void html_source(const rpt_ctx *c, const ent_source *s)
{
    FILE *out = c->out;
    char doc[512];

    fputs("<li><a class=\"src\" href=\"#", out);
    rpt_id(out, "src-", s->id);
    fputs("\">", out);
    ent_html_escape(out, s->id);
    fputs("</a>", out);
    if (*rpt_str(s->date)) {
        fputs(", ", out);
        ent_html_escape(out, s->date);
    }
    fputs(" \xe2\x80\x94 ", out);
    ent_html_escape(
        out, ent_scenario_document_cite(c->sc, s->document, doc, sizeof doc));
    fputs(": <q class=\"quote\">", out);
    ent_html_escape(out, s->quote);
    fputs("</q></li>\n", out);
    c->cited[s - c->sc->sources] = 1;
}

static void html_row(const rpt_ctx *c, const ent_contradiction *k)
{
    FILE *out = c->out;

    fputs("<tr id=\"", out);
    rpt_id(out, "contradiction-", k->id);
    fputs("\"><td data-label=\"topic\">", out);
    ent_html_escape(out, k->topic);
    fputs("</td><td class=\"quotes\" data-label=\"the documents\"><ul>\n", out);
    for (int i = 0; i < k->sources.count; i++) {
        const ent_source *s = ent_scenario_source(c->sc, k->sources.items[i]);

        if (s)
            html_source(c, s);
    }
    fputs("</ul></td><td data-label=\"the scenario takes\">", out);
    ent_html_escape(out, k->value);
    fputs("</td><td data-label=\"why\"><span class=\"rationale\">", out);
    ent_html_escape(out, k->rationale);
    fputs("</span></td></tr>\n", out);
}

void rpt_contradictions(const rpt_ctx *c)
{
    FILE *out = c->out;

    if (c->sc->n_contradictions == 0)
        return;
    fputs("<section id=\"contradictions\">\n<h2>Where the documents "
          "disagree</h2>\n<p class=\"desc\">Contradictions between the "
          "documents (contradictions.csv): the conflicting quotes, the value "
          "the scenario takes and why.</p>\n<table class=\"contradictions "
          "stack\">\n<thead><tr><th>topic</th><th>the documents</th><th>the "
          "scenario takes</th><th>why</th></tr></thead>\n<tbody>\n",
          out);
    for (int i = 0; i < c->sc->n_contradictions; i++)
        html_row(c, &c->sc->contradictions[i]);
    fputs("</tbody>\n</table>\n</section>\n", out);
}
