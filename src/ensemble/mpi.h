/*
 * mpi.h -- how an ensemble's runs are split across MPI processes (inside
 * the library only).  Without ENT_MPI, or before MPI_Init, there is one
 * process and these are trivial.
 */
#ifndef ENT_ENSEMBLE_MPI_H
#define ENT_ENSEMBLE_MPI_H

#include "entente/ensemble.h"

/* The contiguous block of runs rank `rank` of `size` computes. */
void ens_block(long runs, int rank, int size, long *first, long *count);

/* Rank 0 receives every rank's block of `width` doubles per run into
   `all` (runs x width, in run order); other ranks pass all = NULL. */
int ens_gather(const double *local, long runs, long width, double *all,
               ent_error *err);

/* Every rank passes its status; all return the same: 0 if every rank
   succeeded, else -1 with the error of the lowest failing rank. */
int ens_agree(int rc, ent_error *err);

#endif
