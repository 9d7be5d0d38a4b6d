/*
 * manifest.c -- scenario.ini: the scenario's name, title, description and
 * periods ([scenario]), default models and round limit ([model]), and
 * engine parameters (any other section, named after the engine).
 *
 * inih does the parsing.  It is fed through a reader that counts lines, so
 * every complaint names the line.  inih's line buffer is short (200 bytes),
 * so the reader hands it a long line's value as a placeholder ("\001N") and
 * keeps the value aside; the handler swaps it back.  An indented line
 * continues the previous value (joined with a space).  Keys are collected
 * first and checked afterwards, so a duplicate key is caught.
 */
#include <ctype.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <ini.h>

#include "scenario/cells.h"
#include "scenario/file.h"
#include "scenario/loader.h"
#include "util/text.h"

/* One name = value line (continuation lines already joined). */
typedef struct entry {
    char *section, *name, *value;
    long line, col;
} entry;

/* The text inih reads, one line at a time. */
typedef struct source {
    const char *p, *end; /* unread text */
    long line;           /* number of the line last handed to inih */
    const char *text;    /* that line */
    size_t len;
    long too_long;      /* line number of a line that did not fit */
    long scenario_line; /* line of the [scenario] header, 0 if none */
    ent_strlist longs;  /* values of long lines, by placeholder number */
} source;

typedef struct manifest {
    source src;
    entry *entries;
    int n_entries;
} manifest;

static void note_section(source *s)
{
    const char *p = s->text, *e = s->text + s->len;

    while (p < e && isspace((unsigned char)*p))
        p++;
    if (p < e && *p == '[' && !s->scenario_line) {
        const char *q = ++p;

        while (q < e && *q != ']')
            q++;
        while (p < q && isspace((unsigned char)*p))
            p++;
        while (q > p && isspace((unsigned char)q[-1]))
            q--;
        if (q - p == 8 && strncasecmp(p, "scenario", 8) == 0)
            s->scenario_line = s->line;
    }
}

/* The value of a long line: after the first '=' or ':' (unless the line
   continues a value), up to an inline comment (';' after a blank). */
static char *long_value(const char *line, size_t len, int continued)
{
    size_t b = 0, e;
    char *v;

    if (!continued)
        while (b < len && line[b] != '=' && line[b] != ':')
            b++;
    b += !continued && b < len;
    while (b < len && isspace((unsigned char)line[b]))
        b++;
    for (e = b; e < len; e++)
        if (line[e] == ';' && e > b && isspace((unsigned char)line[e - 1]))
            break;
    while (e > b && isspace((unsigned char)line[e - 1]))
        e--;
    v = ent_xmalloc(e - b + 1);
    memcpy(v, line + b, e - b);
    v[e - b] = '\0';
    return v;
}

/* Writes into str a short stand-in for the long line s->p[0..len): a
   comment for a comment, else the key (if any) and a placeholder for the
   value.  -1 if even that does not fit. */
static int stash_long(source *s, size_t len, char *str, int num)
{
    int continued = len > 0 && (s->p[0] == ' ' || s->p[0] == '\t');
    size_t key = 0, first = 0;
    char *value;
    int n;

    while (first < len && isspace((unsigned char)s->p[first]))
        first++;
    if (first == len || s->p[first] == ';' || s->p[first] == '#') {
        snprintf(str, (size_t)num, ";\n"); /* a comment or blank line */
        return 0;
    }
    while (!continued && key < len && s->p[key] != '=' && s->p[key] != ':')
        key++;
    if (!continued && key == len)
        return -1;
    value = long_value(s->p, len, continued);
    ent_strlist_push(&s->longs, value);
    free(value);
    if (continued)
        n = snprintf(str, (size_t)num, " \001%d\n", s->longs.count - 1);
    else
        n = snprintf(str, (size_t)num, "%.*s=\001%d\n", (int)key, s->p,
                     s->longs.count - 1);
    return n < 0 || n >= num ? -1 : 0;
}

static char *reader(char *str, int num, void *stream)
{
    source *s = stream;
    const char *q = s->p;
    size_t len;

    if (s->p >= s->end || s->too_long)
        return NULL;
    while (q < s->end && *q != '\n' && *q != '\r')
        q++;
    len = (size_t)(q - s->p);
    s->line++;
    if (len + 2 <= (size_t)num) {
        memcpy(str, s->p, len);
        str[len] = '\n';
        str[len + 1] = '\0';
    } else if (stash_long(s, len, str, num) != 0) {
        s->too_long = s->line;
        return NULL;
    }
    s->text = s->p;
    s->len = len;
    if (q < s->end && *q == '\r' && q + 1 < s->end && q[1] == '\n')
        q++;
    s->p = q < s->end ? q + 1 : q;
    note_section(s);
    return str;
}

