/*
 * export_whatif.h -- what-ifs in the JSON and CSV exports (internal to
 * src/store).
 */
#ifndef ENT_STORE_EXPORT_WHATIF_H
#define ENT_STORE_EXPORT_WHATIF_H

#include <stdio.h>

#include <jansson.h>

#include "entente/whatif.h"

/* [{"change", "label", "actor", "issue", "field", "value", "event",
     "origin", "rationale", "sources"}], [] when w is NULL. */
json_t *ent_whatif_json(const ent_whatif *w, const ent_scenario *sc);
/* The event ids of the shocks applied, as a JSON array. */
json_t *ent_whatif_shocks_json(const ent_whatif *w, const ent_scenario *sc);
/* The labels joined with "; " as one CSV field (empty without changes). */
void ent_whatif_csv_field(FILE *out, const ent_whatif *w);

#endif
