/*
 * load_dir.c -- ent_scenario_load_dir: a scenario directory, file by file
 * in dependency order (see loader.h).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "scenario/file.h"
#include "scenario/loader.h"
#include "util/protect.h"

static int load_manifest(ent_scenario *sc, const char *dir, ent_error *err)
{
    char *path = scn_join_path(dir, "scenario.ini");
    struct stat st;
    int rc;

    if (stat(path, &st) != 0 && errno == ENOENT)
        rc = ent_fail_at(err, dir, 0, 0,
                         "not a scenario directory: expected a "
                         "scenario.ini in it");
    else
        rc = scn_load_manifest(sc, path, err);
    free(path);
    return rc;
}

static int scenario_load_dir_body(const char *dir, ent_scenario **out,
                                  ent_error *err)
{
    ent_scenario *sc;
    struct stat st;

    *out = NULL;
    if (stat(dir, &st) != 0)
        return ent_fail_at(err, dir, 0, 0, "cannot open: %s", strerror(errno));
    if (!S_ISDIR(st.st_mode))
        return ent_fail_at(err, dir, 0, 0,
                           "not a scenario directory: expected a directory "
                           "holding scenario.ini");
    sc = scn_new(dir);
    if (load_manifest(sc, dir, err) != 0 ||
        scn_load_documents(sc, dir, err) != 0 ||
        scn_load_sources(sc, dir, err) != 0 ||
        scn_load_issues(sc, dir, err) != 0 ||
        scn_load_actors(sc, dir, err) != 0 ||
        scn_load_positions(sc, dir, err) != 0 ||
        scn_load_status_quo(sc, dir, err) != 0 ||
        scn_load_events(sc, dir, err) != 0 ||
        scn_load_outcomes(sc, dir, err) != 0 ||
        scn_load_institutions(sc, dir, err) != 0 ||
        scn_load_figures(sc, dir, err) != 0 ||
        scn_load_contradictions(sc, dir, err) != 0) {
        ent_scenario_free(sc);
        return -1;
    }
    *out = sc;
    return 0;
}

int ent_scenario_load_dir(const char *dir, ent_scenario **out, ent_error *err)
{
    ENT_PROTECTED(int, (*out = NULL, -1), err,
                  scenario_load_dir_body(dir, out, err));
}
