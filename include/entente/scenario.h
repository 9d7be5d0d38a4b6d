/*
 * entente/scenario.h -- scenarios: actors, issues, sourced positions, the
 * timeline and documented outcomes; loaders for the directory format and
 * importers for the BDM and KTAB CSV tables and Decide's input files.
 *
 * A loaded ent_scenario is immutable and owns all its strings.  Text fields
 * are never NULL (empty when the file leaves them out), except
 * ent_event.shock, which is NULL for an event without a shock, and
 * ent_param.engine.  Imported tables (BDM, KTAB, Decide) have one period,
 * "default", and positions without sources or rationale.
 */
#ifndef ENTENTE_SCENARIO_H
#define ENTENTE_SCENARIO_H

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ent_anchor {
    double value;
    char *label;
} ent_anchor;

typedef struct ent_issue {
    char *id, *name, *description;
    double min, max;     /* the issue scale */
    ent_anchor *anchors; /* ascending by value */
    int n_anchors;
    ent_strlist sources;
    ent_strlist tags; /* "key=value" items (issues.csv, column tags) */
} ent_issue;

typedef struct ent_actor {
    char *id, *name, *group, *description;
    ent_strlist sources;
} ent_actor;

/* One row of positions.csv: an actor's stance on an issue in a period. */
typedef struct ent_position {
    int period, actor, issue; /* indices into the scenario's arrays */
    double position;          /* on the issue scale */
    double salience;          /* 0..1 (files use 0..100) */
    double capability;        /* >= 0 */
    double position_unc;      /* +- range, issue units */
    double salience_unc;      /* +- range, 0..1 units */
    double capability_unc;    /* +- range, capability units */
    ent_strlist sources;
    char *rationale;
    long line; /* line in positions.csv (0 if imported) */
} ent_position;

/* One change a shock applies: an actor's position, salience (0..1) or
   capability on an issue takes a new value. */
typedef enum ent_field {
    ENT_FIELD_POSITION,
    ENT_FIELD_SALIENCE,
    ENT_FIELD_CAPABILITY
} ent_field;

typedef struct ent_shock {
    int actor, issue; /* indices into the scenario's arrays */
    ent_field field;
    double value; /* salience on 0..1 */
} ent_shock;

typedef struct ent_event {
    char *id, *date, *title, *description;
    char *shock;       /* the shock column as written, NULL if empty */
    ent_shock *shocks; /* the same, parsed */
    int n_shocks;
    int year;
    ent_strlist actors, sources;
} ent_event;

/* One row of outcomes.csv: where an issue stood at the end of a period. */
typedef struct ent_outcome {
    int period, issue;
    double status_quo; /* start of the period; NAN when the file omits it */
    double observed;
    int inferred; /* basis: 0 documented, 1 inferred from other outcomes */
    char *date, *description, *rationale;
    ent_strlist sources;
} ent_outcome;

typedef struct ent_source {
    char *id, *document, *locator, *quote;
    char *date;    /* of the fact or statement quoted; "" when undated */
    long date_key; /* latest day `date` can mean, YYYYMMDD; 0 when undated */
    long line;     /* line in sources.csv */
} ent_source;

/* One row of documents.csv: a file in the scenario's documents/ folder. */
typedef struct ent_document {
    char *file, *author, *title, *publisher, *date, *url;
} ent_document;

/* One row of status_quo.csv: where an issue stood in a period, as of the
   period's evidence cutoff. */
typedef struct ent_status_quo {
    int period, issue;
    double value;
    ent_strlist sources;
    char *rationale;
    long line;
} ent_status_quo;

/* One row of contradictions.csv: documents that disagree, and what the
   scenario takes. */
typedef struct ent_contradiction {
    char *id, *topic, *value, *rationale;
    ent_strlist sources; /* at least two */
} ent_contradiction;

typedef struct ent_institution {
    char *id, *name, *kind, *year, *description;
    ent_strlist members, sources;
} ent_institution;

typedef struct ent_figure {
    char *id, *subject, *unit, *year, *note;
    double value;
    ent_strlist sources;
} ent_figure;

/* A model parameter as text, from scenario.ini or the command line. */
typedef struct ent_param {
    char *engine; /* engine name ("smp", "eu", ...) or NULL for all */
    char *name;
    char *value;
} ent_param;

typedef struct ent_scenario {
    char *name, *title, *description;
    char *path;          /* directory or file it was loaded from */
    ent_strlist periods; /* period ids in time order */
    int default_period;  /* index into periods */
    ent_strlist models;  /* default models */
    int rounds;          /* default round limit, 0 = engine default */
    int stop;            /* [model] stop: 0 settle, 1 rounds, -1 unset */
    double tolerance;    /* [model] tolerance, 0 = unset */
    ent_param *params;
    int n_params;
    long *cutoffs; /* [periods.count] evidence cutoff YYYYMMDD, 0 = none */
    int *breaks;   /* structural-break years, ascending */
    int n_breaks;

    ent_issue *issues;
    int n_issues;
    ent_actor *actors;
    int n_actors;
    ent_position *positions;
    int n_positions;
    ent_event *events;
    int n_events;
    ent_outcome *outcomes;
    int n_outcomes;
    ent_source *sources;
    int n_sources;
    ent_institution *institutions;
    int n_institutions;
    ent_figure *figures;
    int n_figures;
    ent_document *documents;
    int n_documents;
    ent_status_quo *status_quo;
    int n_status_quo;
    ent_contradiction *contradictions;
    int n_contradictions;
} ent_scenario;

