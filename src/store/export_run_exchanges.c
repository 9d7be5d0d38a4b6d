/*
 * export_run_exchanges.c -- the exchanges stored with an ensemble batch
 * (ent_ensemble_result.exchanges: the baseline's, run -1, and every
 * run's), as a JSON list and as CSV, in the same terms as the exchanges
 * of a single run (export_exchanges.c): for sides i and j the actor, the
 * issue it gave way on (supply), the issue it gained on (demand), its
 * position on the supply issue before and after, and the move.
 */
#include <stdio.h>

#include <jansson.h>

#include "entente/store.h"
#include "store/exchanges.h"
#include "util/protect.h"

/* Whether exchange e is exported: the baseline's always, the runs' only
   with with_runs. */
static int exported(const ent_run_exchange *e, int with_runs)
{
    return with_runs || e->run < 0;
}

/* seq of exchange i: 1, 2, ... within its (model, run). */
static long next_seq(const ent_ensemble_result *r, long i, long seq)
{
    const ent_run_exchange *e = &r->exchanges[i];

    return i > 0 && e->model == e[-1].model && e->run == e[-1].run ? seq + 1
                                                                   : 1;
}

static json_t *side_json(const ent_ensemble_result *r, int actor, int supply,
                         int demand, double from, double to)
{
    return json_pack("{s:s, s:s, s:s, s:f, s:f, s:f}", "actor",
                     r->actor_ids[actor], "supply", r->issue_ids[supply],
                     "demand", r->issue_ids[demand], "from", from, "to", to,
                     "move", to - from);
}

json_t *ent_run_exchanges_json(const ent_ensemble_result *r, int with_runs)
{
    json_t *list = json_array();
    long seq = 0;

    for (long i = 0; i < r->n_exchanges; i++) {
        const ent_run_exchange *e = &r->exchanges[i];
        const ent_exchange *x = &e->x;

        seq = next_seq(r, i, seq);
        if (!exported(e, with_runs))
            continue;
        json_array_append_new(
            list, json_pack("{s:s, s:I, s:I, s:i, s:o, s:o, s:f}", "model",
                            r->models[e->model].name, "run", (json_int_t)e->run,
                            "seq", (json_int_t)seq, "round", x->round, "i",
                            side_json(r, x->actor_i, x->supply_i, x->supply_j,
                                      x->from_i, x->to_i),
                            "j",
                            side_json(r, x->actor_j, x->supply_j, x->supply_i,
                                      x->from_j, x->to_j),
                            "gain", x->gain));
    }
    return list;
}

static void side_csv(FILE *out, const ent_ensemble_result *r, int actor,
                     int supply, int demand, double from, double to)
{
    ent_csv_field(out, r->actor_ids[actor]);
    fputc(',', out);
    ent_csv_field(out, r->issue_ids[supply]);
    fputc(',', out);
    ent_csv_field(out, r->issue_ids[demand]);
    fprintf(out, ",%.17g,%.17g,%.17g", from, to, to - from);
}

static int ensemble_write_exchanges_csv_body(FILE *out,
                                             const ent_ensemble_result *r,
                                             int with_runs, ent_error *err)
{
    long seq = 0;

    fputs("model,run,round,seq,gain,i_actor,i_supply,i_demand,i_from,i_to,"
          "i_move,j_actor,j_supply,j_demand,j_from,j_to,j_move\n",
          out);
    for (long i = 0; i < r->n_exchanges; i++) {
        const ent_run_exchange *e = &r->exchanges[i];
        const ent_exchange *x = &e->x;

        seq = next_seq(r, i, seq);
        if (!exported(e, with_runs))
            continue;
        ent_csv_field(out, r->models[e->model].name);
        fprintf(out, ",%ld,%d,%ld,%.17g,", e->run, x->round, seq, x->gain);
        side_csv(out, r, x->actor_i, x->supply_i, x->supply_j, x->from_i,
                 x->to_i);
        fputc(',', out);
        side_csv(out, r, x->actor_j, x->supply_j, x->supply_i, x->from_j,
                 x->to_j);
        fputc('\n', out);
    }
    if (ferror(out))
        return ent_fail(err, ENT_EXIT_RUNTIME, "cannot write CSV output");
    return 0;
}

int ent_ensemble_write_exchanges_csv(FILE *out, const ent_ensemble_result *r,
                                     int with_runs, ent_error *err)
{
    ENT_PROTECTED(int, -1, err,
                  ensemble_write_exchanges_csv_body(out, r, with_runs, err));
}
