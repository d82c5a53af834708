"""Stem-bag similarity: weighted overlap of the stems two groups of sentences share."""

from __future__ import annotations

from alignment.similarity import Similarity

_PAST_UNICODE = 1_120_000
"""More distinct stems than Unicode has characters to spare (about 1.11 M): one code each would fail."""


def test_a_book_of_distinct_numbers_does_not_run_out_of_codes() -> None:
    source = [[f"{k}"] for k in range(_PAST_UNICODE)]
    sim = Similarity(source, [["7"], ["seven"]])
    assert sim.group([7], [0]) == 1.0
    assert sim.group([8], [1]) == 0.0


def test_stems_only_one_side_holds_weigh_in_but_never_match() -> None:
    sim = Similarity([["rome", "fell"], ["empty"], []], [["rome", "rose"], ["vacant"], []])
    assert 0.0 < sim.group([0], [0]) < 1.0
    assert sim.group([1], [1]) == 0.0
    assert sim.group([2], [2]) == 0.0
    assert sim.group([0, 1], [0]) < sim.group([0], [0])
