"""Painting after a scroll: only the exposed strip is painted, and it comes out as a whole paint does."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import hand_alignment, make_window, open_and_wait, window_showing
from PySide6.QtCore import QEvent, QObject, QPoint, QRect
from PySide6.QtGui import QColor, QImage, QRegion
from PySide6.QtWidgets import QApplication, QWidget

import viewer.jobs
from alignment import Alignment, Kind, Pair, Sentence, document_from_text
from alignment.review import Mark, Review, State, pair_key
from viewer.main_window import MainWindow

STRIP = 7
"""Pixels per strip: less than a line, so that strips cut lines and the glyphs on them."""
TOLERANCE = 8
"""Per colour channel: antialiased glyphs painted in strips differ from whole ones by a unit or so."""


@pytest.fixture
def scrolled(qtbot, settings_file: Path, monkeypatch: pytest.MonkeyPatch) -> MainWindow:
    al = hand_alignment(80)
    monkeypatch.setattr(viewer.jobs, "align", lambda *a, **k: al)
    window = make_window(qtbot, settings_file)
    for dock in (window.pairs_dock, window.checks_dock, window.detail_dock):
        dock.hide()
    window.resize(900, 500)
    open_and_wait(qtbot, window, al.source, al.target)
    assert window.panes["source"].gutter.height() > 100
    window.panes["source"].verticalScrollBar().setValue(3)
    qtbot.wait(20)
    return window


def _image(widget: QWidget, strips: bool) -> QImage:
    """The widget painted whole, or strip by strip as scrolls expose it."""
    image = QImage(widget.size(), QImage.Format.Format_ARGB32)
    image.fill(QColor("magenta"))
    if not strips:
        widget.render(image)
        return image
    for top in range(0, widget.height(), STRIP):
        strip = QRect(0, top, widget.width(), STRIP)
        widget.render(image, QPoint(0, top), QRegion(strip))
    return image


def test_the_gutter_painted_strip_by_strip_is_the_gutter_painted_whole(scrolled: MainWindow) -> None:
    for side in ("source", "target"):
        gutter = scrolled.panes[side].gutter
        whole = _image(gutter, strips=False)
        assert len({whole.pixel(x, y) for x in range(gutter.width()) for y in range(gutter.height())}) > 3
        assert _differing(_image(gutter, strips=True), whole) == [], side


def _differing(a: QImage, b: QImage) -> list[tuple[int, int]]:
    """Pixels where two images differ by more than the tolerance in some channel."""
    out = []
    for x in range(a.width()):
        for y in range(a.height()):
            p, q = a.pixelColor(x, y), b.pixelColor(x, y)
            if max(abs(p.red() - q.red()), abs(p.green() - q.green()), abs(p.blue() - q.blue())) > TOLERANCE:
                out.append((x, y))
    return out



def _short_sentences(n: int) -> Alignment:
    """n two-letter sentences on each side, pair k linking sentence k to sentence k: many a line."""
    text = " ".join("Ab." for _ in range(n))
    sentences = tuple(Sentence(4 * k, 4 * k + 3, 0) for k in range(n))
    pairs = tuple(Pair((k,), (k,), Kind.SAME, False, 1.0) for k in range(n))
    source, target = document_from_text(text, "a.txt"), document_from_text(text, "b.txt")
    return Alignment(source, target, sentences, sentences, pairs)


def test_the_review_margin_painted_strip_by_strip_is_the_margin_painted_whole(
    qtbot, settings_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    al = _short_sentences(400)
    window = window_showing(qtbot, settings_file, monkeypatch, al)
    review = Review()
    for k in range(0, len(al.pairs), 7):  # a state and a note: glyphs on two lines, the next one shared
        review = review.with_pair(pair_key(al.pairs[k]), Mark((State.ACCEPTED, State.FLAGGED)[k % 2], "note"))
    window.review.state.edit(review, "marks")
    margin = window.review_margins["source"]
    whole = _image(margin, strips=False)
    assert len({whole.pixel(x, y) for x in range(margin.width()) for y in range(margin.height())}) > 3
    assert _differing(_image(margin, strips=True), whole) == []


class PaintRecorder(QObject):
    """Remembers the height of every paint a widget gets."""

    def __init__(self) -> None:
        super().__init__()
        self.heights: list[int] = []

    def eventFilter(self, _watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Paint:
            self.heights.append(event.rect().height())
        return False


def test_a_scroll_repaints_only_the_strip_it_exposes_and_the_screen_shows_what_a_whole_paint_does(
    qtbot, scrolled: MainWindow
) -> None:
    pane = scrolled.panes["source"]
    widgets = (pane.viewport(), pane.gutter, scrolled.review_margins["source"])
    recorders = {widget: PaintRecorder() for widget in widgets}
    for widget, recorder in recorders.items():
        widget.installEventFilter(recorder)
    bar = pane.verticalScrollBar()
    for step in (1, 2, 1, -1, 3, -2):
        for recorder in recorders.values():
            recorder.heights.clear()
        bar.setValue(bar.value() + step)
        qtbot.waitUntil(lambda: all(r.heights for r in recorders.values()))
        qtbot.wait(10)
        for widget, recorder in recorders.items():
            assert max(recorder.heights) < widget.height() / 2, (widget.accessibleName(), recorder.heights)
    # The panes, gutters, margins and bands as the screen shows them, against a paint from scratch.
    central = scrolled.centralWidget()
    area = QRect(central.mapTo(scrolled, QPoint(0, 0)), central.size())
    shown = QApplication.primaryScreen().grabWindow(scrolled.winId()).toImage().copy(area)
    assert _differing(shown, scrolled.grab(area).toImage()) == []
