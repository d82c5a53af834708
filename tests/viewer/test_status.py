"""The status bar: how each file was read (its Document.notes), for its side, in the palette's colours."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SEED, make_window, open_and_wait

from alignment.model import Document
from viewer.main_window import MainWindow
from viewer.palette import make_palette
from viewer.status import notes_lines

BAD = "3 bytes could not be read as UTF-8 and are shown as �"


def test_notes_are_named_by_their_side_and_none_give_no_line() -> None:
    clean = Document("a.txt", "text", ((0, 4),))
    damaged = Document("b.txt", "te\ufffdxt", ((0, 5),), notes=(BAD, "another note"))
    assert notes_lines({"original": clean, "paraphrase": damaged}) == [
        f"Paraphrase: {BAD}",
        "Paraphrase: another note",
    ]
    only = notes_lines({"original": damaged, "paraphrase": None})
    assert only == [f"Original: {BAD}", "Original: another note"]
    assert notes_lines({"original": clean, "paraphrase": clean}) == []


@pytest.fixture
def damaged(tmp_path: Path) -> Path:
    """The seed's paraphrase as UTF-8 with three bytes that are not UTF-8."""
    data = SEED[1].read_bytes()
    cut = data.index(b"Putin")
    path = tmp_path / "damaged.txt"
    path.write_bytes(data[:cut] + b"\x80\x80\x80" + data[cut:])
    return path


def _window(qtbot, settings_file: Path) -> MainWindow:
    """A window whose errors fail the test rather than wait in a dialog."""
    window = make_window(qtbot, settings_file)
    window.show_error = lambda message: pytest.fail(message)
    return window


def test_the_window_says_which_file_had_bytes_replaced_and_clears_it(
    qtbot, settings_file: Path, damaged: Path
) -> None:
    window = _window(qtbot, settings_file)
    open_and_wait(qtbot, window, str(SEED[0]), str(damaged))
    notes = window.reading_notes
    assert notes.isVisible() and notes.text() == f"⚠ Paraphrase: {BAD}"
    assert window.statusBar().isAncestorOf(notes)
    window.show_status("Change 1 of 52")  # a passing message leaves the notes in view
    assert notes.isVisible()
    open_and_wait(qtbot, window, str(damaged), str(SEED[1]))
    assert notes.text() == f"⚠ Original: {BAD}"
    open_and_wait(qtbot, window, *map(str, SEED))
    assert not notes.isVisible()


@pytest.mark.parametrize(("name", "dark"), [("default", False), ("okabe-ito", True)])
def test_the_notes_take_the_palettes_medium_tint_and_text_colour(
    qtbot, settings_file: Path, damaged: Path, name: str, dark: bool
) -> None:
    window = _window(qtbot, settings_file)
    window.set_palette_name(name)
    window.set_theme("dark" if dark else "light")
    open_and_wait(qtbot, window, str(SEED[0]), str(damaged))
    palette = make_palette(name, dark)
    image = window.reading_notes.grab().toImage()
    assert image.pixelColor(image.width() - 2, image.height() // 2) == palette.color("severity_medium")
    assert window.reading_notes.palette().windowText().color() == palette.text
