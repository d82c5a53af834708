"""The pair table: every column sorts by what it means, and rows still lead to their own pair."""

from __future__ import annotations

from dataclasses import replace

import pytest
from conftest import hand_alignment
from PySide6.QtCore import Qt

from alignment.model import Alignment
from viewer.pair_table import COLUMNS, PairTable

ASC, DESC = Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder


def _alignment() -> Alignment:
    """The hand-made alignment with scores that sort apart as numbers and as text (9 % and 100 %)."""
    al = hand_alignment(7)
    scores = {1: 0.09, 6: 0.95, 7: 0.5}
    return replace(al, pairs=tuple(replace(p, score=scores.get(k, p.score)) for k, p in enumerate(al.pairs)))


@pytest.fixture
def table(qtbot) -> PairTable:  # noqa: ANN001
    widget = PairTable()
    qtbot.addWidget(widget)
    widget.set_alignment(_alignment())
    widget.resize(900, 400)
    widget.show()
    return widget


def _pairs(table: PairTable) -> list[int]:
    """The pair on each row the table shows, top to bottom, as its row header numbers it."""
    proxy = table.proxy
    shown = [int(proxy.headerData(r, Qt.Orientation.Vertical)) - 1 for r in range(proxy.rowCount())]
    rows = [proxy.mapToSource(proxy.index(r, 0)).row() for r in range(proxy.rowCount())]
    assert shown == [table.model.pair_at(row) for row in rows]
    return shown


def _sort(table: PairTable, column: str, order: Qt.SortOrder = ASC) -> list[int]:
    table.view.sortByColumn(COLUMNS.index(column), order)
    return _pairs(table)


def test_pair_order_until_a_column_is_chosen_and_again_when_it_is_cleared(table: PairTable) -> None:
    assert _pairs(table) == list(range(8))
    _sort(table, "Score")
    table.view.sortByColumn(-1, ASC)
    assert _pairs(table) == list(range(8))


def test_scores_sort_as_numbers_and_one_sided_pairs_last_either_way(table: PairTable) -> None:
    # Pairs 2 (dropped) and 3 (added) have no score; ties stay in pair order both ways.
    assert _sort(table, "Score") == [1, 7, 6, 0, 4, 5, 2, 3]
    assert _sort(table, "Score", DESC) == [0, 4, 5, 6, 7, 1, 2, 3]


def test_kinds_sort_meaning_changed_first_and_kept_last(table: PairTable) -> None:
    # changed (1), moved (5), dropped (2), added (3), then the pairs kept as they were.
    assert _sort(table, "Kind") == [1, 5, 2, 3, 0, 4, 6, 7]
    assert _sort(table, "Kind", DESC) == [0, 4, 6, 7, 3, 2, 5, 1]


@pytest.mark.parametrize(("column", "side"), [("Original", 0), ("Paraphrase", 1)])
def test_the_text_columns_sort_by_document_order(table: PairTable, column: str, side: int) -> None:
    al = table.model.alignment
    assert al is not None
    first = [(al.pairs[k].source, al.pairs[k].target)[side][:1] for k in _sort(table, column)]
    present = [s[0] for s in first if s]
    assert present == sorted(present) and first[len(present):] == [()]  # the one-sided pair last
    first = [(al.pairs[k].source, al.pairs[k].target)[side][:1] for k in _sort(table, column, DESC)]
    present = [s[0] for s in first if s]
    assert present == sorted(present, reverse=True) and first[len(present):] == [()]
    if column == "Paraphrase":
        assert _sort(table, column)[0] == 5  # the moved pair stands first in the paraphrase


def test_review_sorts_flagged_then_accepted_then_noted_then_untouched(table: PairTable) -> None:
    table.set_review_glyphs({6: "✓", 2: "⚑✎", 4: "✎", 7: "✓"})
    assert _sort(table, "Review") == [2, 6, 7, 4, 0, 1, 3, 5]
    table.set_review_glyphs({0: "⚑"})  # the order follows the review while it sorts by it
    assert _pairs(table)[0] == 0
    assert table.model.index(table.model.row_of(0), COLUMNS.index("Review")).data() == "⚑"


def test_after_sorting_a_click_and_select_pair_go_to_the_right_pair(table: PairTable, qtbot) -> None:  # noqa: ANN001
    table.select_pair(4)
    _sort(table, "Score", DESC)
    assert _pairs(table)[table.view.currentIndex().row()] == 4  # the selection follows its pair
    for pair in (1, 3, 6):
        table.select_pair(pair)
        row = table.view.currentIndex().row()
        assert _pairs(table)[row] == pair
        text = table.view.currentIndex().siblingAtColumn(COLUMNS.index("Original")).data()
        assert text == table.model.alignment.text("source", pair)
    row = _pairs(table).index(7)
    with qtbot.waitSignal(table.pair_activated) as blocker:
        rect = table.view.visualRect(table.proxy.index(row, 3))
        qtbot.mouseClick(table.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert blocker.args == [7]


def test_filters_and_sorting_work_together(table: PairTable) -> None:
    table.filter_box.setCurrentText("All changes")
    assert _sort(table, "Score") == [1, 5, 2, 3]
    table.show_only(frozenset({1, 2, 5}))
    assert _sort(table, "Score", DESC) == [5, 1, 2]
    table.show_only(None)
    table.filter_box.setCurrentText("All pairs")
    assert len(_pairs(table)) == 8


def test_a_new_alignment_is_listed_sorted_as_the_last_one_was(table: PairTable) -> None:
    _sort(table, "Score")
    table.set_alignment(_alignment())
    assert _pairs(table) == [1, 7, 6, 0, 4, 5, 2, 3]
    assert table.view.horizontalHeader().sortIndicatorSection() == COLUMNS.index("Score")


def test_a_book_of_pairs_is_not_asked_row_by_row_for_its_column_widths(qtbot, monkeypatch) -> None:  # noqa: ANN001
    import viewer.pair_table
    from viewer.pair_table import WIDEST, PairModel

    asked: list[int] = []

    class Counted(PairModel):
        def data(self, index, role=Qt.ItemDataRole.DisplayRole):  # noqa: ANN001, ANN201
            asked.append(index.row())
            return super().data(index, role)

    monkeypatch.setattr(viewer.pair_table, "PairModel", Counted)
    widget = PairTable()
    qtbot.addWidget(widget)
    widget.resize(900, 300)
    widget.show()
    widget.set_alignment(hand_alignment(5000))
    widget.set_flagged(frozenset(range(0, 5000, 7)))
    qtbot.waitUntil(lambda: bool(asked))
    qtbot.wait(50)
    assert max(asked) < 100, "only the rows in view are asked for their data"
    metrics, header = widget.view.fontMetrics(), widget.view.horizontalHeader()
    for column, texts in WIDEST.items():
        assert header.sectionSize(COLUMNS.index(column)) > max(metrics.horizontalAdvance(t) for t in texts)
