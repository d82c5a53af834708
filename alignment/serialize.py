"""The alignment as JSON-ready data: a direct, versioned serialisation of the model."""

from __future__ import annotations

from typing import Any

from alignment.grouping import group_checks
from alignment.model import Alignment, Change, Check, Document, Sentence
from alignment.paths import shown
from alignment.review import Mark, Review, check_key, pair_key
from alignment.summary import unrelated

FORMAT_VERSION = 1


def alignment_to_json(alignment: Alignment) -> dict[str, Any]:
    """The `paralign align --json` shape: both documents, their sentences and the pairs."""
    return {
        "version": FORMAT_VERSION,
        "unrelated": unrelated(alignment),
        "source": _document(alignment.source, alignment.source_sentences),
        "target": _document(alignment.target, alignment.target_sentences),
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
