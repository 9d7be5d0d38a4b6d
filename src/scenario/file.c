/*
 * file.c -- file names and whole files.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/protect.h"
#include "scenario/file.h"

int scn_read_file(const char *path, char **buf, size_t *len, ent_error *err)
{
    FILE *f = fopen(path, "rb");
    size_t cap = 1 << 14, n = 0;
    char *b;

    *buf = NULL;
    *len = 0;
    if (!f)
        return ent_fail_at(err, path, 0, 0, "cannot open: %s", strerror(errno));
    b = ent_malloc_checked(cap + 1);
    for (;;) {
        char *grown;

        if (!b) {
            fclose(f);
            return ent_fail(err, ENT_EXIT_RUNTIME,
                            "%s: out of memory reading the file", path);
        }
        n += fread(b + n, 1, cap - n, f);
        if (n < cap)
            break;
        cap *= 2;
        grown = ent_realloc_checked(b, cap + 1);
        if (!grown)
            free(b);
        b = grown;
    }
    if (ferror(f)) {
        int e = errno;

        fclose(f);
        free(b);
        return ent_fail_at(err, path, 0, 0, "cannot read: %s", strerror(e));
    }
    fclose(f);
    b[n] = '\0';
    *buf = b;
    *len = n;
    return 0;
}

char *scn_join_path(const char *dir, const char *name)
{
    size_t d = strlen(dir), len;
    char *path;

    while (d > 1 && dir[d - 1] == '/')
        d--;
    len = d + strlen(name) + 2;
    path = ent_xmalloc(len);
    snprintf(path, len, "%.*s/%s", (int)d, dir, name);
    return path;
}

char *scn_base_name(const char *file)
{
    const char *b = strrchr(file, '/');
    char *name = ent_xstrdup(b ? b + 1 : file);
    char *dot = strrchr(name, '.');

    if (dot && dot != name)
        *dot = '\0';
    return name;
}
