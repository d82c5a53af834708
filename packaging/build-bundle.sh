#!/usr/bin/env bash
# Build paralign as one self-contained folder (dist/paralign/: run dist/paralign/paralign, no Python
# needed) with PyInstaller, then smoke-test the result. Not run by CI: it takes minutes.
#   packaging/build-bundle.sh
# PyInstaller comes from PyPI into its own build environment (build/bundle-venv), never into .venv
# or the project's dependencies; the bundle is for the system it is built on (build on each OS).
set -euo pipefail
cd "$(dirname "$0")/.."
say() { echo "build-bundle: $*"; }
venv=build/bundle-venv
python=${PYTHON:-python3}
if [ ! -x "$venv/bin/python" ]; then
    say "creating $venv with $("$python" --version) for PyInstaller and a plain (non-editable) install"
    "$python" -m venv "$venv"
fi
say "pip: installing PyInstaller and paralign into $venv"
rm -rf build/lib build/bdist.*  # setuptools' in-tree build leftovers would carry deleted files along
"$venv/bin/python" -m pip install -q --disable-pip-version-check --upgrade pip
"$venv/bin/python" -m pip install -q --disable-pip-version-check "pyinstaller>=6.10" .
# Data the code opens by path: the sample, icon and desktop entry; the semantic model's weights;
# the web-page reader's settings and stop lists; the PDF reader's character maps.
data_packages=(resources wordllama trafilatura justext pdfminer)
collect=()
for package in "${data_packages[@]}"; do collect+=(--collect-data "$package"); done
say "PyInstaller: building dist/paralign (a few minutes)"
"$venv/bin/pyinstaller" --noconfirm --clean --log-level WARN --name paralign --onedir \
    --distpath dist --workpath build/pyinstaller --specpath build \
    --copy-metadata paralign "${collect[@]}" packaging/entry.py
say "built dist/paralign: $(du -sh dist/paralign | cut -f1)"
packaging/smoke-test-bundle.sh dist/paralign/paralign
timed() { local TIMEFORMAT="%R s"; time "$@" >/dev/null 2>&1; }
sample=(resources/original.txt resources/paraphrase.txt)
load=$(uptime)
say "start-up, wall clock: --version $( { timed dist/paralign/paralign --version; } 2>&1 )," \
    "align on the sample $( { timed dist/paralign/paralign align "${sample[@]}"; } 2>&1 )," \
    "window screenshot $( { timed dist/paralign/paralign "${sample[@]}" --screenshot build/shot.png; } 2>&1 )" \
    "(load:${load#*load average:})"
