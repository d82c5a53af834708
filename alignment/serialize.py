"""The alignment as JSON-ready data: a direct, versioned serialisation of the model."""

from __future__ import annotations

import json
from itertools import accumulate, chain, pairwise
from operator import attrgetter
from typing import TYPE_CHECKING, Any

import numpy as np

from alignment.model import CHANGE_KINDS, Alignment, Change, Check, Document, Pair, Sentence, joined_columns
from alignment.paths import shown
from alignment.summary import unrelated

if TYPE_CHECKING:
    from alignment.review import Mark, Review

# The checks' grouping and the review are imported by the shapes that use them: `align --json` needs
# neither, and the checks' modules took a tenth of a second of a short pair's run.

FORMAT_VERSION = 1


def alignment_to_json(alignment: Alignment) -> dict[str, Any]:
    """The `paralign align --json` shape: both documents, their sentences and the pairs."""
    return {
        **_head(alignment),
        "pairs": [
            {
                "source": list(p.source),
                "target": list(p.target),
                "kind": p.kind.value,
                "moved": p.moved,
                "score": p.score,
                "manual": p.manual,
                # Op is a str and spans are tuples: json writes them as strings and arrays as they are.
                "changes": [_change(c) for c in p.changes],
            }
            for p in alignment.pairs
        ],
    }


def alignment_json_text(alignment: Alignment) -> str:
    """``json.dumps(alignment_to_json(alignment), ensure_ascii=False)``, written as a few large strings.

    A book has tens of thousands of sentences and pairs and hundreds of thousands of word changes: a
    dict for each through the generic encoder took seconds, a format call for each most of a second.
    Here each kind of item is one template, repeated, and filled in by one ``%`` over all its values.
    """
    return "".join(alignment_json_parts(alignment))


def alignment_json_parts(alignment: Alignment) -> list[str]:
    """:func:`alignment_json_text` in its parts, in order: a book's is tens of MB, and each copy of
    it (joined, a newline added, encoded whole) took 20-25 ms, so a file is written part by part."""
    return [
        f'{json.dumps(_top(alignment))[:-1]}, "source": ',
        _document_text(alignment.source, alignment.source_sentences),
        ', "target": ',
        _document_text(alignment.target, alignment.target_sentences),
        ', "pairs": [',
        _pairs_text(alignment.pairs),
        "]}",
    ]


def _top(alignment: Alignment) -> dict[str, Any]:
    """The first fields of the `align --json` shape."""
    return {"version": FORMAT_VERSION, "unrelated": unrelated(alignment)}


def _head(alignment: Alignment) -> dict[str, Any]:
    """Everything of the `align --json` shape before the pairs."""
    return {
        **_top(alignment),
        "source": _document(alignment.source, alignment.source_sentences),
        "target": _document(alignment.target, alignment.target_sentences),
    }


def _document_text(doc: Document, sentences: tuple[Sentence, ...]) -> str:
    """:func:`_document` as JSON text."""
    paragraphs = _repeated("[%d, %d]", len(doc.paragraphs)) % tuple(chain.from_iterable(doc.paragraphs))
    rows = _repeated('{"start": %d, "end": %d, "paragraph": %d}', len(sentences)) % tuple(
        chain.from_iterable(map(_SENTENCE_FIELDS, sentences))
    )
    fields = json.dumps(_document_fields(doc), ensure_ascii=False)
    return f'{fields[:-1]}, "paragraphs": [{paragraphs}], "sentences": [{rows}]}}'


def _pairs_text(pairs: tuple[Pair, ...]) -> str:
    """The pairs of the `align --json` shape as JSON text, without the brackets around them."""
    changes, counts = joined_columns([p.changes for p in pairs])
    templates = _CHANGE_TEXT[changes.codes].tolist()
    # Every pair's changes filled in at once, then cut apart at the NUL between pairs (no template and
    # no number holds one).
    ends = accumulate(counts.tolist(), initial=0)
    per_pair = "\0".join(", ".join(templates[a:b]) for a, b in pairwise(ends))
    filled = (per_pair % tuple(changes.spans.ravel().tolist())).split("\0") if pairs else []
    values = zip(
        map(list, map(_SOURCE, pairs)),
        map(list, map(_TARGET, pairs)),
        map(_KIND, pairs),
        map(_BOOLS.__getitem__, map(_MOVED, pairs)),
        map(float, map(_SCORE, pairs)),
        map(_BOOLS.__getitem__, map(_MANUAL, pairs)),
        filled,
        strict=True,
    )
    return _repeated(_PAIR_TEXT, len(pairs)) % tuple(chain.from_iterable(values))


