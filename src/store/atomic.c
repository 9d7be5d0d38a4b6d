/*
 * atomic.c -- output files written to a temporary and renamed into place.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "entente/store.h"
#include "util/protect.h"

struct ent_atomic_file {
    FILE *stream;
    char *path;
    char *tmp;
    ent_unwind unwind; /* linked while open inside a protected call */
    int linked;
};

static ent_atomic_file *atomic_open_body(const char *path, ent_error *err)
{
    ent_atomic_file *f;
    size_t len = strlen(path) + 32;
    int fd;

    f = ent_xcalloc(1, sizeof *f);
    f->path = ent_xstrdup(path);
    f->tmp = ent_xmalloc(len);
    snprintf(f->tmp, len, "%s.tmp-XXXXXX", path);
    fd = mkstemp(f->tmp);
    if (fd >= 0) {
        /* mkstemp creates 0600; give the file the usual 0666 & ~umask */
        mode_t mask = umask(0);

        umask(mask);
        (void)fchmod(fd, 0666 & ~mask);
    }
    if (fd < 0 || !(f->stream = fdopen(fd, "w"))) {
        ent_fail(err, ENT_EXIT_RUNTIME, "%s: cannot create: %s", path,
                 strerror(errno));
        if (fd >= 0) {
            close(fd);
            unlink(f->tmp);
        }
        free(f->path);
        free(f->tmp);
        free(f);
        return NULL;
    }
    return f;
}

static ent_atomic_file *atomic_open_protected(const char *path, ent_error *err)
{
    ENT_PROTECTED(ent_atomic_file *, NULL, err, atomic_open_body(path, err));
}

static void atomic_unwind(void *arg)
{
    ent_atomic_file *f = arg;

    f->linked = 0;
    ent_atomic_abort(f);
}

/* Opened inside a protected call, the file is removed if that call fails by
   running out of memory before the file is committed or aborted. */
ent_atomic_file *ent_atomic_open(const char *path, ent_error *err)
{
    int inside = ent_frame_top() != NULL;
    ent_atomic_file *f = atomic_open_protected(path, err);

    if (f && inside) {
        ent_unwind_link(&f->unwind, atomic_unwind, f);
        f->linked = 1;
    }
    return f;
}

FILE *ent_atomic_stream(ent_atomic_file *f)
{
    return f->stream;
}

static void atomic_release(ent_atomic_file *f)
{
    if (f->linked)
        ent_unwind_unlink(&f->unwind);
    free(f->path);
    free(f->tmp);
    free(f);
}

int ent_atomic_commit(ent_atomic_file *f, ent_error *err)
{
    int bad = fflush(f->stream) != 0 || ferror(f->stream) ||
              fsync(fileno(f->stream)) != 0;

    bad |= fclose(f->stream) != 0;
    if (bad || rename(f->tmp, f->path) != 0) {
        ent_fail(err, ENT_EXIT_RUNTIME, "%s: cannot write: %s", f->path,
                 strerror(errno));
        unlink(f->tmp);
        atomic_release(f);
        return -1;
    }
    atomic_release(f);
    return 0;
}

void ent_atomic_abort(ent_atomic_file *f)
{
    if (!f)
        return;
    fclose(f->stream);
    unlink(f->tmp);
    atomic_release(f);
}
