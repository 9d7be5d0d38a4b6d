/*
 * events.c -- events.csv: the dated timeline, with the actors involved and,
 * optionally, the shock a what-if run applies ("actor.issue.field=value"
 * items, field one of position, salience, capability).  Optional.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "scenario/cells.h"
#include "scenario/loader.h"

enum {
    C_ID,
    C_DATE,
    C_ACTORS,
    C_TITLE,
    C_DESCRIPTION,
    C_SOURCES,
    C_SHOCK,
    N_COLS
};

#define SHOCK_SYNTAX                                                           \
    "expected \"actor.issue.field=value\" items separated by ';' (field: "     \
    "position, salience or capability)"

/* The field and the range its value must stay in; -1 for an unknown
   field. */
static int field_range(const char *name, const ent_issue *is, ent_field *field,
                       double *lo, double *hi)
{
    *lo = 0;
    *hi = INFINITY;
    if (strcmp(name, "position") == 0) {
        *field = ENT_FIELD_POSITION;
        *lo = is->min;
        *hi = is->max;
    } else if (strcmp(name, "salience") == 0) {
        *field = ENT_FIELD_SALIENCE;
        *hi = 100;
    } else if (strcmp(name, "capability") == 0) {
        *field = ENT_FIELD_CAPABILITY;
    } else {
        return -1;
    }
    return 0;
}

/* Parses one "actor.issue.field=value" item (modified in place). */
static int read_item(const ent_scenario *sc, const scn_table *t, int r, int col,
                     char *item, ent_shock *out, ent_error *err)
{
    char *eq = strchr(item, '='), *dot1, *dot2, range[96];
    double v, lo, hi;
    int issue;

    dot1 = eq ? memchr(item, '.', (size_t)(eq - item)) : NULL;
    dot2 = dot1 ? memchr(dot1 + 1, '.', (size_t)(eq - dot1 - 1)) : NULL;
    if (!dot2 || memchr(dot2 + 1, '.', (size_t)(eq - dot2 - 1)))
        return scn_cell_fail(err, t, r, col, "shock",
                             SHOCK_SYNTAX ", got \"%s\"", item);
    *dot1 = *dot2 = *eq = '\0';
    if (ent_scenario_actor(sc, item) < 0)
        return scn_cell_fail(err, t, r, col, "shock",
                             "unknown actor \"%s\" (expected an id defined "
                             "in actors.csv)",
                             item);
    if ((issue = ent_scenario_issue(sc, dot1 + 1)) < 0)
        return scn_cell_fail(err, t, r, col, "shock",
                             "unknown issue \"%s\" (expected an id defined "
                             "in issues.csv)",
                             dot1 + 1);
    if (field_range(dot2 + 1, &sc->issues[issue], &out->field, &lo, &hi) != 0)
        return scn_cell_fail(err, t, r, col, "shock",
                             SHOCK_SYNTAX ", got field \"%s\"", dot2 + 1);
    if (scn_parse_number(eq + 1, &v) != 0 || v < lo || v > hi)
        return scn_cell_fail(
            err, t, r, col, "shock", "%s: expected a number%s, got \"%s\"",
            dot2 + 1, scn_range_text(lo, hi, range, sizeof range), eq + 1);
    out->actor = ent_scenario_actor(sc, item);
    out->issue = issue;
    out->value = out->field == ENT_FIELD_SALIENCE ? v / 100 : v;
    return 0;
}

static int read_shock(const ent_scenario *sc, const scn_table *t, int r,
                      int col, ent_event *e, ent_error *err)
{
    ent_strlist items = {NULL, 0};
    char *text = scn_cell_text(t, r, col);
    int rc = 0;

    scn_cell_list(t, r, col, &items);
    if (items.count > 0)
        e->shocks = ent_xcalloc((size_t)items.count, sizeof *e->shocks);
    for (int i = 0; i < items.count && rc == 0; i++) {
        rc = read_item(sc, t, r, col, items.items[i], &e->shocks[i], err);
        e->n_shocks = i + 1;
    }
    ent_strlist_free(&items);
    if (rc != 0 || *text == '\0') {
        free(text);
        text = NULL;
    }
    e->shock = text;
    return rc;
}

static int read_actors(const ent_scenario *sc, const scn_table *t, int r,
                       int col, ent_strlist *out, ent_error *err)
{
    scn_cell_list(t, r, col, out);
    for (int i = 0; i < out->count; i++)
        if (ent_scenario_actor(sc, out->items[i]) < 0)
            return scn_cell_fail(err, t, r, col, "actors",
                                 "unknown actor \"%s\" (expected ids defined "
                                 "in actors.csv)",
                                 out->items[i]);
    return 0;
}

static int read_event(ent_scenario *sc, const scn_table *t, int r,
                      const int *col, ent_strlist *ids, ent_error *err)
{
    ent_event *e;

    sc->events = scn_grow(sc->events, sc->n_events, sizeof *sc->events);
    e = &sc->events[sc->n_events++];
    e->description = scn_cell_text(t, r, col[C_DESCRIPTION]);
    if (scn_cell_new_id(t, r, col[C_ID], 1, ids, &e->id, err) != 0 ||
        scn_cell_date(t, r, col[C_DATE], "date", 1, &e->date, &e->year, err) !=
            0 ||
        read_actors(sc, t, r, col[C_ACTORS], &e->actors, err) != 0 ||
        scn_cell_text_req(t, r, col[C_TITLE], "title", &e->title, err) != 0 ||
        scn_cell_sources(sc, t, r, col[C_SOURCES], 0, &e->sources, err) != 0 ||
        read_shock(sc, t, r, col[C_SHOCK], e, err) != 0)
        return -1;
    return 0;
}

int scn_load_events(ent_scenario *sc, const char *dir, ent_error *err)
{
    static const char *const names[N_COLS] = {
        "*id", "*date", "actors", "*title", "description", "sources", "shock"};

    return scn_load_rows(sc, dir, "events.csv", 0, "event", names, N_COLS,
                         read_event, err);
}
