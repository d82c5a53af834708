"""Colour roles, the palettes that fill them, and the non-colour cue each role also carries."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication

ROLES = (
    "changed",
    "regrouped",
    "moved",
    "deleted",
    "added",
    "word_deleted",
    "word_inserted",
    "word_replaced",
    "flag",
)

LABELS = {
    "changed": "Reworded sentence",
    "regrouped": "Merged / split sentences",
    "moved": "Moved sentence",
    "deleted": "Dropped (only in the original)",
    "added": "Added (only in the paraphrase)",
    "word_deleted": "Deleted words",
    "word_inserted": "Inserted words",
    "word_replaced": "Replaced words",
    "flag": "Editorial flag",
}

CUES = {
    "changed": "gutter mark ~",
    "regrouped": "gutter mark ⇄",
    "moved": "gutter mark ↕",
    "deleted": "gutter mark −",
    "added": "gutter mark +",
    "word_deleted": "struck through",
    "word_inserted": "underlined",
    "word_replaced": "wavy underline",
    "flag": "gutter mark !",
}

GLYPHS = {role: cue.rsplit(" ", 1)[-1] for role, cue in CUES.items() if cue.startswith("gutter")}

PALETTE_NAMES = ("default", "okabe-ito")

# Base hues per role: (sentence tint, word tint) are derived by blending onto the page colour.
_HUES = {
    "default": {
        "changed": "#f2c744",
        "regrouped": "#9b72e8",
        "moved": "#3d8fe0",
        "deleted": "#e8590c",
        "added": "#2f9e44",
        "word_deleted": "#e03131",
        "word_inserted": "#2b8a3e",
        "word_replaced": "#f08c00",
        "flag": "#c2255c",
    },
    # Okabe & Ito (2008), "Color Universal Design": distinguishable in all common colour-vision types.
    "okabe-ito": {
        "changed": "#f0e442",
        "regrouped": "#cc79a7",
        "moved": "#56b4e9",
        "deleted": "#d55e00",
        "added": "#009e73",
        "word_deleted": "#d55e00",
        "word_inserted": "#009e73",
        "word_replaced": "#e69f00",
        "flag": "#0072b2",
    },
}

_SENTENCE_ROLES = ("changed", "regrouped", "moved", "deleted", "added")


def _blend(hue: QColor, page: QColor, amount: float) -> QColor:
    """A colour part-way from the page colour to a hue."""
    return QColor(
        round(page.red() + (hue.red() - page.red()) * amount),
        round(page.green() + (hue.green() - page.green()) * amount),
        round(page.blue() + (hue.blue() - page.blue()) * amount),
    )


@dataclass(frozen=True)
class Palette:
    """The colours of one palette in light or dark mode."""

    name: str
    dark: bool
    colors: dict[str, QColor]
    page: QColor
    text: QColor

    def color(self, role: str) -> QColor:
        """The background colour of a role."""
        return self.colors[role]

    def hue(self, role: str) -> QColor:
        """The saturated colour of a role, for bands, gutter marks and the overview map."""
        return QColor(_HUES[self.name][role])

    @property
    def title(self) -> str:
        """The name shown in menus."""
        base = "Okabe-Ito (colour-blind safe)" if self.name == "okabe-ito" else "Default"
        return f"{base}, dark" if self.dark else base


def make_palette(name: str = "default", dark: bool = False) -> Palette:
    """Build a palette; unknown names fall back to the default."""
    hues = _HUES.get(name, _HUES["default"])
    name = name if name in _HUES else "default"
    page = QColor("#1f2126") if dark else QColor("#ffffff")
    text = QColor("#e4e6eb") if dark else QColor("#1d1f23")
    colors = {}
    for role, hue in hues.items():
        amount = (0.27 if dark else 0.22) if role in _SENTENCE_ROLES else 0.62 if dark else 0.45
        colors[role] = _blend(QColor(hue), page, amount)
    return Palette(name, dark, colors, page, text)


def system_is_dark() -> bool:
    """Whether the desktop asks for a dark colour scheme."""
    hints = QGuiApplication.styleHints()
    return hints is not None and hints.colorScheme() == Qt.ColorScheme.Dark
