"""The overview map: a tick per coloured sentence, drawn as runs of pixel rows, the later range winning."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import hand_alignment, window_showing

from viewer.marks import Ranges
from viewer.overview_map import ticks


def test_ticks_are_runs_of_pixel_rows_where_a_later_range_wins() -> None:
    ranges = Ranges([0, 10, 20, 100], [10, 20, 30, 101], ["a", "a", "b", "a"])
    assert ticks(ranges, 0.1, 12) == [(0, 2, "a"), (2, 4, "b"), (10, 12, "a")]
    assert ticks(ranges, 0.1, 11) == [(0, 2, "a"), (2, 4, "b"), (10, 11, "a")], "clipped at the bottom"


def test_a_book_of_sentences_fills_no_more_ticks_than_the_map_has_rows() -> None:
    n = 30_000
    ranges = Ranges([10 * k for k in range(n)], [10 * k + 8 for k in range(n)], ["a", "b", "c"] * (n // 3))
    found = ticks(ranges, 1000 / (10 * n), 1000)
    assert len(found) <= 1000
    assert all(a < b for a, b, _ in found)
    assert all(x[1] <= y[0] for x, y in zip(found, found[1:], strict=False))


def test_the_map_paints_each_tick_in_its_role_colour(
    qtbot, settings_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    al = hand_alignment(40)
    window = window_showing(qtbot, settings_file, monkeypatch, al)
    overview = window.overviews["source"]
    image = overview._render()
    scale = overview.height() / len(al.source.text)
    ratio, x = image.devicePixelRatio(), overview.width() / 2
    sentences = window.marks["source"].sentences
    assert sentences.roles
    for a, b, role in zip(sentences.starts, sentences.ends, sentences.roles, strict=True):
        y = int((a + b) / 2 * scale)
        assert image.pixelColor(int(x * ratio), int(y * ratio)) == overview.palette_.hue(role)
