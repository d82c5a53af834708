"""Engine offsets (code points) against Qt positions (UTF-16 units) with characters outside the BMP."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import formatted_texts, hand_alignment, window_showing
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCursor

from viewer.main_window import MainWindow
from viewer.offsets import OffsetMap


def utf16(text: str, offset: int) -> int:
    """The Qt position of a code-point offset, counted the slow, obvious way."""
    return len(text[:offset].encode("utf-16-le")) // 2


@pytest.mark.parametrize("text", ["", "plain text, no astral", "a🙂b", "🙂🙂x𝔸y 🙂", "字𠀋字 end🙂"])
def test_offset_map_matches_utf16_both_ways(text: str) -> None:
    offsets = OffsetMap(text)
    for k in range(len(text) + 1):
        assert offsets.to_qt(k) == utf16(text, k)
        assert offsets.to_engine(utf16(text, k)) == k


def test_inside_a_surrogate_pair_maps_past_the_character() -> None:
    assert OffsetMap("a🙂b").to_engine(2) == 2


@pytest.fixture
def emoji(qtbot, settings_file: Path, monkeypatch: pytest.MonkeyPatch) -> MainWindow:
    """A window on the hand-made alignment with an emoji opening every sentence."""
    al = hand_alignment(12, prefix="🙂 ")
    return window_showing(qtbot, settings_file, monkeypatch, al)


def test_click_after_emojis_selects_the_right_pair_and_marks_its_words(qtbot, emoji: MainWindow) -> None:
    al = emoji.alignment
    text = al.target.text
    pane = emoji.panes["target"]
    # "states" stands in target sentence 2 (pair 1), after three emojis; one more code unit each.
    word = text.index("states")
    cursor = QTextCursor(pane.document())
    cursor.setPosition(utf16(text, word) + 2)
    rect = pane.cursorRect(cursor)
    qtbot.mouseClick(pane.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(rect.x(), rect.center().y()))
    assert pane.cursor_offset() == word + 2
    assert emoji.current_pair == 1
    assert emoji.panes["source"].current_pair == 1
    assert formatted_texts(pane, "word_replaced") == ["states"]
    assert formatted_texts(emoji.panes["source"], "word_replaced") == ["says"]
    for role, k in (("changed", 2), ("added", 3)):
        sentence = al.target_sentences[k]
        assert formatted_texts(pane, role) == [text[sentence.start : sentence.end]]
