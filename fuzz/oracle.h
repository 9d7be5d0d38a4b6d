/*
 * oracle.h -- what every fuzz target checks once its input is loaded.
 *
 * The loader either succeeds or fails with an input error (exit status 2)
 * and a message; then every engine runs a few rounds on the default period
 * and the forecast is written as JSON, CSV and HTML.  The oracles: the
 * JSON parses (jansson), every forecast's actor list is as long as its
 * position rows, no output holds a non-finite number, and every failure
 * carries a status (1 or 2) and a message.  A broken oracle aborts, which
 * libFuzzer reports as a crash.
 */
#ifndef ENT_FUZZ_ORACLE_H
#define ENT_FUZZ_ORACLE_H

#include <stddef.h>
#include <stdint.h>

#include "entente.h"

/* Bigger inputs load but are not run: the fuzzer looks for bugs, not for
   slow inputs. */
#define FUZZ_MAX_ACTORS 40
#define FUZZ_MAX_ISSUES 8

/* Checks the outcome of a load (rc, sc, err) and, if it succeeded, runs the
   whole path on sc; frees sc. */
void fuzz_check_scenario(int rc, ent_scenario *sc, const ent_error *err);

/* Writes data[0..size) to a file of this process named after `suffix` and
   returns its path (static storage). */
const char *fuzz_write_temp(const uint8_t *data, size_t size,
                            const char *suffix);

#endif