def _repeated(template: str, count: int) -> str:
    """A template count times, apart by commas as in a JSON array."""
    return ", ".join([template] * count)


_BOOLS = {False: "false", True: "true"}
_PAIR_TEXT = (
    '{"source": %s, "target": %s, "kind": "%s", "moved": %s, "score": %r, "manual": %s, "changes": [%s]}'
)
"""One pair as JSON text, as :func:`alignment_to_json` writes it (a list's str() is its JSON, as is a
float's repr and a Kind's str())."""
_CHANGE_TEXT = np.array([
    f'{{"op": "{op.value}", "source": [%d, %d], "target": [%d, %d]'
    + (f', "grade": "{grade.value}"}}' if grade is not None else "}")
    for op, grade in CHANGE_KINDS
], dtype=object)  # fmt: skip
"""One word change as JSON text by its code (CHANGE_KINDS), as :func:`_change` is written: spans to
fill in."""
_SENTENCE_FIELDS = attrgetter("start", "end", "paragraph")
_SOURCE, _TARGET, _KIND, _MOVED, _SCORE, _MANUAL = map(
    attrgetter, ("source", "target", "kind", "moved", "score", "manual")
)


def checks_to_json(checks: list[Check]) -> dict[str, Any]:
    """The `paralign check --json` shape: every check, and the groups of checks repeating one change."""
    from alignment.grouping import group_checks

    return {
        "version": FORMAT_VERSION,
        "checks": [
            {
                "kind": c.kind,
                "change": c.change,
                "severity": c.severity,
                "message": c.message,
                "source": list(c.source) if c.source else None,
                "target": list(c.target) if c.target else None,
                "pair": c.pair,
            }
            for c in checks
        ],
        "groups": [{"key": g.key, "count": g.count, "checks": list(g.checks)} for g in group_checks(checks)],
    }


def _change(change: Change) -> dict[str, Any]:
    """One word change; ``grade`` on every change but an equal one."""
    out: dict[str, Any] = {"op": change.op, "source": change.source, "target": change.target}
    if change.grade is not None:
        out["grade"] = change.grade
    return out


def review_to_json(data: dict[str, Any], alignment: Alignment, review: Review) -> dict[str, Any]:
    """An `align --json` shape with each pair's review state and note, and the review's figures."""
    from alignment.review import pair_key

    for item, pair in zip(data["pairs"], alignment.pairs, strict=True):
        item["review"] = _mark(review.pair_mark(pair_key(pair)))
    counts = review.counts(alignment)
    data["review"] = {
        "pairs": counts.pairs,
        "reviewed": counts.reviewed,
        "accepted": counts.accepted,
        "flagged": counts.flagged,
        "notes": counts.notes,
        "links": [{"source": list(s), "target": list(t)} for s, t in review.links],
    }
    return data


def check_review_to_json(
    data: dict[str, Any], alignment: Alignment, checks: list[Check], review: Review, dismissed: int
) -> dict[str, Any]:
    """A `check --json` shape with each check's review state and note, and how many were dismissed."""
    from alignment.review import check_key

    for item, check in zip(data["checks"], checks, strict=True):
        item["review"] = _mark(review.check_mark(check_key(alignment, check)))
    data["dismissed"] = dismissed
    return data


def _mark(mark: Mark) -> dict[str, str]:
    return {"state": mark.state.value, "note": mark.note}


def _document(doc: Document, sentences: tuple[Sentence, ...]) -> dict[str, Any]:
    return {
        **_document_fields(doc),
        "paragraphs": [list(p) for p in doc.paragraphs],
        "sentences": [{"start": s.start, "end": s.end, "paragraph": s.paragraph} for s in sentences],
    }


def _document_fields(doc: Document) -> dict[str, Any]:
    """A document's fields before its paragraphs and sentences."""
    return {
        "path": shown(doc.path),
        "format": doc.format,
        "encoding": doc.encoding,
        "notes": list(doc.notes),
        "tracked": doc.tracked,
        "text": doc.text,
    }
