/*
 * scenarios.c -- `entente scenarios`: list the bundled scenarios.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int cmd_scenarios(int argc, char **argv)
{
    const char *dir = cli_bundled_dir();
    ent_strlist names = {0};
    ent_table *t;
    struct dirent *de;
    DIR *d;

    if (argc > 1 &&
        (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
        puts(
            "usage: entente scenarios\n\nLists the bundled scenarios (set ENTENTE_SCENARIOS to use another directory).");
        return 0;
    }
    if (argc > 1)
        return cli_usage_error("scenarios", "unexpected argument '%s'",
                               argv[1]);
    if (!dir || !(d = opendir(dir))) {
        fputs("entente: no bundled scenarios found (set ENTENTE_SCENARIOS)\n",
              stderr);
        return ENT_EXIT_RUNTIME;
    }
    while ((de = readdir(d)))
        if (de->d_name[0] != '.')
            ent_strlist_push(&names, de->d_name);
    closedir(d);
    if (names.count > 1)
        qsort(names.items, (size_t)names.count, sizeof *names.items,
              compare_names);
    t = ent_table_new(6);
    ent_table_column(t, 0, "name", 'l');
    ent_table_column(t, 1, "title", 'l');
    ent_table_column(t, 2, "periods", 'r');
    ent_table_column(t, 3, "issues", 'r');
    ent_table_column(t, 4, "actors", 'r');
    ent_table_column(t, 5, "sources", 'r');
    for (int i = 0; i < names.count; i++) {
        ent_scenario *sc = NULL;
        ent_error err;

        ent_error_clear(&err);
        if (ent_scenario_open(names.items[i], dir, &sc, &err) != 0) {
            ent_table_rowf(t, "%s\t(does not load: %s)", names.items[i],
                           err.msg);
            continue;
        }
        ent_table_rowf(t, "%s\t%s\t%d\t%d\t%d\t%d", names.items[i],
                       sc->title ? sc->title : "", sc->periods.count,
                       sc->n_issues, sc->n_actors, sc->n_sources);
        ent_scenario_free(sc);
    }
    ent_table_print(t, stdout, cli_stdout_is_tty());
    ent_table_free(t);
    ent_strlist_free(&names);
    return 0;
}
