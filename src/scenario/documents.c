/*
 * documents.c -- documents.csv: who wrote each file in the scenario's
 * documents/ folder, its title, publisher, publication date and address,
 * so that listings and reports can cite a document by author and title
 * rather than by file name.  Optional; when present it has one row per
 * file in documents/ and no row for a file that is not there.
 */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "scenario/cells.h"
#include "scenario/file.h"
#include "scenario/loader.h"

enum { C_FILE, C_AUTHOR, C_TITLE, C_PUBLISHER, C_DATE, C_URL, N_COLS };

/* The scenario directory of the table being read (documents.csv's). */
static char *table_dir(const scn_table *t)
{
    const char *slash = strrchr(t->path, '/');
    size_t len = slash ? (size_t)(slash - t->path) : 0;
    char *dir;

    if (!slash)
        return ent_xstrdup(".");
    dir = ent_xmalloc(len + 1);
    memcpy(dir, t->path, len);
    dir[len] = '\0';
    return dir;
}

/* 1 if dir/documents/file is a regular file. */
static int in_folder(const char *dir, const char *file)
{
    char *docs = scn_join_path(dir, "documents");
    char *path = scn_join_path(docs, file);
    struct stat st;
    int ok = strchr(file, '/') == NULL && stat(path, &st) == 0 &&
             S_ISREG(st.st_mode);

    free(path);
    free(docs);
    return ok;
}

static int read_file_cell(const ent_scenario *sc, const scn_table *t, int r,
                          int col, char **out, ent_error *err)
{
    char *dir;
    int ok;

    if (scn_cell_text_req(t, r, col, "file", out, err) != 0)
        return -1;
    for (int i = 0; i < sc->n_documents - 1; i++)
        if (strcmp(sc->documents[i].file, *out) == 0)
            return scn_cell_fail(err, t, r, col, "file",
                                 "\"%s\" is listed twice (first on line %ld)",
                                 *out, scn_table_line(t, i + 1, col));
    dir = table_dir(t);
    ok = in_folder(dir, *out);
    free(dir);
    if (!ok)
        return scn_cell_fail(err, t, r, col, "file",
                             "expected the name of a file in documents/, "
                             "got \"%s\"",
                             *out);
    return 0;
}

static int read_document(ent_scenario *sc, const scn_table *t, int r,
                         const int *col, ent_strlist *ids, ent_error *err)
{
    ent_document *d;
    int year;

    (void)ids;
    sc->documents =
        scn_grow(sc->documents, sc->n_documents, sizeof *sc->documents);
    d = &sc->documents[sc->n_documents++];
    d->author = scn_cell_text(t, r, col[C_AUTHOR]);
    d->publisher = scn_cell_text(t, r, col[C_PUBLISHER]);
    d->url = scn_cell_text(t, r, col[C_URL]);
    if (read_file_cell(sc, t, r, col[C_FILE], &d->file, err) != 0 ||
        scn_cell_text_req(t, r, col[C_TITLE], "title", &d->title, err) != 0 ||
        scn_cell_date(t, r, col[C_DATE], "date", 0, &d->date, &year, err) != 0)
        return -1;
    return 0;
}

/* Every file in dir/documents/ (hidden files aside) must have a row. */
static int check_folder(const ent_scenario *sc, const char *dir, ent_error *err)
{
    char *docs = scn_join_path(dir, "documents");
    DIR *d = opendir(docs);
    const struct dirent *e;
    int rc = 0;

    while (d && rc == 0 && (e = readdir(d)) != NULL) {
        char *path;
        struct stat st;

        if (e->d_name[0] == '.' || ent_scenario_document(sc, e->d_name))
            continue;
        path = scn_join_path(docs, e->d_name);
        if (stat(path, &st) == 0 && S_ISREG(st.st_mode)) {
            char *csv = scn_join_path(dir, "documents.csv");

            rc = ent_fail_at(err, csv, 1, 1,
                             "documents/%s has no row (expected one row per "
                             "file in documents/)",
                             e->d_name);
            free(csv);
        }
        free(path);
    }
    if (d)
        closedir(d);
    free(docs);
    return rc;
}

int scn_load_documents(ent_scenario *sc, const char *dir, ent_error *err)
{
    static const char *const names[N_COLS] = {"*file",     "author", "*title",
                                              "publisher", "date",   "url"};

    if (scn_load_rows(sc, dir, "documents.csv", 0, "document", names, N_COLS,
                      read_document, err) != 0)
        return -1;
    return sc->n_documents > 0 ? check_folder(sc, dir, err) : 0;
}
