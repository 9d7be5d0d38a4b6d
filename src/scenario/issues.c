/*
 * issues.c -- issues.csv: what the actors bargain over, each on a scale
 * [min, max] with labelled anchor points ("0=none;60=permanent airbase"),
 * and optional tags ("proc=COD;vote=QMV") the back-test groups scores by.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "scenario/cells.h"
#include "scenario/loader.h"

enum {
    C_ID,
    C_NAME,
    C_MIN,
    C_MAX,
    C_ANCHORS,
    C_DESCRIPTION,
    C_SOURCES,
    C_TAGS,
    N_COLS
};

/* Parses one "value=label" item; -1 if malformed. */
static int parse_anchor(const char *item, ent_anchor *a)
{
    const char *eq = strchr(item, '=');
    char *num, *label;
    int rc;

    if (!eq)
        return -1;
    num = ent_xmalloc((size_t)(eq - item) + 1);
    memcpy(num, item, (size_t)(eq - item));
    num[eq - item] = '\0';
    rc = scn_parse_number(num, &a->value);
    free(num);
    eq++;
    while (*eq == ' ' || *eq == '\t')
        eq++;
    label = ent_xstrdup(eq);
    for (size_t n = strlen(label);
         n > 0 && (label[n - 1] == ' ' || label[n - 1] == '\t');)
        label[--n] = '\0';
    if (rc != 0 || *label == '\0') {
        free(label);
        return -1;
    }
    a->label = label;
    return 0;
}

/* Checks anchor i against the scale and the anchor before it. */
static int check_anchor(const ent_issue *is, int i, const scn_table *t, int r,
                        int col, ent_error *err)
{
    const ent_anchor *a = &is->anchors[i];

    if (a->value < is->min || a->value > is->max)
        return scn_cell_fail(err, t, r, col, "anchors",
                             "expected values in [%g, %g] (the issue "
                             "scale), got %g",
                             is->min, is->max, a->value);
    if (i > 0 && a->value <= a[-1].value)
        return scn_cell_fail(err, t, r, col, "anchors",
                             "expected values in ascending order, got %g "
                             "after %g",
                             a->value, a[-1].value);
    return 0;
}

static int read_anchors(ent_issue *is, const scn_table *t, int r, int col,
                        ent_error *err)
{
    ent_strlist items = {NULL, 0};
    int rc = 0;

    scn_cell_list(t, r, col, &items);
    is->anchors = ent_xcalloc((size_t)items.count, sizeof *is->anchors);
    for (int i = 0; i < items.count && rc == 0; i++) {
        if (parse_anchor(items.items[i], &is->anchors[i]) != 0) {
            rc = scn_cell_fail(err, t, r, col, "anchors",
                               "expected \"value=label\" items separated "
                               "by ';', got \"%s\"",
                               items.items[i]);
            break;
        }
        is->n_anchors++;
        rc = check_anchor(is, i, t, r, col, err);
    }
    ent_strlist_free(&items);
    return rc;
}

/* Tags: "key=value" items, key and value valid ids, each key once. */
static int read_tags(ent_issue *is, const scn_table *t, int r, int col,
                     ent_error *err)
{
    scn_cell_list(t, r, col, &is->tags);
    for (int i = 0; i < is->tags.count; i++) {
        const char *item = is->tags.items[i], *eq = strchr(item, '=');
        size_t klen = eq ? (size_t)(eq - item) : 0;
        char key[64];

        if (!eq || klen == 0 || klen >= sizeof key || !scn_valid_id(eq + 1, 1))
            return scn_cell_fail(err, t, r, col, "tags",
                                 "expected \"key=value\" items separated "
                                 "by ';', got \"%s\"",
                                 item);
        memcpy(key, item, klen);
        key[klen] = '\0';
        if (!scn_valid_id(key, 0))
            return scn_cell_fail(err, t, r, col, "tags",
                                 "expected a key without blanks or any of "
                                 ";,=\".  got \"%s\"",
                                 key);
        for (int j = 0; j < i; j++)
            if (strncmp(is->tags.items[j], item, klen + 1) == 0)
                return scn_cell_fail(err, t, r, col, "tags",
                                     "expected each key once, got \"%s\" "
                                     "twice",
                                     key);
    }
    return 0;
}

static int read_scale(ent_issue *is, const scn_table *t, int r, const int *col,
                      ent_error *err)
{
    if (scn_cell_number(t, r, col[C_MIN], "min", -INFINITY, INFINITY, &is->min,
                        err) != 0 ||
        scn_cell_number(t, r, col[C_MAX], "max", -INFINITY, INFINITY, &is->max,
                        err) != 0)
        return -1;
    if (is->min >= is->max)
        return scn_cell_fail(err, t, r, col[C_MAX], "max",
                             "expected a number greater than min (%g), got "
                             "%g",
                             is->min, is->max);
    return 0;
}

static int read_issue(ent_scenario *sc, const scn_table *t, int r,
                      const int *col, ent_strlist *ids, ent_error *err)
{
    ent_issue *is;

    sc->issues = scn_grow(sc->issues, sc->n_issues, sizeof *sc->issues);
    is = &sc->issues[sc->n_issues++];
    is->description = scn_cell_text(t, r, col[C_DESCRIPTION]);
    if (scn_cell_new_id(t, r, col[C_ID], 0, ids, &is->id, err) != 0 ||
        scn_cell_text_req(t, r, col[C_NAME], "name", &is->name, err) != 0 ||
        read_scale(is, t, r, col, err) != 0 ||
        read_anchors(is, t, r, col[C_ANCHORS], err) != 0 ||
        scn_cell_sources(sc, t, r, col[C_SOURCES], 0, &is->sources, err) != 0 ||
        read_tags(is, t, r, col[C_TAGS], err) != 0)
        return -1;
    return 0;
}

int scn_load_issues(ent_scenario *sc, const char *dir, ent_error *err)
{
    static const char *const names[N_COLS] = {
        "*id",     "*name",       "*min",    "*max",
        "anchors", "description", "sources", "tags"};

    return scn_load_rows(sc, dir, "issues.csv", 1, "issue", names, N_COLS,
                         read_issue, err);
}
