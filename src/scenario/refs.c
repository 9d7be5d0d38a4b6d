/*
 * refs.c -- what every scenario file loader shares: opening a file as a
 * table, finding its columns, and reading cells that name something
 * defined elsewhere (sources, actors, issues, periods) or something that
 * must be unique (ids).
 */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "scenario/cells.h"
#include "scenario/file.h"
#include "scenario/loader.h"

int scn_open_table(scn_table *t, const char *dir, const char *name,
                   int required, const char *what, ent_error *err)
{
    char *path = scn_join_path(dir, name);
    struct stat st;
    int rc = 0;

    memset(t, 0, sizeof *t);
    if (!required && stat(path, &st) != 0 && errno == ENOENT)
        t->path = ent_xstrdup(path);
    else if (scn_table_read(t, path, err) != 0)
        rc = -1;
    else if (t->n_rows == 0 && required)
        rc = ent_fail_at(err, path, 1, 1,
                         "empty file: expected a header row, then one row "
                         "per %s",
                         what);
    else if (t->n_rows == 1 && required)
        rc = ent_fail_at(err, path, t->rows[0].line + 1, 1,
                         "expected at least one %s row after the header", what);
    free(path);
    if (rc != 0)
        scn_table_free(t);
    return rc;
}

void *scn_grow(void *array, int count, size_t size)
{
    char *a = ent_xrealloc(array, size * (size_t)(count + 1));

    memset(a + size * (size_t)count, 0, size);
    return a;
}

int scn_load_rows(ent_scenario *sc, const char *dir, const char *file,
                  int required, const char *what, const char *const *names,
                  int n_names, scn_row_fn fn, ent_error *err)
{
    ent_strlist ids = {NULL, 0};
    int col[SCN_MAX_COLUMNS];
    scn_table t;
    int rc;

    if (scn_open_table(&t, dir, file, required, what, err) != 0)
        return -1;
    rc = t.n_rows > 0 ? scn_columns(&t, names, n_names, col, err) : 0;
    for (int r = 1; r < t.n_rows && rc == 0; r++)
        rc = fn(sc, &t, r, col, &ids, err);
    ent_strlist_free(&ids);
    scn_table_free(&t);
    return rc;
}

/* Fails if the header has `name` again after column `col`. */
static int unique_column(const scn_table *t, const char *name, int col,
                         ent_error *err)
{
    const scn_row *h = &t->rows[0];

    for (int i = col + 1; i < h->n_cells; i++) {
        char *text = scn_cell_text(t, 0, i);
        int same = strcasecmp(text, name) == 0;

        free(text);
        if (same)
            return ent_fail_at(err, t->path, h->cells[i].line, i + 1,
                               "%s: column appears twice in the header "
                               "(first as column %d)",
                               name, col + 1);
    }
    return 0;
}

int scn_columns(const scn_table *t, const char *const *names, int n, int *col,
                ent_error *err)
{
    for (int i = 0; i < n; i++) {
        int required = names[i][0] == '*';
        const char *name = names[i] + required;

        col[i] =
            required ? scn_table_need(t, name, err) : scn_table_find(t, name);
        if (required && col[i] < 0)
            return -1;
        if (col[i] >= 0 && unique_column(t, name, col[i], err) != 0)
            return -1;
    }
    return 0;
}

int scn_cell_sources(const ent_scenario *sc, const scn_table *t, int row,
                     int col, int required, ent_strlist *out, ent_error *err)
{
    scn_cell_list(t, row, col, out);
    if (required && out->count == 0)
        return scn_cell_fail(err, t, row, col, "sources",
                             "expected at least one source id (from "
                             "sources.csv), got an empty cell");
    for (int i = 0; i < out->count; i++)
        if (!ent_scenario_source(sc, out->items[i]))
            return scn_cell_fail(err, t, row, col, "sources",
                                 "unknown source \"%s\" (expected an id "
                                 "defined in sources.csv)",
                                 out->items[i]);
    return 0;
}

