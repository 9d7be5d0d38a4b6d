/*
 * file.h -- file names and whole files (internal to the scenario loader).
 */
#ifndef ENT_SCENARIO_FILE_H
#define ENT_SCENARIO_FILE_H

#include <stddef.h>

#include "entente/common.h"

/* Reads `path` into a fresh NUL-terminated buffer (*buf, owned by the
   caller) of *len bytes.  Failure is an ENT_EXIT_INPUT error naming the
   path. */
int scn_read_file(const char *path, char **buf, size_t *len, ent_error *err);

/* "dir/name" (owned by the caller), without doubling a trailing '/'. */
char *scn_join_path(const char *dir, const char *name);

/* The file name without directory and extension (owned by the caller). */
char *scn_base_name(const char *file);

#endif
