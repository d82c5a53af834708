"""The focus-mode actions: one radio group in View ▸ Focus and on the toolbar, remembered."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMenu, QToolBar, QWidget

from viewer.focus import FOCUS_LABELS, FOCUS_TIPS, Focus
from viewer.settings import Settings

_SHORTCUTS = {Focus.ALL: "Alt+1", Focus.PAIR: "Alt+2", Focus.MEANING: "Alt+3"}


class FocusActions(QObject):
    """Three exclusive, checkable actions choosing the focus mode; the choice is kept in the settings."""

    changed = Signal(object)

    def __init__(self, parent: QWidget, settings: Settings) -> None:
        super().__init__(parent)
        self._settings = settings
        stored = settings.value("focus", Focus.ALL.value, str)
        self.focus = Focus(stored) if stored in Focus._value2member_map_ else Focus.ALL
        self.group = QActionGroup(self)
        self.group.setExclusive(True)
        self.actions: dict[Focus, QAction] = {}
        for focus in Focus:
            action = QAction(FOCUS_LABELS[focus], parent)
            action.setCheckable(True)
            action.setShortcut(QKeySequence(_SHORTCUTS[focus]))
            action.setToolTip(f"{FOCUS_TIPS[focus]} ({_SHORTCUTS[focus]})")
            action.setChecked(focus is self.focus)
            action.triggered.connect(lambda _c=False, f=focus: self.set_focus(f))
            parent.addAction(action)
            self.group.addAction(action)
            self.actions[focus] = action

    def add_to(self, view_menu: QMenu, toolbar: QToolBar) -> None:
        """List the modes in a Focus submenu and on the toolbar."""
        menu = view_menu.addMenu("F&ocus")
        menu.addActions(self.group.actions())
        toolbar.addSeparator()
        toolbar.addActions(self.group.actions())

    def set_focus(self, focus: Focus) -> None:
        """Choose a mode, remember it and tell the window."""
        self.focus = focus
        self.actions[focus].setChecked(True)
        self._settings.set("focus", focus.value)
        self.changed.emit(focus)
