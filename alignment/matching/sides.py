"""One document as the aligner sees it: words, the word range and content stems of each sentence."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from alignment.arrays import sentence_spans
from alignment.model import Sentence
from alignment.similarity import StemNumbers
from alignment.tokens import Lexicon, NumberedStems, Words, text_words


class Side:
    """One document's words, the word range of each sentence and each sentence's content stems."""

    def __init__(self, text: str, sentences: Sequence[Sentence], lexicon: Lexicon) -> None:
        self.text = text
        self.sentences = sentences
        self.words: Words = text_words(text)
        self.spans = sentence_spans(sentences)
        """Each sentence's start and end offsets, a row each."""
        # The index range [lo, hi) of the words of each sentence, a row each (as Words.between).
        bounds = np.searchsorted(np.asarray(self.words.starts, np.int64), self.spans)
        lo, hi = bounds[:, 0].tolist(), bounds[:, 1].tolist()
        self.ranges: list[tuple[int, int]] = list(zip(lo, hi, strict=True))
        numbered = lexicon.numbered_stems(self.words, bounds)
        self.stems = numbered.lists()
        # A sentence of function words only is known by its words, one without words by its text.
        empty = np.flatnonzero(numbered.counted[:, 0] == numbered.counted[:, 1]).tolist()
        for k in empty:
            sentence = sentences[k]
            self.stems[k] = self.words.norms_between(lo[k], hi[k]) or [text[sentence.start : sentence.end]]
        self.stem_numbers = _stem_numbers(numbered, self.stems, empty)

    def __len__(self) -> int:
        return len(self.sentences)

    def length(self, i: int) -> int:
        """Number of words in sentence i."""
        lo, hi = self.ranges[i]
        return hi - lo


def _stem_numbers(numbered: NumberedStems, stems: list[list[str]], empty: list[int]) -> StemNumbers:
    """Every sentence's stems (``stems``: as strings, those of the sentences ``empty`` of content
    stems too) as numbers into a list of strings, with how many each sentence has: what Similarity
    numbers the stems by without a dictionary lookup per stem."""
    extra = [stem for k in empty for stem in stems[k]]
    sizes = [len(stems[k]) for k in empty]
    at = np.repeat(numbered.counted[empty, 0], sizes)
    known = len(numbered.by_word)
    numbers = np.insert(numbered.numbers.astype(np.int64), at, np.arange(known, known + len(extra)))
    counts = np.diff(numbered.counted, axis=1).reshape(-1)
    counts[empty] = sizes
    return numbered.by_word + extra, numbers, counts
