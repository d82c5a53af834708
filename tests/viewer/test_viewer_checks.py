"""Editorial checks in the window: the panel, jumping to a check, flag marks, the flagged-only filter."""

from __future__ import annotations

from conftest import formatted_texts
from PySide6.QtGui import QColor, QImage

from alignment.checks import run_checks
from viewer.main_window import MainWindow
from viewer.navigation import reading_order
from viewer.text_pane import FLAG_WIDTH, TextPane


def click_check(window: MainWindow, n: int) -> None:
    """Click the n-th check the list shows."""
    panel = window.checks_panel
    panel.view.clicked.emit(panel.index_of(panel.visible_indices()[n]).siblingAtColumn(2))


def _near(a: QColor, b: QColor) -> bool:
    return abs(a.red() - b.red()) + abs(a.green() - b.green()) + abs(a.blue() - b.blue()) < 60


def flag_drawn(pane: TextPane, image: QImage, offset: int) -> bool:
    """Whether the gutter shows the flag colour beside the line of an offset."""
    top, bottom = pane.span_y(offset, offset)
    hue = pane.palette_.hue("flag")
    return any(
        _near(image.pixelColor(x, y), hue) for x in range(FLAG_WIDTH) for y in range(int(top), int(bottom))
    )


def test_panel_lists_the_seed_checks(window: MainWindow) -> None:
    expected = run_checks(window.alignment)
    assert expected
    assert window.checks == expected
    assert sorted(window.checks_panel.visible_checks(), key=expected.index) == expected
    assert window.checks_dock.isVisible() and window.pairs_dock.isVisible()


def test_clicking_a_check_selects_its_pair_and_marks_its_spans(window: MainWindow) -> None:
    panel = window.checks_panel
    row = next(r for r, c in enumerate(panel.visible_checks()) if c.source and c.target)
    check = panel.visible_checks()[row]
    click_check(window, row)
    assert window.current_pair == check.pair
    assert window.pair_table.view.currentIndex().row() == check.pair
    for side, span in (("source", check.source), ("target", check.target)):
        pane = window.panes[side]
        assert pane.current_pair == check.pair
        assert pane.flag_spans == [span]
        top, bottom = pane.span_y(*span)
        assert top >= 0 and bottom <= pane.viewport().height()
        marked = window.docs[side].text[span[0] : span[1]].replace("\u00a0", " ")
        assert formatted_texts(pane, "flag") == [marked]
    window.select_pair(check.pair + 1 if check.pair + 1 < len(window.alignment.pairs) else 0)
    assert window.panes["source"].flag_spans == [] and formatted_texts(window.panes["source"], "flag") == []


def test_gutter_flags_the_flagged_sentences_only(window: MainWindow) -> None:
    al = window.alignment
    flagged = window.checks_panel.flagged_pairs()
    for side in ("source", "target"):
        pane = window.panes[side]
        flags = pane.marks.flags
        assert flags.roles and set(flags.roles) == {"flag"}
        spans = [c.source if side == "source" else c.target for c in window.checks]
        for a, b in zip(flags.starts, flags.ends, strict=True):
            # A sentence is flagged for its pair's checks, or because a check's text reaches into it.
            assert al.pair_of(side, al.sentence_at(side, a)) in flagged or any(
                s is not None and s[0] < b and a < s[1] for s in spans)
        pane.gutter.repaint()
        image = pane.gutter.grab().toImage()
        first, last = pane.visible_range()
        shown = [a for a, _b, _r in flags.within(first, last) if a >= first]
        assert shown and all(flag_drawn(pane, image, a) for a in shown)
        plain = [s.start for k, s in enumerate(al.sentences(side))
                 if first <= s.start < last and al.pair_of(side, k) not in flagged]
        assert not any(flag_drawn(pane, image, a) for a in plain)


def test_only_flagged_pairs_filters_the_pair_table(window: MainWindow) -> None:
    table = window.pair_table
    flagged = window.checks_panel.flagged_pairs()
    window.checks_panel.flagged_only.setChecked(True)
    rows = [table.proxy.mapToSource(table.proxy.index(r, 0)).row() for r in range(table.proxy.rowCount())]
    assert rows == sorted(flagged)
    table.filter_box.setCurrentText("Dropped")
    assert 0 < table.proxy.rowCount() < len(flagged)
    table.filter_box.setCurrentText("All pairs")
    window.checks_panel.flagged_only.setChecked(False)
    assert table.proxy.rowCount() == len(window.alignment.pairs)


def test_next_and_previous_flagged_pair(window: MainWindow) -> None:
    flagged = window.checks_panel.flagged_pairs()
    order = [k for k in reading_order(window.alignment) if k in flagged]
    window.next_flag_action.trigger()
    assert window.current_pair == order[0]
    window.next_flag_action.trigger()
    assert window.current_pair == order[1]
    window.prev_flag_action.trigger()
    assert window.current_pair == order[0]
    assert window.next_flag_action.shortcut().toString() == "F8"
