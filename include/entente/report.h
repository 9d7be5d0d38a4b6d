/*
 * entente/report.h -- rendering: aligned text tables for terminals and
 * plain text, and the self-contained HTML report with inline SVG charts.
 */
#ifndef ENTENTE_REPORT_H
#define ENTENTE_REPORT_H

#include <stdio.h>

#include "forecast.h"
#include "explain.h"
#include "whatif.h"

#ifdef __cplusplus
extern "C" {
#endif

/* A table of text cells, rendered with aligned columns. */
typedef struct ent_table ent_table;

/* An empty table of n_columns columns; the caller frees it with
   ent_table_free.  NULL when memory runs out.  Not for concurrent use. */
ENT_API ent_table *ent_table_new(int n_columns);
/* Column header and alignment ('l' or 'r').  0, or -1 when memory runs out
   (the column is then unchanged); so for the row and print functions. */
ENT_API int ent_table_column(ent_table *t, int column, const char *header,
                             char align);
/* Appends a row; cells are copied.  Missing trailing cells are empty. */
ENT_API int ent_table_row(ent_table *t, const char *const *cells, int n_cells);
/* Appends a row from printf-style cells separated by '\t'. */
ENT_API int ent_table_rowf(ent_table *t, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Caps a column's width (longer cells are cut with "..."); 0 = no cap. */
ENT_API void ent_table_max_width(ent_table *t, int column, int width);
/* Writes the table; `bold` underlines the header with ANSI bold. */
ENT_API int ent_table_print(const ent_table *t, FILE *out, int bold);
/* Writes the table as RFC 4180 CSV. */
ENT_API void ent_table_print_csv(const ent_table *t, FILE *out);
ENT_API void ent_table_free(ent_table *t);

/* Number of display columns of a UTF-8 string (code points). */
ENT_API int ent_utf8_width(const char *s);

/* What the HTML report says about how it was made. */
typedef struct ent_report_options {
    const char *command;      /* the command line shown in the header; NULL */
    const ent_whatif *whatif; /* changes applied to the inputs; NULL */
    /* Why each issue's forecast lands where it does ([n_issues], NULL
       entries where there is none), shown with ent_explanation_html;
       NULL for none. */
    const ent_explanation *const *explanations;
} ent_report_options;

/*
 * Writes one self-contained, offline HTML5 page for period `period` of sc:
 * a header (title, description, period, models, version, how to read the
 * page); per issue, its labelled scale, a chart of each actor's position by
 * round for every iterative model in f, a strip chart comparing the
 * models' forecasts, and the input positions with their rationales and
 * the sources they cite; when b is not NULL a back-test section (forecast
 * against observed per period and issue, and the mean absolute errors);
 * the contradictions between documents the scenario records, with their
 * quotes; and an appendix with every cited source's date, locator and
 * quote, grouped by document.  Charts are inline SVG, each drawn for a wide and
 * a narrow screen (the CSS shows one), with <title> tooltips whose values are
 * also in the tables; the page has no scripts and loads nothing. The renderer
 * only reads f and b.  opts may be NULL.  Returns 0, or -1 with err set
 * (ENT_EXIT_RUNTIME) when writing to `out` fails.
 */
ENT_API int ent_report_html(FILE *out, const ent_scenario *sc, int period,
                            const ent_forecast *f, const ent_backtest *b,
                            const ent_report_options *opts, ent_error *err);

/* Writes `text` with & < > " ' escaped, safe in HTML text and in quoted
   attribute values.  NULL writes nothing. */
ENT_API void ent_html_escape(FILE *out, const char *text);

/* A contradiction between documents (contradictions.csv) as text wrapped
   at `width` columns (0: no wrapping): "id: topic", each conflicting
   source cited with its date, document and quote, the value the scenario
   takes and why.  Caller frees. */
ENT_API char *ent_contradiction_text(const ent_scenario *sc,
                                     const ent_contradiction *c, int width);

#ifdef __cplusplus
}
#endif

#endif
