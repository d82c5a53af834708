"""Word-level changes inside a pair, from rapidfuzz's difflib-style opcodes over normalised words."""

from __future__ import annotations

from collections.abc import Sequence

from rapidfuzz.distance import Indel

from alignment.model import Change, Op, Span
from alignment.tokens import Words, text_words

_OPS = {op.value: op for op in Op}


def diff_range(
    source: Words, s_lo: int, s_hi: int, target: Words, t_lo: int, t_hi: int, source_at: int, target_at: int
) -> tuple[Change, ...]:
    """Changes turning source words [s_lo, s_hi) into target words [t_lo, t_hi), with character spans.

    The longest run of equal words is kept (rapidfuzz's Indel opcodes, difflib-style), and a removal
    beside an addition becomes one replacement.

    ``source_at`` and ``target_at`` are where an empty span goes when a side has no words at all.
    """
    src_norms, tgt_norms = source.norms[s_lo:s_hi], target.norms[t_lo:t_hi]
    if src_norms == tgt_norms and s_hi > s_lo:
        return (
            Change(
                Op.EQUAL,
                (source.starts[s_lo], source.ends[s_hi - 1]),
                (target.starts[t_lo], target.ends[t_hi - 1]),
            ),
        )
    s_starts, s_ends, t_starts, t_ends = source.starts, source.ends, target.starts, target.ends
    changes: list[Change] = []
    for tag, a1, a2, b1, b2 in Indel.opcodes(src_norms, tgt_norms).as_list():
        a1, a2, b1, b2 = a1 + s_lo, a2 + s_lo, b1 + t_lo, b2 + t_lo
        src = _span(s_starts, s_ends, s_lo, a1, a2, source_at)
        tgt = _span(t_starts, t_ends, t_lo, b1, b2, target_at)
        # Indel keeps as many words equal as possible; a removal beside an addition is a replacement.
        if changes and tag != "equal" and changes[-1].op in (Op.DELETE, Op.INSERT) and changes[-1].op != tag:
            prev = changes[-1]
            changes[-1] = Change(Op.REPLACE, _union(prev.source, src), _union(prev.target, tgt))
        else:
            changes.append(Change(_OPS[tag], src, tgt))
    return tuple(changes)


def diff_words(
    source_text: str, source: Sequence[Span], target_text: str, target: Sequence[Span]
) -> tuple[Change, ...]:
    """Changes between the words of some spans of the source text and some spans of the target text."""
    a, b = _words_of(source_text, source), _words_of(target_text, target)
    return diff_range(
        a, 0, len(a.norms), b, 0, len(b.norms), source[0][0] if source else 0, target[0][0] if target else 0
    )


def _words_of(text: str, spans: Sequence[Span]) -> Words:
    """The words of several spans of one text, as one list."""
    parts = [text_words(text, s, e) for s, e in spans]
    return Words(
        [x for w in parts for x in w.starts],
        [x for w in parts for x in w.ends],
        [x for w in parts for x in w.norms],
    )


def _span(starts: list[int], ends: list[int], first: int, lo: int, hi: int, empty_at: int) -> Span:
    """Characters of words [lo, hi); for none, an empty span just after the previous word of the range."""
    if hi > lo:
        return starts[lo], ends[hi - 1]
    at = ends[lo - 1] if lo > first else empty_at
    return at, at


def _union(a: Span, b: Span) -> Span:
    """The smallest span covering two spans, ignoring an empty one."""
    if a[0] == a[1]:
        return b
    if b[0] == b[1]:
        return a
    return min(a[0], b[0]), max(a[1], b[1])
