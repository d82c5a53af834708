"""Reading order of pairs and mapping a position on one side to the matching position on the other."""

from __future__ import annotations

from collections.abc import Callable, Collection

from alignment.model import Alignment, Kind, Pair, Side
from viewer.focus import FOCUS_LABELS, Focus, visits


def other_side(side: Side) -> Side:
    """The side opposite to one side."""
    return "target" if side == "source" else "source"


def reading_order(alignment: Alignment) -> list[int]:
    """Pair indices in the order an editor meets them: by the original, added ones where they stand."""
    keys: list[tuple[float, int]] = []
    anchor = 0.0
    for j in range(len(alignment.target_sentences)):
        k = alignment.pair_of("target", j)
        pair = alignment.pairs[k]
        if pair.source:
            anchor = float(pair.source[0])
        elif pair.target[0] == j:
            # Added text sorts right after the original sentence its predecessor came from.
            keys.append((anchor + 0.5 + j * 1e-7, k))
    keys.extend((float(p.source[0]), k) for k, p in enumerate(alignment.pairs) if p.source)
    return [k for _, k in sorted(keys)]


def _is_unmatched(pair: Pair) -> bool:
    """Whether a pair is a dropped or added sentence."""
    return pair.kind in (Kind.DELETED, Kind.ADDED)


def _step(
    alignment: Alignment, current: int | None, forward: bool, wanted: Callable[[int], bool]
) -> int | None:
    """The next (or previous) pair index in reading order that is wanted, None past the end."""
    order = reading_order(alignment)
    start = (-1 if forward else len(order)) if current is None else order.index(current)
    indices = range(start + 1, len(order)) if forward else range(start - 1, -1, -1)
    return next((order[i] for i in indices if wanted(order[i])), None)


def next_change(
    alignment: Alignment, current: int | None, forward: bool = True, focus: Focus = Focus.ALL
) -> int | None:
    """The next (or previous) pair after the current one that matters in a focus mode."""
    return _step(alignment, current, forward, lambda k: visits(alignment.pairs[k], focus))


def change_message(alignment: Alignment, found: int | None, current: int | None, forward: bool,
                   focus: Focus) -> str:  # fmt: skip
    """What the status bar says after next/previous change: where we are, or that there is no more."""
    order = [k for k in reading_order(alignment) if visits(alignment.pairs[k], focus)]
    scope = "" if focus is Focus.ALL else f" ({FOCUS_LABELS[focus].lower()})"
    if not order:
        return f"No change to go to{scope}"
    if found is None:
        at = f" (change {order.index(current) + 1} of {len(order)})" if current in order else ""
        end, beyond = ("Last", "after") if forward else ("First", "before")
        return f"{end} change reached{at}{scope}: no change {beyond} it"
    return f"Change {order.index(found) + 1} of {len(order)}{scope}"


def next_unmatched(alignment: Alignment, current: int | None, forward: bool = True) -> int | None:
    """The next (or previous) dropped or added sentence after the current one."""
    return _step(alignment, current, forward, lambda k: _is_unmatched(alignment.pairs[k]))


def next_flagged(
    alignment: Alignment, flagged: Collection[int], current: int | None, forward: bool = True
) -> int | None:
    """The next (or previous) pair some check points at after the current one."""
    return _step(alignment, current, forward, flagged.__contains__)


def partner_offset(alignment: Alignment, side: Side, offset: int) -> int:
    """The offset on the other side that corresponds to an offset on one side."""
    other = other_side(side)
    k = alignment.sentence_at(side, offset)
    if k is None:
        return 0
    # Walk back to the nearest sentence whose pair reaches the other side.
    j = k
    while j >= 0 and alignment.span(other, alignment.pair_of(side, j)) is None:
        j -= 1
    if j < 0:
        return 0
    pair = alignment.pair_of(side, j)
    own = alignment.span(side, pair)
    theirs = alignment.span(other, pair)
    assert own is not None and theirs is not None
    if j != k:
        return theirs[1]
    fraction = min(max((offset - own[0]) / max(1, own[1] - own[0]), 0.0), 1.0)
    return theirs[0] + round(fraction * (theirs[1] - theirs[0]))


def gap_offset(alignment: Alignment, side: Side, pair: int) -> int | None:
    """Where a pair with nothing on one side would stand there: after what came before it, else None."""
    other = other_side(side)
    if alignment.span(side, pair) is not None:
        return None
    span = alignment.span(other, pair)
    return None if span is None else partner_offset(alignment, other, span[0])


def gap_marks(alignment: Alignment, side: Side) -> list[tuple[int, int]]:
    """(offset, pair) of every gap on one side: each pair the other side has alone, in text order."""
    gaps = []
    for k, pair in enumerate(alignment.pairs):
        if not (pair.target if side == "target" else pair.source):
            at = gap_offset(alignment, side, k)
            if at is not None:
                gaps.append((at, k))
    return sorted(gaps)
