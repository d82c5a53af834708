"""Short columns of a table or tree given the width of the widest text they can show, measured once.

Fitting them to their contents instead had Qt ask hundreds of rows of a book for their data on every
change of the list (a pair table's 120,000 calls, the checks' 10,000 on each fill: seconds in all)."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

from PySide6.QtGui import QFont, QFontMetricsF
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QStyle


def fit_columns(
    view: QAbstractItemView, header: QHeaderView, titles: Sequence[str], widest: Mapping[int, Sequence[str]],
    font: QFont | None = None, indent: int = 0,
) -> None:
    """Give each column of ``widest`` the width of the widest of its texts (in ``font``, the view's by
    default; the first column ``indent`` pixels more, a tree's branch), or of its title with the sort
    arrow; the user may still resize it."""
    style = view.style()
    cell = 2 * (style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1)
    title = 2 * style.pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header) + style.pixelMetric(
        QStyle.PixelMetric.PM_HeaderMarkSize, None, header
    )
    # The text as laid out, to the pixel above: a width rounded down had a bold word elided.
    metrics = QFontMetricsF(font if font is not None else view.font())
    for column, texts in widest.items():
        text = math.ceil(max((metrics.horizontalAdvance(t) for t in texts), default=0.0)) + cell
        text += indent if column == 0 else 0
        named = header.fontMetrics().horizontalAdvance(titles[column]) + title
        header.resizeSection(column, max(text, named))
