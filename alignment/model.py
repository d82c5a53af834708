"""The data model: documents, sentences, pairs, word changes, checks and the alignment."""

from __future__ import annotations

import bisect
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import PurePath
from typing import Literal, NamedTuple

from alignment.paths import shown

Span = tuple[int, int]
"""A half-open ``[start, end)`` range of ``str`` indices into a document's text."""

Side = Literal["source", "target"]
"""Which document: ``source`` is the original, ``target`` the paraphrase."""

Progress = Callable[[float, str], None]
"""Called with a fraction in [0, 1] and a short label while long work runs."""

IsCancelled = Callable[[], bool]
"""Polled during long work; returning True stops it with :class:`alignment.errors.Cancelled`."""


class Kind(StrEnum):
    """What became of a group of sentences."""

    SAME = "same"
    CHANGED = "changed"
    MERGED = "merged"
    SPLIT = "split"
    REGROUPED = "regrouped"
    DELETED = "deleted"
    ADDED = "added"


KIND_ROLE: dict[Kind, str] = {
    Kind.CHANGED: "changed",
    Kind.MERGED: "regrouped",
    Kind.SPLIT: "regrouped",
    Kind.REGROUPED: "regrouped",
    Kind.DELETED: "deleted",
    Kind.ADDED: "added",
}
"""The colour role that shows each kind of pair (``same`` has none), for the viewer and the report."""


class Op(StrEnum):
    """A word-level edit operation inside a pair."""

    EQUAL = "equal"
    REPLACE = "replace"
    DELETE = "delete"
    INSERT = "insert"


@dataclass(frozen=True, slots=True)
class Document:
    """A text every offset refers to, whatever file it came from."""

    path: str
    text: str
    paragraphs: tuple[Span, ...]
    format: str = "txt"
    encoding: str = "utf-8"
    notes: tuple[str, ...] = ()
    """What a reader should know about how the file was read (undecodable bytes), one line each."""
    tracked: str = ""
    """Which text of a file's tracked changes this is: "rejected" (before the edits), "accepted", or ""."""

    @property
    def name(self) -> str:
        """The file name for display, or a placeholder for pasted text."""
        return shown(PurePath(self.path).name) if self.path else "(pasted text)"


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence (or heading, caption, line) of a document."""

    start: int
    end: int
    paragraph: int


class Grade(StrEnum):
    """How much a word change matters: the same words in another form, other words, or other sense."""

    FORM = "form"
    WORDING = "wording"
    MEANING = "meaning"


class Change(NamedTuple):
    """A word-level change; an empty span marks the side where nothing stands.

    A named tuple rather than a frozen dataclass: a book has hundreds of thousands of them, and a
    tuple is built several times faster. ``grade`` is None for equal words.
    """

    op: Op
    source: Span
    target: Span
    grade: Grade | None = None


@dataclass(frozen=True, slots=True)
class Pair:
    """Source sentences linked with target sentences; one side is empty for unmatched ones."""

    source: tuple[int, ...]
    target: tuple[int, ...]
    kind: Kind
    moved: bool
    score: float
    changes: tuple[Change, ...] = ()
    manual: bool = False
    """Made by an editor (a manual link), not found by the aligner."""


@dataclass(frozen=True, slots=True)
class Check:
    """An editorial finding on a pair: a number, date, name or quotation that changed."""

    kind: str
    change: str
    severity: str
    message: str
    source: Span | None
    target: Span | None
    pair: int
    group: str = ""
    """What this check repeats, the same for every check of one consistent change ("" for none)."""


@dataclass(frozen=True)
class Alignment:
    """Both documents, their sentences and the pairs that link them."""

    source: Document
    target: Document
    source_sentences: tuple[Sentence, ...]
    target_sentences: tuple[Sentence, ...]
    pairs: tuple[Pair, ...]
    _pair_of: dict[Side, tuple[int, ...]] = field(init=False, repr=False, compare=False)
    _starts: dict[Side, list[int]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        pair_of: dict[Side, list[int]] = {
            "source": [-1] * len(self.source_sentences),
            "target": [-1] * len(self.target_sentences),
        }
        for k, pair in enumerate(self.pairs):
            for i in pair.source:
                pair_of["source"][i] = k
            for j in pair.target:
                pair_of["target"][j] = k
        object.__setattr__(self, "_pair_of", {s: tuple(v) for s, v in pair_of.items()})
        object.__setattr__(
            self,
            "_starts",
            {s: [x.start for x in self.sentences(s)] for s in ("source", "target")},
        )

    def document(self, side: Side) -> Document:
        """The document on one side."""
        return self.source if side == "source" else self.target

    def sentences(self, side: Side) -> tuple[Sentence, ...]:
        """The sentences on one side, in text order."""
        return self.source_sentences if side == "source" else self.target_sentences

    def pair_of(self, side: Side, sentence: int) -> int:
        """Index of the pair that holds a sentence."""
        return self._pair_of[side][sentence]

    def sentence_at(self, side: Side, offset: int) -> int | None:
        """Index of the sentence covering (or nearest before) an offset, None before the first."""
        k = bisect.bisect_right(self._starts[side], offset) - 1
        return k if k >= 0 else None

    def pair_at(self, side: Side, offset: int) -> int | None:
        """Index of the pair whose sentence covers an offset on one side."""
        k = self.sentence_at(side, offset)
        if k is None or offset > self.sentences(side)[k].end:
            return None
        return self.pair_of(side, k)

    def span(self, side: Side, pair: int) -> Span | None:
        """From the first to the last character of a pair's sentences on one side."""
        idx = self.pairs[pair].source if side == "source" else self.pairs[pair].target
        if not idx:
            return None
        sents = self.sentences(side)
        return sents[idx[0]].start, sents[idx[-1]].end

    def text(self, side: Side, pair: int) -> str:
        """The text of a pair's sentences on one side, joined by spaces."""
        idx = self.pairs[pair].source if side == "source" else self.pairs[pair].target
        doc, sents = self.document(side), self.sentences(side)
        return " ".join(doc.text[sents[i].start : sents[i].end] for i in idx)
