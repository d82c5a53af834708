"""Anchors: confident 1:1 pairs from stems that two sentences share and no other sentence has."""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Collection

import numpy as np

from alignment.arrays import found_in
from alignment.matching.progress import POLL_EVERY, Poll, no_poll
from alignment.matching.sides import Side
from alignment.similarity import Similarity

ANCHOR_SCORE = 0.3
"""A pair sharing a unique stem is an anchor only when its words overlap at least this much."""
SURE_SCORE, NEIGHBOUR_SCORE = 0.5, 0.2
"""An anchor this strong, whose neighbours share less than this with it, is fixed 1:1."""

LARGE_CELLS = 40_000
"""A stretch with more cells than this and no stem unique on both sides looks for rarer stems."""
RARE_HOLDERS = 100
"""A stem in at most this many sentences of a side proposes them (each scored once, in one batch)."""

Point = tuple[int, int]


def same_ends(
    src: Side, tgt: Side, taken: tuple[Collection[int], Collection[int]], poll: Poll = no_poll
) -> tuple[int, int]:
    """How many sentences open and how many close both texts with the same words, in the same order
    (none of them in a manual link): those pairs are sure, and nothing else is searched for them."""
    n, m = len(src), len(tgt)

    def same(i: int, j: int) -> bool:
        if i % POLL_EVERY == 0:
            poll()
        (a0, a1), (b0, b1) = src.ranges[i], tgt.ranges[j]
        return (
            i not in taken[0]
            and j not in taken[1]
            and src.words.norms_between(a0, a1) == tgt.words.norms_between(b0, b1)
            and src.stems[i] == tgt.stems[j]
        )

    head = 0
    while head < min(n, m) and same(head, head):
        head += 1
    tail = 0
    while tail < min(n, m) - head and same(n - 1 - tail, m - 1 - tail):
        tail += 1
    return head, tail


def anchors(
    sim: Similarity, within: tuple[int, int, int, int] | None = None, poll: Poll = no_poll
) -> list[Point]:
    """Confident 1:1 pairs in order between the sentences sim scores (``within`` source and target
    ranges, else anywhere): sentences sharing a stem found nowhere else, recursively in gaps.

    Where a large stretch has no such stem (in a long text every word recurs), a stem found once on
    one side and in at most RARE_HOLDERS sentences on the other proposes each holder; the holder
    most alike to that sentence is the candidate.

    The stretches of one depth of the recursion are searched together: their stems counted and
    their candidates scored in one batch.
    """
    i0, i1, j0, j1 = within or (0, len(sim.masses("source")), 0, len(sim.masses("target")))
    if i1 <= i0 or j1 <= j0:  # a text against itself: no sentence left between its same ends
        return []
    stems = _Stems(sim)
    found: list[Point] = []
    level = [(i0, i1, j0, j1)]
    while level:
        poll()
        deeper = []
        for region, chain in zip(level, _chains(sim, len(level), *stems.unique_pairs(level)), strict=True):
            i0, i1, j0, j1 = region
            if not chain and (i1 - i0) * (j1 - j0) > LARGE_CELLS:
                a, b = stems.holders(0, i0, i1), stems.holders(1, j0, j1)
                rare = np.asarray(_rare_candidates(sim, a, b), np.int64).reshape(-1, 2)
                chain = _chains(sim, 1, np.zeros(len(rare), np.int64), rare[:, 0], rare[:, 1])[0]
            found.extend(chain)
            bounds = [(i0 - 1, j0 - 1), *chain, (i1, j1)]
            if chain:
                for (a0, b0), (a1, b1) in itertools.pairwise(bounds):
                    if a1 - a0 > 2 and b1 - b0 > 2:
                        deeper.append((a0 + 1, a1, b0 + 1, b1))
        level = deeper
    return sorted(found)


