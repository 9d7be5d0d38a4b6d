/*
 * version.c -- the version of the library linked at run time.
 */
#include "entente/common.h"

const char *ent_version(void)
{
    return ENT_VERSION;
}
