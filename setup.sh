#!/usr/bin/env bash
# Set paralign up on a fresh machine and run it.
#   ./setup.sh        install into .venv, then open the bundled sample pair in the window
#   ./setup.sh test   install with the test tools, then run the whole test suite (extra args go to pytest)
# Linux (Debian/Ubuntu) gets the system libraries Qt needs, only those missing; macOS needs nothing but
# Python 3.11+. Every step says in one line what it installs and why.
set -euo pipefail
cd "$(dirname "$0")"
mode=${1:-app}
[ $# -gt 0 ] && shift

# Qt drawing offscreen (tests, --screenshot) needs these; a window on an X11 desktop adds the xcb set.
QT_OFFSCREEN="libglib2.0-0 libegl1 libgl1 libx11-6 libdbus-1-3 libfontconfig1 libxkbcommon0 fonts-dejavu-core"
QT_WINDOW="libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-render-util0 libxcb-shape0
libxcb-xkb1 libxkbcommon-x11-0"

say() { echo "setup: $*"; }

# A long-running tool shows its progress as short indented lines (one per package matching a pattern);
# its whole log goes to a file, shown in part only when it fails.
logs=$(mktemp -d "${TMPDIR:-/tmp}/paralign-setup.XXXXXX")
logged() {
    local name=$1 pattern=$2
    shift 2
    if ! "$@" 2>&1 | tee "$logs/$name.log" | awk -v p="$pattern" '$0 ~ p { print "    " $1, $2; fflush() }'
    then
        say "$name failed; the end of its log ($logs/$name.log):" >&2
        tail -n 15 "$logs/$name.log" >&2
        exit 1
    fi
}
finish() { rm -rf "$logs"; }

apt_updated=""
system_packages() {
    local why=$1
    shift
    if [ "$(uname -s)" = Darwin ]; then return 0; fi  # Qt brings its own Cocoa plugin: nothing to install
    if ! command -v dpkg-query >/dev/null; then
        say "not Debian/Ubuntu: make sure your system has what these Debian packages provide ($why): $*"
        return 0
    fi
    local missing=() pkg
    for pkg in "$@"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" || missing+=("$pkg")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    say "apt: installing ${missing[*]} ($why)"
    if [ -z "$apt_updated" ]; then
        $sudo apt-get update -qq
        apt_updated=1
    fi
    logged apt '^Unpacking ' \
        $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
}

python_env() {
    local python=${PYTHON:-python3}
    if ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
        say "paralign needs Python 3.11 or newer, and $python is $("$python" --version 2>&1 || echo missing);" \
            "install one (python.org, or your package manager) and run PYTHON=python3.12 ./setup.sh" >&2
        exit 1
    fi
    if [ ! -x .venv/bin/python ]; then
        say "creating .venv with $("$python" --version) ($(command -v "$python")): paralign's own environment," \
            "nothing is installed system-wide"
        "$python" -m venv .venv 2>/dev/null || {
            system_packages "Debian's Python ships venv separately" python3-venv
            "$python" -m venv .venv
        }
    fi
    say "pip: installing paralign${1:+ with its $1 tools} and its Python packages into .venv (Qt is the big one," \
        "about 100 MB, the first time only)"
    logged pip-upgrade '^Collecting ' \
        .venv/bin/python -m pip install --disable-pip-version-check --progress-bar off --upgrade pip
    logged pip '^(Collecting|Processing) ' \
        .venv/bin/python -m pip install --disable-pip-version-check --progress-bar off -e ".${1:+[$1]}"
    # An editable install leaves paralign's own modules uncompiled; where Python may not write bytecode
    # (PYTHONDONTWRITEBYTECODE, a read-only checkout) every run compiled them again: a quarter of a
    # short pair's `paralign align`. A module edited later is compiled afresh, as Python checks.
    say "python: compiling paralign's modules once, so that no run has to"
    .venv/bin/python -m compileall -q alignment viewer >/dev/null
}

case "$mode" in
    app)
        # shellcheck disable=SC2086
        system_packages "the libraries Qt needs to draw a window" $QT_OFFSCREEN $QT_WINDOW
        python_env ""
        if [ "$(uname -s)" = Darwin ] || [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
            say "opening the bundled sample pair; from now on: .venv/bin/paralign ORIGINAL PARAPHRASE"
            finish
            exec .venv/bin/paralign "$@"
        fi
        say "no screen here (no DISPLAY or WAYLAND_DISPLAY): saving the sample's window as paralign-sample.png"
        finish
        exec .venv/bin/paralign --screenshot paralign-sample.png "$@"
        ;;
    test)
        # shellcheck disable=SC2086
        system_packages "the libraries Qt needs to draw offscreen in the tests" $QT_OFFSCREEN
        system_packages "headless Chromium: the report test opens the HTML report in a real browser" chromium
        system_packages "desktop-file-validate: the test of paralign's menu entry" desktop-file-utils
        python_env "test"
        say "running the test suite (pytest; Qt offscreen)"
        finish
        QT_QPA_PLATFORM=offscreen exec .venv/bin/python -m pytest "$@"
        ;;
    *)
        echo "usage: ./setup.sh [app|test] [arguments]" >&2
        exit 2
        ;;
esac
