/*
 * entente/report.h -- (declarations added as the report module grows).
 */
#ifndef ENTENTE_REPORT_H
#define ENTENTE_REPORT_H

#include "model.h"

#endif
