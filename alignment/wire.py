"""An alignment as a few flat arrays, so that sending a book to a checks worker is cheap.

The one form both workers are sent (``paralign check``'s, :mod:`alignment.checks_ahead`, and the
window's).  Pickling the dataclasses of a book's alignment costs seconds in one C call that holds the
GIL (a window stalls meanwhile); these arrays pickle at memory speed, and building them is ordinary
Python that lets a GUI thread in.  ``WIRED_FIELDS`` names the model fields carried and ``UNWIRED_FIELDS``
those left behind: a test fails when the model gains a field that is in neither.

The pairs' word changes stay behind: the editorial checks never read them (a test compares the
checks of an alignment with and without them), and a book has hundreds of thousands, which took
longer to send and rebuild than the checks take.
"""

from __future__ import annotations

from array import array
from collections.abc import Sequence
from dataclasses import dataclass

from alignment.model import Alignment, Document, Kind, Pair, Sentence

WIRED_FIELDS = {
    Sentence: ("start", "end", "paragraph"),
    Pair: ("source", "target", "kind", "moved", "score", "manual"),
    Alignment: ("source", "target", "source_sentences", "target_sentences", "pairs"),
}
UNWIRED_FIELDS = {Pair: ("changes",)}
"""Fields the worker gets empty: what the checks never read."""
_KINDS = tuple(Kind)
_KIND_CODE = {kind: n for n, kind in enumerate(_KINDS)}


@dataclass(frozen=True)
class WireAlignment:
    """The flat form of an :class:`Alignment`; documents travel as they are."""

    source: Document
    target: Document
    sentences: tuple[array, array]
    """``start, end, paragraph`` of each sentence, one array per side."""
    kinds: array
    moved: array
    scores: array
    manual: array
    members: tuple[array, array]
    """Per side: each pair's sentence count, then its sentence indices, pair after pair."""


def flat_sentences(sentences: Sequence[Sentence]) -> array:
    """``start, end, paragraph`` of each sentence, one after the other."""
    return array("q", [x for s in sentences for x in (s.start, s.end, s.paragraph)])


def to_wire(alignment: Alignment) -> WireAlignment:
    """The flat form of an alignment."""
    sentences = flat_sentences(alignment.source_sentences), flat_sentences(alignment.target_sentences)
    pairs = alignment.pairs
    members = tuple(
        array("q", [x for idx in (p.source if n == 0 else p.target for p in pairs) for x in (len(idx), *idx)])
        for n in (0, 1)
    )
    return WireAlignment(
        alignment.source,
        alignment.target,
        sentences,
        array("b", [_KIND_CODE[p.kind] for p in pairs]),
        array("b", [p.moved for p in pairs]),
        array("d", [p.score for p in pairs]),
        array("b", [p.manual for p in pairs]),
        members,
    )


def from_wire(wire: WireAlignment, sentences: Sequence[tuple[Sentence, ...]] = ()) -> Alignment:
    """The alignment a flat form was made from, without its word changes; ``sentences``, if given, are
    its sentences of each side, built already (equal to the flat form's)."""
    sentences = sentences or [
        tuple(Sentence(flat[k], flat[k + 1], flat[k + 2]) for k in range(0, len(flat), 3))
        for flat in wire.sentences
    ]
    members = [_members(flat.tolist()) for flat in wire.members]  # lists: an array makes an int per read
    pairs = tuple(
        Pair(source, target, _KINDS[kind], bool(moved), score, (), bool(manual))
        for source, target, kind, moved, score, manual in zip(
            *members, wire.kinds, wire.moved, wire.scores, wire.manual, strict=True
        )
    )
    return Alignment(wire.source, wire.target, sentences[0], sentences[1], pairs)


def _members(flat: list[int]) -> list[tuple[int, ...]]:
    """Each pair's sentence indices on one side, from its count and indices pair after pair."""
    out, at = [], 0
    while at < len(flat):
        count = flat[at]
        out.append(tuple(flat[at + 1 : at + 1 + count]))
        at += 1 + count
    return out

