"""The Checks panel: groups of one consistent change first, then single checks by severity; filtered
by severity and kind, every column sortable, click to jump.

Wiring it into the main window (the viewer's owner does this)::

    panel = ChecksPanel()
    dock = QDockWidget("Checks"); dock.setWidget(panel)
    panel.set_checks(alignment.checks.run_checks(alignment))   # after every (re)alignment
    panel.pairActivated.connect(window.go_to_pair)              # jump: scroll both panes to the pair
    panel.checkActivated.connect(lambda i: panes.mark_spans(panel.check(i)))  # mark .source/.target
    panel.flaggedOnlyToggled.connect(pair_filter.set_only)      # show only panel.flagged_pairs()

``checkActivated`` carries the index of the check in the list given to :meth:`set_checks`;
``pairActivated`` the pair index (both are emitted on a click or Enter, check first); a group's row
emits ``groupActivated`` with the indices of its checks instead.  Gutter marks
for flagged pairs come from :meth:`flagged_pairs` (pair index → highest severity).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont
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
from alignment.grouping import CheckGroup, group_checks, review_items
from alignment.model import Check
from viewer.palette import Palette, make_palette

COLUMNS = ("Severity", "Kind", "Message", "Pair")
CHECK_ROLE = Qt.ItemDataRole.UserRole + 1
"""Item data role holding the index of the check in the list the panel was given (None on a group)."""
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
"""Item data role a column sorts by: severity order (then count or pair), kind, message, pair number."""
GROUP_ROLE = Qt.ItemDataRole.UserRole + 3
"""Item data role holding a group row's checks: their indices in the list the panel was given."""

_TOP = 0
"""Internal id of a top-level row (a group or a single check); a group's checks carry its row + 1."""

_Index = QModelIndex | QPersistentModelIndex

Decoration = tuple[str, str]
"""What a check's message is shown with: a prefix (its review glyph) and a suffix (its note)."""


def _shared(decorations: Sequence[Decoration]) -> Decoration:
    """The prefix and the suffix all of a group's checks are shown with ("" where they differ)."""
    prefixes, suffixes = {d[0] for d in decorations}, {d[1] for d in decorations}
    return prefixes.pop() if len(prefixes) == 1 else "", suffixes.pop() if len(suffixes) == 1 else ""


def _title(checks: Sequence[Check], group: CheckGroup) -> str:
    """What a group's checks say: their one message, or the group's key when their messages differ."""
    messages = {checks[i].message for i in group.checks}
    return messages.pop() if len(messages) == 1 else group.key[:1].upper() + group.key[1:]


def _kind(checks: Sequence[Check], group: CheckGroup) -> str:
    """The kind of a group's checks, "mixed" when they are of several."""
    kinds = {checks[i].kind for i in group.checks}
    return kinds.pop() if len(kinds) == 1 else "mixed"


