/*
 * svg.c -- SVG elements for the report's charts: the <svg> element,
 * groups, tooltips, lines, rectangles, text, polylines and point markers.
 * Coordinates are written with one decimal; non-finite points are never
 * written, so a chart can not contain "nan" or "inf".
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "report/html.h"
#include "report/svg.h"

static int finite2(double a, double b)
{
    return isfinite(a) && isfinite(b);
}

void svg_begin(FILE *out, double w, double h, const char *title)
{
    fprintf(out,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" "
            "viewBox=\"0 0 %.0f %.0f\" width=\"%.0f\" height=\"%.0f\" "
            "role=\"img\" aria-label=\"",
            w, h, w, h);
    ent_html_escape(out, title);
    fputs("\"><title>", out);
    ent_html_escape(out, title);
    fputs("</title>\n", out);
}

void svg_end(FILE *out)
{
    fputs("</svg>\n", out);
}

void svg_group_begin(FILE *out, const char *cls)
{
    if (cls)
        fprintf(out, "<g class=\"%s\">", cls);
    else
        fputs("<g>", out);
}

void svg_group_end(FILE *out)
{
    fputs("</g>\n", out);
}

void svg_tooltip(FILE *out, const char *fmt, ...)
{
    va_list ap;
    char *buf;

    va_start(ap, fmt);
    buf = rpt_vformat(fmt, ap);
    va_end(ap);
    fputs("<title>", out);
    ent_html_escape(out, buf);
    fputs("</title>", out);
    free(buf);
}

void svg_line(FILE *out, double x1, double y1, double x2, double y2,
              const char *cls)
{
    if (!finite2(x1, y1) || !finite2(x2, y2))
        return;
    fprintf(out,
            "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
            "class=\"%s\"/>",
            x1, y1, x2, y2, cls);
}

void svg_line_styled(FILE *out, double x1, double y1, double x2, double y2,
                     const char *color, const char *dash, double width)
{
    if (!finite2(x1, y1) || !finite2(x2, y2))
        return;
    fprintf(out,
            "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
            "stroke=\"%s\" stroke-width=\"%.1f\"",
            x1, y1, x2, y2, color, width);
    if (dash && *dash)
        fprintf(out, " stroke-dasharray=\"%s\"", dash);
    fputs("/>", out);
}

void svg_rect(FILE *out, double x, double y, double w, double h,
              const char *cls)
{
    if (!finite2(x, y) || !finite2(w, h))
        return;
    fprintf(out,
            "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
            "class=\"%s\"/>",
            x, y, w < 0 ? 0 : w, h < 0 ? 0 : h, cls);
}

void svg_text(FILE *out, double x, double y, const char *anchor,
              const char *cls, const char *text, int max_chars)
{
    int cut = max_chars > 0 && ent_utf8_width(rpt_str(text)) > max_chars;

    if (!finite2(x, y))
        return;
    fprintf(out, "<text x=\"%.1f\" y=\"%.1f\"", x, y);
    if (anchor && *anchor && anchor[0] != 's')
        fprintf(out, " text-anchor=\"%s\"", anchor);
    if (cls)
        fprintf(out, " class=\"%s\"", cls);
    fputc('>', out);
    rpt_escape_trunc(out, text, max_chars);
    if (cut) {
        fputs("<title>", out);
        ent_html_escape(out, text);
        fputs("</title>", out);
    }
    fputs("</text>", out);
}

void svg_text_vertical(FILE *out, double x, double y, const char *cls,
                       const char *text)
{
    if (!finite2(x, y))
        return;
    fprintf(out,
            "<text transform=\"translate(%.1f %.1f) rotate(-90)\" "
            "text-anchor=\"middle\" class=\"%s\">",
            x, y, cls);
    ent_html_escape(out, text);
    fputs("</text>", out);
}

void svg_polyline(FILE *out, const double *x, const double *y, int n,
                  const char *color, const char *dash, double width)
{
    int drawn = 0;

    for (int i = 0; i < n; i++) {
        if (!finite2(x[i], y[i]))
            continue;
        if (!drawn++)
            fputs("<polyline points=\"", out);
        else
            fputc(' ', out);
        fprintf(out, "%.1f,%.1f", x[i], y[i]);
    }
    if (!drawn)
        return;
    fprintf(out,
            "\" fill=\"none\" stroke=\"%s\" stroke-width=\"%.1f\" "
            "stroke-linejoin=\"round\" stroke-linecap=\"round\"",
            color, width);
    if (dash && *dash)
        fprintf(out, " stroke-dasharray=\"%s\"", dash);
    fputs("/>", out);
}

void svg_marker(FILE *out, int shape, double x, double y, double r,
                const char *color, int hollow)
{
    const char *fill = hollow ? "#fff" : color;

    if (!finite2(x, y))
        return;
    switch (shape % SVG_N_SHAPES) {
    case SVG_SQUARE:
        fprintf(out,
                "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
                "height=\"%.1f\"",
                x - r * 0.85, y - r * 0.85, r * 1.7, r * 1.7);
        break;
    case SVG_DIAMOND:
        fprintf(out, "<path d=\"M%.1f %.1fL%.1f %.1fL%.1f %.1fL%.1f %.1fZ\"", x,
                y - r * 1.2, x + r * 1.2, y, x, y + r * 1.2, x - r * 1.2, y);
        break;
    case SVG_TRIANGLE:
        fprintf(out, "<path d=\"M%.1f %.1fL%.1f %.1fL%.1f %.1fZ\"", x,
                y - r * 1.2, x + r * 1.1, y + r * 0.8, x - r * 1.1,
                y + r * 0.8);
        break;
    case SVG_TRIANGLE_DOWN:
        fprintf(out, "<path d=\"M%.1f %.1fL%.1f %.1fL%.1f %.1fZ\"", x,
                y + r * 1.2, x + r * 1.1, y - r * 0.8, x - r * 1.1,
                y - r * 0.8);
        break;
    default:
        fprintf(out, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\"", x, y, r);
    }
    fprintf(out, " fill=\"%s\" stroke=\"%s\" stroke-width=\"1.5\"/>", fill,
            color);
}

double svg_text_width(const char *text, double size)
{
    return ent_utf8_width(rpt_str(text)) * size * 0.62;
}
