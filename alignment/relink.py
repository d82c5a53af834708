"""Following an editor's links: only the stretch of pairs around the changed links is aligned again.

A link changes the pairs near it, not a book's far chapters.  The stretch is the run of pairs holding
the changed links' sentences, widened by some context and closed (no pair outside it has a sentence
inside it); :func:`alignment.align` aligns that stretch's text with its links, and its pairs, word
changes and checks are spliced back in place.  A stretch too large to gain anything, or one whose
text splits into other sentences on its own, is aligned whole instead.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from alignment.align import align
from alignment.checks import SEVERITIES, run_checks
from alignment.documents import document_from_text
from alignment.model import Alignment, Changes, Check, Document, IsCancelled, Pair, Progress, Side
from alignment.review import PairKey, pair_key
from alignment.segment import SplitMode

CONTEXT_PAIRS = 8
"""Pairs kept on each side of the changed links, so that the stretch's words weigh much as in the whole."""
LOCAL_LIMIT = 600
"""A stretch of more pairs is aligned whole: splicing would save little and see less."""


@dataclass(frozen=True)
class Stretch:
    """Where a local re-alignment went: pairs ``first:old_end`` were replaced by ``first:new_end``."""

    first: int
    old_end: int
    new_end: int
    source_start: int
    target_start: int
    part: Alignment
    """The stretch aligned on its own, in its own indices and offsets."""


@dataclass(frozen=True)
class Relinked:
    """The alignment following the links, and the stretch re-aligned (None when aligned whole)."""

    alignment: Alignment
    stretch: Stretch | None


def manual_links(alignment: Alignment) -> set[PairKey]:
    """The links an alignment follows now: its manual pairs."""
    return {pair_key(p) for p in alignment.pairs if p.manual}


def relink(
    alignment: Alignment,
    links: Iterable[PairKey],
    *,
    split: SplitMode = "sentences",
    progress: Progress | None = None,
    cancelled: IsCancelled | None = None,
) -> Relinked:
    """The alignment made to follow a new set of links, aligning again only around the changed ones."""
    wanted = tuple(links)
    changed = set(wanted) ^ manual_links(alignment)
    if not changed:
        return Relinked(alignment, None)
    bounds = _stretch(alignment, changed)
    if bounds is not None:
        done = _local(alignment, wanted, bounds, split, progress, cancelled)
        if done is not None:
            return done
    whole = align(alignment.source, alignment.target, split=split, links=wanted, progress=progress,
                  cancelled=cancelled)  # fmt: skip
    return Relinked(whole, None)


def _stretch(alignment: Alignment, changed: set[PairKey]) -> tuple[int, int] | None:
    """The closed run of pairs ``[lo, hi)`` around the changed links, None when it is too long."""
    held = {alignment.pair_of("source", i) for k in changed for i in k[0]}
    held |= {alignment.pair_of("target", j) for k in changed for j in k[1]}
    n = len(alignment.pairs)
    lo, hi = max(0, min(held) - CONTEXT_PAIRS), min(n, max(held) + CONTEXT_PAIRS + 1)
    while hi - lo <= LOCAL_LIMIT:
        ranges = _ranges(alignment.pairs[lo:hi])
        if ranges is None:  # one side has no sentence here: widen until both have
            if lo == 0 and hi == n:
                return None
            lo, hi = max(0, lo - 1), min(n, hi + 1)
            continue
        (i0, i1), (j0, j1) = ranges
        inside = {alignment.pair_of("source", i) for i in range(i0, i1)}
        inside |= {alignment.pair_of("target", j) for j in range(j0, j1)}
        new_lo, new_hi = min(lo, *inside), max(hi - 1, *inside) + 1
        if (new_lo, new_hi) == (lo, hi):
            return lo, hi
        lo, hi = new_lo, new_hi
    return None


def _ranges(pairs: Iterable[Pair]) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """The sentence ranges a run of pairs spans on both sides, None when one side has none."""
    src = [i for p in pairs for i in p.source]
    tgt = [j for p in pairs for j in p.target]
    if not src or not tgt:
        return None
    return (min(src), max(src) + 1), (min(tgt), max(tgt) + 1)


