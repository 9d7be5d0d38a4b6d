#!/bin/sh
# symbols.sh LIB -- the shared library exports the public API and nothing
# else: every defined dynamic symbol starts with ent_, and every function
# the public headers declare with ENT_API is among them.
set -eu
lib=$1
tmp=$(mktemp -d /tmp/ent-symbols-XXXXXX)
trap 'rm -rf "$tmp"' EXIT
nm -D --defined-only "$lib" | awk '{print $NF}' | sort -u >"$tmp/exported"
if grep -v '^ent_' "$tmp/exported" >"$tmp/foreign"; then
    echo "FAIL symbols: $lib exports symbols outside the ent_ API:"
    cat "$tmp/foreign"; exit 1
fi
if grep -nE '^[a-z][a-z_ *]*[* ]ent_[a-z0-9_]*\(' include/entente/*.h |
    grep -v ':static inline'; then
    echo "FAIL symbols: public functions above lack ENT_API (include/entente/common.h)"
    exit 1
fi
sed -n 's/^ENT_API .*\<\(ent_[a-z0-9_]*\)(.*/\1/p' include/entente/*.h | sort -u >"$tmp/declared"
if ! comm -23 "$tmp/declared" "$tmp/exported" >"$tmp/missing" || [ -s "$tmp/missing" ]; then
    echo "FAIL symbols: declared ENT_API but not exported:"; cat "$tmp/missing"; exit 1
fi
if comm -13 "$tmp/declared" "$tmp/exported" >"$tmp/extra" && [ -s "$tmp/extra" ]; then
    echo "FAIL symbols: exported but not declared in include/ (mark internal"
    echo "functions static, or declare public ones with ENT_API):"; cat "$tmp/extra"; exit 1
fi
echo "PASS symbols: $(wc -l <"$tmp/exported") ent_ symbols exported, nothing else"
