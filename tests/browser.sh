#!/bin/sh
# browser.sh ENTENTE -- renders the Belarus report with the entente binary
# ENTENTE and checks it in headless Chromium (Debian's chromium, driven by
# playwright-core from npm, installed here with `npm ci` from the committed
# lock file) at 390 px, at 1280 px and in print.  The page, its screenshots
# and a PDF are left in build/artifacts/ for a person to look at.
set -eu
bin=$1
art=build/artifacts
if [ ! -x /usr/bin/chromium ]; then
    echo "FAIL browser: /usr/bin/chromium is missing (Debian package chromium; make test installs it as root)"
    exit 1
fi
command -v npm >/dev/null 2>&1 || sh tools/install-deps.sh nodejs npm
if [ "$(node -p 'process.versions.node.split(".")[0]')" -lt 20 ]; then
    echo "FAIL browser: playwright-core needs Node.js 20 or newer, this is $(node --version)"
    exit 1
fi
(cd tests/browser && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
mkdir -p "$art"
rm -f "$art"/report-*.png "$art"/report.pdf
"$bin" report belarus -o "$art/belarus.html"
node tests/browser/check-report.mjs "$art/belarus.html" "$art"
