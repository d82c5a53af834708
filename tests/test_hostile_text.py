"""Punctuation-heavy text through the engine: bounded memory where whole-text work once blew up."""

from __future__ import annotations

import re
import tracemalloc
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from alignment.checks import _furnished, _quoted
from alignment.language import FURNITURE
from alignment.segment import segment
from alignment.semantic import Encoder

MiB = 2**20


def _peak(work: Callable[[], Any]) -> float:
    """The most memory (MiB) Python and numpy held at once while doing work."""
    tracemalloc.start()
    try:
        work()
        return tracemalloc.get_traced_memory()[1] / MiB
    finally:
        tracemalloc.stop()


@pytest.mark.parametrize("mark", [".", "…", '"', "«", "„", ".!?…\"“”«»„'"])
def test_a_word_of_punctuation_is_embedded_in_bounded_memory(mark: str) -> None:
    # Tokenised whole, 128 KB of one mark made a token vector (1 KB) per mark or two: 100 MB and up,
    # and 5 MB took 3 GB; a word is tokenised from its start only.
    encoder = Encoder()
    encoder.embed(["warm the model up"])
    word = (mark * (2**17 // len(mark)))[: 2**17]
    assert _peak(lambda: encoder.embed([word, f"He said {word} twice"])) < 8


@pytest.mark.parametrize("text", ["word " * 2**20, "a, " * 2**20, "«" + "oui » « " * 2**18])
def test_an_excerpt_of_a_megabyte_quotation_reads_only_its_start(text: str) -> None:
    # A quotation left open runs to the end of the text and was split whole once for every
    # one-sided sentence inside it: quadratic in time, and tens of MB for each split.
    assert _peak(lambda: _quoted(text, 30)) < 0.1
    assert _quoted(text, 30) == _quoted(text[:2000], 30)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("word word word", "word word word"),
        ("  ,. A short one.;  ", "A short one"),
        ("x" * 70, "x" * 59 + "…"),
        ("a" * 30 + " " * 2000 + "b", "a" * 30 + "…"),  # more follows beyond what an excerpt reads
    ],
)
def test_excerpts_of_short_texts_are_whole(text: str, expected: str) -> None:
    assert _quoted(text) == expected


@pytest.mark.parametrize("sentence", [". ", "! ", "? ", "… ", "Xy. ", "A b. ", "好。", "«Oui.» "])
def test_a_quarter_megabyte_of_tiny_sentences_splits_at_every_end(sentence: str) -> None:
    count = 2**18 // len(sentence)
    text = sentence * count
    width = len(sentence.rstrip())
    expected = [(k * len(sentence), k * len(sentence) + width) for k in range(count)]
    assert [(s.start, s.end) for s in segment(text)] == expected


def test_every_furniture_word_holds_four_letters_in_a_row() -> None:
    # What _furnished assumes of the words: a word without them would never be looked for.
    words = FURNITURE.pattern.split(r"\b(?:", 1)[1].split(r")\b", 1)[0]
    for word in re.split(r"\|(?![^(]*\))", words):  # at the top level only
        kept = re.sub(r"\(\?:[^)]*\)|\[[^]]*\]|.\?", " ", word)  # less the optional and variable parts
        assert re.search(r"\w{4}", kept), word


@pytest.mark.parametrize(
    "text", ["© 2024", "© ab", "ab / Cd", "ab /\tC.d ", "Photo", "FOTO", "ſign up", '"a" „c“ ' * 50, "a/b"]
)
def test_furniture_is_what_its_pattern_finds(text: str) -> None:
    assert _furnished(text) == (FURNITURE.search(text) is not None)


@given(st.lists(st.sampled_from([*"abc AB©/.\n\t'’\"«»", "foto", "Donat", "ion", "sign", "up"]), max_size=30))
def test_furniture_is_what_its_pattern_finds_in_any_text(pieces: list[str]) -> None:
    text = "".join(pieces)
    assert _furnished(text) == (FURNITURE.search(text) is not None)
