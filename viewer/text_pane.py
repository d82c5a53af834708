"""A read-only text pane that colours the alignment lazily, block by block as it comes into view."""

from __future__ import annotations

import bisect
import functools

from PySide6.QtCore import QEvent, QPoint, QPointF, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QDragEnterEvent,
    QDropEvent,
    QFont,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QResizeEvent,
    QTextBlock,
    QTextCharFormat,
    QTextCursor,
    QTextLayout,
)
from PySide6.QtWidgets import QPlainTextEdit, QScrollBar, QToolTip, QWidget

from alignment.model import Alignment, Check, Side, Span
from viewer.focus import FAINT, Focus, shown_role
from viewer.marks import SideMarks
from viewer.navigation import gap_marks
from viewer.offsets import OffsetMap
from viewer.pair_detail import pair_tooltip
from viewer.palette import GLYPHS, Palette, make_palette
from viewer.style import stylesheet

GUTTER_WIDTH = 32
FLAG_WIDTH = 11
"""The gutter's left part, where the flag glyph of a sentence some check points at stands."""


_UNDERLINES = {
    "word_inserted": QTextCharFormat.UnderlineStyle.SingleUnderline,
    "word_replaced": QTextCharFormat.UnderlineStyle.DashUnderline,
    "word_wording": QTextCharFormat.UnderlineStyle.DotLine,
    "word_form": QTextCharFormat.UnderlineStyle.DotLine,
}
_UNTINTED = ("word_form",)
"""Roles drawn by their underline alone (a change of form is the quietest mark)."""


def follow_scroll(strip: QWidget, rect: QRect, dy: int) -> None:
    """Keep a strip beside a pane in step with the pane's update request: scrolled with it (Qt moves its
    pixels and asks only for the band come into view), or the band the pane repaints repainted."""
    if dy:
        strip.scroll(0, dy)
    else:
        strip.update(0, rect.y(), strip.width(), rect.height())


def _char_formats(palette: Palette) -> dict[str, QTextCharFormat]:
    """One character format per colour role, each with its non-colour cue (the cues of palette.json),
    and a faint variant, without the tint, of every role."""
    formats = {}
    for role, color in palette.colors.items():
        for faint in (False, True):
            fmt = QTextCharFormat()
            if not faint and role not in _UNTINTED:
                fmt.setBackground(color)
            if role == "word_deleted":
                fmt.setFontStrikeOut(True)
            elif role in _UNDERLINES:
                fmt.setUnderlineStyle(_UNDERLINES[role])
                fmt.setUnderlineColor(palette.hue(role))
            formats[f"{role}.{FAINT}" if faint else role] = fmt
    return formats


def _follow(inner: QScrollBar, outer: QScrollBar, action: int) -> None:
    """Do to the pane's own scroll bar what the user did to the outer one: a drag to its position, a step
    or a page from where the pane is."""
    done = QScrollBar.SliderAction(action)  # Qt gives its number
    if done is QScrollBar.SliderAction.SliderMove:
        inner.setValue(outer.sliderPosition())
    else:
        inner.triggerAction(done)


