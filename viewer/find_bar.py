"""The find bar (Ctrl+F) that searches the pane last used."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent, QTextDocument
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from viewer.text_pane import TextPane


class FindBar(QWidget):
    """A search field with next / previous; Escape closes it."""

    def __init__(self, active_pane: Callable[[], TextPane], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._active_pane = active_pane
        self.field = QLineEdit()
        self.field.setPlaceholderText("Find in the active pane")
        self.field.setAccessibleName("Find text")
        self.field.returnPressed.connect(self.find_next)
        self.status = QLabel()
        previous = QPushButton("Previous")
        previous.clicked.connect(self.find_previous)
        following = QPushButton("Next")
        following.clicked.connect(self.find_next)
        close = QPushButton("Close")
        close.clicked.connect(self.hide)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 2, 6, 2)
        layout.addWidget(QLabel("Find:"))
        layout.addWidget(self.field, 1)
        for widget in (previous, following, close, self.status):
            layout.addWidget(widget)
        self.setAccessibleName("Find bar")

    def open(self) -> None:
        """Show the bar and put the cursor in the field."""
        self.show()
        self.field.setFocus()
        self.field.selectAll()

    def find_next(self) -> bool:
        """Find the next match in the active pane, wrapping at the end."""
        return self._find(QTextDocument.FindFlag(0))

    def find_previous(self) -> bool:
        """Find the previous match in the active pane, wrapping at the start."""
        return self._find(QTextDocument.FindFlag.FindBackward)

    def _find(self, flags: QTextDocument.FindFlag) -> bool:
        """Search once, then once more from the other end."""
        pane, text = self._active_pane(), self.field.text()
        if not text:
            return False
        found = pane.find(text, flags)
        if not found:
            cursor = pane.textCursor()
            backward = bool(flags & QTextDocument.FindFlag.FindBackward)
            cursor.movePosition(cursor.MoveOperation.End if backward else cursor.MoveOperation.Start)
            pane.setTextCursor(cursor)
            found = pane.find(text, flags)
        self.status.setText("" if found else "Not found")
        return found

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Escape closes the bar."""
        if event.key() == Qt.Key.Key_Escape:
            self.hide()
            self._active_pane().setFocus()
        else:
            super().keyPressEvent(event)
