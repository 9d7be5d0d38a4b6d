#!/bin/sh
# run.sh BUILD SECONDS TARGET... -- run each libFuzzer target for SECONDS
# on its seed corpus (fuzz/corpus/TARGET, read only; new inputs go to a
# scratch directory), after replaying its crash reproducers
# (fuzz/regress/TARGET).  A finding leaves its reproducer in
# BUILD/findings/TARGET and fails the run.  docs/testing.md.
set -u
build=$1 seconds=$2
shift 2
failed=0
for t in "$@"; do
    bin=$build/fuzz_$t
    work=$(mktemp -d "/tmp/entente-fuzz-$t-XXXXXX")
    findings=$build/findings/$t
    mkdir -p "$findings"
    set -- fuzz/regress/"$t"/*
    if [ -e "$1" ] && ! OMP_NUM_THREADS=1 "$bin" "$@" >"$work/replay.log" 2>&1; then
        echo "FAIL fuzz $t: a crash reproducer fails again"; tail -30 "$work/replay.log"
        failed=$((failed + 1))
    elif OMP_NUM_THREADS=1 "$bin" -max_total_time="$seconds" -timeout=10 \
        -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$findings/" \
        -dict=fuzz/entente.dict "$work" fuzz/corpus/"$t" >"$work/log" 2>&1; then
        echo "PASS fuzz $t: $(grep -o 'stat::number_of_executed_units: *[0-9]*' "$work/log" | grep -o '[0-9]*$') runs in ${seconds}s, no finding"
    else
        echo "FAIL fuzz $t: finding saved in $findings"; tail -40 "$work/log"
        failed=$((failed + 1))
    fi
    rm -rf "$work"
done
[ "$failed" -eq 0 ]