class Gutter(QWidget):
    """The strip left of the text with a mark beside every changed sentence."""

    def __init__(self, pane: TextPane) -> None:
        super().__init__(pane)
        self._pane = pane
        self.setAccessibleName(f"{pane.accessibleName()} change marks")
        # It paints every pixel itself: scrolled, Qt moves its pixels and asks only for the new strip.
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)

    def sizeHint(self) -> QSize:
        """Fixed width, full height."""
        return QSize(GUTTER_WIDTH, 0)

    def event(self, event: QEvent) -> bool:
        """Hovering a mark says which pair it marks and why."""
        if event.type() == QEvent.Type.ToolTip:
            pos = event.pos()
            self._pane.show_tooltip(event.globalPos(), self._pane.offset_at(QPoint(0, pos.y())))
            return True
        return super().event(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        """A bar and a glyph along each changed sentence in the strip to paint, a flag beside flagged ones."""
        pane = self._pane
        painter = QPainter(self)
        painter.fillRect(event.rect(), pane.palette_.page.darker(104 if not pane.palette_.dark else 80))
        if pane.marks is None:
            return
        offset = pane.viewport().y()
        # Only the lines under the strip to paint (a scroll exposes a few).
        first, last = pane.offsets_between(event.rect().top() - offset, event.rect().bottom() - offset)
        font = QFont(pane.font())
        font.setPointSizeF(max(7.0, font.pointSizeF() * 0.85))
        painter.setFont(font)
        for a, b, role in pane.marks.sentences.within(first, last):
            line = pane.line_y(a)  # the bar's top, and the line of its glyph
            bottom = pane.line_y(b - 1)[1] if b - 1 > a else line[1]
            hue = pane.palette_.hue(role)
            painter.fillRect(QRectF(GUTTER_WIDTH - 5, line[0] + offset, 3, bottom - line[0]), hue)
            if a >= first:
                self._glyph(painter, line, role, FLAG_WIDTH, GUTTER_WIDTH - 6)
        bold = QFont(font)
        bold.setBold(True)
        painter.setFont(bold)
        for a, _b, role in pane.marks.flags.within(first, last):
            if a >= first:
                self._glyph(painter, pane.line_y(a), role, 0, FLAG_WIDTH)

    def _glyph(self, painter: QPainter, line: tuple[float, float], role: str, left: int, right: int) -> None:
        """A role's glyph in its colour, centred between two x positions on a line (its top and bottom)."""
        pane = self._pane
        hue = pane.palette_.hue(role)
        painter.setPen(hue if not pane.palette_.dark else hue.lighter(130))
        top, bottom = line
        rect = QRectF(left, top + pane.viewport().y(), right - left, bottom - top)
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, GLYPHS[role])