/*
 * Loads SOURCE: a scenario directory, a BDM or KTAB CSV file, or the name
 * of a scenario bundled under `bundled_dir` (may be NULL).  On bad input
 * returns -1 with err->code == ENT_EXIT_INPUT and a file:line:column
 * message.  *out is owned by the caller (ent_scenario_free).
 */
ENT_API int ent_scenario_open(const char *source, const char *bundled_dir,
                              ent_scenario **out, ent_error *err);

/*
 * Size limits on what ent_scenario_open accepts.  The engines' cost grows
 * with the square (eu) or cube (smp) of the number of actors, so a table
 * of 10,000 actors would run for minutes and use gigabytes; past a limit
 * loading fails with an input error naming the count and the limit.  0
 * means the default.  (KTAB files have their own cap of 250 actors.)
 */
#define ENT_MAX_ACTORS_DEFAULT 1000
#define ENT_MAX_ISSUES_DEFAULT 1000
typedef struct ent_limits {
    int max_actors; /* 0 = ENT_MAX_ACTORS_DEFAULT */
    int max_issues; /* 0 = ENT_MAX_ISSUES_DEFAULT */
} ent_limits;

/* ent_scenario_open with explicit limits (NULL = the defaults, which is
   what ent_scenario_open uses).  The caller frees *out with
   ent_scenario_free. */
ENT_API int ent_scenario_open_limited(const char *source,
                                      const char *bundled_dir,
                                      const ent_limits *limits,
                                      ent_scenario **out, ent_error *err);
/* One reader each, as ent_scenario_open uses them: a scenario directory,
   a BDM table, a KTAB CSV, and the input files of the Decide exchange
   model (#A/#P/#M/#D records).  Each returns 0, or -1 with an input error
   at file:line:column; the caller frees *out with ent_scenario_free. */
ENT_API int ent_scenario_load_dir(const char *dir, ent_scenario **out,
                                  ent_error *err);
ENT_API int ent_import_bdm(const char *file, ent_scenario **out,
                           ent_error *err);
ENT_API int ent_import_ktab(const char *file, ent_scenario **out,
                            ent_error *err);
ENT_API int ent_import_decide(const char *file, ent_scenario **out,
                              ent_error *err);
ENT_API void ent_scenario_free(ent_scenario *sc);

/* Lookups by id; -1 when absent. */
ENT_API int ent_scenario_period(const ent_scenario *sc, const char *id);
ENT_API int ent_scenario_issue(const ent_scenario *sc, const char *id);
ENT_API int ent_scenario_actor(const ent_scenario *sc, const char *id);
ENT_API const ent_source *ent_scenario_source(const ent_scenario *sc,
                                              const char *id);
/* The documents.csv row of a file; NULL when absent. */
ENT_API const ent_document *ent_scenario_document(const ent_scenario *sc,
                                                  const char *file);
/* How people cite a document, author-date first: "Author (date), Title"
   from its documents.csv row (parts it leaves empty omitted), else the
   file name itself; "" for NULL.  Written into buf (truncated to size); returns
   buf. */
ENT_API const char *ent_scenario_document_cite(const ent_scenario *sc,
                                               const char *file, char *buf,
                                               size_t size);
/* The status quo of an issue in a period (indices): status_quo.csv, else
   the status_quo column of the period's outcomes.csv row; NAN if neither. */
ENT_API double ent_scenario_status_quo(const ent_scenario *sc, int period,
                                       int issue);
/* A period's evidence cutoff as YYYYMMDD: scenario.ini's cutoff.P, else
   the last day of the year for a period whose id is a year; 0 if none. */
ENT_API long ent_scenario_cutoff(const ent_scenario *sc, int period);
/* The year a period stands for: its id when that is a year, else the year
   of its cutoff; 0 when it has neither. */
ENT_API int ent_scenario_period_year(const ent_scenario *sc, int period);
/* 1 if a forecast made in year `from` and judged in year `to` spans a
   structural break b (from < b <= to). */
ENT_API int ent_scenario_spans_break(const ent_scenario *sc, int from, int to);

/* The label of the anchor nearest to `value` on the issue (NULL if none). */
ENT_API const char *ent_issue_anchor_label(const ent_issue *issue,
                                           double value);

/*
 * Quote verification: each quote of a source whose document names a file
 * in `docs_dir` must occur in that file, comparing after normalisation
 * (Unicode quotes and dashes folded, soft hyphens and line-break
 * hyphenation removed, runs of white space collapsed, case folded).
 * Returns the number of quotes not found (messages appended to `missing`,
 * which may be NULL), or -1 on I/O error.
 */
ENT_API int ent_scenario_check_quotes(const ent_scenario *sc,
                                      const char *docs_dir,
                                      ent_strlist *missing, ent_error *err);

#ifdef __cplusplus
}
#endif

#endif
