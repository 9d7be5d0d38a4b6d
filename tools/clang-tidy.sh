#!/bin/sh
# clang-tidy.sh FILE... -- COMPILER-FLAG...
#
# Runs clang-tidy (checks from .clang-tidy) on each FILE, one process per
# file and as many at a time as there are CPUs.  One file per process
# because clang-tidy 14's clang-analyzer-valist checker, given several files,
# reports va_lists in later files as uninitialised.  Drops clang-tidy's
# "N warnings generated." lines, which count diagnostics in system headers
# that it never shows.  Exits 1 if any file has a finding.
files=""
while [ $# -gt 0 ] && [ "$1" != "--" ]; do
    files="$files $1"
    shift
done
[ "$1" = "--" ] && shift
[ -n "$files" ] || exit 0
jobs=$(nproc 2>/dev/null || echo 2)

# The flags go through the environment: xargs appends the file name.
ENT_TIDY_FLAGS="$*"
export ENT_TIDY_FLAGS
# shellcheck disable=SC2086 # file names and flags split on spaces
printf '%s\n' $files | xargs -n 1 -P "$jobs" sh -c '
    out=$(clang-tidy --quiet "$1" -- $ENT_TIDY_FLAGS 2>&1)
    rc=$?
    printf "%s\n" "$out" | grep -v -e "^[0-9]* warnings\{0,1\} generated\.$" -e "^$"
    exit $rc
' clang-tidy.sh || exit 1
