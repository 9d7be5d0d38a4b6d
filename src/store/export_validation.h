/*
 * export_validation.h -- the back-test's validation scores as a JSON
 * object, for the back-test export (internal to src/store).
 */
#ifndef ENT_STORE_EXPORT_VALIDATION_H
#define ENT_STORE_EXPORT_VALIDATION_H

#include <jansson.h>

#include "entente/validation.h"

/* A new JSON object (caller owns the reference). */
json_t *ent_validation_json(const ent_validation *v);

#endif
