"""The side panel listing every pair: a table model, a filter by kind, and the view."""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from alignment.model import Alignment
from viewer.marks import kind_label, pair_role
from viewer.palette import GLYPHS, Palette, make_palette

COLUMNS = ("Kind", "Score", "Original", "Paraphrase")

FILTERS = {
    "All pairs": None,
    "All changes": "changes",
    "Reworded, meaning changed": "changed",
    "Reworded, same meaning": "kept",
    "Merged / split": "regrouped",
    "Moved": "moved",
    "Dropped": "deleted",
    "Added": "added",
    "Kept": "same",
}

Index = QModelIndex | QPersistentModelIndex


def _clip(text: str, limit: int = 180) -> str:
    """A single line of at most limit characters."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


class PairModel(QAbstractTableModel):
    """One row per pair: kind, score and both texts."""

    def __init__(self) -> None:
        super().__init__()
        self.alignment: Alignment | None = None
        self.flagged: frozenset[int] = frozenset()
        self.review_glyphs: dict[int, str] = {}
        self.palette_: Palette = make_palette()

    def set_alignment(self, alignment: Alignment | None) -> None:
        """Show another alignment's pairs, none flagged yet."""
        self.beginResetModel()
        self.alignment, self.flagged, self.review_glyphs = alignment, frozenset(), {}
        self.endResetModel()

    def set_review_glyphs(self, glyphs: dict[int, str]) -> None:
        """Mark reviewed pairs with their review glyphs (accepted, flagged for action, noted)."""
        self.review_glyphs = glyphs
        if self.alignment is not None and self.alignment.pairs:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.alignment.pairs) - 1, 0))

    def set_flagged(self, flagged: frozenset[int]) -> None:
        """Mark the pairs some check points at with the flag glyph."""
        self.flagged = flagged
        if self.alignment is not None and self.alignment.pairs:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.alignment.pairs) - 1, 0))

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        """Number of pairs."""
        return 0 if parent.isValid() or self.alignment is None else len(self.alignment.pairs)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        """Kind, score, original, paraphrase."""
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        """Column titles; row numbers."""
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return COLUMNS[section] if orientation == Qt.Orientation.Horizontal else str(section + 1)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        """Text, tooltip, colour and the pair's role for filtering."""
        if self.alignment is None or not index.isValid():
            return None
        pair = self.alignment.pairs[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.UserRole:
            return pair_role(pair) or "same"
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if column == 0:
                flag = f"{GLYPHS['flag']} " if index.row() in self.flagged else ""
                review = self.review_glyphs.get(index.row(), "")
                return flag + kind_label(pair) + (f"  {review}" if review else "")
            if column == 1:
                return "" if not (pair.source and pair.target) else f"{pair.score:.0%}"
            side = "source" if column == 2 else "target"
            text = self.alignment.text(side, index.row())
            return text if role == Qt.ItemDataRole.ToolTipRole else _clip(text)
        if role == Qt.ItemDataRole.BackgroundRole and column == 0:
            kind_role = pair_role(pair)
            return None if kind_role is None else self.palette_.color(kind_role)
        return None


class KindFilter(QSortFilterProxyModel):
    """Keeps the rows of one kind (or all changes, or everything), optionally only some pairs."""

    def __init__(self) -> None:
        super().__init__()
        self._wanted: str | None = None
        self._only: dict[str, frozenset[int]] = {}
        # A pair's kind and the limits change only by a reset or a set_* here: the glyphs and flags
        # that change its data would otherwise have every one of a book's rows asked again.
        self.setDynamicSortFilter(False)

    def set_wanted(self, wanted: str | None) -> None:
        """Filter by a role name, 'changes', or None for everything."""
        self.beginFilterChange()
        self._wanted = wanted
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_only(self, pairs: frozenset[int] | None, limit: str = "checks") -> None:
        """Keep only these pairs (None for no such limit); limits of different names all apply."""
        if self._only.get(limit) == pairs:
            return  # each row would be asked again for nothing (the review asks on every edit)
        self.beginFilterChange()
        if pairs is None:
            self._only.pop(limit, None)
        else:
            self._only[limit] = pairs
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, row: int, parent: Index) -> bool:
        """Whether a pair is among those kept and its role is wanted."""
        if any(row not in only for only in self._only.values()):
            return False
        if self._wanted is None:
            return True
        role = self.sourceModel().index(row, 0, parent).data(Qt.ItemDataRole.UserRole)
        return role != "same" if self._wanted == "changes" else role == self._wanted


class PairTable(QWidget):
    """A filter box over the table of pairs; activating a row jumps to its pair."""

    pair_activated = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = PairModel()
        self.proxy = KindFilter()
        self.proxy.setSourceModel(self.model)
        self.filter_box = QComboBox()
        self.filter_box.setAccessibleName("Show pairs of kind")
        self.filter_box.addItems(list(FILTERS))
        self.filter_box.currentTextChanged.connect(self._filter_chosen)
        self.view = QTableView()
        self.view.setAccessibleName("Sentence pairs")
        self.view.setModel(self.proxy)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setWordWrap(False)
        self.view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 6)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.view.clicked.connect(self._activated)
        self.view.activated.connect(self._activated)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        self._filters = QHBoxLayout()
        self._filters.addWidget(self.filter_box, 1)
        layout.addLayout(self._filters)
        layout.addWidget(self.view)

    def _filter_chosen(self, text: str) -> None:
        """Keep the rows of a kind; a side those rows have no text on gives its column to the other."""
        wanted = FILTERS[text]
        self.proxy.set_wanted(wanted)
        self.view.setColumnHidden(COLUMNS.index("Paraphrase"), wanted == "deleted")
        self.view.setColumnHidden(COLUMNS.index("Original"), wanted == "added")
        self.view.setColumnHidden(COLUMNS.index("Score"), wanted in ("deleted", "added"))

    def set_alignment(self, alignment: Alignment | None) -> None:
        """List another alignment's pairs."""
        self.model.set_alignment(alignment)

    def set_flagged(self, flagged: frozenset[int]) -> None:
        """Mark the pairs some check points at."""
        self.model.set_flagged(flagged)

    def show_only(self, pairs: frozenset[int] | None, limit: str = "checks") -> None:
        """List only these pairs, or all again with None; each limit (checks, review) has its own."""
        self.proxy.set_only(pairs, limit)

    def set_review_glyphs(self, glyphs: dict[int, str]) -> None:
        """Show each reviewed pair's review glyphs after its kind."""
        self.model.set_review_glyphs(glyphs)

    def add_filter(self, widget: QWidget) -> None:
        """Put another filter box beside the kind filter."""
        self._filters.addWidget(widget)

    def set_palette(self, palette: Palette) -> None:
        """Colour the kind column with another palette."""
        self.model.palette_ = palette
        self.view.viewport().update()

    def select_pair(self, pair: int | None) -> None:
        """Highlight a pair's row, if the filter shows it."""
        if pair is None or self.model.alignment is None:
            self.view.clearSelection()
            return
        index = self.proxy.mapFromSource(self.model.index(pair, 0))
        if index.isValid():
            self.view.selectRow(index.row())
            self.view.scrollTo(index)

    def _activated(self, index: QModelIndex) -> None:
        """Report the pair of a clicked row."""
        self.pair_activated.emit(self.proxy.mapToSource(index).row())
