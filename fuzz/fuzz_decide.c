/*
 * fuzz_decide.c -- libFuzzer target: an input file of the Decide exchange
 * model (#A actors, #P issues, #M scale points, #D positions; TAB or comma
 * separated) through ent_import_decide and the whole path.
 */
#include "oracle.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path = fuzz_write_temp(data, size, ".txt");
    ent_scenario *sc = NULL;
    ent_error err;
    int rc;

    ent_error_clear(&err);
    rc = ent_import_decide(path, &sc, &err);
    fuzz_check_scenario(rc, sc, &err);
    return 0;
}
