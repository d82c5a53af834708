"""The desktop presence: icon files from the SVG, the window icon, the menu entry and its installation."""

from __future__ import annotations

import re
import shutil
import subprocess
from importlib.resources import files
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from viewer import desktop
from viewer.app import main, make_application
from viewer.icon import ICON_SIZES, icon_png, icon_svg, render_icon
from viewer.main_window import FILE_FILTER

VALIDATOR = shutil.which("desktop-file-validate")
needs_validator = pytest.mark.skipif(VALIDATOR is None,
                                     reason="desktop-file-validate (Debian: desktop-file-utils) missing")


def _validate(path: Path) -> None:
    assert VALIDATOR is not None
    done = subprocess.run([VALIDATOR, str(path)], capture_output=True, text=True)
    # The validator exits 0 on mere hints; hints are worth fixing too.
    assert done.returncode == 0 and done.stdout == "", done.stdout + done.stderr


def test_every_png_is_the_svg_rendered_at_its_size() -> None:
    for size in ICON_SIZES:
        stored = QImage(str(icon_png(size))).convertToFormat(QImage.Format.Format_ARGB32)
        assert stored == render_icon(size), f"{icon_png(size).name}: run packaging/render-icons.py"


def test_window_icon_offers_every_size(qapp: object) -> None:
    app = make_application([])
    sizes = {s.width() for s in app.windowIcon().availableSizes()}
    assert set(ICON_SIZES) <= sizes


def test_install_desktop_writes_under_xdg_data_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert main(["--install-desktop"]) == 0
    entry = tmp_path / "applications" / "paralign.desktop"
    assert str(entry) in capsys.readouterr().out
    lines = entry.read_text(encoding="utf-8").splitlines()
    fields = dict(line.split("=", 1) for line in lines if "=" in line)
    assert fields["Exec"] == desktop.exec_line(desktop.launcher_command())
    assert fields["Icon"] == "paralign" and "application/pdf" in fields["MimeType"].split(";")
    icons = tmp_path / "icons" / "hicolor"
    assert (icons / "scalable" / "apps" / "paralign.svg").read_bytes() == icon_svg().read_bytes()
    for size in ICON_SIZES:
        image = QImage(str(icons / f"{size}x{size}" / "apps" / "paralign.png"))
        assert (image.width(), image.height()) == (size, size)


# shared-mime-info's names for what the Open dialog lists (Python's own table lacks half of them).
FREEDESKTOP_TYPES = {
    ".txt": "text/plain",
    ".md": "text/markdown",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".odt": "application/vnd.oasis.opendocument.text",
    ".epub": "application/epub+zip",
    ".pdf": "application/pdf",
    ".html": "text/html",
    ".htm": "text/html",
    ".rtf": "application/rtf",
}


def test_entry_offers_paralign_for_every_type_the_open_dialog_lists() -> None:
    entry = (files("resources") / desktop.DESKTOP_FILE).read_text(encoding="utf-8")
    offered = set(re.search(r"^MimeType=(.*)$", entry, re.M).group(1).split(";"))
    for extension in re.findall(r"\*(\.\w+)", FILE_FILTER.split(";;")[0]):
        assert extension in FREEDESKTOP_TYPES, f"{extension}: name its MIME type here and in the entry"
        assert FREEDESKTOP_TYPES[extension] in offered, extension


def test_data_home_follows_xdg_and_ignores_a_relative_value(tmp_path: Path) -> None:
    home = Path.home() / ".local" / "share"
    assert desktop.data_home({"XDG_DATA_HOME": str(tmp_path)}) == tmp_path
    assert desktop.data_home({"XDG_DATA_HOME": "relative/dir"}) == home
    assert desktop.data_home({}) == home


def test_exec_quotes_what_the_spec_reserves() -> None:
    assert desktop.exec_line(["/usr/bin/paralign"]) == "/usr/bin/paralign %F"
    assert desktop.exec_line(["/opt/my apps/paralign"]) == '"/opt/my apps/paralign" %F'
    assert desktop.exec_line(["/o/$x/100%"]) == '"/o/\\\\$x/100%%" %F'


@needs_validator
def test_bundled_entry_is_valid() -> None:
    _validate(Path(str(files("resources") / desktop.DESKTOP_FILE)))


@needs_validator
def test_installed_entry_is_valid_even_for_an_awkward_path(tmp_path: Path) -> None:
    written = desktop.install_desktop(tmp_path, ["/opt/my apps/$paralign", "--x=1%"])
    _validate(written[0])
