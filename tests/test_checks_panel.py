"""The Checks panel on its own: ordering, filters, signals."""

from __future__ import annotations

import os

import pytest

from alignment.model import Check
from viewer.checks_panel import CHECK_ROLE, GROUP_ROLE


@pytest.fixture(scope="session", autouse=True)
def _offscreen() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


CHECKS = [
    Check("name", "dropped", "low", "Name dropped: Putin", (0, 5), None, 4),
    Check("number", "changed", "high", "Number changed: 30 → 40", (10, 12), (8, 10), 2),
    Check("quotation", "added", "high", "Quotation added, not in the original: “We win”", None, (0, 8), 1),
    Check("date", "dropped", "medium", "Date dropped: Friday", (20, 26), None, 2),
]


def make_panel(qtbot, checks: list[Check], decorations: tuple = ()):  # noqa: ANN001, ANN201
    """A checks panel listing some checks."""
    from viewer.checks_panel import ChecksPanel

    widget = ChecksPanel()
    qtbot.addWidget(widget)
    widget.set_checks(checks, decorations)
    return widget


@pytest.fixture
def panel(qtbot):  # noqa: ANN001, ANN201 - pytest-qt fixture
    return make_panel(qtbot, CHECKS)


def test_lists_checks_by_severity_then_pair(panel) -> None:  # noqa: ANN001
    assert [c.message for c in panel.visible_checks()] == [
        "Quotation added, not in the original: “We win”",
        "Number changed: 30 → 40",
        "Date dropped: Friday",
        "Name dropped: Putin",
    ]
    assert panel.count.text() == "4 checks"


def test_filters_by_severity_and_kind(panel) -> None:  # noqa: ANN001
    panel.set_filter(severity="high")
    assert {c.severity for c in panel.visible_checks()} == {"high"}
    assert panel.count.text() == "2 of 4 checks"
    panel.set_filter(severity="high", kind="number")
    assert [c.kind for c in panel.visible_checks()] == ["number"]
    panel.set_filter()
    assert len(panel.visible_checks()) == 4


def test_click_emits_check_then_pair(panel, qtbot) -> None:  # noqa: ANN001
    from PySide6.QtCore import Qt

    panel.show()
    view = panel.view
    index = panel.proxy.index(1, 2)
    rect = view.visualRect(index)
    emitted: list[tuple[str, int]] = []
    panel.checkActivated.connect(lambda i: emitted.append(("check", i)))
    panel.pairActivated.connect(lambda k: emitted.append(("pair", k)))
    with qtbot.waitSignal(panel.pairActivated):
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    (first, check_index), (second, pair) = emitted
    assert (first, second) == ("check", "pair")
    assert panel.check(check_index).message == "Number changed: 30 → 40"
    assert pair == 2


def test_flagged_only_toggle_and_flagged_pairs(panel, qtbot) -> None:  # noqa: ANN001
    with qtbot.waitSignal(panel.flaggedOnlyToggled) as blocker:
        panel.flagged_only.setChecked(True)
    assert blocker.args == [True]
    assert panel.flagged_pairs() == {1: "high", 2: "high", 4: "low"}


def test_empty_panel(qtbot) -> None:  # noqa: ANN001
    widget = make_panel(qtbot, [])
    assert widget.visible_checks() == [] and widget.count.text() == "0 checks"


def test_columns_sort_and_severity_order_comes_back(panel) -> None:  # noqa: ANN001
    from PySide6.QtCore import Qt

    panel.view.sortByColumn(3, Qt.SortOrder.AscendingOrder)
    assert [c.pair for c in panel.visible_checks()] == [1, 2, 2, 4]
    panel.view.sortByColumn(1, Qt.SortOrder.DescendingOrder)
    assert [c.kind for c in panel.visible_checks()] == ["quotation", "number", "name", "date"]
    panel.view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    assert [c.severity for c in panel.visible_checks()] == ["high", "high", "medium", "low"]


@pytest.mark.parametrize(("name", "dark"), [("default", False), ("okabe-ito", True)])
def test_severities_take_the_palettes_colours(panel, name: str, dark: bool) -> None:  # noqa: ANN001
    from PySide6.QtCore import Qt

    from viewer.palette import make_palette

    palette = make_palette(name, dark)
    panel.set_palette(palette)
    model = panel.model
    shown = {
        model.data(model.index(r, 0), Qt.ItemDataRole.DisplayRole).split()[-1].lower(): r
        for r in range(model.rowCount())
    }
    for severity, row in shown.items():
        colour = model.data(model.index(row, 0), Qt.ItemDataRole.ForegroundRole)
        assert colour == palette.hue(f"severity_{severity}")


