/*
 * html_whatif.c -- the what-ifs applied to a report's inputs, listed in
 * the page's header (one item per change: what changed, where it came
 * from, why, and links to its sources).
 */
#include <stdio.h>

#include "report/html.h"

void rpt_meta_whatif(const rpt_ctx *c)
{
    const ent_whatif *w = c->opts->whatif;
    FILE *out = c->out;

    if (!w || w->count == 0)
        return;
    fputs("<dt>What-ifs applied</dt><dd><ul class=\"whatifs\">\n", out);
    for (int i = 0; i < w->count; i++) {
        const ent_change *ch = &w->items[i];

        fputs("<li><code>", out);
        ent_html_escape(out, ch->label);
        fputs("</code> (", out);
        ent_html_escape(out, ch->origin);
        fputc(')', out);
        if (*ch->rationale) {
            fputs(": ", out);
            ent_html_escape(out, ch->rationale);
        }
        if (ch->sources.count) {
            fputc(' ', out);
            rpt_source_links(c, &ch->sources);
        }
        fputs("</li>\n", out);
    }
    fputs("</ul></dd>\n", out);
}
