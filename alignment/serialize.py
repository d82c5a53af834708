"""The alignment as JSON-ready data: a direct, versioned serialisation of the model."""

from __future__ import annotations

from typing import Any

from alignment.grouping import group_checks
from alignment.model import Alignment, Change, Check, Document, Sentence
from alignment.paths import shown
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
