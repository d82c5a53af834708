"""Pairs from groups: reading order, kind, score and word changes."""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence

import numpy as np

from alignment.grades import Embed, Grader
from alignment.matching.gains import Group
from alignment.matching.progress import Steps
from alignment.matching.sides import Side
from alignment.model import Change, Kind, Pair
from alignment.tokens import Lexicon
from alignment.worddiff import all_equal, diff_pairs

CHANGED_CAP = 0.99
"""The highest score of a pair whose words differ: 1.0 means the same words."""


def in_order(in_place: list[Group], placed: Sequence[Group]) -> list[Group]:
    """All groups in reading order of the paraphrase; a placed group (moved, linked) where its
    paraphrase now stands, or where its original stood when it has no paraphrase sentence."""
    by_target = sorted((g for g in placed if g[1]), key=lambda g: g[1][0], reverse=True)
    by_source = sorted((g for g in placed if not g[1]), key=lambda g: g[0][0], reverse=True)
    out: list[Group] = []
    for group in in_place:
        while by_target and group[1] and by_target[-1][1][0] < group[1][0]:
            out.append(by_target.pop())
        while by_source and group[0] and by_source[-1][0][0] < group[0][0]:
            out.append(by_source.pop())
        out.append(group)
    return out + by_target[::-1] + by_source[::-1]


def matched(groups: Sequence[Group]) -> list[Group]:
    """The groups with sentences on both sides, the ones pairs() takes a score for."""
    return [g for g in groups if g[0] and g[1]]


def pairs(
    groups: Sequence[Group],
    moved: Collection[Group],
    manual: Collection[Group],
    scores: Callable[[], Sequence[float]],
    src: Side,
    tgt: Side,
    lexicon: Lexicon,
    embed: Embed,
    steps: Steps,
) -> tuple[Pair, ...]:
    """A pair per group, with its kind, score (``scores()``: the evidence's, one per matched() group,
    asked for once the words are compared: a worker may be embedding the sentences still) and graded
    word changes (word vectors from embed)."""
    bounds = _bounds(matched(groups), src, tgt)
    changes = diff_pairs(
        src.words, tgt.words, bounds, Grader(lexicon, embed),
        lambda done: steps(0.85 + 0.15 * done, "Comparing words"),
    )  # fmt: skip
    of_matched = iter(zip(scores(), changes, strict=True))
    return tuple(
        _pair(g, g in moved, g in manual, *(next(of_matched) if g[0] and g[1] else (0.0, ()))) for g in groups
    )


def _bounds(groups: Sequence[Group], src: Side, tgt: Side) -> np.ndarray:
    """The word ranges of each matched group on both sides, and where its sentences start, a row each
    (worddiff's Bounds), for all groups at once."""
    out = np.empty((len(groups), 6), np.int64)
    for k, side in enumerate((src, tgt)):
        ranges = np.asarray(side.ranges, np.int64).reshape(-1, 2)
        first = np.fromiter((g[k][0] for g in groups), np.int64, len(groups))
        last = np.fromiter((g[k][-1] for g in groups), np.int64, len(groups))
        out[:, 2 * k], out[:, 2 * k + 1] = ranges[first, 0], ranges[last, 1]
        out[:, 4 + k] = side.spans[first, 0]
    return out


def _pair(group: Group, moved: bool, manual: bool, score: float, changes: Sequence[Change]) -> Pair:
    """A pair with its kind, score (the evidence's, for a matched group) and word changes."""
    si, ti = group
    if not ti:
        return Pair(si, ti, Kind.DELETED, False, 0.0, manual=manual)
    if not si:
        return Pair(si, ti, Kind.ADDED, False, 0.0, manual=manual)
    same = all_equal(changes)
    if same:
        kind = Kind.SAME
    elif len(si) == 1 and len(ti) == 1:
        kind = Kind.CHANGED
    elif len(ti) == 1:
        kind = Kind.MERGED
    elif len(si) == 1:
        kind = Kind.SPLIT
    else:
        kind = Kind.REGROUPED
    return Pair(si, ti, kind, moved, 1.0 if same else round(min(score, CHANGED_CAP), 4), changes, manual)
