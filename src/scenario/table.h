/*
 * table.h -- a whole CSV file read into rows of cells (internal to the
 * scenario loader).
 *
 * Every cell remembers the line it starts on; its column is its 1-based
 * index in the row.  Row 0 is the header when the file has one.  Rows whose
 * cells are all blank are dropped, so spreadsheet exports with empty lines
 * or ",,,," rows read cleanly.
 */
#ifndef ENT_SCENARIO_TABLE_H
#define ENT_SCENARIO_TABLE_H

#include <stddef.h>

#include "entente/common.h"

typedef struct scn_cell {
    char *text; /* owned, NUL-terminated, blanks around unquoted text gone */
    long line;  /* line the cell starts on */
} scn_cell;

typedef struct scn_row {
    scn_cell *cells;
    int n_cells;
    long line; /* line the row starts on */
} scn_row;

typedef struct scn_table {
    char *path; /* as given, for messages */
    scn_row *rows;
    int n_rows;
} scn_table;

/* Reads the CSV file at `path`.  On failure the table is empty and err
   says why (ENT_EXIT_INPUT, with file:line:column for malformed CSV). */
int scn_table_read(scn_table *t, const char *path, ent_error *err);
/* Parses `len` bytes of CSV text; `path` names it in messages. */
int scn_table_parse(scn_table *t, const char *path, const char *data,
                    size_t len, ent_error *err);
void scn_table_free(scn_table *t);

/* Index of the header cell (row 0) equal to `name`, ignoring case and
   surrounding blanks; -1 if absent. */
int scn_table_find(const scn_table *t, const char *name);
/* Like scn_table_find, but an absent column is an error naming it. */
int scn_table_need(const scn_table *t, const char *name, ent_error *err);

/* Text of a cell; "" when the row is short or col < 0. */
const char *scn_table_text(const scn_table *t, int row, int col);
/* Line of a cell; the row's line when the row is short or col < 0. */
long scn_table_line(const scn_table *t, int row, int col);

#endif
