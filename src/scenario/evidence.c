/*
 * evidence.c -- the evidence-date rule: a row that codes the state of a
 * period (positions.csv, status_quo.csv) may cite only sources dated no
 * later than the period's cutoff, so no input rests on what was learnt
 * afterwards.  A source dated only to the year or month counts as the
 * latest day it can mean (2018 as 2018-12-31).
 */
#include <stdio.h>

#include "scenario/cells.h"
#include "scenario/loader.h"

/* "YYYY-MM-DD" of a YYYYMMDD key. */
static const char *key_text(long key, char *buf, size_t size)
{
    snprintf(buf, size, "%04ld-%02ld-%02ld", key / 10000, key / 100 % 100,
             key % 100);
    return buf;
}

int scn_check_evidence_dates(const ent_scenario *sc, const scn_table *t,
                             int row, int col, int period,
                             const ent_strlist *sources, ent_error *err)
{
    long cutoff = ent_scenario_cutoff(sc, period);
    char when[48];

    if (cutoff == 0)
        return 0;
    for (int i = 0; i < sources->count; i++) {
        const ent_source *s = ent_scenario_source(sc, sources->items[i]);

        if (s && s->date_key > cutoff)
            return scn_cell_fail(
                err, t, row, col, "sources",
                "source %s is dated %s, after the evidence cutoff of period "
                "%s (%s): a period's inputs may cite only sources dated no "
                "later than its cutoff",
                s->id, s->date, sc->periods.items[period],
                key_text(cutoff, when, sizeof when));
    }
    return 0;
}