RENAME = "name changed: jehovah → yahweh"
FURNITURE = "page furniture dropped"
GROUPED = [
    Check("one-sided", "dropped", "low", "Page furniture dropped: “Subscribe”", (0, 9), None, 0, FURNITURE),
    Check("name", "changed", "high", "Name changed: Jehovah → Yahweh", (30, 37), (28, 34), 3, RENAME),
    Check("number", "changed", "high", "Number changed: 30 → 40", (50, 52), (48, 50), 5),
    Check("one-sided", "dropped", "low", "Page furniture dropped: “Donate”", (60, 66), None, 6, FURNITURE),
    Check("name", "changed", "high", "Name changed: Jehovah → Yahweh", (80, 87), (78, 84), 8, RENAME),
    Check("date", "dropped", "medium", "Date dropped: Friday", (90, 96), None, 9, "date moved: friday"),
    Check("one-sided", "dropped", "low", "Page furniture dropped: “More”", (99, 103), None, 10, FURNITURE),
]
"""Two groups (a high rename ×2, low furniture ×3), a key seen once (no group) and a plain check."""


@pytest.fixture
def grouped(qtbot):  # noqa: ANN001, ANN201 - pytest-qt fixture
    return make_panel(qtbot, GROUPED)


def _top_rows(panel) -> list[tuple[str, ...]]:  # noqa: ANN001
    proxy = panel.proxy
    return [
        tuple(proxy.index(r, c).data() for c in range(proxy.columnCount())) for r in range(proxy.rowCount())
    ]


def test_groups_come_first_by_severity_then_count_and_single_checks_follow(grouped) -> None:  # noqa: ANN001
    assert _top_rows(grouped) == [
        ("● High", "Name", "2 × Name changed: Jehovah → Yahweh", "4–9"),
        ("● Low", "One-sided", "3 × Page furniture dropped", "1–11"),
        ("● High", "Number", "Number changed: 30 → 40", "6"),
        ("● Medium", "Date", "Date dropped: Friday", "10"),
    ]
    assert grouped.count.text() == "7 checks in 4 items"
    # Every check is still listed, a group's in its place, and a group row opens to each place.
    assert grouped.visible_indices() == [1, 4, 0, 3, 6, 2, 5]
    rename = grouped.proxy.index(0, 0)
    places = [grouped.proxy.index(r, 3, rename).data() for r in range(grouped.proxy.rowCount(rename))]
    assert places == ["4", "9"]


def test_a_group_of_one_size_is_ordered_by_its_highest_severity_then_count(qtbot) -> None:  # noqa: ANN001
    big_low = [Check("name", "moved", "low", "Name moved: Kyiv", None, None, k, "kyiv") for k in range(4)]
    small_low = [Check("name", "moved", "low", "Name moved: Lviv", None, None, k, "lviv") for k in range(2)]
    mixed = [
        Check("date", "moved", "low", "Date moved: May", None, None, 7, "date moved: may"),
        Check("date", "moved", "medium", "Date moved: May", None, None, 8, "date moved: may"),
    ]
    panel = make_panel(qtbot, small_low + mixed + big_low)
    assert [row[2] for row in _top_rows(panel)] == [
        "2 × Date moved: May", "4 × Name moved: Kyiv", "2 × Name moved: Lviv"]  # fmt: skip
    assert _top_rows(panel)[0][0] == "● Medium"


@pytest.mark.parametrize("column", range(4))
@pytest.mark.parametrize("descending", [False, True])
def test_groups_stay_on_top_whichever_column_and_order(grouped, column: int, descending: bool) -> None:  # noqa: ANN001
    from PySide6.QtCore import Qt

    order = Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder
    grouped.view.sortByColumn(column, order)
    groups = [grouped.proxy.index(r, 0).data(GROUP_ROLE) is not None for r in range(grouped.proxy.rowCount())]
    assert groups == [True, True, False, False]
    furniture = next(
        grouped.proxy.index(r, 0) for r in range(2) if grouped.proxy.index(r, 0).data(GROUP_ROLE) == (0, 3, 6)
    )
    pairs = [int(grouped.proxy.index(r, 3, furniture).data()) for r in range(3)]
    if column == 3:  # the checks inside a group sort too
        assert pairs == sorted(pairs, reverse=descending)


def test_the_pair_column_sorts_groups_by_their_first_pair_and_checks_by_pair(grouped) -> None:  # noqa: ANN001
    from PySide6.QtCore import Qt

    grouped.view.sortByColumn(3, Qt.SortOrder.AscendingOrder)
    assert [row[3] for row in _top_rows(grouped)] == ["1–11", "4–9", "6", "10"]
    grouped.view.sortByColumn(3, Qt.SortOrder.DescendingOrder)
    assert [row[3] for row in _top_rows(grouped)] == ["4–9", "1–11", "10", "6"]