def _part(doc: Document, alignment: Alignment, side: Side, lo: int, hi: int) -> tuple[Document, int]:
    """The text of sentences lo..hi-1 of one side as a document of its own, and where it starts."""
    sents = alignment.sentences(side)
    start, end = sents[lo].start, sents[hi - 1].end
    return document_from_text(doc.text[start:end], doc.path, doc.format, doc.encoding), start


def _local(
    alignment: Alignment,
    links: tuple[PairKey, ...],
    bounds: tuple[int, int],
    split: SplitMode,
    progress: Progress | None,
    cancelled: IsCancelled | None,
) -> Relinked | None:
    """Align the stretch of pairs on its own and splice it in; None when it cannot stand alone."""
    lo, hi = bounds
    ranges = _ranges(alignment.pairs[lo:hi])
    assert ranges is not None
    (i0, i1), (j0, j1) = ranges
    inner = []
    for src, tgt in links:
        ins = [i0 <= i < i1 for i in src] + [j0 <= j < j1 for j in tgt]
        if all(ins):
            inner.append((tuple(i - i0 for i in src), tuple(j - j0 for j in tgt)))
        elif any(ins):
            return None
    source, s_off = _part(alignment.source, alignment, "source", i0, i1)
    target, t_off = _part(alignment.target, alignment, "target", j0, j1)
    part = align(source, target, split=split, links=inner, progress=progress, cancelled=cancelled)
    if not (_same_sentences(part, alignment, "source", i0, i1, s_off)
            and _same_sentences(part, alignment, "target", j0, j1, t_off)):  # fmt: skip
        return None
    spliced = tuple(_shifted(p, i0, j0, s_off, t_off) for p in part.pairs)
    pairs = alignment.pairs[:lo] + spliced + alignment.pairs[hi:]
    out = Alignment(
        alignment.source, alignment.target, alignment.source_sentences, alignment.target_sentences, pairs
    )
    return Relinked(out, Stretch(lo, hi, lo + len(spliced), s_off, t_off, part))


def _same_sentences(part: Alignment, whole: Alignment, side: Side, lo: int, hi: int, offset: int) -> bool:
    """Whether the stretch's text split into the very sentences it has in the whole document."""
    mine = [(s.start + offset, s.end + offset) for s in part.sentences(side)]
    return mine == [(s.start, s.end) for s in whole.sentences(side)[lo:hi]]


def _shifted(pair: Pair, i0: int, j0: int, s_off: int, t_off: int) -> Pair:
    """A pair of the stretch in the whole documents' indices and offsets."""
    return replace(
        pair,
        source=tuple(i + i0 for i in pair.source),
        target=tuple(j + j0 for j in pair.target),
        changes=Changes.of(pair.changes).shifted(s_off, t_off),
    )


def relinked_checks(relinked: Relinked, old: list[Check]) -> list[Check]:
    """The checks after a re-alignment: the stretch's own checked again, the others kept (renumbered)."""
    stretch = relinked.stretch
    if stretch is None:
        return run_checks(relinked.alignment)
    shift = stretch.new_end - stretch.old_end
    kept = [c for c in old if c.pair < stretch.first] + [
        _moved_check(c, shift, 0, 0) for c in old if c.pair >= stretch.old_end
    ]
    fresh = [
        _moved_check(c, stretch.first, stretch.source_start, stretch.target_start)
        for c in run_checks(stretch.part)
    ]
    return sorted(kept + fresh, key=lambda c: (SEVERITIES.index(c.severity), c.pair))


def _moved_check(check: Check, pair_shift: int, s_off: int, t_off: int) -> Check:
    """A check with its pair index and spans moved."""
    src = (check.source[0] + s_off, check.source[1] + s_off) if check.source else None
    tgt = (check.target[0] + t_off, check.target[1] + t_off) if check.target else None
    return replace(check, source=src, target=tgt, pair=check.pair + pair_shift)