class ChecksModel(QAbstractItemModel):
    """The checks as a tree: a row per group of one consistent change (its checks below), then the
    checks in no group; groups by severity then size, single checks by severity then pair."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._checks: list[Check] = []
        self._groups: list[CheckGroup] = []
        self._titles: list[str] = []
        self._decorations: list[Decoration] = []
        self._shared: list[Decoration] = []
        self._singles: list[int] = []
        self._palette = make_palette()

    def set_palette(self, palette: Palette) -> None:
        """Colour the severities with a palette's severity marks."""
        self._palette = palette
        top = self.rowCount()
        if top:
            self.dataChanged.emit(self.index(0, 0), self.index(top - 1, 0))
        for g, group in enumerate(self._groups):
            parent = self.index(g, 0)
            self.dataChanged.emit(self.index(0, 0, parent), self.index(group.count - 1, 0, parent))

    def set_checks(self, checks: Sequence[Check], decorations: Sequence[Decoration] = ()) -> None:
        """Replace the checks (each shown with its decoration, if given); groups of two or more checks
        first, then the rest by severity and pair."""
        self.beginResetModel()
        self._checks = list(checks)
        self._decorations = list(decorations) or [("", "")] * len(self._checks)
        self._groups = group_checks(self._checks)
        self._titles = [_title(self._checks, g) for g in self._groups]
        self._shared = [_shared([self._decorations[i] for i in g.checks]) for g in self._groups]
        grouped = {i for g in self._groups for i in g.checks}
        self._singles = sorted(
            (i for i in range(len(self._checks)) if i not in grouped),
            key=lambda i: (SEVERITIES.index(self._checks[i].severity), self._checks[i].pair, i),
        )
        self.endResetModel()

    def check(self, index: int) -> Check:
        """A check by its index in the list given to :meth:`set_checks`."""
        return self._checks[index]

    def checks(self) -> list[Check]:
        """All checks, in the order given."""
        return list(self._checks)

    def groups(self) -> list[CheckGroup]:
        """The groups listed first, in their order."""
        return list(self._groups)

    def check_at(self, index: _Index) -> int | None:
        """The check a row shows (its index in the list given), None for a group row."""
        if not index.isValid():
            return None
        if index.internalId() != _TOP:
            return self._groups[index.internalId() - 1].checks[index.row()]
        row = index.row() - len(self._groups)
        return self._singles[row] if row >= 0 else None

    def group_at(self, index: _Index) -> int | None:
        """The group a top-level row shows, None for a check."""
        if not index.isValid() or index.internalId() != _TOP or index.row() >= len(self._groups):
            return None
        return index.row()

    def index_of(self, check: int) -> QModelIndex:
        """The row of a check: inside its group if it has one."""
        for g, group in enumerate(self._groups):
            if check in group.checks:
                return self.index(group.checks.index(check), 0, self.index(g, 0))
        return self.index(len(self._groups) + self._singles.index(check), 0)

    def index(self, row: int, column: int, parent: _Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        """A top-level row, or a check inside a group."""
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        return self.createIndex(row, column, _TOP if not parent.isValid() else parent.row() + 1)

    def parent(self, index: _Index) -> QModelIndex:  # type: ignore[override] - Qt's overload
        """A group's check has the group as parent; top-level rows have none."""
        if not index.isValid() or index.internalId() == _TOP:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, _TOP)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        """Groups then single checks at the top; a group's checks below it."""
        if not parent.isValid():
            return len(self._groups) + len(self._singles)
        group = self.group_at(parent)
        return self._groups[group].count if group is not None and parent.column() == 0 else 0

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        """Severity, kind, message, pair."""
        return len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        """Column titles."""
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        """Text, severity colour, tooltip, sort key and the check's own index (or a group's)."""
        if not index.isValid():
            return None
        group = self.group_at(index)
        if group is not None:
            return self._group_data(group, index.column(), role)
        i = self.check_at(index)
        assert i is not None
        c = self._checks[i]
        col = index.column()
        prefix, suffix = self._decorations[i]
        if role == Qt.ItemDataRole.DisplayRole:
            # Pairs are numbered from 1, as the pair table's rows are.
            message = prefix + c.message + suffix
            return (f"● {c.severity.capitalize()}", c.kind.capitalize(), message, str(c.pair + 1))[col]
        if role == Qt.ItemDataRole.ToolTipRole:
            return prefix + c.message + suffix
        if role == Qt.ItemDataRole.ForegroundRole and col == 0:
            return self._palette.hue(f"severity_{c.severity}")
        if role == CHECK_ROLE:
            return i
        if role == SORT_ROLE:
            return ((SEVERITIES.index(c.severity), c.pair, i), c.kind, c.message.casefold(), (c.pair, i))[col]
        return None

    def _group_data(self, g: int, col: int, role: int) -> object:
        """A group row: its severity, kind, count and message, the pairs it spans; in bold."""
        group, title = self._groups[g], self._titles[g]
        pairs = sorted({self._checks[i].pair for i in group.checks})
        if role == Qt.ItemDataRole.DisplayRole:
            span = str(pairs[0] + 1) if len(pairs) == 1 else f"{pairs[0] + 1}–{pairs[-1] + 1}"
            kind = _kind(self._checks, group).capitalize()
            prefix, suffix = self._shared[g]
            message = f"{prefix}{group.count} × {title}{suffix}"
            return (f"● {group.severity.capitalize()}", kind, message, span)[col]
        if role == Qt.ItemDataRole.ToolTipRole:
            return (
                f"{group.count} checks of one consistent change in {len(pairs)} pairs: {title}\n"
                "Expand to see each place; Accept, Flag and Dismiss act on all of them."
            )
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and col == 0:
            return self._palette.hue(f"severity_{group.severity}")
        if role == GROUP_ROLE:
            return group.checks
        if role == SORT_ROLE:
            order = (SEVERITIES.index(group.severity), -group.count, g)
            return (order, _kind(self._checks, group), title.casefold(), (pairs[0], g))[col]
        return None


