#!/usr/bin/env bash
# Quantise a PNG (default: the README's screenshot) to at most 256 colours in place, so that it stays
# under the size tests/test_readme.py allows. A window's flat colours survive this unchanged to the eye.
#   packaging/shrink-screenshot.sh [PNG]
set -euo pipefail
cd "$(dirname "$0")/.."
png=${1:-resources/screenshot.png}
command -v pngquant >/dev/null || {
    echo "shrink-screenshot: needs pngquant (Debian/Ubuntu: apt-get install pngquant; macOS: brew install pngquant)" >&2
    exit 1
}
before=$(wc -c <"$png")
rc=0
pngquant --quality 65-95 --speed 1 --strip --skip-if-larger --force --output "$png" -- "$png" || rc=$?
case $rc in
    0) echo "shrink-screenshot: $png $before -> $(wc -c <"$png") bytes" ;;
    98) echo "shrink-screenshot: $png is already as small as pngquant makes it ($before bytes)" ;;
    99) echo "shrink-screenshot: $png would lose too much quality with 256 colours; left as it was" >&2; exit 1 ;;
    *) exit "$rc" ;;
esac
