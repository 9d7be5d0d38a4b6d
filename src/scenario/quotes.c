/*
 * quotes.c -- ent_scenario_check_quotes: every quote of a source that
 * cites a document in `docs_dir` must occur in that document.
 *
 * Both sides are normalised (normalize.h); a quote is found if it occurs
 * in the normalised document or, when it has more than 12 letters and
 * digits, if its letters and digits occur in the document's (the fallback
 * the reference quote checker uses).  A source cites a file when the file's
 * name occurs in its document field or the field occurs in the file's name.
 * Sources citing no file in docs_dir are not checked.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "scenario/file.h"
#include "scenario/normalize.h"
#include "scenario/loader.h"
#include "util/protect.h"

enum { LOOSE_MIN = 13, QUOTE_SHOWN = 90 };

/* A file of docs_dir, normalised on first use. */
typedef struct doc {
    char *name;
    char *norm, *loose; /* NULL until loaded */
} doc;

typedef struct library {
    const char *dir;
    doc *docs;
    int n_docs;
} library;

static void library_free(library *lib)
{
    for (int i = 0; i < lib->n_docs; i++) {
        free(lib->docs[i].name);
        free(lib->docs[i].norm);
        free(lib->docs[i].loose);
    }
    free(lib->docs);
}

static int is_file(const char *dir, const char *name)
{
    char *path = scn_join_path(dir, name);
    struct stat st;
    int ok = stat(path, &st) == 0 && S_ISREG(st.st_mode);

    free(path);
    return ok;
}

static int library_open(library *lib, const char *dir, ent_error *err)
{
    DIR *d = opendir(dir);
    struct dirent *e;

    memset(lib, 0, sizeof *lib);
    lib->dir = dir;
    if (!d)
        return ent_fail_at(err, dir, 0, 0,
                           "cannot open the documents "
                           "directory: %s",
                           strerror(errno));
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.' || !is_file(dir, e->d_name))
            continue;
        lib->docs = scn_grow(lib->docs, lib->n_docs, sizeof *lib->docs);
        lib->docs[lib->n_docs++].name = ent_xstrdup(e->d_name);
    }
    closedir(d);
    return 0;
}

static int doc_load(const library *lib, doc *dc, ent_error *err)
{
    char *path, *text;
    size_t len;
    int rc;

    if (dc->norm)
        return 0;
    path = scn_join_path(lib->dir, dc->name);
    rc = scn_read_file(path, &text, &len, err);
    free(path);
    if (rc != 0)
        return -1;
    dc->norm = scn_norm_text(text, len);
    dc->loose = scn_loose_text(dc->norm);
    free(text);
    return 0;
}

static int cites(const char *document, const char *name)
{
    return strstr(document, name) || (*document && strstr(name, document));
}

/* 1 if found, 0 if not, -1 if no document in the library is cited, -2 on
   a read error (err set). */
static int find_quote(library *lib, const ent_source *s, ent_error *err)
{
    char *doc_id = ent_xstrdup(s->document);
    char *nq = scn_norm_text(s->quote, strlen(s->quote));
    char *lq = scn_loose_text(nq);
    int cited = 0, found = 0;

    for (int i = 0; i < lib->n_docs && !found; i++) {
        doc *dc = &lib->docs[i];

        if (!cites(doc_id, dc->name))
            continue;
        cited = 1;
        if (doc_load(lib, dc, err) != 0) {
            cited = -2;
            break;
        }
        found = strstr(dc->norm, nq) != NULL ||
                (strlen(lq) >= LOOSE_MIN && strstr(dc->loose, lq) != NULL);
    }
    free(doc_id);
    free(nq);
    free(lq);
    if (cited == -2)
        return -2;
    return cited ? found : -1;
}

static void report_missing(const ent_scenario *sc, const ent_source *s,
                           ent_strlist *missing)
{
    char msg[ENT_ERROR_MAX];

    if (!missing)
        return;
    snprintf(msg, sizeof msg,
             "%s/sources.csv:%ld: source %s: quote not found in %s: "
             "\"%.*s%s\"",
             sc->path, s->line, s->id, s->document, QUOTE_SHOWN, s->quote,
             strlen(s->quote) > QUOTE_SHOWN ? "..." : "");
    ent_strlist_push(missing, msg);
}

static int scenario_check_quotes_body(const ent_scenario *sc,
                                      const char *docs_dir,
                                      ent_strlist *missing, ent_error *err)
{
    library lib;
    int bad = 0;

    if (library_open(&lib, docs_dir, err) != 0)
        return -1;
    for (int i = 0; i < sc->n_sources && bad >= 0; i++) {
        const ent_source *s = &sc->sources[i];
        int r;

        if (*s->quote == '\0')
            continue;
        r = find_quote(&lib, s, err);
        if (r == -2)
            bad = -1;
        else if (r == 0) {
            bad++;
            report_missing(sc, s, missing);
        }
    }
    library_free(&lib);
    return bad;
}

int ent_scenario_check_quotes(const ent_scenario *sc, const char *docs_dir,
                              ent_strlist *missing, ent_error *err)
{
    ENT_PROTECTED(int, -1, err,
                  scenario_check_quotes_body(sc, docs_dir, missing, err));
}
