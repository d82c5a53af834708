"""A strip naming every colour of the current palette together with its non-colour cue."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from viewer.palette import CUES, LABELS, ROLES, Palette, make_palette

_STYLE = {
    "word_deleted": "text-decoration: line-through;",
    "word_inserted": "text-decoration: underline;",
    "word_replaced": "text-decoration: underline;",
}


def legend_html(palette: Palette) -> str:
    """One swatch per role: the role's colour and cue around its name."""
    items = []
    for role in ROLES:
        glyph = CUES[role].rsplit(" ", 1)[-1] + " " if CUES[role].startswith("gutter") else ""
        items.append(
            f'<span style="background:{palette.color(role).name()}; color:{palette.text.name()};'
            f' {_STYLE.get(role, "")}">&nbsp;{glyph}{LABELS[role]}&nbsp;</span>'
        )
    return "&nbsp;&nbsp; ".join(items)


class Legend(QLabel):
    """Every colour role of the palette in use, wrapping onto more lines in a narrow window."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Legend")
        self.setAccessibleDescription("; ".join(f"{LABELS[r]}: {CUES[r]}" for r in ROLES))
        self.setWordWrap(True)
        self.setContentsMargins(6, 3, 6, 3)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.set_palette(make_palette())

    def set_palette(self, palette: Palette) -> None:
        """Show another palette's colours."""
        self.setText(legend_html(palette))
