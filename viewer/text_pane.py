"""A read-only text pane that colours the alignment lazily, block by block as it comes into view."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, QRect, QRectF, QSize, Qt, Signal
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
from PySide6.QtWidgets import QPlainTextEdit, QToolTip, QWidget

from alignment.model import Alignment, Side
from viewer.marks import SideMarks, describe_pair
from viewer.palette import GLYPHS, Palette, make_palette

GUTTER_WIDTH = 22


def _char_formats(palette: Palette) -> dict[str, QTextCharFormat]:
    """One character format per colour role, each with its non-colour cue."""
    formats = {}
    for role, color in palette.colors.items():
        fmt = QTextCharFormat()
        fmt.setBackground(color)
        if role == "word_deleted":
            fmt.setFontStrikeOut(True)
        elif role == "word_inserted":
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
        elif role == "word_replaced":
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DashUnderline)
        formats[role] = fmt
    return formats


class Gutter(QWidget):
    """The strip left of the text with a mark beside every changed sentence."""

    def __init__(self, pane: TextPane) -> None:
        super().__init__(pane)
        self._pane = pane
        self.setAccessibleName(f"{pane.accessibleName()} change marks")

    def sizeHint(self) -> QSize:
        """Fixed width, full height."""
        return QSize(GUTTER_WIDTH, 0)

    def paintEvent(self, event: QPaintEvent) -> None:
        """Draw a bar along every visible changed sentence and its glyph at the first line."""
        pane = self._pane
        painter = QPainter(self)
        painter.fillRect(event.rect(), pane.palette_.page.darker(104 if not pane.palette_.dark else 80))
        if pane.marks is None:
            return
        first, last = pane.visible_range()
        font = QFont(pane.font())
        font.setPointSizeF(max(7.0, font.pointSizeF() * 0.85))
        painter.setFont(font)
        offset = pane.viewport().y()
        for a, b, role in pane.marks.sentences.within(first, last):
            top, bottom = pane.span_y(a, b)
            hue = pane.palette_.hue(role)
            painter.fillRect(QRectF(GUTTER_WIDTH - 5, top + offset, 3, bottom - top), hue)
            if a >= first:
                painter.setPen(hue if not pane.palette_.dark else hue.lighter(130))
                line_top, line_bottom = pane.span_y(a, a)
                painter.drawText(
                    QRectF(0, line_top + offset, GUTTER_WIDTH - 6, line_bottom - line_top),
                    Qt.AlignmentFlag.AlignCenter,
                    GLYPHS[role],
                )


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
        self.palette_ = make_palette()
        self._formats = _char_formats(self.palette_)
        self._generation = 0
        self.gutter = Gutter(self)
        self.setViewportMargins(GUTTER_WIDTH, 0, 0, 0)
        self.updateRequest.connect(self._update_gutter)

    def set_alignment(self, alignment: Alignment | None, marks: SideMarks | None) -> None:
        """Show a new alignment's colours on the text already shown."""
        self.alignment, self.marks, self.current_pair = alignment, marks, None
        self._invalidate()

    def set_palette(self, palette: Palette) -> None:
        """Recolour with another palette."""
        self.palette_ = palette
        self._formats = _char_formats(palette)
        self.setStyleSheet(
            f"QPlainTextEdit {{ background: {palette.page.name()}; color: {palette.text.name()}; }}"
        )
        self._invalidate()

    def set_current_pair(self, pair: int | None) -> None:
        """Outline another pair."""
        self.current_pair = pair
        self.viewport().update()

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
        return first, last + 1

    def _line_y(self, pos: int) -> tuple[float, float]:
        """Top and bottom of the laid-out line holding an offset, in viewport coordinates."""
        block = self.document().findBlock(pos)
        geo = self.blockBoundingGeometry(block).translated(self.contentOffset())
        line = block.layout().lineForTextPosition(pos - block.position())
        if not line.isValid():
            return geo.top(), geo.bottom()
        return geo.top() + line.y(), geo.top() + line.y() + line.height()

    def span_y(self, start: int, end: int) -> tuple[float, float]:
        """Top of the first and bottom of the last line of a text range, in viewport coordinates."""
        return self._line_y(start)[0], self._line_y(max(start, end - 1))[1]

    def centre_offset(self) -> int:
        """The text offset at the middle of the viewport."""
        return self.cursorForPosition(QPoint(GUTTER_WIDTH, self.viewport().height() // 2)).position()

    def top_offset(self) -> int:
        """The text offset at the top-left of the viewport."""
        return self.cursorForPosition(QPoint(0, 0)).position()

    def scroll_to_offset(self, pos: int, y: float | None = None) -> None:
        """Scroll so the line holding an offset sits at height y (the middle when None)."""
        block = self.document().findBlock(pos)
        line = block.layout().lineForTextPosition(pos - block.position())
        line_no = block.firstLineNumber() + (line.lineNumber() if line.isValid() else 0)
        y = self.viewport().height() / 2 if y is None else y
        step = max(1, self.fontMetrics().lineSpacing())
        self.verticalScrollBar().setValue(int(line_no - y // step))

    def ensure_offset_visible(self, start: int, end: int) -> None:
        """Scroll to a text range unless it is already fully in view."""
        top, bottom = self.span_y(start, end)
        if top < 0 or bottom > self.viewport().height():
            self.scroll_to_offset(start, self.viewport().height() / 3)

    # Painting -----------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        """Format the blocks about to be drawn, draw them, then outline the current pair."""
        self._format_visible_blocks()
        super().paintEvent(event)
        if self.alignment is None or self.current_pair is None:
            return
        span = self.alignment.span(self.side, self.current_pair)
        if span is None:
            return
        path = self._span_path(*span)
        if path.isEmpty():
            return
        painter = QPainter(self.viewport())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pen = QPen(self.palette_.text)
        pen.setWidthF(1.6)
        painter.setPen(pen)
        painter.drawPath(path)

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
            pos, end = block.position(), block.position() + block.length()
            for group in (self.marks.sentences, self.marks.words):
                for a, b, role in group.within(pos, end):
                    fr = QTextLayout.FormatRange()
                    fr.start = max(a, pos) - pos
                    fr.length = min(b, end) - max(a, pos)
                    fr.format = self._formats[role]
                    ranges.append(fr)
        block.layout().setFormats(ranges)
        block.setUserState(self._generation)

    def _span_path(self, start: int, end: int) -> QPainterPath:
        """The outline of the visible lines of a text range."""
        path = QPainterPath()
        first, last = self.visible_range()
        start, end = max(start, first), min(end, last)
        if start >= end:
            return path
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
                rect = QRectF(x1 + offset.x() - 2, geo.top() + line.y(), x2 - x1 + 4, line.height())
                path.addRect(rect)
            block = block.next()
        return path.simplified()

    def _update_gutter(self, rect: QRect, dy: int) -> None:
        """Keep the gutter in step with the text."""
        if dy:
            self.gutter.scroll(0, dy)
        self.gutter.update(0, rect.y(), self.gutter.width(), rect.height())

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
        if event.type() == QEvent.Type.ToolTip and self.alignment is not None:
            pos = self.cursorForPosition(event.pos()).position()
            pair = self.alignment.pair_at(self.side, pos)
            if pair is None:
                QToolTip.hideText()
            else:
                QToolTip.showText(event.globalPos(), describe_pair(self.alignment.pairs[pair]), self)
            return True
        return super().viewportEvent(event)

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

    def select_offset(self, pos: int) -> None:
        """Move the text cursor to an offset without selecting anything."""
        cursor = self.textCursor()
        cursor.setPosition(min(pos, self.document().characterCount() - 1), QTextCursor.MoveMode.MoveAnchor)
        self.setTextCursor(cursor)
