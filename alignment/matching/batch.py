"""Many small stretches searched at once: the DP of dp.search, one row at a time across all of them.

A book splits into thousands of stretches of a few sentences between its sure anchors; searched one
by one, each costs a Python loop over its cells and shapes. Here stretches of a like size share
numpy arrays (stretch, source prefix, target prefix), each DP row is one step over all of them, and
the groups worth scoring in a row are scored in one batch. The result is the one dp.search gives:
the same gains, the same order of shapes, ties broken the same way.
"""

from __future__ import annotations

import bisect
from collections.abc import Collection, Sequence

import numpy as np

from alignment.matching.gains import Z_LINK, Gains, Group, penalty
from alignment.matching.progress import Steps
from alignment.matching.scoring import Evidence

ROWS = 32
"""A stretch of up to this many source sentences is searched in a batch (a row a step)."""
COLS = 128
"""... and up to this many target sentences (a batch's arrays are as wide as its widest stretch)."""
_FIRST = ((1, 1), (1, 0), (0, 1))
"""The shapes the batch expects first, in this order: a pair, a skipped source, a skipped target."""
_PAIR, _SKIP_SOURCE, _SKIP_TARGET = range(3)
_NEG = float("-inf")
_BATCH_CELLS = 500_000
"""Cells of the stretches searched together (a wave of batches): their arrays (a few dozen of that
size) stay small."""
_SIZE_CLASSES = (1, 2, 8, 32, COLS)
"""Stretches of one class of size on each side share a batch: few batches (each costs numpy calls
per row and shape), and not much padding."""
_CHUNK = 100_000
"""Sentence pairs or groups scored per call: what one call gathers stays small in memory."""

Stretch = tuple[int, int, int, int]


def fits(stretch: Stretch) -> bool:
    """Whether a stretch is searched in a batch: sentences on both sides, and not too many."""
    i0, i1, j0, j1 = stretch
    return 0 < i1 - i0 <= ROWS and 0 < j1 - j0 <= COLS


