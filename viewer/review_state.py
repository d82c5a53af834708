"""The review on show, its undo stack, and how it reads in the status bar and the check list."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from alignment.model import Alignment, Check
from alignment.review import Counts, Review, State, check_key
from viewer.palette import GLYPHS

STATE_GLYPHS = {state: GLYPHS[state.value] for state in (State.ACCEPTED, State.FLAGGED)}
NOTE_GLYPH = "✎"
MANUAL_GLYPH = "⇔"
"""A pair an editor linked by hand."""
CHECK_FILTERS: dict[str, str | None] = {
    "Open checks": None,
    "Untouched checks": State.UNTOUCHED.value,
    "Accepted checks": State.ACCEPTED.value,
    "Flagged checks": State.FLAGGED.value,
    "Dismissed checks": "dismissed",
}
"""What the check list can show, by the review: every check not dismissed, or one state of them."""
PAIR_FILTERS: dict[str, str | None] = {
    "Any review": None,
    "Untouched": State.UNTOUCHED.value,
    "Accepted": State.ACCEPTED.value,
    "Flagged for action": State.FLAGGED.value,
    "With a note": "note",
}


class _Edit(QUndoCommand):
    """One review edit: the review before it and after it."""

    def __init__(self, state: ReviewState, before: Review, after: Review, text: str) -> None:
        super().__init__(text)
        self._state, self._before, self._after = state, before, after

    def redo(self) -> None:
        """Put the edited review on show."""
        self._state.set_review(self._after)

    def undo(self) -> None:
        """Put the review before the edit back."""
        self._state.set_review(self._before)


class ReviewState(QObject):
    """The review of the pair on show; every edit goes through the undo stack."""

    changed = Signal(object, bool)
    """The new review, and whether its links changed (the alignment must follow them)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.review = Review()
        self.undo_stack = QUndoStack(self)

    def edit(self, review: Review, text: str) -> None:
        """Make an edit that undo can take back; an edit that changes nothing is not recorded."""
        if review != self.review:
            self.undo_stack.push(_Edit(self, self.review, review, text))

    def reset(self, review: Review) -> None:
        """Start over with a review (another pair, a session opened); nothing to undo before it."""
        self.undo_stack.clear()
        self.set_review(review)

    def set_review(self, review: Review) -> None:
        """Show a review and say whether its links differ from the last one's."""
        links_changed = review.links != self.review.links
        self.review = review
        self.changed.emit(review, links_changed)


def progress_text(counts: Counts) -> str:
    """How far the review is, for the status bar: "38 of 53 pairs reviewed · 3 flagged · 2 notes"."""
    parts = [f"{counts.reviewed} of {counts.pairs} pairs reviewed"]
    if counts.flagged:
        parts.append(f"{counts.flagged} flagged")
    if counts.notes:
        parts.append(f"{counts.notes} note{'s' if counts.notes != 1 else ''}")
    return " · ".join(parts)


def pairs_matching(alignment: Alignment, review: Review, wanted: str) -> frozenset[int]:
    """The pairs a pair-table review filter keeps: one state, or those with a note."""
    if wanted == "note":
        return frozenset(
            k for k, p in enumerate(alignment.pairs) if review.pair_mark((p.source, p.target)).note
        )
    return frozenset(review.pairs_in(alignment, State(wanted)))


def listed_checks(
    alignment: Alignment, checks: list[Check], review: Review, wanted: str | None
) -> list[Check]:
    """The checks the list shows for a review filter, in their order (see :data:`CHECK_FILTERS`)."""
    if review.empty:  # every check untouched, none dismissed: a book's 13k keys need not be made
        return list(checks) if wanted in (None, State.UNTOUCHED.value) else []
    out = []
    for check in checks:
        key = check_key(alignment, check)
        if review.is_dismissed(key, check.group):
            keep = wanted == "dismissed"
        else:
            keep = wanted is None or wanted == review.check_mark(key).state.value
        if keep:
            out.append(check)
    return out


def decoration(alignment: Alignment, check: Check, review: Review) -> tuple[str, str]:
    """What a check's message is listed with: its review glyph before it, its note after it."""
    mark = review.check_mark(check_key(alignment, check))
    glyph = STATE_GLYPHS.get(mark.state, "")
    return (f"{glyph} " if glyph else "", f"  {NOTE_GLYPH} {mark.note}" if mark.note else "")
