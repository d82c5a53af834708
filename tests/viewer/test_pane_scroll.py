"""Linked scrolling through long paragraphs: after a jump, a small scroll moves the partner a little."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import window_showing
from PySide6.QtCore import QCoreApplication

from alignment import Alignment, Kind, Pair, Sentence, document_from_text


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
