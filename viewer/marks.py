"""Where each colour role falls in each document, indexed for fast lookup by text range."""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import chain
from operator import attrgetter

import numpy as np

from alignment.errors import Cancelled
from alignment.model import CHANGE_KINDS, Alignment, Change, Check, Grade, IsCancelled, Kind, Op, Pair, Side
from alignment.roles import pair_role, word_role

SIDES: tuple[Side, Side] = ("source", "target")


@dataclass(frozen=True)
class Ranges:
    """Sorted, non-nested ``[start, end)`` ranges, each with a role, searchable by position."""

    starts: list[int]
    ends: list[int]
    roles: list[str]

    def within(self, start: int, end: int) -> list[tuple[int, int, str]]:
        """The ranges that overlap ``[start, end)``."""
        # Ranges do not overlap each other, so ends are sorted too: search the first end past start.
        k = bisect.bisect_right(self.ends, start)
        out = []
        while k < len(self.starts) and self.starts[k] < end:
            out.append((self.starts[k], self.ends[k], self.roles[k]))
            k += 1
        return out


def _ranges(items: list[tuple[int, int, str]]) -> Ranges:
    """Ranges from a few unsorted items, dropping empty ones and trimming overlaps (many: `_trimmed`)."""
    items = sorted(x for x in items if x[1] > x[0])
    starts, ends, roles = [], [], []
    last = -1
    for a, b, role in items:
        a = max(a, last)
        if b > a:
            starts.append(a)
            ends.append(b)
            roles.append(role)
            last = b
    return Ranges(starts, ends, roles)


def _trimmed(starts: np.ndarray, ends: np.ndarray, codes: np.ndarray, names: Sequence[str]) -> Ranges:
    """:func:`_ranges` of many items given as columns (roles as indices into ``names``), in numpy:
    sorted, each starting past the ones before.

    A range ends no later than it starts once trimmed to the furthest end before it, and is dropped;
    what is dropped ends before that furthest end, so the running maximum of all ends is the trim.
    """
    if not len(codes):
        return Ranges([], [], [])
    order = np.lexsort((codes, ends, starts))
    a, b, r = starts[order], ends[order], codes[order]
    before = np.concatenate(([-1], np.maximum.accumulate(b)[:-1]))
    a = np.maximum(a, before)
    keep = b > a
    return Ranges(a[keep].tolist(), b[keep].tolist(), [names[x] for x in r[keep].tolist()])


def _change_roles() -> dict[tuple[Op, Grade | None], tuple[str | None, str | None]]:
    """The role of a word change on each side by its op and grade, for every op and grade."""
    return {
        (op, grade): tuple(word_role(Change(op, (0, 0), (0, 0), grade), side) for side in SIDES)
        for op, grade in CHANGE_KINDS
    }


_CHANGE_ROLES = _change_roles()


@dataclass(frozen=True)
class WordMarks:
    """The word-level marks of one side, found for a text range when asked: a book has hundreds of
    thousands of them, a pane asks only for the lines it shows."""

    alignment: Alignment
    side: Side

    def within(self, start: int, end: int) -> list[tuple[int, int, str]]:
        """The marks that overlap ``[start, end)``, as :meth:`Ranges.within` gives them."""
        al, side = self.alignment, self.side
        sents = al.sentences(side)
        k = al.sentence_at(side, start) or 0
        pairs: dict[int, None] = {}
        while k < len(sents) and sents[k].start < end:
            pairs[al.pair_of(side, k)] = None
            k += 1
        n = 0 if side == "source" else 1
        items = []
        for p in pairs:
            for change in al.pairs[p].changes:
                role = _CHANGE_ROLES[change.op, change.grade][n]
                a, b = change[1 + n]
                if role is not None and a < end and start < b:
                    items.append((a, b, role))
        found = _ranges(items)
        return list(zip(found.starts, found.ends, found.roles, strict=True))


@dataclass(frozen=True)
class SideMarks:
    """Sentence backgrounds, word-level marks and flagged sentences of one document."""

    sentences: Ranges
    words: Ranges | WordMarks
    flags: Ranges


