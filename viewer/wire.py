"""An alignment as a few flat arrays, so that sending a book to the checks worker is cheap.

Pickling the dataclasses of a book's alignment costs seconds in one C call that holds the GIL (the
window stalls meanwhile); these arrays pickle at memory speed, and building them is ordinary Python
that lets the GUI thread in.  ``WIRED_FIELDS`` names the model fields carried: a test fails when
the model gains one, so that it is carried too.
"""

from __future__ import annotations

from array import array
from dataclasses import dataclass

from alignment.model import Alignment, Change, Document, Grade, Kind, Op, Pair, Sentence

WIRED_FIELDS = {
    Sentence: ("start", "end", "paragraph"),
    Pair: ("source", "target", "kind", "moved", "score", "changes", "manual"),
    Change: ("op", "source", "target", "grade"),
    Alignment: ("source", "target", "source_sentences", "target_sentences", "pairs"),
}
CHANGE_WIDTH = 6
"""Numbers per change on the wire: op, two spans, grade."""
_KINDS = tuple(Kind)
_OPS = tuple(Op)
_KIND_CODE = {kind: n for n, kind in enumerate(_KINDS)}
_OP_CODE = {op: n for n, op in enumerate(_OPS)}
_GRADES = (None, *Grade)
_GRADE_CODE = {grade: n for n, grade in enumerate(_GRADES)}


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
    changes: array
    """Per pair: its change count, then ``op, source start, end, target start, end, grade`` per change."""


def to_wire(alignment: Alignment) -> WireAlignment:
    """The flat form of an alignment."""
    sentences = tuple(
        array("q", [x for s in alignment.sentences(side) for x in (s.start, s.end, s.paragraph)])
        for side in ("source", "target")
    )
    members = (array("q"), array("q"))
    changes = array("q")
    for pair in alignment.pairs:
        for out, idx in zip(members, (pair.source, pair.target), strict=True):
            out.append(len(idx))
            out.extend(idx)
        changes.append(len(pair.changes))
        for op, (a, b), (c, d), grade in pair.changes:
            changes.extend((_OP_CODE[op], a, b, c, d, _GRADE_CODE[grade]))
    pairs = alignment.pairs
    return WireAlignment(
        alignment.source,
        alignment.target,
        sentences,
        array("b", [_KIND_CODE[p.kind] for p in pairs]),
        array("b", [p.moved for p in pairs]),
        array("d", [p.score for p in pairs]),
        array("b", [p.manual for p in pairs]),
        members,
        changes,
    )


def from_wire(wire: WireAlignment) -> Alignment:
    """The alignment a flat form was made from."""
    sentences = [
        tuple(Sentence(flat[k], flat[k + 1], flat[k + 2]) for k in range(0, len(flat), 3))
        for flat in wire.sentences
    ]
    at = [0, 0, 0]
    pairs = []
    for kind, moved, score, manual in zip(wire.kinds, wire.moved, wire.scores, wire.manual, strict=True):
        sides = []
        for n, flat in enumerate(wire.members):
            count = flat[at[n]]
            sides.append(tuple(flat[at[n] + 1 : at[n] + 1 + count]))
            at[n] += 1 + count
        flat, k = wire.changes, at[2]
        count = flat[k]
        end = k + 1 + CHANGE_WIDTH * count
        changes = tuple(
            Change(_OPS[op], (a, b), (c, d), _GRADES[grade])
            for op, a, b, c, d, grade in (flat[j : j + CHANGE_WIDTH] for j in range(k + 1, end, CHANGE_WIDTH))
        )
        at[2] = end
        pairs.append(Pair(sides[0], sides[1], _KINDS[kind], bool(moved), score, changes, bool(manual)))
    return Alignment(wire.source, wire.target, sentences[0], sentences[1], tuple(pairs))
