"""Stem-bag similarity: weighted overlap of the stems two groups of sentences share."""

from __future__ import annotations

import math
from collections import Counter

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from alignment import similarity
from alignment.matching.sides import Side
from alignment.segment import segment
from alignment.similarity import Similarity
from alignment.tokens import Lexicon

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


WORDS = "rome fell rose empty vacant the city burned".split()
stems = st.lists(st.lists(st.sampled_from(WORDS), max_size=12), min_size=1, max_size=6)


@settings(max_examples=300, deadline=None)
@given(stems, stems, st.data())
def test_long_bags_counted_score_as_rapidfuzz_does(source: list, target: list, data: st.DataObject) -> None:
    # Every bag counted (as a sentence of thousands of words is) gives the same scores to the last bit.
    usual = Similarity(source, target)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(similarity, "_LONG_BAG", 0)
        counted = Similarity(source, target)
    rows = data.draw(st.lists(st.integers(0, len(source) - 1), min_size=1, max_size=3))
    cols = data.draw(st.lists(st.integers(0, len(target) - 1), min_size=1, max_size=3))
    assert counted.group(rows, cols) == usual.group(rows, cols)
    k = min(len(rows), len(cols))
    assert counted.pairs(rows[:k], cols[:k]).tolist() == usual.pairs(rows[:k], cols[:k]).tolist()
    groups = [rows, rows[:1]], [cols, cols[-1:]]
    assert counted.groups(*groups).tolist() == usual.groups(*groups).tolist()


@settings(max_examples=300, deadline=None)
@given(stems, stems, st.data())
def test_groups_score_each_group_as_group_does(source: list, target: list, data: st.DataObject) -> None:
    # Counted in a batch, groups of any sizes (a sentence twice, both sides' private codes) give the
    # figures rapidfuzz gives for one group, to the last bit.
    sim = Similarity(source, target)
    indices = st.lists(st.integers(0, len(source) - 1), min_size=1, max_size=4)
    rows = data.draw(st.lists(indices, min_size=1, max_size=5))
    cols = [data.draw(st.lists(st.integers(0, len(target) - 1), min_size=1, max_size=4)) for _ in rows]
    assert sim.groups(rows, cols).tolist() == [sim.group(r, c) for r, c in zip(rows, cols, strict=True)]
    width = min(map(len, rows))
    square = np.array([r[:width] for r in rows]), np.array([[c[0]] for c in cols])
    assert sim.groups(*square).tolist() == [sim.group(r, c) for r, c in zip(*square, strict=True)]


def _weighted_dice(source: list, target: list, rows: list[int], cols: list[int]) -> float:
    """The similarity of two groups as the class promises it, counted stem by stem: each stem weighs
    1 + round(3 idf / idf of a stem in two sentences), at most 4; a sentence without stems weighs 1
    and matches nothing; a stem counts as shared up to the times the other group holds it."""
    docs = [*source, *target]
    n = len(docs)
    top = math.log((n + 1) / 2) or 1.0

    def weight(stem: str) -> int:
        df = sum(stem in doc for doc in docs)
        return 1 + min(3, round(3 * math.log((n + 1) / (df + 1)) / top))

    mine = Counter(stem for i in rows for stem in source[i])
    theirs = Counter(stem for j in cols for stem in target[j])
    empty = sum(not source[i] for i in rows) + sum(not target[j] for j in cols)
    common = sum(weight(stem) * min(k, theirs[stem]) for stem, k in mine.items())
    mass = sum(weight(s) * k for s, k in (mine + theirs).items()) + empty
    return 2 * common / mass


@settings(max_examples=300, deadline=None)
@given(stems, stems, st.data())
def test_a_group_scores_the_weighted_dice_of_its_stems(
    source: list, target: list, data: st.DataObject
) -> None:
    # The bags are built for all sentences at once in numpy: the weights, the characters of shared
    # and one-sided stems and their order must still make rapidfuzz's figure the weighted Dice.
    sim = Similarity(source, target)
    rows = data.draw(st.lists(st.integers(0, len(source) - 1), min_size=1, max_size=3))
    cols = data.draw(st.lists(st.integers(0, len(target) - 1), min_size=1, max_size=3))
    assert sim.group(rows, cols) == pytest.approx(_weighted_dice(source, target, rows, cols), abs=1e-12)


def test_stems_numbered_a_side_at_a_time_score_as_the_strings_do() -> None:
    # Sentences of function words only (known by their words) and without words (by their text)
    # stand among the others on both sides, and one side's stems are words of the other's.
    texts = (
        "The ships left the harbour. It was there. !!! Ships sail, the harbour sleeps.",
        "It was not there. Harbour ships return. ??? The was ships.",
    )
    src, tgt = (Side(t, segment(t), Lexicon()) for t in texts)
    assert [] not in src.stems and ["it", "was", "there"] in src.stems and ["!!!"] in src.stems
    by_strings = Similarity(src.stems, tgt.stems)
    by_numbers = Similarity(src.stems, tgt.stems, (src.stem_numbers, tgt.stem_numbers))
    source, target = list(range(len(src))), list(range(len(tgt)))
    for side in ("source", "target"):
        assert by_numbers.masses(side) == by_strings.masses(side)
    pairs = [(i, j) for i in source for j in target]
    i, j = (list(k) for k in zip(*pairs, strict=True))
    assert by_numbers.pairs(i, j).tolist() == by_strings.pairs(i, j).tolist()
    assert by_numbers.group(source, target) == by_strings.group(source, target)