/* 1-based column of the value on the current line. */
static long value_column(const source *s, int continued)
{
    size_t i = 0;

    if (!continued)
        while (i < s->len && s->text[i] != '=' && s->text[i] != ':')
            i++;
    if (i < s->len && !continued)
        i++;
    while (i < s->len && isspace((unsigned char)s->text[i]))
        i++;
    return (long)i + 1;
}

static int handler(void *user, const char *section, const char *name,
                   const char *value)
{
    manifest *m = user;
    int stashed = value && value[0] == '\001';
    int continued =
        m->src.len > 0 && (m->src.text[0] == ' ' || m->src.text[0] == '\t');
    entry *e;

    if (!value)
        value = "";
    if (stashed) {
        long i = strtol(value + 1, NULL, 10);

        if (i >= 0 && i < m->src.longs.count)
            value = m->src.longs.items[i];
    }
    if (continued && m->n_entries > 0) {
        e = &m->entries[m->n_entries - 1];
        size_t old = strlen(e->value), add = strlen(value);

        e->value = ent_xrealloc(e->value, old + add + 2);
        e->value[old] = ' ';
        memcpy(e->value + old + 1, value, add + 1);
        return 1;
    }
    m->entries = ent_xrealloc(m->entries,
                              sizeof *m->entries * (size_t)(m->n_entries + 1));
    e = &m->entries[m->n_entries++];
    e->section = ent_xstrdup(section);
    e->name = ent_xstrdup(name);
    e->value = ent_xstrdup(value ? value : "");
    e->line = m->src.line;
    e->col = value_column(&m->src, 0);
    return 1;
}

static void manifest_free(manifest *m)
{
    ent_strlist_free(&m->src.longs);
    for (int i = 0; i < m->n_entries; i++) {
        free(m->entries[i].section);
        free(m->entries[i].name);
        free(m->entries[i].value);
    }
    free(m->entries);
}

static int entry_fail(ent_error *err, const char *path, const entry *e,
                      const char *what)
{
    return ent_fail_at(err, path, e->line, e->col, "%s: %s, got \"%s\"",
                       e->name, what, e->value);
}

static int valid_name(const char *s)
{
    if (!*s)
        return 0;
    for (; *s; s++)
        if (!(*s >= 'a' && *s <= 'z') && !(*s >= '0' && *s <= '9') &&
            *s != '_' && *s != '-')
            return 0;
    return 1;
}

/* 1 if the ';' list has an empty item ("a;;b", "a;", ""). */
static int has_empty_item(const char *text)
{
    for (const char *p = text;; p++) {
        while (*p == ' ' || *p == '\t')
            p++;
        if (*p == ';' || *p == '\0')
            return 1;
        p = strchr(p, ';');
        if (!p)
            return 0;
    }
}

/* Splits a ';' list, refusing empty items, bad ids and repeats. */
static int id_list(ent_strlist *out, const char *path, const entry *e,
                   const char *what, ent_error *err)
{
    ent_strlist all = {NULL, 0};
    int bad = has_empty_item(e->value);
    char msg[200];

    ent_strlist_split(&all, e->value, ';');
    for (int i = 0; i < all.count && !bad; i++) {
        bad = !scn_valid_id(all.items[i], 1) ||
              ent_strlist_contains(out, all.items[i]);
        if (!bad)
            ent_strlist_push(out, all.items[i]);
    }
    ent_strlist_free(&all);
    if (!bad)
        return 0;
    ent_strlist_free(out);
    snprintf(msg, sizeof msg,
             "expected %s separated by ';' (no empty items, blanks, commas "
             "or repeats)",
             what);
    return entry_fail(err, path, e, msg);
}

static int set_text(char **field, const char *path, const entry *e,
                    ent_error *err)
{
    if (*e->value == '\0')
        return entry_fail(err, path, e, "expected text");
    free(*field);
    *field = ent_xstrdup(e->value);
    return 0;
}

/* breaks = 2014;2020;2022: structural-break years, ascending. */
static int break_years(ent_scenario *sc, const char *path, const entry *e,
                       ent_error *err)
{
    ent_strlist years = {NULL, 0};
    int bad = has_empty_item(e->value);

    ent_strlist_split(&years, e->value, ';');
    free(sc->breaks);
    sc->breaks = ent_xcalloc((size_t)years.count + 1, sizeof *sc->breaks);
    sc->n_breaks = 0;
    for (int i = 0; i < years.count && !bad; i++) {
        long y;

        bad = strlen(years.items[i]) != 4 ||
              scn_parse_int(years.items[i], 1000, 9999, &y) != 0 ||
              (i > 0 && y <= sc->breaks[i - 1]);
        if (!bad)
            sc->breaks[sc->n_breaks++] = (int)y;
    }
    ent_strlist_free(&years);
    if (bad)
        return entry_fail(err, path, e,
                          "expected years YYYY in ascending order separated "
                          "by ';'");
    return 0;
}