def search(
    gains: Gains,
    stretches: Sequence[Stretch],
    bands: Sequence[tuple[list[int], list[int]]],
    blocked: tuple[Collection[int], Collection[int]],
    steps: Steps,
    shapes: Sequence[tuple[int, int]],
    threshold: float,
) -> list[list[Group]]:
    """The groups of each stretch (all of them fit) as dp.search finds them, in its band ``bands``;
    stretches of like size are searched together."""
    if tuple(shapes[:3]) != _FIRST or any(a == 0 or b == 0 for a, b in shapes[3:]):
        raise ValueError("shapes must start with 1:1 and the two skips, then groups")
    out: list[list[Group]] = [[] for _ in stretches]
    masses = np.asarray(gains.src_mass, np.int64), np.asarray(gains.tgt_mass, np.int64)
    buckets: dict[tuple[int, int], list[int]] = {}
    for k, (i0, i1, j0, j1) in enumerate(stretches):
        buckets.setdefault((_size_class(i1 - i0), _size_class(j1 - j0)), []).append(k)
    waves: list[list[list[int]]] = [[]]
    cells = 0
    for (rows, cols), members in buckets.items():
        size = (rows + 1) * (cols + 1)
        per_batch = max(1, _BATCH_CELLS // size)
        for at in range(0, len(members), per_batch):
            part = members[at : at + per_batch]
            if waves[-1] and cells + len(part) * size > _BATCH_CELLS:
                waves.append([])
                cells = 0
            waves[-1].append(part)
            cells += len(part) * size
    for wave in waves:
        steps.poll()
        batches = [
            _Batch(gains, masses, [stretches[k] for k in part], [bands[k] for k in part], blocked)
            for part in wave
        ]
        for part, found in zip(wave, _search_together(batches, steps, shapes, threshold), strict=True):
            for k, groups in zip(part, found, strict=True):
                out[k] = groups
    return out


def _search_together(
    batches: list[_Batch], steps: Steps, shapes: Sequence[tuple[int, int]], threshold: float
) -> list[list[list[Group]]]:
    """The DP of several batches side by side, a row a step: the groups of one shape that may
    still beat their cells in this row are scored for all the batches in one call."""
    if not batches:
        return []
    evidence = batches[0].gains.evidence
    for b in batches:
        b.start(shapes, threshold)
    for r in range(1, max(b.rows for b in batches)):
        steps.poll()
        live = [b for b in batches if r < b.rows]
        for b in live:
            b.begin_row(r)
        for k in range(len(_FIRST), len(shapes)):
            asks = [(b, ask) for b in live if (ask := b.ask(r, k)) is not None]
            if not asks:
                continue
            src = np.concatenate([ask[2] for _, ask in asks])
            tgt = np.concatenate([ask[3] for _, ask in asks])
            z = np.concatenate(
                [
                    evidence.groups(src[q : q + _CHUNK], tgt[q : q + _CHUNK])
                    for q in range(0, len(src), _CHUNK)
                ]
            )
            ends = np.cumsum([len(ask[0]) for _, ask in asks]).tolist()
            for (b, ask), lo, hi in zip(asks, [0, *ends[:-1]], ends, strict=True):
                b.settle(r, k, ask, z[lo:hi])
        for b in live:
            b.end_row(r)
    return [b.traced(shapes) for b in batches]


def _size_class(n: int) -> int:
    """The size class a size rounds up to."""
    return _SIZE_CLASSES[bisect.bisect_left(_SIZE_CLASSES, n)]


class _Batch:
    """Stretches of like size as arrays: [stretch, source prefix length, target prefix length]."""

    def __init__(
        self,
        gains: Gains,
        masses: tuple[np.ndarray, np.ndarray],
        stretches: Sequence[Stretch],
        bands: Sequence[tuple[list[int], list[int]]],
        blocked: tuple[Collection[int], Collection[int]],
    ) -> None:
        self.gains = gains
        bounds = np.asarray(stretches, dtype=np.int64).reshape(-1, 4)
        self.i0, self.j0 = bounds[:, 0], bounds[:, 2]
        self.n, self.m = bounds[:, 1] - self.i0, bounds[:, 3] - self.j0
        count, rows, cols = len(stretches), int(self.n.max()) + 1, int(self.m.max()) + 1
        lo, hi = np.full((count, rows), cols, np.int64), np.full((count, rows), -1, np.int64)
        for s, (b_lo, b_hi) in enumerate(bands):
            lo[s, : len(b_lo)], hi[s, : len(b_hi)] = b_lo, b_hi
        at = np.arange(cols)
        self.valid = (at >= lo[:, :, None]) & (at <= hi[:, :, None])
        real_r = (np.arange(rows) >= 1) & (np.arange(rows) <= self.n[:, None])
        real_c = (at >= 1) & (at <= self.m[:, None])
        # The sentence of each row (column): row r holds source sentence i0 + r - 1.
        self.src = np.where(real_r, self.i0[:, None] + np.arange(rows) - 1, 0)
        self.tgt = np.where(real_c, self.j0[:, None] + at - 1, 0)
        self.real = real_r[:, :, None] & real_c[:, None, :]
        self.z, overlap = self._pair_scores(gains.evidence)
        self.src_mass = np.where(real_r, masses[0][self.src], 0)
        self.tgt_mass = np.where(real_c, masses[1][self.tgt], 0)
        self.src_sum, self.tgt_sum = np.cumsum(self.src_mass, axis=1), np.cumsum(self.tgt_mass, axis=1)
        self.free_src = real_r & ~np.isin(self.src, np.fromiter(blocked[0], np.int64))
        self.free_tgt = real_c & ~np.isin(self.tgt, np.fromiter(blocked[1], np.int64))
        self.link = self.z >= Z_LINK
        self._links: dict[tuple[int, int], np.ndarray] = {}
        # The stems each pair shares, summed over every block from the first cell (a group's bound).
        weight = self.src_mass[:, :, None] + self.tgt_mass[:, None, :]
        self.shared_sum = gains.evidence.shared(overlap, weight).cumsum(axis=1).cumsum(axis=2)

    def _pair_scores(self, evidence: Evidence) -> tuple[np.ndarray, np.ndarray]:
        """The fused z (-inf on padding and in row and column 0) and the word overlap (0 there) of
        every sentence pair of each stretch."""
        z, overlap = np.full(self.real.shape, _NEG), np.zeros(self.real.shape)
        s, r, c = np.nonzero(self.real)
        src, tgt = self.src[s, r], self.tgt[s, c]
        for k in range(0, len(s), _CHUNK):
            part = slice(k, k + _CHUNK)
            at = s[part], r[part], c[part]
            z[at], overlap[at] = evidence.pairs_with_overlap(src[part].tolist(), tgt[part].tolist())
        return z, overlap

    def start(self, shapes: Sequence[tuple[int, int]], threshold: float) -> None:
        """Get ready for the DP: the gain of each pair, what each group shape may gain, row 0."""
        count, self.rows, cols = self.valid.shape
        self.threshold = threshold
        with np.errstate(invalid="ignore"):
            self.pair = np.where(
                self.real & self.free_src[:, :, None] & self.free_tgt[:, None, :],
                (self.z - threshold) * (self.src_mass[:, :, None] + self.tgt_mass[:, None, :]),
                _NEG,
            )
        self.groups = {
            k: (a, b, ok, mass, bound, ok.any(axis=(0, 2)))
            for k, (a, b) in enumerate(shapes)
            if k >= len(_FIRST) and a < self.rows and b < cols  # a larger group fits in none of these
            for ok, mass, bound in [self._static(a, b, threshold)]
        }
        self.score = np.full((count, self.rows, cols), _NEG)
        self.back = np.full((count, self.rows, cols), -1, np.int8)
        self.score[:, 0, :] = np.where(self.valid[:, 0, :], 0.0, _NEG)
        self.back[:, 0, 1:] = np.where(self.valid[:, 0, 1:], _SKIP_TARGET, -1)

    def begin_row(self, r: int) -> None:
        """Row r reached by a pair or a skipped source sentence; no group yet."""
        count, _, cols = self.valid.shape
        valid, score = self.valid[:, r, :], self.score
        first = np.full((count, cols), _NEG)
        first[:, 1:] = np.where(valid[:, 1:], score[:, r - 1, :-1] + self.pair[:, r, 1:], _NEG)
        first_k = np.where(first > _NEG, _PAIR, -1).astype(np.int8)
        down = np.where(valid, score[:, r - 1, :], _NEG)
        better = down > first
        self.first = np.where(better, down, first)
        self.first_k = np.where(better, _SKIP_SOURCE, first_k).astype(np.int8)
        self.least = np.maximum.accumulate(self.first, axis=1)
        self.best, self.best_k = np.full((count, cols), _NEG), np.full((count, cols), -1, np.int8)

    def ask(self, r: int, k: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray] | None:
        """The groups of shape k ending in row r that may still beat their cell: (stretch, column,
        source sentences, target sentences), or None."""
        if k not in self.groups:
            return None
        a, b, ok, _, bound, rows_ok = self.groups[k]
        if not rows_ok[r]:  # no stretch may end a group of this shape in this row
            return None
        count, _, cols = self.valid.shape
        prev = np.full((count, cols), _NEG)
        prev[:, b:] = self.score[:, r - a, : cols - b]
        # A group that cannot beat what the row already holds is not scored (as in dp.search).
        todo = ok[:, r, :] & (prev > _NEG) & (prev + bound[:, r, :] > np.maximum(self.least, self.best))
        s, c = np.nonzero(todo)
        if not len(s):
            return None
        src = self.i0[s, None] + (r - a) + np.arange(a)
        tgt = self.j0[s, None] + (c[:, None] - b) + np.arange(b)
        return s, c, src, tgt

    def settle(self, r: int, k: int, ask: tuple[np.ndarray, ...], z: np.ndarray) -> None:
        """Keep the asked groups of shape k (their fused z given) that beat what their cells hold."""
        a, b, _, mass, _, _ = self.groups[k]
        s, c = ask[0], ask[1]
        total = self.score[s, r - a, c - b] + ((z - self.threshold) * mass[s, r, c] - penalty(a, b))
        wins = total > self.best[s, c]
        self.best[s[wins], c[wins]], self.best_k[s[wins], c[wins]] = total[wins], k

    def end_row(self, r: int) -> None:
        """Row r's best, skipped target sentences included, and how each cell was reached."""
        count, _, cols = self.valid.shape
        valid = self.valid[:, r, :]
        row = np.where(valid, np.maximum(self.first, self.best), _NEG)
        row = np.where(valid, np.maximum.accumulate(row, axis=1), _NEG)
        left = np.full((count, cols), _NEG)
        left[:, 1:] = row[:, :-1]
        self.score[:, r, :] = row
        self.back[:, r, :] = np.where(
            row == _NEG,
            -1,
            np.where(self.first == row, self.first_k, np.where(left == row, _SKIP_TARGET, self.best_k)),
        )

    def traced(self, shapes: Sequence[tuple[int, int]]) -> list[list[Group]]:
        """Each stretch's groups, from its last cell back to the first."""
        starts, ends = self.i0.tolist(), self.j0.tolist()
        sizes = zip(self.n.tolist(), self.m.tolist(), strict=True)
        return [
            _trace(self.back[s, : n + 1, : m + 1].tolist(), starts[s], ends[s], shapes)
            for s, (n, m) in enumerate(sizes)
        ]

    def _static(self, a: int, b: int, threshold: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """For groups of a source and b target sentences ending at each cell: whether one may be
        formed (in the band, sentences free, each alike to one on the other side), its words, and
        the most it can gain."""
        count, rows, cols = self.valid.shape
        ok = np.zeros_like(self.valid)
        ok[:, a:, b:] = self.valid[:, a:, b:] & self.valid[:, :-a, : cols - b]
        ok &= _window(self.free_src, a, 1, all_of=True)[:, :, None]
        ok &= _window(self.free_tgt, b, 1, all_of=True)[:, None, :]
        ok &= _window(self._linked(b, 2), a, 1, all_of=True)
        ok &= _window(self._linked(a, 1), b, 2, all_of=True)
        mass = np.zeros((count, rows, cols), np.int64)
        src_part = self.src_sum[:, a:] - self.src_sum[:, :-a]
        tgt_part = self.tgt_sum[:, b:] - self.tgt_sum[:, : cols - b]
        mass[:, a:, b:] = src_part[:, :, None] + tgt_part[:, None, :]
        shared = np.zeros((count, rows, cols))
        s = self.shared_sum
        shared[:, a:, b:] = s[:, a:, b:] - s[:, :-a, b:] - s[:, a:, : cols - b] + s[:, :-a, : cols - b]
        z_bound = self.gains.evidence.bound(shared, np.where(ok, mass, 1))
        top = self.gains.evidence.identical
        gain = np.minimum(top - threshold, z_bound - threshold) * mass - penalty(a, b)
        return ok, mass, np.where(ok, gain, _NEG)

    def _linked(self, width: int, axis: int) -> np.ndarray:
        """Whether each sentence is alike to one of the ``width`` sentences up to this one on the
        other side (axis 2: target sentences, 1: source sentences); kept per width and axis."""
        key = (width, axis)
        if key not in self._links:
            self._links[key] = _window(self.link, width, axis, all_of=False)
        return self._links[key]


def _trace(back: list[list[int]], i0: int, j0: int, shapes: Sequence[tuple[int, int]]) -> list[Group]:
    """A stretch's groups from the shape that reached each of its cells, from the last cell back."""
    i, j = len(back) - 1, len(back[0]) - 1
    groups: list[Group] = []
    while i or j:
        a, b = shapes[back[i][j]]
        groups.append((tuple(range(i0 + i - a, i0 + i)), tuple(range(j0 + j - b, j0 + j))))
        i, j = i - a, j - b
    return groups[::-1]


def _window(mask: np.ndarray, width: int, axis: int, *, all_of: bool) -> np.ndarray:
    """Whether all (or any) of the ``width`` entries ending at each one along ``axis`` are set;
    False where the window would start before the first entry."""
    total = np.cumsum(~mask if all_of else mask, axis=axis, dtype=np.int32)
    inside = total.copy()  # each window's count: the running count less the one ``width`` before
    inside[_along(mask.ndim, axis, slice(width, None))] -= total[_along(mask.ndim, axis, slice(None, -width))]
    out = inside == 0 if all_of else inside > 0
    out[_along(mask.ndim, axis, slice(None, width - 1))] = False
    return out


def _along(ndim: int, axis: int, part: slice) -> tuple[slice, ...]:
    """An index taking ``part`` along one axis and everything along the others."""
    return tuple(part if k == axis else slice(None) for k in range(ndim))
