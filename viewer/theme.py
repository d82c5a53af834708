"""Light and dark widget palettes for the whole application, following the system by default."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from viewer.palette import system_is_dark

THEMES = ("system", "light", "dark")


def is_dark(theme: str) -> bool:
    """Whether a theme setting means dark right now."""
    return theme == "dark" or (theme == "system" and system_is_dark())


def apply_theme(app: QApplication, dark: bool) -> None:
    """Give the application's widgets a light or dark palette."""
    app.setStyle("Fusion")
    if not dark:
        app.setPalette(app.style().standardPalette())
        return
    p = QPalette()
    roles = {
        QPalette.ColorRole.Window: "#2a2c31",
        QPalette.ColorRole.WindowText: "#e4e6eb",
        QPalette.ColorRole.Base: "#1f2126",
        QPalette.ColorRole.AlternateBase: "#26282d",
        QPalette.ColorRole.ToolTipBase: "#31343a",
        QPalette.ColorRole.ToolTipText: "#e4e6eb",
        QPalette.ColorRole.Text: "#e4e6eb",
        QPalette.ColorRole.Button: "#33363c",
        QPalette.ColorRole.ButtonText: "#e4e6eb",
        QPalette.ColorRole.BrightText: "#ffffff",
        QPalette.ColorRole.Highlight: "#3d6fb0",
        QPalette.ColorRole.HighlightedText: "#ffffff",
        QPalette.ColorRole.PlaceholderText: "#8a8f98",
        QPalette.ColorRole.Link: "#79b0ff",
        QPalette.ColorRole.Mid: "#44474e",
        QPalette.ColorRole.Dark: "#18191c",
    }
    for role, color in roles.items():
        p.setColor(role, QColor(color))
    p.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text, QColor("#6b6f76"))
    p.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText, QColor("#6b6f76"))
    p.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText, QColor("#6b6f76"))
    app.setPalette(p)
