/*
 * fuzz_bdm.c -- libFuzzer target: a plain BDM table (Actor, Capability,
 * Position, Salience) through ent_import_bdm and the whole path.
 */
#include "oracle.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path = fuzz_write_temp(data, size, ".csv");
    ent_scenario *sc = NULL;
    ent_error err;
    int rc;

    ent_error_clear(&err);
    rc = ent_import_bdm(path, &sc, &err);
    fuzz_check_scenario(rc, sc, &err);
    return 0;
}
