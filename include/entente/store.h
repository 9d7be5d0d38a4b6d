/*
 * entente/store.h -- writing results: atomic output files, JSON and CSV
 * exports of forecasts, and (store/sqlite) the results database.
 */
#ifndef ENTENTE_STORE_H
#define ENTENTE_STORE_H

#include <stdio.h>

#include "model.h"

/*
 * A file written through a temporary in the same directory and renamed
 * into place on commit, so readers never see a half-written file.
 */
typedef struct ent_atomic_file ent_atomic_file;

ent_atomic_file *ent_atomic_open(const char *path, ent_error *err);
FILE *ent_atomic_stream(ent_atomic_file *f);
/* Flushes, syncs and renames; frees f.  Returns 0 or -1 with err set. */
int ent_atomic_commit(ent_atomic_file *f, ent_error *err);
/* Removes the temporary; frees f.  NULL-safe. */
void ent_atomic_abort(ent_atomic_file *f);

#endif
