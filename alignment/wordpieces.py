"""WordLlama's tokenizer for words: its byte-pair encoding in Python for a short text, the Rust one after.

Loading the `tokenizers` library's tokenizer took 0.1-0.15 s, holding the interpreter: a third of
aligning a short pair. For the one tokenizer file paralign was checked against (the same size and
CRC), reading its vocabulary with `json` and merging a few hundred words here takes a fraction of
that, and gives the same ids: tests/test_wordpieces.py holds it to the Rust tokenizer over every
vocabulary entry and words of many scripts. Any other file goes to the Rust tokenizer.
"""

from __future__ import annotations

import itertools
import json
import re
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

CHECKED = (1842796, 0x3FAF5800)
"""Size and CRC-32 of the tokenizer file the Python encoding was checked against (wordllama 0.4's
l2_supercat: LLaMA 2's SentencePiece BPE, byte fallback, a ▁ put before the text and for spaces)."""
_FEW_WORDS = 2000
"""Words merged in Python before the Rust tokenizer takes over (merging them takes a fraction of loading
it). Under the 2048 new words semantic.Encoder tokenises per step: a book's first step goes to the Rust
tokenizer at once, without reading the tables here too."""
_SPACE = "\u2581"
"""SentencePiece's mark for a space, which the normalizer puts before a text and for each space."""
_LONGEST_SPACE_RUN = 16
"""The vocabulary's runs of ▁ go up to this length."""
_NO_MERGE = 1 << 62
"""The rank of a pair that no merge joins: above every real rank."""


@dataclass(frozen=True)
class _Tables:
    """What the Python encoding reads from the tokenizer's file."""

    vocab: dict[str, int]
    late: frozenset[str]
    """The pieces whose merges come after all others: the runs of ▁."""
    added: dict[str, int]
    """The added tokens ("<s>"), which cut a text before it is normalized."""
    added_pattern: re.Pattern[str]


class WordPieces:
    """The token ids of words (no special tokens added), as WordLlama's tokenizer file makes them."""

    def __init__(self, path: Path) -> None:
        self._path = path
        self._tables: _Tables | None = None
        self._rust: Any = None  # tokenizers.Tokenizer, loaded when the text has many words
        self._few_left = _FEW_WORDS
        self._ranks: dict[str, int] = {}  # each pair met ("▁t he") to its merge's rank

    def ids(self, words: Sequence[str]) -> list[list[int]]:
        """Each word's token ids, as `Tokenizer.encode(word, add_special_tokens=False).ids` gives them."""
        if self._rust is None and len(words) <= self._few_left:
            tables = self._read()
            if tables is not None:
                self._few_left -= len(words)
                return [self._encoded(word, tables) for word in words]
        return [e.ids for e in self._full().encode_batch_fast(list(words), add_special_tokens=False)]

    def _read(self) -> _Tables | None:
        """The vocabulary and added tokens of the checked file; None for any other file."""
        if self._tables is None:
            data = self._path.read_bytes()
            if (len(data), zlib.crc32(data)) != CHECKED:
                self._few_left = 0
                return None
            # The merges, most of the file, are not read: see _rank.
            text = data[: data.index(b'"merges"')].decode("utf-8")
            decoder = json.JSONDecoder()
            added = decoder.raw_decode(text, text.index("[", text.index('"added_tokens"')))[0]
            vocab = decoder.raw_decode(text, text.index("{", text.index('"vocab"')))[0]
            contents = {token["content"]: token["id"] for token in added}
            self._tables = _Tables(
                vocab,
                frozenset(run for n in range(1, _LONGEST_SPACE_RUN + 1) if (run := _SPACE * n) in vocab),
                contents,
                # Longest first: of two added tokens starting at one place, the longer is taken.
                re.compile("(" + "|".join(map(re.escape, sorted(contents, key=len, reverse=True))) + ")"),
            )
        return self._tables

    def _full(self) -> Any:
        """The `tokenizers` library's tokenizer of the same file, loaded once."""
        if self._rust is None:
            from tokenizers import Tokenizer

            self._rust = Tokenizer.from_file(str(self._path))
        return self._rust

    def _encoded(self, word: str, tables: _Tables) -> list[int]:
        """A word's ids: its added tokens as they are, the text between them normalized and merged."""
        ids: list[int] = []
        for k, part in enumerate(tables.added_pattern.split(word)):
            if k % 2:
                ids.append(tables.added[part])
            elif part:
                ids.extend(self._merged(_SPACE + part.replace(" ", _SPACE), tables))
        return ids

    def _merged(self, text: str, tables: _Tables) -> list[int]:
        """Byte-pair encoding: the neighbours whose merge ranks lowest joined, the leftmost first, until
        no two have a merge; a character the vocabulary lacks starts as its UTF-8 bytes ("<0xE2>")."""
        vocab = tables.vocab
        whole = vocab.get(text)
        if whole is not None:  # every piece of the file's vocabulary is merged into itself ("▁people")
            return [whole]
        pieces: list[str] = []
        for ch in text:
            if ch in vocab:
                pieces.append(ch)
            else:
                pieces.extend(f"<0x{b:02X}>" for b in ch.encode("utf-8"))
        ranks = [self._rank(a, b, tables) for a, b in itertools.pairwise(pieces)]
        while ranks:
            best = min(ranks)
            if best == _NO_MERGE:
                break
            at = ranks.index(best)
            pieces[at : at + 2] = [pieces[at] + pieces[at + 1]]
            del ranks[at]
            if at:
                ranks[at - 1] = self._rank(pieces[at - 1], pieces[at], tables)
            if at < len(ranks):
                ranks[at] = self._rank(pieces[at], pieces[at + 1], tables)
        return [vocab[piece] for piece in pieces]

    def _rank(self, left: str, right: str, tables: _Tables) -> int:
        """The rank of the merge of two pieces, worked out from the vocabulary.

        The file's merges are every split of a piece into two pieces, in the order of the piece they
        make (then of their left part), the runs of ▁ after all others: so the merges themselves (60,000
        strings, most of the file and of its reading) need not be read. The tests hold the order to them.
        """
        key = f"{left} {right}"
        rank = self._ranks.get(key)
        if rank is None:
            joined = left + right
            made = tables.vocab.get(joined)
            if made is None:
                rank = _NO_MERGE
            else:
                size = len(tables.vocab)
                rank = ((made + size * (joined in tables.late)) * size) + tables.vocab[left]
            self._ranks[key] = rank
        return rank
