/*
 * entente/report.h -- rendering: aligned text tables for terminals and
 * plain text.
 */
#ifndef ENTENTE_REPORT_H
#define ENTENTE_REPORT_H

#include <stdio.h>

#include "model.h"

/* A table of text cells, rendered with aligned columns. */
typedef struct ent_table ent_table;

ent_table *ent_table_new(int n_columns);
/* Column header and alignment ('l' or 'r'). */
void ent_table_column(ent_table *t, int column, const char *header,
                      char align);
/* Appends a row; cells are copied.  Missing trailing cells are empty. */
void ent_table_row(ent_table *t, const char *const *cells, int n_cells);
/* Appends a row from printf-style cells separated by '\t'. */
void ent_table_rowf(ent_table *t, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Caps a column's width (longer cells are cut with "..."); 0 = no cap. */
void ent_table_max_width(ent_table *t, int column, int width);
/* Writes the table; `bold` underlines the header with ANSI bold. */
void ent_table_print(const ent_table *t, FILE *out, int bold);
/* Writes the table as RFC 4180 CSV. */
void ent_table_print_csv(const ent_table *t, FILE *out);
void ent_table_free(ent_table *t);

/* Number of display columns of a UTF-8 string (code points). */
int ent_utf8_width(const char *s);

#endif
