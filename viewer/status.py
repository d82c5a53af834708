"""The figures an editor asks first, as one status-bar line."""

from __future__ import annotations

from alignment.summary import summarize

from alignment.model import Alignment


def summary_text(alignment: Alignment) -> str:
    """Kept, reworded, merged/split, moved, dropped, added; words reused; similarity."""
    s = summarize(alignment)
    regrouped = s.merged + s.split + s.regrouped
    parts = [
        f"{s.same} kept",
        f"{s.changed} reworded",
        f"{regrouped} merged/split",
        f"{s.moved} moved",
        f"{s.deleted} dropped",
        f"{s.added} added",
        f"{s.reused_word_share:.0%} of words reused verbatim",
        f"similarity {s.similarity:.0%}",
    ]
    text = " · ".join(parts)
    return f"{text} · these texts look unrelated" if s.unrelated else text
