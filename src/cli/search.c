/*
 * search.c -- where scenarios are found by name: the directories of
 * $ENTENTE_PATH (colon-separated), then $XDG_DATA_HOME/entente/scenarios
 * (default ~/.local/share/entente/scenarios), then DIR/entente/scenarios
 * for each DIR of $XDG_DATA_DIRS (default /usr/local/share:/usr/share),
 * then the bundled scenarios (beside the executable, then the install
 * prefix).  The first directory holding a scenario of that name wins; a
 * note on standard error says when it hides another of the same name.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"

#ifndef ENT_DATADIR
#define ENT_DATADIR "/usr/local/share/entente"
#endif

static int is_dir(const char *path)
{
    struct stat st;

    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* Appends dir when it exists and is not yet listed (by real path). */
static void add_dir(ent_strlist *dirs, const char *dir)
{
    char real[PATH_MAX];

    if (!dir || !*dir || !is_dir(dir) || !realpath(dir, real))
        return;
    if (!ent_strlist_contains(dirs, real))
        ent_strlist_push(dirs, real);
}

/* Each item of a colon-separated list, with `suffix` appended. */
static void add_list(ent_strlist *dirs, const char *list, const char *suffix)
{
    ent_strlist items = {0};

    ent_strlist_split(&items, list, ':');
    for (int i = 0; i < items.count; i++) {
        char path[PATH_MAX];

        snprintf(path, sizeof path, "%s%s", items.items[i], suffix);
        add_dir(dirs, path);
    }
    ent_strlist_free(&items);
}

/* The scenarios shipped with this executable: bin/../share/entente/
   scenarios of an install tree, or scenarios/ of the source tree the
   binary was built in (a few levels up). */
static void add_bundled(ent_strlist *dirs)
{
    char exe[PATH_MAX], path[PATH_MAX + 32];
    ssize_t len = readlink("/proc/self/exe", exe, sizeof exe - 1);
    char *slash;

    if (len > 0) {
        exe[len] = '\0';
        for (int up = 0; up < 3 && (slash = strrchr(exe, '/')); up++) {
            *slash = '\0';
            snprintf(path, sizeof path, "%s/share/entente/scenarios", exe);
            if (is_dir(path)) {
                add_dir(dirs, path);
                break;
            }
            snprintf(path, sizeof path, "%s/scenarios", exe);
            if (is_dir(path)) {
                add_dir(dirs, path);
                break;
            }
        }
    }
    add_dir(dirs, ENT_DATADIR "/scenarios");
}

void cli_search_dirs(ent_strlist *dirs)
{
    const char *env = getenv("ENTENTE_PATH"), *home = getenv("HOME");
    const char *data_home = getenv("XDG_DATA_HOME");
    const char *data_dirs = getenv("XDG_DATA_DIRS");
    char path[PATH_MAX];

    memset(dirs, 0, sizeof *dirs);
    if (env && *env)
        add_list(dirs, env, "");
    if (data_home && *data_home)
        add_list(dirs, data_home, "/entente/scenarios");
    else if (home && *home) {
        snprintf(path, sizeof path, "%s/.local/share/entente/scenarios", home);
        add_dir(dirs, path);
    }
    add_list(dirs,
             data_dirs && *data_dirs ? data_dirs
                                     : "/usr/local/share:/usr/share",
             "/entente/scenarios");
    add_bundled(dirs);
}

/* dir/name/scenario.ini exists. */
static int holds(const char *dir, const char *name)
{
    char path[PATH_MAX];
    struct stat st;

    snprintf(path, sizeof path, "%s/%s/scenario.ini", dir, name);
    return stat(path, &st) == 0;
}

char *cli_find_scenario(const char *name)
{
    ent_strlist dirs;
    char *found = NULL;
    int hit = -1;

    if (!*name || strchr(name, '/') || strcmp(name, ".") == 0 ||
        strcmp(name, "..") == 0)
        return NULL;
    cli_search_dirs(&dirs);
    for (int i = 0; i < dirs.count; i++) {
        if (!holds(dirs.items[i], name))
            continue;
        if (hit < 0)
            hit = i;
        else
            fprintf(stderr,
                    "entente: note: scenario '%s' in %s hides the one in "
                    "%s\n",
                    name, dirs.items[hit], dirs.items[i]);
    }
    if (hit >= 0) {
        size_t size = strlen(dirs.items[hit]) + strlen(name) + 2;

        found = ent_xmalloc(size);
        snprintf(found, size, "%s/%s", dirs.items[hit], name);
    }
    ent_strlist_free(&dirs);
    return found;
}
