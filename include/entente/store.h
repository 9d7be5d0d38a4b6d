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

/* Starts writing `path` (through a temporary beside it); NULL with err set
   if the temporary cannot be created.  Ends with ent_atomic_commit or
   ent_atomic_abort, either of which frees it.  Opened inside ent_pcall, the
   file is also removed when that call fails by running out of memory; it
   must then be committed or aborted on the thread that opened it. */
ENT_API ent_atomic_file *ent_atomic_open(const char *path, ent_error *err);
/* The stream to write to; it belongs to f (do not fclose it). */
ENT_API FILE *ent_atomic_stream(ent_atomic_file *f);
/* Flushes, syncs and renames; frees f.  Returns 0 or -1 with err set. */
ENT_API int ent_atomic_commit(ent_atomic_file *f, ent_error *err);
/* Removes the temporary; frees f.  NULL-safe. */
ENT_API void ent_atomic_abort(ent_atomic_file *f);

/* ---- The results database (SQLite; schema in docs/storage.md) -------- */

#include "ensemble.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ent_db ent_db;

/*
 * Opens the results database at `path`.  create = 1 creates the file and
 * the schema if needed (for writing); create = 0 opens an existing
 * database only (for reading).  A path that cannot be opened, or a file
 * that is not an entente database, is an input error.  The caller closes
 * (and frees) *out with ent_db_close; one connection is not for
 * concurrent use.
 */
ENT_API int ent_db_open(const char *path, int create, ent_db **out,
                        ent_error *err);
ENT_API void ent_db_close(ent_db *db);

/*
 * Stores a complete ensemble result (r->is_root) as a new batch: the
 * scenario, parameters, models, every run's outcomes, summaries, band
 * probabilities and pivotal deltas, all in one transaction (BEGIN
 * IMMEDIATE ... COMMIT), rolled back on any error so a failed or
 * interrupted write leaves no rows.  *id (may be NULL) gets the batch id.
 */
ENT_API int ent_db_write(ent_db *db, const ent_ensemble_result *r,
                         long long *id, ent_error *err);

/* One stored batch, as listed by ent_db_list. */
typedef struct ent_batch_info {
    long long id;
    char *created, *version, *scenario, *period, *models; /* owned */
    long runs;
    uint64_t seed;
    double noise;
    int n_issues;
} ent_batch_info;

/* Every stored batch in id order.  Free with ent_batch_info_free. */
ENT_API int ent_db_list(ent_db *db, ent_batch_info **out, int *count,
                        ent_error *err);
ENT_API void ent_batch_info_free(ent_batch_info *b, int count);

/* Reads batch `id` back into a result (outcomes, summaries, pivotal, and
   batch_id/created/version set), which the caller frees with
   ent_ensemble_free.  Unknown id: input error. */
ENT_API int ent_db_load(ent_db *db, long long id, ent_ensemble_result **out,
                        ent_error *err);

/* ---- Exports of ensemble results (docs/ensemble.md) ------------------ */

/* JSON: scenario, parameters, per issue and model the summary, bands and
   pivotal actors; with_runs adds every run's outcomes. */
ENT_API int ent_ensemble_write_json(FILE *out, const ent_ensemble_result *r,
                                    int with_runs, ent_error *err);
/* CSV, long format: kind,model,issue,actor,run,key,value. */
/* CSV of the exchanges in r (ent_ensemble_exchanges, or read back with the
   batch): model, run (-1: the unperturbed baseline), round, seq (1, 2, ...
   within model and run), gain, then for each side the actor, the issue it
   gave way on (supply) and gained on (demand), its position on the supply
   issue before and after, and the move.  with_runs = 0: the baseline's
   only.  A header line alone when there are none. */
ENT_API int ent_ensemble_write_exchanges_csv(FILE *out,
                                             const ent_ensemble_result *r,
                                             int with_runs, ent_error *err);
ENT_API int ent_ensemble_write_csv(FILE *out, const ent_ensemble_result *r,
                                   int with_runs, ent_error *err);
/* The batch list as JSON (an array of objects) or CSV (one row each). */
ENT_API int ent_batches_write_json(FILE *out, const ent_batch_info *b,
                                   int count, ent_error *err);
ENT_API int ent_batches_write_csv(FILE *out, const ent_batch_info *b, int count,
                                  ent_error *err);

#ifdef __cplusplus
}
#endif

#endif
