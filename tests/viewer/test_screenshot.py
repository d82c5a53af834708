"""The --screenshot mode and what it shows."""

from __future__ import annotations

from pathlib import Path

from conftest import SEED
from PySide6.QtCore import QPoint
from PySide6.QtGui import QImage

from viewer.app import main, parse_args, screenshot
from viewer.main_window import MainWindow


def test_parse_size_and_files() -> None:
    args = parse_args(["a.txt", "b.txt", "--screenshot", "x.png", "--size", "800x600"])
    assert (args.files, args.screenshot) == (["a.txt", "b.txt"], "x.png")
    assert (args.size.width(), args.size.height()) == (800, 600)


def test_screenshot_command_writes_a_png(tmp_path: Path) -> None:
    out = tmp_path / "shot.png"
    assert main([*map(str, SEED), "--screenshot", str(out), "--size", "1000x700"]) == 0
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1000, 700)


def test_screenshot_with_no_files_shows_the_sample(tmp_path: Path) -> None:
    out = tmp_path / "sample.png"
    assert main(["--screenshot", str(out)]) == 0
    assert not QImage(str(out)).isNull()


def _first_plain_point(window: MainWindow, role: str) -> QPoint:
    """A window point inside the first sentence of a role, away from any word mark."""
    pane = window.panes["source"]
    marks = pane.marks
    a, b, _ = next(r for r in zip(marks.sentences.starts, marks.sentences.ends, marks.sentences.roles,
                                  strict=True) if r[2] == role)
    text = pane.toPlainText()
    pos = next(p for p in range(a, b - 1) if text[p].isalpha() and not marks.words.within(p, p + 1))
    cursor = pane.textCursor()
    cursor.setPosition(pos)
    rect = pane.cursorRect(cursor)
    return pane.viewport().mapTo(window, QPoint(rect.x() + 1, rect.top() + 2))


def test_screenshot_pixels_carry_the_legend_colour(window: MainWindow, tmp_path: Path) -> None:
    out = tmp_path / "seed.png"
    assert screenshot(window, str(out)) == 0
    image = QImage(str(out))
    role = "changed"
    colour = window.panes["source"].palette_.color(role)
    point = _first_plain_point(window, role)
    assert image.pixelColor(point).name() == colour.name()
    assert f"background:{colour.name()}" in window.legend.text()
