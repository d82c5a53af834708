"""The desktop presence: icon files from the SVG, the window icon, the menu entry and its installation."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
from importlib.resources import files
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtGui import QImage

from viewer import desktop
from viewer.app import main, make_application, open_files, parse_args, sample_pair
from viewer.icon import ICON_SIZES, icon_png, icon_svg, render_icon
from viewer.main_window import FILE_FILTER, MainWindow
from viewer.open_formats import tracked_pair

ROOT = Path(__file__).resolve().parents[2]
REVIEW_TYPE = "application/x-paralign"

VALIDATOR = shutil.which("desktop-file-validate")
needs_validator = pytest.mark.skipif(VALIDATOR is None,
                                     reason="desktop-file-validate (Debian: desktop-file-utils) missing")


def _validate(path: Path) -> None:
    assert VALIDATOR is not None
    done = subprocess.run([VALIDATOR, str(path)], capture_output=True, text=True)
    # The validator exits 0 on mere hints; hints are worth fixing too.
    assert done.returncode == 0 and done.stdout == "", done.stdout + done.stderr


RASTER_ROUNDING = 1
"""How far a channel of the same SVG rendered may differ between CPUs: Qt's rasterizer rounds a few
antialiased pixels differently on its AVX-512 path (seen: 4 bytes of 4096 off by one)."""


def _channels(image: QImage) -> np.ndarray:
    """The image's bytes as ARGB32, a row per scan line."""
    image = image.convertToFormat(QImage.Format.Format_ARGB32)
    data = np.frombuffer(bytes(image.constBits()), np.uint8)
    return data.reshape(image.height(), image.bytesPerLine())[:, : 4 * image.width()].astype(np.int16)


def test_every_png_is_the_svg_rendered_at_its_size() -> None:
    for size in ICON_SIZES:
        stored, rendered = _channels(QImage(str(icon_png(size)))), _channels(render_icon(size))
        assert stored.shape == rendered.shape, f"{icon_png(size).name}: run packaging/render-icons.py"
        assert np.abs(stored - rendered).max() <= RASTER_ROUNDING, (
            f"{icon_png(size).name}: run packaging/render-icons.py"
        )


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
    assert desktop.exec_line(["/usr/bin/paralign"]) == "/usr/bin/paralign --open-dialog %F"
    assert desktop.exec_line(["/opt/my apps/paralign"]) == '"/opt/my apps/paralign" --open-dialog %F'
    assert desktop.exec_line(["/o/$x/100%"]) == '"/o/\\\\$x/100%%" --open-dialog %F'


@needs_validator
def test_bundled_entry_is_valid() -> None:
    _validate(Path(str(files("resources") / desktop.DESKTOP_FILE)))


@needs_validator
def test_installed_entry_is_valid_even_for_an_awkward_path(tmp_path: Path) -> None:
    written = desktop.install_desktop(tmp_path, ["/opt/my apps/$paralign", "--x=1%"])
    _validate(written[0])


GIO = shutil.which("gio")
needs_gio = pytest.mark.skipif(GIO is None, reason="gio (Debian: libglib2.0-bin) missing")
RECORDER = "import json, sys; open(sys.argv[1], 'w').write(json.dumps(sys.argv[2:]))"


@needs_gio
@pytest.mark.parametrize("names", [[], ["one file.txt"], ["my original.pdf", "its 100% paraphrase.docx"]],
                         ids=["none", "one", "two"])
def test_the_desktop_hands_the_files_over_whole(tmp_path: Path, names: list[str]) -> None:
    # The desktop expands the installed entry's Exec line itself: a command in a folder with a space,
    # files with spaces and a percent sign must each reach paralign as one argument.
    assert GIO is not None
    folder = tmp_path / "my apps"
    folder.mkdir()
    recorder, record = folder / "record argv.py", folder / "argv.json"
    recorder.write_text(RECORDER, encoding="utf-8")
    entry = desktop.install_desktop(tmp_path / "data", [sys.executable, str(recorder), str(record)])[0]
    paths = [folder / name for name in names]
    for path in paths:
        path.write_text("text", encoding="utf-8")
    subprocess.run([GIO, "launch", str(entry), *map(str, paths)], check=True, timeout=60)
    for _ in range(600):  # gio returns once it has spawned paralign, not when paralign is done
        if record.exists() and record.read_text(encoding="utf-8"):
            break
        time.sleep(0.05)
    assert json.loads(record.read_text(encoding="utf-8")) == [desktop.ASK_FLAG, *map(str, paths)]


