/*
 * explain_html.c -- an explanation as an HTML block for a page to place:
 * one <section class="explain"> with a paragraph per point and source ids
 * linking to the page's "#src-ID" anchors.
 */
#include <stdio.h>
#include <string.h>

#include "entente/explain.h"
#include "report/html.h"

void ent_explanation_html(FILE *out, const ent_explanation *e,
                          const ent_scenario *sc)
{
    fputs("<section class=\"explain\">\n<h3>Why it lands here (", out);
    ent_html_escape(out, e->model);
    fputs(")</h3>\n", out);
    for (int i = 0; i < e->count; i++) {
        const ent_explain_item *it = &e->items[i];

        fputs("<p class=\"explain-", out);
        ent_html_escape(out, it->topic);
        fputs("\">", out);
        ent_html_escape(out, it->text);
        for (int s = 0; s < it->sources.count; s++) {
            if (!ent_scenario_source(sc, it->sources.items[s]))
                continue;
            fputs(s ? ", " : " [", out);
            fputs("<a class=\"src\" href=\"#", out);
            rpt_id(out, "src-", it->sources.items[s]);
            fputs("\">", out);
            ent_html_escape(out, it->sources.items[s]);
            fputs("</a>", out);
        }
        fputs(it->sources.count ? "]</p>\n" : "</p>\n", out);
    }
    fputs("</section>\n", out);
}