def fixed(points: list[Point], sim: Similarity, n: int, m: int, poll: Poll = no_poll) -> list[Point]:
    """The anchors that are sure 1:1 pairs: inside a diagonal run of anchors, or standing alone."""
    poll()
    if not points:
        return []
    at = np.asarray(points, np.int64)
    key = at[:, 0] * (m + 1) + at[:, 1]  # (a + 1, b + 1) is key + m + 2
    in_run = found_in(key - m - 2, key) & found_in(key + m + 2, key)
    alone = np.zeros(len(at), bool)
    alone[~in_run] = _stand_alone(sim, at[~in_run], n, m)
    return [points[k] for k in np.flatnonzero(in_run | alone).tolist()]


def _stand_alone(sim: Similarity, at: np.ndarray, n: int, m: int) -> np.ndarray:
    """Whether each 1:1 pair (rows of ``at``) is strong and its neighbours share too little with it
    to join a group (all pairs and their neighbours scored in one batch each)."""
    strong = sim.groups(at[:, :1], at[:, 1:]) >= SURE_SCORE
    joins = np.zeros(len(at), bool)
    for dx, dy in ((-1, 0), (1, 0), (0, -1), (0, 1)):
        near = at + (dx, dy)
        inside = np.flatnonzero(strong & (near >= 0).all(axis=1) & (near[:, 0] < n) & (near[:, 1] < m))
        joins[inside] |= sim.groups(near[inside, :1], near[inside, 1:]) >= NEIGHBOUR_SCORE
    return strong & ~joins


