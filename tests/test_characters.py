"""Characters read with numpy: classes as ``str`` tells them, and word matches as ``finditer`` finds them."""

from __future__ import annotations

import random
import re

import numpy as np
import pytest

from alignment import characters
from alignment.characters import ALNUM, ALPHA, DECIMAL, classes, word_matches
from alignment.facts import _rules
from alignment.polarity import _scanners
from alignment.word_spans import code_points

PIECES = [
    " ", "  ", ".", ",", "\n", "“", "”", "'", "’", "_", "-", "$", "€", "5", "12", "x", "my", "ms",
    "one", "One", "twenty", "March", "may", "May", "not", "n't", "n'", "never", "Never", "ne", "kein",
    "fünf", "fünfundvierzig", "mai", "Mondays", "shall", "cannot", "thou", "forty", "k", "m", "Mio",
    "2m", "é", "ß", "Ⅻ", "²", "𐐀", "a𐐨", "for", "fort", "fortnight", "ten", "tent", "no", "now", "withal",
]  # fmt: skip


def _texts(seed: int) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(PIECES) for _ in range(rng.randint(0, 40))) for _ in range(400)]


@pytest.mark.parametrize("language", ["english", "german", "french", "spanish"])
@pytest.mark.parametrize("chunk", [5, 1 << 20])
def test_word_matches_are_finditers(language: str, chunk: int, monkeypatch: pytest.MonkeyPatch) -> None:
    # Chunks of 5 characters put words across every boundary between two reads of the text.
    monkeypatch.setattr(characters, "_CHUNK", chunk)
    rules = _rules(language)
    _, cue, starts, _ = _scanners(language)
    for text in _texts(len(language) + chunk):
        for pattern, words in ((rules.anchor, rules.leads), (cue, starts)):
            expected = [m.span() for m in pattern.finditer(text)]
            assert [m.span() for m in word_matches(pattern, text, words)] == expected, text
            assert [m.span() for m in word_matches(pattern, text, words, code_points(text))] == expected, text


def test_classes_are_what_str_says() -> None:
    text = "aZ5_ .é²Ⅻ𐐀٣\u00a0-"
    found = classes(code_points(text)).tolist()
    expected = [ALNUM * c.isalnum() | ALPHA * c.isalpha() | DECIMAL * c.isdecimal() for c in text]
    assert [f & (ALNUM | ALPHA | DECIMAL) for f in found] == expected
    assert np.array_equal(classes(code_points(text)), classes(code_points(text)))  # read once, then kept


def test_word_matches_of_words_with_more_characters_than_a_byte_tells() -> None:
    words = frozenset(chr(0x4E00 + i) + chr(0x4E00 + 3 * i) + "x" * (i % 5) for i in range(300))
    pattern = re.compile(r"\W(?:" + "|".join(sorted(map(re.escape, words), key=len, reverse=True)) + ")")
    rng = random.Random(3)
    pieces = [" ", ".", "x", *sorted(words), chr(0x4E00 + 7)]
    for _ in range(600):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 30)))
        expected = [m.span() for m in pattern.finditer(text)]
        assert [m.span() for m in word_matches(pattern, text, words)] == expected, text
