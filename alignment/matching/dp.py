"""The best monotone groups and skips between anchors: dynamic programming in a band."""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Collection, Sequence

import numpy as np

from alignment.arrays import run_offsets
from alignment.matching import batch
from alignment.matching.anchors import Point
from alignment.matching.gains import Z_LINK, Z_PAIR, Gains, Group, penalty
from alignment.matching.progress import Steps

STEPS = (
    (1, 1), (1, 0), (0, 1),
    (2, 1), (1, 2), (3, 1), (1, 3), (4, 1), (1, 4), (5, 1), (1, 5),
    (2, 2), (3, 2), (2, 3), (3, 3),
)  # fmt: skip
"""Group shapes the search tries: splits and merges up to 5, n:m up to 3:3."""
QUICK_STEPS = ((1, 1), (1, 0), (0, 1), (2, 1), (1, 2), (3, 1), (1, 3), (2, 2))
"""The shapes of the quick first pass: enough for a light edit, where the pass is kept."""
GAP_CELLS = 40_000
"""A stretch between sure pairs up to this many cells is searched whole, beyond it in a band."""
BAND = 30
"""Half-width of the band, in target sentences, around the line through the anchors."""
_MARGIN = 2
WHOLE_SENTENCES = 200
"""A hard stretch of up to this many sentences (both sides) is searched again with meaning whole; a
longer one (a long original against a short paraphrase) only between the pairs that words alone
placed far above chance: meaning over all of it would embed most of a book for a few sentences."""
FULL_CELLS = 100_000
"""Between those pairs, a piece of up to this many cells is searched again with meaning."""
Z_EASY = 8.0
"""Word overlap this far above chance (z) leaves nothing for meaning to change."""
_NEG = float("-inf")
_CHUNK_CELLS = 100_000
"""Cells scored per batch: the batch stays small in memory, and cancel is polled between batches."""
_REACH = max(a for a, _ in STEPS) + 1
"""Rows of z kept as lists while searching: as far back as a group reaches."""
_JUMP = -2
"""Back pointer of a cell reached straight down over source sentences that can only be skipped."""
_JUMP_ACROSS = -3
"""Back pointer of a row's first cell reached over such sentences from the last cell of a row whose
band ends before it: the target sentences between are skipped too."""
_SKIP_TARGET = STEPS.index((0, 1))


def band(anchors: list[Point], n: int, m: int) -> tuple[list[int], list[int]]:
    """For each DP row (source prefix length), the range of target prefix lengths worth searching."""
    if not anchors and n * m <= GAP_CELLS:  # a small stretch without anchors is searched whole
        return [0] * (n + 1), [m] * (n + 1)
    points = [(0, 0)]
    for a, b in anchors:
        points += [(a, b), (a + 1, b + 1)]
    points.append((n, m))
    lo, hi = [m] * (n + 1), [0] * (n + 1)
    for (x0, y0), (x1, y1) in itertools.pairwise(points):
        rows, cols = x1 - x0, y1 - y0
        width = BAND + cols // max(rows, 1)
        for r in range(x0, x1 + 1):
            a, b = max(y0 - _MARGIN, 0), min(y1 + _MARGIN, m)
            if rows * cols > GAP_CELLS:
                centre = y0 + (r - x0) * cols // rows
                a, b = max(a, centre - width, 0), min(b, centre + width, m)
            if a < lo[r]:
                lo[r] = a
            if b > hi[r]:
                hi[r] = b
    return lo, hi


