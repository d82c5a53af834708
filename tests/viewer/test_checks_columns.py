"""The checks panel's short columns: as wide as anything they can show, without asking the rows."""

from __future__ import annotations

import math

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetricsF
from PySide6.QtWidgets import QStyle

from alignment.checks import KINDS, SEVERITIES
from alignment.model import Check
from viewer.checks_panel import ChecksPanel


def _checks() -> list[Check]:
    """A check of every severity and kind, far into a book, and a group of one change over many pairs."""
    singles = [Check(kind, "changed", severity, f"{kind} {severity}", None, None, 31_000 + n)
               for n, (kind, severity) in enumerate((k, s) for k in KINDS for s in SEVERITIES)]
    return singles + [Check("name", "changed", "low", "Name changed: A → B", None, None, p, group="A→B")
                      for p in (3, 29_999)]


def test_each_short_column_holds_the_widest_text_of_its_rows_in_bold(qtbot) -> None:
    panel = ChecksPanel()
    qtbot.addWidget(panel)
    panel.resize(900, 400)
    panel.set_checks(_checks())
    bold = QFont(panel.view.font())
    bold.setBold(True)
    metrics = QFontMetricsF(bold)
    # What the style keeps beside an item's text: the text itself gets the rest, or is elided.
    view = panel.view
    margin = 2 * (view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1)
    model = panel.proxy
    for column in (0, 1, 3):
        width = panel.view.columnWidth(column)
        for row in range(model.rowCount()):
            text = model.index(row, column).data(Qt.ItemDataRole.DisplayRole)
            indent = panel.view.indentation() if column == 0 else 0
            needed = math.ceil(metrics.horizontalAdvance(text)) + margin + indent
            assert needed <= width, (column, text, width)


def test_setting_the_checks_asks_no_row_for_its_size(qtbot, monkeypatch) -> None:  # noqa: ANN001
    panel = ChecksPanel()
    qtbot.addWidget(panel)
    panel.show()
    asked: list[int] = []
    data = panel.model.data
    monkeypatch.setattr(panel.model, "data", lambda index, role=Qt.ItemDataRole.DisplayRole:
                        asked.append(role) or data(index, role))
    panel.set_checks(_checks() * 20)
    assert len(asked) < 50, len(asked)