def test_a_filter_keeps_a_group_for_its_checks_that_pass(grouped) -> None:  # noqa: ANN001
    grouped.set_filter(severity="low")
    assert [row[2] for row in _top_rows(grouped)] == ["3 × Page furniture dropped"]
    assert grouped.count.text() == "3 of 7 checks"
    grouped.set_filter(kind="name")
    assert [c.pair for c in grouped.visible_checks()] == [3, 8]
    grouped.set_filter(severity="medium")
    assert [row[2] for row in _top_rows(grouped)] == ["Date dropped: Friday"]


def test_clicking_a_group_row_names_its_checks_and_a_child_jumps_to_its_pair(grouped, qtbot) -> None:  # noqa: ANN001
    emitted: list[tuple[str, object]] = []
    grouped.groupActivated.connect(lambda g: emitted.append(("group", g)))
    grouped.checkActivated.connect(lambda i: emitted.append(("check", i)))
    grouped.pairActivated.connect(lambda k: emitted.append(("pair", k)))
    rename = grouped.proxy.index(0, 2)
    grouped.view.clicked.emit(rename)
    assert emitted == [("group", (1, 4))]
    emitted.clear()
    grouped.view.expand(rename.siblingAtColumn(0))
    grouped.view.clicked.emit(grouped.proxy.index(1, 2, rename.siblingAtColumn(0)))
    assert emitted == [("check", 4), ("pair", 8)]


def test_select_check_of_opens_the_group_and_selects_the_check(grouped) -> None:  # noqa: ANN001
    assert grouped.select_check_of(7) is None
    assert grouped.select_check_of(8) == 4
    current = grouped.view.currentIndex()
    assert current.data(CHECK_ROLE) == 4 and grouped.view.isExpanded(current.parent())
    assert grouped.select_check_of(5) == 2 and not grouped.view.currentIndex().parent().isValid()


def test_a_group_row_shows_the_glyph_and_note_all_its_checks_share(qtbot) -> None:  # noqa: ANN001
    rename = [GROUPED[1], GROUPED[4]]
    panel = make_panel(qtbot, rename, [("✓ ", "  ✎ fine"), ("✓ ", "  ✎ fine")])
    assert _top_rows(panel)[0][2] == "✓ 2 × Name changed: Jehovah → Yahweh  ✎ fine"
    panel.set_checks(rename, [("✓ ", ""), ("", "")])
    top = panel.proxy.index(0, 0)
    assert _top_rows(panel)[0][2] == "2 × Name changed: Jehovah → Yahweh"
    assert panel.proxy.index(0, 2, top).data() == "✓ Name changed: Jehovah → Yahweh"
    # Checks of one group whose messages differ are titled by the group's key.
    panel.set_checks([GROUPED[0], GROUPED[3]])
    assert _top_rows(panel)[0][2] == "2 × Page furniture dropped"


@pytest.mark.parametrize(("name", "dark"), [("default", False), ("okabe-ito", True)])
def test_group_rows_take_the_palettes_severity_colours_in_bold(grouped, name: str, dark: bool) -> None:  # noqa: ANN001
    from PySide6.QtCore import Qt

    from viewer.palette import make_palette

    palette = make_palette(name, dark)
    grouped.set_palette(palette)
    for r, severity in ((0, "high"), (1, "low")):
        index = grouped.proxy.index(r, 0)
        assert index.data(Qt.ItemDataRole.ForegroundRole) == palette.hue(f"severity_{severity}")
        assert index.data(Qt.ItemDataRole.FontRole).bold()
        child = grouped.proxy.index(0, 0, index)
        own = GROUPED[child.data(CHECK_ROLE)].severity
        assert child.data(Qt.ItemDataRole.ForegroundRole) == palette.hue(f"severity_{own}")
        assert child.data(Qt.ItemDataRole.FontRole) is None


def test_a_sort_keeps_the_selected_check_and_the_open_group(grouped) -> None:  # noqa: ANN001
    from PySide6.QtCore import Qt

    assert grouped.select_check_of(8) == 4
    grouped.view.sortByColumn(3, Qt.SortOrder.AscendingOrder)  # the furniture (pairs 1–11) goes first
    current = grouped.view.currentIndex()
    assert current.data(CHECK_ROLE) == 4 and grouped.view.isExpanded(current.parent())
    assert (current.parent().row(), current.row()) == (1, 1)  # the rename's pair 9 after its pair 4
    assert current.parent().data(GROUP_ROLE) == (1, 4) and grouped.index_of(4) == current
    grouped.set_filter(kind="name")
    rename = grouped.proxy.index(0, 0)
    assert grouped.proxy.rowCount() == 1 and grouped.proxy.rowCount(rename) == 2
    assert [grouped.proxy.index(r, 3, rename).data() for r in range(2)] == ["4", "9"]
    grouped.view.sortByColumn(3, Qt.SortOrder.DescendingOrder)
    assert grouped.view.currentIndex().data(CHECK_ROLE) == 4 and grouped.view.currentIndex().row() == 0
