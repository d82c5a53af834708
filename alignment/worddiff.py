"""Word-level changes inside pairs, from rapidfuzz's difflib-style opcodes over light word forms, graded."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import chain
from operator import attrgetter

import numpy as np
from rapidfuzz.distance import Indel

from alignment.arrays import distinct_places
from alignment.grades import Grader
from alignment.model import Change, ChangeColumns, Changes, Op, Span, change_codes, kinds_of, pairs_changes
from alignment.tokens import Lexicon, Words, text_words

_EQUAL, _REPLACE, _DELETE, _INSERT, _NONE = range(5)
"""Codes of the ops in the columns of :class:`WordRanges` (their indices in Op), and of none."""
_NOTHING = 0
"""The number of no punctuation at all among the gaps' (see _gap_codes)."""
_NO_LEXICON = Lexicon()
"""English stems and function words, for changes graded without the alignment's own lexicon."""
_CHARACTERS = 0x110000 - 0x800
"""Code points a str holds, surrogates left out: up to so many distinct light forms, each side's words
are one string to rapidfuzz, which reads a string's characters at C speed (a list's items one by one)."""
_SURROGATES = 0xD800, 0x800
"""Where the surrogates start, and how many there are."""
_POLL_EVERY = 256
"""Pairs diffed between cancel polls."""
_RANGES, _GRADES = 0.4, 0.4
"""The shares of the work that finding the ranges and grading them take (the rest: their spans)."""
_BLOCK = attrgetter("a", "b", "size")
"""A matching block's place on each side and size."""
_EQUAL_ONLY = frozenset({(Op.EQUAL, None)})
"""The kinds of change of a pair whose words stayed the same."""

Bounds = tuple[int, int, int, int, int, int]
"""A pair's source words [s_lo, s_hi) and target words [t_lo, t_hi), then where an empty span goes
on each side when the pair has no word before it (its sentences' starts)."""


