#!/bin/sh
# run-tests.sh TEST... -- run each test binary, then the command-line tests;
# print a summary and fail if anything failed.
failed=0
for t in "$@"; do
    if ./"$t" >"$t.log" 2>&1; then
        echo "PASS $(basename "$t") ($(grep -c '^\[       OK \]' "$t.log") cases)"
    else
        echo "FAIL $(basename "$t")"; cat "$t.log"; failed=$((failed + 1))
    fi
done
if [ "$failed" -ne 0 ]; then
    echo "$failed test program(s) failed"; exit 1
fi
echo "all tests passed"
