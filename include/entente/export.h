/*
 * entente/export.h -- JSON and CSV exports of forecasts and back-tests.
 */
#ifndef ENTENTE_EXPORT_H
#define ENTENTE_EXPORT_H

#include <stdio.h>

#include "forecast.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Writes a forecast as JSON:
 *   {"scenario": name, "period": id, "shocks": [event ids applied],
 *    "forecasts": [{"issue": id, "model": name, "outcome": x,
 *                   "anchor": label, "actors": [names],
 *                   "rounds": [[position per actor], ...],
 *                   "outcome_by_round": [...],
 *                   ...engine extras...}]}
 * Round 0 holds the input positions.  Returns 0 or -1 with err set.
 */
ENT_API int ent_forecast_write_json(FILE *out, const ent_scenario *sc,
                                    int period, const char *const *shocks,
                                    int n_shocks, const ent_forecast *f,
                                    ent_error *err);

/* CSV, one row per issue x model x round x actor:
   period,issue,model,round,actor,position,outcome */
ENT_API int ent_forecast_write_csv(FILE *out, const ent_scenario *sc,
                                   int period, const ent_forecast *f,
                                   ent_error *err);

/* {"rows":[{"period","issue","model","forecast","observed","error"}],
    "mae":{model: value}, "count":{model: n}} */
ENT_API int ent_backtest_write_json(FILE *out, const ent_scenario *sc,
                                    const ent_backtest *b, ent_error *err);

#ifdef __cplusplus
}
#endif

#endif
