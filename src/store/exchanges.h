/*
 * exchanges.h -- the JSON list of a forecast's exchanges (internal to the
 * exporters).
 */
#ifndef ENT_STORE_EXCHANGES_H
#define ENT_STORE_EXCHANGES_H

#include <jansson.h>

#include "entente/forecast.h"

/* The executed exchanges of every engine of the forecast, in engine and
   execution order; NULL when there are none.  Caller owns the result. */
json_t *ent_exchanges_json(const ent_scenario *sc, const ent_forecast *f);

#endif