static int scenario_key(ent_scenario *sc, const char *path, const entry *e,
                        ent_strlist *dflt, ent_error *err)
{
    if (strcmp(e->name, "name") == 0) {
        if (!valid_name(e->value))
            return entry_fail(err, path, e,
                              "expected a short id of [a-z0-9_-]");
        return set_text(&sc->name, path, e, err);
    }
    if (strcmp(e->name, "title") == 0)
        return set_text(&sc->title, path, e, err);
    if (strcmp(e->name, "description") == 0)
        return set_text(&sc->description, path, e, err);
    if (strcmp(e->name, "periods") == 0)
        return id_list(&sc->periods, path, e, "period ids", err);
    if (strcmp(e->name, "default_period") == 0)
        return id_list(dflt, path, e, "one period id", err);
    if (strcmp(e->name, "breaks") == 0)
        return break_years(sc, path, e, err);
    if (strncmp(e->name, "cutoff.", 7) == 0) {
        long key;

        if (scn_date_key(e->value, &key) != 0)
            return entry_fail(err, path, e,
                              "expected a date YYYY-MM-DD (or YYYY, YYYY-MM)");
        return 0; /* applied by set_cutoffs once the periods are known */
    }
    return ent_fail_at(err, path, e->line, 1,
                       "unknown key \"%s\" in [scenario] (expected name, "
                       "title, description, periods, default_period, breaks "
                       "or cutoff.PERIOD)",
                       e->name);
}

static void add_param(ent_scenario *sc, const char *engine, const entry *e)
{
    ent_param *p;

    sc->params = ent_xrealloc(sc->params,
                              sizeof *sc->params * (size_t)(sc->n_params + 1));
    p = &sc->params[sc->n_params++];
    p->engine = engine ? ent_xstrdup(engine) : NULL;
    p->name = ent_xstrdup(e->name);
    p->value = ent_xstrdup(e->value);
}

static int model_key(ent_scenario *sc, const char *path, const entry *e,
                     ent_error *err)
{
    if (strcmp(e->name, "models") == 0)
        return id_list(&sc->models, path, e, "model names", err);
    if (strcmp(e->name, "rounds") == 0) {
        long v;

        if (scn_parse_int(e->value, 0, INT_MAX, &v) != 0)
            return entry_fail(err, path, e, "expected an integer >= 0");
        sc->rounds = (int)v;
        return 0;
    }
    if (strcmp(e->name, "stop") == 0) {
        if (strcmp(e->value, "settle") != 0 && strcmp(e->value, "rounds") != 0)
            return entry_fail(err, path, e, "expected settle or rounds");
        sc->stop = strcmp(e->value, "rounds") == 0;
        return 0;
    }
    if (strcmp(e->name, "tolerance") == 0) {
        char *end;
        double v = strtod(e->value, &end);

        if (end == e->value || *end || !(v > 0 && v < 1))
            return entry_fail(err, path, e,
                              "expected a number in (0, 1): a share of the "
                              "issue scale's width");
        sc->tolerance = v;
        return 0;
    }
    add_param(sc, NULL, e);
    return 0;
}

/* Fails if an earlier entry has the same section and name. */
static int check_repeat(const manifest *m, int i, const char *path,
                        ent_error *err)
{
    const entry *e = &m->entries[i];

    for (int j = 0; j < i; j++)
        if (strcasecmp(m->entries[j].section, e->section) == 0 &&
            strcmp(m->entries[j].name, e->name) == 0)
            return ent_fail_at(err, path, e->line, 1,
                               "%s: key repeated in [%s] (first on line "
                               "%ld)",
                               e->name, e->section, m->entries[j].line);
    return 0;
}

static int apply_entry(ent_scenario *sc, const manifest *m, int i,
                       const char *path, ent_strlist *dflt, ent_error *err)
{
    const entry *e = &m->entries[i];

    if (check_repeat(m, i, path, err) != 0)
        return -1;
    if (*e->section == '\0')
        return ent_fail_at(err, path, e->line, 1,
                           "%s: expected a [section] header before the "
                           "first key",
                           e->name);
    if (strcasecmp(e->section, "scenario") == 0)
        return scenario_key(sc, path, e, dflt, err);
    if (strcasecmp(e->section, "model") == 0)
        return model_key(sc, path, e, err);
    add_param(sc, e->section, e);
    return 0;
}

