"""A narrow strip beside a text pane marking reviewed pairs: quiet for accepted, strong for flagged."""

from __future__ import annotations

import functools

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QFont, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

from alignment.review import Review, State, pair_key
from viewer.review_state import MANUAL_GLYPH, NOTE_GLYPH, STATE_GLYPHS
from viewer.text_pane import TextPane, follow_scroll

MARGIN_WIDTH = 18
ACCEPTED_BAR, FLAGGED_BAR = 2, 4
"""Accepted is done with: a thin bar and a plain glyph; flagged needs action: a wide bar, a bold glyph."""
GLYPH_ROWS = 3
"""At most a state, a note and a manual glyph, one under another."""


class ReviewMargin(QWidget):
    """Marks the visible pairs of one pane by their review state and notes."""

    def __init__(self, pane: TextPane) -> None:
        super().__init__()
        self._pane = pane
        self.review = Review()
        self.setAccessibleName(f"{pane.accessibleName()} review marks")
        self.setFixedWidth(MARGIN_WIDTH)
        # It paints every pixel itself: scrolled with its pane, Qt moves its pixels and asks only for
        # the strip that comes into view.
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        pane.updateRequest.connect(functools.partial(follow_scroll, self))

    def sizeHint(self) -> QSize:
        """Fixed width, full height."""
        return QSize(MARGIN_WIDTH, 0)

    def set_review(self, review: Review) -> None:
        """Mark the pairs of another review."""
        self.review = review
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        """A bar along each reviewed sentence in the strip to paint; from its first line down, its glyphs."""
        pane = self._pane
        painter = QPainter(self)
        painter.fillRect(event.rect(), pane.palette_.page)
        alignment = pane.alignment
        if alignment is None:
            return
        top_y = pane.viewport().y() - self.y() + pane.y()
        rect = event.rect()
        # A pair's glyphs stand one a line from its first line down: start where the strip's glyphs may.
        above = (GLYPH_ROWS - 1) * pane.fontMetrics().lineSpacing()
        first, last = pane.offsets_between(rect.top() - top_y - above, rect.bottom() - top_y)
        side = pane.side
        sents = alignment.sentences(side)
        i = alignment.sentence_at(side, first) or 0
        font = QFont(pane.font())
        font.setPointSizeF(max(7.0, font.pointSizeF() * 0.8))
        bold = QFont(font)
        bold.setBold(True)
        quiet = pane.palette_.text
        while i < len(sents) and sents[i].start < last:
            pair = alignment.pairs[alignment.pair_of(side, i)]
            mark = self.review.pair_mark(pair_key(pair))
            flagged = mark.state is State.FLAGGED
            colour = pane.palette_.hue(mark.state.value) if mark.state is not State.UNTOUCHED else quiet
            if mark.state is not State.UNTOUCHED:
                top, bottom = pane.span_y(sents[i].start, sents[i].end)
                width = FLAGGED_BAR if flagged else ACCEPTED_BAR
                painter.fillRect(QRectF(0, top + top_y, width, bottom - top), colour)
            glyphs = [
                (STATE_GLYPHS.get(mark.state, ""), bold if flagged else font, colour),
                (NOTE_GLYPH if mark.note else "", font, quiet),
                (MANUAL_GLYPH if pair.manual else "", font, quiet),
            ] if i == (pair.source if side == "source" else pair.target)[0] else []
            glyphs = [g for g in glyphs if g[0]]
            if glyphs:  # its line looked up only then: a pane shows dozens of sentences, most unreviewed
                line_top, line_bottom = pane.line_y(sents[i].start)
                rect = QRectF(4, line_top + top_y, MARGIN_WIDTH - 4, line_bottom - line_top)
                for glyph, glyph_font, pen in glyphs:
                    painter.setFont(glyph_font)
                    painter.setPen(pen)
                    painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, glyph)
                    rect = rect.translated(0, rect.height())
            i += 1
