"""Linked scrolling through long paragraphs: after a jump, a small scroll moves the partner a little."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import window_showing
from PySide6.QtCore import QCoreApplication, QSignalBlocker
from PySide6.QtWidgets import QScrollBar

import viewer.main_window
from alignment import Alignment, Kind, Pair, Sentence, document_from_text
from viewer.text_pane import TextPane


def _long_paragraphs(paragraphs: int = 90) -> Alignment:
    """The same text on both sides: paragraphs of a few lines between long ones (dozens of wrapped
    lines), each sentence kept."""
    sizes = [40 if p % 3 == 0 else 2 for p in range(paragraphs)]
    parts = [
        " ".join(f"Sentence {p}.{s} of the text goes on for a while here." for s in range(sizes[p]))
        for p in range(paragraphs)
    ]
    text = "\n\n".join(parts)
    spans, pos = [], 0
    for n, size in enumerate(sizes):
        for s in range(size):
            start = text.index(f"Sentence {n}.{s} ", pos)
            end = text.index(".", text.index("here", start)) + 1
            spans.append(Sentence(start, end, n))
            pos = end
    pairs = tuple(Pair((k,), (k,), Kind.SAME, False, 1.0) for k in range(len(spans)))
    return Alignment(document_from_text(text, "a.txt"), document_from_text(text, "b.txt"), tuple(spans),
                     tuple(spans), pairs)


def test_after_a_jump_a_three_line_scroll_moves_the_partner_about_three_lines(
    qtbot, settings_file: Path, monkeypatch: pytest.MonkeyPatch  # noqa: ANN001
) -> None:
    al = _long_paragraphs()
    window = window_showing(qtbot, settings_file, monkeypatch, al)
    window.leader = "source"
    source, target = (window.panes[side].verticalScrollBar() for side in ("source", "target"))
    moves = []
    for k in range(1, 31):
        source.setValue(source.maximum() * k // 31)
        QCoreApplication.processEvents()
        before = target.value()
        source.setValue(source.value() + 3)
        QCoreApplication.processEvents()
        moves.append(target.value() - before)
    assert all(abs(m) <= 6 for m in moves), moves


def test_a_jump_scrolls_the_partner_once_and_follows_it_once(
    qtbot, settings_file: Path, monkeypatch: pytest.MonkeyPatch  # noqa: ANN001
) -> None:
    # Qt numbers the lines anew as it lays the blocks jumped to out; the outer scroll bar's value, fed
    # back, scrolled the original back and the paraphrase after it a second time.
    al = _long_paragraphs(600)
    window = window_showing(qtbot, settings_file, monkeypatch, al)
    window.leader = "source"
    source = window.panes["source"].verticalScrollBar()
    scrolls: list[list[int]] = []
    window.panes["target"].updateRequest.connect(lambda _rect, dy: dy and scrolls[-1].append(dy))
    followed: list[int] = []
    follow = viewer.main_window.partner_offset
    monkeypatch.setattr(viewer.main_window, "partner_offset", lambda *a: followed.append(1) or follow(*a))
    for k in range(1, 31):
        scrolls.append([])
        source.setValue(source.maximum() * k // 31)
        QCoreApplication.processEvents()
    assert all(len(s) <= 1 for s in scrolls), scrolls
    # Once a jump, not again each time the original's lines are numbered anew (89 without the check).
    assert len(followed) <= 40, len(followed)
    assert sum(map(len, scrolls)) >= 25, "the paraphrase followed the jumps"


def test_the_outer_scroll_bar_steps_from_where_the_pane_is(qtbot) -> None:  # noqa: ANN001
    pane = TextPane("source")
    qtbot.addWidget(pane)
    outer = pane.outer_scroll_bar()
    pane.setPlainText("\n".join(f"Line {n}." for n in range(500)))
    pane.show()
    inner = pane.verticalScrollBar()
    inner.setValue(10)
    with QSignalBlocker(inner):  # as Qt sets it when it numbers the lines anew
        inner.setValue(40)
    outer.triggerAction(QScrollBar.SliderAction.SliderSingleStepAdd)
    assert inner.value() == 40 + inner.singleStep()
    outer.setSliderPosition(200)  # dragged
    assert inner.value() == 200 == outer.value()
