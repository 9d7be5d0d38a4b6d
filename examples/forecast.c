/*
 * forecast.c -- libentente from C: load a scenario, run the weighted
 * median and the expected-utility model on its default period, print each
 * issue's outcome.
 *
 *   cc forecast.c $(pkg-config --cflags --libs entente) -o forecast
 *   ./forecast /usr/local/share/entente/scenarios/belarus
 */
#include <stdio.h>

#include <entente.h>

int main(int argc, char **argv)
{
    const ent_engine *engines[2] = {ent_engine_find("median"),
                                    ent_engine_find("eu")};
    ent_model_options opts[2] = {{0, NULL, 0}, {0, NULL, 0}};
    ent_scenario *sc = NULL;
    ent_problem *p = NULL;
    ent_forecast *f = NULL;
    ent_error err;

    ent_error_clear(&err);
    if (argc != 2) {
        fprintf(stderr, "usage: %s SCENARIO_DIR_OR_CSV\n", argv[0]);
        return 2;
    }
    if (ent_scenario_open(argv[1], NULL, &sc, &err) != 0 ||
        ent_problem_build(sc, sc->default_period, &p, &err) != 0 ||
        ent_forecast_run(p, engines, opts, 2, &f, &err) != 0) {
        fprintf(stderr, "%s\n", err.msg);
        ent_problem_free(p);
        ent_scenario_free(sc);
        return err.code;
    }
    for (int k = 0; k < sc->n_issues; k++)
        printf("%-40s median %6.1f  eu %6.1f\n", sc->issues[k].name,
               ent_forecast_outcome(f, 0, k), ent_forecast_outcome(f, 1, k));
    ent_forecast_free(f);
    ent_problem_free(p);
    ent_scenario_free(sc);
    return 0;
}
