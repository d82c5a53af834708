"""The strip between the panes: a curved band from each source sentence group to its paraphrase."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QSize, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPainterPath, QPaintEvent, QPen
from PySide6.QtWidgets import QWidget

from alignment.model import Alignment, Side
from viewer.marks import pair_role
from viewer.palette import Palette, make_palette
from viewer.text_pane import TextPane


class LinkMap(QWidget):
    """Draws the pairs visible in either pane as bands; clicking a band selects its pair."""

    pair_clicked = Signal(int)

    def __init__(self, left: TextPane, right: TextPane, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Links between sentences")
        self.setMinimumWidth(36)
        self._panes = {"source": left, "target": right}
        self.alignment: Alignment | None = None
        self.current_pair: int | None = None
        self.palette_: Palette = make_palette()
        self._bands: list[tuple[int, QPainterPath]] = []
        self._visible: dict[Side, tuple[int, int]] = {}
        for pane in (left, right):
            pane.verticalScrollBar().valueChanged.connect(self.update)
            pane.updateRequest.connect(self.update)

    def sizeHint(self) -> QSize:
        """A narrow strip."""
        return QSize(64, 200)

    def visible_pairs(self) -> list[int]:
        """Pairs with a sentence in view on either side, in pair order."""
        assert self.alignment is not None
        found: set[int] = set()
        for side in self._panes:
            first, last = self._visible[side]
            sentences = self.alignment.sentences(side)
            k = self.alignment.sentence_at(side, first) or 0
            while k < len(sentences) and sentences[k].start < last:
                found.add(self.alignment.pair_of(side, k))
                k += 1
        found.discard(-1)
        return sorted(found)

    def _y_range(self, side: Side, pair: int) -> tuple[float, float] | None:
        """Where a pair's text stands in one pane, in this strip's coordinates."""
        assert self.alignment is not None
        span = self.alignment.span(side, pair)
        if span is None:
            return None
        pane = self._panes[side]
        shift = pane.viewport().mapTo(self.window(), QPointF(0, 0)).y() - self.mapTo(
            self.window(), QPointF(0, 0)
        ).y()
        limit = self.height() + 40
        first, last = self._visible[side]
        # Ends out of view are pinned past the edge: measuring far text would lay it out (slow).
        top = pane.span_y(span[0], span[0])[0] + shift if first <= span[0] < last else (
            -40 if span[0] < first else limit)
        bottom = pane.span_y(span[1], span[1])[1] + shift if first <= span[1] - 1 < last else (
            -40 if span[1] - 1 < first else limit)
        return min(max(top, -40), limit), min(max(bottom, -40), limit)

    def paintEvent(self, event: QPaintEvent) -> None:
        """Draw one band per visible matched pair; the current one outlined."""
        painter = QPainter(self)
        painter.fillRect(self.rect(), self.palette_.page.darker(104 if not self.palette_.dark else 80))
        self._bands = []
        if self.alignment is None:
            return
        self._visible = {side: pane.visible_range() for side, pane in self._panes.items()}
        w = float(self.width())
        current_path = None
        for pair in self.visible_pairs():
            left, right = self._y_range("source", pair), self._y_range("target", pair)
            if left is None or right is None:
                continue
            path = QPainterPath(QPointF(0, left[0]))
            path.cubicTo(w / 2, left[0], w / 2, right[0], w, right[0])
            path.lineTo(w, right[1])
            path.cubicTo(w / 2, right[1], w / 2, left[1], 0, left[1])
            path.closeSubpath()
            role = pair_role(self.alignment.pairs[pair])
            if role is None:
                fill = QColor(self.palette_.text)
                fill.setAlpha(28)
                edge = QColor(fill)
                edge.setAlpha(60)
            else:
                fill = QColor(self.palette_.hue(role))
                fill.setAlpha(120)
                edge = self.palette_.hue(role).darker(115)
            # Antialiased fills cost ten times more than plain ones; antialiased edges hide the steps.
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
            painter.fillPath(path, fill)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            painter.strokePath(path, QPen(edge, 0.8))
            self._bands.append((pair, path))
            if pair == self.current_pair:
                current_path = path
        if current_path is not None:
            painter.strokePath(current_path, QPen(self.palette_.text, 2.0))

    def mousePressEvent(self, event: QMouseEvent) -> None:
        """Select the pair whose band is under the mouse (the topmost drawn)."""
        for pair, path in reversed(self._bands):
            if path.contains(event.position()):
                self.pair_clicked.emit(pair)
                return
