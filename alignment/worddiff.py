"""Word-level changes inside pairs, from rapidfuzz's difflib-style opcodes over light word forms, graded."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial

from rapidfuzz.distance import Indel

from alignment.grades import Grader
from alignment.model import Change, Grade, Op, Span
from alignment.tokens import Lexicon, Words, text_words

_OPS = {op.value: op for op in Op}
_EQUAL, _REPLACE, _DELETE, _INSERT = Op.EQUAL, Op.REPLACE, Op.DELETE, Op.INSERT
_NO_LEXICON = Lexicon()
"""English stems and function words, for changes graded without the alignment's own lexicon."""
_POLL_EVERY = 256
"""Pairs diffed between cancel polls."""
_RANGES, _GRADES = 0.4, 0.4
"""The shares of the work that finding the ranges and grading them take (the rest: their spans)."""
_change = partial(tuple.__new__, Change)
"""A Change from its four fields as one tuple, without the named tuple's Python-level constructor
(a book has hundreds of thousands of changes)."""

Range = tuple[Op, int, int, int, int]
"""An operation on source words [a1, a2) and target words [b1, b2)."""
Bounds = tuple[int, int, int, int, int, int]
"""A pair's source words [s_lo, s_hi) and target words [t_lo, t_hi), then where an empty span goes
on each side when the pair has no word before it (its sentences' starts)."""


def diff_pairs(
    source: Words, target: Words, pairs: Sequence[Bounds], grader: Grader,
    poll: Callable[[float], object] = lambda _: None,
) -> list[tuple[Change, ...]]:  # fmt: skip
    """The graded changes of each pair's words, with character spans; ``poll`` is called now and then
    with the fraction done (to report progress and let a cancel through)."""
    ranges: list[list[Range]] = []
    for k, (s_lo, s_hi, t_lo, t_hi, _, _) in enumerate(pairs):
        if k % _POLL_EVERY == 0:
            poll(_RANGES * k / len(pairs))
        ranges.append(word_ranges(source, s_lo, s_hi, target, t_lo, t_hi))
    grades = grader.grade(
        source, target, [(r, (b[0], b[2])) for r, b in zip(ranges, pairs, strict=True)],
        lambda done: poll(_RANGES + _GRADES * done),
    )  # fmt: skip
    poll(_RANGES + _GRADES)
    return [word_changes(source, target, *each) for each in zip(pairs, ranges, grades, strict=True)]


def diff_range(
    source: Words, s_lo: int, s_hi: int, target: Words, t_lo: int, t_hi: int, source_at: int, target_at: int,
    grader: Grader | None = None,
) -> tuple[Change, ...]:  # fmt: skip
    """Changes turning source words [s_lo, s_hi) into target words [t_lo, t_hi), with character spans.

    The ranges are :func:`word_ranges`; each change is graded by ``grader`` (form or meaning only
    without one). ``source_at`` and ``target_at`` are where an empty span goes when a side has no
    words at all.
    """
    bounds = (s_lo, s_hi, t_lo, t_hi, source_at, target_at)
    return diff_pairs(source, target, [bounds], grader or Grader(_NO_LEXICON))[0]


def word_ranges(source: Words, s_lo: int, s_hi: int, target: Words, t_lo: int, t_hi: int) -> list[Range]:
    """The operations turning source words [s_lo, s_hi) into target words [t_lo, t_hi).

    Words are compared by their light forms (case counts). The longest run of equal words is kept
    (rapidfuzz's Indel opcodes, difflib-style), a removal beside an addition becomes one replacement,
    and an equal word whose punctuation differs ("Stop." → "Stop?") becomes a replacement of its own.
    """
    s_gaps, t_gaps = source.gaps, target.gaps
    ranges: list[Range] = []
    last = None  # the op of the last range
    for tag, a1, a2, b1, b2 in Indel.opcodes(source.forms[s_lo:s_hi], target.forms[t_lo:t_hi]).as_list():
        a1 += s_lo
        a2 += s_lo
        b1 += t_lo
        b2 += t_lo
        if tag == "equal":
            # What closes a side's last word closes the whole range: compared with the other side's last.
            s_end, t_end = a2 == s_hi, b2 == t_hi
            if (
                s_gaps[a1 + 1 : a2] == t_gaps[b1 + 1 : b2]
                and s_gaps[a1][1] == t_gaps[b1][1]
                and ("" if s_end else s_gaps[a2][0]) == ("" if t_end else t_gaps[b2][0])
                and (not (s_end or t_end) or s_gaps[s_hi][0] == t_gaps[t_hi][0])
            ):
                ranges.append((_EQUAL, a1, a2, b1, b2))
                last = _EQUAL
            else:
                ranges += _punctuation_changes(source, a1, a2, s_hi, target, b1, t_hi)
                last = ranges[-1][0]
        else:
            op = _OPS[tag]
            # Indel keeps as many words equal as possible; a removal beside an addition is a replacement.
            if (last is _DELETE or last is _INSERT) and last is not op:
                _, p1, _, q1, _ = ranges[-1]
                ranges[-1] = (_REPLACE, p1, a2, q1, b2)
                last = _REPLACE
            else:
                ranges.append((op, a1, a2, b1, b2))
                last = op
    return ranges


