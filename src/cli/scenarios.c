/*
 * scenarios.c -- `entente scenarios`: the scenarios found in the search
 * path (src/cli/search.c), where each comes from and which it hides.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/cli.h"

static const char usage[] =
    "usage: entente scenarios\n\n"
    "Lists the scenarios entente finds by name, in search-path order:\n"
    "the directories of $ENTENTE_PATH (colon-separated), then\n"
    "$XDG_DATA_HOME/entente/scenarios (default ~/.local/share/...), then\n"
    "DIR/entente/scenarios for each DIR of $XDG_DATA_DIRS (default\n"
    "/usr/local/share:/usr/share), then the bundled scenarios.  A scenario\n"
    "is a directory holding scenario.ini; the first of a name wins and\n"
    "hides the later ones.\n";

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The scenario directories in dir, sorted. */
static void list_dir(const char *dir, ent_strlist *names)
{
    struct dirent *de;
    DIR *d = opendir(dir);

    memset(names, 0, sizeof *names);
    if (!d)
        return;
    while ((de = readdir(d))) {
        char path[4096];
        struct stat st;

        snprintf(path, sizeof path, "%s/%s/scenario.ini", dir, de->d_name);
        if (de->d_name[0] != '.' && stat(path, &st) == 0)
            ent_strlist_push(names, de->d_name);
    }
    closedir(d);
    if (names->count > 1)
        qsort(names->items, (size_t)names->count, sizeof *names->items,
              compare_names);
}

static void add_row(ent_table *t, const char *dir, const char *name,
                    const ent_strlist *seen)
{
    char path[4096];
    ent_scenario *sc = NULL;
    ent_error err;

    ent_error_clear(&err);
    snprintf(path, sizeof path, "%s/%s", dir, name);
    if (ent_strlist_contains(seen, name)) {
        ent_table_rowf(t, "%s\t(hidden by the one above)\t\t\t\t\t%s", name,
                       dir);
        return;
    }
    if (ent_scenario_open(path, NULL, &sc, &err) != 0) {
        ent_table_rowf(t, "%s\t(does not load: %s)\t\t\t\t\t%s", name, err.msg,
                       dir);
        return;
    }
    ent_table_rowf(t, "%s\t%s\t%d\t%d\t%d\t%d\t%s", name,
                   sc->title ? sc->title : "", sc->periods.count, sc->n_issues,
                   sc->n_actors, sc->n_sources, dir);
    ent_scenario_free(sc);
}

int cmd_scenarios(int argc, char **argv)
{
    ent_strlist dirs, seen = {0};
    ent_table *t;

    if (argc > 1 &&
        (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
        fputs(usage, stdout);
        return 0;
    }
    if (argc > 1)
        return cli_usage_error("scenarios", "unexpected argument '%s'",
                               argv[1]);
    cli_search_dirs(&dirs);
    t = ent_table_new(7);
    ent_table_column(t, 0, "name", 'l');
    ent_table_column(t, 1, "title", 'l');
    ent_table_column(t, 2, "periods", 'r');
    ent_table_column(t, 3, "issues", 'r');
    ent_table_column(t, 4, "actors", 'r');
    ent_table_column(t, 5, "sources", 'r');
    ent_table_column(t, 6, "directory", 'l');
    ent_table_max_width(t, 1, 50);
    for (int i = 0; i < dirs.count; i++) {
        ent_strlist names;

        list_dir(dirs.items[i], &names);
        for (int k = 0; k < names.count; k++) {
            add_row(t, dirs.items[i], names.items[k], &seen);
            if (!ent_strlist_contains(&seen, names.items[k]))
                ent_strlist_push(&seen, names.items[k]);
        }
        ent_strlist_free(&names);
    }
    if (seen.count == 0) {
        fputs("entente: no scenarios found in the search path (see "
              "'entente scenarios --help')\n",
              stderr);
        ent_table_free(t);
        ent_strlist_free(&dirs);
        return ENT_EXIT_RUNTIME;
    }
    ent_table_print(t, stdout, cli_color(stdout));
    ent_table_free(t);
    ent_strlist_free(&seen);
    ent_strlist_free(&dirs);
    return 0;
}
