"""The semantic model: WordLlama word embeddings loaded offline from its own wheel."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

_DIM = 256
"""WordLlama's full embedding width; its matryoshka prefixes would lose the finer distinctions."""
_BATCH = 512
"""Texts tokenised per call: big enough to amortise the call, small enough to stay in cache."""


@functools.cache
def model() -> Any:
    """The WordLlama model shipped in the wheel, loaded once; it never downloads anything."""
    import wordllama  # deferred: the lexical path and the viewer start without the model

    # The default cache is a user folder where the tokenizer is not found, and the loader then goes
    # to the network; the wheel's own folder holds both the weights and the tokenizer.
    return wordllama.WordLlama.load(
        cache_dir=Path(wordllama.__file__).parent, disable_download=True, dim=_DIM
    )


def embed(texts: Sequence[str]) -> np.ndarray:
    """One unit-length float32 row per text (a text without known words gets a zero row)."""
    if not texts:
        return np.zeros((0, _DIM), dtype=np.float32)
    rows = model().embed(list(texts), norm=False, batch_size=_BATCH).astype(np.float32, copy=False)
    norms = np.linalg.norm(rows, axis=1, keepdims=True)
    np.divide(rows, norms, out=rows, where=norms > 0)
    return rows


def word_similarities(pairs: Sequence[tuple[str, str]]) -> np.ndarray:
    """Cosine similarity in [-1, 1] of each pair of words (or short phrases), in one batch."""
    if not pairs:
        return np.zeros(0, dtype=np.float32)
    vectors = embed([w for pair in pairs for w in pair])
    return np.einsum("ij,ij->i", vectors[0::2], vectors[1::2])


def word_similarity(a: str, b: str) -> float:
    """Cosine similarity in [-1, 1] of two words: 1 for the same word, near 0 for unrelated ones."""
    return float(word_similarities([(a, b)])[0])
