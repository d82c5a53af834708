"""The application icon: the SVG in resources/ and the PNG sizes rendered from it."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QIcon, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

# The sizes desktops ask for, from menus and title bars (16) to launchers and docks (256).
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256)
ICON_NAME = "paralign"


def icon_svg() -> Path:
    """The scalable icon."""
    return Path(str(files("resources") / f"{ICON_NAME}.svg"))


def icon_png(size: int) -> Path:
    """The icon rendered at one size."""
    return Path(str(files("resources") / f"{ICON_NAME}-{size}.png"))


def render_icon(size: int) -> QImage:
    """The SVG drawn on a transparent square of this size."""
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    QSvgRenderer(str(icon_svg())).render(painter)
    painter.end()
    return image


def app_icon() -> QIcon:
    """The window icon, crisp at every size a desktop asks for (the PNGs: drawn once, not per window)."""
    icon = QIcon()
    for size in ICON_SIZES:
        icon.addFile(str(icon_png(size)), QSize(size, size))
    return icon
