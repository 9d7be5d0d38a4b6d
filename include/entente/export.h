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
 *                   ...engine extras...}]}
 * Round 0 holds the input positions (after the what-if w, which may be
 * NULL).  Returns 0 or -1 with err set.
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

/* {"whatifs": [...as above], "rows":[{"period","issue","model","forecast",
    "observed","error"}], "mae":{model: value}, "count":{model: n}} */
ENT_API int ent_backtest_write_json(FILE *out, const ent_scenario *sc,
                                    const ent_whatif *w, const ent_backtest *b,
                                    ent_error *err);

#ifdef __cplusplus
}
#endif

#endif
