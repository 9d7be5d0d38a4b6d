/*
 * entente/store.h -- (declarations added as the store module grows).
 */
#ifndef ENTENTE_STORE_H
#define ENTENTE_STORE_H

#include "model.h"

#endif