class _Stems:
    """Each sentence's distinct stems that both sides hold, as numbers, flat and ordered by stem,
    then sentence, on both sides (a stem one side lacks can neither be shared nor propose anyone)."""

    def __init__(self, sim: Similarity) -> None:
        self.sides = []
        for side in ("source", "target"):
            sentence, stem = sim.shared_stems(side)
            # A sentence holds each stem once: one key per holder, sorted, is by stem, then sentence.
            key = np.sort((stem.astype(np.int64) << 32) | sentence.astype(np.int64))
            self.sides.append((key & 0xFFFFFFFF, key >> 32))

    def unique_pairs(
        self, regions: list[tuple[int, int, int, int]]
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The pairs of sentences sharing a stem that no other sentence of their region holds on
        either side, as (region, source sentence, target sentence); regions asked for later must lie
        inside these."""
        held = []
        for side, (sentence, stem) in enumerate(self.sides):
            # Regions do not overlap: each sentence's region is read from a table, a slot per sentence.
            starts = np.asarray([r[2 * side] for r in regions], np.int64)
            lengths = np.asarray([r[2 * side + 1] for r in regions], np.int64) - starts
            table = np.full(int((starts + lengths).max()) + 1, -1, np.int64)  # the last slot: past all
            table[np.repeat(starts - np.cumsum(lengths) + lengths, lengths) + np.arange(lengths.sum())] = (
                np.repeat(np.arange(len(regions)), lengths)
            )
            region = table[np.minimum(sentence, len(table) - 1)]
            inside = region >= 0
            sentence, stem, region = sentence[inside], stem[inside], region[inside]
            # The regions of the next depth lie inside these: the stems outside are never asked for again.
            self.sides[side] = (sentence, stem)
            # In stem and sentence order, the holders of a stem in one region are a run.
            new = np.ones(len(stem), bool)
            new[1:] = (stem[1:] != stem[:-1]) | (region[1:] != region[:-1])
            first = np.flatnonzero(new)
            once = first[np.diff(first, append=len(stem)) == 1]
            held.append((stem[once] * len(regions) + region[once], sentence[once]))  # keys ascending
        (src_keys, src_sentence), (tgt_keys, tgt_sentence) = held
        at = np.minimum(np.searchsorted(tgt_keys, src_keys), max(len(tgt_keys) - 1, 0))
        both = tgt_keys[at] == src_keys if len(tgt_keys) else np.zeros(len(src_keys), bool)
        return src_keys[both] % len(regions), src_sentence[both], tgt_sentence[at[both]]

    def holders(self, side: int, lo: int, hi: int) -> dict[int, list[int]]:
        """Stems found in at most RARE_HOLDERS sentences of side[lo:hi] (inside the regions last
        asked for), with those sentences in order."""
        sentence, stem = self.sides[side]
        inside = (sentence >= lo) & (sentence < hi)
        sentence, stem = sentence[inside], stem[inside]
        unique, first, count = np.unique(stem, return_index=True, return_counts=True)
        rare = count <= RARE_HOLDERS
        return {
            s: sentence[k : k + c].tolist()
            for s, k, c in zip(unique[rare].tolist(), first[rare].tolist(), count[rare].tolist(), strict=True)
        }


def _chains(
    sim: Similarity, regions: int, region: np.ndarray, i: np.ndarray, j: np.ndarray
) -> list[list[Point]]:
    """For each region, the longest increasing chain of its candidate pairs (region[k], i[k], j[k])
    whose words overlap enough (all regions' distinct candidates scored in one batch)."""
    order = np.lexsort((-j, i))  # by source sentence (so by region too), then target sentence falling
    region, i, j = region[order], i[order], j[order]
    distinct = np.ones(len(i), bool)
    distinct[1:] = (i[1:] != i[:-1]) | (j[1:] != j[:-1])
    region, i, j = region[distinct], i[distinct], j[distinct]
    enough = sim.pairs(i.tolist(), j.tolist()) >= ANCHOR_SCORE if len(i) else np.zeros(0, bool)
    region, src, tgt = region[enough], i[enough].tolist(), j[enough].tolist()
    bounds = np.searchsorted(region, np.arange(regions + 1)).tolist()
    # Where the target sentences already rise all through a region, its candidates are the chain
    # (and no two share a source sentence: theirs would fall).
    falls = np.flatnonzero(np.diff(j[enough]) <= 0) + 1
    broken = set(np.searchsorted(bounds, falls, side="right").tolist())
    return [
        _longest(list(zip(src[a:b], tgt[a:b], strict=True)))
        if k in broken
        else list(zip(src[a:b], tgt[a:b], strict=True))
        for k, (a, b) in enumerate(itertools.pairwise(bounds), start=1)
    ]


def _rare_candidates(sim: Similarity, a: dict[int, list[int]], b: dict[int, list[int]]) -> list[Point]:
    """For each stem found once on one side and rarely on the other, its best holder there."""
    proposals: list[list[Point]] = []
    for s in a.keys() & b.keys():
        if len(a[s]) == 1 and len(b[s]) > 1:
            proposals.append([(a[s][0], j) for j in b[s]])
        elif len(b[s]) == 1 and len(a[s]) > 1:
            proposals.append([(i, b[s][0]) for i in a[s]])
    flat = [p for group in proposals for p in group]
    scores = sim.pairs([i for i, _ in flat], [j for _, j in flat]).tolist() if flat else []
    best, k = [], 0
    for group in proposals:  # all proposals scored in one batch, then each group's best taken
        part = scores[k : k + len(group)]
        best.append(group[max(range(len(group)), key=part.__getitem__)])
        k += len(group)
    return best


def increasing_chain(links: list[Point]) -> list[Point]:
    """The longest chain of links increasing on both sides (patience sorting)."""
    return _longest(sorted(links, key=lambda p: (p[0], -p[1])))


def _longest(ordered: list[Point]) -> list[Point]:
    """The longest chain increasing on both sides of links ordered by source, then target falling."""
    tails: list[int] = []
    tail_at: list[int] = []
    parent = [-1] * len(ordered)
    for k, (_, j) in enumerate(ordered):
        pos = bisect.bisect_left(tails, j)
        if pos == len(tails):
            tails.append(j)
            tail_at.append(k)
        else:
            tails[pos], tail_at[pos] = j, k
        parent[k] = tail_at[pos - 1] if pos else -1
    chain = []
    k = tail_at[-1] if tail_at else -1
    while k >= 0:
        chain.append(ordered[k])
        k = parent[k]
    return chain[::-1]
