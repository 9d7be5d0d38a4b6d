/*
 * fuzz_scenario.c -- libFuzzer target: a scenario directory (scenario.ini
 * and its CSV files) through ent_scenario_load_dir and the whole path.
 *
 * The input is a small text archive: a line "=== NAME" starts the file
 * NAME, the lines up to the next such line are its content.  Names are
 * letters, digits, '_' and '-' with the extension .csv or .ini, so the
 * unpacked files stay inside this process's scratch directory.
 */
#include <ctype.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "oracle.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int safe_name(const char *s, size_t len)
{
    if (len < 5 || len > 64 ||
        (memcmp(s + len - 4, ".csv", 4) != 0 &&
         memcmp(s + len - 4, ".ini", 4) != 0))
        return 0;
    for (size_t i = 0; i < len - 4; i++)
        if (!isalnum((unsigned char)s[i]) && s[i] != '_' && s[i] != '-')
            return 0;
    return 1;
}

/* Empties dir (files only; nothing else is ever created in it). */
static void clear_dir(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    char path[512];

    if (!d)
        return;
    while ((e = readdir(d)) != NULL)
        if (e->d_name[0] != '.') {
            snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
            unlink(path);
        }
    closedir(d);
}

static void write_member(const char *dir, const char *name, size_t name_len,
                         const char *body, size_t len)
{
    char path[512];
    FILE *f;

    snprintf(path, sizeof path, "%s/%.*s", dir, (int)name_len, name);
    f = fopen(path, "ab");
    if (!f)
        abort();
    fwrite(body, 1, len, f);
    fclose(f);
}

/* Unpacks the archive into dir. */
static void unpack(const char *dir, const char *p, const char *end)
{
    const char *name = NULL, *body = NULL;
    size_t name_len = 0;

    while (p < end) {
        const char *eol = memchr(p, '\n', (size_t)(end - p));
        const char *next = eol ? eol + 1 : end;

        if (end - p >= 4 && memcmp(p, "=== ", 4) == 0) {
            if (name)
                write_member(dir, name, name_len, body, (size_t)(p - body));
            name = p + 4;
            name_len = (size_t)((eol ? eol : end) - name);
            if (!safe_name(name, name_len))
                name = NULL;
            body = next;
        }
        p = next;
    }
    if (name)
        write_member(dir, name, name_len, body, (size_t)(end - body));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static char dir[256];
    ent_scenario *sc = NULL;
    ent_error err;
    int rc;

    if (!dir[0]) {
        snprintf(dir, sizeof dir, "/tmp/entente-fuzz-%d-scenario",
                 (int)getpid());
        mkdir(dir, 0700);
    }
    clear_dir(dir);
    unpack(dir, (const char *)data, (const char *)data + size);
    ent_error_clear(&err);
    rc = ent_scenario_load_dir(dir, &sc, &err);
    fuzz_check_scenario(rc, sc, &err);
    return 0;
}
