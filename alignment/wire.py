"""An alignment's pairs as a few flat arrays, and the checks as columns, so that a book travels to a
checks worker and back cheaply.

The one form both workers are sent and answer in (``paralign check``'s, :mod:`alignment.checks_ahead`,
and the window's).  Pickling the dataclasses of a book's alignment costs seconds in one C call that
holds the GIL (a window stalls meanwhile); these arrays pickle at memory speed, and building them is
ordinary Python that lets a GUI thread in.  ``WIRED_FIELDS`` names the model fields carried and
``UNWIRED_FIELDS`` those left behind: a test fails when the model gains a field that is in neither.

Only the pairs' sentences travel: the editorial checks read nothing else of a pair (a test compares
the checks of an alignment with those of its wire form), so the pairs can be sent as soon as
``align()`` has found them (its ``paired``), before it compares their words, and a book's hundreds of
thousands of word changes never travel.  Pairs sent then travel without their documents: the worker
was sent those ahead, and pickling a book's texts while ``align()`` is at its peak took 23 MB more.
"""

from __future__ import annotations

from array import array
from collections.abc import Sequence
from dataclasses import dataclass, fields, replace
from itertools import chain
from operator import attrgetter

from alignment.model import Alignment, Check, Document, Kind, Pair, Sentence

WIRED_FIELDS = {
    Sentence: ("start", "end", "paragraph"),
    Pair: ("source", "target"),
    Alignment: ("source", "target", "source_sentences", "target_sentences", "pairs"),
}
UNWIRED_FIELDS = {Pair: ("kind", "moved", "score", "changes", "manual")}
"""Fields the worker gets as stand-ins (see :func:`stand_in`): what the checks never read."""
Checks = tuple[list, ...]
"""Checks as columns: one list per field of :class:`~alignment.model.Check` (they pickle several
times faster than the dataclasses)."""
_CHECK_FIELDS = tuple(f.name for f in fields(Check))
_SENTENCE_FIELDS = attrgetter(*WIRED_FIELDS[Sentence])


@dataclass(frozen=True)
class WireAlignment:
    """The flat form of an :class:`Alignment`; documents travel as they are."""

    documents: tuple[Document, Document] | None
    """Both documents, or None when the worker has them already (sent ahead, see :func:`pairs_wire`)."""
    sentences: tuple[array, array]
    """``start, end, paragraph`` of each sentence, one array per side."""
    members: tuple[array, array]
    """Per side: each pair's sentence count, then its sentence indices, pair after pair."""


def flat_sentences(sentences: Sequence[Sentence]) -> array:
    """``start, end, paragraph`` of each sentence, one after the other."""
    last = max(sentences[-1].end, sentences[-1].paragraph) if sentences else 0  # in text order: the largest
    return array(_typecode(last), chain.from_iterable(map(_SENTENCE_FIELDS, sentences)))


def _typecode(largest: int) -> str:
    """Values up to ``largest`` in 4 bytes each if they fit (a text under 2 Gi characters), else in 8.

    A book's pairs are sent while ``align()`` is at its peak: in 8 bytes each, and through a list of
    their values, they took 8 MB more there."""
    return "i" if largest < 2**31 else "q"


def to_wire(alignment: Alignment) -> WireAlignment:
    """The flat form of an alignment."""
    groups = [(p.source, p.target) for p in alignment.pairs]
    bare = pairs_wire(alignment.source_sentences, alignment.target_sentences, groups)
    return replace(bare, documents=(alignment.source, alignment.target))


def pairs_wire(source: Sequence[Sentence], target: Sequence[Sentence],
               groups: Sequence[tuple[Sequence[int], Sequence[int]]]) -> WireAlignment:  # fmt: skip
    """The flat form, without its documents, of the alignment of sentences whose pairs hold these
    sentence indices (as ``align()``'s ``paired`` is told them)."""
    code = _typecode(max(len(source), len(target)))
    members = tuple(array(code, chain.from_iterable((len(g[n]), *g[n]) for g in groups)) for n in (0, 1))
    return WireAlignment(None, (flat_sentences(source), flat_sentences(target)), members)


def stand_in(source: tuple[int, ...], target: tuple[int, ...]) -> Pair:
    """The pair a worker makes of two sides' sentence indices: what the wire leaves behind filled in
    as the kind an unmatched pair has, else as "changed", unmoved, unscored, not manual."""
    kind = Kind.CHANGED if source and target else Kind.DELETED if source else Kind.ADDED
    return Pair(source, target, kind, False, 0.0)


def from_wire(wire: WireAlignment, sentences: Sequence[tuple[Sentence, ...]] = (),
              documents: tuple[Document, Document] | None = None) -> Alignment:  # fmt: skip
    """The alignment a flat form was made from, its pairs stood in for (:func:`stand_in`); ``sentences``,
    if given, are its sentences of each side, built already (equal to the flat form's); ``documents``
    those it was sent without."""
    source, target = wire.documents or documents or (None, None)
    if source is None or target is None:
        raise ValueError("a wire form sent without its documents, and none given")
    sentences = sentences or [sentences_of(flat) for flat in wire.sentences]
    members = [_members(flat.tolist()) for flat in wire.members]  # lists: an array makes an int per read
    pairs = tuple(map(stand_in, *members))
    return Alignment(source, target, sentences[0], sentences[1], pairs)


def sentences_of(flat: array) -> tuple[Sentence, ...]:
    """The sentences of one side's :func:`flat_sentences`."""
    return tuple(Sentence(flat[k], flat[k + 1], flat[k + 2]) for k in range(0, len(flat), 3))


def _members(flat: list[int]) -> list[tuple[int, ...]]:
    """Each pair's sentence indices on one side, from its count and indices pair after pair."""
    out, at = [], 0
    while at < len(flat):
        count = flat[at]
        out.append(tuple(flat[at + 1 : at + 1 + count]))
        at += 1 + count
    return out


def checks_wire(checks: Sequence[Check]) -> Checks:
    """Checks as the columns a worker answers with."""
    return tuple([getattr(c, name) for c in checks] for name in _CHECK_FIELDS)


def from_checks_wire(columns: Checks) -> list[Check]:
    """The checks a worker answered with."""
    return list(map(Check, *columns))
