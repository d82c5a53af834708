"""The semantic model: WordLlama word embeddings loaded offline from its own wheel."""

from __future__ import annotations

import functools
import itertools
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

_WEIGHTS_DIM = 256
"""The width of the weights the wheel ships."""
_DIM = 256
"""The leading dimensions used (WordLlama is trained so that any prefix is an embedding)."""
_CHUNK = 2048
"""New words tokenised per step."""
_SUM_CHUNK = 256
"""Sentences summed per step: their gathered word vectors (a few MB) stay in the CPU's cache, which
makes the sum several times faster than in bigger steps."""
_LONGEST_WORD = 48
"""Characters of a word that are tokenised: longer than any dictionary word; a 5 MB "word" (a run of
punctuation, a blob) would become millions of token vectors, and the batch is padded to its longest."""


@functools.cache
def model() -> Any:
    """The WordLlama model shipped in the wheel, loaded once; it never downloads anything."""
    import wordllama  # deferred: the lexical path and the viewer start without the model

    # The default cache is a user folder where the tokenizer is not found, and the loader then goes
    # to the network; the wheel's own folder holds both the weights and the tokenizer.
    return wordllama.WordLlama.load(
        cache_dir=Path(wordllama.__file__).parent, disable_download=True, dim=_WEIGHTS_DIM
    )


class Encoder:
    """Sentence embeddings as WordLlama makes them (the mean of the text's token vectors), but with
    each distinct word tokenised once: a book has a few thousand words and a million tokens."""

    def __init__(self) -> None:
        self._index: dict[str, int] = {}
        self._sums = np.zeros((0, _DIM), dtype=np.float32)
        self._counts = np.zeros(0, dtype=np.int64)

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """One unit-length float32 row per text (a text without known words gets a zero row)."""
        words = [t.split() for t in texts]
        self._learn([w for w in dict.fromkeys(itertools.chain.from_iterable(words)) if w not in self._index])
        rows = np.zeros((len(texts), _DIM), dtype=np.float32)
        for k in range(0, len(texts), _SUM_CHUNK):
            chunk = words[k : k + _SUM_CHUNK]
            sizes = np.fromiter(map(len, chunk), dtype=np.int64, count=len(chunk))
            ids = np.fromiter(
                map(self._index.__getitem__, itertools.chain.from_iterable(chunk)), np.int64, int(sizes.sum())
            )
            if not len(ids):
                continue
            # Each distinct word of a sentence once, times its count: a sentence of a million words
            # gathers its few distinct words' vectors, not a million of them.
            owner = np.repeat(np.arange(len(chunk)), sizes)
            keys, counts = np.unique(owner * len(self._index) + ids, return_counts=True)
            owner, ids = np.divmod(keys, len(self._index))
            starts = np.flatnonzero(np.diff(owner, prepend=-1))
            vectors = self._sums[ids] * counts[:, None].astype(np.float32)
            rows[k + owner[starts]] = np.add.reduceat(vectors, starts, axis=0)
        norms = np.linalg.norm(rows, axis=1, keepdims=True)
        np.divide(rows, norms, out=rows, where=norms > 0)
        return rows

    def _learn(self, new: list[str]) -> None:
        """Tokenise new words and keep the sum of each one's token vectors."""
        if not new:
            return
        table = model().embedding[:, :_DIM]
        sums, counts = [], []
        for k in range(0, len(new), _CHUNK):
            # The model's tokenizer pads a batch to its longest word: the mask says which ids are real.
            words = [w[:_LONGEST_WORD] for w in new[k : k + _CHUNK]]
            encoded = model().tokenizer.encode_batch(words, add_special_tokens=False)
            sizes = np.fromiter((sum(e.attention_mask) for e in encoded), dtype=np.int64, count=len(encoded))
            real = (e.ids[:n] for e, n in zip(encoded, sizes.tolist(), strict=True))
            ids = np.fromiter(itertools.chain.from_iterable(real), np.int64, int(sizes.sum()))
            part = np.zeros((len(encoded), _DIM), dtype=np.float32)
            filled = sizes > 0
            if filled.any():
                starts = np.concatenate([[0], np.cumsum(sizes)[:-1]])[filled]
                part[filled] = np.add.reduceat(table[np.clip(ids, 0, len(table) - 1)], starts, axis=0)
            sums.append(part)
            counts.append(sizes)
        base = len(self._index)
        self._index.update((w, base + k) for k, w in enumerate(new))
        self._sums = np.concatenate([self._sums, *sums])
        self._counts = np.concatenate([self._counts, *counts])


def embed(texts: Sequence[str]) -> np.ndarray:
    """One unit-length float32 row per text (a text without known words gets a zero row)."""
    return Encoder().embed(texts)


def word_similarities(pairs: Sequence[tuple[str, str]]) -> np.ndarray:
    """Cosine similarity in [-1, 1] of each pair of words (or short phrases), in one batch."""
    if not pairs:
        return np.zeros(0, dtype=np.float32)
    vectors = embed([w for pair in pairs for w in pair])
    return np.einsum("ij,ij->i", vectors[0::2], vectors[1::2])


def word_similarity(a: str, b: str) -> float:
    """Cosine similarity in [-1, 1] of two words: 1 for the same word, near 0 for unrelated ones."""
    return float(word_similarities([(a, b)])[0])