class _Filter(QSortFilterProxyModel):
    """Keeps the checks of one severity and one kind (None for any), and a group while it keeps one of
    its checks; sorts groups before single checks whichever the column and order."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.severity: str | None = None
        self.kind: str | None = None
        self.setRecursiveFilteringEnabled(True)

    def set_filter(self, severity: str | None, kind: str | None) -> None:
        """Show only checks of a severity and a kind; None shows all."""
        self.beginFilterChange()
        self.severity, self.kind = severity, kind
        self.endFilterChange()

    def _model(self) -> ChecksModel:
        model = self.sourceModel()
        assert isinstance(model, ChecksModel)
        return model

    def filterAcceptsRow(self, row: int, parent: _Index) -> bool:
        """Whether a check passes both filters; a group row is kept for its checks that pass."""
        model = self._model()
        i = model.check_at(model.index(row, 0, parent))
        if i is None:
            return False  # a group: recursive filtering keeps it while one of its checks is kept
        c = model.check(i)
        return (self.severity is None or c.severity == self.severity) and (
            self.kind is None or c.kind == self.kind
        )

    def lessThan(self, left: _Index, right: _Index) -> bool:
        """By the column's sort key; a group before a single check in either order."""
        model = self._model()
        left_group, right_group = model.group_at(left) is not None, model.group_at(right) is not None
        if left_group != right_group:
            # Qt sorts descending by asking lessThan(right, left): keep groups on top both ways.
            return left_group == (self.sortOrder() == Qt.SortOrder.AscendingOrder)
        return left.data(SORT_ROLE) < right.data(SORT_ROLE)


class ChecksPanel(QWidget):
    """A list of editorial checks with severity and kind filters and an "only flagged pairs" toggle."""

    checkActivated = Signal(int)
    pairActivated = Signal(int)
    groupActivated = Signal(tuple)
    """A group row was clicked or entered: the indices of its checks in the list given."""
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
        self.view.setRootIsDecorated(True)
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

    def set_checks(self, checks: Sequence[Check], decorations: Sequence[Decoration] = ()) -> None:
        """Show a new list of checks (from :func:`alignment.checks.run_checks`), each with its review
        glyph and note if given (a group's row with those all its checks share)."""
        self.model.set_checks(checks, decorations)
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
        """The checks the list shows now, top to bottom, a group's (collapsed or not) in its place."""
        return [self.model.check(i) for i in self.visible_indices()]

    def index_of(self, check: int) -> QModelIndex:
        """The list's row of a check (by its index in the list given), invalid if filtered out."""
        return self.proxy.mapFromSource(self.model.index_of(check))

    def select_check_of(self, pair: int) -> int | None:
        """Select the first listed check of a pair, opening its group; its index, None if none is listed."""
        i = next((i for i in self.visible_indices() if self.model.check(i).pair == pair), None)
        if i is not None:
            index = self.index_of(i)
            self.view.setCurrentIndex(index)
            self.view.scrollTo(index)  # opens its group too
        return i

    def visible_indices(self) -> list[int]:
        """Indices of the checks the list shows, in its order."""
        out = []
        for r in range(self.proxy.rowCount()):
            top = self.proxy.index(r, 0)
            rows = range(self.proxy.rowCount(top))
            for index in [self.proxy.index(c, 0, top) for c in rows] if rows else [top]:
                out.append(index.data(CHECK_ROLE))
        return out

    def _refilter(self) -> None:
        self.proxy.set_filter(self.severity_box.currentData(), self.kind_box.currentData())
        self._update_count()

    def _update_count(self) -> None:
        shown, total = len(self.visible_indices()), len(self.model.checks())
        groups = self.model.groups()
        whole = f"{total} checks" + (f" in {review_items(self.model.checks())} items" if groups else "")
        self.count.setText(whole if shown == total else f"{shown} of {total} checks")

    def _activate(self, index: QModelIndex) -> None:
        members = index.data(GROUP_ROLE)
        if members is not None:
            self.groupActivated.emit(members)
            return
        i = index.data(CHECK_ROLE)
        if i is None:
            return
        self.checkActivated.emit(i)
        self.pairActivated.emit(self.model.check(i).pair)
