"""The side panel listing every pair: a table model sortable by every column, a filter by kind, the view."""

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

from alignment.model import Alignment, Pair
from alignment.review import State
from viewer.columns import fit_columns
from viewer.marks import KIND_LABELS, kind_label, pair_role
from viewer.palette import GLYPHS, Palette, make_palette
from viewer.review_state import MANUAL_GLYPH, NOTE_GLYPH, STATE_GLYPHS

COLUMNS = ("Kind", "Score", "Review", "Original", "Paraphrase")

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

ROLE_ORDER = tuple(dict.fromkeys(role for role in FILTERS.values() if role not in (None, "changes")))
"""Kinds sort as the filter lists them: meaning changed first, kept (the same in place) last."""
REVIEW_ORDER = (STATE_GLYPHS[State.FLAGGED], STATE_GLYPHS[State.ACCEPTED], NOTE_GLYPH, MANUAL_GLYPH)
"""Review glyphs sort flagged for action first, then accepted, noted, linked by hand; untouched last."""

Index = QModelIndex | QPersistentModelIndex
WIDEST = {
    "Kind": [f"{GLYPHS['flag']} {label}, moved" for label in KIND_LABELS.values()],
    "Score": ["100%"],
    "Review": ["".join(REVIEW_ORDER)],
}
"""Everything the short columns can show, the widest of each: they take its width once
(:func:`viewer.columns.fit_columns`)."""
SortKey = tuple[int, int]
"""What a row sorts by: 1 when the column says nothing of its pair (that sorts last), then a number."""


def _clip(text: str, limit: int = 180) -> str:
    """A single line of at most limit characters."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _position(pair: Pair, side: int) -> SortKey:
    """Document order on one side (0 original, 1 paraphrase); pairs with nothing on it after the rest."""
    sentences = (pair.source, pair.target)[side]
    return (0, sentences[0]) if sentences else (1, 0)


def _review_rank(glyphs: str) -> SortKey:
    """A pair's place by its review glyphs (see :data:`REVIEW_ORDER`); untouched after the rest."""
    ranks = [REVIEW_ORDER.index(g) for g in glyphs if g in REVIEW_ORDER]
    return (0, min(ranks)) if ranks else (1, 0)


