/*
 * entente.h -- the public C API of libentente.
 *
 * libentente loads scenarios of security bargaining (actors, issues, sourced
 * positions), runs collective-decision models on them (weighted mean and
 * median, Bueno de Mesquita's expected-utility model, KTAB's Spatial Model of
 * Politics), runs Monte Carlo ensembles over input uncertainty, and stores
 * and renders the results.  The `entente` command-line tool is a thin client
 * of this API.
 *
 * Conventions:
 *  - every function that can fail takes an `ent_error *` and returns a
 *    status (0 on success) or NULL; the error carries an exit code
 *    (ENT_EXIT_INPUT for bad input, ENT_EXIT_RUNTIME otherwise) and a
 *    one-line message;
 *  - objects returned through `**out` or as pointers are owned by the caller
 *    and released with the matching ent_*_free();
 *  - the library never prints.
 */
#ifndef ENTENTE_H
#define ENTENTE_H

#include "entente/common.h"
#include "entente/scenario.h"
#include "entente/model.h"
#include "entente/forecast.h"
#include "entente/ensemble.h"
#include "entente/store.h"
#include "entente/export.h"
#include "entente/report.h"

#endif
