"""A strip naming every colour role of the current palette together with its non-colour cue."""

from __future__ import annotations

import html

from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from viewer.palette import CUES, GLYPHS, LABELS, ROLES, Palette, make_palette

_STYLE = {
    "word_deleted": "text-decoration: line-through;",
    "word_inserted": "text-decoration: underline;",
    "word_replaced": "text-decoration: underline;",
    "word_wording": "text-decoration: underline;",
    "word_form": "text-decoration: underline;",
}
"""What Qt's rich text can draw of each cue (it has no dashed or dotted underline: the cue's name says)."""
_UNTINTED = ("word_form",)


def legend_html(palette: Palette) -> str:
    """One swatch per role: its tint, glyph and name, and for word marks the cue's name after it."""
    items = []
    for role in ROLES:
        glyph = f"{GLYPHS[role]} " if role in GLYPHS else ""
        background = "" if role in _UNTINTED else f"background:{palette.color(role).name()};"
        cue = f" ({html.escape(CUES[role])})" if not glyph else ""
        items.append(
            f'<span style="{background} color:{palette.text.name()}; {_STYLE.get(role, "")}">'
            f"&nbsp;{html.escape(glyph + LABELS[role])}&nbsp;</span>{cue}"
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
        """Show another palette's colours, on the palette's own base so that they read as in the panes."""
        self.setText(legend_html(palette))
        self.setStyleSheet(f"QLabel {{ background: {palette.page.name()}; color: {palette.text.name()}; }}")