/* 1 if the period id is a year YYYY. */
static int year_id(const char *id)
{
    long y;

    return strlen(id) == 4 && scn_parse_int(id, 1000, 9999, &y) == 0;
}

/* Each period's evidence cutoff: its cutoff.P key, else the last day of
   the year for a period whose id is a year, else none. */
static int set_cutoffs(ent_scenario *sc, const manifest *m, const char *path,
                       ent_error *err)
{
    sc->cutoffs = ent_xcalloc((size_t)sc->periods.count, sizeof *sc->cutoffs);
    for (int p = 0; p < sc->periods.count; p++)
        if (year_id(sc->periods.items[p]))
            sc->cutoffs[p] =
                strtol(sc->periods.items[p], NULL, 10) * 10000 + 1231;
    for (int i = 0; i < m->n_entries; i++) {
        const entry *e = &m->entries[i];
        int p;

        if (strcasecmp(e->section, "scenario") != 0 ||
            strncmp(e->name, "cutoff.", 7) != 0)
            continue;
        p = ent_scenario_period(sc, e->name + 7);
        if (p < 0)
            return ent_fail_at(err, path, e->line, 1,
                               "%s: unknown period \"%s\" (expected "
                               "cutoff.PERIOD for a period listed in periods)",
                               e->name, e->name + 7);
        scn_date_key(e->value, &sc->cutoffs[p]);
    }
    return 0;
}

#define DEFAULT_EXPECTED "expected one of the ids listed in periods"

/* Checks the required keys and resolves default_period. */
static int finish(ent_scenario *sc, const manifest *m, const char *path,
                  const ent_strlist *dflt, ent_error *err)
{
    long line = m->src.scenario_line;

    if (!line)
        return ent_fail_at(err, path, 1, 1,
                           "missing section [scenario] (expected name and "
                           "periods)");
    if (*sc->name == '\0')
        return ent_fail_at(err, path, line, 1,
                           "[scenario]: missing key \"name\" (a short id "
                           "of [a-z0-9_-])");
    if (sc->periods.count == 0)
        return ent_fail_at(err, path, line, 1,
                           "[scenario]: missing key \"periods\" (period ids "
                           "separated by ';')");
    if (*sc->title == '\0') {
        free(sc->title);
        sc->title = ent_xstrdup(sc->name);
    }
    if (set_cutoffs(sc, m, path, err) != 0)
        return -1;
    sc->default_period = sc->periods.count - 1;
    if (dflt->count > 0) {
        const entry *e = NULL;

        for (int i = 0; i < m->n_entries; i++)
            if (strcasecmp(m->entries[i].section, "scenario") == 0 &&
                strcmp(m->entries[i].name, "default_period") == 0)
                e = &m->entries[i];
        sc->default_period = ent_scenario_period(sc, dflt->items[0]);
        if (dflt->count > 1 || sc->default_period < 0)
            return e ? entry_fail(err, path, e, DEFAULT_EXPECTED)
                     : ent_fail_at(err, path, line, 1,
                                   "default_period: " DEFAULT_EXPECTED);
    }
    return 0;
}

static int parse(manifest *m, const char *path, const char *text, size_t len,
                 ent_error *err)
{
    int rc;

    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
        text += 3;
        len -= 3;
    }
    if (ent_text_check(path, text, len, err) != 0)
        return -1;
    m->src.p = text;
    m->src.end = text + len;
    rc = ini_parse_stream(reader, &m->src, handler, m);
    if (m->src.too_long)
        return ent_fail_at(err, path, m->src.too_long, 1,
                           "line too long: expected \"name = value\"");
    if (rc > 0)
        return ent_fail_at(err, path, rc, 1,
                           "expected \"name = value\", \"[section]\" or a "
                           "comment");
    if (rc < 0)
        return ent_fail(err, ENT_EXIT_RUNTIME, "%s: cannot parse", path);
    return 0;
}

int scn_load_manifest(ent_scenario *sc, const char *path, ent_error *err)
{
    manifest m;
    ent_strlist dflt = {NULL, 0};
    char *text;
    size_t len;
    int rc;

    memset(&m, 0, sizeof m);
    if (scn_read_file(path, &text, &len, err) != 0)
        return -1;
    rc = parse(&m, path, text, len, err);
    for (int i = 0; i < m.n_entries && rc == 0; i++)
        rc = apply_entry(sc, &m, i, path, &dflt, err);
    if (rc == 0)
        rc = finish(sc, &m, path, &dflt, err);
    ent_strlist_free(&dflt);
    manifest_free(&m);
    free(text);
    return rc;
}
