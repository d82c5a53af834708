"""`paralign --install-desktop`: the menu entry, icons, file associations and the review file type."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from collections.abc import Mapping
from importlib.resources import files
from pathlib import Path

from viewer.icon import ICON_NAME, ICON_SIZES, icon_png, icon_svg

DESKTOP_FILE = f"{ICON_NAME}.desktop"
MIME_FILE = f"{ICON_NAME}-mime.xml"
"""The shared-mime-info package of the .paralign review type (installed as mime/packages/paralign.xml)."""
# freedesktop's Exec field codes: %F is every file the user opened paralign with, none from the menu.
FILE_ARGUMENTS = "%F"
ASK_FLAG = "--open-dialog"
"""What the menu entry adds: started with no file, the window asks for them instead of showing the sample."""
# Characters that make the Desktop Entry spec ask for a quoted Exec argument.
_EXEC_RESERVED = set(" \t\n\"'\\><~|&;$*?#()`")


def data_home(environ: Mapping[str, str] | None = None) -> Path:
    """Where per-user desktop data goes: $XDG_DATA_HOME, else ~/.local/share."""
    env = os.environ if environ is None else environ
    configured = env.get("XDG_DATA_HOME", "")
    # The spec says a relative value is invalid and must be ignored.
    return Path(configured) if os.path.isabs(configured) else Path.home() / ".local" / "share"


def launcher_command() -> list[str]:
    """The command that started this paralign, so the menu entry runs the same one."""
    if getattr(sys, "frozen", False):
        return [sys.executable]
    script = Path(sys.argv[0])
    if script.name.removesuffix(".exe") == "paralign" and script.exists():
        return [str(script.absolute())]
    return [sys.executable, "-m", "viewer.launch"]


def exec_line(command: list[str]) -> str:
    """A desktop entry's Exec value running this command on the opened files."""
    def quoted(arg: str) -> str:
        arg = arg.replace("%", "%%")  # a lone % would start a field code
        if not _EXEC_RESERVED.intersection(arg):
            return arg
        escaped = "".join("\\" + c if c in '"`$\\' else c for c in arg)
        # A desktop file's string values unescape backslashes once more before Exec is parsed.
        return '"' + escaped.replace("\\", "\\\\") + '"'

    return " ".join([*map(quoted, command), ASK_FLAG, FILE_ARGUMENTS])


def desktop_entry(command: list[str]) -> str:
    """The bundled desktop entry with its Exec line running this command."""
    template = (files("resources") / DESKTOP_FILE).read_text(encoding="utf-8")
    lines = [f"Exec={exec_line(command)}" if line.startswith("Exec=") else line
             for line in template.splitlines()]
    return "\n".join(lines) + "\n"


def install_desktop(root: Path, command: list[str]) -> list[Path]:
    """Write the desktop entry, the review file type and the icons under a data folder; the files written."""
    written = []
    entry = root / "applications" / DESKTOP_FILE
    entry.parent.mkdir(parents=True, exist_ok=True)
    entry.write_text(desktop_entry(command), encoding="utf-8")
    written.append(entry)
    icons = root / "icons" / "hicolor"
    targets = [(Path(str(files("resources") / MIME_FILE)), root / "mime" / "packages" / f"{ICON_NAME}.xml")]
    targets += [(icon_svg(), icons / "scalable" / "apps" / f"{ICON_NAME}.svg")]
    targets += [(icon_png(n), icons / f"{n}x{n}" / "apps" / f"{ICON_NAME}.png") for n in ICON_SIZES]
    for source, target in targets:
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
        written.append(target)
    _refresh_caches(root)
    return written


def _refresh_caches(root: Path) -> None:
    """Let the desktop see the entry's and the review's file types now, where their cache tools exist."""
    for tool, folder in (("update-desktop-database", "applications"), ("update-mime-database", "mime")):
        found = shutil.which(tool)
        if found:
            # A cache that cannot be refreshed only delays the associations until the desktop rescans.
            subprocess.run([found, str(root / folder)], capture_output=True, check=False)


def main() -> int:
    """Install for the current user and say where; one line and exit 2 off freedesktop systems."""
    if sys.platform.startswith(("darwin", "win32", "cygwin")):
        print("paralign: --install-desktop is for Linux and BSD desktops (freedesktop menus); "
              "on this system start paralign from a terminal", file=sys.stderr)
        return 2
    root = data_home()
    try:
        written = install_desktop(root, launcher_command())
    except OSError as error:
        print(f"paralign: cannot install the desktop entry under {root}: {error.strerror or error}",
              file=sys.stderr)
        return 2
    print(f"paralign: installed the menu entry {written[0]}, the .paralign review type {written[1]} and "
          f"{len(written) - 2} icons under {root / 'icons' / 'hicolor'}; "
          f"it opens {shlex.join(launcher_command())}")
    return 0
