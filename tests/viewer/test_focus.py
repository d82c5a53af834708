"""Focus modes: which word marks show, which pairs next change visits, and that the mode is remembered."""

from __future__ import annotations

from pathlib import Path

from conftest import SEED, make_window, open_and_wait
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCharFormat

from viewer.focus import Focus, visits
from viewer.main_window import MainWindow
from viewer.navigation import reading_order
from viewer.text_pane import TextPane

DOTTED = QTextCharFormat.UnderlineStyle.DotLine
NO_TINT = Qt.BrushStyle.NoBrush


def formats_at(pane: TextPane, offset: int) -> list[QTextCharFormat]:
    """The character formats the pane lays over one character, sentence tint first."""
    pos = pane.offsets.to_qt(offset)
    block = pane.document().findBlock(pos)
    pane._format_block(block)
    at = pos - block.position()
    ranges = block.layout().formats()
    return [QTextCharFormat(fr.format) for fr in ranges if fr.start <= at < fr.start + fr.length]


def _offset(window: MainWindow, words: str) -> int:
    return window.docs["source"].text.index(words)


def _word_format(window: MainWindow, words: str) -> QTextCharFormat | None:
    """The word mark over the first character of some words of the original (None: only a tint)."""
    formats = formats_at(window.panes["source"], _offset(window, words))
    marks = [f for f in formats if f.underlineStyle() != QTextCharFormat.UnderlineStyle.NoUnderline]
    return marks[-1] if marks else None


def test_all_marks_show_form_and_wording_changes(window: MainWindow) -> None:
    window.focus_actions.set_focus(Focus.ALL)
    form = _word_format(window, "Aug. 8")
    wording = _word_format(window, "troops are advancing")
    assert form is not None and form.underlineStyle() == DOTTED and form.background().style() == NO_TINT
    assert wording is not None and wording.underlineStyle() == DOTTED
    assert wording.background().color() == window.panes["source"].palette_.color("word_wording")


def test_meaning_only_hides_form_and_shows_wording_faint(window: MainWindow) -> None:
    window.focus_actions.set_focus(Focus.MEANING)
    assert _word_format(window, "Aug. 8") is None
    wording = _word_format(window, "troops are advancing")
    assert wording is not None and wording.underlineStyle() == DOTTED
    assert wording.background().style() == NO_TINT
    summer = formats_at(window.panes["source"], _offset(window, "summer offensive"))
    assert summer[-1].background().color() == window.panes["source"].palette_.color("word_replaced")


def test_selected_pair_only_marks_that_pair(window: MainWindow) -> None:
    window.focus_actions.set_focus(Focus.PAIR)
    al = window.alignment
    troops = al.pair_at("source", _offset(window, "troops are advancing"))
    august = al.pair_at("source", _offset(window, "Aug. 8"))
    window.select_pair(troops)
    assert _word_format(window, "troops are advancing") is not None
    assert _word_format(window, "Aug. 8") is None
    window.select_pair(august)
    assert _word_format(window, "troops are advancing") is None
    assert _word_format(window, "Aug. 8") is not None


def test_a_pair_that_keeps_its_meaning_is_tinted_quieter(window: MainWindow) -> None:
    al, pane = window.alignment, window.panes["source"]
    kept = [k for k, p in enumerate(al.pairs) if p.kind == "changed" and not visits(p, Focus.MEANING)]
    assert kept, "the seed has reworded pairs that keep their meaning"
    tint = formats_at(pane, al.span("source", kept[0])[0])[0].background().color()
    assert tint == pane.palette_.color("kept") != pane.palette_.color("changed")


def _visit_all(window: MainWindow) -> list[int]:
    window.current_pair = None
    seen = []
    while True:
        before = window.current_pair
        window.go_change(True)
        if window.current_pair == before:
            return seen
        seen.append(window.current_pair)


def test_next_change_visits_fewer_pairs_for_meaning_and_says_where_it_is(window: MainWindow) -> None:
    window.focus_actions.set_focus(Focus.ALL)
    every = _visit_all(window)
    assert "Last change reached" in window.statusBar().currentMessage()
    window.focus_actions.set_focus(Focus.MEANING)
    meaning = _visit_all(window)
    assert 0 < len(meaning) < len(every)
    pairs = window.alignment.pairs
    assert meaning == [k for k in reading_order(window.alignment) if visits(pairs[k], Focus.MEANING)]
    window.current_pair = None
    window.go_change(True)
    assert window.statusBar().currentMessage() == f"Change 1 of {len(meaning)} (meaning changes only)"
    window.go_change(False)
    assert "First change reached (change 1 of" in window.statusBar().currentMessage()


def test_focus_is_a_radio_choice_and_is_remembered(qtbot, settings_file: Path) -> None:
    first = make_window(qtbot, settings_file)
    assert first.focus_actions.group.isExclusive()
    first.focus_actions.actions[Focus.MEANING].trigger()
    assert [f for f, a in first.focus_actions.actions.items() if a.isChecked()] == [Focus.MEANING]
    first.close()
    again = make_window(qtbot, settings_file)
    open_and_wait(qtbot, again, *map(str, SEED))
    assert again.focus_actions.focus is Focus.MEANING
    assert all(pane.focus is Focus.MEANING for pane in again.panes.values())
