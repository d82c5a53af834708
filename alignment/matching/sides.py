"""One document as the aligner sees it: words, the word range and content stems of each sentence."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from alignment.model import Sentence
from alignment.tokens import Lexicon, Words, text_words


class Side:
    """One document's words, the word range of each sentence and each sentence's content stems."""

    def __init__(self, text: str, sentences: Sequence[Sentence], lexicon: Lexicon) -> None:
        self.text = text
        self.sentences = sentences
        self.words: Words = text_words(text)
        self.ranges = _word_ranges(self.words, sentences)
        # A sentence of function words only is known by its words, one without words by its text.
        self.stems = [
            stems or self.words.norms[lo:hi] or [text[s.start : s.end]]
            for stems, (lo, hi), s in zip(
                lexicon.content_stems(self.words.norms, self.ranges), self.ranges, sentences, strict=True
            )
        ]

    def __len__(self) -> int:
        return len(self.sentences)

    def length(self, i: int) -> int:
        """Number of words in sentence i."""
        lo, hi = self.ranges[i]
        return hi - lo

    def sentence_text(self, i: int) -> str:
        """The text of sentence i."""
        s = self.sentences[i]
        return self.text[s.start : s.end]


def _word_ranges(words: Words, sentences: Sequence[Sentence]) -> list[tuple[int, int]]:
    """The index range of the words of each sentence (as Words.between, for all sentences at once)."""
    starts = np.asarray(words.starts, np.int64)
    bounds = np.fromiter((x for s in sentences for x in (s.start, s.end)), np.int64, 2 * len(sentences))
    found = np.searchsorted(starts, bounds).tolist()
    return list(zip(found[::2], found[1::2], strict=True))
