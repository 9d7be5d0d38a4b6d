/*
 * export_exchanges.c -- the exchanges of voting positions a forecast's
 * engines executed (the exchange engine), as JSON and CSV.
 *
 * Each exchange: the round, the gain (equal for both sides) and, for
 * sides i and j, the actor, the issue it gave way on (supply), the issue
 * it gained on (demand, the other side's supply), its position on the
 * supply issue before and after, and the move.
 */
#include <math.h>
#include <stdio.h>

#include <jansson.h>

#include "entente/export.h"
#include "store/exchanges.h"
#include "util/protect.h"

static const char *actor_id(const ent_scenario *sc, const ent_trace *t, int i)
{
    return sc->actors[t->actors[i]].id;
}

static const char *issue_id(const ent_scenario *sc, const ent_trace *t, int k)
{
    return sc->issues[t->issues[k]].id;
}

static json_t *side_json(const ent_scenario *sc, const ent_trace *t, int actor,
                         int supply, int demand, double from, double to)
{
    return json_pack("{s:s, s:s, s:s, s:f, s:f, s:f}", "actor",
                     actor_id(sc, t, actor), "supply", issue_id(sc, t, supply),
                     "demand", issue_id(sc, t, demand), "from", from, "to", to,
                     "move", to - from);
}

json_t *ent_exchanges_json(const ent_scenario *sc, const ent_forecast *f)
{
    json_t *list = NULL;

    for (int m = 0; m < f->n_models; m++)
        for (int c = 0; c < f->n_traces[m]; c++) {
            const ent_trace *t = &f->traces[m][c];

            for (int e = 0; e < t->n_exchanges; e++) {
                const ent_exchange *x = &t->exchanges[e];

                if (!list)
                    list = json_array();
                json_array_append_new(
                    list, json_pack("{s:s, s:i, s:o, s:o, s:f}", "model",
                                    f->engines[m]->name, "round", x->round, "i",
                                    side_json(sc, t, x->actor_i, x->supply_i,
                                              x->supply_j, x->from_i, x->to_i),
                                    "j",
                                    side_json(sc, t, x->actor_j, x->supply_j,
                                              x->supply_i, x->from_j, x->to_j),
                                    "gain", x->gain));
            }
        }
    return list;
}

static int exchanges_write_csv_body(FILE *out, const ent_scenario *sc,
                                    int period, const ent_forecast *f,
                                    ent_error *err)
{
    fputs("period,model,round,seq,gain,i_actor,i_supply,i_demand,i_from,"
          "i_to,i_move,j_actor,j_supply,j_demand,j_from,j_to,j_move\n",
          out);
    for (int m = 0; m < f->n_models; m++)
        for (int c = 0; c < f->n_traces[m]; c++) {
            const ent_trace *t = &f->traces[m][c];

            for (int e = 0; e < t->n_exchanges; e++) {
                const ent_exchange *x = &t->exchanges[e];

                ent_csv_field(out, sc->periods.items[period]);
                fprintf(out, ",%s,%d,%d,%.17g,", f->engines[m]->name, x->round,
                        e + 1, x->gain);
                ent_csv_field(out, actor_id(sc, t, x->actor_i));
                fprintf(out, ",%s,%s,%.17g,%.17g,%.17g,",
                        issue_id(sc, t, x->supply_i),
                        issue_id(sc, t, x->supply_j), x->from_i, x->to_i,
                        x->to_i - x->from_i);
                ent_csv_field(out, actor_id(sc, t, x->actor_j));
                fprintf(out, ",%s,%s,%.17g,%.17g,%.17g\n",
                        issue_id(sc, t, x->supply_j),
                        issue_id(sc, t, x->supply_i), x->from_j, x->to_j,
                        x->to_j - x->from_j);
            }
        }
    if (ferror(out))
        return ent_fail(err, ENT_EXIT_RUNTIME, "cannot write CSV output");
    return 0;
}

int ent_exchanges_write_csv(FILE *out, const ent_scenario *sc, int period,
                            const ent_forecast *f, ent_error *err)
{
    ENT_PROTECTED(int, -1, err,
                  exchanges_write_csv_body(out, sc, period, f, err));
}
