#!/bin/sh
# install-deps.sh PACKAGE... -- install the Debian packages entente builds
# with, if any is missing: with apt-get when running as root, otherwise
# print the exact command to run.
missing=""
for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
        missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if ! command -v apt-get >/dev/null 2>&1; then
    echo "entente: missing build dependencies:$missing (no apt-get here; install them by hand)" >&2
    exit 1
fi
if [ "$(id -u)" -ne 0 ]; then
    echo "entente: missing build dependencies. Run:" >&2
    echo "  sudo apt-get install -y$missing" >&2
    exit 1
fi
echo "entente: installing$missing" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get install -y -q $missing >/dev/null 2>&1 ||
    { apt-get update -q >/dev/null 2>&1 && apt-get install -y -q $missing; }
