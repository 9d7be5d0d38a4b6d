/*
 * entente/whatif.h -- what-ifs: changes to a scenario period's inputs
 * before the models run.
 *
 * A what-if is an ordered list of changes: set an actor's position,
 * salience or capability on an issue (--set ACTOR:ISSUE:FIELD=VALUE), drop
 * an actor (--drop ACTOR), or apply the shock an event of events.csv codes
 * (--shock EVENT).  A what-if file (--whatif FILE, docs/formats.md) holds
 * such changes, each with a rationale and the sources behind it, so a
 * scenario variant can be kept and shared.  Every change has a label that
 * every output lists.
 */
#ifndef ENTENTE_WHATIF_H
#define ENTENTE_WHATIF_H

#include "model.h"
#include "scenario.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum ent_change_kind {
    ENT_CHANGE_SET,  /* a field of one actor on one issue takes a value */
    ENT_CHANGE_DROP, /* an actor leaves one issue, or every issue */
    ENT_CHANGE_SHOCK /* the shock of an event of the scenario */
} ent_change_kind;

typedef struct ent_change {
    ent_change_kind kind;
    int actor;       /* scenario actor index (SET, DROP); -1 for SHOCK */
    int issue;       /* scenario issue index (SET); DROP: -1 = every issue */
    ent_field field; /* SET */
    double value;    /* SET; salience on 0..1 */
    int event;       /* SHOCK: index into the scenario's events; else -1 */
    char *label;     /* e.g. "set ru_kremlin:ru_presence:position=70",
                        "drop nato", "shock e166" */
    char *origin;    /* "--set", "--drop", "--shock" or "file:line" */
    char *rationale; /* "" unless given */
    ent_strlist sources;
} ent_change;

/* An owned list of changes, applied in order.  Zero-initialise. */
typedef struct ent_whatif {
    ent_change *items;
    int count;
} ent_whatif;

/*
 * Append one change after checking it against the scenario: the actor,
 * issue and event ids must exist; FIELD is "position", "salience" or
 * "capability"; a position lies on the issue scale, a salience in 0..100
 * (as in positions.csv; stored on 0..1) and a capability is >= 0.
 * `origin` says where the change came from, for messages.  Return 0, or
 * -1 with an input error.
 */
ENT_API int ent_whatif_add_set(ent_whatif *w, const ent_scenario *sc,
                               const char *actor, const char *issue,
                               const char *field, double value,
                               const char *origin, ent_error *err);
/* `issue` NULL: the actor leaves every issue. */
ENT_API int ent_whatif_add_drop(ent_whatif *w, const ent_scenario *sc,
                                const char *actor, const char *issue,
                                const char *origin, ent_error *err);
ENT_API int ent_whatif_add_shock(ent_whatif *w, const ent_scenario *sc,
                                 const char *event, const char *origin,
                                 ent_error *err);

/*
 * Appends the changes of a what-if file (CSV, header
 * actor,issue,field,value,event,sources,rationale; see docs/formats.md).
 * Every row needs a rationale; cited sources must exist in the scenario.
 * Errors point at file:line:column.
 */
ENT_API int ent_whatif_load(ent_whatif *w, const ent_scenario *sc,
                            const char *path, ent_error *err);

/*
 * Appends the SET change typed as "ACTOR:ISSUE:FIELD=VALUE" (the text of
 * `entente run --set`), checked as ent_whatif_add_set checks it; `origin`
 * starts each message ("--set").  Returns 0, or -1 with an input error.
 */
ENT_API int ent_whatif_add_text(ent_whatif *w, const ent_scenario *sc,
                                const char *text, const char *origin,
                                ent_error *err);

/*
 * ent_whatif_load on `name` taken as a path when it names a file or holds
 * a '/', and otherwise as one of the scenario's own what-ifs: the first of
 * SCENARIO/whatifs/NAME and SCENARIO/whatifs/NAME.csv that exists (the
 * lookup of `entente run --whatif NAME`).  Returns 0, or -1 with an input
 * error.
 */
ENT_API int ent_whatif_load_named(ent_whatif *w, const ent_scenario *sc,
                                  const char *name, ent_error *err);

/*
 * Applies the changes in order to a problem built from the scenario.
 * strict: every change must take effect (a SET needs the actor on the
 * issue in this period, a DROP an actor present somewhere); otherwise
 * changes that find nothing to change in this period are skipped (a
 * back-test applies one what-if to every period).  *applied (may be NULL)
 * gets the number of changes that took effect.  Returns 0, or -1 with an
 * input error.
 */
ENT_API int ent_whatif_apply(const ent_whatif *w, const ent_scenario *sc,
                             ent_problem *p, int strict, int *applied,
                             ent_error *err);

/* The event ids of the SHOCK changes, in order, into ids[0..max); returns
   the count.  The ids are borrowed from the scenario. */
ENT_API int ent_whatif_shock_ids(const ent_whatif *w, const ent_scenario *sc,
                                 const char **ids, int max);

/* Frees the changes of w (not w itself) and empties it; NULL-safe. */
ENT_API void ent_whatif_free(ent_whatif *w);

#ifdef __cplusplus
}
#endif

#endif
