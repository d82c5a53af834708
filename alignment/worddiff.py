"""Word-level changes inside pairs, from rapidfuzz's difflib-style opcodes over light word forms, graded."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from itertools import chain, pairwise
from operator import ne

import numpy as np
from rapidfuzz.distance import Indel

from alignment.grades import Grader
from alignment.model import Change, Grade, Op, Span
from alignment.tokens import Lexicon, Words, text_words

_BY_CODE = (Op.EQUAL, Op.REPLACE, Op.DELETE, Op.INSERT)
_EQUAL, _REPLACE, _DELETE, _INSERT, _NONE = range(5)
"""Codes of the ops in the columns of :class:`WordRanges` (their indices in _BY_CODE), and of none."""
_NO_LEXICON = Lexicon()
"""English stems and function words, for changes graded without the alignment's own lexicon."""
_POLL_EVERY = 256
"""Pairs diffed between cancel polls."""
_RANGES, _GRADES = 0.4, 0.4
"""The shares of the work that finding the ranges and grading them take (the rest: their spans)."""
_change = partial(tuple.__new__, Change)
"""A Change from its four fields as one tuple, without the named tuple's Python-level constructor
(a book has hundreds of thousands of changes)."""

Bounds = tuple[int, int, int, int, int, int]
"""A pair's source words [s_lo, s_hi) and target words [t_lo, t_hi), then where an empty span goes
on each side when the pair has no word before it (its sentences' starts)."""


@dataclass(frozen=True)
class WordRanges:
    """The ranges of many pairs, pair after pair, as columns: the op's code (its index in _BY_CODE),
    source words [a1, a2), target words [b1, b2); ``starts``: where each pair's ranges start, and
    their end."""

    ops: np.ndarray
    a1: np.ndarray
    a2: np.ndarray
    b1: np.ndarray
    b2: np.ndarray
    starts: list[int]

    def pairs(self) -> np.ndarray:
        """The index of each range's pair."""
        return np.repeat(np.arange(len(self.starts) - 1), np.diff(self.starts))


def diff_pairs(
    source: Words, target: Words, pairs: Sequence[Bounds], grader: Grader,
    poll: Callable[[float], object] = lambda _: None,
) -> list[tuple[Change, ...]]:  # fmt: skip
    """The graded changes of each pair's words, with character spans; ``poll`` is called now and then
    with the fraction done (to report progress and let a cancel through)."""
    ranges = word_ranges(source, target, pairs, lambda done: poll(_RANGES * done))
    changed = np.flatnonzero(ranges.ops != _EQUAL)
    columns = [c[changed] for c in (ranges.pairs(), ranges.a1, ranges.a2, ranges.b1, ranges.b2)]
    firsts = [(b[0], b[2]) for b in pairs]
    grades = np.full(len(ranges.ops), None, object)
    graded = grader.grade(source, target, firsts, columns, lambda done: poll(_RANGES + _GRADES * done))
    grades[changed] = np.array(graded, dtype=object)  # objects: a Grade is a str numpy would copy out
    poll(_RANGES + _GRADES)
    return word_changes(source, target, pairs, ranges, grades.tolist())


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


