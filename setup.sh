#!/usr/bin/env bash
# Set paralign up on a fresh machine and run it.
#   ./setup.sh        install, then open the bundled sample pair in the window
#   ./setup.sh test   install with the test tools, then run the whole test suite (extra args go to pytest)
# On Debian/Ubuntu it installs the system libraries Qt needs, only those that are missing.
set -euo pipefail
cd "$(dirname "$0")"
mode=${1:-app}
[ $# -gt 0 ] && shift

# Qt offscreen needs these; a real window adds the xcb set (and Xvfb when there is no screen).
QT_OFFSCREEN="libglib2.0-0 libegl1 libgl1 libx11-6 libdbus-1-3 libfontconfig1 libxkbcommon0 fonts-dejavu-core"
QT_WINDOW="libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-render-util0 libxcb-shape0
libxcb-xkb1 libxkbcommon-x11-0 xvfb xauth"
# The report test opens the HTML report in a real headless browser.
TEST_TOOLS="chromium"

system_packages() {
    command -v dpkg-query >/dev/null || return 0  # not Debian: Qt's libraries are the user's to provide
    local missing=() pkg
    for pkg in "$@"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" || missing+=("$pkg")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    echo "setup: installing system packages: ${missing[*]}"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

python_env() {
    local python=${PYTHON:-python3}
    "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
        || { echo "setup: paralign needs Python 3.11 or newer ($python is older)" >&2; exit 1; }
    if [ ! -x .venv/bin/python ]; then
        "$python" -m venv .venv 2>/dev/null || { system_packages python3-venv; "$python" -m venv .venv; }
    fi
    .venv/bin/python -m pip install -q --upgrade pip >/dev/null
    .venv/bin/python -m pip install -q -e ".$1"
}

case "$mode" in
    app)
        # shellcheck disable=SC2086
        system_packages $QT_OFFSCREEN $QT_WINDOW
        python_env ""
        if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
            exec .venv/bin/paralign "$@"
        fi
        echo "setup: no screen here; opening the sample in a virtual one (Xvfb) and saving paralign-sample.png"
        exec xvfb-run -a .venv/bin/paralign --screenshot paralign-sample.png "$@"
        ;;
    test)
        # shellcheck disable=SC2086
        system_packages $QT_OFFSCREEN $TEST_TOOLS
        python_env "[test]"
        QT_QPA_PLATFORM=offscreen exec .venv/bin/python -m pytest "$@"
        ;;
    *)
        echo "usage: ./setup.sh [app|test] [arguments]" >&2
        exit 2
        ;;
esac
