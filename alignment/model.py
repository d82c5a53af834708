"""The data model: documents, sentences, pairs, word changes, checks and the alignment."""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cache
from itertools import accumulate
from pathlib import PurePath
from typing import Literal, NamedTuple, overload

import numpy as np

from alignment.arrays import run_offsets
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


CHANGE_KINDS: tuple[tuple[Op, Grade | None], ...] = tuple(
    (op, grade) for op in Op for grade in (None, *Grade)
)
"""Every (op, grade) a word change can have, by its code in :class:`Changes`' columns: the op's
index in Op times 1 + len(Grade), plus 1 + the grade's index in Grade (0 for none)."""
_GRADE_CODES = 1 + len(Grade)
_CODE_OF_CHANGE = {kind: code for code, kind in enumerate(CHANGE_KINDS)}


def change_codes(ops: np.ndarray, grades: np.ndarray) -> np.ndarray:
    """The code of each word change from its op's index in Op and its grade's in Grade (-1: none)."""
    return (np.asarray(ops, np.int64) * _GRADE_CODES + 1 + np.asarray(grades, np.int64)).astype(np.int8)


@dataclass(frozen=True, eq=False)
class ChangeColumns:
    """Word changes as columns: each one's code (see CHANGE_KINDS) and its source and target spans
    (start, end, start, end), a row each."""

    codes: np.ndarray
    spans: np.ndarray


class Changes(Sequence[Change]):
    """A pair's word changes, read from columns that a book's pairs share.

    A book has hundreds of thousands of changes: a named tuple each, with its spans' tuples and their
    offsets, took a fifth of a second and 70 MB to build, for the JSON writer to take them apart again.
    A change is made when it is read; which kinds a pair holds is known without reading them.
    """

    __slots__ = ("_columns", "_lo", "_hi", "_kinds")

    def __init__(self, columns: ChangeColumns, lo: int, hi: int, kinds: int) -> None:
        self._columns, self._lo, self._hi = columns, lo, hi
        self._kinds = kinds
        """A bit per code that occurs among these changes."""

    @classmethod
    def of(cls, changes: Iterable[Change]) -> Changes:
        """These changes as Changes: their own columns (Changes as they are)."""
        if isinstance(changes, Changes):
            return changes
        listed = list(changes)
        codes = np.array([_CODE_OF_CHANGE[c.op, c.grade] for c in listed], np.int8)
        spans = np.array([(*c.source, *c.target) for c in listed], np.int64).reshape(-1, 4)
        return cls(ChangeColumns(codes, spans), 0, len(listed), _bits(codes))

    def kinds(self) -> frozenset[tuple[Op, Grade | None]]:
        """The (op, grade) of every change here, each once."""
        return _kinds_of(self._kinds)

    def columns(self) -> ChangeColumns:
        """These changes' own rows of the columns."""
        lo, hi = self._lo, self._hi
        return ChangeColumns(self._columns.codes[lo:hi], self._columns.spans[lo:hi])

    def shifted(self, source: int, target: int) -> Changes:
        """These changes with every source span moved by ``source`` characters, every target one by
        ``target``."""
        own = self.columns()
        return Changes(ChangeColumns(own.codes, own.spans + (source, source, target, target)),
                       0, len(self), self._kinds)  # fmt: skip

    def __len__(self) -> int:
        return self._hi - self._lo

    @overload
    def __getitem__(self, index: int) -> Change: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[Change, ...]: ...

    def __getitem__(self, index: int | slice) -> Change | tuple[Change, ...]:
        if isinstance(index, slice):
            return tuple(self)[index]
        k = range(self._lo, self._hi)[index]  # the range raises the IndexError a tuple would
        return _change(int(self._columns.codes[k]), self._columns.spans[k].tolist())

    def __iter__(self) -> Iterator[Change]:
        own = self.columns()
        return map(_change, own.codes.tolist(), own.spans.tolist())

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence) or isinstance(other, str):
            return NotImplemented
        return tuple(self) == tuple(other)

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __repr__(self) -> str:
        return f"Changes({tuple(self)!r})"


def _change(code: int, span: list[int]) -> Change:
    """A change from its code and its four span offsets."""
    op, grade = CHANGE_KINDS[code]
    return Change(op, (span[0], span[1]), (span[2], span[3]), grade)


def _bits(codes: np.ndarray) -> int:
    """A bit per code that occurs among these."""
    return int(np.bitwise_or.reduce(np.left_shift(1, codes.astype(np.int64)), initial=0))


@cache
def _kinds_of(bits: int) -> frozenset[tuple[Op, Grade | None]]:
    """The (op, grade) of each code whose bit is set (a book's pairs hold a few dozen combinations)."""
    return frozenset(kind for code, kind in enumerate(CHANGE_KINDS) if bits >> code & 1)


def pairs_changes(columns: ChangeColumns, starts: Sequence[int]) -> list[Changes]:
    """The changes of pairs whose rows of these columns start at ``starts`` (and the last ends there)."""
    bounds = np.asarray(starts, np.int64)
    bits = np.left_shift(1, columns.codes[: bounds[-1]].astype(np.int64))
    filled = bounds[:-1] < bounds[1:]
    kinds = np.zeros(len(bounds) - 1, np.int64)
    if filled.any():
        kinds[filled] = np.bitwise_or.reduceat(bits, bounds[:-1][filled])
    lows, highs = bounds[:-1].tolist(), bounds[1:].tolist()
    return list(map(Changes, [columns] * len(kinds), lows, highs, kinds.tolist()))


def joined_columns(pairs: Sequence[Sequence[Change]]) -> tuple[ChangeColumns, np.ndarray]:
    """The columns of many pairs' changes, pair after pair, and how many each pair has (read off the
    columns they share: a book's pairs share one)."""
    own = list(map(Changes.of, pairs))
    shared = list({id(c._columns): c._columns for c in own}.values())
    base = dict(zip(map(id, shared), accumulate((len(c.codes) for c in shared), initial=0), strict=False))
    lows = np.fromiter((base[id(c._columns)] + c._lo for c in own), np.int64, len(own))
    sizes = np.fromiter(map(len, own), np.int64, len(own))
    rows = np.repeat(lows, sizes) + run_offsets(sizes)
    codes = np.concatenate([np.zeros(0, np.int8), *(c.codes for c in shared)])
    spans = np.concatenate([np.zeros((0, 4), np.int64), *(c.spans for c in shared)])
    return ChangeColumns(codes[rows], spans[rows]), sizes


def kinds_of(changes: Sequence[Change]) -> frozenset[tuple[Op, Grade | None]]:
    """The (op, grade) of every change of these, each once: read off the columns for :class:`Changes`."""
    if isinstance(changes, Changes):
        return changes.kinds()
    return frozenset((c.op, c.grade) for c in changes)


NO_CHANGES = Changes.of(())
"""The changes of a pair that has none (an unmatched one)."""


@dataclass(frozen=True, slots=True)
class Pair:
    """Source sentences linked with target sentences; one side is empty for unmatched ones."""

    source: tuple[int, ...]
    target: tuple[int, ...]
    kind: Kind
    moved: bool
    score: float
    changes: Sequence[Change] = NO_CHANGES
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