def word_ranges(
    source: Words, target: Words, pairs: Sequence[Bounds], poll: Callable[[float], object] = lambda _: None
) -> WordRanges:
    """The operations turning each pair's source words [s_lo, s_hi) into its target words [t_lo, t_hi).

    Words are compared by their light forms (case counts). The longest runs of equal words are kept
    (rapidfuzz's Indel alignment, difflib-style); the words between two runs are removed, added or,
    with words on both sides, one replacement; an equal word whose punctuation differs ("Stop." →
    "Stop?") becomes a replacement of its own. rapidfuzz finds each pair's runs; the rest is numpy
    over all pairs at once.
    """
    s_forms, t_forms = source.forms, target.forms
    blocks = []
    for k in range(0, len(pairs), _POLL_EVERY):
        poll(k / len(pairs))
        blocks += [
            Indel.editops(s_forms[s_lo:s_hi], t_forms[t_lo:t_hi]).as_matching_blocks()
            for s_lo, s_hi, t_lo, t_hi, _, _ in pairs[k : k + _POLL_EVERY]
        ]
    # Each pair's runs of equal words (a, b, size), the last one empty, at the pair's ends.
    of_run = np.repeat(np.arange(len(pairs)), np.fromiter(map(len, blocks), np.int64, len(blocks)))
    found = np.fromiter(chain.from_iterable(chain.from_iterable(blocks)), np.int64).reshape(-1, 3)
    bounds = np.array(pairs, dtype=np.int64).reshape(-1, 6)[of_run]
    a, b, size = found[:, 0] + bounds[:, 0], found[:, 1] + bounds[:, 2], found[:, 2]
    # The words between the run before (or the pair's start) and each run: rapidfuzz's opcodes there
    # are at most one removal and one addition, which make one replacement.
    first = np.ones(len(a), bool)
    first[1:] = of_run[1:] != of_run[:-1]
    a0 = np.where(first, bounds[:, 0], np.roll(a + size, 1))
    b0 = np.where(first, bounds[:, 2], np.roll(b + size, 1))
    removed, added = a > a0, b > b0
    between = np.select([removed & added, removed, added], [_REPLACE, _DELETE, _INSERT], _NONE)
    run_of, *pieces = _equal_pieces(source, target, a, b, size, bounds[:, 1], bounds[:, 3])
    # Each run's ranges: the words before it, if any, then its pieces.
    before = between != _NONE
    counts = np.bincount(run_of, minlength=len(a))
    at = np.cumsum(before + counts) - (before + counts)
    rank = np.arange(len(run_of)) - (np.cumsum(counts) - counts)[run_of]
    columns = [np.empty(before.sum() + len(run_of), np.int64) for _ in range(5)]
    for column, of_before, of_piece in zip(columns, (between, a0, a, b0, b), pieces, strict=True):
        column[at[before]] = of_before[before]
        column[at[run_of] + before[run_of] + rank] = of_piece
    per_pair = np.bincount(of_run, before + counts, minlength=len(pairs)).astype(np.int64)
    return WordRanges(*columns, [0, *np.cumsum(per_pair).tolist()])


def _equal_pieces(
    source: Words, target: Words, a: np.ndarray, b: np.ndarray, size: np.ndarray, s_hi: np.ndarray,
    t_hi: np.ndarray,
) -> tuple[np.ndarray, ...]:  # fmt: skip
    """Runs of equal words a, b of this size in pairs ending at s_hi, t_hi, split where a word's
    punctuation differs into one-word replacements: each piece's run, op code, a1, a2, b1, b2.

    A word differs when what opens it or what closes it does; what closes the last word of a side
    closes the whole range ("mat." → "mat today."): it is compared with what closes the other side's
    last word, wherever that stands.
    """
    runs = np.flatnonzero(size > 0)
    a, b, size, s_hi, t_hi = a[runs], b[runs], size[runs], s_hi[runs], t_hi[runs]
    # The gaps of each run, side by side: before each of its words, and after its last.
    gaps = size + 1
    gap_at = np.cumsum(gaps) - gaps
    offset = np.arange(gaps.sum()) - np.repeat(gap_at, gaps)
    s_gaps = list(map(source.gaps.__getitem__, (np.repeat(a, gaps) + offset).tolist()))
    t_gaps = list(map(target.gaps.__getitem__, (np.repeat(b, gaps) + offset).tolist()))
    differ = np.flatnonzero(np.fromiter(map(ne, s_gaps, t_gaps), bool, len(s_gaps))).tolist()
    closes, opens = np.zeros(len(s_gaps), bool), np.zeros(len(s_gaps), bool)
    closes[differ] = [s_gaps[k][0] != t_gaps[k][0] for k in differ]
    opens[differ] = [s_gaps[k][1] != t_gaps[k][1] for k in differ]
    # A side's last word closes with nothing of its own; what closes the pair is compared instead.
    s_end, t_end = a + size == s_hi, b + size == t_hi
    ending = np.flatnonzero(s_end | t_end)
    after = (gap_at + size)[ending].tolist()
    s_last, t_last = s_end[ending].tolist(), t_end[ending].tolist()
    closes[after] = [
        ("" if s else s_gaps[k][0]) != ("" if t else t_gaps[k][0])
        for k, s, t in zip(after, s_last, t_last, strict=True)
    ]  # fmt: skip
    pair_end = np.zeros(len(runs), bool)
    pair_end[ending] = [
        source.gaps[s][0] != target.gaps[t][0]
        for s, t in zip(s_hi[ending].tolist(), t_hi[ending].tolist(), strict=True)
    ]  # fmt: skip
    # Each word: whether it differs; a piece starts at a run's first word and around each that does.
    word_run = np.repeat(np.arange(len(runs)), size)
    word_at = np.arange(size.sum()) - np.repeat(np.cumsum(size) - size, size)
    gap = gap_at[word_run] + word_at
    last = word_at == size[word_run] - 1
    changed = opens[gap] | closes[gap + 1] | (last & pair_end[word_run])
    starts = word_at == 0
    starts[1:] |= changed[1:] | changed[:-1]
    start = np.flatnonzero(starts)
    length = np.diff(start, append=len(word_at))
    run, at = word_run[start], word_at[start]
    ops = np.where(changed[start], _REPLACE, _EQUAL)
    return runs[run], ops, a[run] + at, a[run] + at + length, b[run] + at, b[run] + at + length


