#!/bin/sh
# mpi.sh RUNS SOURCE MODELS NOISE -- wall time and runs/s of one ensemble
# on 1, 2 and 4 MPI ranks (one OpenMP thread each), with the `make MPI=1`
# build; checks each gives the 1-rank output.  Called by bench_ensemble.
# Ranks beyond the machine's cores are oversubscribed, so expect no gain
# past `nproc`.
runs=${1:-10000} src=${2:-belarus} models=${3:-mean,median,eu,smp} noise=${4:-0}
bin=build/mpi/entente
if ! command -v mpicc >/dev/null 2>&1 || ! command -v mpirun >/dev/null 2>&1; then
    echo "  mpi: skipped (no mpicc/mpirun)"; exit 0
fi
make --no-print-directory MPI=1 "$bin" >/dev/null || exit 1
cores=$(getconf _NPROCESSORS_ONLN)
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
export OMPI_MCA_plm=isolated OMPI_MCA_btl_vader_single_copy_mechanism=none
export OMPI_MCA_btl=self,vader OMPI_MCA_rmaps_base_oversubscribe=1
export OMP_NUM_THREADS=1
tmp=$(mktemp -d /tmp/ent-bench-XXXXXX)
trap 'rm -rf "$tmp"' EXIT INT TERM
echo "  MPI ranks, $models ($cores cores; includes process start-up and pivotal analysis):"
for n in 1 2 4; do
    t0=$(date +%s.%N)
    if ! mpirun --allow-run-as-root --oversubscribe -n "$n" "$bin" ensemble "$src" \
        --runs "$runs" --model "$models" --noise "$noise" --format csv >"$tmp/out$n" 2>"$tmp/err$n"; then
        echo "    $n rank(s): failed"; sed 's/^/      /' "$tmp/err$n" | head -3; exit 1
    fi
    t1=$(date +%s.%N)
    same=yes
    cmp -s "$tmp/out1" "$tmp/out$n" || same=NO
    awk -v n="$n" -v a="$t0" -v b="$t1" -v r="$runs" -v s="$same" 'BEGIN {
        printf "    %d rank(s): %7.3f s  %9.0f runs/s  output identical to 1 rank: %s\n", n, b - a, r / (b - a), s }'
done
