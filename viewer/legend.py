"""A strip naming every colour of the current palette together with its non-colour cue."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from viewer.palette import CUES, LABELS, ROLES, Palette, make_palette

_STYLE = {
    "word_deleted": "text-decoration: line-through;",
    "word_inserted": "text-decoration: underline;",
    "word_replaced": "text-decoration: underline; border-bottom: 1px dashed;",
}


class Legend(QWidget):
    """One swatch per colour role."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Legend")
        self._labels: dict[str, QLabel] = {}
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 2, 6, 2)
        layout.setSpacing(6)
        for role in ROLES:
            label = QLabel()
            label.setObjectName(f"legend_{role}")
            label.setToolTip(f"{LABELS[role]}: {CUES[role]}")
            label.setAccessibleName(f"{LABELS[role]}, {CUES[role]}")
            self._labels[role] = label
            layout.addWidget(label)
        layout.addStretch(1)
        self.set_palette(make_palette())

    def set_palette(self, palette: Palette) -> None:
        """Show another palette's colours."""
        for role, label in self._labels.items():
            glyph = CUES[role].rsplit(" ", 1)[-1] + " " if CUES[role].startswith("gutter") else ""
            label.setText(
                f'<span style="background:{palette.color(role).name()}; color:{palette.text.name()};'
                f' {_STYLE.get(role, "")}">&nbsp;{glyph}{LABELS[role]}&nbsp;</span>'
            )
