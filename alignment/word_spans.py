"""Where the words of a text start and end: the matches of tokens' word pattern, found with numpy.

The pattern (``tokens._WORD``) is a number ``\\d+(?:[.,:]\\d+)*%?`` or else a word
``[^\\W_]+(?:['’][^\\W_]+)*``, matched left to right. Here it is read as runs of letters and digits
joined by one inner character: a number run takes the digits after one of ``.,:``, a word run the whole
next run after an apostrophe. A book is millions of words; the regex engine and the strings it makes
took most of the time of reading one.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import numpy as np

_ALNUM = re.compile(r"[^\W_]")
_DECIMAL = re.compile(r"\d")
_LETTER, _DIGIT = 1, 2
"""A character's class as one byte: a letter (or other non-decimal alphanumeric), a decimal digit."""
_UNKNOWN = 255
_LOOKED_UP = 1 << 18
"""Code points looked up at a time: numpy first copies the indices to 8 bytes each (a 32 MB text's
would be 256 MB at once)."""


class CodeClasses:
    """A class (a byte, below 255) for every code point, worked out by a function of its character
    the first time the code point is met."""

    def __init__(self, classify: Callable[[str], int]) -> None:
        self._classify = classify
        self._table = np.full(0x110000, _UNKNOWN, np.uint8)

    def __call__(self, codes: np.ndarray) -> np.ndarray:
        """Each code point's class (code points not met before are classified first)."""
        kind = self._lookup(codes)
        unknown = kind == _UNKNOWN
        if unknown.any():
            met = np.zeros(len(self._table), bool)  # marked, not sorted: a book is millions of codes
            met[codes[unknown]] = True
            for code in np.flatnonzero(met).tolist():
                self._table[code] = self._classify(chr(code))
            kind = self._lookup(codes)
        return kind

    def _lookup(self, codes: np.ndarray) -> np.ndarray:
        """Each code point's class as the table has it now (an array of the shape of codes)."""
        flat = codes.reshape(-1)
        kind = np.empty(len(flat), np.uint8)
        for at in range(0, len(flat), _LOOKED_UP):
            self._table.take(flat[at : at + _LOOKED_UP], out=kind[at : at + _LOOKED_UP])
        return kind.reshape(codes.shape)


_CLASSES = CodeClasses(lambda c: _DIGIT if _DECIMAL.match(c) else _LETTER if _ALNUM.match(c) else 0)
_APOSTROPHES = tuple(map(ord, "'’"))
_SEPARATORS = tuple(map(ord, ".,:"))
_PERCENT = ord("%")


def offset_type(length: int) -> np.dtype:
    """The integer type of offsets into a text of this length: 4 bytes if they fit."""
    return np.dtype(np.int32 if length < 2**31 else np.int64)


def code_points(text: str) -> np.ndarray:
    """The text as an array of its code points (offsets into it are offsets into the text)."""
    return np.frombuffer(text.encode("utf-32-le"), np.uint32)


def word_spans(codes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Start and end offsets (int64) of the words in these code points, as ``_WORD.finditer`` finds them."""
    kind = _CLASSES(codes)
    starts, ends = runs(kind != 0)
    if not len(starts):
        return starts, ends
    # Each run of letters and digits, and where its leading digits end (its start if it has none).
    leads = kind[starts] == _DIGIT
    lead_end = starts.copy()
    led = np.flatnonzero(leads)
    if len(led):
        digit_starts, digit_ends = runs(kind == _DIGIT)
        lead_end[led] = digit_ends[np.searchsorted(digit_starts, starts[led])]
    digits_only = lead_end == ends
    # The one character between a run and the one before, where only one stands between them.
    one_between = np.zeros(len(starts), bool)
    one_between[1:] = starts[1:] - ends[:-1] == 1
    between = np.zeros(len(starts), np.uint32)
    between[1:] = codes[ends[:-1]]
    after_apostrophe = one_between & _is_one_of(between, _APOSTROPHES)
    after_separator = one_between & _is_one_of(between, _SEPARATORS)
    # A run ends inside a number if it is digits only, unless a word took it in after an apostrophe;
    # a digits-only run after an apostrophe is whatever the run before it ended in.
    decided = ~(digits_only & after_apostrophe)
    source = np.where(decided, np.arange(len(starts)), 0)
    np.maximum.accumulate(source, out=source)
    in_number = digits_only[source]
    number_before = np.zeros(len(starts), bool)
    number_before[1:] = in_number[:-1]
    word_goes_on = after_apostrophe & ~number_before
    number_goes_on = after_separator & number_before & leads
    goes_on = word_goes_on | number_goes_on
    # A run with leading digits and then letters is a number and a word, unless a word took it in.
    splits = leads & ~digits_only & ~word_goes_on
    closes = np.ones(len(starts), bool)
    closes[:-1] = ~goes_on[1:]
    close_at = ends.copy()
    numbers = np.flatnonzero(in_number & (ends < len(codes)))
    close_at[numbers] += codes[ends[numbers]] == _PERCENT
    if not splits.any():  # nearly always: each word is one run or runs joined
        return starts[~goes_on], close_at[closes]
    word_starts = np.stack((starts, lead_end), 1)[np.stack((~goes_on, splits), 1)]
    word_ends = np.stack((lead_end, close_at), 1)[np.stack((splits, closes), 1)]
    return word_starts, word_ends


def _is_one_of(codes: np.ndarray, chosen: tuple[int, ...]) -> np.ndarray:
    """Whether each code point is one of a few (np.isin sorts or tables them first)."""
    found = codes == chosen[0]
    for code in chosen[1:]:
        found |= codes == code
    return found


def runs(mask: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Start and end of every run of True in mask."""
    edges = np.flatnonzero(np.diff(np.concatenate(([False], mask, [False]))))
    return edges[0::2], edges[1::2]
