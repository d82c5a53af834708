"""The semantic model: WordLlama word embeddings read offline from its own wheel's files."""

from __future__ import annotations

import functools
import importlib.util
import itertools
import json
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from alignment.wordpieces import WordPieces

_PACKAGE = "wordllama"
"""The wheel that ships the model; only its files are read (importing it pulls pydantic, requests and
more: about 0.75 s, which was most of aligning a short pair)."""
_TENSOR = "embedding.weight"
_TOKENIZER = Path("tokenizers", "l2_supercat_tokenizer_config.json")
_WEIGHTS_DIM = 256
"""The width of the weights the wheel ships."""
_WEIGHTS = Path("weights", f"l2_supercat_{_WEIGHTS_DIM}.safetensors")
_HEADER_LENGTH = 8
"""Bytes of a safetensors file's leading header length."""
DIM = 256
"""The leading dimensions used (WordLlama is trained so that any prefix is an embedding)."""
_CHUNK = 2048
"""New words tokenised per step."""
_SUM_CHUNK = 256
"""Sentences summed per step: a step's word vectors (a few MB for verses) stay in the cache, and its
fixed cost (a few dozen numpy calls) is spread over many sentences (1024 took twice as long)."""
_LANES = 8
"""numpy's pairwise sum adds a run of this many numbers or more in this many interleaved sums..."""
_BLOCK = 128
"""...and splits a run longer than this in halves."""
_LONGEST_WORD = 48
"""Characters of a word that are tokenised: longer than any dictionary word; a 5 MB "word" (a run of
punctuation, a blob) would become millions of token vectors."""


@dataclass(frozen=True)
class Model:
    """WordLlama's token-embedding table (one row per token id, as the wheel stores it) and its tokenizer."""

    embedding: np.ndarray
    tokenizer: WordPieces


@functools.cache
def model() -> Model:
    """The WordLlama model shipped in the wheel, read once from the wheel's folder; never downloads."""
    spec = importlib.util.find_spec(_PACKAGE)  # finds the folder without running the package
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError(f"the semantic model's package {_PACKAGE!r} is not installed")
    folder = Path(spec.submodule_search_locations[0])
    # The table stays in the wheel's float16: the rows a text uses are widened to float32 (exactly, as
    # WordLlama widens all of them), which spares widening 32,000 rows for a short pair's few thousand.
    table = _mapped_tensor(folder / _WEIGHTS, _TENSOR)[:, :DIM]
    return Model(table, WordPieces(folder / _TOKENIZER))


def _mapped_tensor(path: Path, name: str) -> np.ndarray:
    """A float16 tensor of a safetensors file, mapped read-only: only the rows a text uses are read.

    The format is a little-endian 8-byte header length, a JSON header giving each tensor's dtype,
    shape and byte range, then the data; reading the whole 16 MB file took longer than a short pair's
    alignment, and the safetensors package is not needed for it.
    """
    with open(path, "rb") as f:
        size = int.from_bytes(f.read(_HEADER_LENGTH), "little")
        entry = json.loads(f.read(size))[name]
    if entry["dtype"] != "F16":
        raise ValueError(f"{path}: {name} is {entry['dtype']}, not the float16 of the wheel paralign reads")
    start = entry["data_offsets"][0]
    mapped = np.memmap(
        path, np.float16, "r", offset=_HEADER_LENGTH + size + start, shape=tuple(entry["shape"])
    )
    return mapped.view(np.ndarray)


class Encoder:
    """Sentence embeddings as WordLlama makes them (the mean of the text's token vectors), but with
    each distinct word tokenised once: a book has a few thousand words and a million tokens."""

    def __init__(self) -> None:
        # A word met for the first time takes the next id: a book's words get their ids in one pass.
        self._index: defaultdict[str, int] = defaultdict()
        self._index.default_factory = self._index.__len__
        self._sums = np.zeros((0, DIM), dtype=np.float32)  # a row per word learned, then spare rows

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """One unit-length float32 row per text (a text without known words gets a zero row).

        A text's row depends on that text alone, to the bit: its words are added in reading order,
        whatever was embedded before or beside it, so any batch, thread or process gives the same row.
        """
        words = [t.split() for t in texts]
        sizes = np.fromiter(map(len, words), dtype=np.int64, count=len(words))
        known = len(self._index)
        ids = np.fromiter(
            map(self._index.__getitem__, itertools.chain.from_iterable(words)), np.int64, int(sizes.sum())
        )
        self._learn(list(itertools.islice(self._index, known, None)))
        rows = np.zeros((len(texts), DIM), dtype=np.float32)
        ends = np.cumsum(sizes)
        for k in range(0, len(texts), _SUM_CHUNK):
            chunk = sizes[k : k + _SUM_CHUNK]
            first = int(ends[k] - chunk[0]) if len(chunk) else 0
            chunk_ids = ids[first : first + int(chunk.sum())]
            if not len(chunk_ids):
                continue
            owner, word, counts = _reading_order(chunk, chunk_ids)
            starts = np.flatnonzero(np.diff(owner, prepend=-1))
            rows[k + owner[starts]] = _segment_sums(self._sums, word, counts, starts)
        norms = np.linalg.norm(rows, axis=1, keepdims=True)
        np.divide(rows, norms, out=rows, where=norms > 0)
        return rows

    def _learn(self, new: list[str]) -> None:
        """Tokenise the words just given ids and keep the sum of each one's token vectors."""
        if not new:
            return
        first = len(self._index) - len(new)
        if len(self._index) > len(self._sums):  # grow by doubling: a book learns its words in many calls
            grown = np.zeros((max(2 * len(self._sums), len(self._index)), DIM), dtype=np.float32)
            grown[:first] = self._sums[:first]
            self._sums = grown
        table, tokenizer = model().embedding, model().tokenizer
        for k in range(0, len(new), _CHUNK):
            words = [w[:_LONGEST_WORD] for w in new[k : k + _CHUNK]]
            encoded = tokenizer.ids(words)
            sizes = np.fromiter(map(len, encoded), dtype=np.int64, count=len(encoded))
            ids = np.fromiter(itertools.chain.from_iterable(encoded), np.int64, int(sizes.sum()))
            filled = sizes > 0
            if filled.any():
                vectors = table[np.clip(ids, 0, len(table) - 1)].astype(np.float32)
                starts = (np.cumsum(sizes) - sizes)[filled]
                ones = np.ones(len(ids), dtype=np.float32)
                at = first + k + np.flatnonzero(filled)
                self._sums[at] = _segment_sums(vectors, np.arange(len(ids)), ones, starts)


