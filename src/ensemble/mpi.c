/*
 * mpi.c -- splitting an ensemble across MPI processes (built with
 * `make MPI=1`, which defines ENT_MPI).
 *
 * Rank r of K computes the contiguous block of runs [r*N/K, (r+1)*N/K);
 * rank 0 gathers the blocks with MPI_Gatherv in rank order, which is run
 * order, and computes the summaries as a single process would.  Each run's
 * numbers depend only on (seed, run index), so the merged outcomes are
 * bitwise those of a single-process run.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#ifdef ENT_MPI
#include <mpi.h>
#endif

#include "ensemble/mpi.h"

void ent_mpi_world(int *rank, int *size)
{
    *rank = 0;
    *size = 1;
#ifdef ENT_MPI
    {
        int init = 0, fin = 0;

        MPI_Initialized(&init);
        MPI_Finalized(&fin);
        if (init && !fin) {
            MPI_Comm_rank(MPI_COMM_WORLD, rank);
            MPI_Comm_size(MPI_COMM_WORLD, size);
        }
    }
#endif
}

void ens_block(long runs, int rank, int size, long *first, long *count)
{
    long lo = (long)((long long)runs * rank / size);
    long hi = (long)((long long)runs * (rank + 1) / size);

    *first = lo;
    *count = hi - lo;
}

#ifdef ENT_MPI
int ens_gather(const double *local, long runs, long width, double *all,
               ent_error *err)
{
    int rank, size, *counts = NULL, *displs = NULL, rc;
    long first, count;

    ent_mpi_world(&rank, &size);
    if ((long long)runs * width > INT_MAX)
        return ent_fail(err, ENT_EXIT_INPUT,
                        "too many outcomes to gather over MPI (%ld runs)",
                        runs);
    ens_block(runs, rank, size, &first, &count);
    if (rank == 0) {
        counts = ent_xcalloc((size_t)size, sizeof(int));
        displs = ent_xcalloc((size_t)size, sizeof(int));
        for (int r = 0; r < size; r++) {
            long f, c;

            ens_block(runs, r, size, &f, &c);
            counts[r] = (int)(c * width);
            displs[r] = (int)(f * width);
        }
    }
    rc = MPI_Gatherv(local, (int)(count * width), MPI_DOUBLE, all, counts,
                     displs, MPI_DOUBLE, 0, MPI_COMM_WORLD);
    free(counts);
    free(displs);
    if (rc != MPI_SUCCESS)
        return ent_fail(err, ENT_EXIT_RUNTIME, "MPI_Gatherv failed (%d)", rc);
    return 0;
}

int ens_agree(int rc, ent_error *err)
{
    int rank, size, mine, lowest;

    ent_mpi_world(&rank, &size);
    if (size == 1)
        return rc;
    mine = rc != 0 ? rank : size;
    MPI_Allreduce(&mine, &lowest, 1, MPI_INT, MPI_MIN, MPI_COMM_WORLD);
    if (lowest == size)
        return 0;
    {
        struct {
            int code;
            char msg[ENT_ERROR_MAX];
        } e = {0, ""};

        if (rank == lowest && err) {
            e.code = err->code;
            memcpy(e.msg, err->msg, sizeof e.msg);
        }
        MPI_Bcast(&e, (int)sizeof e, MPI_BYTE, lowest, MPI_COMM_WORLD);
        if (err) {
            err->code = e.code ? e.code : ENT_EXIT_RUNTIME;
            memcpy(err->msg, e.msg, sizeof err->msg);
        }
    }
    return -1;
}
#else
int ens_gather(const double *local, long runs, long width, double *all,
               ent_error *err)
{
    (void)err;
    if (all && all != local)
        memcpy(all, local, (size_t)runs * (size_t)width * sizeof(double));
    return 0;
}

int ens_agree(int rc, ent_error *err)
{
    (void)err;
    return rc;
}
#endif
