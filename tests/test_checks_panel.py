"""The Checks panel on its own: ordering, filters, signals."""

from __future__ import annotations

import os

import pytest

from alignment.model import Check


@pytest.fixture(scope="session", autouse=True)
def _offscreen() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


CHECKS = [
    Check("name", "dropped", "low", "Name dropped: Putin", (0, 5), None, 4),
    Check("number", "changed", "high", "Number changed: 30 → 40", (10, 12), (8, 10), 2),
    Check("quotation", "added", "high", "Quotation added, not in the original: “We win”", None, (0, 8), 1),
    Check("date", "dropped", "medium", "Date dropped: Friday", (20, 26), None, 2),
]


@pytest.fixture
def panel(qtbot):  # noqa: ANN001, ANN201 - pytest-qt fixture
    from viewer.checks_panel import ChecksPanel

    widget = ChecksPanel()
    qtbot.addWidget(widget)
    widget.set_checks(CHECKS)
    return widget


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
    from viewer.checks_panel import ChecksPanel

    widget = ChecksPanel()
    qtbot.addWidget(widget)
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
