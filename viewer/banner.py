"""The banner above the texts that says, where no one can miss it, that the two texts are unrelated."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from alignment.model import Alignment
from alignment.summary import UNRELATED_MESSAGE, unrelated
from viewer.palette import Palette


class UnrelatedBanner(QLabel):
    """Hidden unless the alignment on show found (almost) nothing in common between the texts."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(UNRELATED_MESSAGE, parent)
        self.setAccessibleName("Unrelated texts")
        self.setWordWrap(True)
        self.setContentsMargins(10, 6, 10, 6)
        self.hide()

    def set_palette(self, palette: Palette) -> None:
        """The high-severity tint and mark of the palette, with its text colour."""
        self.setStyleSheet(
            f"QLabel {{ background: {palette.color('severity_high').name()}; color: {palette.text.name()};"
            f" border-bottom: 2px solid {palette.hue('severity_high').name()}; font-weight: bold; }}"
        )

    def show_for(self, alignment: Alignment | None) -> None:
        """Show the banner for unrelated texts, hide it otherwise."""
        self.setVisible(alignment is not None and unrelated(alignment))
