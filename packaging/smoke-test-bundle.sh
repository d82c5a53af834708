#!/usr/bin/env bash
# Smoke-test a built bundle on the bundled sample: align, check and an offscreen screenshot, each
# run from outside the source tree, so that nothing is found in the checkout by accident.
#   packaging/smoke-test-bundle.sh [dist/paralign/paralign]
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
exe=$(cd "$(dirname "${1:-$here/dist/paralign/paralign}")" && pwd)/$(basename "${1:-paralign}")
[ -x "$exe" ] || { echo "smoke-test: no bundle at $exe (run packaging/build-bundle.sh)" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$here/resources/original.txt" "$here/resources/paraphrase.txt" "$work/"
cd "$work"
unset QT_QPA_PLATFORM
fail() { echo "smoke-test: FAILED: $*" >&2; exit 1; }
step() { echo "smoke-test: $*"; }

version=$("$exe" --version) || fail "--version exited $?"
[[ "$version" =~ ^paralign\ [0-9] ]] || fail "--version says: $version (package metadata missing?)"
step "version: $version"

"$exe" align original.txt paraphrase.txt --json -o pairs.json || fail "align exited $?"
step "align --json: $(wc -c <pairs.json) bytes"
grep -q '"kind": *"changed"' pairs.json || fail "align --json has no changed pair"

rc=0
"$exe" check original.txt paraphrase.txt >checks.txt || rc=$?
# The sample's quotations were rewritten: check must find them and exit 1 (high severity).
[ "$rc" -eq 1 ] || fail "check exited $rc, not 1"
grep -qi quotation checks.txt || fail "check names no quotation"
step "check: $(wc -l <checks.txt) lines, exit 1 as expected"

"$exe" original.txt paraphrase.txt --screenshot shot.png --size 1200x800 2>screenshot.err || fail "screenshot exited $?"
[ ! -s screenshot.err ] || fail "screenshot printed: $(head -3 screenshot.err)"
head -c 8 shot.png | od -An -c | grep -q 'P   N   G' || fail "screenshot is not a PNG"
step "screenshot: $(wc -c <shot.png) bytes, nothing on stderr"

rc=0
env -u DISPLAY -u WAYLAND_DISPLAY "$exe" original.txt paraphrase.txt 2>noscreen.err || rc=$?
if [ "$(uname -s)" = Linux ]; then
    [ "$rc" -eq 2 ] && [ "$(wc -l <noscreen.err)" -eq 1 ] || fail "no-screen run exited $rc: $(cat noscreen.err)"
    step "no screen: one line, exit 2"
fi
step "all passed"