def bands(anchors: list[Point], stretches: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """band() of each stretch (rows of i0, i1, j0, j1) with the anchors inside it, their rows laid end
    to end, stretch after stretch: all at once (a book has thousands of small stretches). Only for
    stretches within GAP_CELLS cells: no line between their anchors is long enough to narrow the band,
    which is the boxes between the anchors alone."""
    i0, i1, j0, j1 = stretches.reshape(-1, 4).T
    n, m = i1 - i0, j1 - j0
    if np.any(n * m > GAP_CELLS):
        raise ValueError(f"a stretch past {GAP_CELLS} cells is searched in band() alone")
    count = len(n)
    points = np.asarray(anchors, np.int64).reshape(-1, 2)
    first, last = np.searchsorted(points[:, 0], i0), np.searchsorted(points[:, 0], i1)
    owner = np.repeat(np.arange(count), last - first)
    at = points[run_offsets(last - first) + np.repeat(first, last - first)]
    x, y = at[:, 0] - i0[owner], at[:, 1] - j0[owner]
    inside = (y >= 0) & (y < m[owner])
    owner, x, y = owner[inside], x[inside], y[inside]
    # Each stretch's points in order: (0, 0), each anchor's corners (a, b) and (a + 1, b + 1), (n, m).
    own = np.concatenate((np.arange(count), np.repeat(owner, 2), np.arange(count)))
    rank = np.concatenate((np.zeros(count, np.int64), np.ones(2 * len(owner), np.int64), np.full(count, 2)))
    px = np.concatenate((np.zeros(count, np.int64), np.stack((x, x + 1), 1).ravel(), n))
    py = np.concatenate((np.zeros(count, np.int64), np.stack((y, y + 1), 1).ravel(), m))
    order = np.lexsort((rank, own))
    own, px, py = own[order], px[order], py[order]
    # Each line between a stretch's points widens the band of the rows it spans to its box.
    line = np.flatnonzero(own[1:] == own[:-1])
    s, x0, x1 = own[line], px[line], px[line + 1]
    rows = np.maximum(x1 - x0 + 1, 0)
    first_row = np.cumsum(n + 1) - (n + 1)
    cell = np.repeat(first_row[s] + x0, rows) + run_offsets(rows)
    lo, hi = np.repeat(m, n + 1), np.zeros(int((n + 1).sum()), np.int64)
    np.minimum.at(lo, cell, np.repeat(np.maximum(py[line] - _MARGIN, 0), rows))
    np.maximum.at(hi, cell, np.repeat(np.minimum(py[line + 1] + _MARGIN, m[s]), rows))
    return lo, hi


def path(
    gains: Gains,
    quick: Gains,
    sure: Sequence[Group],
    n: int,
    m: int,
    anchors: list[Point],
    blocked: tuple[Collection[int], Collection[int]],
    steps: Steps,
) -> list[Group]:
    """The best monotone sequence of groups and skips over the whole documents.

    ``sure`` are groups kept as they are (sure anchors and manual links), in order on both sides;
    the search runs in the stretches between them, each in a band around the anchors it holds.
    ``blocked`` sentences (in a manual link elsewhere) are only ever skipped.

    Each stretch is first searched with the ``quick`` gains (word overlap alone); where that pairs
    every sentence, each pair far above chance, meaning could only agree, and only the other
    stretches are searched again with the full ``gains``: a lightly edited book stays fast.
    """
    stretches = []
    i0 = j0 = 0
    for src, tgt in [*sure, ((n,), (m,))]:
        a, b = (src[0] if src else i0), (tgt[0] if tgt else j0)
        stretches.append((i0, a, j0, b))
        i0, j0 = (src[-1] + 1 if src else i0), (tgt[-1] + 1 if tgt else j0)
    found = _search_all(quick, stretches, anchors, blocked, steps, QUICK_STEPS)
    far = _far_above_chance(quick, [g for groups in found for g in groups])
    hard = [k for k, groups in enumerate(found) if groups and not _easy(far, groups)]
    pieces = {k: _pieces(far, stretches[k], found[k]) for k in hard}
    again = [p for k in hard for p in pieces[k] if isinstance(p, tuple)]
    gains.evidence.prepare(
        (i for a, b, _, _ in again for i in range(a, b)), (j for _, _, a, b in again for j in range(a, b))
    )
    steps(0.5, "Aligning reworded sentences")
    searched = iter(_search_all(gains, again, anchors, blocked, steps, STEPS))
    for k in hard:
        found[k] = [g for piece in pieces[k] for g in (piece if isinstance(piece, list) else next(searched))]
    groups: list[Group] = []
    for stretch_groups, fixed in zip(found, [*sure, None], strict=True):
        groups += stretch_groups
        if fixed is not None:
            groups.append(fixed)
            if len(fixed[0]) > 1 or len(fixed[1]) > 1:
                # Sentences inside a link's span that it leaves out stay unmatched here, for now.
                groups += [((i,), ()) for i in range(fixed[0][0], fixed[0][-1]) if i not in fixed[0]]
                groups += [((), (j,)) for j in range(fixed[1][0], fixed[1][-1]) if j not in fixed[1]]
    return groups


def _search_all(
    gains: Gains,
    stretches: Sequence[tuple[int, int, int, int]],
    anchors: list[Point],
    blocked: tuple[Collection[int], Collection[int]],
    steps: Steps,
    shapes: Sequence[tuple[int, int]],
) -> list[list[Group]]:
    """The search of each stretch, with the anchors inside it: the small ones together in batches."""
    out: list[list[Group]] = [[] for _ in stretches]
    bounds = np.asarray(stretches, np.int64).reshape(-1, 4)
    n, m = bounds[:, 1] - bounds[:, 0], bounds[:, 3] - bounds[:, 2]
    fit = batch.fits(n, m)
    small = np.flatnonzero(fit).tolist()
    # An empty stretch (sure pairs side by side) has nothing to search.
    large = np.flatnonzero(~fit & ((n > 0) | (m > 0))).tolist()
    lo, hi = bands(anchors, bounds[small])
    found = batch.search(gains, [stretches[k] for k in small], (lo, hi), blocked, steps, shapes, Z_PAIR)
    for k, groups in zip(small, found, strict=True):
        out[k] = groups
    for k in large:
        steps.poll()
        i0, i1, j0, j1 = stretches[k]
        out[k] = search(gains, i0, i1, j0, j1, _inside(anchors, stretches[k]), blocked, steps, shapes=shapes)
    return out


def _inside(anchors: list[Point], stretch: tuple[int, int, int, int]) -> list[Point]:
    """The anchors inside a stretch, in its own indices."""
    i0, i1, j0, j1 = stretch
    lo_k, hi_k = bisect.bisect_left(anchors, (i0, -1)), bisect.bisect_left(anchors, (i1, -1))
    return [(x - i0, y - j0) for x, y in anchors[lo_k:hi_k] if j0 <= y < j1]


def _pieces(
    far: set[Group], stretch: tuple[int, int, int, int], groups: list[Group]
) -> list[tuple[int, int, int, int] | list[Group]]:
    """A hard stretch as the pieces to search again with meaning (bounds) and groups to keep.

    A stretch of up to WHOLE_SENTENCES is searched again whole. A longer one keeps the pairs its
    quick pass found far above chance, and only the pieces between them up to FULL_CELLS are
    searched again.
    """
    i0, i1, j0, j1 = stretch
    if (i1 - i0) + (j1 - j0) <= WHOLE_SENTENCES:
        return [stretch] if i1 > i0 and j1 > j0 else [groups]  # one side empty: nothing to pair
    out: list[tuple[int, int, int, int] | list[Group]] = []
    run: list[Group] = []
    for group in [*groups, ((i1,), (j1,))]:
        src, tgt = group
        sure = src and tgt and (src[0] >= i1 or group in far)
        if not sure:
            run.append(group)
            continue
        piece = (i0, src[0], j0, tgt[0])
        if run and 0 < (src[0] - i0) * (tgt[0] - j0) <= FULL_CELLS and not _easy(far, run):
            out.append(piece)
        elif run:
            out.append(run)
        if src[0] < i1:
            out.append([group])
        run, i0, j0 = [], src[-1] + 1, tgt[-1] + 1
    return out


def _easy(far: set[Group], groups: list[Group]) -> bool:
    """Whether word overlap alone paired every sentence of a stretch, each pair far above chance."""
    return all(g in far for g in groups)


def _far_above_chance(quick: Gains, groups: list[Group]) -> set[Group]:
    """The groups (both sides sentences) that word overlap alone puts Z_EASY above chance, those of
    one shape scored in one batch (the figures group() gives)."""
    shapes: dict[tuple[int, int], list[Group]] = {}
    for g in groups:
        if g[0] and g[1]:
            shapes.setdefault((len(g[0]), len(g[1])), []).append(g)
    far = set()
    for same in shapes.values():
        z = quick.evidence.groups(np.array([s for s, _ in same]), np.array([t for _, t in same]))
        far.update(g for g, v in zip(same, z.tolist(), strict=True) if v >= Z_EASY)
    return far


def search(
    gains: Gains,
    i0: int,
    i1: int,
    j0: int,
    j1: int,
    anchors: list[Point],
    blocked: tuple[Collection[int], Collection[int]],
    steps: Steps,
    threshold: float = Z_PAIR,
    shapes: Sequence[tuple[int, int]] = STEPS,
) -> list[Group]:
    """The best monotone groups and skips for source[i0:i1] and target[j0:j1], inside a band.

    A group's gain is (fused z - threshold) * weighted words, less GROUP_PENALTY per sentence
    beyond 1:1; a skipped sentence gains nothing.

    A source sentence alike to no target sentence of its band (every z below Z_LINK) can only be
    skipped: a run of them is crossed in one step, straight down, so that a long original against
    a short paraphrase costs its few sentences that resemble something, not all of them.
    """
    n, m = i1 - i0, j1 - j0
    if not n or not m:
        return [((i,), ()) for i in range(i0, i1)] + [((), (j,)) for j in range(j0, j1)]
    lo, hi = band(anchors, n, m)
    src_mass, tgt_mass = gains.src_mass[i0:i1], gains.tgt_mass[j0:j1]
    src_sum = list(itertools.accumulate(src_mass, initial=0))
    tgt_sum = list(itertools.accumulate(tgt_mass, initial=0))
    z_flat, overlap_flat, starts = _band_evidence(gains, i0, j0, lo, hi, steps)
    live = _live_rows(z_flat, starts, min(Z_LINK, threshold))
    extra: dict[tuple[int, int], tuple[float, float]] = {}  # (z, word overlap) of pairs outside the band
    free_src = [i0 + x not in blocked[0] for x in range(n)]
    free_tgt = [j0 + y not in blocked[1] for y in range(m)]
    top = gains.evidence.identical - threshold
    z_rows: dict[int, list[float]] = {}  # the z of the rows a group can reach back to, as lists

    def outside(x: int, y: int) -> tuple[float, float]:
        """Fused z and word overlap of sentences x and y (local indices) outside the band, computed once."""
        v = extra.get((x, y))
        if v is None:
            z, overlap = gains.evidence.pairs_with_overlap([i0 + x], [j0 + y])
            v = extra[x, y] = float(z[0]), float(overlap[0])
        return v

    def z_at(x: int, y: int) -> float:
        """Fused z of sentences x and y (local indices)."""
        r = x + 1
        if lo[r] <= y + 1 <= hi[r]:
            zr = z_rows.get(r)
            return zr[y + 1 - lo[r]] if zr is not None else float(z_flat[starts[r] + y + 1 - lo[r]])
        return outside(x, y)[0]

    def overlap_at(x: int, y: int) -> float:
        """Word overlap of sentences x and y (local indices)."""
        r = x + 1
        if lo[r] <= y + 1 <= hi[r]:
            return float(overlap_flat[starts[r] + y + 1 - lo[r]])
        return outside(x, y)[1]

    def _may_link(i: int, j: int, a: int, b: int) -> bool:
        """False when a sentence alone on its side of the group is not alike to all of the other
        side, read straight from the band (the full check below also looks outside it)."""
        if a == 1 and lo[i] <= j - b + 1 and j <= hi[i] and i in z_rows:
            return min(z_rows[i][j - b + 1 - lo[i] : j + 1 - lo[i]]) >= Z_LINK
        if b == 1:
            rows = range(i - a + 1, i + 1)
            if all(r in z_rows and lo[r] <= j <= hi[r] for r in rows):
                return all(z_rows[r][j - lo[r]] >= Z_LINK for r in rows)
        return True

    def group_gain(i: int, j: int, a: int, b: int, need: float) -> float:
        """Gain of source[i-a:i] with target[j-b:j], or -inf when it cannot exceed need."""
        xs, ys = range(i - a, i), range(j - b, j)
        if not all(free_src[x] for x in xs) or not all(free_tgt[y] for y in ys):
            return _NEG
        mass = src_sum[i] - src_sum[i - a] + tgt_sum[j] - tgt_sum[j - b]
        if top * mass - penalty(a, b) <= need or not _may_link(i, j, a, b):
            return _NEG
        cells = [[z_at(x, y) for y in ys] for x in xs]
        # Every sentence of a group must be alike to one on the other side.
        if not all(max(r) >= Z_LINK for r in cells) or not all(
            max(c) >= Z_LINK for c in zip(*cells, strict=True)
        ):
            return _NEG
        # With meaning, whose bound is an identical pair's, the bound would rarely cut a group.
        if gains.evidence.lexical_only:
            shared = gains.evidence.shared(
                [overlap_at(x, y) for x in xs for y in ys],
                [src_mass[x] + tgt_mass[y] for x in xs for y in ys],
            )
            if (gains.evidence.bound(shared.sum(), mass) - threshold) * mass - penalty(a, b) <= need:
                return _NEG
        src, tgt = range(i0 + i - a, i0 + i), range(j0 + j - b, j0 + j)
        z = gains.evidence.group(src, tgt)
        return (z - threshold) * mass - penalty(a, b)

    score: dict[int, list[float]] = {}
    back: dict[int, list[int]] = {}
    jumped: dict[int, int] = {}  # row reached straight down from an earlier row, over skipped sentences
    kept = sorted({0, n, *live, *(r - 1 for r in live)})
    for k, i in enumerate(kept):
        steps.poll()
        li, hi_i = lo[i], hi[i]
        row = [_NEG] * (hi_i - li + 1)
        brow = [-1] * (hi_i - li + 1)
        if i and i not in live and kept[k - 1] < i - 1:
            _jump(score, kept[k - 1], i, lo, hi, row, brow)
            jumped[i] = kept[k - 1]
        else:
            if i:
                z_rows[i] = z_flat[starts[i] : starts[i + 1]].tolist()
                for old in [r for r in z_rows if r < i - _REACH]:
                    del z_rows[old]
            zr = z_rows.get(i, [])
            for j in range(li, hi_i + 1):
                best, best_k = (0.0, -1) if i == 0 and j == 0 else (_NEG, -1)
                for s_k, (a, b) in enumerate(shapes):
                    pi, pj = i - a, j - b
                    if pi < 0 or pj < lo[pi] or pj > hi[pi] or pi not in score and a:
                        continue
                    prev = row[pj - li] if a == 0 else score[pi][pj - lo[pi]]
                    if prev == _NEG:
                        continue
                    if a == 0 or b == 0:
                        total = prev
                    elif a == 1 and b == 1:
                        x, y = i - 1, j - 1
                        if not (free_src[x] and free_tgt[y]):
                            continue
                        total = prev + (zr[j - li] - threshold) * (src_mass[x] + tgt_mass[y])
                    else:
                        total = prev + group_gain(i, j, a, b, best - prev)
                    if total > best:
                        best, best_k = total, s_k
                row[j - li], brow[j - li] = best, best_k
        score[i], back[i] = row, brow
    groups: list[Group] = []
    i, j = n, m
    while i or j:
        pointer = back[i][j - lo[i]]
        if pointer in (_JUMP, _JUMP_ACROSS):
            groups += [((i0 + x,), ()) for x in range(i - 1, jumped[i] - 1, -1)]
            i = jumped[i]
            if pointer == _JUMP_ACROSS:
                groups += [((), (j0 + y,)) for y in range(j - 1, hi[i] - 1, -1)]
                j = hi[i]
            continue
        a, b = shapes[back[i][j - lo[i]]]
        groups.append((tuple(range(i0 + i - a, i0 + i)), tuple(range(j0 + j - b, j0 + j))))
        i, j = i - a, j - b
    return groups[::-1]


def _jump(
    score: dict[int, list[float]],
    k: int,
    i: int,
    lo: list[int],
    hi: list[int],
    row: list[float],
    brow: list[int],
) -> None:
    """Row i reached from row k over sentences that can only be skipped: straight down where row k
    reaches (the skip of a source sentence comes first, as in the search), else from the left; where
    the band has moved past row k's (a long run of such sentences), row i's first cell is reached from
    row k's last, the target sentences between skipped too (the band holds a path of skips there)."""
    prev = score[k]
    for j in range(lo[i], hi[i] + 1):
        if lo[k] <= j <= hi[k] and prev[j - lo[k]] != _NEG:
            row[j - lo[i]], brow[j - lo[i]] = prev[j - lo[k]], _JUMP
        elif j > lo[i] and row[j - 1 - lo[i]] != _NEG:
            row[j - lo[i]], brow[j - lo[i]] = row[j - 1 - lo[i]], _SKIP_TARGET
        elif j == lo[i] > hi[k] and prev[-1] != _NEG:
            row[0], brow[0] = prev[-1], _JUMP_ACROSS


def _live_rows(z_flat: np.ndarray, starts: list[int], least: float) -> set[int]:
    """Rows (source prefix lengths) whose last sentence is at least this alike to a target sentence
    of its band: below both Z_LINK and the threshold, a sentence can be neither a pair nor in a group."""
    widths = np.diff(np.asarray(starts[1:]))
    filled = np.flatnonzero(widths > 0)
    if not len(filled):
        return set()
    best = np.maximum.reduceat(z_flat, np.asarray(starts[1:-1])[filled])
    return {int(r) + 1 for r in filled[best >= least]}


def _band_evidence(
    gains: Gains, i0: int, j0: int, lo: list[int], hi: list[int], steps: Steps
) -> tuple[np.ndarray, np.ndarray, list[int]]:
    """Fused z and word overlap of every 1:1 cell in the band, row after row (row r, column c:
    sentences i0+r-1 and j0+c-1, at starts[r] + c - lo[r]); rows start at 1 and column 0 holds no
    sentence (z -inf, overlap 0)."""
    widths = [0] + [hi[r] - lo[r] + 1 for r in range(1, len(lo))]
    starts = list(itertools.accumulate(widths, initial=0))
    total = starts[-1]
    rows = np.repeat(np.arange(len(lo)), widths)
    cols = np.asarray(lo)[rows] + np.arange(total) - np.asarray(starts[:-1])[rows]
    z, overlap = np.full(total, _NEG), np.zeros(total)
    at = np.flatnonzero(cols >= 1)
    for k in range(0, len(at), _CHUNK_CELLS):
        steps.poll()
        chunk = at[k : k + _CHUNK_CELLS]
        z[chunk], overlap[chunk] = gains.evidence.pairs_with_overlap(
            (rows[chunk] + i0 - 1).tolist(), (cols[chunk] + j0 - 1).tolist()
        )
    return z, overlap, starts
