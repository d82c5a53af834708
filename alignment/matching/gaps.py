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
    pieces: list[Group | list[Group]] = []  # pairs, and runs of unmatched sentences between them
    for group in _without(groups, taken):
        if group[0] and group[1]:
            pieces.append(group)
        elif pieces and isinstance(pieces[-1], list):
            pieces[-1].append(group)
        else:
            pieces.append([group])
    runs = [_sides(p) for p in pieces if isinstance(p, list)]
    searched = [(src, tgt) for src, tgt in runs if src and tgt and len(src) * len(tgt) <= GAP_CELLS]
    gains.evidence.prepare((i for src, _ in searched for i in src), (j for _, tgt in searched for j in tgt))
    out: list[Group] = []
    for piece in pieces:
        if isinstance(piece, list):
            out += _refill(gains, piece, taken, steps)
        else:
            out.append(piece)
    return out


def _sides(run: list[Group]) -> tuple[list[int], list[int]]:
    """The source and the target sentences of a run of unmatched ones."""
    return [g[0][0] for g in run if g[0]], [g[1][0] for g in run if g[1]]


def _refill(
    gains: Gains, run: list[Group], taken: tuple[Collection[int], Collection[int]], steps: Steps
) -> list[Group]:
    """One run of unmatched sentences, paired where the gap threshold allows."""
    src, tgt = _sides(run)
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
