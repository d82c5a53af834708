"""Many small stretches searched at once: the DP of dp.search, one row at a time across all of them.

A book splits into thousands of stretches of a few sentences between its sure anchors; searched one
by one, each costs a Python loop over its cells and shapes. Here the cells of all of them lie in one
flat array, row by row: row 0 of every stretch, then row 1 of those that have one, and so on. A DP
row is then one slice and each step a few numpy calls over all the stretches, whatever their sizes
(no padding), and the groups worth scoring in a row are scored in one batch. The result is the one
dp.search gives: the same gains, the same order of shapes, ties broken the same way.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence

import numpy as np

from alignment.arrays import run_offsets
from alignment.matching.gains import Z_LINK, Gains, Group, penalty
from alignment.matching.progress import Steps

ROWS = 32
"""A stretch of up to this many source sentences is searched in a batch (a row a step)."""
COLS = 128
"""... and up to this many target sentences."""
_FIRST = ((1, 1), (1, 0), (0, 1))
"""The shapes the batch expects first, in this order: a pair, a skipped source, a skipped target."""
_PAIR, _SKIP_SOURCE, _SKIP_TARGET = range(3)
_NEG = float("-inf")
_BATCH_CELLS = 500_000
"""Cells of the stretches searched together (a wave): their arrays (a few dozen that long) stay small."""
_CHUNK = 100_000
"""Sentence pairs or groups scored per call: what one call gathers stays small in memory."""

Stretch = tuple[int, int, int, int]


def fits(n: np.ndarray, m: np.ndarray) -> np.ndarray:
    """Whether stretches of n source and m target sentences are searched in a batch: sentences on
    both sides, and not too many."""
    return (n > 0) & (n <= ROWS) & (m > 0) & (m <= COLS)


def search(
    gains: Gains,
    stretches: Sequence[Stretch],
    bands: tuple[np.ndarray, np.ndarray],
    blocked: tuple[Collection[int], Collection[int]],
    steps: Steps,
    shapes: Sequence[tuple[int, int]],
    threshold: float,
) -> list[list[Group]]:
    """The groups of each stretch (all of them fit) as dp.search finds them, in its band (``bands``:
    dp.bands' lowest and highest columns of every row, the stretches' rows end to end); stretches are
    searched together, as many as _BATCH_CELLS cells at a time."""
    if tuple(shapes[:3]) != _FIRST or any(a == 0 or b == 0 for a, b in shapes[3:]):
        raise ValueError("shapes must start with 1:1 and the two skips, then groups")
    masses = np.asarray(gains.src_mass, np.int64), np.asarray(gains.tgt_mass, np.int64)
    waves: list[list[int]] = [[]]
    cells = 0
    for k, (i0, i1, j0, j1) in enumerate(stretches):
        size = (i1 - i0 + 1) * (j1 - j0 + 1)
        if waves[-1] and cells + size > _BATCH_CELLS:
            waves.append([])
            cells = 0
        waves[-1].append(k)
        cells += size
    first_row = np.cumsum([0, *(i1 - i0 + 1 for i0, i1, _, _ in stretches)]).tolist()
    out: list[list[Group]] = []
    for wave in waves:
        steps.poll()
        if wave:
            at, rows = slice(wave[0], wave[-1] + 1), slice(first_row[wave[0]], first_row[wave[-1] + 1])
            band = bands[0][rows], bands[1][rows]
            out += _Wave(gains, masses, stretches[at], band, blocked).search(steps, shapes, threshold)
    return out


class _Wave:
    """The cells of several stretches in one flat array, row by row (row r of every stretch that has
    one, in stretch order, then row r + 1), with what the search reads of each cell."""

    def __init__(
        self,
        gains: Gains,
        masses: tuple[np.ndarray, np.ndarray],
        stretches: Sequence[Stretch],
        band: tuple[np.ndarray, np.ndarray],
        blocked: tuple[Collection[int], Collection[int]],
    ) -> None:
        self.gains = gains
        bounds = np.asarray(stretches, dtype=np.int64).reshape(-1, 4)
        self.i0, self.j0 = bounds[:, 0], bounds[:, 2]
        self.n, self.m = bounds[:, 1] - self.i0, bounds[:, 3] - self.j0
        count, rows = len(bounds), int(self.n.max()) + 1
        # The rows of all stretches, (stretch, row) in stretch order, then sorted by row.
        per = self.n + 1
        row_s = np.repeat(np.arange(count), per)
        row_r = run_offsets(per)
        lo, hi = band
        order = np.lexsort((row_s, row_r))
        row_s, row_r, lo, hi = row_s[order], row_r[order], lo[order], hi[order]
        widths = self.m[row_s] + 1
        first_cell = np.cumsum(widths) - widths
        self.row_at = np.zeros((count, rows), np.int64)  # flat index of each stretch's (row, column 0)
        self.row_at[row_s, row_r] = first_cell
        total = int(widths.sum())
        first_row = np.searchsorted(row_r, np.arange(rows + 1))  # of each row r, in the rows' order
        self.row_start = np.append(first_cell, total)[first_row]  # where row r's cells start
        self.row_width = np.maximum.reduceat(widths, first_row[:-1]).tolist()  # its widest stretch's
        # Each cell: its stretch, row and column, whether it is in the band, its sentences.
        self.s = np.repeat(row_s, widths)
        self.r = np.repeat(row_r, widths)
        self.c = np.arange(total) - np.repeat(first_cell, widths)
        self.valid = (self.c >= np.repeat(lo, widths)) & (self.c <= np.repeat(hi, widths))
        real_r, real_c = self.r >= 1, self.c >= 1
        src = np.where(real_r, self.i0[self.s] + self.r - 1, 0)
        tgt = np.where(real_c, self.j0[self.s] + self.c - 1, 0)
        self.real = real_r & real_c
        # The cell one row up (same column), -1 in row 0.
        self.up = np.where(real_r, self.row_at[self.s, np.maximum(self.r - 1, 0)] + self.c, -1)
        self.z, overlap = np.full(total, _NEG), np.zeros(total)
        at = np.flatnonzero(self.real)
        for k in range(0, len(at), _CHUNK):
            part = at[k : k + _CHUNK]
            self.z[part], overlap[part] = gains.evidence.pairs_with_overlap(
                src[part].tolist(), tgt[part].tolist()
            )
        self.src_mass = np.where(real_r, masses[0][src], 0)
        self.tgt_mass = np.where(real_c, masses[1][tgt], 0)
        self.free_src = real_r & ~np.isin(src, np.fromiter(blocked[0], np.int64))
        self.free_tgt = real_c & ~np.isin(tgt, np.fromiter(blocked[1], np.int64))
        self.link = self.z >= Z_LINK
        # The stems each pair shares (a whole number, so a group's are summed exactly in any order).
        self.shared = gains.evidence.shared(overlap, self.src_mass + self.tgt_mass)
        self._windows: dict[tuple[str, int], np.ndarray] = {}

    def search(self, steps: Steps, shapes: Sequence[tuple[int, int]], threshold: float) -> list[list[Group]]:
        """The DP of all the stretches, a row a step: the groups of one shape that may still beat
        their cells in this row are scored for all the stretches in one call."""
        evidence = self.gains.evidence
        with np.errstate(invalid="ignore"):
            pair = np.where(
                self.real & self.free_src & self.free_tgt,
                (self.z - threshold) * (self.src_mass + self.tgt_mass),
                _NEG,
            )
        groups = [
            (k, a, b, *self._groups(a, b, threshold)) for k, (a, b) in enumerate(shapes) if k >= len(_FIRST)
        ]
        score = np.full(len(self.c), _NEG)
        back = np.full(len(self.c), -1, np.int8)
        top = slice(0, int(self.row_start[1]))
        score[top] = np.where(self.valid[top], 0.0, _NEG)
        back[top] = np.where(self.valid[top] & (self.c[top] >= 1), _SKIP_TARGET, -1)
        for r in range(1, len(self.row_width)):
            steps.poll()
            at = slice(int(self.row_start[r]), int(self.row_start[r + 1]))
            valid, column, up = self.valid[at], self.c[at], self.up[at]
            # Reached by a pair or a skipped source sentence.
            first = np.where(valid & (column >= 1), score[up - 1] + pair[at], _NEG)
            first_k = np.where(first > _NEG, _PAIR, -1).astype(np.int8)
            down = np.where(valid, score[up], _NEG)
            better = down > first
            first = np.where(better, down, first)
            first_k = np.where(better, _SKIP_SOURCE, first_k).astype(np.int8)
            least = self._running_max(first, column, r)
            best, best_k = np.full(len(first), _NEG), np.full(len(first), -1, np.int8)
            for k, a, b, bounds, cell, prev_cell, bound, mass, src, tgt in groups:
                lo, hi = bounds[r], bounds[r + 1]
                if lo == hi:
                    continue
                here = cell[lo:hi] - at.start
                prev = score[prev_cell[lo:hi]]
                # A group that cannot beat what the row already holds is not scored (as in dp.search).
                todo = np.flatnonzero(
                    (prev > _NEG) & (prev + bound[lo:hi] > np.maximum(least[here], best[here]))
                )
                if not len(todo):
                    continue
                here, prev, pick = here[todo], prev[todo], todo + lo
                src_k = src[pick, None] + np.arange(a)
                tgt_k = tgt[pick, None] + np.arange(b)
                z = np.concatenate(
                    [
                        evidence.groups(src_k[q : q + _CHUNK], tgt_k[q : q + _CHUNK])
                        for q in range(0, len(pick), _CHUNK)
                    ]
                )
                total = prev + ((z - threshold) * mass[pick] - penalty(a, b))
                wins = total > best[here]
                best[here[wins]], best_k[here[wins]] = total[wins], k
            # The row's best, skipped target sentences included, and how each cell was reached.
            row = np.where(valid, np.maximum(first, best), _NEG)
            row = np.where(valid, self._running_max(row, column, r), _NEG)
            left = np.full(len(row), _NEG)
            left[1:] = row[:-1]  # column 0's (another stretch's) is never read: a cell there is first's
            score[at] = row
            back[at] = np.where(
                row == _NEG,
                -1,
                np.where(first == row, first_k, np.where(left == row, _SKIP_TARGET, best_k)),
            )
        return self._traced(back, shapes)

    def _running_max(self, values: np.ndarray, column: np.ndarray, r: int) -> np.ndarray:
        """The running maximum of a row's values along each stretch's columns (doubling steps)."""
        out = values
        step = 1
        while step < self.row_width[r]:
            inside = column[step:] >= step
            out = out.copy()
            out[step:] = np.where(inside, np.maximum(out[step:], out[:-step]), out[step:])
            step *= 2
        return out

    def _groups(
        self, a: int, b: int, threshold: float
    ) -> tuple[list[int], np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """The groups of a source and b target sentences that may be formed (in the band, sentences
        free, each alike to one on the other side), by the cell they end at: where each row's start
        in the list, the cells, the cells they start from, the most they can gain, their words, and
        their first source and target sentences."""
        prev = self._back(self._above(a), b)
        ok = self.valid & (prev >= 0)
        ok[ok] &= self.valid[prev[ok]]
        ok &= self._kept(("free source", a), lambda: self._rows(self.free_src, a, all_of=True))
        ok &= self._kept(("free target", b), lambda: self._cols(self.free_tgt, b, all_of=True))
        # Every sentence of a group must be alike to one on the other side.
        near_src = self._kept(("near target", b), lambda: self._cols(self.link, b, all_of=False))
        near_tgt = self._kept(("near source", a), lambda: self._rows(self.link, a, all_of=False))
        ok &= self._rows(near_src, a, all_of=True) & self._cols(near_tgt, b, all_of=True)
        cell = np.flatnonzero(ok)
        rows = [self._up(cell, u) for u in range(a)]
        mass = sum(self.src_mass[x] for x in rows) + sum(self.tgt_mass[cell - t] for t in range(b))
        shared = sum(self.shared[x - t] for x in rows for t in range(b))
        z_bound = self.gains.evidence.bound(shared, mass)
        top = self.gains.evidence.identical
        gain = np.minimum(top - threshold, z_bound - threshold) * mass - penalty(a, b)
        s = self.s[cell]
        src = self.i0[s] + self.r[cell] - a
        tgt = self.j0[s] + self.c[cell] - b
        bounds = np.searchsorted(cell, self.row_start).tolist()
        return bounds, cell, prev[cell], gain, mass, src, tgt

    def _kept(self, key: tuple[str, int], make: Callable[[], np.ndarray]) -> np.ndarray:
        """A window of cells that several shapes share, worked out once per wave."""
        if key not in self._windows:
            self._windows[key] = make()
        return self._windows[key]

    def _up(self, cell: np.ndarray, rows: int) -> np.ndarray:
        """The cells this many rows up (same column), -1 past row 0."""
        for _ in range(rows):
            cell = np.where(cell >= 0, self.up[np.maximum(cell, 0)], -1)
        return cell

    def _above(self, rows: int) -> np.ndarray:
        """The cell this many rows above each cell, -1 past row 0 (kept per wave: shapes share it)."""
        if rows == 0:
            return np.arange(len(self.c))
        return self._kept(("above", rows), lambda: self._up(self._above(rows - 1), 1))

    def _back(self, cell: np.ndarray, columns: int) -> np.ndarray:
        """The cells this many columns to the left, -1 past column 0."""
        return np.where((cell >= 0) & (self.c[np.maximum(cell, 0)] >= columns), cell - columns, -1)

    def _rows(self, mask: np.ndarray, width: int, *, all_of: bool) -> np.ndarray:
        """Whether all (or any) of the ``width`` cells up to each one along its column are set; False
        where they would start before row 0."""
        out = mask.copy()
        for t in range(1, width):
            cell = self._above(t)
            seen = mask[np.maximum(cell, 0)]
            out = out & seen if all_of else out | seen
        return out & (self._above(width - 1) >= 0)

    def _cols(self, mask: np.ndarray, width: int, *, all_of: bool) -> np.ndarray:
        """Whether all (or any) of the ``width`` cells up to each one along its row are set; False
        where they would start before column 0."""
        out = mask.copy()
        for t in range(1, width):
            seen = np.zeros(len(mask), bool) if not all_of else np.ones(len(mask), bool)
            seen[t:] = mask[:-t]
            out = out & seen if all_of else out | seen
        return out & (self.c >= width - 1)

    def _traced(self, back: np.ndarray, shapes: Sequence[tuple[int, int]]) -> list[list[Group]]:
        """Each stretch's groups, from its last cell back to the first, all stretches a step at once."""
        shape_a = np.asarray([a for a, _ in shapes], np.int64)
        shape_b = np.asarray([b for _, b in shapes], np.int64)
        count = len(self.n)
        stretch, r, c = np.arange(count), self.n.copy(), self.m.copy()
        found: list[tuple[np.ndarray, ...]] = []
        while len(stretch):
            k = back[self.row_at[stretch, r] + c].astype(np.int64)
            found.append((stretch, r, c, k))
            r, c = r - shape_a[k], c - shape_b[k]
            going = (r > 0) | (c > 0)
            stretch, r, c = stretch[going], r[going], c[going]
        out: list[list[Group]] = [[] for _ in range(count)]
        i0, j0 = self.i0.tolist(), self.j0.tolist()
        for stretch, r, c, k in reversed(found):
            for s, x, y, kk in zip(stretch.tolist(), r.tolist(), c.tolist(), k.tolist(), strict=True):
                a, b = shapes[kk]
                out[s].append(
                    (tuple(range(i0[s] + x - a, i0[s] + x)), tuple(range(j0[s] + y - b, j0[s] + y)))
                )
        return out
