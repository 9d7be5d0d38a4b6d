/*
 * loader.h -- the pieces of the scenario loader and how they fit together
 * (internal).
 *
 * ent_scenario_load_dir (load_dir.c) reads scenario.ini (manifest.c), then
 * one CSV file per concept, each in its own file: documents.c, sources.c,
 * issues.c, actors.c, positions.c, status_quo.c, events.c, outcomes.c,
 * institutions.c, figures.c, contradictions.c.  Documents come first so
 * sources can check the files they name, sources next so every other
 * file can check the source ids it cites (and, for inputs, their dates:
 * evidence.c); actors and issues come before the files that refer to
 * them.
 * Each loader appends to the scenario; on error the caller frees it.
 */
#ifndef ENT_SCENARIO_LOADER_H
#define ENT_SCENARIO_LOADER_H

#include "entente/scenario.h"
#include "scenario/table.h"

/* An empty scenario that remembers where it came from. */
ent_scenario *scn_new(const char *path);
/* Strings of an imported scenario's single period ("default"). */
void scn_default_period(ent_scenario *sc);

int scn_load_manifest(ent_scenario *sc, const char *path, ent_error *err);

/* Each reads dir/<file>.csv; `required` files must exist and have rows. */
int scn_load_documents(ent_scenario *sc, const char *dir, ent_error *err);
int scn_load_sources(ent_scenario *sc, const char *dir, ent_error *err);
int scn_load_issues(ent_scenario *sc, const char *dir, ent_error *err);
int scn_load_actors(ent_scenario *sc, const char *dir, ent_error *err);
int scn_load_positions(ent_scenario *sc, const char *dir, ent_error *err);
int scn_load_events(ent_scenario *sc, const char *dir, ent_error *err);
int scn_load_outcomes(ent_scenario *sc, const char *dir, ent_error *err);
int scn_load_institutions(ent_scenario *sc, const char *dir, ent_error *err);
int scn_load_figures(ent_scenario *sc, const char *dir, ent_error *err);
int scn_load_status_quo(ent_scenario *sc, const char *dir, ent_error *err);
int scn_load_contradictions(ent_scenario *sc, const char *dir, ent_error *err);

/*
 * Opens dir/name as a table.  A missing optional file gives an empty table
 * and 0.  A file must have a header row; `required` files also need at
 * least one data row (`what` names a row in the message).
 */
int scn_open_table(scn_table *t, const char *dir, const char *name,
                   int required, const char *what, ent_error *err);

/* Handles data row `row` of a table; `col` holds the column indices and
   `ids` the ids of the rows before (for uniqueness checks). */
typedef int (*scn_row_fn)(ent_scenario *sc, const scn_table *t, int row,
                          const int *col, ent_strlist *ids, ent_error *err);

enum { SCN_MAX_COLUMNS = 16 };

/* Opens dir/file (scn_open_table), finds the columns `names` (see
   scn_columns) and calls `fn` on every data row. */
int scn_load_rows(ent_scenario *sc, const char *dir, const char *file,
                  int required, const char *what, const char *const *names,
                  int n_names, scn_row_fn fn, ent_error *err);

/* Grows a dynamic array of `count` elements by one zeroed element. */
void *scn_grow(void *array, int count, size_t size);

/* Column indices for `names`; -1 for absent optional columns.  Columns
   whose name starts with '*' are required (the '*' is not part of it). */
int scn_columns(const scn_table *t, const char *const *names, int n, int *col,
                ent_error *err);

/* The evidence-date rule (evidence.c): fails, pointing at the cell, if a
   source in `sources` is dated after the cutoff of `period`. */
int scn_check_evidence_dates(const ent_scenario *sc, const scn_table *t,
                             int row, int col, int period,
                             const ent_strlist *sources, ent_error *err);
/* Reads a ';'-separated list of source ids and checks each is defined. */
int scn_cell_sources(const ent_scenario *sc, const scn_table *t, int row,
                     int col, int required, ent_strlist *out, ent_error *err);
/* Reads an id cell that must be unique among `seen` (ids of earlier rows
   of the same table, in order); pushes it onto `seen` too. */
int scn_cell_new_id(const scn_table *t, int row, int col, int dots_ok,
                    ent_strlist *seen, char **out, ent_error *err);
/* Reads an id cell naming an actor / issue / period; returns its index. */
int scn_cell_actor(const ent_scenario *sc, const scn_table *t, int row, int col,
                   int *out, ent_error *err);
int scn_cell_issue(const ent_scenario *sc, const scn_table *t, int row, int col,
                   int *out, ent_error *err);
int scn_cell_period(const ent_scenario *sc, const scn_table *t, int row,
                    int col, int *out, ent_error *err);
/* The latest day a date YYYY, YYYY-MM or YYYY-MM-DD can mean, as
   YYYYMMDD (a missing month reads as 12, a missing day as 31).  -1 if the
   text is not such a date. */
int scn_date_key(const char *text, long *key);
/* A date YYYY, YYYY-MM or YYYY-MM-DD; stores the year. */
int scn_cell_date(const scn_table *t, int row, int col, const char *name,
                  int required, char **out, int *year, ent_error *err);

/* Finds the BDM columns Actor, Capability, Position, Salience (or their
   Decide names Stakeholder and Resources) in col[4]; 1 if all are there. */
int scn_bdm_columns(const scn_table *t, int *col);
/* Importers working on a table already read (ent_scenario_open sniffs). */
int scn_import_bdm_table(const scn_table *t, const char *file,
                         ent_scenario **out, ent_error *err);
int scn_import_ktab_table(const scn_table *t, const char *file,
                          ent_scenario **out, ent_error *err);
/* The Decide input format (import_decide.c): `data` is the whole file. */
int scn_looks_decide(const char *data, size_t len);
int scn_import_decide_text(const char *file, const char *data, size_t len,
                           ent_scenario **out, ent_error *err);

#endif
