/*
 * open.c -- ent_scenario_open: whatever the user named, load it.
 *
 * A directory is a scenario directory; a regular file is sniffed as a
 * KTAB SMP CSV (line 1 has at least four cells, the third and fourth
 * integers), a plain BDM table (header with Actor, Capability, Position
 * and Salience) or a Decide input file (first record #A, #P, #M, #D, #/ or
 * #O); anything else is looked up as the name of a scenario
 * bundled under `bundled_dir`.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "scenario/cells.h"
#include "scenario/file.h"
#include "scenario/loader.h"
#include "util/protect.h"

static int looks_ktab(const scn_table *t)
{
    long v;

    return t->n_rows > 0 && t->rows[0].n_cells >= 4 &&
           scn_parse_int(scn_table_text(t, 0, 2), LONG_MIN, LONG_MAX, &v) ==
               0 &&
           scn_parse_int(scn_table_text(t, 0, 3), LONG_MIN, LONG_MAX, &v) == 0;
}

static int looks_bdm(const scn_table *t)
{
    int col[4];

    return scn_bdm_columns(t, col);
}

/* KTAB's XML scenarios begin with an XML declaration or element. */
static int looks_xml(const char *file)
{
    FILE *f = fopen(file, "rb");
    char head[8] = {0};
    size_t n = 0;

    if (f) {
        n = fread(head, 1, sizeof head - 1, f);
        fclose(f);
    }
    /* skip a UTF-8 byte-order mark */
    if (n >= 3 && memcmp(head, "\xef\xbb\xbf", 3) == 0)
        memmove(head, head + 3, sizeof head - 3);
    return head[0] == '<';
}

static int open_file(const char *file, ent_scenario **out, ent_error *err)
{
    scn_table t;
    char *data;
    size_t len;
    int rc;

    if (looks_xml(file))
        return ent_fail_at(err, file, 1, 1,
                           "an XML file (KTAB's XML scenario format?): entente "
                           "reads KTAB's SMP CSV format, not its XML; save "
                           "the scenario as SMP CSV from KTAB, or code it as "
                           "a BDM table or a scenario directory");
    if (scn_read_file(file, &data, &len, err) != 0)
        return -1;
    if (scn_looks_decide(data, len)) {
        rc = scn_import_decide_text(file, data, len, out, err);
        free(data);
        return rc;
    }
    rc = scn_table_parse(&t, file, data, len, err);
    free(data);
    if (rc != 0)
        return -1;
    if (looks_ktab(&t))
        rc = scn_import_ktab_table(&t, file, out, err);
    else if (looks_bdm(&t))
        rc = scn_import_bdm_table(&t, file, out, err);
    else
        rc = ent_fail_at(err, file, 1, 1,
                         "not a format entente reads: expected a KTAB SMP "
                         "CSV (line 1: name, description, actor count, "
                         "dimension count) or a BDM table (header Actor, "
                         "Capability, Position, Salience, or Decide's "
                         "Stakeholder, Resources, Position, Salience) or a "
                         "Decide input file (#A/#P/#M/#D records); a "
                         "scenario is a "
                         "directory with scenario.ini");
    scn_table_free(&t);
    return rc;
}

static int open_any(const char *source, const char *bundled_dir,
                    ent_scenario **out, ent_error *err)
{
    struct stat st;

    *out = NULL;
    if (stat(source, &st) == 0 && S_ISDIR(st.st_mode))
        return ent_scenario_load_dir(source, out, err);
    if (stat(source, &st) == 0 && S_ISREG(st.st_mode))
        return open_file(source, out, err);
    if (bundled_dir && *source && !strchr(source, '/')) {
        char *path = scn_join_path(bundled_dir, source);
        int rc = 1;

        if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
            rc = ent_scenario_load_dir(path, out, err);
        free(path);
        if (rc != 1)
            return rc;
    }
    return ent_fail(err, ENT_EXIT_INPUT,
                    "no such scenario, directory or file: %s", source);
}

/* A limit of 0 (or less) is the default. */
static int limit_of(int value, int dflt)
{
    return value > 0 ? value : dflt;
}

static int scenario_open_limited_body(const char *source,
                                      const char *bundled_dir,
                                      const ent_limits *limits,
                                      ent_scenario **out, ent_error *err)
{
    int max_actors =
        limit_of(limits ? limits->max_actors : 0, ENT_MAX_ACTORS_DEFAULT);
    int max_issues =
        limit_of(limits ? limits->max_issues : 0, ENT_MAX_ISSUES_DEFAULT);
    ent_scenario *sc = NULL;

    *out = NULL;
    if (open_any(source, bundled_dir, &sc, err) != 0 || !sc)
        return -1;
    if (sc->n_actors > max_actors)
        ent_fail(err, ENT_EXIT_INPUT,
                 "%s: %d actors, more than the limit of %d (each model's "
                 "cost grows with the square of the number of actors; "
                 "raise the limit with ENTENTE_MAX_ACTORS)",
                 source, sc->n_actors, max_actors);
    else if (sc->n_issues > max_issues)
        ent_fail(err, ENT_EXIT_INPUT,
                 "%s: %d issues, more than the limit of %d (raise the "
                 "limit with ENTENTE_MAX_ISSUES)",
                 source, sc->n_issues, max_issues);
    else {
        *out = sc;
        return 0;
    }
    ent_scenario_free(sc);
    return -1;
}

int ent_scenario_open_limited(const char *source, const char *bundled_dir,
                              const ent_limits *limits, ent_scenario **out,
                              ent_error *err)
{
    ENT_PROTECTED(
        int, (*out = NULL, -1), err,
        scenario_open_limited_body(source, bundled_dir, limits, out, err));
}

static int scenario_open_body(const char *source, const char *bundled_dir,
                              ent_scenario **out, ent_error *err)
{
    return ent_scenario_open_limited(source, bundled_dir, NULL, out, err);
}

int ent_scenario_open(const char *source, const char *bundled_dir,
                      ent_scenario **out, ent_error *err)
{
    ENT_PROTECTED(int, (*out = NULL, -1), err,
                  scenario_open_body(source, bundled_dir, out, err));
}
