"""One document as the aligner sees it: words, the word range and content stems of each sentence."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from alignment.model import Sentence
from alignment.similarity import StemNumbers
from alignment.tokens import Lexicon, NumberedStems, Words, text_words


class Side:
    """One document's words, the word range of each sentence and each sentence's content stems."""

    def __init__(self, text: str, sentences: Sequence[Sentence], lexicon: Lexicon) -> None:
        self.text = text
        self.sentences = sentences
        self.words: Words = text_words(text)
        bounds = _word_bounds(self.words, sentences)
        self.ranges: list[tuple[int, int]] = list(map(tuple, bounds.tolist()))
        numbered = lexicon.numbered_stems(self.words, bounds)
        # A sentence of function words only is known by its words, one without words by its text.
        self.stems = [
            stems or self.words.norms_between(lo, hi) or [text[s.start : s.end]]
            for stems, (lo, hi), s in zip(numbered.lists(), self.ranges, sentences, strict=True)
        ]
        self.stem_numbers = _stem_numbers(numbered, self.stems)

    def __len__(self) -> int:
        return len(self.sentences)

    def length(self, i: int) -> int:
        """Number of words in sentence i."""
        lo, hi = self.ranges[i]
        return hi - lo


def _stem_numbers(numbered: NumberedStems, stems: list[list[str]]) -> StemNumbers:
    """Every sentence's stems (``stems``: as strings, those of sentences without content stems too)
    as numbers into a list of strings, with how many each sentence has: what Similarity numbers the
    stems by without a dictionary lookup per stem."""
    empty = [k for k, (lo, hi) in enumerate(numbered.counted) if lo == hi]
    extra = [stem for k in empty for stem in stems[k]]
    at = [numbered.counted[k][0] for k in empty for _ in stems[k]]
    known = len(numbered.by_word)
    numbers = np.insert(numbered.numbers.astype(np.int64), at, np.arange(known, known + len(extra)))
    return numbered.by_word + extra, numbers, np.fromiter(map(len, stems), np.int64, len(stems))


def _word_bounds(words: Words, sentences: Sequence[Sentence]) -> np.ndarray:
    """The index range [lo, hi) of the words of each sentence, a row each (as Words.between, for all
    sentences at once)."""
    starts = np.asarray(words.starts, np.int64)
    bounds = np.fromiter((x for s in sentences for x in (s.start, s.end)), np.int64, 2 * len(sentences))
    return np.searchsorted(starts, bounds).reshape(-1, 2)
