"""Where each colour role falls in each document, indexed for fast lookup by text range."""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass

from alignment.model import Alignment, Check, Kind, Pair, Side
from alignment.roles import pair_role, word_role


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
    """Ranges from unsorted items, dropping empty ones and trimming overlaps."""
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


@dataclass(frozen=True)
class SideMarks:
    """Sentence backgrounds, word-level marks and flagged sentences of one document."""

    sentences: Ranges
    words: Ranges
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


def build_marks(alignment: Alignment) -> dict[Side, SideMarks]:
    """Index every coloured range of both documents; no sentence is flagged until the checks are in."""
    sentence_items: dict[Side, list[tuple[int, int, str]]] = {"source": [], "target": []}
    word_items: dict[Side, list[tuple[int, int, str]]] = {"source": [], "target": []}
    for pair in alignment.pairs:
        role = pair_role(pair)
        if role is not None:
            for side, idx in (("source", pair.source), ("target", pair.target)):
                sents = alignment.sentences(side)
                sentence_items[side].extend((sents[i].start, sents[i].end, role) for i in idx)
        for change in pair.changes:
            for side in ("source", "target"):
                role = word_role(change, side)
                if role is not None:
                    span = change.source if side == "source" else change.target
                    word_items[side].append((span[0], span[1], role))
    return {
        side: SideMarks(_ranges(sentence_items[side]), _ranges(word_items[side]), _ranges([]))
        for side in ("source", "target")
    }


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
