/*
 * whatif_file.c -- what-if files: a CSV of changes to a scenario's inputs,
 * one per row, each with its rationale and sources (docs/formats.md):
 *
 *   actor,issue,field,value,event,sources,rationale
 *   ru_kremlin,ru_presence,position,60,,s127,"..."   set a field
 *   nato,,drop,,,,"..."                              drop an actor
 *   ,,,,e166,,"..."                                  apply an event's shock
 *
 * `field` is position, salience (0-100), capability or drop (the issue
 * then optional: empty drops the actor from every issue); a row with an
 * event applies that event's shock and leaves the other cells empty.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "entente/whatif.h"
#include "scenario/cells.h"
#include "scenario/loader.h"
#include "util/protect.h"

enum {
    C_ACTOR,
    C_ISSUE,
    C_FIELD,
    C_VALUE,
    C_EVENT,
    C_SOURCES,
    C_RATIONALE,
    N_COLS
};

static const char *cell(const scn_table *t, int r, const int *col, int c)
{
    return scn_table_text(t, r, col[c]);
}

/* "file:line:column" of a cell, for the library's own messages. */
static void where(const scn_table *t, int r, int c, char *buf, size_t size)
{
    snprintf(buf, size, "%s:%ld:%d", t->path, scn_table_line(t, r, c),
             c >= 0 ? c + 1 : 1);
}

static int read_shock(ent_whatif *w, const ent_scenario *sc, const scn_table *t,
                      int r, const int *col, ent_error *err)
{
    char at[1024];

    for (int c = C_ACTOR; c <= C_VALUE; c++)
        if (*cell(t, r, col, c))
            return scn_cell_fail(err, t, r, col[c], "event",
                                 "a row with an event applies its shock; "
                                 "expected the other change cells empty");
    where(t, r, col[C_EVENT], at, sizeof at);
    return ent_whatif_add_shock(w, sc, cell(t, r, col, C_EVENT), at, err);
}

static int read_change(ent_whatif *w, const ent_scenario *sc,
                       const scn_table *t, int r, const int *col,
                       ent_error *err)
{
    const char *field = cell(t, r, col, C_FIELD);
    const char *issue = cell(t, r, col, C_ISSUE);
    char at[1024];
    double v;
    int a, k;

    if (*cell(t, r, col, C_EVENT))
        return read_shock(w, sc, t, r, col, err);
    if (scn_cell_actor(sc, t, r, col[C_ACTOR], &a, err) != 0)
        return -1;
    if (strcmp(field, "drop") == 0) {
        if (*cell(t, r, col, C_VALUE))
            return scn_cell_fail(err, t, r, col[C_VALUE], "value",
                                 "a drop takes no value; expected an empty "
                                 "cell");
        if (*issue && scn_cell_issue(sc, t, r, col[C_ISSUE], &k, err) != 0)
            return -1;
        where(t, r, col[C_ACTOR], at, sizeof at);
        return ent_whatif_add_drop(w, sc, sc->actors[a].id,
                                   *issue ? issue : NULL, at, err);
    }
    if (scn_cell_issue(sc, t, r, col[C_ISSUE], &k, err) != 0)
        return -1;
    if (strcmp(field, "position") != 0 && strcmp(field, "salience") != 0 &&
        strcmp(field, "capability") != 0)
        return scn_cell_fail(err, t, r, col[C_FIELD], "field",
                             "expected position, salience, capability or "
                             "drop, got \"%s\"",
                             field);
    if (scn_cell_number(t, r, col[C_VALUE], "value", -INFINITY, INFINITY, &v,
                        err) != 0)
        return -1;
    where(t, r, col[C_VALUE], at, sizeof at);
    return ent_whatif_add_set(w, sc, sc->actors[a].id, sc->issues[k].id, field,
                              v, at, err);
}

/* Rationale, sources and "file:line" of the change just added. */
static int annotate(ent_change *c, const ent_scenario *sc, const scn_table *t,
                    int r, const int *col, ent_error *err)
{
    ent_strlist sources = {NULL, 0};
    char at[1024], *rationale = NULL;

    if (scn_cell_sources(sc, t, r, col[C_SOURCES], 0, &sources, err) != 0) {
        ent_strlist_free(&sources);
        return -1;
    }
    for (int i = 0; i < sources.count; i++)
        if (!ent_strlist_contains(&c->sources, sources.items[i]))
            ent_strlist_push(&c->sources, sources.items[i]);
    ent_strlist_free(&sources);
    if (scn_cell_text_req(t, r, col[C_RATIONALE], "rationale", &rationale,
                          err) != 0) {
        free(rationale);
        return -1;
    }
    free(c->rationale);
    c->rationale = rationale;
    snprintf(at, sizeof at, "%s:%ld", t->path, t->rows[r].line);
    free(c->origin);
    c->origin = ent_xstrdup(at);
    return 0;
}

static int whatif_load_body(ent_whatif *w, const ent_scenario *sc,
                            const char *path, ent_error *err)
{
    static const char *const names[N_COLS] = {
        "actor", "issue", "field", "value", "event", "sources", "*rationale"};
    int col[N_COLS], rc = 0;
    scn_table t;

    if (scn_table_read(&t, path, err) != 0)
        return -1;
    if (t.n_rows < 2)
        rc = ent_fail_at(err, path, 1, 1,
                         "expected a header (actor,issue,field,value,event,"
                         "sources,rationale) and at least one change");
    else
        rc = scn_columns(&t, names, N_COLS, col, err);
    for (int r = 1; r < t.n_rows && rc == 0; r++) {
        if ((rc = read_change(w, sc, &t, r, col, err)) == 0)
            rc = annotate(&w->items[w->count - 1], sc, &t, r, col, err);
    }
    scn_table_free(&t);
    return rc;
}

int ent_whatif_load(ent_whatif *w, const ent_scenario *sc, const char *path,
                    ent_error *err)
{
    ENT_PROTECTED(int, -1, err, whatif_load_body(w, sc, path, err));
}
