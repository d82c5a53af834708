"""Sentence alignment: anchors from shared rare stems, dynamic programming in a band, then moves."""

from __future__ import annotations

import bisect
import gc
import itertools
from collections import Counter, defaultdict
from collections.abc import Sequence

from alignment import semantic
from alignment.errors import Cancelled
from alignment.grades import Grader
from alignment.model import Alignment, Document, IsCancelled, Kind, Op, Pair, Progress, Sentence
from alignment.segment import SplitMode, segment
from alignment.similarity import Similarity
from alignment.tokens import Lexicon, Words, detect_language, text_words
from alignment.worddiff import diff_range

THRESHOLD = 0.22
"""A group must score above this to be worth more than leaving its sentences unmatched."""
GROUP_PENALTY = 8.0
"""Cost (in weighted words) of each sentence a group has beyond 1:1, so that a merge must pay for itself."""
MOVE_THRESHOLD = 0.45
"""Sentences left unmatched in place are paired as moved only when at least this similar."""
_STEPS = ((1, 1), (1, 0), (0, 1), (2, 1), (1, 2), (3, 1), (1, 3), (2, 2))
_GAP_CELLS = 40_000  # a gap between anchors up to this size is searched whole, beyond it in a band
_BAND = 30
_MARGIN = 2
_ANCHOR_SCORE = 0.3
_SURE_SCORE, _NEIGHBOUR_SCORE = 0.5, 0.2  # an anchor this strong, with neighbours this weak, is fixed 1:1
_GAP_LENGTH_RATIO = 2.5  # a lone pair in a gap is paired only when of comparable length
_MOVE_FANOUT = 50  # stems in more unmatched sentences than this are too common to suggest a move
_NEG = float("-inf")

Group = tuple[tuple[int, ...], tuple[int, ...]]


class _Steps:
    """Reports progress and stops with Cancelled when asked to."""

    def __init__(self, progress: Progress | None, cancelled: IsCancelled | None) -> None:
        self._progress, self._cancelled = progress, cancelled

    def __call__(self, fraction: float, label: str) -> None:
        if self._cancelled is not None and self._cancelled():
            raise Cancelled("alignment cancelled")
        if self._progress is not None:
            self._progress(fraction, label)


def align(
    source: Document,
    target: Document,
    *,
    split: SplitMode = "sentences",
    progress: Progress | None = None,
    cancelled: IsCancelled | None = None,
) -> Alignment:
    """Pair every sentence of the paraphrase with its source sentences; deterministic."""
    # Millions of small, long-lived objects (words, spans, changes) make the cyclic collector rescan
    # the heap again and again for nothing: a sixth of the time on a book. Nothing here forms cycles.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _align(source, target, split, _Steps(progress, cancelled))
    finally:
        if collecting:
            gc.enable()


def _align(source: Document, target: Document, split: SplitMode, step: _Steps) -> Alignment:
    """The steps of align()."""
    step(0.0, "Splitting sentences")
    src_sents, tgt_sents = segment(source.text, split), segment(target.text, split)
    step(0.1, "Reading words")
    lexicon = Lexicon(detect_language([source.text, target.text]))
    src = _Side(source.text, src_sents, lexicon)
    tgt = _Side(target.text, tgt_sents, lexicon)
    sim = Similarity(src.stems, tgt.stems)
    step(0.25, "Finding anchors")
    anchors = _anchors(src.stems, tgt.stems, sim)
    step(0.3, "Aligning sentences")
    groups = _fill_gaps(_path(sim, anchors, len(src_sents), len(tgt_sents), step), src, tgt)
    step(0.8, "Finding moved sentences")
    moved = _pair_moves(sim, src.stems, tgt.stems, groups)
    step(0.85, "Comparing words")
    grader = Grader(lexicon, semantic.embed)
    grader.prepare(src.words.norms + tgt.words.norms)
    pairs = tuple(_pair(g, is_moved, sim, src, tgt, grader) for g, is_moved in _in_order(groups, moved))
    step(1.0, "Done")
    return Alignment(source, target, src_sents, tgt_sents, pairs)


class _Side:
    """One document's words, the word range of each sentence and each sentence's content stems."""

    def __init__(self, text: str, sentences: Sequence[Sentence], lexicon: Lexicon) -> None:
        self.sentences = sentences
        self.words: Words = text_words(text)
        self.ranges = [self.words.between(s.start, s.end) for s in sentences]
        # A sentence of function words only is known by its words, one without words by its text.
        self.stems = [
            stems or self.words.norms[lo:hi] or [text[s.start : s.end]]
            for stems, (lo, hi), s in zip(
                lexicon.content_stems(self.words.norms, self.ranges), self.ranges, sentences, strict=True
            )
        ]

    def length(self, i: int) -> int:
        """Number of words in sentence i."""
        lo, hi = self.ranges[i]
        return hi - lo


