"""The pair table's filters ask each pair again only when what they keep changes."""

from __future__ import annotations

import pytest

from viewer.main_window import MainWindow
from viewer.pair_table import KindFilter


@pytest.fixture
def asked(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The rows the pair table's filter is asked about, from now on."""
    rows: list[int] = []
    accepts = KindFilter.filterAcceptsRow

    def counted(self: KindFilter, row: int, parent) -> bool:  # noqa: ANN001 - Qt's index types
        rows.append(row)
        return accepts(self, row, parent)

    monkeypatch.setattr(KindFilter, "filterAcceptsRow", counted)
    return rows


def test_review_marks_and_flags_do_not_filter_the_pairs_again(asked: list[int], window: MainWindow) -> None:
    table = window.pair_table  # the filter was patched before the window made it
    shown = table.proxy.rowCount()
    asked.clear()
    table.set_review_glyphs({0: "✓"})
    table.set_flagged(frozenset({0, 1}))
    table.show_only(None, "review")
    table.show_only(frozenset({0, 1}), "checks")
    table.show_only(frozenset({0, 1}), "checks")
    assert len(asked) == len(window.alignment.pairs)  # once, for the one limit that changed
    assert table.proxy.rowCount() == 2 < shown
    table.show_only(None, "checks")
    assert table.proxy.rowCount() == shown
