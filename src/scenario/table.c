/*
 * table.c -- read a CSV file into rows of cells with libcsv.
 *
 * libcsv does the RFC 4180 parsing (quotes, doubled quotes, quoted line
 * breaks, LF / CRLF / CR line ends) in strict mode.  It reports no
 * positions, so the text is fed in runs that end at every byte that can
 * end a field or a line; the line counter advances between runs and each
 * cell records the line its first byte was on.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <csv.h>

#include "util/protect.h"
#include "scenario/file.h"
#include "scenario/table.h"
#include "util/text.h"

/* Parser state shared with the libcsv callbacks. */
typedef struct reader {
    scn_table *t;
    scn_row row;     /* the row being built */
    long line;       /* line of the next byte */
    long field_line; /* line the current field started on */
    int fresh;       /* no byte of the current field seen yet */
    int oom;         /* memory ran out: the rest is skipped */
} reader;

static int blank(const char *s)
{
    while (isspace((unsigned char)*s))
        s++;
    return *s == '\0';
}

static void row_free(scn_row *row)
{
    for (int i = 0; i < row->n_cells; i++)
        free(row->cells[i].text);
    free(row->cells);
    memset(row, 0, sizeof *row);
}

static void on_field(void *s, size_t len, void *data)
{
    reader *r = data;
    scn_cell *c, *cells;
    char *text;

    if (r->oom)
        return;
    cells = ent_realloc_checked(r->row.cells, sizeof *r->row.cells *
                                                  (size_t)(r->row.n_cells + 1));
    text = cells ? ent_malloc_checked(len + 1) : NULL;
    if (cells)
        r->row.cells = cells;
    if (!text) {
        r->oom = 1;
        return;
    }
    c = &r->row.cells[r->row.n_cells++];
    c->text = text;
    if (s && len)
        memcpy(c->text, s, len);
    c->text[len] = '\0';
    c->line = r->fresh ? r->line : r->field_line;
    if (r->row.n_cells == 1)
        r->row.line = c->line;
    r->fresh = 1;
}

static void on_row(int term, void *data)
{
    reader *r = data;
    scn_table *t = r->t;
    int empty = 1;

    scn_row *rows;

    (void)term;
    r->fresh = 1;
    for (int i = 0; i < r->row.n_cells && empty; i++)
        empty = blank(r->row.cells[i].text);
    if (empty || r->oom) {
        row_free(&r->row);
        return;
    }
    rows =
        ent_realloc_checked(t->rows, sizeof *t->rows * (size_t)(t->n_rows + 1));
    if (!rows) {
        r->oom = 1;
        row_free(&r->row);
        return;
    }
    t->rows = rows;
    t->rows[t->n_rows++] = r->row;
    memset(&r->row, 0, sizeof r->row);
}

static int special(char c)
{
    return c == ',' || c == '"' || c == '\r' || c == '\n';
}

static int parse_error(const reader *r, const char *path, char at,
                       ent_error *err)
{
    long col = r->row.n_cells + 1;

    if (at == '"')
        return ent_fail_at(err, path, r->line, col,
                           "malformed CSV: a quote inside an unquoted field "
                           "(quote the whole field and double the quote)");
    return ent_fail_at(err, path, r->line, col,
                       "malformed CSV: expected a comma or the end of the "
                       "line after a closing quote");
}

/* Feeds data[0..len) to libcsv; returns -1 on a parse error. */
static int feed(struct csv_parser *p, reader *r, const char *path,
                const char *data, size_t len, ent_error *err)
{
    size_t i = 0;

    while (i < len) {
        size_t j = i, done;

        while (j < len && !special(data[j]))
            j++;
        if (j == i)
            j = i + 1;
        if (r->fresh && data[i] != '\r' && data[i] != '\n') {
            r->field_line = r->line;
            r->fresh = 0;
        }
        done = csv_parse(p, data + i, j - i, on_field, on_row, r);
        if (done != j - i && csv_error(p) == CSV_ENOMEM)
            return ent_fail(err, ENT_EXIT_RUNTIME,
                            "%s: out of memory reading the table", path);
        if (done != j - i)
            return parse_error(r, path, data[i + done], err);
        if (data[j - 1] == '\n' ||
            (data[j - 1] == '\r' && (j == len || data[j] != '\n')))
            r->line++;
        i = j;
    }
    return 0;
}

