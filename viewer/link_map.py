"""The strip between the panes: a curved band from each source sentence group to its paraphrase."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPainterPath, QPaintEvent, QPen
from PySide6.QtWidgets import QWidget

from alignment.model import Alignment, Side
from viewer.marks import pair_role
from viewer.palette import Palette, make_palette
from viewer.text_pane import TextPane

STRIP_WIDTH = (80, 100)
"""Narrowest and widest band strip: narrower, crossing bands cannot be told apart; wider takes text room."""


class LinkMap(QWidget):
    """Draws the pairs visible in either pane as bands; clicking a band selects its pair."""

    pair_clicked = Signal(int)

    def __init__(self, left: TextPane, right: TextPane, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Links between sentences")
        self.setMinimumWidth(STRIP_WIDTH[0])
        self.setMaximumWidth(STRIP_WIDTH[1])
        self._panes = {"source": left, "target": right}
        self.alignment: Alignment | None = None
        self.current_pair: int | None = None
        self.palette_: Palette = make_palette()
        self._bands: list[tuple[int, QPainterPath]] = []
        self._visible: dict[Side, tuple[int, int]] = {}
        self._measured: dict[Side, dict[tuple[str, int], float]] = {"source": {}, "target": {}}
        """Where each pane's offsets in view stood in this strip at the last paint, before pinning: a
        sentence's ("sentence", offset) or a gap marker's ("gap", offset).  Kept while the panes' layout
        is the same (:meth:`_layout`), moved by how far each pane scrolled since."""
        self._measured_layout: tuple | None = None
        self._measured_for: Alignment | None = None
        # It paints every pixel itself: Qt need not paint what lies under it first.
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        for pane in (left, right):
            pane.verticalScrollBar().valueChanged.connect(self.update)
            pane.updateRequest.connect(self.update)

    def sizeHint(self) -> QSize:
        """A strip wide enough to follow a band."""
        return QSize(sum(STRIP_WIDTH) // 2, 200)

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

    def _y_range(self, side: Side, pair: int, shift: float) -> tuple[float, float] | None:
        """Where a pair's text (or its gap marker) stands in one pane, in this strip's coordinates.

        A sentence starting or ending inside a line starts or ends part-way down it, by how far along
        the line it is, so that sentences sharing a line get bands that do not overlap.
        """
        assert self.alignment is not None
        pane = self._panes[side]
        span = self.alignment.span(side, pair)
        if span is None:
            gap = pane.gap_at(pair)
            if gap is None:
                return None
            span = (gap, gap)
        limit = self.height() + 40
        first, last = self._visible[side]

        def y(offset: int) -> float:
            # Ends out of view are pinned past the edge: measuring far text would lay it out (slow).
            if first <= offset < last:
                return min(max(self._at(side, "sentence", offset, shift), -40), limit)
            return -40 if offset < first else limit

        if span[0] == span[1]:
            at = self._at(side, "gap", span[0], shift) if first <= span[0] < last else y(span[0])
            return at - 1, at + 1
        return y(span[0]), y(span[1])

    def _at(self, side: Side, kind: str, offset: int, shift: float) -> float:
        """Where a sentence boundary or a gap marker in view stands in this strip: as the last paint
        measured it, moved with its pane, or measured now (a new one come into view)."""
        known = self._measured[side]
        at = known.get((kind, offset))
        if at is None:
            pane = self._panes[side]
            at = (pane.sentence_y(offset) if kind == "sentence" else pane.gap_y(offset)) + shift
            known[kind, offset] = at
        return at

    def _layout(self) -> tuple:
        """What the positions in the panes depend on besides their scrolling: while it stays the same, a
        scroll moves every line of a pane by as much."""
        return (
            self.size(),
            *(
                (pane.viewport().size(), pane.viewport().mapTo(self.window(), QPointF(0, 0)).y(),
                 pane.font().key(), pane.lineWrapMode(), pane.document().revision())
                for pane in self._panes.values()
            ),
            self.mapTo(self.window(), QPointF(0, 0)).y(),
        )

    def _remeasure(self, shift: dict[Side, float]) -> None:
        """Keep the last paint's positions still in view, each pane's moved by how far it scrolled (one
        position measured again tells); forget them all when the layout or the alignment changed."""
        layout = self._layout()
        same = layout == self._measured_layout and self._measured_for is self.alignment
        self._measured_layout, self._measured_for = layout, self.alignment
        for side, known in self._measured.items():
            first, last = self._visible[side]
            kept = {key: at for key, at in known.items() if first <= key[1] < last} if same else {}
            known.clear()
            ref = next((key for key in kept if key[0] == "sentence"), None)
            if ref is None:
                continue
            moved = self._panes[side].sentence_y(ref[1]) + shift[side] - kept[ref]
            known.update((key, at + moved) for key, at in kept.items())

    def paintEvent(self, event: QPaintEvent) -> None:
        """Draw one band per visible matched pair; the current one outlined."""
        painter = QPainter(self)
        background = self.palette_.page.darker(104 if not self.palette_.dark else 80)
        painter.fillRect(self.rect(), background)
        self._bands = []
        if self.alignment is None:
            self._measured_for = None  # nor keep a book's alignment alive for it
            return
        self._visible = {side: pane.visible_range() for side, pane in self._panes.items()}
        w = float(self.width())
        current_path = None
        here = self.mapTo(self.window(), QPointF(0, 0)).y()
        shift = {}
        for side, pane in self._panes.items():
            shift[side] = pane.viewport().mapTo(self.window(), QPointF(0, 0)).y() - here
        self._remeasure(shift)
        colours: dict[str | None, tuple[QColor, QColor]] = {}
        # Moved pairs are drawn last: their bands cross the others and must stay on top.
        for pair in sorted(self.visible_pairs(), key=lambda k: self.alignment.pairs[k].moved):
            left = self._y_range("source", pair, shift["source"])
            right = self._y_range("target", pair, shift["target"])
            if left is None or right is None:
                continue
            path = QPainterPath(QPointF(0, left[0]))
            path.cubicTo(w / 2, left[0], w / 2, right[0], w, right[0])
            path.lineTo(w, right[1])
            path.cubicTo(w / 2, right[1], w / 2, left[1], 0, left[1])
            path.closeSubpath()
            role = pair_role(self.alignment.pairs[pair])
            if role not in colours:  # once a paint per role: a screen holds dozens of bands of few roles
                colours[role] = self._band_colours(role, background)
            fill, edge = colours[role]
            # Opaque, aliased fills are several times cheaper than translucent or antialiased ones;
            # the antialiased edges hide the steps, and keep crossing bands apart.
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
            painter.fillPath(path, fill)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            painter.strokePath(path, QPen(edge, 0.8))
            self._bands.append((pair, path))
            if pair == self.current_pair:
                current_path = path
        if current_path is not None:
            painter.strokePath(current_path, QPen(self.palette_.text, 2.0))

    def _band_colours(self, role: str | None, background: QColor) -> tuple[QColor, QColor]:
        """The fill and the edge of a band of a pair's role (None: kept) over the strip's background."""
        if role is None:
            return _over(self.palette_.text, 28, background), _over(self.palette_.text, 60, background)
        return _over(self.palette_.hue(role), 120, background), self.palette_.hue(role).darker(115)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        """Select the pair whose band is under the mouse (the topmost drawn)."""
        for pair, path in reversed(self._bands):
            if path.contains(event.position()):
                self.pair_clicked.emit(pair)
                return


def _over(colour: QColor, alpha: int, background: QColor) -> QColor:
    """The opaque colour of a translucent colour laid over a background."""
    a = alpha / 255
    return QColor.fromRgbF(
        colour.redF() * a + background.redF() * (1 - a),
        colour.greenF() * a + background.greenF() * (1 - a),
        colour.blueF() * a + background.blueF() * (1 - a),
    )
