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
 * The contract every function keeps unless its comment says otherwise
 * (each public function's comment states its own part: what it returns,
 * who frees what it hands out, where it differs from the rules below;
 * tests/contracts.sh checks that every one has such a comment):
 *
 *  - Errors.  A function that can fail takes an `ent_error *` (may be
 *    NULL) and returns 0 / a pointer on success, -1 / NULL on failure; the
 *    error then carries a code (ENT_EXIT_INPUT for bad input, with
 *    "file:line:column: what was expected"; ENT_EXIT_RUNTIME otherwise)
 *    and a one-line message.  On failure nothing is returned through
 *    `**out` (it is set to NULL) and nothing leaks.  The library never
 *    prints and never exits on bad input.
 *  - Ownership.  An object returned through `**out` or as a pointer is
 *    owned by the caller and released with the ent_*_free() named at its
 *    constructor (ent_scenario_free, ent_problem_free, ent_forecast_free,
 *    ent_traces_free, ent_bands_free, ent_ensemble_result_free, ...);
 *    every _free accepts NULL.  `const` pointer arguments are borrowed for
 *    the call only, except where a comment says an object keeps a pointer
 *    (a problem borrows its scenario's names, so the scenario must outlive
 *    it and every forecast made from it).  Strings returned as
 *    `const char *` belong to the object they come from.
 *  - Threads.  No function keeps global state: calls on different objects
 *    may run on different threads at once, and const objects (a loaded
 *    scenario, a problem, a finished forecast) may be read by many threads.
 *    An object being modified (a problem under ent_problem_apply_shock, a
 *    database connection) must not be used by another thread meanwhile.
 *    Engines and ensembles use OpenMP inside a call; results are bitwise
 *    identical for any thread count.
 *  - Versions.  ENT_VERSION (and _MAJOR, _MINOR, _PATCH) are the headers'
 *    version, ent_version() the library's.  The shared library exports the
 *    ent_ functions declared ENT_API and nothing else.
 *  - Memory.  The library never aborts and never exits: running out of
 *    memory is an error like any other.  A function that takes an
 *    `ent_error *` returns -1 / NULL with ENT_EXIT_RUNTIME "out of
 *    memory"; one that does not returns NULL (a pointer: ent_problem_new,
 *    ent_table_new, ...) or -1 (an int: ent_strlist_push, ent_table_row,
 *    ent_summarize, ...).  Called inside ent_pcall, the failure instead
 *    unwinds to that ent_pcall, which returns the error (a program can
 *    then make many calls, and its own ent_xmalloc calls, without checking
 *    each); only the ent_db_ calls, which must roll back, still return it
 *    themselves.  Memory allocated inside the failed call may leak (and so may
 *    a directory handle of a scenario's documents/ being listed), and an
 *    object the call was modifying (a problem, a what-if, a table) is
 *    left valid to free but with unspecified contents; objects it only
 *    read are unchanged.  Allocations inside third-party libraries are
 *    outside this rule: SQLite reports them as database errors, jansson's
 *    and GMP's (the exchange model's exact decimals) are theirs to handle.
 */
#ifndef ENTENTE_H
#define ENTENTE_H

#include "entente/common.h"
#include "entente/scenario.h"
#include "entente/model.h"
#include "entente/forecast.h"
#include "entente/validation.h"
#include "entente/ensemble.h"
#include "entente/store.h"
#include "entente/export.h"
#include "entente/report.h"
#include "entente/whatif.h"
#include "entente/explain.h"

#endif
