/*
 * engines.h -- the engine objects, one per file in src/model/.
 */
#ifndef ENT_MODEL_ENGINES_H
#define ENT_MODEL_ENGINES_H

#include "entente/model.h"

extern const ent_engine ent_engine_mean;     /* mean.c   */
extern const ent_engine ent_engine_median;   /* median.c */
extern const ent_engine ent_engine_eu;       /* eu.c     */
extern const ent_engine ent_engine_smp;      /* smp.c    */
extern const ent_engine ent_engine_exchange; /* exchange.c */

#endif
