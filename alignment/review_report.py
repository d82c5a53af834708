"""The review's part of the HTML report: its summary line, the reviewed or annotated pairs, check verdicts."""

from __future__ import annotations

import html

from alignment.model import Alignment, Check
from alignment.review import Counts, Review, State, check_key, pair_key
from alignment.roles import palettes, roles

GLYPHS = {state: roles()[state.value].glyph for state in (State.ACCEPTED, State.FLAGGED)}
_MARK = {state: palettes()["default"].roles[state.value].mark for state in GLYPHS}
CSS = f"""
.review td {{ padding: 4px 8px; border-bottom: 1px solid #f1f3f5; vertical-align: top;
  font-family: Helvetica, Arial, sans-serif; font-size: 13px; }}
.review .accepted {{ color: {_MARK[State.ACCEPTED]}; }}
.review .flagged {{ color: {_MARK[State.FLAGGED]}; font-weight: bold; }}
.review .note {{ color: #343a40; font-style: italic; }}
"""


def review_summary(counts: Counts) -> str:
    """The review in one line: "12 accepted, 3 flagged, 2 notes"."""
    notes = f"{counts.notes} note{'s' if counts.notes != 1 else ''}"
    return f"{counts.accepted} accepted, {counts.flagged} flagged, {notes}"


def review_glyph(review: Review, alignment: Alignment, k: int) -> str:
    """The review marks of pair k for its row: the state glyph, and ✎ when it has a note."""
    mark = review.pair_mark(pair_key(alignment.pairs[k]))
    return GLYPHS.get(mark.state, "") + ("✎" if mark.note else "")


def check_verdict(review: Review, alignment: Alignment, check: Check) -> str:
    """A check's verdict and note as a line under its message, or nothing when it has neither."""
    mark = review.check_mark(check_key(alignment, check))
    if mark.empty:
        return ""
    glyph = GLYPHS.get(mark.state, "")
    state = f'<span class="{mark.state.value}">{glyph} {mark.state.value}</span> ' if glyph else ""
    note = f'<span class="note">{html.escape(mark.note)}</span>' if mark.note else ""
    return f'<br><span class="review">{state}{note}</span>'


def review_section(alignment: Alignment, review: Review, dismissed: int = 0) -> str:
    """The summary, then every pair with a verdict or a note, flagged first, each linking to its row.

    ``dismissed`` checks were left out of the report: the summary says how many."""
    counts = review.counts(alignment)
    rows = []
    marked = [(k, review.pair_mark(pair_key(p))) for k, p in enumerate(alignment.pairs)]
    order = {State.FLAGGED: 0, State.UNTOUCHED: 1, State.ACCEPTED: 2}
    for k, mark in sorted((x for x in marked if not x[1].empty), key=lambda x: (order[x[1].state], x[0])):
        state = mark.state.value
        glyph = GLYPHS.get(mark.state, "")
        label = f"{glyph} {state}" if glyph else "note"
        note = f'<td class="note">{html.escape(mark.note)}</td>' if mark.note else "<td></td>"
        rows.append(
            f'<tr><td class="{state}">{html.escape(label)}</td>'
            f'<td><a href="#pair-{k}">pair {k + 1}</a></td>{note}</tr>'
        )
    table = f'<table class="review">{"".join(rows)}</table>' if rows else ""
    left_out = f" {dismissed} dismissed check{'s' if dismissed != 1 else ''} left out." if dismissed else ""
    head = (
        f"<h2>Review</h2><p>{counts.reviewed} of {counts.pairs} pairs reviewed: {review_summary(counts)}."
        f"{left_out}</p>"
    )
    return head + table
