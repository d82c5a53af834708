"""Opening beyond one file a side: web pages read whole, and one file's tracked changes (.docx, .odt)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QWidget

from alignment import Document
from alignment.formats import Reading, TrackedView
from viewer.settings import Settings

WHOLE_PAGES_KEY = "read_web_pages_whole"
TRACKED_FILTER = "Documents with tracked changes (*.docx *.odt);;All files (*)"
_VIEWS: dict[str, TrackedView] = {"rejected": "rejected", "accepted": "accepted"}
_VIEW_NAMES = {"rejected": "every change rejected", "accepted": "every change accepted"}


@dataclass(frozen=True, slots=True)
class TrackedVersion:
    """One file read before (every tracked change rejected) or after its edits (all accepted)."""

    path: str
    view: TrackedView


def tracked_pair(path: str) -> tuple[TrackedVersion, TrackedVersion]:
    """A file's text before its tracked changes as the original, after them as the paraphrase."""
    return TrackedVersion(path, "rejected"), TrackedVersion(path, "accepted")


def source_of(doc: Document | None) -> str | TrackedVersion | Document | None:
    """What opens a document on show again: its file (as the same version of it), or the document."""
    if doc is None or not doc.path:
        return doc
    view = _VIEWS.get(doc.tracked)
    return TrackedVersion(doc.path, view) if view else doc.path


def side_name(doc: Document) -> str:
    """A document's name for its pane's title, saying which version of its tracked changes it is."""
    return f"{doc.name}, {_VIEW_NAMES[doc.tracked]}" if doc.tracked in _VIEW_NAMES else doc.name


def window_title(source: Document | None, target: Document | None) -> str:
    """The window's title: the two files, or the one file whose tracked changes are on show."""
    if source is not None and target is not None and source.tracked and source.path == target.path:
        return f"{source.name}: its tracked changes, before ↔ after — paralign"
    names = " ↔ ".join(d.name for d in (source, target) if d is not None)
    return f"{names} — paralign" if names else "paralign"


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


def open_tracked_action(
    parent: QWidget, open_pair: Callable[[TrackedVersion, TrackedVersion], None]
) -> QAction:
    """File ▸ Open tracked changes…: one .docx or .odt, before its tracked changes against after them."""
    action = QAction("Open &tracked changes…", parent)
    action.setToolTip("Compare a document's text with every tracked change rejected against all accepted")

    def choose() -> None:
        path, _ = QFileDialog.getOpenFileName(parent, "Open tracked changes", "", TRACKED_FILTER)
        if path:
            open_pair(*tracked_pair(path))

    action.triggered.connect(choose)
    return action


def reading(action: QAction) -> Reading:
    """How the toggle says web pages are read."""
    return "whole" if action.isChecked() else "article"
