"""A text's characters read with numpy: their Unicode classes, and where words of a list may start.

A regex that starts with ``\\W`` is tried by the regex engine at every non-word character, and a
page of marks is millions of them; here the text's code points are read a chunk at a time and only
the places whose next characters begin one of the words are left for the regex to be tried at.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

import numpy as np

from alignment.word_spans import CodeClasses, code_points

ALNUM, ALPHA, DECIMAL = 1, 2, 4
"""A character's classes as bits: ``str.isalnum``, ``str.isalpha``, ``str.isdecimal``."""
classes = CodeClasses(lambda c: ALNUM * c.isalnum() | ALPHA * c.isalpha() | DECIMAL * c.isdecimal())
"""Each code point's classes (code points not met before are read first)."""
_PREFIX = 3
"""Characters of each word compared at once, in a table; then one more where a longer word begins so."""
_CHUNK = 1 << 20
"""Characters read at a time: the arrays of a chunk stay a few megabytes, whatever the text."""


def word_matches(
    pattern: re.Pattern[str], text: str, words: frozenset[str], codes: np.ndarray | None = None
) -> Iterator[re.Match[str]]:
    """The matches of ``pattern.finditer(text)`` for a pattern of a non-word character and then one of
    these words (literally and whole; what may follow a word is the pattern's to tell), in text order.

    The pattern is tried only where a non-word character stands before the first four characters of a
    word (all of a shorter one): anywhere else it cannot match.  As ``finditer``, a match starts where
    the one before ended, or after.  The text's code points are read here unless given.
    """
    last = 0
    for p in _starts(text, words, codes):
        if p > last and (m := pattern.match(text, p - 1)) is not None:
            last = m.end()
            yield m


def _starts(text: str, words: frozenset[str], points: np.ndarray | None) -> Iterator[int]:
    """The places after a character that is no letter or digit where the next characters begin one of
    the words (the pattern tells the rest), from the text's code points if read already."""
    ids, table, base, longer = _lookup(words)
    for a in range(1, len(text), _CHUNK):
        chunk = slice(a - 1, a + _CHUNK + _PREFIX)  # from the character before
        codes = code_points(text[chunk]) if points is None else points[chunk]
        n = min(_CHUNK, len(text) - a)
        after = np.zeros(n + _PREFIX + 1, ids.dtype)  # past the text's end: no word's character
        after[: len(codes) - 1] = ids.take(codes[1:])
        # Not inside a word, at a character some word starts with: the few places whose keys are read.
        hits = np.flatnonzero((after[:n] != 0) & ((classes(codes[:n]) & ALNUM) == 0))
        key = sum(after[hits + i].astype(np.int64) * base ** (_PREFIX - 1 - i) for i in range(_PREFIX))
        begun = table.take(key)
        # Where only longer words begin so, the character after tells (few words share four).
        further = np.flatnonzero(begun == _LONGER)
        read = key[further] * base + after[hits[further] + _PREFIX]
        begun[further[longer[np.minimum(np.searchsorted(longer, read), len(longer) - 1)] != read]] = 0
        yield from (hits[begun != 0] + a).tolist()


_WHOLE, _LONGER = 1, 2
"""What a table's key of characters begins: a word (or all of a shorter one), or only longer words."""


@cache
def _lookup(words: frozenset[str]) -> tuple[np.ndarray, np.ndarray, int, np.ndarray]:
    """For a list of words: an id for each code point their first characters use (0 for any other),
    what each key of those ids begins (:data:`_WHOLE`, :data:`_LONGER`), the base of the keys, and
    the keys of the first characters of the longer words, one character more, sorted."""
    chars = sorted({c for w in words for c in w[: _PREFIX + 1]})
    ids = np.zeros(0x110000, np.uint8 if len(chars) < 0xFF else np.int32)  # a byte each where they fit
    ids[[ord(c) for c in chars]] = np.arange(1, len(chars) + 1)
    base = len(chars) + 1
    table = np.zeros((base,) * _PREFIX, np.uint8)
    for w in sorted(words, key=len, reverse=True):  # a word as long as a key, or shorter, comes last
        table[tuple(int(ids[ord(c)]) for c in w[:_PREFIX])] = _LONGER if len(w) > _PREFIX else _WHOLE
    heads = [[int(ids[ord(c)]) for c in w[: _PREFIX + 1]] for w in words if len(w) > _PREFIX]
    keys = [sum(x * base ** (_PREFIX - i) for i, x in enumerate(head)) for head in heads]
    longer = np.unique(np.array(keys, np.int64))
    return ids, table.reshape(-1), base, longer
