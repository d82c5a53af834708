"""Pairs from groups: reading order, kind, score and word changes."""

from __future__ import annotations

from collections.abc import Collection, Sequence

from alignment import semantic
from alignment.grades import Grader
from alignment.matching.gains import Group
from alignment.matching.progress import Steps
from alignment.matching.scoring import Evidence
from alignment.matching.sides import Side
from alignment.model import Kind, Op, Pair
from alignment.tokens import Lexicon
from alignment.worddiff import Range, changed_norms, word_changes, word_ranges

CHANGED_CAP = 0.99
"""The highest score of a pair whose words differ: 1.0 means the same words."""
_POLL_EVERY = 256
"""Pairs diffed between cancel polls."""


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


def pairs(
    groups: Sequence[Group],
    moved: Collection[Group],
    manual: Collection[Group],
    evidence: Evidence,
    src: Side,
    tgt: Side,
    lexicon: Lexicon,
    steps: Steps,
) -> tuple[Pair, ...]:
    """A pair per group, with its kind, score and graded word changes."""
    matched = [g for g in groups if g[0] and g[1]]
    evidence.prepare((i for g in matched for i in g[0]), (j for g in matched for j in g[1]))
    bounds = [_bounds(g, src, tgt) for g in groups]
    ranges: list[list[Range]] = []
    for k, group_bounds in enumerate(bounds):
        if k % _POLL_EVERY == 0:
            steps(0.85 + 0.05 * k / len(groups), "Comparing words")
        ranges.append(
            word_ranges(src.words, *group_bounds[:2], tgt.words, *group_bounds[2:]) if group_bounds else []
        )
    # Only the words of changes are graded: their vectors are made in one batch.
    grader = Grader(lexicon, semantic.embed)
    grader.prepare(changed_norms(src.words, tgt.words, (r for rs in ranges for r in rs)))
    out = []
    for k, (group, group_bounds, group_ranges) in enumerate(zip(groups, bounds, ranges, strict=True)):
        if k % _POLL_EVERY == 0:
            steps(0.9 + 0.1 * k / len(groups), "Comparing words")
        out.append(
            _pair(
                group, group in moved, group in manual, evidence, src, tgt, group_bounds, group_ranges, grader
            )
        )
    return tuple(out)


def _bounds(group: Group, src: Side, tgt: Side) -> tuple[int, int, int, int] | None:
    """The word ranges of a matched group on both sides, None for an unmatched one."""
    si, ti = group
    if not (si and ti):
        return None
    return src.ranges[si[0]][0], src.ranges[si[-1]][1], tgt.ranges[ti[0]][0], tgt.ranges[ti[-1]][1]


def _pair(
    group: Group, moved: bool, manual: bool, evidence: Evidence, src: Side, tgt: Side,
    bounds: tuple[int, int, int, int] | None, ranges: list[Range], grader: Grader,
) -> Pair:  # fmt: skip
    """A pair with its kind, score and word changes."""
    si, ti = group
    if not ti:
        return Pair(si, ti, Kind.DELETED, False, 0.0, manual=manual)
    if not si or bounds is None:
        return Pair(si, ti, Kind.ADDED, False, 0.0, manual=manual)
    s_lo, _, t_lo, _ = bounds
    same = all(r[0] is Op.EQUAL for r in ranges)  # the same words, case and punctuation
    grades = [None] * len(ranges) if same else grader.grade(src.words, tgt.words, ranges, (s_lo, t_lo))
    at = src.sentences[si[0]].start, tgt.sentences[ti[0]].start
    changes = word_changes(src.words, s_lo, tgt.words, t_lo, ranges, grades, *at)
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
    score = 1.0 if same else round(min(evidence.score(si, ti), CHANGED_CAP), 4)
    return Pair(si, ti, kind, moved, score, changes, manual)
