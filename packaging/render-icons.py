"""Render resources/paralign.svg to the PNG sizes beside it (run after changing the SVG)."""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtGui import QGuiApplication  # noqa: E402

from viewer.icon import ICON_SIZES, icon_png, render_icon  # noqa: E402

if __name__ == "__main__":
    app = QGuiApplication([])
    for size in ICON_SIZES:
        if not render_icon(size).save(str(icon_png(size))):
            sys.exit(f"render-icons: cannot write {icon_png(size)}")
        print(icon_png(size))
