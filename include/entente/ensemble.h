/*
 * entente/ensemble.h -- (declarations added as the ensemble module grows).
 */
#ifndef ENTENTE_ENSEMBLE_H
#define ENTENTE_ENSEMBLE_H

#include "model.h"

#endif
