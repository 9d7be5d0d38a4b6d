/*
 * import_decide.c -- the input files of the Decide exchange model: one
 * record per line, the first field its type.
 *
 *   #A  actor id, full name, comment
 *   #P  issue name, description
 *   #M  issue name, a point of the issue's scale, description
 *   #D  actor id, issue name, position, salience, power, comment
 *   #/  comment            #O  free description (both ignored)
 *
 * Fields are separated by TAB when the first line has one, else by commas;
 * a field may be wrapped in ' or " (the quotes are removed).  An issue's
 * scale runs from its lowest to its highest #M point (0-100 without #M).
 * Positions must lie on the scale, saliences in (0, 1] and powers be >= 0.
 * A #D naming an actor without #A or an issue without #P is skipped, as
 * Decide does; a second #D for the same actor and issue is an error.
 * Positions keep the order of the #D rows (the exchange engine sums in
 * that order).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "scenario/cells.h"
#include "scenario/file.h"
#include "scenario/loader.h"
#include "util/protect.h"

/* Removes blanks around `s` and one pair of matching quotes. */
static char *field_text(const char *s, size_t len)
{
    char *out;

    while (len > 0 && (*s == ' ' || *s == '\r'))
        s++, len--;
    while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\r'))
        len--;
    if (len >= 2 && (s[0] == '\'' || s[0] == '"') && s[len - 1] == s[0])
        s++, len -= 2;
    out = ent_xmalloc(len + 1);
    memcpy(out, s, len);
    out[len] = '\0';
    return out;
}

static void split_line(scn_table *t, const char *s, size_t len, char delim,
                       long line)
{
    scn_row *row;
    size_t start = 0;

    t->rows = ent_xrealloc(t->rows, sizeof *t->rows * (size_t)(t->n_rows + 1));
    row = &t->rows[t->n_rows++];
    memset(row, 0, sizeof *row);
    row->line = line;
    for (size_t i = 0; i <= len; i++) {
        scn_cell *c;

        if (i < len && s[i] != delim)
            continue;
        row->cells = ent_xrealloc(row->cells, sizeof *row->cells *
                                                  (size_t)(row->n_cells + 1));
        c = &row->cells[row->n_cells++];
        c->text = field_text(s + start, i - start);
        c->line = line;
        start = i + 1;
    }
}

static int blank_line(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
            return 0;
    return 1;
}

/* Splits the text into rows; blank lines are dropped. */
static void split_text(scn_table *t, const char *path, const char *data,
                       size_t len)
{
    const char *nl = memchr(data, '\n', len);
    size_t first = nl ? (size_t)(nl - data) : len;
    char delim = memchr(data, '\t', first) ? '\t' : ',';
    long line = 1;

    memset(t, 0, sizeof *t);
    t->path = ent_xstrdup(path);
    for (size_t at = 0; at < len; line++) {
        const char *end = memchr(data + at, '\n', len - at);
        size_t n = end ? (size_t)(end - (data + at)) : len - at;

        if (!blank_line(data + at, n))
            split_line(t, data + at, n, delim, line);
        at += n + 1;
    }
}

/* What the loader collects before it builds the scenario. */
typedef struct decide_input {
    ent_scenario *sc;
    int *has_bounds; /* [n_issues] */
} decide_input;

static int need_cells(const scn_table *t, int r, int n, const char *what,
                      ent_error *err)
{
    const scn_row *row = &t->rows[r];

    if (row->n_cells >= n)
        return 0;
    return ent_fail_at(err, t->path, row->line, row->n_cells + 1,
                       "%s: expected %d fields (%s), found %d",
                       scn_table_text(t, r, 0), n, what, row->n_cells);
}

