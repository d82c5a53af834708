"""A narrow map of a whole document beside its scroll bar: where the changes are, clickable."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QImage, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QWidget

from viewer.marks import Ranges
from viewer.palette import Palette, make_palette
from viewer.text_pane import TextPane

MIN_TICK = 1.5
"""Pixels a sentence's tick takes at least, so that a short one in a long book still shows."""


def ticks(ranges: Ranges, scale: float, height: int) -> list[tuple[int, int, str]]:
    """The ticks of sentence ranges at ``scale`` pixels per character, as runs of whole pixel rows of one
    role (a later range wins a row, as when painted): a book fills a few hundred rectangles, not
    one per sentence.

    In numpy: each range's rows are listed (ranges do not overlap, so a book lists about one row per
    range) and every row keeps the last range on it."""
    if not ranges.roles or height <= 0:
        return []
    a, b = np.asarray(ranges.starts, dtype=np.float64), np.asarray(ranges.ends, dtype=np.float64)
    top = a * scale
    first = np.minimum(top.astype(np.int64), height)
    last = np.minimum(np.ceil(top + np.maximum(MIN_TICK, (b - a) * scale)).astype(np.int64), height)
    counts = np.maximum(last - first, 0)
    owner = np.repeat(np.arange(len(counts)), counts)
    rows = np.arange(len(owner)) - np.repeat(np.cumsum(counts) - counts, counts) + np.repeat(first, counts)
    winner = np.full(height, -1, dtype=np.int64)
    np.maximum.at(winner, rows, owner)
    names = sorted(set(ranges.roles))
    code = {name: n for n, name in enumerate(names)}
    role = np.fromiter((code[r] for r in ranges.roles), dtype=np.int64, count=len(ranges.roles))
    painted = np.where(winner >= 0, role[np.maximum(winner, 0)], -1)
    cuts = np.flatnonzero(np.diff(painted)) + 1
    starts, ends = np.concatenate(([0], cuts)), np.concatenate((cuts, [height]))
    runs = zip(starts.tolist(), ends.tolist(), painted[starts].tolist(), strict=True)
    return [(y0, y1, names[r]) for y0, y1, r in runs if r >= 0]


class OverviewMap(QWidget):
    """Every coloured sentence of one pane as a tick; the visible part as a frame."""

    def __init__(self, pane: TextPane, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._pane = pane
        self.setAccessibleName(f"{pane.accessibleName()} overview map")
        self.setToolTip("Overview: click to jump")
        self.setFixedWidth(14)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.palette_: Palette = make_palette()
        self._cache: QImage | None = None
        pane.verticalScrollBar().valueChanged.connect(self.update)

    def sizeHint(self) -> QSize:
        """Narrow."""
        return QSize(14, 200)

    def refresh(self) -> None:
        """Redraw the ticks after the alignment or the palette changed."""
        self._cache = None
        self.update()

    def _length(self) -> int:
        """The length of the text the map spans, in engine offsets like the marks."""
        return max(1, self._pane.offsets.length)

    def _render(self) -> QImage:
        """Paint the ticks of all coloured sentences once."""
        image = QImage(self.size() * self.devicePixelRatioF(), QImage.Format.Format_ARGB32_Premultiplied)
        image.setDevicePixelRatio(self.devicePixelRatioF())
        image.fill(self.palette_.page.darker(106 if not self.palette_.dark else 75))
        marks = self._pane.marks
        if marks is not None:
            painter = QPainter(image)
            width = self.width() - 4
            for top, bottom, role in ticks(marks.sentences, self.height() / self._length(), self.height()):
                painter.fillRect(QRectF(2, top, width, bottom - top), self.palette_.hue(role))
            painter.end()
        return image

    def paintEvent(self, event: QPaintEvent) -> None:
        """The cached ticks and a frame around the part in view."""
        if self._cache is None or self._cache.size() != self.size() * self.devicePixelRatioF():
            self._cache = self._render()
        painter = QPainter(self)
        painter.drawImage(0, 0, self._cache)
        first, last = self._pane.visible_range()
        scale = self.height() / self._length()
        frame = QColor(self.palette_.text)
        frame.setAlpha(150)
        painter.setPen(QPen(frame, 1))
        fill = QColor(frame)
        fill.setAlpha(30)
        painter.setBrush(fill)
        painter.drawRect(QRectF(0.5, first * scale, self.width() - 1, max(3.0, (last - first) * scale)))

    def mousePressEvent(self, event: QMouseEvent) -> None:
        """Jump to the point clicked."""
        self._jump(event.position().y())

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        """Follow a drag."""
        if event.buttons() & Qt.MouseButton.LeftButton:
            self._jump(event.position().y())

    def _jump(self, y: float) -> None:
        """Centre the pane on the text at a height of the map."""
        pos = int(min(max(y / max(1, self.height()), 0.0), 1.0) * (self._length() - 1))
        self._pane.scroll_to_offset(pos)