def word_changes(
    source: Words, target: Words, bounds: Bounds, ranges: Sequence[Range], grades: Sequence[Grade | None]
) -> tuple[Change, ...]:
    """The ranges of :func:`word_ranges` of a pair with these bounds as graded changes.

    A side without words takes an empty span just after the previous word of the range, or at
    the bounds' ``source_at`` / ``target_at`` when the range has none before it.
    """
    s_starts, s_ends, t_starts, t_ends = source.starts, source.ends, target.starts, target.ends
    s_lo, _, t_lo, _, source_at, target_at = bounds
    return tuple(
        _change((
            op,
            (s_starts[a1], s_ends[a2 - 1]) if a2 > a1 else _empty(s_ends, a1, s_lo, source_at),
            (t_starts[b1], t_ends[b2 - 1]) if b2 > b1 else _empty(t_ends, b1, t_lo, target_at),
            grade,
        ))
        for (op, a1, a2, b1, b2), grade in zip(ranges, grades, strict=True)
    )  # fmt: skip


def _empty(ends: Sequence[int], i: int, lo: int, at: int) -> Span:
    """The empty span where word i would stand: just after the word before, if the range has one."""
    if i > lo:
        at = ends[i - 1]
    return at, at


def _punctuation_changes(
    source: Words, a1: int, a2: int, s_hi: int, target: Words, b1: int, t_hi: int
) -> list[Range]:
    """An equal run of words, split where a word's punctuation differs into one-word replacements.

    What closes the last word of a side closes the whole range ("mat." → "mat today."): it is
    compared with what closes the other side's last word, wherever that stands.
    """
    b2 = b1 + a2 - a1
    ends = source.closes(s_hi - 1), target.closes(t_hi - 1)

    def same(i: int, j: int) -> bool:
        last_s, last_t = i == s_hi - 1, j == t_hi - 1
        own = ("" if last_s else source.closes(i)) == ("" if last_t else target.closes(j))
        return own and source.opens(i) == target.opens(j) and (ends[0] == ends[1] or not (last_s or last_t))

    inner_s, inner_t = source.gaps[a1 + 1 : a2], target.gaps[b1 + 1 : b2]
    first, last = same(a1, b1), same(a2 - 1, b2 - 1)
    # Only the first and last words can be a side's last; the others differ where a gap does:
    # what closes the word before it, or what opens the word after it.
    differ = set() if first else {a1}
    if not last:
        differ.add(a2 - 1)
    for k, gap_s, gap_t in zip(range(a1, a2 - 1), inner_s, inner_t, strict=True):
        if gap_s != gap_t:
            if gap_s[0] != gap_t[0]:
                differ.add(k)
            if gap_s[1] != gap_t[1]:
                differ.add(k + 1)
    out: list[Range] = []
    start = a1
    for i in sorted(differ):
        j = b1 + i - a1
        if i > start:
            out.append((Op.EQUAL, start, i, b1 + start - a1, j))
        out.append((Op.REPLACE, i, i + 1, j, j + 1))
        start = i + 1
    if a2 > start:
        out.append((Op.EQUAL, start, a2, b1 + start - a1, b2))
    return out


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
        [x for w in parts for x in w.forms],
        [g for w in parts for g in w.gaps[:-1]] + [parts[-1].gaps[-1] if parts else ("", "")],
    )
