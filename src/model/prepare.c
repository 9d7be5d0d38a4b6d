/*
 * prepare.c -- everything a forecast of a scenario needs before its
 * engines run: the period picked by id, the models resolved from the
 * scenario and the request, and the period's problem with a what-if
 * applied.  `entente run`, `report`, `explain` and `ensemble` all start
 * here, and so can any program, so the same request gives the same inputs.
 */
#include <stdio.h>
#include <stdlib.h>

#include "entente/forecast.h"
#include "util/protect.h"

/* The index of period `id` (NULL: the scenario's default), or -1 with an
   input error listing the periods there are. */
static int pick_period(const ent_scenario *sc, const char *id, ent_error *err)
{
    char list[ENT_ERROR_MAX / 2] = "";
    size_t used = 0;
    int p;

    if (!id)
        return sc->default_period;
    if ((p = ent_scenario_period(sc, id)) >= 0)
        return p;
    for (int i = 0; i < sc->periods.count && used < sizeof list; i++)
        used += (size_t)snprintf(list + used, sizeof list - used, " %s",
                                 sc->periods.items[i]);
    return ent_fail(err, ENT_EXIT_INPUT, "%s has no period '%s'; periods:%s",
                    sc->name, id, list);
}

static int forecast_prepare_body(const ent_scenario *sc, const char *period,
                                 const ent_model_request *req,
                                 const ent_whatif *w, ent_forecast_input **out,
                                 ent_error *err)
{
    ent_forecast_input *in = ent_xcalloc(1, sizeof *in);

    *out = NULL;
    if ((in->period = pick_period(sc, period, err)) < 0 ||
        ent_model_set_resolve(sc, req, &in->models, err) != 0 ||
        ent_problem_build(sc, in->period, &in->problem, err) != 0 ||
        (w && ent_whatif_apply(w, sc, in->problem, 1, NULL, err) != 0)) {
        ent_forecast_input_free(in);
        return -1;
    }
    *out = in;
    return 0;
}

int ent_forecast_prepare(const ent_scenario *sc, const char *period,
                         const ent_model_request *req, const ent_whatif *w,
                         ent_forecast_input **out, ent_error *err)
{
    ENT_PROTECTED(int, (*out = NULL, -1), err,
                  forecast_prepare_body(sc, period, req, w, out, err));
}

void ent_forecast_input_free(ent_forecast_input *in)
{
    if (!in)
        return;
    ent_problem_free(in->problem);
    free(in);
}
