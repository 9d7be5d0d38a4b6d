#!/bin/sh
# readme-tour.sh BIN -- run every `entente` command of README.md's examples
# (indented lines starting with "entente " or "export PATH"), as printed,
# in a scratch directory that looks like the repository's top directory
# (bin/entente is BIN; tests/ is the repository's), and check that each
# exits 0.
set -u
root=$(pwd)
exe=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
tmp=$(mktemp -d /tmp/ent-tour-XXXXXX)
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/bin"
ln -s "$exe" "$tmp/bin/entente"
ln -s "$root/tests" "$tmp/tests"
ln -s "$root/scenarios" "$tmp/scenarios"
grep -E '^    (entente( |$)|export PATH)' README.md | sed 's/^    //' >"$tmp/tour"
count=$(grep -c '^entente' "$tmp/tour")
[ "$count" -ge 20 ] || { echo "FAIL readme: only $count tour commands found"; exit 1; }
cd "$tmp" || exit 1
failed=0
while IFS= read -r line; do
    case $line in
    export*) eval "$line" ;;
    *)
        if ! (eval "$line") >"$tmp/out" 2>&1; then
            echo "FAIL readme: $line"; sed 's/^/    /' "$tmp/out" | head -20
            failed=$((failed + 1))
        fi ;;
    esac
done <"$tmp/tour"
[ "$(command -v entente)" = "$tmp/bin/entente" ] ||
    { echo "FAIL readme: the tour's PATH line does not put bin/ first"; exit 1; }
[ "$failed" -eq 0 ] || exit 1
echo "PASS readme: all $count README commands exit 0"
