#!/bin/sh
# run-tests.sh TEST... -- run the test binaries, TEST_JOBS at a time
# (default: the number of processors), each into TEST.log; then print one
# line per test in the order given, with its cases and seconds, and fail
# if anything failed (printing that test's log).  Tests never share a
# file (each names its temporary files after its process id or makes
# them with mkstemp), so running them side by side changes nothing but
# the wall time.
jobs=${TEST_JOBS:-$(nproc 2>/dev/null || echo 2)}
printf '%s\n' "$@" | xargs -P "$jobs" -I{} sh -c '
    start=$(date +%s.%N)
    if ./"$1" >"$1.log" 2>&1; then rc=0; else rc=$?; fi
    end=$(date +%s.%N)
    echo "$rc $(awk -v a="$start" -v b="$end" "BEGIN { printf \"%.1f\", b - a }")" >"$1.rc"
' sh {}
failed=0
for t in "$@"; do
    read -r rc secs <"$t.rc" || { rc=1; secs=?; }
    if [ "$rc" -eq 0 ]; then
        echo "PASS $(basename "$t") ($(grep -c '^\[       OK \]' "$t.log") cases, $secs s)"
    else
        echo "FAIL $(basename "$t") (exit $rc, $secs s)"; cat "$t.log"; failed=$((failed + 1))
    fi
done
for t in "$@"; do rm -f "$t.rc"; done
if [ "$failed" -ne 0 ]; then
    echo "$failed test program(s) failed"; exit 1
fi
echo "all tests passed"
