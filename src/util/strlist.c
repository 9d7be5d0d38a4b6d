/*
 * strlist.c -- owned lists of strings (source ids, actor ids, periods).
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "entente/common.h"
#include "util/protect.h"

static int strlist_push_body(ent_strlist *list, const char *item)
{
    char *copy = ent_xstrdup(item); /* before the list changes */

    list->items = ent_xrealloc(list->items,
                               sizeof *list->items * (size_t)(list->count + 1));
    list->items[list->count++] = copy;
    return 0;
}

int ent_strlist_push(ent_strlist *list, const char *item)
{
    ENT_PROTECTED(int, -1, NULL, strlist_push_body(list, item));
}

static int strlist_split_body(ent_strlist *out, const char *text, char sep)
{
    const char *p = text;

    out->items = NULL;
    out->count = 0;
    if (!text)
        return 0;
    while (*p) {
        const char *end = strchr(p, sep);
        const char *stop = end ? end : p + strlen(p);
        const char *b = p, *e = stop;

        while (b < e && isspace((unsigned char)*b))
            b++;
        while (e > b && isspace((unsigned char)e[-1]))
            e--;
        if (e > b) {
            char *item = ent_xmalloc((size_t)(e - b) + 1);

            memcpy(item, b, (size_t)(e - b));
            item[e - b] = '\0';
            out->items = ent_xrealloc(out->items, sizeof *out->items *
                                                      (size_t)(out->count + 1));
            out->items[out->count++] = item;
        }
        if (!end)
            break;
        p = end + 1;
    }
    return 0;
}

int ent_strlist_split(ent_strlist *out, const char *text, char sep)
{
    ENT_PROTECTED(int, -1, NULL, strlist_split_body(out, text, sep));
}

int ent_strlist_contains(const ent_strlist *list, const char *item)
{
    for (int i = 0; i < list->count; i++)
        if (strcmp(list->items[i], item) == 0)
            return 1;
    return 0;
}

void ent_strlist_free(ent_strlist *list)
{
    if (!list)
        return;
    for (int i = 0; i < list->count; i++)
        free(list->items[i]);
    free(list->items);
    list->items = NULL;
    list->count = 0;
}
