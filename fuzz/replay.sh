#!/bin/sh
# replay.sh DIR TARGET... -- replay every seed and crash reproducer of each
# fuzz target through DIR/replay_TARGET (built with the normal compiler by
# `make test`): the corpora stay regression tests without clang.
dir=$1
shift
failed=0
for t in "$@"; do
    if OMP_NUM_THREADS=1 "$dir/replay_$t" fuzz/corpus/"$t"/* \
        $(ls -d fuzz/regress/"$t"/* 2>/dev/null) >"$dir/replay_$t.log" 2>&1; then
        echo "PASS fuzz replay $t ($(grep -o '^replayed [0-9]*' "$dir/replay_$t.log" | grep -o '[0-9]*') inputs)"
    else
        echo "FAIL fuzz replay $t"; tail -30 "$dir/replay_$t.log"; failed=$((failed + 1))
    fi
done
[ "$failed" -eq 0 ]