def _reading_order(sizes: np.ndarray, ids: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each word of these texts in reading order (its text, its id, a count of 1).

    A text past _BLOCK words (which _segment_sums would gather at once) gives each distinct word once,
    where it first occurs, times its count: a text of a million words gathers its few distinct words'
    vectors, not a million of them."""
    owner = np.repeat(np.arange(len(sizes)), sizes)
    counts = np.ones(len(ids), dtype=np.float32)
    if not (sizes > _BLOCK).any():
        return owner, ids, counts
    keep = np.ones(len(ids), dtype=bool)
    ends = np.cumsum(sizes)
    for s in np.flatnonzero(sizes > _BLOCK):
        lo, hi = int(ends[s] - sizes[s]), int(ends[s])
        _, at, seen = np.unique(ids[lo:hi], return_index=True, return_counts=True)
        keep[lo:hi] = False
        keep[lo + at] = True
        counts[lo + at] = seen
    return owner[keep], ids[keep], counts[keep]


def _segment_sums(table: np.ndarray, ids: np.ndarray, counts: np.ndarray, starts: np.ndarray) -> np.ndarray:
    """``np.add.reduceat(table[ids] * counts[:, None], starts, axis=0)`` to the bit, several times faster.

    reduceat makes one small reduction per segment and column. Its sum of a segment is the first row
    plus numpy's pairwise sum of the rest: under _LANES rows one running sum, up to _BLOCK rows
    _LANES interleaved running sums added as a tree, then the leftover rows. Here each step's rows
    are gathered for all segments at once and added straight away (a step's rows stay in the cache;
    gathering all rows first wrote and read them back from memory); the rare segment past _BLOCK
    rows goes to reduceat itself. Same bits, so every score stays the same.
    """
    rest = np.diff(starts, append=len(ids)) - 1
    laned = (rest >= _LANES) & (rest <= _BLOCK)
    blocks = np.where(laned, rest // _LANES, 0)
    left = np.where(rest <= _BLOCK, rest - blocks * _LANES, 0)
    by_blocks = np.argsort(-blocks, kind="stable")[: np.count_nonzero(laned)]
    by_left = np.argsort(-left, kind="stable")[: np.count_nonzero(left)]
    block_sizes = [int(np.count_nonzero(blocks > t)) for t in range(int(blocks.max(initial=0)))]
    left_sizes = [int(np.count_nonzero(left > u)) for u in range(int(left.max(initial=0)))]

    def rows(at: np.ndarray) -> np.ndarray:
        """The rows at these places, times their counts (most words occur once in their sentence)."""
        gathered = np.take(table, ids[at], axis=0)  # take gathers rows faster than indexing
        scale = counts[at]
        if (scale != 1).any():
            gathered *= scale[..., None]  # times 1 is exact: the rows counted once keep their bits
        return gathered

    out = rows(starts)
    sums = np.full((len(by_left), table.shape[1]), -0.0, dtype=table.dtype)  # -0.0: x + -0.0 is x
    if block_sizes:
        lanes = np.arange(_LANES)
        first = starts[by_blocks, None] + 1 + lanes
        acc = rows(first)
        for t, k in enumerate(block_sizes[1:], 1):
            acc[:k] += rows(first[:k] + t * _LANES)
        tree = acc
        while tree.shape[1] > 1:  # the lanes added pairwise: ((0+1)+(2+3))+((4+5)+(6+7))
            tree = tree[:, 0::2] + tree[:, 1::2]
        tree = tree[:, 0]
        slot = np.full(len(starts), -1)
        slot[by_left] = np.arange(len(by_left))
        with_left = slot[by_blocks] >= 0
        sums[slot[by_blocks[with_left]]] = tree[with_left]
        out[by_blocks[~with_left]] += tree[~with_left]
    tail = starts[by_left] + 1 + blocks[by_left] * _LANES
    for u, k in enumerate(left_sizes):
        sums[:k] += rows(tail[:k] + u)
    out[by_left] += sums
    for s in np.flatnonzero(rest > _BLOCK):
        lo, hi = starts[s], starts[s] + rest[s] + 1
        out[s] = np.add.reduceat(table[ids[lo:hi]] * counts[lo:hi, None], [0], axis=0)[0]
    return out


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
