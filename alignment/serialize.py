"""The alignment as JSON-ready data: a direct, versioned serialisation of the model."""

from __future__ import annotations

import json
from typing import Any

from alignment.grouping import group_checks
from alignment.model import Alignment, Change, Check, Document, Grade, Op, Sentence
from alignment.paths import shown
from alignment.review import Mark, Review, check_key, pair_key
from alignment.summary import unrelated

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
    """``json.dumps(alignment_to_json(alignment), ensure_ascii=False)``, the pairs written directly.

    A book has hundreds of thousands of word changes: a dict for each and the generic encoder took
    seconds; numbers, booleans and the enums' plain words are written as that encoder writes them.
    """
    head = json.dumps(_head(alignment), ensure_ascii=False)
    pairs = ", ".join(
        f'{{"source": {list(p.source)}, "target": {list(p.target)}, "kind": "{p.kind.value}", '
        f'"moved": {_BOOLS[p.moved]}, "score": {float(p.score)!r}, "manual": {_BOOLS[p.manual]}, '
        f'"changes": [{", ".join(_CHANGE_TEXT[c.op, c.grade] % (c.source + c.target) for c in p.changes)}]}}'
        for p in alignment.pairs
    )
    return f'{head[:-1]}, "pairs": [{pairs}]}}'


def _head(alignment: Alignment) -> dict[str, Any]:
    """Everything of the `align --json` shape before the pairs."""
    return {
        "version": FORMAT_VERSION,
        "unrelated": unrelated(alignment),
        "source": _document(alignment.source, alignment.source_sentences),
        "target": _document(alignment.target, alignment.target_sentences),
    }


_BOOLS = {False: "false", True: "true"}
_CHANGE_TEXT = {
    (op, grade): f'{{"op": "{op.value}", "source": [%d, %d], "target": [%d, %d]'
    + (f', "grade": "{grade.value}"}}' if grade is not None else "}")
    for op in Op
    for grade in (None, *Grade)
}
"""One word change as JSON text by its op and grade, as :func:`_change` is written: spans to fill in."""


def checks_to_json(checks: list[Check]) -> dict[str, Any]:
    """The `paralign check --json` shape: every check, and the groups of checks repeating one change."""
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
    for item, check in zip(data["checks"], checks, strict=True):
        item["review"] = _mark(review.check_mark(check_key(alignment, check)))
    data["dismissed"] = dismissed
    return data


def _mark(mark: Mark) -> dict[str, str]:
    return {"state": mark.state.value, "note": mark.note}


def _document(doc: Document, sentences: tuple[Sentence, ...]) -> dict[str, Any]:
    return {
        "path": shown(doc.path),
        "format": doc.format,
        "encoding": doc.encoding,
        "notes": list(doc.notes),
        "tracked": doc.tracked,
        "text": doc.text,
        "paragraphs": [list(p) for p in doc.paragraphs],
        "sentences": [{"start": s.start, "end": s.end, "paragraph": s.paragraph} for s in sentences],
    }
