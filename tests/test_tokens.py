"""Words with offsets: the numpy reading finds exactly the regex's words, forms and gaps."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from alignment import tokens
from alignment.tokens import _WORD, Lexicon, _split_gap, light_form, normalize, text_words
from alignment.word_spans import code_points, word_spans

# What makes words hard to cut: digits with inner separators, apostrophes, percent signs, letters
# that are not decimal digits (², Ⅳ), other scripts' digits (٣), astral characters, and spaces.
PIECES = list("ab1 2'’.,:%_-3x²٣Ⅳé\u00a0\n\t”«") + ["𝟘", "😀", "don't", "3.5%", "1,000", "30's", "a'3", "  "]
hard_text = st.lists(st.sampled_from(PIECES), max_size=60).map("".join)
quick = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def regex_words(text: str, start: int, end: int) -> tuple[list[int], list[int], list[str], list[str], list]:
    """What text_words gives, read word by word with the regex: the behaviour it must keep."""
    found = list(_WORD.finditer(text, start, end))
    bounds = [start, *(x for m in found for x in m.span()), end]
    gaps = [text[a:b] for a, b in zip(bounds[::2], bounds[1::2], strict=True)]
    gaps[0] = " " + gaps[0]  # the first word is opened by what stands before it, as after a space
    return (
        [m.start() for m in found],
        [m.end() for m in found],
        [normalize(m.group()) for m in found],
        [light_form(m.group()) for m in found],
        [_split_gap(g) for g in gaps],
    )


def as_lists(text: str, start: int = 0, end: int | None = None) -> tuple:
    w = text_words(text, start, end)
    return list(w.starts), list(w.ends), w.norms, w.forms, w.gaps


@quick
@given(hard_text, st.integers(0, 5), st.integers(0, 5))
def test_words_are_the_regex_words(text: str, cut_start: int, cut_end: int) -> None:
    start, end = min(cut_start, len(text)), max(len(text) - cut_end, 0)
    end = max(start, end)
    assert as_lists(text, start, end) == regex_words(text, start, end)


@quick
@given(hard_text)
def test_words_across_chunk_boundaries(monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    # Chunks of a few characters: every gap and every table lookup crosses a chunk's edge somewhere.
    monkeypatch.setattr(tokens, "_CHUNK", 3)
    assert as_lists(text) == regex_words(text, 0, len(text))


@pytest.mark.parametrize(
    "text, expected",
    [
        ("3.5% of 1,000", ["3.5%", "of", "1,000"]),
        ("30's and a'30 and 3rd", ["30", "s", "and", "a'30", "and", "3", "rd"]),
        ("3.5x 5%5 x.5 3..5", ["3.5", "x", "5%", "5", "x", "5", "3", "5"]),
        ("a'1'2.3 ²3 ٣٤.٥", ["a'1'2", "3", "²3", "٣٤.٥"]),
    ],
)
def test_numbers_and_apostrophes(text: str, expected: list[str]) -> None:
    w = text_words(text)
    assert [text[a:b] for a, b in zip(w.starts, w.ends, strict=True)] == expected


def test_a_book_holds_one_string_per_distinct_word() -> None:
    w = text_words("The cat. The dog. The end.")
    assert w.norms[0] is w.norms[2] is w.norms[4]
    assert w.gaps[2] is w.gaps[4]
    assert len(w.vocabulary) == len(w.light) == 4 and len(w.gap_pairs) == 3


def test_the_words_forms_read_by_number_are_those_of_the_lists() -> None:
    w = text_words("“Stop,” she said. Stop! The cat's cats (three) sat.")
    norms, gaps, count = w.norms, w.gaps, len(w.numbers)
    assert all(w.norms_between(lo, hi) == norms[lo:hi] for lo in range(count) for hi in range(lo, count + 1))
    punctuation = [(w.closes(k), w.opens(k)) for k in range(count)]
    assert punctuation == [(gaps[k + 1][0], gaps[k][1]) for k in range(count)]


@quick
@given(hard_text)
def test_words_sharing_table_slots(monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    # Two slots: nearly every distinct word or gap shares its slot with another and is sorted out apart.
    monkeypatch.setattr(tokens, "_SLOT_BITS", 1)
    assert as_lists(text) == regex_words(text, 0, len(text))


@pytest.mark.parametrize(
    "letter, ends", [(c, ("b", "d", "bb", "")) for c in "aéж語𝒜"] + [("1", ("2", "4", "22", ""))]
)
def test_words_as_long_as_a_key_holds_are_told_apart(letter: str, ends: tuple[str, ...]) -> None:
    # A key packs 63 // bits code points (9 of 7 bits, 7 of 8, 5 of 11, 3 of 16 or 17); longer words are
    # hashed. "b" and "d" (and "," and "|") differ in their high bits only: they would share a key
    # that took in one code point too many. Digits alone (6 bits) are packed as 7 bits: 9 of a key.
    words = [letter * n + end for n in range(1, 12) for end in ends]
    text = " ".join(words * 2)
    assert as_lists(text) == regex_words(text, 0, len(text))


@pytest.mark.parametrize("text", ["abcdeabc", "éécdeééc", "жжcdeжжc"])
def test_a_key_packs_the_first_code_points_of_a_stretch_only(text: str) -> None:
    codes = code_points(text)
    keys = tokens._packed(codes, np.array([0, 5]), np.array([5, 3]), 3, int(codes.max()).bit_length())
    assert keys[0] == keys[1]


def test_gaps_are_told_apart_by_their_length_and_every_code_point() -> None:
    gaps = [" " * n + mark for n in range(11) for mark in ",|"] + ["\x00", "\x00\x00", "\x00 "]
    # A gap of 5 NULs would pack as "\x01" (its length spills into the code points) were long gaps not
    # keyed apart; two of 4 would share a key were gaps of 4 packed.
    gaps += ["\x01", "\x00" * 5, "\x00" * 4, "\x01" + "\x00" * 3]
    text = "3rd a" + "a".join(gaps) + "a"
    assert as_lists(text) == regex_words(text, 0, len(text))


def test_a_hash_never_stands_for_a_packed_word(monkeypatch: pytest.MonkeyPatch) -> None:
    # With 1 as the multiplier a long word's hash is the sum of its code points: 128 "a" and a "b" sum
    # to the key "ba" packs to. The hash bit keeps them apart.
    monkeypatch.setattr(tokens, "_HASH_BASE", np.uint64(1))
    text = f"ba {'a' * 128}b ba {'a' * 128}b"
    assert as_lists(text) == regex_words(text, 0, len(text))


def _thue_morse(letters: str, doublings: int) -> str:
    """A Thue-Morse word: it and its complement have the same polynomial hash modulo 2**64."""
    word = letters[0]
    for _ in range(doublings):
        word += word.translate(str.maketrans(letters, letters[::-1]))
    return word


def test_words_of_one_hash_are_told_apart() -> None:
    word, other = _thue_morse("ab", 11), _thue_morse("ba", 11)
    text = f"{word} {other} {word}"
    codes, first, last = _code_spans(text)
    keys, _ = tokens._word_keys(codes, first, last, int(codes.max()).bit_length())
    assert len(set(keys.tolist())) == 1  # the hashes do collide
    assert text_words(text).norms == [word, other, word]


def test_words_met_in_an_earlier_chunk_are_known_by_their_packed_key(monkeypatch: pytest.MonkeyPatch) -> None:
    # Chunks of "ab xx" (7 bits a code point) and " é a1" (8 bits: "a1" packs as "ab" did in 7), then
    # the two words of one hash in chunks of their own: a hash met before is no proof.
    monkeypatch.setattr(tokens, "_CHUNK", 3)
    word, other = _thue_morse("ab", 11), _thue_morse("ba", 11)
    text = f"ab xx é a1 ab {word} {other} {word}"
    assert as_lists(text) == regex_words(text, 0, len(text))


def _code_spans(text: str) -> tuple:
    codes = code_points(text)
    return (codes, *word_spans(codes))


def test_content_stems_leave_out_function_words() -> None:
    w = text_words("The cats sat on the mats. Of the. Running")
    bounds = np.array([[0, 6], [6, 8], [8, 9], [9, 9]])
    assert Lexicon().content_stems(w, bounds) == [["cat", "sat", "mat"], [], ["run"], []]


def test_content_stems_read_irregular_plurals_as_their_singular_and_keep_numbers() -> None:
    w = text_words("The brethren ate 3 mice, 1,000 geese")
    assert Lexicon().content_stems(w, np.array([[0, 7]])) == [["brother", "ate", "3", "mous", "1000", "goos"]]


@pytest.mark.parametrize(
    "word, light, heavy",
    [
        ("Don’t", "Don't", "don't"),
        ("Oʼneil", "O'neil", "o'neil"),
        ("a`b", "a'b", "a'b"),
        ("‘Tis", "'Tis", "'tis"),
    ],
)
def test_typographic_apostrophes_are_plain_in_both_forms(word: str, light: str, heavy: str) -> None:
    assert (light_form(word), normalize(word)) == (light, heavy)
