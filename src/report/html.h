/*
 * html.h -- the parts of the HTML report (internal).
 *
 * html.c writes the page and its sections in order; html_style.c the CSS;
 * html_tables.c the tables (forecast summary, inputs with their sources,
 * back-test rows and errors, the source appendix); chart_rounds.c,
 * chart_models.c and chart_backtest.c one kind of chart each, framed by
 * figure.c and drawn with the primitives of svg.h; text.c escaping and
 * number formatting.  Every part reads the scenario, forecast and
 * back-test through an rpt_ctx and computes nothing about the models.
 *
 * A new chart follows the same rules, which the browser test
 * (tests/browser/) checks on the Belarus report: a function that draws it
 * at a given viewBox width, called through rpt_figure_draw for both
 * SVG_WIDE and SVG_NARROW; text only in the stylesheet's size (SVG_FONT;
 * never a font-size on an element); labels wrapped to their room
 * (svg_wrap) rather than cut, and placed with svg_place_spans or dropped
 * when they would overlap (svg_boxes_overlap), never over a data line;
 * every value a tooltip gives also in a table or caption.
 */
#ifndef ENT_REPORT_HTML_H
#define ENT_REPORT_HTML_H

#include <stdarg.h>
#include <stdio.h>

#include "entente/report.h"
#include "report/svg.h"

/* What every part of the page reads. */
typedef struct rpt_ctx {
    FILE *out;
    const ent_scenario *sc;
    int period; /* scenario period of the forecast */
    const ent_forecast *f;
    const ent_backtest *b;          /* NULL: no back-test section */
    const ent_report_options *opts; /* never NULL */
    unsigned char *cited;           /* [sc->n_sources]: cited on the page */
} rpt_ctx;

/* ---- text.c ---- */

/* Escaped text cut to max_chars code points with an ellipsis (0: all). */
void rpt_escape_trunc(FILE *out, const char *text, int max_chars);
/* printf-style formatting into a new string (caller frees). */
char *rpt_vformat(const char *fmt, va_list ap);
/* printf-style formatting into a new string (caller frees). */
char *rpt_format(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* printf-style text, escaped. */
void rpt_escapef(FILE *out, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* An element id: prefix + id with every byte outside [A-Za-z0-9_-]
   written as ".XX", so distinct ids stay distinct and valid. */
void rpt_id(FILE *out, const char *prefix, const char *id);
/* v with `decimals` decimals, or an en dash when v is not finite. */
const char *rpt_num(char *buf, size_t size, double v, int decimals);
/* s, or "" for NULL. */
const char *rpt_str(const char *s);
/* " The run converged at round 12." / "... settled in a cycle of 2 rounds
   from round 14 (outcome 25.0-96.0); the forecast is its mean, 59.3." /
   "... did not settle within 100 rounds ...", escaped. */
void rpt_stop_sentence(FILE *out, const ent_stop *stop, double lo, double hi);

/* ---- lookups (html.c) ---- */

/* The positions.csv row of (period, actor, issue); NULL if none. */
const ent_position *rpt_position(const ent_scenario *sc, int period, int actor,
                                 int issue);
/* The outcomes.csv row of (period, issue); NULL if none. */
const ent_outcome *rpt_outcome(const ent_scenario *sc, int period, int issue);
/* 1 when model m of the forecast iterates rounds (eu, smp). */
int rpt_iterative(const ent_forecast *f, int m);
/* The name an actor / issue is shown by. */
const char *rpt_actor_name(const ent_scenario *sc, int actor);
const char *rpt_issue_name(const ent_scenario *sc, int issue);

/* ---- html_whatif.c ---- */

/* <dt>/<dd> of the header's list: the what-ifs applied (nothing when
   opts->whatif has none). */
void rpt_meta_whatif(const rpt_ctx *c);

/* ---- html_style.c ---- */

/* The page's <style> element. */
void rpt_style(FILE *out);

/* ---- figure.c: the frame of every chart ---- */

/* Draws a chart into its page's FILE* with a viewBox `width` wide. */
typedef void (*rpt_draw_fn)(const void *chart, double width);

/* <figure class="chart-fig cls"> and the chart's title (cls may be
   NULL). */
void rpt_figure_begin(const rpt_ctx *c, const char *cls, const char *title);
/* The chart at SVG_WIDE and at SVG_NARROW; the page's CSS shows one. */
void rpt_figure_draw(const rpt_ctx *c, rpt_draw_fn draw, const void *chart);
/* </figure>; the caller writes the <figcaption> before it. */
void rpt_figure_end(const rpt_ctx *c);

/* ---- charts: each writes one <figure> (figure.c) with its chart at both
   widths; 0 when nothing was drawn (no data), 1 when the chart was
   written ---- */

/* Each actor's position by round under model m on the issue. */
int rpt_chart_rounds(const rpt_ctx *c, int m, int issue);
/* Every model's forecast on the issue scale, above the actors' inputs. */
int rpt_chart_models(const rpt_ctx *c, int issue);
/* Forecast against observed per period on the issue, each model and the
   status-quo baseline. */
int rpt_chart_backtest(const rpt_ctx *c, int issue);
/* The back-test's scores by horizon (chart_skill.c): mean absolute error,
   direction hit rate and, with ensemble runs, RPS skill, each in panels
   by variant.  Returns the number of charts drawn (0 without horizons). */
int rpt_chart_skill(const rpt_ctx *c);

/* ---- chart_exchanges.c ---- */

/* 1 if a model of the forecast executed exchanges (the exchange engine). */
int rpt_has_exchanges(const ent_forecast *f);
/* Model m's exchange network: who gave way to whom, on which issue. */
int rpt_chart_exchanges(const rpt_ctx *c, int m);
/* Model m's linkages: how often each issue was given for each other. */
void rpt_table_linkages(const rpt_ctx *c, int m);

/* ---- html_tables.c ---- */

/* Per issue: the headline forecast, its anchor and each model's value. */
void rpt_table_summary(const rpt_ctx *c);
/* The actors' inputs on the issue with links to their sources. */
void rpt_table_inputs(const rpt_ctx *c, int issue);
/* The back-test rows of the issue: observed, forecasts, what happened. */
void rpt_table_backtest(const rpt_ctx *c, int issue);
/* The back-test row with the shortest horizon that forecasts the outcome
   of (target, issue) by model (NULL: any model); NULL if none. */
const ent_backtest_row *rpt_backtest_row(const ent_backtest *b, int target,
                                         int issue, const char *model);
/* Mean absolute error per model. */
void rpt_table_mae(const rpt_ctx *c);
/* The back-test's validation scores: table and chart
   (chart_validation.c); nothing without a back-test. */
void rpt_validation(const rpt_ctx *c);
/* A small square of a series' colour, matching it to its chart line. */
void rpt_swatch(FILE *out, const char *color);
/* Links to the sources in `ids`, marking them cited. */
void rpt_source_links(const rpt_ctx *c, const ent_strlist *ids);
/* The cited sources: id, document, locator, quote. */
void rpt_appendix(const rpt_ctx *c);

/* ---- contradictions.c ---- */

/* The section on where the documents disagree (nothing when the scenario
   records no contradiction); marks the sources it quotes as cited. */
void rpt_contradictions(const rpt_ctx *c);

#endif
