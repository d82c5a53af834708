"""Every way to a pair shows it on both sides: gap markers, F8, the checks panel, the pair detail."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SEED, make_window, open_and_wait
from PySide6.QtCore import QEvent, QPoint, QSettings, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QApplication

from alignment.model import Kind
from viewer.main_window import FIRST_SIZE, MainWindow
from viewer.pair_detail import pair_html, pair_tooltip, score_words
from viewer.pair_table import COLUMNS
from viewer.settings import Settings
from viewer.text_pane import TextPane

ANIMALS = "otter heron badger lynx marten ibis falcon beaver stoat weasel".split()
CITIES = "Lyon Porto Riga Turin Ghent Split Cork Brno".split()
N = 80
DROPPED, MOVED = 40, 70


def _sentence(i: int, count: int | None = None) -> str:
    return (f"The {ANIMALS[i % 10]} of {CITIES[i // 10]} counted {count or i + 3} pebbles "
            f"near the old {ANIMALS[(i * 3 + 1) % 10]} bridge.")  # fmt: skip


@pytest.fixture
def moved_pair(tmp_path: Path) -> tuple[Path, Path]:
    """Eighty sentences; the paraphrase drops sentence 40 and moves sentence 70 up front, a number changed."""
    source = [_sentence(i) for i in range(N)]
    target = [s for i, s in enumerate(source) if i not in (DROPPED, MOVED)]
    target.insert(2, _sentence(MOVED, 999))
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("\n\n".join(source), encoding="utf-8")
    b.write_text("\n\n".join(target), encoding="utf-8")
    return a, b


def _in_view(pane: TextPane, start: int, end: int) -> bool:
    top, bottom = pane.span_y(start, end)
    return top >= 0 and bottom <= pane.viewport().height()


def _shows_pair(window: MainWindow, pair: int) -> bool:
    """Whether both panes show a pair: its text, or on a side without any its gap marker."""
    for side, pane in window.panes.items():
        span = window.alignment.span(side, pair)
        gap = pane.gap_at(pair)
        if span is not None and not _in_view(pane, *span):
            return False
        if span is None and not (gap is not None and 0 <= pane.gap_y(gap) <= pane.viewport().height()):
            return False
    return True


def _click_check_of(qtbot, window: MainWindow, pair: int) -> None:
    panel = window.checks_panel
    window.checks_dock.raise_()
    row = next(r for r in range(panel.proxy.rowCount()) if panel.visible_checks()[r].pair == pair)
    index = panel.proxy.index(row, 2)
    panel.view.scrollTo(index)
    centre = panel.view.visualRect(index).center()
    qtbot.mouseClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=centre)


def _wait_for_checks(qtbot, window: MainWindow) -> None:
    qtbot.waitUntil(lambda: window.checks_panel.model.rowCount() > 0, timeout=20000)


def test_a_dropped_sentence_has_a_gap_marker_where_it_would_stand(qtbot, settings_file, moved_pair) -> None:
    window = make_window(qtbot, settings_file)
    open_and_wait(qtbot, window, *map(str, moved_pair))
    al = window.alignment
    dropped = next(k for k, p in enumerate(al.pairs) if p.kind is Kind.DELETED)
    assert al.text("source", dropped) == _sentence(DROPPED)
    gap = window.panes["target"].gap_at(dropped)
    before = al.text("target", al.pair_at("target", gap - 1))
    assert before == _sentence(DROPPED - 1)  # right after the sentence that came before it
    assert window.panes["source"].gap_at(dropped) is None
    assert [k for _, k in window.panes["source"].gaps] == [k for k, p in enumerate(al.pairs) if not p.source]


def test_a_checks_panel_click_shows_a_dropped_sentence_and_a_moved_pair_on_both_sides(
    qtbot, settings_file, moved_pair
) -> None:
    window = make_window(qtbot, settings_file)
    open_and_wait(qtbot, window, *map(str, moved_pair))
    _wait_for_checks(qtbot, window)
    al = window.alignment
    dropped = next(k for k, p in enumerate(al.pairs) if p.kind is Kind.DELETED)
    moved = next(k for k, p in enumerate(al.pairs) if p.moved)
    for pair in (dropped, moved, dropped):
        _click_check_of(qtbot, window, pair)
        assert window.current_pair == pair
        assert _shows_pair(window, pair), pair


def test_f8_selects_the_check_and_marks_its_words(window: MainWindow, qtbot) -> None:
    _wait_for_checks(qtbot, window)
    window.current_pair = None
    window.next_flag_action.trigger()
    panel = window.checks_panel
    current = panel.view.currentIndex()
    assert current.isValid()
    check = panel.visible_checks()[current.row()]
    assert window.current_pair == check.pair
    for side, span in (("source", check.source), ("target", check.target)):
        assert window.panes[side].flag_spans == ([span] if span else [])
    assert _shows_pair(window, check.pair)
    window.next_flag_action.trigger()
    assert panel.visible_checks()[panel.view.currentIndex().row()].pair != check.pair


def test_pair_detail_shows_both_sides_graded_with_score_and_checks(window: MainWindow, qtbot) -> None:
    _wait_for_checks(qtbot, window)
    al = window.alignment
    k = al.pair_at("source", al.source.text.index("Our troops are advancing"))
    window.select_pair(k)
    text = window.pair_detail.toPlainText()
    assert text.startswith(f"Pair {k + 1}: reworded, meaning changed\n")
    src, tgt = al.text("source", k), al.text("target", k)
    assert text.index(src[:40]) < text.index("Paraphrase") < text.index(tgt[:40])
    assert "troops\n→\nforces\nwording" in text
    assert f"Similarity {al.pairs[k].score:.0%}" in text
    checks = [c for c in window.checks if c.pair == k]
    assert checks and all(c.message in text for c in checks)
    assert "HIGH" in text


def test_pair_detail_explains_a_dropped_sentence_and_a_score() -> None:
    from conftest import hand_alignment

    al = hand_alignment()
    page = pair_html(al, 2, [])
    assert "nothing on this side" in page and "No check fired" in page
    assert score_words(al.pairs[1]) == "similarity 80%: most of the words kept (rarer words count more)"


def test_first_launch_takes_most_of_the_screen_and_the_table_twelve_rows(qtbot, tmp_path: Path) -> None:
    window = MainWindow(Settings(QSettings(str(tmp_path / "fresh.ini"), QSettings.Format.IniFormat)))
    qtbot.addWidget(window)
    screen = window.screen().availableGeometry()
    assert abs(window.width() - screen.width() * FIRST_SIZE) <= 2
    assert abs(window.height() - screen.height() * FIRST_SIZE) <= 2
    window.resize(1600, 1000)
    window.show()
    open_and_wait(qtbot, window, *map(str, SEED))
    window.pairs_dock.raise_()
    qtbot.waitUntil(lambda: window.pair_table.view.isVisible())
    table = window.pair_table.view
    assert table.viewport().height() >= 12 * table.verticalHeader().defaultSectionSize()


def test_hovering_a_changed_word_or_its_gutter_mark_says_pair_grade_and_check(
    window: MainWindow, qtbot
) -> None:
    _wait_for_checks(qtbot, window)
    al, pane = window.alignment, window.panes["source"]
    at = al.source.text.index("troops are advancing")
    k = al.pair_at("source", at)
    text = pair_tooltip(al, "source", at, window.checks)
    assert text.startswith(f"Pair {k + 1}: Reworded")
    assert "troops → forces: wording" in text
    assert any(f"! {c.severity}: {c.message}" in text for c in window.checks if c.pair == k)
    shown = []
    monkey = pytest.MonkeyPatch()
    monkey.setattr("viewer.text_pane.QToolTip.showText", lambda _at, tip, *_a: shown.append(tip))
    try:
        pane.scroll_to_offset(at)
        y = round(pane.line_y(at)[0] + 2)
        qtbot.wait(10)
        for widget, x in ((pane.gutter, 20), (pane.viewport(), pane.viewport().width() // 2)):
            point = QPoint(x, y)
            QApplication.sendEvent(widget, QHelpEvent(QEvent.Type.ToolTip, point, widget.mapToGlobal(point)))
    finally:
        monkey.undo()
    assert len(shown) == 2 and all(tip.startswith(f"Pair {k + 1}:") for tip in shown)


def test_unrelated_texts_get_a_banner_and_related_ones_none(qtbot, settings_file, tmp_path: Path) -> None:
    window = make_window(qtbot, settings_file)
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("Cats purr when they sleep on warm rugs. Kittens chase yarn all morning.", encoding="utf-8")
    b.write_text("Quarterly revenue grew in Asian markets. Bond yields fell sharply today.", encoding="utf-8")
    open_and_wait(qtbot, window, str(a), str(b))
    assert window.banner.isVisible() and "nothing in common" in window.banner.text()
    open_and_wait(qtbot, window, *map(str, SEED))
    assert not window.banner.isVisible()


def test_a_dropped_filter_gives_the_original_column_the_width(window: MainWindow) -> None:
    table = window.pair_table
    original, paraphrase = COLUMNS.index("Original"), COLUMNS.index("Paraphrase")
    table.filter_box.setCurrentText("Dropped")
    assert table.view.isColumnHidden(paraphrase) and not table.view.isColumnHidden(original)
    table.filter_box.setCurrentText("Added")
    assert table.view.isColumnHidden(original) and not table.view.isColumnHidden(paraphrase)
    table.filter_box.setCurrentText("All pairs")
    assert not any(table.view.isColumnHidden(c) for c in range(len(COLUMNS)))