class _Opened:
    """A window's open calls, recorded instead of run."""

    def __init__(self, window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
        self.calls: list[tuple[str, ...]] = []
        monkeypatch.setattr(window, "open_pair", lambda a, b: self.calls.append(("pair", a, b)))
        monkeypatch.setattr(window.review, "open_session", lambda p: self.calls.append(("review", p)))


@pytest.mark.parametrize(
    ("paths", "menu", "answers", "opened"),
    [
        ([], False, {}, [("pair", *sample_pair())]),
        ([], True, {"source": "a.txt", "target": "b.txt"}, [("pair", "a.txt", "b.txt")]),
        ([], True, {"source": ""}, []),
        (["a.txt"], True, {"target": "b.pdf"}, [("pair", "a.txt", "b.pdf")]),
        (["a.txt"], True, {"target": ""}, [("pair", "a.txt", None)]),
        (["Edited.DOCX"], True, {}, [("pair", *tracked_pair("Edited.DOCX"))]),
        (["work.paralign"], True, {}, [("review", Path("work.paralign"))]),
        (["a.txt", "b.txt"], True, {}, [("pair", "a.txt", "b.txt")]),
    ],
    ids=["no-file", "menu-asks-both", "menu-cancelled", "one-asks-paraphrase", "one-cancelled", "tracked",
         "review", "two"],
)
def test_the_window_opens_what_it_was_started_with(qapp: object, monkeypatch: pytest.MonkeyPatch,
                                                   paths: list[str], menu: bool, answers: dict[str, str],
                                                   opened: list[tuple[object, ...]]) -> None:
    # answers: what the open dialog answers for each side it must ask for, in that order, and no other.
    window = MainWindow()
    record = _Opened(window, monkeypatch)
    asked: list[str] = []

    def ask(side: str) -> str:
        asked.append(side)
        return answers[side]

    open_files(window, paths, ask, menu)
    assert (asked, record.calls) == (list(answers), opened)
    window.close()


def test_without_dialogs_one_plain_file_is_taken_for_its_tracked_changes(
        qapp: object, monkeypatch: pytest.MonkeyPatch) -> None:
    window = MainWindow()
    record = _Opened(window, monkeypatch)
    open_files(window, ["a.txt"], None, menu=True)
    open_files(window, [], None, menu=True)
    assert record.calls == [("pair", *tracked_pair("a.txt")), ("pair", *sample_pair())]
    window.close()


def test_three_files_are_refused_in_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        parse_args(["a.txt", "b.txt", "c.txt"])
    assert exit_.value.code == 2
    assert capsys.readouterr().err.splitlines()[-1] == (
        "paralign: error: paralign compares two documents; 3 files were given")


def test_a_review_file_opens_its_documents_with_the_review(tmp_path: Path) -> None:
    review = tmp_path / "work.paralign"
    sources = [str(tmp_path / name) for name in ("original.txt", "paraphrase.txt")]
    for source, sample in zip(sources, sample_pair(), strict=True):
        Path(source).write_bytes(Path(sample).read_bytes())
    saved = {"version": 1, "source": {"path": sources[0]}, "target": {"path": sources[1]},
             "pairs": [{"source": [0], "target": [0], "state": "flagged"}]}
    review.write_text(json.dumps(saved), encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "viewer.launch", str(review), "--screenshot",
                           str(tmp_path / "shot.png")], capture_output=True, text=True, timeout=180,
                          cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert (done.returncode, done.stderr) == (0, "")
    assert QImage(str(tmp_path / "shot.png")).width() > 0


@needs_gio
def test_installed_review_type_names_paralign_files(tmp_path: Path) -> None:
    assert GIO is not None
    if shutil.which("update-mime-database") is None:
        pytest.skip("update-mime-database (Debian: shared-mime-info) missing")
    review = tmp_path / "my work.paralign"
    review.write_text('{"version": 1}', encoding="utf-8")

    def content_type(data: Path) -> str:
        env = {**os.environ, "XDG_DATA_HOME": str(data)}
        done = subprocess.run([GIO, "info", "-a", "standard::content-type", str(review)], env=env,
                              capture_output=True, text=True, check=True, timeout=60)
        return re.search(r"standard::content-type: (\S+)", done.stdout).group(1)

    assert content_type(tmp_path / "bare") != REVIEW_TYPE
    desktop.install_desktop(tmp_path / "data", ["/usr/bin/paralign"])
    assert content_type(tmp_path / "data") == REVIEW_TYPE
    entry = (tmp_path / "data" / "applications" / desktop.DESKTOP_FILE).read_text(encoding="utf-8")
    assert REVIEW_TYPE in re.search(r"^MimeType=(.*)$", entry, re.M).group(1).split(";")
