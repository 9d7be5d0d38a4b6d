#!/bin/sh
# install.sh -- `make install` into a temporary DESTDIR, then build and run
# examples/forecast.c against the installed headers, static library and
# pkg-config file, build and run a C++ program (tests/cplusplus.cpp)
# against the installed shared library, and run the installed binary on an
# installed scenario.
set -eu
tmp=$(mktemp -d /tmp/ent-install-XXXXXX)
trap 'rm -rf "$tmp"' EXIT
make --no-print-directory -s install DESTDIR="$tmp" PREFIX=/opt/entente >/dev/null
export PKG_CONFIG_PATH="$tmp/opt/entente/lib/pkgconfig"
version=$(pkg-config --modversion entente)
cflags=$(pkg-config --cflags entente | sed "s|-I/opt|-I$tmp/opt|g")
libs=$(pkg-config --static --libs entente | sed "s|-L/opt|-L$tmp/opt|g")
cc -std=c11 -Wall -Werror $cflags examples/forecast.c -o "$tmp/forecast" \
    -Wl,-Bstatic -lentente -Wl,-Bdynamic $(pkg-config --libs jansson sqlite3 inih) \
    $(echo "$libs" | sed 's/-lentente//') >/dev/null
out=$("$tmp/forecast" "$tmp/opt/entente/share/entente/scenarios/eu-emissions")
case "$out" in
    *"emissions	median	7	converged"*) echo "PASS install: example program built against the installed library" ;;
    *) echo "FAIL install: unexpected example output: $out"; exit 1 ;;
esac
c++ -std=c++11 -Wall -Wextra -Werror $cflags tests/cplusplus.cpp -o "$tmp/cplusplus" \
    -L"$tmp/opt/entente/lib" -lentente -Wl,-rpath,"$tmp/opt/entente/lib"
out=$("$tmp/cplusplus" "$tmp/opt/entente/share/entente/scenarios/eu-emissions")
case "$out" in
    *"eu-emissions: 10 actors"*"entente $version"*)
        echo "PASS install: C++ program built against the installed shared library" ;;
    *) echo "FAIL install: unexpected C++ program output: $out"; exit 1 ;;
esac
(cd "$tmp" && ./opt/entente/bin/entente scenarios | grep -q belarus) &&
    echo "PASS install: installed binary finds the installed scenarios" ||
    { echo "FAIL install: installed binary does not find its scenarios"; exit 1; }
test -f "$tmp/opt/entente/share/man/man1/entente.1" &&
    echo "PASS install: man page installed" ||
    { echo "FAIL install: no man page"; exit 1; }
comp="$tmp/opt/entente/share/bash-completion/completions/entente"
if command -v bash >/dev/null 2>&1; then
    bash -c ". '$comp' && complete -p entente" | grep -q -- "-F _entente" &&
        echo "PASS install: bash completion installed and registers _entente" ||
        { echo "FAIL install: bash completion missing or broken"; exit 1; }
else
    test -f "$comp" && echo "PASS install: bash completion installed"
fi
