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

static void *checked(void *ptr, size_t size)
{
    if (!ptr && size) {
        fputs("entente: out of memory\n", stderr);
        abort();
    }
    return ptr;
}

void *ent_xmalloc(size_t size)
{
    return checked(malloc(size ? size : 1), size);
}

void *ent_xcalloc(size_t count, size_t size)
{
    return checked(calloc(count ? count : 1, size ? size : 1), count * size);
}

void *ent_xrealloc(void *ptr, size_t size)
{
    return checked(realloc(ptr, size ? size : 1), size);
}

char *ent_xstrdup(const char *s)
{
    size_t len = strlen(s) + 1;

    return memcpy(ent_xmalloc(len), s, len);
}