int scn_cell_new_id(const scn_table *t, int row, int col, int dots_ok,
                    ent_strlist *seen, char **out, ent_error *err)
{
    char *id;

    if (scn_cell_id(t, row, col, "id", dots_ok, &id, err) != 0)
        return -1;
    for (int i = 0; i < seen->count; i++)
        if (strcmp(seen->items[i], id) == 0) {
            scn_cell_fail(err, t, row, col, "id",
                          "duplicate id \"%s\" (first defined on line %ld)", id,
                          scn_table_line(t, i + 1, col));
            free(id);
            return -1;
        }
    ent_strlist_push(seen, id);
    *out = id;
    return 0;
}

/* Reads an id naming something in `file`; `index` looks it up. */
static int cell_ref(const ent_scenario *sc, const scn_table *t, int row,
                    int col, const char *name, const char *where,
                    int (*index)(const ent_scenario *, const char *), int *out,
                    ent_error *err)
{
    char *id = scn_cell_text(t, row, col);

    *out = *id ? index(sc, id) : -1;
    if (*out < 0) {
        if (*id)
            scn_cell_fail(err, t, row, col, name,
                          "unknown %s \"%s\" (expected an id %s)", name, id,
                          where);
        else
            scn_cell_fail(err, t, row, col, name,
                          "expected an id %s, got an empty cell", where);
    }
    free(id);
    return *out < 0 ? -1 : 0;
}

int scn_cell_actor(const ent_scenario *sc, const scn_table *t, int row, int col,
                   int *out, ent_error *err)
{
    return cell_ref(sc, t, row, col, "actor", "defined in actors.csv",
                    ent_scenario_actor, out, err);
}

int scn_cell_issue(const ent_scenario *sc, const scn_table *t, int row, int col,
                   int *out, ent_error *err)
{
    return cell_ref(sc, t, row, col, "issue", "defined in issues.csv",
                    ent_scenario_issue, out, err);
}

int scn_cell_period(const ent_scenario *sc, const scn_table *t, int row,
                    int col, int *out, ent_error *err)
{
    return cell_ref(sc, t, row, col, "period",
                    "listed in scenario.ini's periods", ent_scenario_period,
                    out, err);
}

/* Reads exactly n digits; -1 if they are not there. */
static int fixed_digits(const char **p, int n)
{
    int v = 0;

    for (int i = 0; i < n; i++, (*p)++) {
        if (!isdigit((unsigned char)**p))
            return -1;
        v = v * 10 + (**p - '0');
    }
    return v;
}

/* Parses YYYY, YYYY-MM or YYYY-MM-DD; a missing month or day reads as the
   last one (12, 31), so the key is the latest day the date can mean. */
static int date_syntax(const char *s, int *year, long *key)
{
    int y = fixed_digits(&s, 4), m = 12, d = 31;

    if (y < 0)
        return -1;
    if (*s == '-') {
        s++;
        m = fixed_digits(&s, 2);
        if (*s == '-') {
            s++;
            d = fixed_digits(&s, 2);
        }
    }
    if (*s || m < 1 || m > 12 || d < 1 || d > 31)
        return -1;
    *year = y;
    *key = (long)y * 10000 + (long)m * 100 + d;
    return 0;
}

int scn_date_key(const char *text, long *key)
{
    int year;

    return date_syntax(text, &year, key);
}

int scn_cell_date(const scn_table *t, int row, int col, const char *name,
                  int required, char **out, int *year, ent_error *err)
{
    char *text = scn_cell_text(t, row, col);
    long key;

    *year = 0;
    if ((*text || required) && date_syntax(text, year, &key) != 0) {
        scn_cell_fail(err, t, row, col, name,
                      "expected a date YYYY, YYYY-MM or YYYY-MM-DD, got "
                      "\"%s\"",
                      text);
        free(text);
        return -1;
    }
    *out = text;
    return 0;
}
