/*
 * whatif_text.c -- what-if changes as a person types them: the text
 * "ACTOR:ISSUE:FIELD=VALUE" of `--set`, and a what-if named by file or by
 * its name among the scenario's own (SCENARIO/whatifs/NAME.csv).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "entente/whatif.h"
#include "util/protect.h"

#define SET_SYNTAX "expected ACTOR:ISSUE:FIELD=VALUE"

static int whatif_add_text_body(ent_whatif *w, const ent_scenario *sc,
                                const char *text, const char *origin,
                                ent_error *err)
{
    char buf[512], *c1, *c2, *eq, *end;
    double v;

    if (strlen(text) >= sizeof buf)
        return ent_fail(err, ENT_EXIT_INPUT, "%s: " SET_SYNTAX ", got '%s'",
                        origin, text);
    snprintf(buf, sizeof buf, "%s", text);
    c1 = strchr(buf, ':');
    c2 = c1 ? strchr(c1 + 1, ':') : NULL;
    eq = c2 ? strchr(c2 + 1, '=') : NULL;
    if (!eq || c1 == buf || c2 == c1 + 1 || eq == c2 + 1 || !eq[1])
        return ent_fail(err, ENT_EXIT_INPUT,
                        "%s: " SET_SYNTAX
                        " (FIELD: position, salience or capability), got '%s'",
                        origin, text);
    *c1 = *c2 = *eq = '\0';
    errno = 0;
    v = strtod(eq + 1, &end);
    if (end == eq + 1 || *end || errno)
        return ent_fail(err, ENT_EXIT_INPUT,
                        "%s %s: expected a number after '=', got '%s'", origin,
                        text, eq + 1);
    return ent_whatif_add_set(w, sc, buf, c1 + 1, c2 + 1, v, origin, err);
}

int ent_whatif_add_text(ent_whatif *w, const ent_scenario *sc, const char *text,
                        const char *origin, ent_error *err)
{
    ENT_PROTECTED(int, -1, err, whatif_add_text_body(w, sc, text, origin, err));
}

/* `name` as a path if it names a file or holds a '/', else the
   scenario's whatifs/NAME or whatifs/NAME.csv if one exists.  Owned. */
static char *whatif_path(const ent_scenario *sc, const char *name)
{
    static const char *const forms[] = {"%s/whatifs/%s", "%s/whatifs/%s.csv"};
    struct stat st;
    size_t size = strlen(sc->path) + strlen(name) + 32;
    char *path = ent_xmalloc(size);

    if (stat(name, &st) != 0 && !strchr(name, '/') && *name)
        for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++) {
            snprintf(path, size, forms[i], sc->path, name);
            if (stat(path, &st) == 0)
                return path;
        }
    snprintf(path, size, "%s", name);
    return path;
}

static int whatif_load_named_body(ent_whatif *w, const ent_scenario *sc,
                                  const char *name, ent_error *err)
{
    char *path = whatif_path(sc, name);
    int rc = ent_whatif_load(w, sc, path, err);

    free(path);
    return rc;
}

int ent_whatif_load_named(ent_whatif *w, const ent_scenario *sc,
                          const char *name, ent_error *err)
{
    ENT_PROTECTED(int, -1, err, whatif_load_named_body(w, sc, name, err));
}
