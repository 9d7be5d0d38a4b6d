/*
 * cells.h -- typed values from table cells, with errors that point at the
 * cell (internal to the scenario loader).
 *
 * Every error reads "file:line:column: column-name: what was expected, got
 * ..." and carries ENT_EXIT_INPUT.  `col` may be -1 for an optional column
 * the file does not have; such a cell reads as empty.
 */
#ifndef ENT_SCENARIO_CELLS_H
#define ENT_SCENARIO_CELLS_H

#include "entente/common.h"
#include "scenario/table.h"

/* Reports a bad cell: "file:line:column: name: <fmt ...>". */
int scn_cell_fail(ent_error *err, const scn_table *t, int row, int col,
                  const char *name, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));

/* Parses a whole decimal number (blanks around allowed; no nan, inf, hex
   or trailing text; finite).  Returns 0 on success, -1 otherwise. */
int scn_parse_number(const char *text, double *out);
/* Parses a whole decimal integer in [lo, hi].  0 on success, -1 otherwise. */
int scn_parse_int(const char *text, long lo, long hi, long *out);

/* A required number in [lo, hi] (either may be infinite). */
int scn_cell_number(const scn_table *t, int row, int col, const char *name,
                    double lo, double hi, double *out, ent_error *err);
/* Like scn_cell_number, but an empty cell (or absent column) gives `dflt`. */
int scn_cell_number_opt(const scn_table *t, int row, int col, const char *name,
                        double lo, double hi, double dflt, double *out,
                        ent_error *err);

/* Copy of the cell's text without surrounding blanks ("" if absent). */
char *scn_cell_text(const scn_table *t, int row, int col);
/* Like scn_cell_text, but an empty cell is an error. */
int scn_cell_text_req(const scn_table *t, int row, int col, const char *name,
                      char **out, ent_error *err);
/* A required id: no blanks or any of ;,=" (nor '.' unless dots_ok). */
int scn_cell_id(const scn_table *t, int row, int col, const char *name,
                int dots_ok, char **out, ent_error *err);
/* A ';'-separated list (items trimmed, empty items dropped). */
void scn_cell_list(const scn_table *t, int row, int col, ent_strlist *out);

/* 1 if `id` is a valid id (see scn_cell_id). */
int scn_valid_id(const char *id, int dots_ok);

/* "[lo, hi]" / ">= lo" / "<= hi" / "" for messages. */
const char *scn_range_text(double lo, double hi, char *buf, size_t size);

#endif
