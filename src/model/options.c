/*
 * options.c -- parse engine parameters given as name=value text.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "entente/model.h"

int ent_option_double(const ent_option *opt, double lo, double hi, double *out,
                      ent_error *err)
{
    char *end;
    double v;

    errno = 0;
    v = strtod(opt->value, &end);
    if (end == opt->value || *end != '\0' || errno == ERANGE || v != v)
        return ent_fail(err, ENT_EXIT_INPUT,
                        "parameter %s: expected a number, got '%s'", opt->name,
                        opt->value);
    if (v < lo || v > hi)
        return ent_fail(err, ENT_EXIT_INPUT,
                        "parameter %s: expected a number in [%g, %g], got %s",
                        opt->name, lo, hi, opt->value);
    *out = v;
    return 0;
}

int ent_option_choice(const ent_option *opt, const char *const *names, int *out,
                      ent_error *err)
{
    char list[512] = "";
    int count = 0;

    for (; names[count]; count++) {
        if (strcasecmp(names[count], opt->value) == 0) {
            *out = count;
            return 0;
        }
    }
    if (opt->value[0] >= '0' && opt->value[0] <= '9') {
        char *end;
        long v = strtol(opt->value, &end, 10);

        if (*end == '\0' && v >= 0 && v < count) {
            *out = (int)v;
            return 0;
        }
    }
    for (int i = 0; i < count; i++) {
        strncat(list, i ? ", " : "", sizeof list - strlen(list) - 1);
        strncat(list, names[i], sizeof list - strlen(list) - 1);
    }
    return ent_fail(err, ENT_EXIT_INPUT,
                    "parameter %s: expected one of %s (or its index), got '%s'",
                    opt->name, list, opt->value);
}

ent_model_options ent_model_options_for_run(const ent_model_options *o,
                                            uint64_t seed, uint64_t run)
{
    ent_model_options r = {.rounds = 0};

    if (o)
        r = *o;
    r.in_run = 1;
    r.run_seed = seed;
    r.run = run;
    return r;
}
