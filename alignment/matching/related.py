"""Whether two texts are related at all: enough pairs must stand out from what chance gives."""

from __future__ import annotations

import math

from alignment.matching.gains import Group
from alignment.matching.progress import Poll, no_poll
from alignment.matching.scoring import Evidence
from alignment.matching.sides import Side
from alignment.summary import UNRELATED_SHARE

_BATCH = 512
"""Pairs weighed per step: most related texts are recognised in the first step."""
MIN_WORDS = 4
"""A sentence found word for word in the other text is evidence by itself from this many words on."""


def related(evidence: Evidence, groups: list[Group], src: Side, tgt: Side, poll: Poll = no_poll) -> bool:
    """Whether a pair found is verbatim, or enough pairs beat the highest of n * m chance scores.

    Among n * m unrelated pairs the highest z-score is about sqrt(2 ln(n m)). Two unrelated texts
    still have a few such pairs (two short lines that both say "he said"), but not the share of
    their sentences below which the summary calls texts unrelated. (A text of near-identical
    sentences has a wide background, so a verbatim sentence counts on its own.)
    """
    paired = [g for g in groups if g[0] and g[1]]
    if any(len(g[0]) == len(g[1]) == 1 and _verbatim(src, tgt, g[0][0], g[1][0]) for g in paired):
        return True
    chance = math.sqrt(2 * math.log(max(len(src) * len(tgt), 2)))
    needed = max(1, math.ceil(UNRELATED_SHARE * min(len(src), len(tgt))))
    strong = 0
    for k in range(0, len(paired), _BATCH):
        poll()
        batch = paired[k : k + _BATCH]
        evidence.prepare((i for g in batch for i in g[0]), (j for g in batch for j in g[1]))
        strong += sum(evidence.group(*g) >= chance for g in batch)
        if strong >= needed:
            return True
    return False


def _verbatim(src: Side, tgt: Side, i: int, j: int) -> bool:
    """Whether sentence i and sentence j have the same words, at least MIN_WORDS of them."""
    (a0, a1), (b0, b1) = src.ranges[i], tgt.ranges[j]
    return a1 - a0 >= MIN_WORDS and src.words.norms_between(a0, a1) == tgt.words.norms_between(b0, b1)
