/*
 * forecast.c -- libentente from C: load a scenario, run the models its
 * [model] section names (as `entente run` does) on its default period,
 * and print each model's forecast on each issue with how the run ended.
 *
 *   cc forecast.c $(pkg-config --cflags --libs entente) -o forecast
 *   ./forecast /usr/local/share/entente/scenarios/belarus
 *
 * Output: one line per issue and model, tab-separated: issue id, model,
 * forecast (17 significant digits, as `entente run --format json`), and
 * the stop reason (converged, cycle or limit).
 */
#include <stdio.h>

#include <entente.h>

static void print_forecast(const ent_scenario *sc, const ent_forecast *f)
{
    for (int k = 0; k < sc->n_issues; k++)
        for (int m = 0; m < f->n_models; m++) {
            const ent_stop *stop = ent_forecast_stop(f, m, k, NULL, NULL);

            if (stop)
                printf("%s\t%s\t%.17g\t%s\n", sc->issues[k].id,
                       f->engines[m]->name, ent_forecast_outcome(f, m, k),
                       ent_stop_reason_name(stop->reason));
        }
}

int main(int argc, char **argv)
{
    ent_scenario *sc = NULL;
    ent_forecast_input *in = NULL;
    ent_forecast *f = NULL;
    ent_error err;

    ent_error_clear(&err);
    if (argc != 2) {
        fprintf(stderr, "usage: %s SCENARIO_DIR_OR_CSV\n", argv[0]);
        return 2;
    }
    if (ent_scenario_open(argv[1], NULL, &sc, &err) != 0 ||
        ent_forecast_prepare(sc, NULL, NULL, NULL, &in, &err) != 0 ||
        ent_forecast_run(in->problem, in->models.engines, in->models.opts,
                         in->models.count, &f, &err) != 0) {
        fprintf(stderr, "%s\n", err.msg);
        ent_forecast_input_free(in);
        ent_scenario_free(sc);
        return err.code;
    }
    print_forecast(sc, f);
    ent_forecast_free(f);
    ent_forecast_input_free(in);
    ent_scenario_free(sc);
    return 0;
}
