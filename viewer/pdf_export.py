"""Write the HTML report to PDF through Qt's rich-text engine (the engine itself never imports Qt)."""

from __future__ import annotations

import os

from PySide6.QtCore import QMarginsF, QSizeF
from PySide6.QtGui import QGuiApplication, QPageLayout, QPageSize, QPdfWriter, QTextDocument
from PySide6.QtWidgets import QApplication

from alignment.errors import ParalignError

_app: QApplication | None = None
"""The offscreen application made for command-line use, kept alive while the process runs.

A full QApplication rather than a QGuiApplication, so widgets can still be made later in-process."""


def write_pdf(html: str, path: str) -> None:
    """Lay out ``html`` on A4 landscape pages and write them to a PDF file at ``path``."""
    global _app
    if QGuiApplication.instance() is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        _app = QApplication([])
    writer = QPdfWriter(path)
    writer.setTitle("paralign report")
    writer.setCreator("paralign")
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Landscape, QMarginsF(12, 12, 12, 12)
        )
    )
    writer.setResolution(96)
    doc = QTextDocument()
    doc.setHtml(html)
    layout = writer.pageLayout()
    rect = layout.paintRectPixels(writer.resolution())
    doc.setPageSize(QSizeF(rect.width(), rect.height()))
    doc.print_(writer)
    if not os.path.exists(path) or os.path.getsize(path) == 0:
        raise ParalignError(f"{path}: the PDF could not be written")
