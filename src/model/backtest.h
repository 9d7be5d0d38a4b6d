/*
 * backtest.h -- what backtest.c and backtest_score.c share: which periods
 * a forecast is scored against, and the per-model summaries.
 */
#ifndef ENT_MODEL_BACKTEST_H
#define ENT_MODEL_BACKTEST_H

#include "entente/forecast.h"

/* The periods period t's forecast is scored against, in ascending
   horizon, into targets[0..ENT_BACKTEST_MAX_HORIZON]: the periods 1 to
   ENT_BACKTEST_MAX_HORIZON years later that have outcomes, or t itself
   when t is not a year and has outcomes.  Returns the count. */
int backtest_targets(const ent_scenario *sc, int t, int *targets);

/* Fills b->horizons, n_horizons and scores from b's rows and models. */
void backtest_score(const ent_scenario *sc, ent_backtest *b);

#endif
