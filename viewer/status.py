"""The status bar's own parts: the figures an editor asks first, and how each file was read."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtWidgets import QLabel, QWidget

from alignment.model import Document
from alignment.summary import UNRELATED_MESSAGE, Summary
from viewer.palette import Palette

NOTE_SIGN = "⚠"


def summary_text(s: Summary) -> str:
    """Kept, reworded, merged/split, moved, dropped, added; words reused; similarity."""
    if s.unrelated:
        return UNRELATED_MESSAGE
    return " · ".join(
        [
            f"{s.kept} kept",
            f"{s.reworded} reworded",
            f"{s.regrouped} merged/split",
            f"{s.moved} moved",
            f"{s.dropped} dropped",
            f"{s.added} added",
            f"{s.reused_word_share:.0%} of the original's words reused verbatim",
            f"similarity {s.similarity:.0%}",
        ]
    )


def notes_lines(documents: Mapping[str, Document | None]) -> list[str]:
    """Each file's reading notes (``Document.notes``), named by its side: "Original: 3 bytes could…"."""
    return [f"{side.capitalize()}: {note}" for side, doc in documents.items() if doc for note in doc.notes]


class ReadingNotes(QLabel):
    """How the files on show were read, when a reader should know it (bytes replaced by �); hidden else."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Reading notes")
        self.setContentsMargins(6, 0, 6, 0)
        self.hide()

    def set_palette(self, palette: Palette) -> None:
        """The medium-severity tint of the palette with its text colour: noticed, not alarming."""
        self.setStyleSheet(
            f"QLabel {{ background: {palette.color('severity_medium').name()}; color: {palette.text.name()};"
            f" border-left: 3px solid {palette.hue('severity_medium').name()}; }}"
        )

    def show_for(self, documents: Mapping[str, Document | None]) -> None:
        """Show the notes of the documents (by side name), or hide when none has any."""
        lines = notes_lines(documents)
        self.setText(f"{NOTE_SIGN} " + " · ".join(lines) if lines else "")
        self.setToolTip("\n".join(lines))
        self.setVisible(bool(lines))