static int read_actor(decide_input *in, const scn_table *t, int r,
                      ent_error *err)
{
    ent_scenario *sc = in->sc;
    ent_actor *a;
    char *id;

    if (need_cells(t, r, 2, "#A, actor id", err) != 0 ||
        scn_cell_text_req(t, r, 1, "actor id", &id, err) != 0)
        return -1;
    if (ent_scenario_actor(sc, id) >= 0) {
        scn_cell_fail(err, t, r, 1, "actor id",
                      "expected a new actor id, got \"%s\" again", id);
        free(id);
        return -1;
    }
    sc->actors = scn_grow(sc->actors, sc->n_actors, sizeof *sc->actors);
    a = &sc->actors[sc->n_actors++];
    a->id = id;
    a->name = scn_cell_text(t, r, 2);
    if (*a->name == '\0') {
        free(a->name);
        a->name = ent_xstrdup(id);
    }
    a->group = ent_xstrdup("");
    a->description = scn_cell_text(t, r, 3);
    return 0;
}

static int read_issue(decide_input *in, const scn_table *t, int r,
                      ent_error *err)
{
    ent_scenario *sc = in->sc;
    ent_issue *is;
    char *id;

    if (need_cells(t, r, 2, "#P, issue name", err) != 0 ||
        scn_cell_text_req(t, r, 1, "issue name", &id, err) != 0)
        return -1;
    if (ent_scenario_issue(sc, id) >= 0) {
        scn_cell_fail(err, t, r, 1, "issue name",
                      "expected a new issue name, got \"%s\" again", id);
        free(id);
        return -1;
    }
    sc->issues = scn_grow(sc->issues, sc->n_issues, sizeof *sc->issues);
    in->has_bounds =
        scn_grow(in->has_bounds, sc->n_issues, sizeof *in->has_bounds);
    is = &sc->issues[sc->n_issues++];
    is->id = id;
    is->name = ent_xstrdup(id);
    is->description = scn_cell_text(t, r, 2);
    is->min = 0;
    is->max = 100;
    return 0;
}

static int find_issue(const ent_scenario *sc, const scn_table *t, int r,
                      int col, int *out, ent_error *err)
{
    const char *name = scn_table_text(t, r, col);

    *out = ent_scenario_issue(sc, name);
    if (*out >= 0)
        return 0;
    return scn_cell_fail(err, t, r, col, "issue name",
                         "expected an issue named in a #P record, got \"%s\"",
                         name);
}

static int read_bound(decide_input *in, const scn_table *t, int r,
                      ent_error *err)
{
    ent_issue *is;
    int k;
    double v;

    if (need_cells(t, r, 3, "#M, issue name, position", err) != 0 ||
        find_issue(in->sc, t, r, 1, &k, err) != 0 ||
        scn_cell_number(t, r, 2, "position", -INFINITY, INFINITY, &v, err) != 0)
        return -1;
    is = &in->sc->issues[k];
    if (!in->has_bounds[k]) {
        is->min = is->max = v;
        in->has_bounds[k] = 1;
    }
    is->min = fmin(is->min, v);
    is->max = fmax(is->max, v);
    return 0;
}

static int read_cell(decide_input *in, const scn_table *t, int r,
                     ent_error *err)
{
    ent_scenario *sc = in->sc;
    int a = ent_scenario_actor(sc, scn_table_text(t, r, 1));
    int k = ent_scenario_issue(sc, scn_table_text(t, r, 2));
    ent_position *p;
    const ent_issue *is;

    if (need_cells(t, r, 6,
                   "#D, actor id, issue name, position, salience, power",
                   err) != 0)
        return -1;
    if (a < 0 || k < 0)
        return 0; /* Decide skips these */
    for (int i = 0; i < sc->n_positions; i++)
        if (sc->positions[i].actor == a && sc->positions[i].issue == k)
            return scn_cell_fail(err, t, r, 2, "issue name",
                                 "expected one #D record per actor and "
                                 "issue, got a second one for %s on %s "
                                 "(the first is on line %ld)",
                                 sc->actors[a].id, sc->issues[k].id,
                                 sc->positions[i].line);
    is = &sc->issues[k];
    sc->positions =
        scn_grow(sc->positions, sc->n_positions, sizeof *sc->positions);
    p = &sc->positions[sc->n_positions++];
    p->actor = a;
    p->issue = k;
    p->line = t->rows[r].line;
    p->rationale = ent_xstrdup("");
    if (scn_cell_number(t, r, 3, "position", is->min, is->max, &p->position,
                        err) != 0 ||
        scn_cell_number(t, r, 4, "salience", 0, 1, &p->salience, err) != 0 ||
        scn_cell_number(t, r, 5, "power", 0, INFINITY, &p->capability, err) !=
            0)
        return -1;
    if (p->salience == 0)
        return scn_cell_fail(err, t, r, 4, "salience",
                             "expected a number in (0, 1], got 0 (an actor "
                             "without interest in an issue has no #D "
                             "record for it)");
    return 0;
}

