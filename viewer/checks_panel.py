"""The Checks panel: editorial checks listed by severity, filtered by severity and kind, click to jump.

Wiring it into the main window (the viewer's owner does this)::

    panel = ChecksPanel()
    dock = QDockWidget("Checks"); dock.setWidget(panel)
    panel.set_checks(alignment.checks.run_checks(alignment))   # after every (re)alignment
    panel.pairActivated.connect(window.go_to_pair)              # jump: scroll both panes to the pair
    panel.checkActivated.connect(lambda i: panes.mark_spans(panel.check(i)))  # mark .source/.target
    panel.flaggedOnlyToggled.connect(pair_filter.set_only)      # show only panel.flagged_pairs()

``checkActivated`` carries the index of the check in the list given to :meth:`set_checks`;
``pairActivated`` the pair index (both are emitted on a click or Enter, check first).  Gutter marks
for flagged pairs come from :meth:`flagged_pairs` (pair index → highest severity).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from alignment.checks import KINDS, SEVERITIES
from alignment.model import Check
from viewer.palette import Palette, make_palette

COLUMNS = ("Severity", "Kind", "Message", "Pair")
CHECK_ROLE = Qt.ItemDataRole.UserRole + 1
"""Item data role holding the index of the check in the list the panel was given."""
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
"""Item data role a column sorts by: severity order (then pair), kind, message, pair number."""

_Index = QModelIndex | QPersistentModelIndex


class ChecksModel(QAbstractTableModel):
    """The checks as a table: severity, kind, message, pair; rows in severity order."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._checks: list[Check] = []
        self._rows: list[int] = []
        self._palette = make_palette()

    def set_palette(self, palette: Palette) -> None:
        """Colour the severities with a palette's severity marks."""
        self._palette = palette
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, 0))

    def set_checks(self, checks: Sequence[Check]) -> None:
        """Replace the checks; rows follow severity, then pair."""
        self.beginResetModel()
        self._checks = list(checks)
        self._rows = sorted(
            range(len(self._checks)),
            key=lambda i: (SEVERITIES.index(self._checks[i].severity), self._checks[i].pair, i),
        )
        self.endResetModel()

    def check(self, index: int) -> Check:
        """A check by its index in the list given to :meth:`set_checks`."""
        return self._checks[index]

    def checks(self) -> list[Check]:
        """All checks, in the order given."""
        return list(self._checks)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        """Number of checks (a flat table)."""
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        """Severity, kind, message, pair."""
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        """Column titles."""
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        """Text, severity colour, tooltip and the check's own index."""
        if not index.isValid():
            return None
        i = self._rows[index.row()]
        c = self._checks[i]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            # Pairs are numbered from 1, as the pair table's rows are.
            return (f"● {c.severity.capitalize()}", c.kind.capitalize(), c.message, str(c.pair + 1))[col]
        if role == Qt.ItemDataRole.ToolTipRole:
            return c.message
        if role == Qt.ItemDataRole.ForegroundRole and col == 0:
            return self._palette.hue(f"severity_{c.severity}")
        if role == CHECK_ROLE:
            return i
        if role == SORT_ROLE:
            # The severity column sorts as the rows stand: severity, then pair, then position.
            return (index.row(), c.kind, c.message, c.pair)[col]
        return None


class _Filter(QSortFilterProxyModel):
    """Keeps the checks of one severity and one kind (None for any)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.severity: str | None = None
        self.kind: str | None = None

    def set_filter(self, severity: str | None, kind: str | None) -> None:
        """Show only checks of a severity and a kind; None shows all."""
        self.beginFilterChange()
        self.severity, self.kind = severity, kind
        self.endFilterChange()

    def filterAcceptsRow(self, row: int, parent: _Index) -> bool:
        """Whether a check passes both filters."""
        model = self.sourceModel()
        assert isinstance(model, ChecksModel)
        c = model.check(model.index(row, 0, parent).data(CHECK_ROLE))
        return (self.severity is None or c.severity == self.severity) and (
            self.kind is None or c.kind == self.kind
        )


class ChecksPanel(QWidget):
    """A list of editorial checks with severity and kind filters and an "only flagged pairs" toggle."""

    checkActivated = Signal(int)
    pairActivated = Signal(int)
    flaggedOnlyToggled = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = ChecksModel(self)
        self.proxy = _Filter(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)

        self.severity_box = QComboBox()
        self.severity_box.addItem("All severities", None)
        for s in SEVERITIES:
            self.severity_box.addItem(s.capitalize(), s)
        self.kind_box = QComboBox()
        self.kind_box.addItem("All kinds", None)
        for k in KINDS:
            self.kind_box.addItem(k.capitalize(), k)
        self.flagged_only = QCheckBox("Only flagged pairs")
        self.flagged_only.setToolTip("Show only the pairs some check points at")
        self.count = QLabel()

        self.view = QTreeView()
        self.view.setModel(self.proxy)
        self.view.setRootIsDecorated(False)
        self.view.setUniformRowHeights(True)
        self.view.setAlternatingRowColors(True)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.view.setAccessibleName("Editorial checks")
        header = self.view.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        for col in (0, 1, 3):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)

        filters = QHBoxLayout()
        filters.addWidget(self.severity_box)
        filters.addWidget(self.kind_box)
        filters.addWidget(self.flagged_only)
        filters.addStretch(1)
        filters.addWidget(self.count)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(filters)
        layout.addWidget(self.view)

        self.severity_box.currentIndexChanged.connect(self._refilter)
        self.kind_box.currentIndexChanged.connect(self._refilter)
        self.flagged_only.toggled.connect(self.flaggedOnlyToggled)
        self.view.clicked.connect(self._activate)
        self.view.activated.connect(self._activate)
        self._update_count()

    def set_palette(self, palette: Palette) -> None:
        """Colour the severities with a palette."""
        self.model.set_palette(palette)

    def set_checks(self, checks: Sequence[Check]) -> None:
        """Show a new list of checks (from :func:`alignment.checks.run_checks`)."""
        self.model.set_checks(checks)
        self._update_count()

    def check(self, index: int) -> Check:
        """A check by the index ``checkActivated`` carries."""
        return self.model.check(index)

    def flagged_pairs(self) -> dict[int, str]:
        """Every flagged pair with the highest severity among its checks."""
        out: dict[int, str] = {}
        for c in self.model.checks():
            if c.pair not in out or SEVERITIES.index(c.severity) < SEVERITIES.index(out[c.pair]):
                out[c.pair] = c.severity
        return out

    def set_filter(self, severity: str | None = None, kind: str | None = None) -> None:
        """Choose the severity and kind shown (None for all), as the combo boxes do."""
        self.severity_box.setCurrentIndex(max(0, self.severity_box.findData(severity)))
        self.kind_box.setCurrentIndex(max(0, self.kind_box.findData(kind)))

    def visible_checks(self) -> list[Check]:
        """The checks the list shows now, top to bottom."""
        return [
            self.model.check(self.proxy.index(r, 0).data(CHECK_ROLE)) for r in range(self.proxy.rowCount())
        ]

    def _refilter(self) -> None:
        self.proxy.set_filter(self.severity_box.currentData(), self.kind_box.currentData())
        self._update_count()

    def _update_count(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        self.count.setText(f"{total} checks" if shown == total else f"{shown} of {total} checks")

    def _activate(self, index: QModelIndex) -> None:
        i = index.data(CHECK_ROLE)
        if i is None:
            return
        self.checkActivated.emit(i)
        self.pairActivated.emit(self.model.check(i).pair)
