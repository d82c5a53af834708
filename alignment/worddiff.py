"""Word-level changes inside a pair, from rapidfuzz's difflib-style opcodes over light word forms, graded."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from rapidfuzz.distance import Indel

from alignment.grades import Grader
from alignment.model import Change, Grade, Op, Span
from alignment.tokens import Lexicon, Words, text_words

_OPS = {op.value: op for op in Op}
_NO_LEXICON = Lexicon()
"""English stems and function words, for changes graded without the alignment's own lexicon."""

Range = tuple[Op, int, int, int, int]
"""An operation on source words [a1, a2) and target words [b1, b2)."""


def diff_range(
    source: Words, s_lo: int, s_hi: int, target: Words, t_lo: int, t_hi: int, source_at: int, target_at: int,
    grader: Grader | None = None,
) -> tuple[Change, ...]:  # fmt: skip
    """Changes turning source words [s_lo, s_hi) into target words [t_lo, t_hi), with character spans.

    The ranges are :func:`word_ranges`; each change is graded by ``grader`` (form or meaning only
    without one). ``source_at`` and ``target_at`` are where an empty span goes when a side has no
    words at all.
    """
    ranges = word_ranges(source, s_lo, s_hi, target, t_lo, t_hi)
    grades = (grader or Grader(_NO_LEXICON)).grade(source, target, ranges, (s_lo, t_lo))
    return word_changes(source, s_lo, target, t_lo, ranges, grades, source_at, target_at)


def word_ranges(source: Words, s_lo: int, s_hi: int, target: Words, t_lo: int, t_hi: int) -> list[Range]:
    """The operations turning source words [s_lo, s_hi) into target words [t_lo, t_hi).

    Words are compared by their light forms (case counts). The longest run of equal words is kept
    (rapidfuzz's Indel opcodes, difflib-style), a removal beside an addition becomes one replacement,
    and an equal word whose punctuation differs ("Stop." → "Stop?") becomes a replacement of its own.
    """
    if (
        s_hi > s_lo
        and source.forms[s_lo:s_hi] == target.forms[t_lo:t_hi]
        and source.gaps[s_lo + 1 : s_hi] == target.gaps[t_lo + 1 : t_hi]
        and source.opens(s_lo) == target.opens(t_lo)
        and source.closes(s_hi - 1) == target.closes(t_hi - 1)
    ):
        return [(Op.EQUAL, s_lo, s_hi, t_lo, t_hi)]
    ranges: list[Range] = []
    opcodes = Indel.opcodes(source.forms[s_lo:s_hi], target.forms[t_lo:t_hi]).as_list()
    for tag, a1, a2, b1, b2 in opcodes:
        op = _OPS[tag]
        # Indel keeps as many words equal as possible; a removal beside an addition is a replacement.
        if ranges and op is not Op.EQUAL and ranges[-1][0] in (Op.DELETE, Op.INSERT) and ranges[-1][0] != op:
            _, p1, _, q1, _ = ranges[-1]
            ranges[-1] = (Op.REPLACE, p1, a2 + s_lo, q1, b2 + t_lo)
        elif op is Op.EQUAL:
            ranges += _punctuation_changes(source, a1 + s_lo, a2 + s_lo, s_hi, target, b1 + t_lo, t_hi)
        else:
            ranges.append((op, a1 + s_lo, a2 + s_lo, b1 + t_lo, b2 + t_lo))
    return ranges


def word_changes(
    source: Words, s_lo: int, target: Words, t_lo: int, ranges: Sequence[Range],
    grades: Sequence[Grade | None], source_at: int, target_at: int,
) -> tuple[Change, ...]:  # fmt: skip
    """The ranges of :func:`word_ranges` from words [s_lo, ...) and [t_lo, ...) as graded changes.

    A side without words takes an empty span just after the previous word of the range, or at
    ``source_at`` / ``target_at`` when the range has none before it.
    """
    s_starts, s_ends, t_starts, t_ends = source.starts, source.ends, target.starts, target.ends
    out = []
    for (op, a1, a2, b1, b2), grade in zip(ranges, grades, strict=True):
        if a2 > a1:
            s_span = s_starts[a1], s_ends[a2 - 1]
        else:
            at = s_ends[a1 - 1] if a1 > s_lo else source_at
            s_span = at, at
        if b2 > b1:
            t_span = t_starts[b1], t_ends[b2 - 1]
        else:
            at = t_ends[b1 - 1] if b1 > t_lo else target_at
            t_span = at, at
        out.append(Change(op, s_span, t_span, grade))
    return tuple(out)


def changed_norms(source: Words, target: Words, ranges: Iterable[Range]) -> Iterator[str]:
    """The heavy normal forms of the words that ranges change, on both sides."""
    for op, a1, a2, b1, b2 in ranges:
        if op is not Op.EQUAL:
            yield from source.norms[a1:a2]
            yield from target.norms[b1:b2]


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
    if first and last and inner_s == inner_t:
        return [(Op.EQUAL, a1, a2, b1, b2)]
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