@dataclass(frozen=True)
class WordRanges:
    """The ranges of many pairs, pair after pair, as columns: the op's code (its index in Op),
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
) -> list[Changes]:  # fmt: skip
    """The graded changes of each pair's words, with character spans; ``poll`` is called now and then
    with the fraction done (to report progress and let a cancel through)."""
    bounds = np.array(pairs, dtype=np.int64).reshape(-1, 6)
    ranges = word_ranges(source, target, bounds, lambda done: poll(_RANGES * done))
    changed = np.flatnonzero(ranges.ops != _EQUAL)
    columns = [c[changed] for c in (ranges.pairs(), ranges.a1, ranges.a2, ranges.b1, ranges.b2)]
    grades = np.full(len(ranges.ops), -1, np.int8)
    grades[changed] = grader.grade(
        source, target, bounds[:, [0, 2]], columns, lambda done: poll(_RANGES + _GRADES * done)
    )
    before = _RANGES + _GRADES
    return word_changes(
        source, target, bounds, ranges, grades, lambda done: poll(before + (1 - before) * done)
    )


def all_equal(changes: Sequence[Change]) -> bool:
    """Whether every change keeps its words (the same words, case and punctuation)."""
    return kinds_of(changes) <= _EQUAL_ONLY


def diff_range(
    source: Words, s_lo: int, s_hi: int, target: Words, t_lo: int, t_hi: int, source_at: int, target_at: int,
    grader: Grader | None = None,
) -> Changes:  # fmt: skip
    """Changes turning source words [s_lo, s_hi) into target words [t_lo, t_hi), with character spans.

    The ranges are :func:`word_ranges`; each change is graded by ``grader`` (form or meaning only
    without one). ``source_at`` and ``target_at`` are where an empty span goes when a side has no
    words at all.
    """
    bounds = (s_lo, s_hi, t_lo, t_hi, source_at, target_at)
    return diff_pairs(source, target, [bounds], grader or Grader(_NO_LEXICON))[0]


def word_ranges(
    source: Words, target: Words, pairs: np.ndarray, poll: Callable[[float], object] = lambda _: None
) -> WordRanges:
    """The operations turning each pair's source words [s_lo, s_hi) into its target words [t_lo, t_hi)
    (``pairs``: their bounds as rows).

    Words are compared by their light forms (case counts), as codes (see _form_codes). The longest
    runs of equal words are kept (rapidfuzz's Indel alignment, difflib-style); the words between two
    runs are removed, added or, with words on both sides, one replacement; an equal word whose
    punctuation differs ("Stop." → "Stop?") becomes a replacement of its own. rapidfuzz finds each
    pair's runs; the rest is numpy over all pairs at once.
    """
    s_forms, t_forms = _form_codes(source, target)
    blocks = []
    for k in range(0, len(pairs), _POLL_EVERY):
        poll(k / len(pairs))
        blocks += [
            Indel.editops(s_forms[s_lo:s_hi], t_forms[t_lo:t_hi]).as_matching_blocks()
            for s_lo, s_hi, t_lo, t_hi, _, _ in pairs[k : k + _POLL_EVERY].tolist()
        ]
    # Each pair's runs of equal words (a, b, size), the last one empty, at the pair's ends.
    of_run = np.repeat(np.arange(len(pairs)), np.fromiter(map(len, blocks), np.int64, len(blocks)))
    # Read by attribute: a MatchingBlock read as a sequence is indexed item by item.
    found = np.fromiter(chain.from_iterable(map(_BLOCK, chain.from_iterable(blocks))), np.int64)
    found = found.reshape(-1, 3)
    bounds = pairs[of_run]
    a, b, size = found[:, 0] + bounds[:, 0], found[:, 1] + bounds[:, 2], found[:, 2]
    # The words between the run before (or the pair's start) and each run: rapidfuzz's opcodes there
    # are at most one removal and one addition, which make one replacement.
    first = np.ones(len(a), bool)
    first[1:] = of_run[1:] != of_run[:-1]
    a0 = np.where(first, bounds[:, 0], np.roll(a + size, 1))
    b0 = np.where(first, bounds[:, 2], np.roll(b + size, 1))
    removed, added = a > a0, b > b0
    between = np.select([removed & added, removed, added], [_REPLACE, _DELETE, _INSERT], _NONE)
    run_of, *pieces = _equal_pieces(_gap_codes(source, target), a, b, size, bounds[:, 1], bounds[:, 3])
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


def _form_codes(source: Words, target: Words) -> tuple[Sequence[object], Sequence[object]]:
    """Each side's words as codes of their light forms, the same form the same code on both sides:
    a string of one character per word, or a list of numbers when the forms outnumber the characters."""
    codes: dict[str, int] = {}
    tables, inverses = [], []
    for words in (source, target):
        where, inverse = distinct_places(words.numbers, len(words.vocabulary))
        forms = words.light.take(words.numbers[where]).tolist()
        tables.append(np.array([codes.setdefault(form, len(codes)) for form in forms], np.uint32))
        inverses.append(inverse)
    if len(codes) > _CHARACTERS:
        return tables[0].take(inverses[0]).tolist(), tables[1].take(inverses[1]).tolist()
    start, count = _SURROGATES
    # Each distinct form's character worked out before the words are laid out by them.
    characters = [
        np.where(t >= start, t + count, t).astype("<u4").take(inverse).tobytes().decode("utf-32-le")
        for t, inverse in zip(tables, inverses, strict=True)
    ]
    return characters[0], characters[1]


def _equal_pieces(
    gaps: tuple[np.ndarray, ...], a: np.ndarray, b: np.ndarray, size: np.ndarray, s_hi: np.ndarray,
    t_hi: np.ndarray,
) -> tuple[np.ndarray, ...]:  # fmt: skip
    """Runs of equal words a, b of this size in pairs ending at s_hi, t_hi, split where a word's
    punctuation differs into one-word replacements: each piece's run, op code, a1, a2, b1, b2.

    A word differs when what opens it or what closes it does (``gaps``: see :func:`_gap_codes`);
    what closes the last word of a side closes the whole range ("mat." → "mat today."): it is
    compared with what closes the other side's last word, wherever that stands.
    """
    s_closes, s_opens, t_closes, t_opens = gaps
    runs = np.flatnonzero(size > 0)
    a, b, size, s_hi, t_hi = a[runs], b[runs], size[runs], s_hi[runs], t_hi[runs]
    # The gaps of each run, side by side: before each of its words, and after its last.
    counts = size + 1
    gap_at = np.cumsum(counts) - counts
    s_gap = np.arange(counts.sum()) + np.repeat(a - gap_at, counts)
    t_gap = s_gap + np.repeat(b - a, counts)
    closes, opens = s_closes[s_gap] != t_closes[t_gap], s_opens[s_gap] != t_opens[t_gap]
    # A side's last word closes with nothing of its own; what closes the pair is compared instead, and
    # what closes the pair differs too when a run ends a side.
    s_end, t_end = a + size == s_hi, b + size == t_hi
    ending = np.flatnonzero(s_end | t_end)
    after = (gap_at + size)[ending]
    closes[after] = (
        np.where(s_end[ending], _NOTHING, s_closes[s_gap[after]])
        != np.where(t_end[ending], _NOTHING, t_closes[t_gap[after]])
    ) | (s_closes[s_hi[ending]] != t_closes[t_hi[ending]])
    # Each word (its gap before it, the run's gaps less the last): whether it differs; a piece starts at
    # a run's first word and around each that does.
    word = np.ones(len(closes), bool)
    word[gap_at + size] = False
    changed = (opens[:-1] | closes[1:])[word[:-1]]
    first = gap_at - np.arange(len(runs))  # each run's first word
    starts = np.zeros(len(changed), bool)
    starts[first] = True
    starts[1:] |= changed[1:] | changed[:-1]
    start = np.flatnonzero(starts)
    length = np.diff(start, append=len(changed))
    run = np.searchsorted(first, start, "right") - 1
    at = start - first[run]
    ops = np.where(changed[start], _REPLACE, _EQUAL)
    return runs[run], ops, a[run] + at, a[run] + at + length, b[run] + at, b[run] + at + length


def _gap_codes(source: Words, target: Words) -> tuple[np.ndarray, ...]:
    """What closes and what opens each gap of the source, then of the target, as numbers (the same
    punctuation, the same number on both sides; _NOTHING for none)."""
    codes = {"": _NOTHING}
    columns = []
    for words in (source, target):
        for side in range(2):
            coded = [codes.setdefault(gap[side], len(codes)) for gap in words.gap_pairs]
            columns.append(np.array(coded, np.int32).take(words.gap_numbers))  # 4 bytes a gap: millions
    return tuple(columns)


def word_changes(
    source: Words, target: Words, pairs: np.ndarray, ranges: WordRanges, grades: np.ndarray,
    poll: Callable[[float], object] = lambda _: None,
) -> list[Changes]:  # fmt: skip
    """Each pair's ranges as changes with these grades (one a range, pair after pair: the grade's
    index in Grade, -1 for none), with character spans (``pairs``: the pairs' bounds as rows; ``poll``:
    called with the fraction done between steps).

    A side without words takes an empty span just after the previous word of the range, or at
    the bounds' ``source_at`` / ``target_at`` when the range has none before it.
    """
    poll(0.0)
    bounds = pairs[ranges.pairs()]
    spans = np.empty((len(ranges.ops), 4), np.int64)
    spans[:, 0], spans[:, 1] = _spans(source, ranges.a1, ranges.a2, bounds[:, 0], bounds[:, 4])
    poll(0.25)
    spans[:, 2], spans[:, 3] = _spans(target, ranges.b1, ranges.b2, bounds[:, 2], bounds[:, 5])
    poll(0.5)
    return pairs_changes(ChangeColumns(change_codes(ranges.ops, grades), spans), ranges.starts)


def _spans(
    words: Words, first: np.ndarray, last: np.ndarray, lo: np.ndarray, at: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """The character spans (starts, ends) of words [first, last) of ranges of pairs whose words start
    at ``lo``: an empty one just after the word before, or at ``at`` when the range has none before it."""
    # One more offset than words, so that index -1 (no word before) and len (no word) stay in bounds;
    # in the offsets' own type (4 bytes each for a text under 2 GiB).
    starts = np.append(np.asarray(words.starts), 0)
    ends = np.append(np.asarray(words.ends), 0)
    empty = np.where(first > lo, ends[first - 1], at)
    some = last > first
    return np.where(some, starts[first], empty), np.where(some, ends[last - 1], empty)


def diff_words(
    source_text: str, source: Sequence[Span], target_text: str, target: Sequence[Span]
) -> Changes:
    """Changes between the words of some spans of the source text and some spans of the target text."""
    a, b = _words_of(source_text, source), _words_of(target_text, target)
    at = source[0][0] if source else 0, target[0][0] if target else 0
    return diff_range(a, 0, len(a.numbers), b, 0, len(b.numbers), *at)


def _words_of(text: str, spans: Sequence[Span]) -> Words:
    """The words of several spans of one text, as one list (each span's distinct words and gaps
    numbered after those of the spans before it)."""
    parts = [text_words(text, s, e) for s, e in spans] or [text_words("")]
    words = np.cumsum([0] + [len(w.vocabulary) for w in parts[:-1]])
    gaps = np.cumsum([0] + [len(w.gap_pairs) for w in parts[:-1]])
    return Words(
        [x for w in parts for x in w.starts],
        [x for w in parts for x in w.ends],
        np.concatenate([w.vocabulary for w in parts]),
        np.concatenate([w.light for w in parts]),
        np.concatenate([w.numbers + k for w, k in zip(parts, words, strict=True)]),
        [g for w in parts for g in w.gap_pairs],
        np.concatenate(
            [w.gap_numbers[:-1] + k for w, k in zip(parts, gaps, strict=True)]
            + [parts[-1].gap_numbers[-1:] + gaps[-1]]
        ),
    )
