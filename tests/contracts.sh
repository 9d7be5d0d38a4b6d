#!/bin/sh
# contracts.sh -- every public function states its contract: each ENT_API
# declaration in include/entente/*.h follows a comment (alone, or as one
# of a group of declarations under one comment), and every function that
# hands the caller an object (through a `**` argument, or as a returned
# non-const pointer) says in that comment who frees it ("free"), or that
# the object stays owned by another ("owned", "borrowed", "belongs").
set -eu
status=0
for h in include/entente/*.h; do
    awk -v file="$h" '
    function flush_decl(   name) {
        name = decl
        sub(/\(.*/, "", name)
        sub(/.*[ *]/, "", name)
        if (!documented) {
            printf "%s:%d: %s has no comment stating its contract\n", file, decl_line, name
            bad = 1
        } else if (name !~ /_free$/ && (decl ~ /\*\*/ || decl ~ /^ENT_API [a-z_ ]*[a-z_]+ \*[a-z_0-9]+\(/) && decl !~ /^ENT_API const / && tolower(comment) !~ /free|owned|borrow|belong/) {
            printf "%s:%d: %s hands out an object but its comment does not say who frees it\n", file, decl_line, name
            bad = 1
        }
    }
    /^[ \t]*\/\*/ { in_comment = 1; comment = "" }
    in_comment { comment = comment " " $0 }
    in_comment && /\*\// { in_comment = 0; documented = 1; next }
    in_comment { next }
    /^ENT_API/ { in_decl = 1; decl = ""; decl_line = NR }
    in_decl {
        decl = decl " " $0
        if ($0 ~ /;/) {
            gsub(/[ \t]+/, " ", decl); sub(/^ /, "", decl)
            flush_decl(); in_decl = 0
        }
        next
    }
    /^[ \t]*$/ { next }
    { documented = 0; comment = "" }
    END { exit bad }
    ' "$h" || status=1
done
if [ "$status" -ne 0 ]; then
    echo "FAIL contracts: public functions above lack their contract (see include/entente.h)"
    exit 1
fi
echo "PASS contracts: $(grep -c '^ENT_API' include/entente/*.h | awk -F: '{n += $2} END {print n}') public functions state their contract"