def _flagged_sentences(alignment: Alignment, check: Check, side: Side) -> list[int]:
    """The sentences a check points at on one side: those under its span, else its pair's."""
    span = check.source if side == "source" else check.target
    if span is None:
        pair = alignment.pairs[check.pair]
        return list(pair.source if side == "source" else pair.target)
    first = alignment.sentence_at(side, span[0])
    last = alignment.sentence_at(side, max(span[0], span[1] - 1))
    return [] if first is None or last is None else list(range(first, last + 1))


def flag_ranges(alignment: Alignment, checks: Sequence[Check]) -> dict[Side, Ranges]:
    """The sentences the checks flag on both sides."""
    items: dict[Side, list[tuple[int, int, str]]] = {"source": [], "target": []}
    for check in checks:
        for side in ("source", "target"):
            sents = alignment.sentences(side)
            flagged = _flagged_sentences(alignment, check, side)
            items[side].extend((sents[i].start, sents[i].end, "flag") for i in flagged)
    return {side: _ranges(items[side]) for side in ("source", "target")}


MARKS_POLL = 4096
"""Pairs between two looks at the cancel flag: a book's pairs take some 30 milliseconds in all."""


def build_marks(alignment: Alignment, cancelled: IsCancelled = lambda: False) -> dict[Side, SideMarks]:
    """Index the sentence colours of both documents, their word marks found as shown; no sentence is
    flagged until the checks are in.  Raises Cancelled within one poll once ``cancelled()`` turns true."""
    roles: list[str | None] = []
    for k, pair in enumerate(alignment.pairs):
        if k % MARKS_POLL == 0 and cancelled():
            raise Cancelled("cancelled")
        roles.append(pair_role(pair))
    names = sorted({role for role in roles if role is not None})
    code = {None: -1} | {name: n for n, name in enumerate(names)}
    pair_codes = np.fromiter(map(code.__getitem__, roles), np.int64, len(roles))
    return {
        side: SideMarks(_sentence_ranges(alignment, side, pair_codes, names), WordMarks(alignment, side),
                        _ranges([]))
        for side in SIDES
    }


def _sentence_ranges(alignment: Alignment, side: Side, pair_codes: np.ndarray, names: list[str]) -> Ranges:
    """The sentences of one side coloured by their pairs' roles (``pair_codes``: an index into
    ``names`` per pair, or -1 for none), a book's at once."""
    members = list(map(attrgetter(side), alignment.pairs))
    counts = np.fromiter(map(len, members), np.int64, len(members))
    sentence = np.fromiter(chain.from_iterable(members), np.int64, int(counts.sum()))
    codes = np.repeat(pair_codes, counts)
    coloured = codes >= 0
    sentence, codes = sentence[coloured], codes[coloured]
    sents = alignment.sentences(side)
    starts = np.fromiter(map(attrgetter("start"), sents), np.int64, len(sents))
    ends = np.fromiter(map(attrgetter("end"), sents), np.int64, len(sents))
    return _trimmed(starts[sentence], ends[sentence], codes, names)


KIND_LABELS = {
    Kind.SAME: "kept",
    Kind.CHANGED: "reworded",
    Kind.MERGED: "merged",
    Kind.SPLIT: "split",
    Kind.REGROUPED: "regrouped",
    Kind.DELETED: "dropped",
    Kind.ADDED: "added",
}


def kind_label(pair: Pair) -> str:
    """What became of a pair, in an editor's words."""
    label = KIND_LABELS[pair.kind]
    return f"{label}, moved" if pair.moved else label


def describe_pair(pair: Pair) -> str:
    """A one-line tooltip: kind, sentence counts and score."""
    counts = f"{len(pair.source)} → {len(pair.target)} sentence{'s' if len(pair.target) != 1 else ''}"
    if pair.kind in (Kind.DELETED, Kind.ADDED):
        return f"{kind_label(pair).capitalize()} ({counts})"
    return f"{kind_label(pair).capitalize()} ({counts}), similarity {pair.score:.0%}"