class PairModel(QAbstractTableModel):
    """One row per pair: kind, score, review and both texts; rows sorted by any column, pair order
    (reading order of the original) until then."""

    def __init__(self) -> None:
        super().__init__()
        self.alignment: Alignment | None = None
        self.flagged: frozenset[int] = frozenset()
        self.review_glyphs: dict[int, str] = {}
        self.palette_: Palette = make_palette()
        self._order: list[int] = []
        """The pair shown on each row."""
        self._rows: list[int] = []
        """The row of each pair."""
        self._sorted: tuple[int, Qt.SortOrder] = (-1, Qt.SortOrder.AscendingOrder)

    def set_alignment(self, alignment: Alignment | None) -> None:
        """Show another alignment's pairs, none flagged yet, sorted as the last ones were."""
        self.beginResetModel()
        self.alignment, self.flagged, self.review_glyphs = alignment, frozenset(), {}
        self._order = list(range(len(alignment.pairs) if alignment is not None else 0))
        self._rows = list(self._order)
        self.endResetModel()
        if self._sorted[0] >= 0:
            self._sort()

    def pair_at(self, row: int) -> int:
        """The pair a row shows."""
        return self._order[row]

    def row_of(self, pair: int) -> int:
        """The row a pair is shown on."""
        return self._rows[pair]

    def set_review_glyphs(self, glyphs: dict[int, str]) -> None:
        """Mark reviewed pairs with their review glyphs (accepted, flagged for action, noted)."""
        self.review_glyphs = glyphs
        if self._sorted[0] == COLUMNS.index("Review"):
            self._sort()
        self._changed(COLUMNS.index("Review"))

    def set_flagged(self, flagged: frozenset[int]) -> None:
        """Mark the pairs some check points at with the flag glyph."""
        self.flagged = flagged
        self._changed(COLUMNS.index("Kind"))

    def _changed(self, column: int) -> None:
        if self._order:
            self.dataChanged.emit(self.index(0, column), self.index(len(self._order) - 1, column))

    def sort_keys(self, column: int) -> list[SortKey]:
        """What a column sorts each pair by: kind in the filter's order, score as a number (one-sided
        pairs, which have none, after the rest), review state, position in either document."""
        assert self.alignment is not None
        pairs = self.alignment.pairs
        name = COLUMNS[column]
        if name == "Kind":
            return [(0, ROLE_ORDER.index(pair_role(p) or "same")) for p in pairs]
        if name == "Score":
            return [(0, round(p.score * 1_000_000)) if p.source and p.target else (1, 0) for p in pairs]
        if name == "Review":
            return [_review_rank(self.review_glyphs.get(k, "")) for k in range(len(pairs))]
        side = 0 if name == "Original" else 1
        return [_position(p, side) for p in pairs]

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Order the rows by a column (-1: pair order); ties, and pairs the column says nothing of,
        stay in pair order either way."""
        if (column, order) != self._sorted:
            self._sorted = (column, order)
            self._sort()

    def _sort(self) -> None:
        column, order = self._sorted
        descending = -1 if order == Qt.SortOrder.DescendingOrder else 1
        self.layoutAboutToBeChanged.emit()
        before = self.persistentIndexList()
        pairs = [self._order[i.row()] for i in before]
        if column < 0 or self.alignment is None:
            self._order = list(range(len(self._order)))
        else:
            # Only the value turns round: pairs without one stay last, ties stay in pair order.
            keys = self.sort_keys(column)
            self._order.sort(key=lambda k: (keys[k][0], descending * keys[k][1], k))
        for row, k in enumerate(self._order):
            self._rows[k] = row
        after = [self.index(self._rows[k], i.column()) for k, i in zip(pairs, before, strict=True)]
        self.changePersistentIndexList(before, after)
        self.layoutChanged.emit()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        """Number of pairs."""
        return 0 if parent.isValid() else len(self._order)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        """Kind, score, review, original, paraphrase."""
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        """Column titles; each row's pair number."""
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return COLUMNS[section] if orientation == Qt.Orientation.Horizontal else str(self._order[section] + 1)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        """Text, tooltip, colour and the pair's role for filtering."""
        if self.alignment is None or not index.isValid():
            return None
        k = self._order[index.row()]
        pair = self.alignment.pairs[k]
        column = COLUMNS[index.column()]
        if role == Qt.ItemDataRole.UserRole:
            return pair_role(pair) or "same"
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if column == "Kind":
                flag = f"{GLYPHS['flag']} " if k in self.flagged else ""
                return flag + kind_label(pair)
            if column == "Score":
                return "" if not (pair.source and pair.target) else f"{pair.score:.0%}"
            if column == "Review":
                return self.review_glyphs.get(k, "")
            text = self.alignment.text("source" if column == "Original" else "target", k)
            return text if role == Qt.ItemDataRole.ToolTipRole else _clip(text)
        if role == Qt.ItemDataRole.BackgroundRole and column == "Kind":
            kind_role = pair_role(pair)
            return None if kind_role is None else self.palette_.color(kind_role)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in ("Score", "Review"):
            return Qt.AlignmentFlag.AlignCenter
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

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Let the pairs' model sort itself (a key per pair, at once: a book has tens of thousands)."""
        self.sourceModel().sort(column, order)

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
        if not self._only and self._wanted is None:
            return True  # each row is asked for again whenever the pairs are sorted
        model = self.sourceModel()
        assert isinstance(model, PairModel)
        pair = model.pair_at(row)
        if any(pair not in only for only in self._only.values()):
            return False
        if self._wanted is None:
            return True
        role = model.index(row, 0, parent).data(Qt.ItemDataRole.UserRole)
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
        fit_columns(self.view, header, COLUMNS, {COLUMNS.index(name): w for name, w in WIDEST.items()})
        for column in ("Original", "Paraphrase"):
            header.setSectionResizeMode(COLUMNS.index(column), QHeaderView.ResizeMode.Stretch)
        header.setSortIndicatorClearable(True)  # a third click: pair order again
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.view.setSortingEnabled(True)
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
        index = self.proxy.mapFromSource(self.model.index(self.model.row_of(pair), 0))
        if index.isValid():
            self.view.selectRow(index.row())
            self.view.scrollTo(index)

    def _activated(self, index: QModelIndex) -> None:
        """Report the pair of a clicked row."""
        self.pair_activated.emit(self.model.pair_at(self.proxy.mapToSource(index).row()))