int scn_table_parse(scn_table *t, const char *path, const char *data,
                    size_t len, ent_error *err)
{
    struct csv_parser p;
    /* r keeps the pointer t, not *t, which is cleared below before use */
    // cppcheck-suppress ctuuninitvar ; false positive, see above
    reader r = {t, {NULL, 0, 0}, 1, 1, 1, 0};
    int rc;

    memset(t, 0, sizeof *t);
    t->path = ent_xstrdup(path);
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
        data += 3;
        len -= 3;
    }
    if (ent_text_check(path, data, len, err) != 0) {
        scn_table_free(t);
        return -1;
    }
    if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0) {
        scn_table_free(t);
        return ent_fail(err, ENT_EXIT_RUNTIME,
                        "%s: cannot start the CSV parser", path);
    }
    rc = feed(&p, &r, path, data, len, err);
    if (rc == 0 && csv_fini(&p, on_field, on_row, &r) != 0)
        rc = ent_fail_at(err, path, r.field_line, r.row.n_cells + 1,
                         "malformed CSV: unterminated quoted field "
                         "(expected a closing quote before the end of "
                         "the file)");
    if (rc == 0 && r.oom)
        rc = ent_fail(err, ENT_EXIT_RUNTIME,
                      "%s: out of memory reading the table", path);
    csv_free(&p);
    row_free(&r.row);
    if (rc != 0)
        scn_table_free(t);
    return rc;
}

int scn_table_read(scn_table *t, const char *path, ent_error *err)
{
    char *buf = NULL;
    size_t len = 0;
    int rc;

    memset(t, 0, sizeof *t);
    if (scn_read_file(path, &buf, &len, err) != 0)
        return -1;
    rc = scn_table_parse(t, path, buf, len, err);
    free(buf);
    return rc;
}

void scn_table_free(scn_table *t)
{
    if (!t)
        return;
    for (int i = 0; i < t->n_rows; i++)
        row_free(&t->rows[i]);
    free(t->rows);
    free(t->path);
    memset(t, 0, sizeof *t);
}

/* Compares `cell` with `name` ignoring case and the cell's outer blanks. */
static int header_is(const char *cell, const char *name)
{
    size_t n = strlen(name), len;

    while (isspace((unsigned char)*cell))
        cell++;
    len = strlen(cell);
    while (len > 0 && isspace((unsigned char)cell[len - 1]))
        len--;
    return len == n && strncasecmp(cell, name, n) == 0;
}

int scn_table_find(const scn_table *t, const char *name)
{
    if (t->n_rows == 0)
        return -1;
    for (int i = 0; i < t->rows[0].n_cells; i++)
        if (header_is(t->rows[0].cells[i].text, name))
            return i;
    return -1;
}

int scn_table_need(const scn_table *t, const char *name, ent_error *err)
{
    int col = scn_table_find(t, name);

    if (col < 0)
        ent_fail_at(err, t->path, t->n_rows ? t->rows[0].line : 1, 1,
                    "missing column \"%s\" in the header row", name);
    return col;
}

const char *scn_table_text(const scn_table *t, int row, int col)
{
    if (row < 0 || row >= t->n_rows || col < 0 || col >= t->rows[row].n_cells)
        return "";
    return t->rows[row].cells[col].text;
}

long scn_table_line(const scn_table *t, int row, int col)
{
    if (row < 0 || row >= t->n_rows)
        return 0;
    if (col < 0 || col >= t->rows[row].n_cells)
        return t->rows[row].line;
    return t->rows[row].cells[col].line;
}
