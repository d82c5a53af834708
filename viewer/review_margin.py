"""A narrow strip beside a text pane marking reviewed pairs: quiet for accepted, strong for flagged."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

from alignment.review import Review, State, pair_key
from viewer.review_state import NOTE_GLYPH, STATE_GLYPHS
from viewer.text_pane import TextPane

MARGIN_WIDTH = 18
ACCEPTED_LIGHT, ACCEPTED_DARK = QColor("#8a9a8f"), QColor("#7f8f85")
"""Accepted is done with: a muted grey-green that recedes, yet reads at 3:1 on the page."""
FLAGGED = QColor("#c2255c")
"""Flagged needs action: the strongest hue on screen, a wide bar and a bold glyph."""
NOTE_LIGHT, NOTE_DARK = QColor("#495057"), QColor("#ced4da")


class ReviewMargin(QWidget):
    """Marks the visible pairs of one pane by their review state and notes."""

    def __init__(self, pane: TextPane) -> None:
        super().__init__()
        self._pane = pane
        self.review = Review()
        self.setAccessibleName(f"{pane.accessibleName()} review marks")
        self.setFixedWidth(MARGIN_WIDTH)
        pane.updateRequest.connect(lambda _rect, _dy: self.update())

    def sizeHint(self) -> QSize:
        """Fixed width, full height."""
        return QSize(MARGIN_WIDTH, 0)

    def set_review(self, review: Review) -> None:
        """Mark the pairs of another review."""
        self.review = review
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        """A bar along each visible reviewed sentence; the state glyph and note glyph on its first line."""
        pane = self._pane
        painter = QPainter(self)
        painter.fillRect(event.rect(), pane.palette_.page)
        alignment = pane.alignment
        if alignment is None or not (self.review.pairs):
            return
        dark = pane.palette_.dark
        first, last = pane.visible_range()
        side = pane.side
        sents = alignment.sentences(side)
        i = alignment.sentence_at(side, first) or 0
        top_y = pane.viewport().y() - self.y() + pane.y()
        font = QFont(pane.font())
        font.setPointSizeF(max(7.0, font.pointSizeF() * 0.8))
        bold = QFont(font)
        bold.setBold(True)
        while i < len(sents) and sents[i].start < last:
            k = alignment.pair_of(side, i)
            mark = self.review.pair_mark(pair_key(alignment.pairs[k]))
            if not mark.empty:
                top, bottom = pane.span_y(sents[i].start, sents[i].end)
                flagged = mark.state is State.FLAGGED
                colour = FLAGGED if flagged else ACCEPTED_DARK if dark else ACCEPTED_LIGHT
                if mark.state is not State.UNTOUCHED:
                    width = 4 if flagged else 2
                    painter.fillRect(QRectF(0, top + top_y, width, bottom - top), colour)
                line_top, line_bottom = pane.line_y(sents[i].start)
                is_first = (
                    i == (alignment.pairs[k].source if side == "source" else alignment.pairs[k].target)[0]
                )
                if is_first:
                    glyphs = STATE_GLYPHS.get(mark.state, "")
                    painter.setFont(bold if flagged else font)
                    painter.setPen(colour)
                    rect = QRectF(4, line_top + top_y, MARGIN_WIDTH - 4, line_bottom - line_top)
                    if glyphs:
                        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, glyphs)
                    if mark.note:
                        painter.setFont(font)
                        painter.setPen(NOTE_DARK if dark else NOTE_LIGHT)
                        below = rect.translated(0, rect.height()) if glyphs else rect
                        painter.drawText(below, Qt.AlignmentFlag.AlignCenter, NOTE_GLYPH)
            i += 1
