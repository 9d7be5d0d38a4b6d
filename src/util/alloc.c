/*
 * alloc.c -- allocation that returns only on success inside a protected
 * call.
 *
 * Running out of memory is not an input error the caller can report
 * usefully at each of hundreds of call sites, so a failed allocation
 * unwinds to the innermost protected call (util/protect.h), which returns
 * an "out of memory" error.  Outside any protected call (an application
 * calling these directly) they return NULL, as malloc does.
 */
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>

#include "util/protect.h"

/* Every request below asks for at least one byte, so NULL is always a
   failure (for calloc, also when count * size does not fit in a size_t). */
static void *checked(void *ptr)
{
    ent_frame *f;

    if (!ptr && (f = ent_frame_top()))
        longjmp(f->jump, 1);
    return ptr;
}

void *ent_xmalloc(size_t size)
{
    return checked(ent_malloc_checked(size ? size : 1));
}

void *ent_xcalloc(size_t count, size_t size)
{
    return checked(ent_alloc_injected()
                       ? NULL
                       : calloc(count ? count : 1, size ? size : 1));
}

void *ent_xrealloc(void *ptr, size_t size)
{
    return checked(ent_realloc_checked(ptr, size ? size : 1));
}

char *ent_xstrdup(const char *s)
{
    size_t len = strlen(s) + 1;
    char *copy = ent_xmalloc(len);

    return copy ? memcpy(copy, s, len) : NULL;
}
