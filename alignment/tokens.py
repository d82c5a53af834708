"""Words with offsets and two normal forms: a light one for "same", a heavy one for similarity."""

from __future__ import annotations

import re
import unicodedata
from array import array
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import Stemmer

from alignment.arrays import run_offsets
from alignment.language import ENGLISH, FUNCTION_WORDS, IRREGULAR_PLURALS, MONTH_VARIANTS, NUMBERS, WORD
from alignment.language import MONTHS as LANGUAGE_MONTHS
from alignment.word_spans import code_points, offset_type, word_spans

Token = tuple[int, int, str]
"""A word: start and end offsets into the text, and its normal form."""

# Numbers keep their inner separators ("1,000", "3.5", "10:30"); words keep inner apostrophes.
_WORD = re.compile(rf"\d+(?:[.,:]\d+)*%?|{WORD.pattern}")
"""What word_spans finds, written as a regex (word_spans is its numpy reading)."""
_SPACE = re.compile(r"\s")
_CHUNK = 1 << 18
_SAMPLE = 20000
"""Characters of each text whose function words tell its language."""
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'"})
# Typographic and straight quotes are one choice of typeface, not an edit; the ellipsis is "...".
# Replaced one after the other, not by str.translate: a gap of megabytes of "“" took seconds.
_QUOTES = {"’": "'", "‘": "'", "“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "…": "..."}.items()
_MONTH_NAMES = LANGUAGE_MONTHS[ENGLISH]
_MONTHS = {m[:3]: m for m in _MONTH_NAMES if m[:3] != m} | {
    v: _MONTH_NAMES[n - 1] for v, n in MONTH_VARIANTS[ENGLISH].items()
}
"""English month abbreviations ("aug", "sept") to the month."""
MONTHS = frozenset(_MONTH_NAMES)
"""Month names, in full."""
_NUMBER_WORDS = {w: str(n) for w, n in NUMBERS[ENGLISH].units.items()}


@dataclass(frozen=True, slots=True)
class Words:
    """Every word of a text: start and end offsets, and each word's number among the text's distinct
    words, whose normal forms are held once each (a book makes a string per distinct word).

    ``vocabulary`` holds the heavy forms (case, possessives, months, number words: for similarity and
    stems only), ``light`` the light ones (see :func:`light_form`), which decide which words a change
    takes in, and with the gaps whether two runs of words are the same: word k's are
    ``vocabulary[numbers[k]]`` and ``light[numbers[k]]`` (``norms`` and ``forms`` list them all).
    Gap k is the punctuation between word k-1 and word k as (what closes word k-1, what opens word k),
    ``gap_pairs[gap_numbers[k]]`` (``gaps`` lists them all); there is one more gap than words, and
    the same gap has the same number.
    """

    starts: Sequence[int]
    ends: Sequence[int]
    vocabulary: np.ndarray
    light: np.ndarray
    numbers: np.ndarray
    gap_pairs: list[tuple[str, str]]
    gap_numbers: np.ndarray

    @property
    def norms(self) -> list[str]:
        """Every word's heavy normal form, in text order."""
        return self.vocabulary.take(self.numbers).tolist()

    @property
    def forms(self) -> list[str]:
        """Every word's light normal form, in text order."""
        return self.light.take(self.numbers).tolist()

    @property
    def gaps(self) -> list[tuple[str, str]]:
        """Every gap's punctuation, in text order."""
        return np.fromiter(self.gap_pairs, object, len(self.gap_pairs)).take(self.gap_numbers).tolist()

    def norms_between(self, lo: int, hi: int) -> list[str]:
        """The heavy normal forms of words [lo, hi)."""
        return self.vocabulary.take(self.numbers[lo:hi]).tolist()

    def opens(self, i: int) -> str:
        """The punctuation that opens word i ("“", "(")."""
        return self.gap_pairs[self.gap_numbers[i]][1]

    def closes(self, i: int) -> str:
        """The punctuation that closes word i (".", ",", "”")."""
        return self.gap_pairs[self.gap_numbers[i + 1]][0]

    def between(self, start: int, end: int) -> tuple[int, int]:
        """The index range of the words that start inside [start, end)."""
        return bisect_left(self.starts, start), bisect_left(self.starts, end)


def text_words(text: str, start: int = 0, end: int | None = None) -> Words:
    """The words of text[start:end] with offsets into text, found with numpy (word_spans).

    Each chunk's words and gaps are numbered by the distinct ones as the chunk is read (words by their
    code points packed into a key, a long one's hashed and checked exactly), so a book makes one string
    per distinct word and gap, not one per word, and holds offsets and numbers as 4 bytes each.
    """
    end = len(text) if end is None else end
    offset = offset_type(len(text))  # word numbers too: there are fewer words than characters
    starts, ends = array(offset.char), array(offset.char)
    numbers: list[np.ndarray] = []
    vocabulary = _Vocabulary()
    gaps = _Gaps()
    pending = " "  # what stands before the first word opens it
    # Chunks cut at whitespace keep each C call short, so a GUI thread waiting for the GIL stays
    # responsive while a book is read in the background.
    while start < end:
        cut = _chunk_end(text, start, end)
        chunk = text[start:cut]
        codes = code_points(chunk)
        first, last = word_spans(codes)
        if len(first):
            starts.frombytes((first + start).astype(offset).tobytes())
            ends.frombytes((last + start).astype(offset).tobytes())
            bits = max(int(codes.max()).bit_length(), _LEAST_BITS)
            numbers.append(vocabulary.numbers(chunk, codes, first, last, bits).astype(offset))
            # A gap cut by a chunk boundary is one gap: its halves join.
            gaps.add(pending + chunk[: first[0]])
            gaps.inner(chunk, codes, first, last, bits)
            pending = chunk[last[-1] :]
        else:
            pending += chunk
        start = cut
    gaps.add(pending)
    ids = np.concatenate(numbers) if numbers else np.zeros(0, offset)
    heavy, light = vocabulary.forms()
    return Words(starts, ends, heavy, light, ids, *gaps.found())


class _Vocabulary(dict[str, int]):
    """The distinct words of a text, numbered in turn, and their normal forms."""

    def __init__(self) -> None:
        super().__init__()
        self._words: list[str] = []
        # By the bits of a code point in a key: the packed keys of the words met so far, sorted, and
        # their numbers (a chunk of other bits packs the same word otherwise).
        self._packed: dict[int, tuple[np.ndarray, np.ndarray]] = {}

    def __missing__(self, word: str) -> int:
        self._words.append(word)
        n = self[word] = len(self._words) - 1
        return n

    def numbers(
        self, chunk: str, codes: np.ndarray, first: np.ndarray, last: np.ndarray, bits: int
    ) -> np.ndarray:
        """The number of each word of a chunk (code points of at most ``bits`` bits, word starts, ends):
        a word met before by its packed key, any other by its string."""
        keys, hashed = _word_keys(codes, first, last, bits)
        where, inverse = _distinct(keys)
        like = where[inverse]
        repeated = hashed[like[hashed] != hashed]
        if not _same_words(codes, first, last, repeated, like[repeated]):
            where, inverse = np.arange(len(first)), np.arange(len(first))  # two words of one hash
        distinct = keys[where]
        known, numbers = self._packed.get(bits, (np.zeros(0, np.uint64), np.zeros(0, np.int64)))
        k = np.minimum(np.searchsorted(known, distinct), max(len(known) - 1, 0))
        met = known[k] == distinct if len(known) else np.zeros(len(where), bool)
        found = np.empty(len(where), np.int64)
        found[met] = numbers[k[met]]
        new = np.flatnonzero(~met)
        words = map(chunk.__getitem__, map(slice, first[where[new]].tolist(), last[where[new]].tolist()))
        found[new] = np.fromiter(map(self.__getitem__, words), np.int64, len(new))
        packed = new[distinct[new] < _HASHED]  # a hash met before is no proof: it is looked up each time
        if len(packed):
            known = np.concatenate((known, distinct[packed]))
            order = np.argsort(known, kind="stable")
            self._packed[bits] = known[order], np.concatenate((numbers, found[packed]))[order]
        return found[inverse]

    def forms(self) -> tuple[np.ndarray, np.ndarray]:
        """The heavy and the light normal form of each distinct word, by its number (object arrays)."""
        heavy = np.array(list(map(normalize, self._words)) or [""], dtype=object)
        light = np.array(list(map(light_form, self._words)) or [""], dtype=object)
        return heavy, light


_KEY_BITS = 63
"""Bits of a key that hold code points: the top one is left for marking a hash or a long gap."""
_HASHED = np.uint64(1 << _KEY_BITS)
"""The bit that marks a key as a hash, never set in a packed key."""
_LEAST_BITS = 7
"""The bits a code point takes in a key at the least (a text of digits and marks takes as many as
letters: _packed reads up to 9 code points of a byte)."""
_HASH_BASE = np.uint64(0x9E3779B97F4A7C15)
"""An odd 64-bit multiplier (2**64 / golden ratio): its powers never vanish modulo 2**64."""


_BYTE_MASKS = np.array([(1 << 8 * n) - 1 for n in range(8)] + [2**64 - 1], np.uint64)
"""The low n bytes of 64 bits, by n."""
_SPREAD = np.bitwise_or.reduce([
    (np.arange(128, dtype=np.uint64) >> np.uint64(b) & np.uint64(1)) << np.uint64(8 * b + 7) for b in range(7)
])  # fmt: skip
"""A 7-bit code point's bits spread over the top bits of the low seven bytes of 64, by code point."""


def _packed(codes: np.ndarray, at: np.ndarray, lengths: np.ndarray, width: int, bits: int) -> np.ndarray:
    """The first ``width`` code points (of ``bits`` bits each) of each stretch ``at`` of ``lengths``
    packed into 64 bits (the top one clear): the same code points, the same key (bits at least
    _LEAST_BITS).

    Code points of a byte are read eight at a time, each stretch's bytes one 64-bit word (a ninth
    7-bit one in the top bits its first seven leave clear); wider ones a code point a step."""
    if bits <= 8:
        # At least 9 bytes more than code points: those a stretch reads past the chunk's end are 0.
        buffer = np.zeros(len(codes) // 8 + 2, "<u8")
        chars = buffer.view(np.uint8)
        chars[: len(codes)] = codes
        # The 64 bits from each byte on (unaligned reads of the one buffer, not a copy per place).
        eights = np.lib.stride_tricks.as_strided(buffer, (len(codes) + 1,), (1,), writeable=False)
        keys = eights.take(at) & _BYTE_MASKS[np.minimum(lengths, min(width, 8))]
        if width > 8:
            keys |= _SPREAD[np.where(lengths > 8, chars[at + 8], 0)]
        return keys
    keys = np.zeros(len(at), np.uint64)
    for k in range(width):
        code = np.where(lengths > k, codes[np.minimum(at + k, len(codes) - 1)], 0)
        keys |= code.astype(np.uint64) << np.uint64(bits * k)
    return keys


def _word_keys(
    codes: np.ndarray, first: np.ndarray, last: np.ndarray, bits: int
) -> tuple[np.ndarray, np.ndarray]:
    """A 64-bit key per word, the same for the same word, and which keys are hashes (may collide).

    A word of up to as many code points as fit in 63 bits (9 of 7 bits, English text's; 3 of 21) is
    its own key (no word holds code point 0); a longer one's key is a polynomial hash modulo 2**64."""
    width = _KEY_BITS // bits
    lengths = last - first
    keys = _packed(codes, first, lengths, width, bits)
    hashed = np.flatnonzero(lengths > width)
    if len(hashed):
        n = lengths[hashed]
        starts = np.cumsum(n) - n
        offsets = np.arange(n.sum()) - np.repeat(starts, n)
        powers = np.cumprod(np.full(n.max(), _HASH_BASE))
        terms = codes[np.repeat(first[hashed], n) + offsets].astype(np.uint64) * powers[offsets]
        keys[hashed] = np.add.reduceat(terms, starts) | _HASHED
    return keys, hashed


_SLOT_BITS = 16
"""A table of 2**16 slots sorts out the few thousand distinct words or gaps of a chunk in one step."""


def _distinct(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """An index of one key of each distinct value, and each key's number (an index into those).

    Keys are spread over a table of slots by a multiplicative hash; the few that share a slot with
    another value are sorted out by np.unique (sorting every key took longer than the rest)."""
    slots = (keys * _HASH_BASE) >> np.uint64(64 - _SLOT_BITS)
    table = np.empty(1 << _SLOT_BITS, np.int64)
    table[slots] = np.arange(len(keys))
    like = table[slots]
    missed = np.flatnonzero(keys[like] != keys)
    if len(missed):
        _, first, inverse = np.unique(keys[missed], return_index=True, return_inverse=True)
        like[missed] = missed[first][inverse]
    where = np.flatnonzero(like == np.arange(len(keys)))
    number = np.empty(len(keys), np.int64)
    number[where] = np.arange(len(where))
    return where, number[like]


def _same_words(
    codes: np.ndarray, first: np.ndarray, last: np.ndarray, which: np.ndarray, like: np.ndarray
) -> bool:
    """Whether each word which[k] has the very code points of word like[k] (hashes can collide)."""
    starts, lengths = first[which], last[which] - first[which]
    if not np.array_equal(lengths, last[like] - first[like]):
        return False
    offsets = run_offsets(lengths)
    return np.array_equal(
        codes[np.repeat(starts, lengths) + offsets], codes[np.repeat(first[like], lengths) + offsets]
    )


_SHORT_GAP = 3
"""Gaps of up to this many characters (a space, ", ", ". “": nearly all of them) are known by a key."""
_LENGTH_BITS = 2
"""Bits of a short gap's key that hold its length."""
_LONG_GAP = _HASHED
"""The key of every gap too long to pack (numbered from its string)."""


class _Gaps:
    """The punctuation of each gap between words in turn, one (closes, opens) pair per distinct gap."""

    def __init__(self) -> None:
        self._pairs: list[tuple[str, str]] = []
        self._numbers: list[np.ndarray] = []
        self._of = _Table(self._number)

    def add(self, gap: str) -> None:
        """One more gap."""
        self._numbers.append(np.array([self._of[gap]], np.int64))

    def inner(self, chunk: str, codes: np.ndarray, starts: np.ndarray, ends: np.ndarray, bits: int) -> None:
        """The gaps between a chunk's words (code points of at most this many bits): each distinct
        short one (its code points and length packed into a key) and each long one made a string once."""
        lengths = starts[1:] - ends[:-1]
        at = ends[:-1]
        width = min(_SHORT_GAP, (_KEY_BITS - _LENGTH_BITS) // bits)
        keys = _packed(codes, at, lengths, width, bits) << np.uint64(_LENGTH_BITS) | lengths.astype(np.uint64)
        long = np.flatnonzero(lengths > width)
        keys[long] = _LONG_GAP
        where, inverse = _distinct(keys)
        distinct = map(chunk.__getitem__, map(slice, at[where].tolist(), starts[1:][where].tolist()))
        numbers = np.fromiter(map(self._of.__getitem__, distinct), np.int64, len(where))[inverse]
        for k in long.tolist():
            numbers[k] = self._of[chunk[ends[k] : starts[k + 1]]]
        self._numbers.append(numbers)

    def found(self) -> tuple[list[tuple[str, str]], np.ndarray]:
        """The punctuation of each distinct gap, and each gap's number, in text order (in the narrowest
        integer type that holds them: a book has a few hundred distinct gaps and a million gaps)."""
        numbers = np.concatenate(self._numbers) if self._numbers else np.zeros(0, np.int64)
        return self._pairs, numbers.astype(np.min_scalar_type(max(len(self._pairs) - 1, 0)))

    def _number(self, gap: str) -> int:
        """A new distinct gap's number."""
        self._pairs.append(_split_gap(gap))
        return len(self._pairs) - 1


class _Table(dict[str, Any]):
    """What a function makes of each distinct string, made once when first asked for."""

    def __init__(self, make: Callable[[str], Any]) -> None:
        super().__init__()
        self._make = make

    def __missing__(self, key: str) -> Any:
        value = self[key] = self._make(key)
        return value


def _split_gap(gap: str) -> tuple[str, str]:
    """The punctuation of a gap between words: what closes the word before, what opens the next.

    Punctuation touching the next word opens it; everything else ("," "—" "-") closes the word before.
    """
    for typographic, plain in _QUOTES:
        gap = gap.replace(typographic, plain)
    parts = gap.split()
    if not parts or gap[-1].isspace() or (len(parts) == 1 and not gap[0].isspace()):
        return "".join(parts), ""
    return "".join(parts[:-1]), parts[-1]


def light_form(word: str) -> str:
    """A word as typed, up to Unicode compatibility forms and typographic apostrophes: case counts."""
    return _plain_apostrophes(unicodedata.normalize("NFKC", word))


def _plain_apostrophes(word: str) -> str:
    """A word with its typographic apostrophes made "'": str.translate only where one may stand (it
    costs more than the rest of a normal form; an ASCII word can hold only "`")."""
    return word.replace("`", "'") if word.isascii() else word.translate(_APOSTROPHES)


def _chunk_end(text: str, start: int, end: int) -> int:
    """Where a chunk of about _CHUNK characters from start may end: at whitespace, or at end."""
    if end - start <= _CHUNK:
        return end
    space = _SPACE.search(text, start + _CHUNK, end)
    return space.start() if space else end


def words(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """The words of text[start:end] as (start, end, normal form) tuples."""
    w = text_words(text, start, end)
    return list(zip(w.starts, w.ends, w.norms, strict=True))


def normalize(word: str) -> str:
    """A word's comparable form: case-folded, typographic apostrophes and number forms unified."""
    w = _plain_apostrophes(unicodedata.normalize("NFKC", word).casefold())
    if w.endswith("'s"):
        w = w[:-2]
    if w[:1].isdigit():
        return w.replace(",", "") if re.fullmatch(r"\d{1,3}(,\d{3})+(\.\d+)?%?", w) else w
    return _MONTHS.get(w) or _NUMBER_WORDS.get(w) or w


def detect_language(texts: Iterable[str]) -> str:
    """The language (a Snowball stemmer name) whose function words are commonest; English if none."""
    counts: Counter[str] = Counter()
    for text in texts:
        # Each distinct word normalised once, counted as often as it stands.
        sample = [(normalize(w), n) for w, n in Counter(_WORD.findall(text, 0, _SAMPLE)).items()]
        for lang, stop in FUNCTION_WORDS.items():
            counts[lang] += sum(n for w, n in sample if w in stop)
    best, hits = max(counts.items(), key=lambda kv: kv[1], default=("english", 0))
    return best if hits else "english"


@dataclass
class Lexicon:
    """Stems and function words of one language, with a cache: stemming is done once per word."""

    language: str = "english"
    _stemmer: Stemmer.Stemmer = field(init=False, repr=False)
    _cache: dict[str, str] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        # No cache of the stemmer's own: this one serves, and the stemmer's costs more than it saves.
        self._stemmer = Stemmer.Stemmer(self.language, 0)
        self.stopwords = FUNCTION_WORDS.get(self.language, frozenset())
        self._singular = IRREGULAR_PLURALS.get(self.language, {})

    def stem(self, word: str) -> str:
        """The stem of a normalised word; numbers stay as they are."""
        s = self._cache.get(word)
        if s is None:
            s = word if word[:1].isdigit() else self._stemmer.stemWord(self._singular.get(word, word))
            self._cache[word] = s
        return s

    def stems(self, words: list[str]) -> list[str]:
        """The stem of each of these normalised words, as stem() gives it (new ones stemmed in one call)."""
        cache = self._cache
        new = [w for w in dict.fromkeys(words) if w not in cache and not w[:1].isdigit()]
        cache.update(zip(new, self._stemmer.stemWords([self._singular.get(w, w) for w in new]), strict=True))
        return [cache.get(w) or self.stem(w) for w in words]

    def content_stems(self, words: Words, bounds: np.ndarray) -> list[list[str]]:
        """For each [lo, hi) row of bounds (word indices), the stems of its content words (function
        words left out)."""
        return self.numbered_stems(words, bounds).lists()

    def numbered_stems(self, words: Words, bounds: np.ndarray) -> NumberedStems:
        """content_stems() as numbers: the stems of the text's distinct words, and which of them each
        content word has."""
        vocabulary = words.vocabulary.tolist()
        stems = self.stems(vocabulary)
        stems = ["" if w in self.stopwords else stem for w, stem in zip(vocabulary, stems, strict=True)]
        content = np.fromiter(map(bool, stems), bool, len(stems))[words.numbers]
        counted = np.concatenate(([0], np.cumsum(content))).take(bounds)
        return NumberedStems(stems, words.numbers[content], counted)


@dataclass(frozen=True)
class NumberedStems:
    """The content stems of rows of words as numbers: ``by_word`` holds the stem of each distinct
    word of the text ("" for a function word), ``numbers`` the distinct word of each content word in
    text order, and ``counted`` each row's range among those (a row each)."""

    by_word: list[str]
    numbers: np.ndarray
    counted: np.ndarray

    def lists(self) -> list[list[str]]:
        """Each row's stems as strings."""
        flat = np.array(self.by_word, dtype=object).take(self.numbers).tolist()
        lo, hi = self.counted[:, 0].tolist(), self.counted[:, 1].tolist()
        return list(map(flat.__getitem__, map(slice, lo, hi)))  # no Python loop over a book's sentences