def word_changes(
    source: Words, target: Words, pairs: Sequence[Bounds], ranges: WordRanges,
    grades: Sequence[Grade | None],
) -> list[tuple[Change, ...]]:  # fmt: skip
    """Each pair's ranges as changes with these grades (one a range, pair after pair), with character spans.

    A side without words takes an empty span just after the previous word of the range, or at
    the bounds' ``source_at`` / ``target_at`` when the range has none before it.
    """
    bounds = np.array(pairs, dtype=np.int64).reshape(-1, 6)[ranges.pairs()]
    changes = list(map(_change, zip(
        map(_BY_CODE.__getitem__, ranges.ops.tolist()),
        _spans(source, ranges.a1, ranges.a2, bounds[:, 0], bounds[:, 4]),
        _spans(target, ranges.b1, ranges.b2, bounds[:, 2], bounds[:, 5]),
        grades,
        strict=True,
    )))  # fmt: skip
    return [tuple(changes[lo:hi]) for lo, hi in pairwise(ranges.starts)]


def _spans(words: Words, first: np.ndarray, last: np.ndarray, lo: np.ndarray, at: np.ndarray) -> list[Span]:
    """The character spans of words [first, last) of ranges of pairs whose words start at ``lo``: an
    empty one just after the word before, or at ``at`` when the range has none before it."""
    # One more offset than words, so that index -1 (no word before) and len (no word) stay in bounds.
    starts = np.append(np.asarray(words.starts, np.int64), 0)
    ends = np.append(np.asarray(words.ends, np.int64), 0)
    empty = np.where(first > lo, ends[first - 1], at)
    some = last > first
    spans = np.where(some, starts[first], empty), np.where(some, ends[last - 1], empty)
    return list(zip(*(side.tolist() for side in spans), strict=True))


def diff_words(
    source_text: str, source: Sequence[Span], target_text: str, target: Sequence[Span]
) -> tuple[Change, ...]:
    """Changes between the words of some spans of the source text and some spans of the target text."""
    a, b = _words_of(source_text, source), _words_of(target_text, target)
    return diff_range(
        a, 0, len(a.norms), b, 0, len(b.norms), source[0][0] if source else 0, target[0][0] if target else 0
    )


def _words_of(text: str, spans: Sequence[Span]) -> Words:
    """The words of several spans of one text, as one list (each span's distinct words numbered after
    the span's before it)."""
    parts = [text_words(text, s, e) for s, e in spans]
    offsets = np.cumsum([0] + [len(w.vocabulary) for w in parts])
    return Words(
        [x for w in parts for x in w.starts],
        [x for w in parts for x in w.ends],
        [x for w in parts for x in w.norms],
        [x for w in parts for x in w.forms],
        [g for w in parts for g in w.gaps[:-1]] + [parts[-1].gaps[-1] if parts else ("", "")],
        np.concatenate([w.vocabulary for w in parts] or [np.zeros(0, object)]),
        np.concatenate(
            [w.numbers + offset for w, offset in zip(parts, offsets, strict=False)] or [np.zeros(0, np.int64)]
        ),
    )