def _anchors(
    src: Sequence[Sequence[str]], tgt: Sequence[Sequence[str]], sim: Similarity
) -> list[tuple[int, int]]:
    """Confident 1:1 pairs in order: sentences sharing a stem found nowhere else, recursively in gaps."""
    src_sets, tgt_sets = [set(s) for s in src], [set(s) for s in tgt]
    found: list[tuple[int, int]] = []
    todo = [(0, len(src), 0, len(tgt))]
    while todo:
        i0, i1, j0, j1 = todo.pop()
        a, b = _unique_stems(src_sets, i0, i1), _unique_stems(tgt_sets, j0, j1)
        candidates = sorted({(a[s], b[s]) for s in a.keys() & b.keys()})
        if candidates:
            scores = sim.pairs([i for i, _ in candidates], [j for _, j in candidates])
            candidates = [c for c, s in zip(candidates, scores, strict=True) if s >= _ANCHOR_SCORE]
        chain = _increasing_chain(candidates)
        found.extend(chain)
        bounds = [(i0 - 1, j0 - 1), *chain, (i1, j1)]
        if chain:
            for (a0, b0), (a1, b1) in zip(bounds, bounds[1:], strict=False):
                if a1 - a0 > 2 and b1 - b0 > 2:
                    todo.append((a0 + 1, a1, b0 + 1, b1))
    return sorted(found)


def _unique_stems(sets: Sequence[set[str]], lo: int, hi: int) -> dict[str, int]:
    """Stems found in exactly one sentence of sets[lo:hi], with that sentence's index."""
    counts = Counter(itertools.chain.from_iterable(sets[lo:hi]))
    unique = {s for s, c in counts.items() if c == 1}
    return {s: lo + k for k, stems in enumerate(sets[lo:hi]) for s in stems & unique}


