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

from collections.abc import Callable, Sequence

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
from viewer.columns import fit_columns
from viewer.palette import Palette, make_palette

COLUMNS = ("Severity", "Kind", "Message", "Pair")
CHECK_ROLE = Qt.ItemDataRole.UserRole + 1
"""Item data role holding the index of the check in the list the panel was given (None on a group)."""
GROUP_ROLE = Qt.ItemDataRole.UserRole + 3
"""Item data role holding a group row's checks: their indices in the list the panel was given."""

_TOP = 0
"""Internal id of a top-level row (a group or a single check); a group's checks carry its row + 1."""

_Index = QModelIndex | QPersistentModelIndex

_BOLD = QFont()
_BOLD.setBold(True)

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
    checks in no group; groups by severity then size, single checks by severity then pair.  The model
    sorts itself (:meth:`sort`): a key per row computed once, so a book's checks sort at once."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._checks: list[Check] = []
        self._groups: list[CheckGroup] = []
        self._titles: list[str] = []
        self._kinds: list[str] = []
        self._decorations: list[Decoration] = []
        self._shared: list[Decoration] = []
        self._singles: list[int] = []
        self._spans: list[tuple[int, int]] = []
        """The first and last pair of each group."""
        self._group_order: list[int] = []
        """The group on each of the first top-level rows."""
        self._single_order: list[int] = []
        """The check on each top-level row after the groups."""
        self._members: list[list[int]] = []
        """Each group's checks in the order they are shown."""
        self._group_row: list[int] = []
        """The top-level row of each group."""
        self._place: dict[int, tuple[int, int]] = {}
        """Where each check is shown: its group (-1 for none) and its row there (or at the top)."""
        self._sorted: tuple[int, Qt.SortOrder] = (0, Qt.SortOrder.AscendingOrder)
        self._palette = make_palette()

    def set_palette(self, palette: Palette) -> None:
        """Colour the severities with a palette's severity marks."""
        self._palette = palette
        top = self.rowCount()
        if top:
            self.dataChanged.emit(self.index(0, 0), self.index(top - 1, 0))
        for row, g in enumerate(self._group_order):
            parent = self.index(row, 0)
            self.dataChanged.emit(self.index(0, 0, parent), self.index(self._groups[g].count - 1, 0, parent))

    def set_checks(self, checks: Sequence[Check], decorations: Sequence[Decoration] = ()) -> None:
        """Replace the checks (each shown with its decoration, if given); groups of two or more checks
        first, then the rest by severity and pair, or as the last sort asked."""
        self.beginResetModel()
        self._checks = list(checks)
        self._decorations = list(decorations) or [("", "")] * len(self._checks)
        self._groups = group_checks(self._checks)
        self._titles = [_title(self._checks, g) for g in self._groups]
        self._kinds = [_kind(self._checks, g) for g in self._groups]
        self._shared = [_shared([self._decorations[i] for i in g.checks]) for g in self._groups]
        pairs = [[self._checks[i].pair for i in g.checks] for g in self._groups]
        self._spans = [(min(p), max(p)) for p in pairs]
        grouped = {i for g in self._groups for i in g.checks}
        self._singles = sorted(
            (i for i in range(len(self._checks)) if i not in grouped),
            key=lambda i: (SEVERITIES.index(self._checks[i].severity), self._checks[i].pair, i),
        )
        self._order(*self._sorted)
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Order groups, the checks in each and the single checks by a column; groups stay on top and
        ties keep the groups' and checks' own order, either way."""
        self.layoutAboutToBeChanged.emit()
        before = self.persistentIndexList()
        held = [(self.check_at(i), self.group_at(i), i.column()) for i in before]
        self._sorted = (column, order)
        self._order(column, order)
        after = [
            self.index_of(check).siblingAtColumn(col) if check is not None else self._group_index(group, col)
            for check, group, col in held
        ]
        self.changePersistentIndexList(before, after)
        self.layoutChanged.emit()

    def _order(self, column: int, order: Qt.SortOrder) -> None:
        """Put the rows in the order of a column's sort keys (Python's sort is stable both ways)."""
        descending = order == Qt.SortOrder.DescendingOrder
        check_key, group_key = self._check_key(column), self._group_key(column)
        self._group_order = sorted(range(len(self._groups)), key=group_key, reverse=descending)
        self._single_order = sorted(self._singles, key=check_key, reverse=descending)
        self._members = [sorted(g.checks, key=check_key, reverse=descending) for g in self._groups]
        self._group_row = [0] * len(self._groups)
        for row, g in enumerate(self._group_order):
            self._group_row[g] = row
        self._place = {}
        for g, members in enumerate(self._members):
            for row, i in enumerate(members):
                self._place[i] = (g, row)
        top = len(self._groups)
        for row, i in enumerate(self._single_order):
            self._place[i] = (-1, top + row)

    def _check_key(self, column: int) -> Callable[[int], object]:
        """What a column sorts a check by: severity order then pair, kind, message, pair."""
        checks = self._checks
        if column == 0:
            return lambda i: (SEVERITIES.index(checks[i].severity), checks[i].pair, i)
        if column == 1:
            return lambda i: checks[i].kind
        if column == 2:
            return lambda i: checks[i].message.casefold()
        return lambda i: (checks[i].pair, i)

    def _group_key(self, column: int) -> Callable[[int], object]:
        """What a column sorts a group by: severity order then size, kind, title, first pair."""
        groups = self._groups
        if column == 0:
            return lambda g: (SEVERITIES.index(groups[g].severity), -groups[g].count, g)
        if column == 1:
            return lambda g: self._kinds[g]
        if column == 2:
            return lambda g: self._titles[g].casefold()
        return lambda g: (self._spans[g][0], g)

    def check(self, index: int) -> Check:
        """A check by its index in the list given to :meth:`set_checks`."""
        return self._checks[index]

    def checks(self) -> list[Check]:
        """All checks, in the order given."""
        return list(self._checks)

    def groups(self) -> list[CheckGroup]:
        """The groups listed first, in their order."""
        return list(self._groups)

    def shown(self) -> list[tuple[int, list[int]]]:
        """Each group (by its index in :meth:`groups`) with its checks, then each single check (-1 and
        itself), top to bottom as sorted now."""
        singles = [(-1, [i]) for i in self._single_order]
        return [(g, self._members[g]) for g in self._group_order] + singles

    def check_in(self, row: int, parent: _Index) -> int | None:
        """The check on a row under a parent (as a filter is asked), None for a group row."""
        if parent.isValid():
            return self._members[self._group_order[parent.row()]][row]
        row -= len(self._groups)
        return self._single_order[row] if row >= 0 else None

    def check_at(self, index: _Index) -> int | None:
        """The check a row shows (its index in the list given), None for a group row."""
        if not index.isValid():
            return None
        if index.internalId() != _TOP:
            return self._members[index.internalId() - 1][index.row()]
        row = index.row() - len(self._groups)
        return self._single_order[row] if row >= 0 else None

    def group_at(self, index: _Index) -> int | None:
        """The group (its index in :meth:`groups`) a top-level row shows, None for a check."""
        if not index.isValid() or index.internalId() != _TOP or index.row() >= len(self._groups):
            return None
        return self._group_order[index.row()]

    def index_of(self, check: int) -> QModelIndex:
        """The row of a check: inside its group if it has one."""
        g, row = self._place[check]
        if g < 0:
            return self.createIndex(row, 0, _TOP)
        return self.createIndex(row, 0, g + 1)

    def _group_index(self, group: int | None, column: int) -> QModelIndex:
        """A group's row, invalid for None."""
        return QModelIndex() if group is None else self.createIndex(self._group_row[group], column, _TOP)

    def index(self, row: int, column: int, parent: _Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        """A top-level row, or a check inside a group (its id: the group's index + 1)."""
        if column < 0 or column >= len(COLUMNS) or row < 0:
            return QModelIndex()
        if not parent.isValid():
            top = len(self._groups) + len(self._singles)
            return self.createIndex(row, column, _TOP) if row < top else QModelIndex()
        group = self.group_at(parent)
        if group is None or row >= self._groups[group].count:
            return QModelIndex()
        return self.createIndex(row, column, group + 1)

    def parent(self, index: _Index) -> QModelIndex:  # type: ignore[override] - Qt's overload
        """A group's check has the group as parent; top-level rows have none."""
        if not index.isValid() or index.internalId() == _TOP:
            return QModelIndex()
        return self.createIndex(self._group_row[index.internalId() - 1], 0, _TOP)

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
        """Text, severity colour, tooltip and the check's own index (or a group's checks)."""
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
        return None

    def _group_data(self, g: int, col: int, role: int) -> object:
        """A group row: its severity, kind, count and message, the pairs it spans; in bold."""
        group, title = self._groups[g], self._titles[g]
        first, last = self._spans[g]
        if role == Qt.ItemDataRole.DisplayRole:
            span = str(first + 1) if first == last else f"{first + 1}–{last + 1}"
            kind = self._kinds[g].capitalize()
            prefix, suffix = self._shared[g]
            message = f"{prefix}{group.count} × {title}{suffix}"
            return (f"● {group.severity.capitalize()}", kind, message, span)[col]
        if role == Qt.ItemDataRole.ToolTipRole:
            pairs = len({self._checks[i].pair for i in group.checks})
            return (
                f"{group.count} checks of one consistent change in {pairs} pairs: {title}\n"
                "Expand to see each place; Accept, Flag and Dismiss act on all of them."
            )
        if role == Qt.ItemDataRole.FontRole:
            return _BOLD
        if role == Qt.ItemDataRole.ForegroundRole and col == 0:
            return self._palette.hue(f"severity_{group.severity}")
        if role == GROUP_ROLE:
            return group.checks
        return None


class _Filter(QSortFilterProxyModel):
    """Keeps the checks of one severity and one kind (None for any), and a group while it keeps one of
    its checks; leaves sorting to the checks' model (groups on top whichever the column and order)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.severity: str | None = None
        self.kind: str | None = None
        self.setRecursiveFilteringEnabled(True)

    def set_filter(self, severity: str | None, kind: str | None) -> None:
        """Show only checks of a severity and a kind; None shows all."""
        if (severity, kind) == (self.severity, self.kind):
            return  # each row would be asked again for nothing
        self.beginFilterChange()
        self.severity, self.kind = severity, kind
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def keeps(self, check: Check) -> bool:
        """Whether a check passes both filters."""
        return (self.severity is None or check.severity == self.severity) and (
            self.kind is None or check.kind == self.kind
        )

    def _model(self) -> ChecksModel:
        model = self.sourceModel()
        assert isinstance(model, ChecksModel)
        return model

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Let the checks' model sort itself (a key per row at once, not a Python call per comparison)."""
        self._model().sort(column, order)

    def filterAcceptsRow(self, row: int, parent: _Index) -> bool:
        """Whether a check passes both filters; a group row is kept for its checks that pass."""
        if self.severity is None and self.kind is None:
            return True
        model = self._model()
        i = model.check_in(row, parent)
        # A group: recursive filtering keeps it while one of its checks is kept.
        return i is not None and self.keeps(model.check(i))


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
        self._fit_columns(0)

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
        self._fit_columns(max((c.pair for c in checks), default=0) + 1)
        self._update_count()

    def _fit_columns(self, last_pair: int) -> None:
        """Severity, kind and pair as wide as the widest they can show (bold, as a group's row is; a group's
        pairs "first–last"), measured once per list instead of asked of its rows."""
        bold = QFont(self.view.font())
        bold.setBold(True)
        widest = {
            0: [f"● {s.capitalize()}" for s in SEVERITIES],
            1: [k.capitalize() for k in KINDS],
            3: [f"{last_pair}–{last_pair}"],
        }
        fit_columns(self.view, self.view.header(), COLUMNS, widest, bold, self.view.indentation())

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
        keeps, checks = self.proxy.keeps, self.model.checks()
        return [i for _g, members in self.model.shown() for i in members if keeps(checks[i])]

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