class TextPane(QPlainTextEdit):
    """One side of the comparison: the whole text, its colours, the current pair outlined."""

    entered = Signal()
    file_dropped = Signal(str)
    text_dropped = Signal(str)

    def __init__(self, side: Side, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.side: Side = side
        self.setAccessibleName("Original" if side == "source" else "Paraphrase")
        self.setReadOnly(True)
        self.setUndoRedoEnabled(False)
        self.setAcceptDrops(True)
        self.viewport().setAcceptDrops(True)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.alignment: Alignment | None = None
        self.marks: SideMarks | None = None
        self.current_pair: int | None = None
        self.flag_spans: list[Span] = []
        self.gaps: list[tuple[int, int]] = []
        self.checks: list[Check] = []
        self._gap_of: dict[int, int] = {}
        self.focus = Focus.ALL
        self.offsets = OffsetMap()
        self.palette_ = make_palette()
        self._formats = _char_formats(self.palette_)
        self._generation = 0
        self.gutter = Gutter(self)
        self.setViewportMargins(GUTTER_WIDTH, 0, 0, 0)
        # The pane fills what it paints itself (see paintEvent), so Qt may scroll its pixels and ask
        # only for the strip a scroll exposes: without this, every scroll repaints the whole text.
        self.viewport().setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.updateRequest.connect(functools.partial(follow_scroll, self.gutter))

    def show_text(self, text: str) -> None:
        """Show a new text (empty to clear the pane)."""
        self.setPlainText(text)
        self.offsets = OffsetMap(text)

    def set_alignment(self, alignment: Alignment | None, marks: SideMarks | None) -> None:
        """Show a new alignment's colours on the text already shown, and where the other side's
        unmatched sentences would stand."""
        self.alignment, self.marks, self.current_pair, self.flag_spans = alignment, marks, None, []
        self.gaps = [] if alignment is None else gap_marks(alignment, self.side)
        self._gap_of = {pair: offset for offset, pair in self.gaps}
        self._invalidate()

    def gap_at(self, pair: int) -> int | None:
        """The offset of a pair's gap marker in this pane, None if the pair has text here."""
        return self._gap_of.get(pair)

    def gap_y(self, offset: int) -> float:
        """The height of a gap marker at an offset, in viewport coordinates: under the line before."""
        return self.line_y(offset - 1)[1] if offset > 0 else self.line_y(0)[0]

    def set_marks(self, marks: SideMarks) -> None:
        """Show new marks (the same alignment's, with its flags now) keeping the current pair."""
        self.marks = marks
        self._invalidate()

    def set_flag_spans(self, spans: list[Span]) -> None:
        """Mark the text ranges a check points at (engine offsets), replacing earlier ones."""
        self.flag_spans = spans
        self._invalidate()

    def set_palette(self, palette: Palette) -> None:
        """Recolour with another palette."""
        self.palette_ = palette
        self._formats = _char_formats(palette)
        self.setStyleSheet(stylesheet("text_pane", page=palette.page.name(), text=palette.text.name()))
        self._invalidate()

    def set_current_pair(self, pair: int | None) -> None:
        """Outline another pair (and in the selected-pair focus, mark its words only)."""
        self.current_pair = pair
        if self.focus is Focus.PAIR:
            self._invalidate()
        self.viewport().update()

    def set_focus(self, focus: Focus) -> None:
        """Mark words as a focus mode asks."""
        self.focus = focus
        self._invalidate()

    def _invalidate(self) -> None:
        """Forget which blocks carry formats, so each is formatted again when next shown."""
        self._generation += 1
        self.viewport().update()
        self.gutter.update()

    def visible_range(self) -> tuple[int, int]:
        """The text offsets from the top-left to the bottom-right of the viewport."""
        vp = self.viewport()
        first = self.firstVisibleBlock().position()
        last = self.cursorForPosition(QPoint(vp.width() - 1, vp.height() - 1)).position()
        return self.offsets.to_engine(first), self.offsets.to_engine(last) + 1

    def offset_at(self, point: QPoint) -> int:
        """The text offset nearest a point of the viewport."""
        return self.offsets.to_engine(self.cursorForPosition(point).position())

    def offsets_between(self, top: int, bottom: int) -> tuple[int, int]:
        """The text offsets from the line at viewport height ``top`` to the end of the one at ``bottom``."""
        return self.offset_at(QPoint(0, top)), self.offset_at(QPoint(self.viewport().width() - 1, bottom)) + 1

    def cursor_offset(self) -> int:
        """The text offset of the text cursor."""
        return self.offsets.to_engine(self.textCursor().position())

    def line_y(self, offset: int) -> tuple[float, float]:
        """Top and bottom of the laid-out line holding an offset, in viewport coordinates."""
        pos = self.offsets.to_qt(offset)
        block = self.document().findBlock(pos)
        geo = self.blockBoundingGeometry(block).translated(self.contentOffset())
        line = block.layout().lineForTextPosition(pos - block.position())
        if not line.isValid():
            return geo.top(), geo.bottom()
        return geo.top() + line.y(), geo.top() + line.y() + line.height()

    def sentence_y(self, offset: int) -> float:
        """The height of an offset within its line, by how far along the line it stands: a sentence
        boundary inside a line falls part-way down it."""
        pos = self.offsets.to_qt(offset)
        block = self.document().findBlock(pos)
        geo = self.blockBoundingGeometry(block).translated(self.contentOffset())
        line = block.layout().lineForTextPosition(pos - block.position())
        if not line.isValid():
            return geo.top()
        along = (line.cursorToX(pos - block.position())[0] - line.x()) / max(1.0, line.width())
        return geo.top() + line.y() + line.height() * min(max(along, 0.0), 1.0)

    def span_y(self, start: int, end: int) -> tuple[float, float]:
        """Top of the first and bottom of the last line of a text range, in viewport coordinates."""
        return self.line_y(start)[0], self.line_y(max(start, end - 1))[1]

    def centre_offset(self) -> int:
        """The text offset at the middle of the viewport."""
        return self.offset_at(QPoint(GUTTER_WIDTH, self.viewport().height() // 2))

    def top_offset(self) -> int:
        """The text offset at the top-left of the viewport."""
        return self.offset_at(QPoint(0, 0))

    def scroll_to_offset(self, offset: int, y: float | None = None) -> None:
        """Scroll so the line holding an offset sits at height y (the middle when None)."""
        pos = self.offsets.to_qt(offset)
        block = self.document().findBlock(pos)
        y = self.viewport().height() / 2 if y is None else y
        # Lay out the block and those above it up to height y first: a block never shown counts as one
        # line, so the scroll landed a long paragraph away (and lurched there on the next scroll).
        above, room = block, y + self.blockBoundingRect(block).height()
        while above.isValid() and room > 0:
            room -= self.blockBoundingRect(above).height()
            above = above.previous()
        line = block.layout().lineForTextPosition(pos - block.position())
        line_no = block.firstLineNumber() + (line.lineNumber() if line.isValid() else 0)
        step = max(1, self.fontMetrics().lineSpacing())
        self.verticalScrollBar().setValue(int(line_no - y // step))

    def ensure_offset_visible(self, start: int, end: int) -> None:
        """Scroll to a text range unless it is already fully in view."""
        top, bottom = self.span_y(start, end)
        if top < 0 or bottom > self.viewport().height():
            self.scroll_to_offset(start, self.viewport().height() / 3)

    # Painting -----------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        """Fill the page, format the blocks about to be drawn, draw them, outline the current pair, flags."""
        page = QPainter(self.viewport())
        page.fillRect(event.rect(), self.palette_.page)
        page.end()
        self._format_visible_blocks()
        super().paintEvent(event)
        if self.alignment is None:
            return
        painter = QPainter(self.viewport())
        self._paint_gaps(painter)
        if self.current_pair is None:
            return
        span = self.alignment.span(self.side, self.current_pair)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if span is not None:
            painter.setPen(QPen(self.palette_.text, 1.6))
            painter.drawPath(self._span_path(*span))
        painter.setPen(QPen(self.palette_.hue("flag"), 2.0))
        for start, end in self.flag_spans:
            painter.drawPath(self._span_path(start, end, inset=1))

    def _paint_gaps(self, painter: QPainter) -> None:
        """A thin dashed line where each of the other side's unmatched sentences would stand (bold when
        current)."""
        first, last = self.visible_range()
        role = "deleted" if self.side == "target" else "added"
        k = bisect.bisect_left(self.gaps, (first, -1))
        width = self.viewport().width()
        while k < len(self.gaps) and self.gaps[k][0] <= last:
            offset, pair = self.gaps[k]
            y = self.gap_y(offset)
            if pair == self.current_pair:
                painter.setPen(QPen(self.palette_.text, 3))
            else:
                painter.setPen(QPen(self.palette_.hue(role), 1.5, Qt.PenStyle.DashLine))
            painter.drawLine(QPointF(4, y), QPointF(width - 4, y))
            k += 1

    def _format_visible_blocks(self) -> None:
        """Give every visible block not yet formatted for this alignment its format ranges."""
        block = self.firstVisibleBlock()
        offset = self.contentOffset()
        top = self.blockBoundingGeometry(block).translated(offset).top()
        height = self.viewport().height()
        while block.isValid() and top <= height:
            if block.userState() != self._generation:
                self._format_block(block)
            top += self.blockBoundingRect(block).height()
            block = block.next()

    def _format_block(self, block: QTextBlock) -> None:
        """Set the format ranges of one block from the marks."""
        ranges: list[QTextLayout.FormatRange] = []
        if self.marks is not None:
            qt_start = block.position()
            to_qt = self.offsets.to_qt
            pos, end = self.offsets.to_engine(qt_start), self.offsets.to_engine(qt_start + block.length())
            marks = self.marks
            flags = [(a, b, "flag") for a, b in self.flag_spans if a < end and b > pos]
            words = marks.words.within(pos, end)
            if self.focus is Focus.PAIR:
                span = None if self.alignment is None or self.current_pair is None else self.alignment.span(
                    self.side, self.current_pair
                )
                words = [] if span is None else [w for w in words if w[0] < span[1] and w[1] > span[0]]
            # Later ranges win where they overlap: words over sentences, the flagged check over both.
            for a, b, mark in (*marks.sentences.within(pos, end), *words, *flags):
                role = shown_role(mark, self.focus)
                if role is None:
                    continue
                fr = QTextLayout.FormatRange()
                fr.start = to_qt(max(a, pos)) - qt_start
                fr.length = to_qt(min(b, end)) - to_qt(max(a, pos))
                fr.format = self._formats[role]
                ranges.append(fr)
        block.layout().setFormats(ranges)
        block.setUserState(self._generation)

    def _span_path(self, start: int, end: int, inset: float = 0) -> QPainterPath:
        """The outline of the visible lines of a text range, ``inset`` pixels inside the pair's one."""
        path = QPainterPath()
        first, last = self.visible_range()
        start, end = max(start, first), min(end, last)
        if start >= end:
            return path
        start, end = self.offsets.to_qt(start), self.offsets.to_qt(end)
        offset = self.contentOffset()
        block = self.document().findBlock(start)
        while block.isValid() and block.position() < end:
            geo = self.blockBoundingGeometry(block).translated(offset)
            layout = block.layout()
            for n in range(layout.lineCount()):
                line = layout.lineAt(n)
                a = max(start, block.position() + line.textStart())
                b = min(end, block.position() + line.textStart() + line.textLength())
                if a >= b:
                    continue
                x1 = line.cursorToX(a - block.position())[0]
                x2 = line.cursorToX(b - block.position())[0]
                rect = QRectF(x1 + offset.x() - 2 + inset, geo.top() + line.y() + inset,
                              x2 - x1 + 4 - 2 * inset, line.height() - 2 * inset)
                path.addRect(rect)
            block = block.next()
        return path.simplified()

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Keep the gutter beside the viewport."""
        super().resizeEvent(event)
        cr = self.contentsRect()
        self.gutter.setGeometry(QRect(cr.left(), cr.top(), GUTTER_WIDTH, cr.height()))

    # Events -------------------------------------------------------------------------------

    def viewportEvent(self, event: QEvent) -> bool:
        """Show the pair under the mouse as a tooltip; report the mouse entering."""
        if event.type() == QEvent.Type.Enter:
            self.entered.emit()
        if event.type() == QEvent.Type.ToolTip:
            self.show_tooltip(event.globalPos(), self.offset_at(event.pos()))
            return True
        return super().viewportEvent(event)

    def outer_scroll_bar(self) -> QScrollBar:
        """A scroll bar to place outside the pane (left of the original), in step with the pane's own,
        which is hidden."""
        inner = self.verticalScrollBar()
        outer = QScrollBar(Qt.Orientation.Vertical)
        outer.setAccessibleName(f"{self.accessibleName()} scroll bar")
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        inner.rangeChanged.connect(outer.setRange)
        inner.valueChanged.connect(outer.setValue)
        # The pane moves by what the user does to the outer bar, done to its own: Qt renumbers the lines
        # as it lays blocks out and sets its bar anew without a signal, and the outer bar's value, fed
        # back, was stale (a jump on a book scrolled back twenty lines, and the partner pane again).
        outer.actionTriggered.connect(lambda action: _follow(inner, outer, action))
        inner.rangeChanged.connect(lambda _lo, _hi: outer.setPageStep(inner.pageStep()))
        outer.setRange(inner.minimum(), inner.maximum())
        return outer

    def set_checks(self, checks: list[Check]) -> None:
        """The checks of the alignment on show, for the tooltips."""
        self.checks = checks

    def show_tooltip(self, at: QPoint, offset: int) -> None:
        """Say at a screen point what stands at an offset: pair, word change and grade, checks."""
        al = self.alignment
        text = None if al is None else pair_tooltip(al, self.side, offset, self.checks)
        if text is None:
            QToolTip.hideText()
        else:
            QToolTip.showText(at, text, self)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        """Accept files and text even though the pane is read-only."""
        if event.mimeData().hasUrls() or event.mimeData().hasText():
            event.acceptProposedAction()

    def dragMoveEvent(self, event: QDragEnterEvent) -> None:
        """Keep accepting while the drag moves over the pane."""
        self.dragEnterEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        """Report a dropped file (or dropped text) as this side's new document."""
        mime = event.mimeData()
        files = [u.toLocalFile() for u in mime.urls() if u.isLocalFile()]
        if files:
            self.file_dropped.emit(files[0])
        elif mime.hasText():
            self.text_dropped.emit(mime.text())
        else:
            return
        event.acceptProposedAction()

    def select_offset(self, offset: int) -> None:
        """Move the text cursor to an offset without selecting anything."""
        cursor = self.textCursor()
        pos = min(self.offsets.to_qt(offset), self.document().characterCount() - 1)
        cursor.setPosition(pos, QTextCursor.MoveMode.MoveAnchor)
        self.setTextCursor(cursor)
