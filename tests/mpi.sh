#!/bin/sh
# mpi.sh SERIAL_BIN MPI_BIN -- the MPI build of `entente ensemble` splits
# the runs across ranks, and its output is bitwise that of the
# single-process build, for 1, 2 and 3 ranks (and with the exchange
# engine's own random draws, and in doubles); only rank 0 prints; a batch
# is stored once.  Skips (exit 0) when mpirun cannot start processes here.
serial=${1:-build/release/entente}
mpi=${2:-build/mpi/entente}
src=tests/data/ktab/SOE-Pol-Comp.csv
args="$src --noise 0.1 --runs 301 --seed 5 --model mean,median,eu,smp"

# Open MPI in containers and CI: run as root, no ssh/rsh launcher, no
# cross-memory attach, shared memory or loopback only.
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
export OMPI_MCA_plm=isolated OMPI_MCA_btl_vader_single_copy_mechanism=none
export OMPI_MCA_btl=self,vader OMPI_MCA_rmaps_base_oversubscribe=1
export OMP_NUM_THREADS=1
run_mpi() {
    n=$1; shift
    timeout 300 mpirun --allow-run-as-root --oversubscribe -n "$n" "$mpi" "$@"
}

tmp=$(mktemp -d /tmp/ent-mpi-XXXXXX)
trap 'rm -rf "$tmp"' EXIT INT TERM
passed=0 failed=0
ok()   { echo "PASS mpi: $1"; passed=$((passed + 1)); }
fail() { echo "FAIL mpi: $1"; failed=$((failed + 1)); }

# same_as_serial NAME RANKS LABEL ARGS... -- `entente ensemble ARGS` on
# RANKS ranks gives the serial build's bytes (2 threads there).
same_as_serial() {
    name=$1 ranks=$2 label=$3; shift 3
    if OMP_NUM_THREADS=2 "$serial" ensemble "$@" >"$tmp/$name.serial" 2>/dev/null &&
       run_mpi "$ranks" ensemble "$@" >"$tmp/$name.mpi" 2>/dev/null &&
       [ -s "$tmp/$name.serial" ] && cmp -s "$tmp/$name.serial" "$tmp/$name.mpi"; then
        ok "$label with $ranks ranks identical to the serial build"
    else
        fail "$label with $ranks ranks differs from the serial build"
    fi
}

if [ ! -x "$serial" ] || [ ! -x "$mpi" ]; then
    echo "FAIL mpi: need $serial and $mpi"; exit 1
fi
if ! run_mpi 2 /bin/true >"$tmp/probe" 2>&1 && \
   ! timeout 60 mpirun --allow-run-as-root --oversubscribe -n 2 true \
       >"$tmp/probe" 2>&1; then
    echo "SKIP mpi: mpirun cannot start 2 processes here:"
    sed 's/^/  /' "$tmp/probe" | head -5
    exit 0
fi

for fmt in "json --outcomes" "csv --outcomes" "table"; do
    name=$(echo "$fmt" | cut -d' ' -f1)
    # shellcheck disable=SC2086
    OMP_NUM_THREADS=2 "$serial" ensemble $args --format $fmt >"$tmp/serial.$name" 2>"$tmp/serial.err" ||
        fail "serial $name run failed"
    for n in 1 2 3; do
        # shellcheck disable=SC2086
        if run_mpi "$n" ensemble $args --format $fmt >"$tmp/mpi$n.$name" 2>"$tmp/mpi$n.err" &&
           cmp -s "$tmp/serial.$name" "$tmp/mpi$n.$name"; then
            ok "$name output with $n rank(s) identical to the serial build"
        else
            fail "$name output with $n rank(s) differs from the serial build"
            head -5 "$tmp/mpi$n.err"
        fi
    done
done

# the bundled Belarus scenario (20 actors: smp's own loops are in play)
if "$serial" ensemble belarus --runs 1 --model mean >/dev/null 2>&1; then
    OMP_NUM_THREADS=2 "$serial" ensemble belarus --runs 101 --format json --outcomes >"$tmp/bel.serial" 2>/dev/null
    if run_mpi 2 ensemble belarus --runs 101 --format json --outcomes >"$tmp/bel.mpi" 2>/dev/null &&
       [ -s "$tmp/bel.serial" ] && cmp -s "$tmp/bel.serial" "$tmp/bel.mpi"; then
        ok "belarus with 2 ranks identical to the serial build"
    else
        fail "belarus with 2 ranks differs from the serial build"
    fi
else
    fail "belarus does not load"
fi

# eu's vectorised powers (pow=vector) split across ranks like the exact ones
same_as_serial vec 3 "belarus eu pow=vector" belarus --runs 101 --model eu \
    --eu-param pow=vector --format json --outcomes

# the exchange engine's own draws (rng=random): run i's stream of (seed, i)
same_as_serial xch 3 "exchange rng=random" tests/data/exchange/sample_data.txt \
    --model exchange --rounds 3 --runs 23 --param exchange.rng=random \
    --param exchange.p=0.3 --format json --outcomes

# the exchange engine in doubles (arith=double) on perturbed Belarus inputs
same_as_serial dbl 2 "exchange arith=double" belarus --model exchange --runs 41 \
    --seed 3 --param exchange.arith=double --param exchange.rng=random \
    --format json --outcomes

# the merged batch is stored once, by rank 0, and exports as the serial one
# shellcheck disable=SC2086
"$serial" ensemble $args --db "$tmp/serial.sqlite" >/dev/null 2>&1
# shellcheck disable=SC2086
run_mpi 2 ensemble $args --db "$tmp/mpi.sqlite" >/dev/null 2>&1
"$serial" runs --db "$tmp/serial.sqlite" --show 1 --format csv | grep -v ',created,' >"$tmp/serial.db.csv"
"$serial" runs --db "$tmp/mpi.sqlite" --show 1 --format csv | grep -v ',created,' >"$tmp/mpi.db.csv"
batches=$("$serial" runs --db "$tmp/mpi.sqlite" --format csv | tail -n +2 | wc -l)
if [ "$batches" -eq 1 ] && [ -s "$tmp/mpi.db.csv" ] && cmp -s "$tmp/serial.db.csv" "$tmp/mpi.db.csv"; then
    ok "2 ranks store one batch, identical to the serial one"
else
    fail "2 ranks: stored batch differs ($batches batches)"
fi

# bad input: exit 2 on every rank, the message printed once
run_mpi 2 ensemble "$src" --model nope >"$tmp/bad.out" 2>"$tmp/bad.err"
st=$?
count=$(grep -c "unknown model 'nope'" "$tmp/bad.err")
if [ "$st" -ne 0 ] && [ "$count" -eq 1 ] && [ ! -s "$tmp/bad.out" ]; then
    ok "bad input under 2 ranks: one message, failure status"
else
    fail "bad input under 2 ranks: status $st, $count messages"
fi

echo "mpi: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
