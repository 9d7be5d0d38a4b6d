/*
 * registry.c -- the list of engines, looked up by name.
 */
#include <string.h>

#include "entente/model.h"
#include "model/engines.h"

static const ent_engine *const all_engines[] = {
    &ent_engine_mean, &ent_engine_median,   &ent_engine_eu,
    &ent_engine_smp,  &ent_engine_exchange, NULL,
};

const ent_engine *const *ent_engines(void)
{
    return all_engines;
}

const ent_engine *ent_engine_find(const char *name)
{
    for (int i = 0; all_engines[i]; i++)
        if (strcmp(all_engines[i]->name, name) == 0)
            return all_engines[i];
    return NULL;
}