def _increasing_chain(links: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest chain of links increasing on both sides (patience sorting)."""
    ordered = sorted(links, key=lambda p: (p[0], -p[1]))
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


def _band(anchors: list[tuple[int, int]], n: int, m: int) -> tuple[list[int], list[int]]:
    """For each DP row (source prefix length), the range of target prefix lengths worth searching."""
    points = [(0, 0)]
    for a, b in anchors:
        points += [(a, b), (a + 1, b + 1)]
    points.append((n, m))
    lo, hi = [m] * (n + 1), [0] * (n + 1)
    for (x0, y0), (x1, y1) in zip(points, points[1:], strict=False):
        rows, cols = x1 - x0, y1 - y0
        width = _BAND + cols // max(rows, 1)
        for r in range(x0, x1 + 1):
            a, b = y0 - _MARGIN, y1 + _MARGIN
            if rows * cols > _GAP_CELLS:
                centre = y0 + (r - x0) * cols // rows
                a, b = max(a, centre - width), min(b, centre + width)
            lo[r], hi[r] = min(lo[r], max(a, 0)), max(hi[r], min(b, m))
    return lo, hi


def _path(sim: Similarity, anchors: list[tuple[int, int]], n: int, m: int, step: _Steps) -> list[Group]:
    """The best monotone sequence of groups and skips over the whole documents.

    An anchor inside a diagonal run of anchors, or a strong one whose neighbours share little with
    it, is a sure 1:1 pair; the search runs only in the stretches between such pairs, each in a band
    around the anchors it holds.
    """
    anchor_set = set(anchors)
    fixed = [
        (a, b)
        for a, b in anchors
        if (a - 1, b - 1) in anchor_set and (a + 1, b + 1) in anchor_set or _stands_alone(sim, a, b, n, m)
    ]
    groups: list[Group] = []
    i0 = j0 = 0
    for k, (a, b) in enumerate([*fixed, (n, m)]):
        if k % 500 == 0:
            step(0.3 + 0.5 * i0 / max(n, 1), "Aligning sentences")
        if a > i0 or b > j0:
            lo_k, hi_k = bisect.bisect_left(anchors, (i0, -1)), bisect.bisect_left(anchors, (a, -1))
            inside = [(x - i0, y - j0) for x, y in anchors[lo_k:hi_k] if j0 <= y < b]
            groups += _search(sim, i0, a, j0, b, inside)
        if a < n:
            groups.append(((a,), (b,)))
        i0, j0 = a + 1, b + 1
    return groups


def _stands_alone(sim: Similarity, a: int, b: int, n: int, m: int) -> bool:
    """Whether a 1:1 pair is strong and its neighbours share too little with it to join a group."""
    if sim.group((a,), (b,)) < _SURE_SCORE:
        return False
    near = [((x,), (b,)) for x in (a - 1, a + 1) if 0 <= x < n] + [
        ((a,), (y,)) for y in (b - 1, b + 1) if 0 <= y < m
    ]
    return all(sim.group(x, y) < _NEIGHBOUR_SCORE for x, y in near)


def _search(
    sim: Similarity, i0: int, i1: int, j0: int, j1: int, anchors: list[tuple[int, int]]
) -> list[Group]:
    """The best monotone groups and skips for source[i0:i1] and target[j0:j1], inside a band.

    A group's gain is its weighted overlap beyond the threshold, (Dice - THRESHOLD) * mass, less
    GROUP_PENALTY per sentence beyond 1:1; a skipped sentence gains nothing.
    """
    n, m = i1 - i0, j1 - j0
    lo, hi = _band(anchors, n, m)
    src_mass, tgt_mass = sim.masses("source")[i0:i1], sim.masses("target")[j0:j1]
    overlap: dict[tuple[int, int], float] = {}

    def shared(x: int, y: int) -> float:
        """Weighted words sentence x shares with sentence y (local indices), cached."""
        v = overlap.get((x, y))
        if v is None:
            v = overlap[x, y] = sim.group((i0 + x,), (j0 + y,)) * (src_mass[x] + tgt_mass[y]) / 2
        return v

    def group_gain(i: int, j: int, a: int, b: int, need: float) -> float:
        """Gain of source[i-a:i] with target[j-b:j], or -inf when it cannot exceed need."""
        xs, ys = range(i - a, i), range(j - b, j)
        links = [[shared(x, y) for y in ys] for x in xs]
        # Every sentence of a group must share something with the other side.
        if not all(any(r) for r in links) or not all(any(c) for c in zip(*links, strict=True)):
            return _NEG
        mass = sum(src_mass[x] for x in xs) + sum(tgt_mass[y] for y in ys)
        cost = THRESHOLD * mass + GROUP_PENALTY * (a + b - 2)
        if 2 * sum(map(sum, links)) - cost <= need:  # overlaps of the parts bound the whole's
            return _NEG
        return _gain(sim, range(i0 + i - a, i0 + i), range(j0 + j - b, j0 + j))

    score: list[list[float]] = []
    back: list[list[int]] = []
    for i in range(n + 1):
        li, hi_i = lo[i], hi[i]
        row = [_NEG] * (hi_i - li + 1)
        brow = [-1] * (hi_i - li + 1)
        for j in range(li, hi_i + 1):
            best, best_k = (0.0, -1) if i == 0 and j == 0 else (_NEG, -1)
            for k, (a, b) in enumerate(_STEPS):
                pi, pj = i - a, j - b
                if pi < 0 or pj < lo[pi] or pj > hi[pi]:
                    continue
                prev = row[pj - li] if a == 0 else score[pi][pj - lo[pi]]
                if prev == _NEG:
                    continue
                if a == 0 or b == 0:
                    total = prev
                elif a == 1 and b == 1:
                    x, y = i - 1, j - 1
                    total = prev + 2 * shared(x, y) - THRESHOLD * (src_mass[x] + tgt_mass[y])
                else:
                    total = prev + group_gain(i, j, a, b, best - prev)
                if total > best:
                    best, best_k = total, k
            row[j - li], brow[j - li] = best, best_k
        score.append(row)
        back.append(brow)
    groups: list[Group] = []
    i, j = n, m
    while i or j:
        a, b = _STEPS[back[i][j - lo[i]]]
        groups.append((tuple(range(i0 + i - a, i0 + i)), tuple(range(j0 + j - b, j0 + j))))
        i, j = i - a, j - b
    return groups[::-1]


def _fill_gaps(groups: list[Group], src: _Side, tgt: _Side) -> list[Group]:
    """Pair a lone unmatched sentence on each side between two matched groups: a free rewording."""
    out = list(groups)
    for k in range(1, len(groups) - 2):
        before, x, y, after = groups[k - 1 : k + 3]
        if not (before[0] and before[1] and after[0] and after[1]):
            continue
        if x[0] and not x[1] and y[1] and not y[0]:
            i, j = x[0][0], y[1][0]
        elif x[1] and not x[0] and y[0] and not y[1]:
            i, j = y[0][0], x[1][0]
        else:
            continue
        a, b = src.length(i), tgt.length(j)
        if a and b and max(a, b) <= _GAP_LENGTH_RATIO * min(a, b):
            out[k], out[k + 1] = ((i,), (j,)), ((), ())
    return [g for g in out if g[0] or g[1]]


def _gain(sim: Similarity, src: Sequence[int], tgt: Sequence[int]) -> float:
    """What pairing two groups is worth: (Dice - THRESHOLD) * mass, less GROUP_PENALTY per extra sentence."""
    mass = sum(sim.masses("source")[i] for i in src) + sum(sim.masses("target")[j] for j in tgt)
    return (sim.group(src, tgt) - THRESHOLD) * mass - GROUP_PENALTY * (len(src) + len(tgt) - 2)


def _pair_moves(
    sim: Similarity,
    src_stems: Sequence[Sequence[str]],
    tgt_stems: Sequence[Sequence[str]],
    groups: list[Group],
) -> list[Group]:
    """Groups of sentences left unmatched in place that match each other elsewhere: moved text.

    Each unmatched paraphrase sentence is paired with the unmatched original sentence it resembles
    most; a pair then takes in unmatched neighbours on either side while that pays (a moved sentence
    that was also split or merged).
    """
    deleted = [g[0][0] for g in groups if not g[1]]
    added = [g[1][0] for g in groups if not g[0]]
    holders: dict[str, list[int]] = defaultdict(list)
    for i in deleted:
        for s in set(src_stems[i]):
            holders[s].append(i)
    candidates = sorted(
        {
            (i, j)
            for j in added
            for s in set(tgt_stems[j])
            for i in holders.get(s, ())
            if len(holders[s]) <= _MOVE_FANOUT
        }
    )
    scores = sim.pairs([i for i, _ in candidates], [j for _, j in candidates])
    ranked = sorted(
        (-s, i, j) for (i, j), s in zip(candidates, scores.tolist(), strict=True) if s >= MOVE_THRESHOLD
    )
    free_src, free_tgt = set(deleted), set(added)
    moved: list[Group] = []
    for _, i, j in ranked:
        if i in free_src and j in free_tgt:
            free_src.discard(i)
            free_tgt.discard(j)
            moved.append(_grow(sim, [i], [j], free_src, free_tgt))
    return moved


def _grow(sim: Similarity, src: list[int], tgt: list[int], free_src: set[int], free_tgt: set[int]) -> Group:
    """Extend a moved pair with free neighbouring sentences while each one raises its gain."""
    best = _gain(sim, src, tgt)
    while len(src) < 3 and len(tgt) < 3:
        options = [
            (s, t, taken)
            for s, t, taken in (
                ([src[0] - 1, *src], tgt, ("source", src[0] - 1)),
                ([*src, src[-1] + 1], tgt, ("source", src[-1] + 1)),
                (src, [tgt[0] - 1, *tgt], ("target", tgt[0] - 1)),
                (src, [*tgt, tgt[-1] + 1], ("target", tgt[-1] + 1)),
            )
            if taken[1] in (free_src if taken[0] == "source" else free_tgt)
        ]
        scored = [(_gain(sim, s, t), s, t, taken) for s, t, taken in options]
        gain, s, t, (side, k) = max(scored, default=(best, src, tgt, ("", -1)), key=lambda x: x[0])
        if gain <= best:
            break
        best, src, tgt = gain, s, t
        (free_src if side == "source" else free_tgt).discard(k)
    return tuple(src), tuple(tgt)


def _in_order(groups: list[Group], moved: list[Group]) -> list[tuple[Group, bool]]:
    """Groups in reading order of the paraphrase, each moved group where its paraphrase now stands."""
    at_target = {g[1][0]: g for g in moved}
    used_src = {i for g in moved for i in g[0]}
    used_tgt = {j for g in moved for j in g[1]}
    out: list[tuple[Group, bool]] = []
    for src, tgt in groups:
        if not tgt and src[0] in used_src:
            continue
        if not src and tgt[0] in used_tgt:
            if tgt[0] in at_target:
                out.append((at_target[tgt[0]], True))
            continue
        out.append(((src, tgt), False))
    return out


def _pair(group: Group, moved: bool, sim: Similarity, src: _Side, tgt: _Side, grader: Grader) -> Pair:
    """A pair with its kind, score and word changes."""
    si, ti = group
    if not ti:
        return Pair(si, ti, Kind.DELETED, False, 0.0)
    if not si:
        return Pair(si, ti, Kind.ADDED, False, 0.0)
    s_lo, s_hi = src.ranges[si[0]][0], src.ranges[si[-1]][1]
    t_lo, t_hi = tgt.ranges[ti[0]][0], tgt.ranges[ti[-1]][1]
    changes = diff_range(
        src.words, s_lo, s_hi, tgt.words, t_lo, t_hi, src.sentences[si[0]].start, tgt.sentences[ti[0]].start,
        grader,
    )
    same = all(c.op is Op.EQUAL for c in changes)  # the same words, case and punctuation
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
    score = 1.0 if same else round(sim.group(si, ti), 4)
    return Pair(si, ti, kind, moved, score, changes)
