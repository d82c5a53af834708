"""The figures an editor asks first, as one status-bar line."""

from __future__ import annotations

from alignment.summary import UNRELATED_MESSAGE, Summary


def summary_text(s: Summary) -> str:
    """Kept, reworded, merged/split, moved, dropped, added; words reused; similarity."""
    if s.unrelated:
        return UNRELATED_MESSAGE
    return " · ".join(
        [
            f"{s.kept} kept",
            f"{s.reworded} reworded",
            f"{s.regrouped} merged/split",
            f"{s.moved} moved",
            f"{s.dropped} dropped",
            f"{s.added} added",
            f"{s.reused_word_share:.0%} of the original's words reused verbatim",
            f"similarity {s.similarity:.0%}",
        ]
    )
