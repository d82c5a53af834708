"""The palettes of the window as Qt colours, from the one table of roles (resources/palette.json)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication

from alignment.roles import palettes, roles

LEGEND_GROUPS = ("pair", "word", "flag")
"""The groups of roles the legend shows; severities and review marks are named where they appear."""
ROLES = tuple(name for name, role in roles().items() if role.group in LEGEND_GROUPS)
LABELS = {name: role.label for name, role in roles().items()}
CUES = {name: role.cue for name, role in roles().items()}
GLYPHS = {name: role.glyph for name, role in roles().items() if role.glyph}

PALETTE_NAMES = ("default", "okabe-ito")


@dataclass(frozen=True)
class Palette:
    """The colours of one palette in light or dark mode."""

    name: str
    dark: bool
    title: str
    colors: dict[str, QColor]
    marks: dict[str, QColor]
    page: QColor
    text: QColor

    def color(self, role: str) -> QColor:
        """The background tint of a role."""
        return self.colors[role]

    def hue(self, role: str) -> QColor:
        """The mark colour of a role: gutter glyphs, underlines, bands and the overview map."""
        return self.marks[role]


def make_palette(name: str = "default", dark: bool = False) -> Palette:
    """Build a palette; unknown names fall back to the default."""
    name = name if name in PALETTE_NAMES else "default"
    table = palettes()[f"{name}-dark" if dark else name]
    return Palette(
        name,
        dark,
        table.title,
        {role: QColor(c.fill) for role, c in table.roles.items()},
        {role: QColor(c.mark) for role, c in table.roles.items()},
        QColor(table.base),
        QColor(table.text),
    )


def system_is_dark() -> bool:
    """Whether the desktop asks for a dark colour scheme."""
    hints = QGuiApplication.styleHints()
    return hints is not None and hints.colorScheme() == Qt.ColorScheme.Dark
