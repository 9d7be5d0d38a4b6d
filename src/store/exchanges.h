/*
 * exchanges.h -- the JSON lists of a forecast's exchanges and of an
 * ensemble's stored exchanges (internal to the exporters).
 */
#ifndef ENT_STORE_EXCHANGES_H
#define ENT_STORE_EXCHANGES_H

#include <jansson.h>

#include "entente/ensemble.h"
#include "entente/forecast.h"

/* The executed exchanges of every engine of the forecast, in engine and
   execution order; NULL when there are none.  Caller owns the result. */
json_t *ent_exchanges_json(const ent_scenario *sc, const ent_forecast *f);

/* The exchanges stored with an ensemble result (export_run_exchanges.c):
   the baseline's, and with with_runs every run's.  Caller owns it. */
json_t *ent_run_exchanges_json(const ent_ensemble_result *r, int with_runs);

#endif
