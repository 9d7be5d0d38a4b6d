/*
 * table.c -- aligned text tables (terminal output) and their CSV form.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "entente/report.h"
#include "util/text.h"
#include "util/protect.h"

struct ent_table {
    int n_columns;
    char **headers;
    char *align;
    int *max_width;
    char ***rows;
    int n_rows;
};

static ent_table *table_new_body(int n_columns)
{
    ent_table *t = ent_xcalloc(1, sizeof *t);

    t->n_columns = n_columns;
    t->headers = ent_xcalloc((size_t)n_columns, sizeof *t->headers);
    t->align = ent_xcalloc((size_t)n_columns, 1);
    t->max_width = ent_xcalloc((size_t)n_columns, sizeof(int));
    memset(t->align, 'l', (size_t)n_columns);
    return t;
}

ent_table *ent_table_new(int n_columns)
{
    ENT_PROTECTED(ent_table *, NULL, NULL, table_new_body(n_columns));
}

static int table_column_body(ent_table *t, int column, const char *header,
                             char align)
{
    char *copy = ent_xstrdup(header); /* before t changes */

    free(t->headers[column]);
    t->headers[column] = copy;
    t->align[column] = align;
    return 0;
}

int ent_table_column(ent_table *t, int column, const char *header, char align)
{
    ENT_PROTECTED_INT(NULL, table_column_body(t, column, header, align));
}

void ent_table_max_width(ent_table *t, int column, int width)
{
    t->max_width[column] = width;
}

static int table_row_body(ent_table *t, const char *const *cells, int n_cells)
{
    char **row = ent_xcalloc((size_t)t->n_columns, sizeof *row);

    for (int c = 0; c < t->n_columns; c++)
        row[c] = ent_xstrdup(c < n_cells && cells[c] ? cells[c] : "");
    t->rows = ent_xrealloc(t->rows, sizeof *t->rows * (size_t)(t->n_rows + 1));
    t->rows[t->n_rows++] = row;
    return 0;
}

int ent_table_row(ent_table *t, const char *const *cells, int n_cells)
{
    ENT_PROTECTED_INT(NULL, table_row_body(t, cells, n_cells));
}

int ent_table_rowf(ent_table *t, const char *fmt, ...)
{
    char buf[4096];
    const char *cells[64];
    int n = 0;
    char *p = buf;
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    cells[n++] = p;
    while ((p = strchr(p, '\t')) && n < 64) {
        *p++ = '\0';
        cells[n++] = p;
    }
    return ent_table_row(t, cells, n);
}

int ent_utf8_width(const char *s)
{
    int w = 0;

    for (; *s; s++)
        w += ((unsigned char)*s & 0xC0) != 0x80;
    return w;
}

/* Byte length of the first `cols` code points of s. */
static size_t utf8_prefix(const char *s, int cols)
{
    const char *p = s;

    while (*p && cols > 0) {
        p++;
        while (((unsigned char)*p & 0xC0) == 0x80)
            p++;
        cols--;
    }
    return (size_t)(p - s);
}

static int cell_width(const ent_table *t, int c, const char *s)
{
    int w = ent_utf8_width(s);

    return t->max_width[c] && w > t->max_width[c] ? t->max_width[c] : w;
}

static void print_cell(const ent_table *t, FILE *out, int c, const char *s,
                       int width, int last)
{
    int w = ent_utf8_width(s), cap = t->max_width[c];
    int pad;

    if (cap && w > cap) {
        fprintf(out, "%.*s...", (int)utf8_prefix(s, cap - 3), s);
        w = cap;
    } else if (t->align[c] == 'r') {
        fprintf(out, "%*s%s", width - w, "", s);
        w = width;
    } else {
        fputs(s, out);
    }
    pad = width - w;
    if (!last)
        fprintf(out, "%*s  ", pad, "");
}

/* A copy of the table whose text is safe on a terminal (ent_term_text):
   a name holding ESC or CR cannot rewrite the screen. */
static ent_table *term_copy(const ent_table *t)
{
    ent_table *c = ent_table_new(t->n_columns);

    for (int col = 0; col < t->n_columns; col++) {
        char *h = ent_term_text(t->headers[col]);

        ent_table_column(c, col, h ? h : "", t->align[col]);
        c->max_width[col] = t->max_width[col];
        free(h);
    }
    for (int r = 0; r < t->n_rows; r++) {
        char **row = ent_xcalloc((size_t)t->n_columns, sizeof *row);

        for (int col = 0; col < t->n_columns; col++) {
            row[col] = ent_term_text(t->rows[r][col]);
            if (!row[col])
                row[col] = ent_xstrdup("");
        }
        c->rows = ent_xrealloc(c->rows, sizeof *c->rows * (size_t)(r + 1));
        c->rows[c->n_rows++] = row;
    }
    return c;
}

static void print_plain(const ent_table *t, FILE *out, int bold);

static int table_print_body(const ent_table *t, FILE *out, int bold)
{
    ent_table *safe = term_copy(t);

    print_plain(safe, out, bold);
    ent_table_free(safe);
    return 0;
}

int ent_table_print(const ent_table *t, FILE *out, int bold)
{
    ENT_PROTECTED_INT(NULL, table_print_body(t, out, bold));
}

static void print_plain(const ent_table *t, FILE *out, int bold)
{
    int *width = ent_xcalloc((size_t)t->n_columns, sizeof(int));
    int last = t->n_columns - 1;

    for (int c = 0; c < t->n_columns; c++) {
        width[c] = cell_width(t, c, t->headers[c] ? t->headers[c] : "");
        for (int r = 0; r < t->n_rows; r++) {
            int w = cell_width(t, c, t->rows[r][c]);

            if (w > width[c])
                width[c] = w;
        }
    }
    if (bold)
        fputs("\033[1m", out);
    for (int c = 0; c < t->n_columns; c++)
        print_cell(t, out, c, t->headers[c] ? t->headers[c] : "", width[c],
                   c == last);
    if (bold)
        fputs("\033[0m", out);
    fputc('\n', out);
    for (int r = 0; r < t->n_rows; r++) {
        for (int c = 0; c < t->n_columns; c++)
            print_cell(t, out, c, t->rows[r][c], width[c], c == last);
        fputc('\n', out);
    }
    free(width);
}

void ent_table_print_csv(const ent_table *t, FILE *out)
{
    for (int c = 0; c < t->n_columns; c++) {
        if (c)
            fputc(',', out);
        ent_csv_field(out, t->headers[c] ? t->headers[c] : "");
    }
    fputc('\n', out);
    for (int r = 0; r < t->n_rows; r++) {
        for (int c = 0; c < t->n_columns; c++) {
            if (c)
                fputc(',', out);
            ent_csv_field(out, t->rows[r][c]);
        }
        fputc('\n', out);
    }
}

void ent_table_free(ent_table *t)
{
    if (!t)
        return;
    for (int r = 0; r < t->n_rows; r++) {
        for (int c = 0; c < t->n_columns; c++)
            free(t->rows[r][c]);
        free(t->rows[r]);
    }
    for (int c = 0; c < t->n_columns; c++)
        free(t->headers[c]);
    free(t->rows);
    free(t->headers);
    free(t->align);
    free(t->max_width);
    free(t);
}
