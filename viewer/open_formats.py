"""Ways of opening documents beyond one file a side: web pages read whole (and, below, tracked changes)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from alignment.formats import Reading
from viewer.settings import Settings

WHOLE_PAGES_KEY = "read_web_pages_whole"


def whole_pages_action(parent: QWidget, settings: Settings, reread: Callable[[], None]) -> QAction:
    """A remembered toggle between a web page's article (unchecked) and the whole page."""
    action = QAction("Read web pages &whole", parent, checkable=True)
    action.setToolTip("Open web pages with all they show (menus, captions, footers), not the article alone")
    action.setChecked(settings.value(WHOLE_PAGES_KEY, False, bool))

    def toggled(checked: bool) -> None:
        settings.set(WHOLE_PAGES_KEY, checked)
        reread()

    action.toggled.connect(toggled)
    return action


def reading(action: QAction) -> Reading:
    """How the toggle says web pages are read."""
    return "whole" if action.isChecked() else "article"
