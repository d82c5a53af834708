"""Gap filling: sentences left unmatched between pairs, paired when the evidence, however low, says so."""

from __future__ import annotations

from collections.abc import Collection

from alignment.matching.dp import search
from alignment.matching.gains import Gains, Group
from alignment.matching.progress import Steps

Z_GAP = 0.5
"""Between two pairs, position vouches for a pair: it needs less evidence than Z_PAIR, but some."""
GAP_CELLS = 2_500
"""A run of unmatched sentences larger than this (source x target) is a dropped or added passage."""


def fill_gaps(
    gains: Gains, groups: list[Group], taken: tuple[Collection[int], Collection[int]], steps: Steps
) -> list[Group]:
    """The groups with each run of unmatched sentences searched again at the gap threshold.

    Runs after move detection: ``taken`` sentences (moved or manually linked) are not available, and
    their places in the result are left out: the caller puts their groups where they now stand.
    """
    groups = _without(groups, taken)
    unmatched = [g for g in groups if not (g[0] and g[1])]
    gains.evidence.prepare((g[0][0] for g in unmatched if g[0]), (g[1][0] for g in unmatched if g[1]))
    out: list[Group] = []
    run: list[Group] = []
    for group in [*groups, None]:
        if group is not None and not (group[0] and group[1]):
            run.append(group)
            continue
        out += _refill(gains, run, taken, steps) if run else []
        run = []
        if group is not None:
            out.append(group)
    return out


def _refill(
    gains: Gains, run: list[Group], taken: tuple[Collection[int], Collection[int]], steps: Steps
) -> list[Group]:
    """One run of unmatched sentences, paired where the gap threshold allows."""
    src = [g[0][0] for g in run if g[0]]
    tgt = [g[1][0] for g in run if g[1]]
    if not src or not tgt or len(src) * len(tgt) > GAP_CELLS:
        return run
    i0, i1, j0, j1 = src[0], src[-1] + 1, tgt[0], tgt[-1] + 1
    blocked = (set(range(i0, i1)) - set(src), set(range(j0, j1)) - set(tgt))
    found = search(gains, i0, i1, j0, j1, [], blocked, steps, threshold=Z_GAP)
    return [g for g in found if not (g[0] and g[0][0] in blocked[0] or g[1] and g[1][0] in blocked[1])]


def _without(groups: list[Group], taken: tuple[Collection[int], Collection[int]]) -> list[Group]:
    """The groups less the unmatched places of taken sentences."""
    return [
        g
        for g in groups
        if (g[0] and g[1]) or (g[0] and g[0][0] not in taken[0]) or (g[1] and g[1][0] not in taken[1])
    ]
