/*
 * alloc.c -- allocation that never returns NULL.
 *
 * Running out of memory is not an input error the caller can report
 * usefully, so these abort with a message instead of threading NULL checks
 * through every loader and engine.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "entente/common.h"

/* Every request below asks for at least one byte, so NULL is always a
   failure (for calloc, also when count * size does not fit in a size_t). */
static void *checked(void *ptr)
{
    if (!ptr) {
        fputs("entente: out of memory\n", stderr);
        abort();
    }
    return ptr;
}

void *ent_xmalloc(size_t size)
{
    return checked(malloc(size ? size : 1));
}

void *ent_xcalloc(size_t count, size_t size)
{
    return checked(calloc(count ? count : 1, size ? size : 1));
}

void *ent_xrealloc(void *ptr, size_t size)
{
    return checked(realloc(ptr, size ? size : 1));
}

char *ent_xstrdup(const char *s)
{
    size_t len = strlen(s) + 1;

    return memcpy(ent_xmalloc(len), s, len);
}