typedef int (*record_fn)(decide_input *in, const scn_table *t, int r,
                         ent_error *err);

/* Runs `fn` on every row of type `type`; checks every type on pass 0. */
static int each_record(decide_input *in, const scn_table *t, const char *type,
                       record_fn fn, ent_error *err)
{
    static const char *const known[] = {"#A", "#P", "#M", "#D", "#/", "#O"};

    for (int r = 0; r < t->n_rows; r++) {
        const char *rt = scn_table_text(t, r, 0);
        size_t i = 0;

        while (i < sizeof known / sizeof *known && strcmp(rt, known[i]) != 0)
            i++;
        if (i == sizeof known / sizeof *known)
            return scn_cell_fail(err, t, r, 0, "record type",
                                 "expected #A, #P, #M, #D, #/ or #O, got "
                                 "\"%s\"",
                                 rt);
        if (strcmp(rt, type) == 0 && fn(in, t, r, err) != 0)
            return -1;
    }
    return 0;
}

static int check_scales(const ent_scenario *sc, const char *file,
                        ent_error *err)
{
    if (sc->n_positions == 0)
        return ent_fail_at(err, file, 1, 1,
                           "expected #D records (actor, issue, position, "
                           "salience, power) for actors and issues named in "
                           "#A and #P records, found none");
    for (int k = 0; k < sc->n_issues; k++)
        if (sc->issues[k].min == sc->issues[k].max)
            return ent_fail(err, ENT_EXIT_INPUT,
                            "%s: issue %s: expected #M records spanning a "
                            "scale, got the single point %g",
                            file, sc->issues[k].id, sc->issues[k].min);
    return 0;
}

int scn_import_decide_text(const char *file, const char *data, size_t len,
                           ent_scenario **out, ent_error *err)
{
    decide_input in = {scn_new(file), NULL};
    scn_table t;
    int rc;

    *out = NULL;
    split_text(&t, file, data, len);
    free(in.sc->name);
    free(in.sc->title);
    in.sc->name = scn_base_name(file);
    in.sc->title = ent_xstrdup(in.sc->name);
    scn_default_period(in.sc);
    rc = each_record(&in, &t, "#A", read_actor, err);
    if (rc == 0)
        rc = each_record(&in, &t, "#P", read_issue, err);
    if (rc == 0)
        rc = each_record(&in, &t, "#M", read_bound, err);
    if (rc == 0)
        rc = each_record(&in, &t, "#D", read_cell, err);
    if (rc == 0)
        rc = check_scales(in.sc, file, err);
    scn_table_free(&t);
    free(in.has_bounds);
    if (rc != 0) {
        ent_scenario_free(in.sc);
        return -1;
    }
    *out = in.sc;
    return 0;
}

int scn_looks_decide(const char *data, size_t len)
{
    size_t i = 0;

    while (i < len && (data[i] == ' ' || data[i] == '\t' || data[i] == '\r' ||
                       data[i] == '\n'))
        i++;
    if (i < len && (data[i] == '\'' || data[i] == '"'))
        i++;
    return i + 1 < len && data[i] == '#' && strchr("APMDO/", data[i + 1]) &&
           data[i + 1] != '\0';
}

static int import_decide_body(const char *file, ent_scenario **out,
                              ent_error *err)
{
    char *data;
    size_t len;
    int rc;

    *out = NULL;
    if (scn_read_file(file, &data, &len, err) != 0)
        return -1;
    rc = scn_import_decide_text(file, data, len, out, err);
    free(data);
    return rc;
}

int ent_import_decide(const char *file, ent_scenario **out, ent_error *err)
{
    ENT_PROTECTED(int, (*out = NULL, -1), err,
                  import_decide_body(file, out, err));
}
