"""The band strip after a scroll: what the last paint measured, moved with its pane, is what a paint from
scratch measures; only what came into view is measured again."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import window_showing
from PySide6.QtCore import QCoreApplication

from alignment import Alignment, Kind, Pair, Sentence, document_from_text
from viewer.link_map import LinkMap
from viewer.main_window import MainWindow


def _reflowed(paragraphs: int = 60) -> Alignment:
    """The same sentences on both sides, in long paragraphs in the original and one a paragraph in the
    paraphrase, so that a linked scroll moves the panes by different heights."""
    sentences = [f"Sentence {p}.{s} of the text goes on for a while here." for p in range(paragraphs)
                 for s in range(12 if p % 3 == 0 else 2)]

    def side(text: str) -> tuple[Sentence, ...]:
        out, pos = [], 0
        for sentence in sentences:
            start = text.index(sentence, pos)
            pos = start + len(sentence)
            out.append(Sentence(start, pos, text.count("\n\n", 0, start)))
        return tuple(out)

    parts, k = [], 0
    for p in range(paragraphs):
        size = 12 if p % 3 == 0 else 2
        parts.append(" ".join(sentences[k : k + size]))
        k += size
    source, target = "\n\n".join(parts), "\n\n".join(sentences)
    kinds = [Kind.SAME if k % 4 else Kind.CHANGED for k in range(len(sentences))]
    pairs = tuple(Pair((k,), (k,), kind, False, 0.9) for k, kind in enumerate(kinds))
    return Alignment(document_from_text(source, "a.txt"), document_from_text(target, "b.txt"), side(source),
                     side(target), pairs)


def _bands(strip: LinkMap) -> list[tuple[int, list[tuple[float, float]]]]:
    """Each band painted: its pair and the points of its outline."""
    return [(pair, [(path.elementAt(i).x, path.elementAt(i).y) for i in range(path.elementCount())])
            for pair, path in strip._bands]


def _painted(window: MainWindow) -> list:
    QCoreApplication.processEvents()
    window.link_map.repaint()
    return _bands(window.link_map)


def _from_scratch(window: MainWindow) -> list:
    for known in window.link_map._measured.values():
        known.clear()
    window.link_map.repaint()
    return _bands(window.link_map)


def _same(a: list, b: list) -> bool:
    return [p for p, _ in a] == [p for p, _ in b] and all(
        abs(x - u) < 1e-6 and abs(y - v) < 1e-6
        for (_, one), (_, other) in zip(a, b, strict=True) for (x, y), (u, v) in zip(one, other, strict=True)
    )


@pytest.fixture
def window(qtbot, settings_file: Path, monkeypatch: pytest.MonkeyPatch) -> MainWindow:
    shown = window_showing(qtbot, settings_file, monkeypatch, _reflowed())
    shown.resize(1200, 800)
    return shown


def test_bands_after_scrolls_and_a_resize_are_those_a_paint_from_scratch_draws(window: MainWindow) -> None:
    bars = {side: window.panes[side].verticalScrollBar() for side in ("source", "target")}
    steps = []
    for leader in ("source", "target"):
        window.leader = leader
        bar = bars[leader]
        for k in (3, 9, 4):
            steps.append(lambda bar=bar, k=k: bar.setValue(bar.maximum() * k // 13))
            steps.append(lambda bar=bar: bar.setValue(bar.value() + 3))
            steps.append(lambda bar=bar: bar.setValue(bar.value() - 2))
    steps.append(lambda: window.link_action.setChecked(False))
    steps += [lambda: bars["target"].setValue(bars["target"].value() + 5), lambda: window.resize(1000, 700)]
    steps.append(lambda: bars["source"].setValue(bars["source"].value() + 1))
    moved = 0
    for step in steps:
        before = _painted(window)
        step()
        after = _painted(window)
        moved += after != before
        assert after and _same(after, _from_scratch(window)), f"step {steps.index(step)}"
    assert moved >= len(steps) - 2, "the steps moved the bands"


def test_a_small_scroll_measures_only_what_came_into_view(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    window.leader = "source"
    bar = window.panes["source"].verticalScrollBar()
    bar.setValue(bar.maximum() // 2)
    measured: list[int] = []
    for pane in window.panes.values():
        measure = pane.sentence_y
        monkeypatch.setattr(pane, "sentence_y", lambda at, f=measure: measured.append(at) or f(at))
    _from_scratch(window)
    whole = len(measured)
    measured.clear()
    bar.setValue(bar.value() + 3)
    _painted(window)
    assert 0 < len(measured) <= whole // 3, (len(measured), whole)


def test_the_strip_keeps_no_alignment_alive_once_none_is_shown(window: MainWindow) -> None:
    strip = window.link_map
    strip.repaint()
    assert strip._measured_for is window.alignment
    strip.alignment = None
    strip.repaint()
    assert strip._measured_for is None
