/*
 * entente/export.h -- JSON and CSV exports of forecasts and back-tests.
 */
#ifndef ENTENTE_EXPORT_H
#define ENTENTE_EXPORT_H

#include <stdio.h>

#include "forecast.h"
#include "whatif.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Writes a forecast as JSON:
 *   {"scenario": name, "period": id, "shocks": [event ids applied],
 *    "whatifs": [{"change": "set"|"drop"|"shock", "label", "actor",
 *                 "issue", "field", "value", "event", "origin",
 *                 "rationale", "sources"}],
 *    "forecasts": [{"issue": id, "model": name, "outcome": x,
 *                   "anchor": label, "actors": [names],
 *                   "rounds": [[position per actor], ...],
 *                   "outcome_by_round": [...],
 *                   ...engine extras...}],
 *    "exchanges": [{"model", "round", "gain",
 *                   "i": {"actor", "supply", "demand", "from", "to", "move"},
 *                   "j": {...}}]}
 * Round 0 holds the input positions (after the what-if w, which may be
 * NULL).  "exchanges" is there only when an engine executed exchanges (the
 * exchange engine).  Returns 0 or -1 with err set.
 */
ENT_API int ent_forecast_write_json(FILE *out, const ent_scenario *sc,
                                    int period, const ent_whatif *w,
                                    const ent_forecast *f, ent_error *err);

/* CSV, one row per issue x model x round x actor:
   period,issue,model,round,actor,position,outcome,whatif
   (whatif: the labels of the changes applied, joined with "; "). */
ENT_API int ent_forecast_write_csv(FILE *out, const ent_scenario *sc,
                                   int period, const ent_whatif *w,
                                   const ent_forecast *f, ent_error *err);

/*
 * CSV of the exchanges of voting positions the engines executed (the
 * exchange engine), one row each in execution order:
 *   period,model,round,seq,gain,i_actor,i_supply,i_demand,i_from,i_to,
 *   i_move,j_actor,j_supply,j_demand,j_from,j_to,j_move
 * Positions on the issue scales; i's demand issue is j's supply issue.
 */
ENT_API int ent_exchanges_write_csv(FILE *out, const ent_scenario *sc,
                                    int period, const ent_forecast *f,
                                    ent_error *err);

/* {"whatifs": [...as above], "rows":[{"period","issue","model","forecast",
    "observed","error"}], "mae":{model: value}, "count":{model: n}} */
ENT_API int ent_backtest_write_json(FILE *out, const ent_scenario *sc,
                                    const ent_whatif *w, const ent_backtest *b,
                                    ent_error *err);

#ifdef __cplusplus
}
#endif

#endif
