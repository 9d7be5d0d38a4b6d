/*
 * figure.c -- the frame every chart of the report is written in: a
 * <figure> with its title as HTML text (so it wraps like the page), the
 * chart drawn once at each viewBox width (SVG_WIDE, SVG_NARROW; the CSS
 * shows the one that fits the screen, and the wide one in print), and the
 * caption.  A chart only has to know how to draw itself at a given width.
 */
#include <stdio.h>

#include "report/html.h"

void rpt_figure_begin(const rpt_ctx *c, const char *cls, const char *title)
{
    fprintf(c->out,
            "<figure class=\"chart-fig%s%s\">\n<p class=\"chart-title\">",
            cls ? " " : "", cls ? cls : "");
    ent_html_escape(c->out, title);
    fputs("</p>\n", c->out);
}

void rpt_figure_draw(const rpt_ctx *c, rpt_draw_fn draw, const void *chart)
{
    fputs("<div class=\"v-wide\">", c->out);
    draw(chart, SVG_WIDE);
    fputs("</div>\n<div class=\"v-narrow\">", c->out);
    draw(chart, SVG_NARROW);
    fputs("</div>\n", c->out);
}

void rpt_figure_end(const rpt_ctx *c)
{
    fputs("</figure>\n", c->out);
}
