"""The session's state machine: which job runs, what is on show, and what to put back when a job stops.

No widgets here: the window implements :class:`View` and forwards each job signal, tagged with its
job id, to the matching method; signals of any job but the current one are ignored.  Nothing here
waits for a job: a cancelled or replaced job is dropped at once and left to stop on its own.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Protocol

from alignment.model import Alignment, Check, Document, Side
from viewer.jobs import Source
from viewer.marks import Ranges, SideMarks

SIDES: tuple[Side, Side] = ("source", "target")


@dataclass(frozen=True)
class Shown:
    """The documents on screen, their alignment with its marks, checks and summary line."""

    source: Document | None = None
    target: Document | None = None
    alignment: Alignment | None = None
    marks: dict[Side, SideMarks] | None = None
    checks: list[Check] = field(default_factory=list)
    summary: str = ""

    def document(self, side: Side) -> Document | None:
        """The document on one side."""
        return self.source if side == "source" else self.target


class Job(Protocol):
    """A running background job as the controller sees it."""

    def cancel(self) -> None:
        """Ask it to stop."""


StartJob = Callable[[int, Source, Source], Job]
"""Starts loading, aligning and checking two sources as job ``id``; its signals come back tagged with it."""


class View(Protocol):
    """What the controller asks of the window."""

    def show_documents(self, shown: Shown) -> None:
        """Put the texts of ``shown`` on screen, without any alignment."""

    def show_alignment(self, shown: Shown) -> None:
        """Colour, link and list the alignment of ``shown`` (or none), with its checks and summary."""

    def show_summary(self, summary: str) -> None:
        """Show the summary line of the alignment on show."""

    def show_checks(self, shown: Shown) -> None:
        """List the checks of ``shown`` and flag their sentences."""

    def set_checks_note(self, text: str) -> None:
        """Say in the checks panel what became of the checks."""

    def show_progress(self, fraction: float, label: str) -> None:
        """Say how far the job is."""

    def set_running(self, running: bool) -> None:
        """Show or hide the progress bar and the cancel controls."""

    def reading_positions(self) -> dict[Side, int]:
        """The offset at the top of each pane."""

    def scroll_to(self, positions: dict[Side, int]) -> None:
        """Scroll each pane so that its offset is at the top."""

    def alignment_shown(self) -> None:
        """A new alignment is on screen: remember the pair, watch its files."""

    def show_error(self, message: str) -> None:
        """Tell the user what went wrong."""

    def show_status(self, message: str) -> None:
        """A passing note in the status bar."""


class Session:
    """One window's job and what it shows: open, cancel, and the outcome of each job."""

    def __init__(self, view: View, start: StartJob) -> None:
        self._view = view
        self._start = start
        self.shown = Shown()
        self.flag_pair: int | None = None
        """The pair whose check's spans are marked in the panes, kept while that pair stays current."""
        self._job: Job | None = None
        self._job_id = 0
        self._restore: Shown | None = None
        self._keep_position: dict[Side, int] | None = None
        self._checking = False

    @property
    def running(self) -> bool:
        """Whether a job is under way."""
        return self._job is not None

    @property
    def job_id(self) -> int:
        """The id of the latest job; signals tagged with any other id are stale."""
        return self._job_id

    def open(self, source: Source, target: Source, keep_position: bool = False) -> None:
        """Drop the running job and start one on two sources; what is shown stays until they load."""
        self._drop()
        self._keep_position = self._view.reading_positions() if keep_position else None
        self._job_id += 1
        self._job = self._start(self._job_id, source, target)
        self._view.show_progress(0.0, "Loading")
        self._view.set_running(True)

    def cancel(self) -> None:
        """Stop the running job now: put back what it replaced, or keep its alignment if only checks ran."""
        if self._job is not None:
            job = self._job_id
            self._job.cancel()
            self._view.show_status(self._stop("Checks cancelled") or "Alignment cancelled")
            self.finished(job)

    def close(self) -> None:
        """Drop the running job, showing nothing more: the window is closing."""
        if self._job is not None:
            self._job.cancel()
            self._job = None

    def _drop(self) -> None:
        """Cancel the running job for a new one; what it replaced stays the thing to put back."""
        if self._job is None:
            return
        self._job.cancel()
        self._job = None
        if self._checking:
            self._checking = False
            self._view.set_checks_note("Checks cancelled")

    def _current(self, job: int) -> bool:
        """Whether a signal comes from the latest job."""
        return job == self._job_id and self._job is not None

    def loaded(self, job: int, source: Document | None, target: Document | None) -> None:
        """Show the new texts at once, while the alignment runs."""
        if not self._current(job):
            return
        if self._restore is None:
            self._restore = self.shown
        self._show(Shown(source, target))

    def progressed(self, job: int, fraction: float, label: str) -> None:
        """Pass the job's progress on."""
        if self._current(job):
            self._view.show_progress(fraction, label)

    def aligned(self, job: int, alignment: Alignment, marks: dict[Side, SideMarks]) -> None:
        """Show the finished alignment; its summary line and checks follow."""
        if not self._current(job):
            return
        self._restore = None
        self.shown = replace(self.shown, alignment=alignment, marks=marks, checks=[], summary="")
        self._view.show_alignment(self.shown)
        self._checking = True
        self._view.set_checks_note("Checking…")
        self._scroll_back()
        self._keep_position = None
        self._view.alignment_shown()

    def summarized(self, job: int, summary: str) -> None:
        """Show the summary line of the alignment on show, which follows its colours."""
        if self._current(job) and self.shown.alignment is not None:
            self.shown = replace(self.shown, summary=summary)
            self._view.show_summary(summary)

    def checked(self, job: int, checks: list[Check], flags: dict[Side, Ranges]) -> None:
        """Add the checks of the alignment on show, and flag their sentences."""
        if not self._current(job) or self.shown.marks is None:
            return
        self._checking = False
        marks = {side: replace(self.shown.marks[side], flags=flags[side]) for side in SIDES}
        self.shown = replace(self.shown, marks=marks, checks=checks)
        self._view.show_checks(self.shown)

    def realigned(
        self,
        alignment: Alignment,
        marks: dict[Side, SideMarks],
        summary: str,
        checks: list[Check],
        flags: dict[Side, Ranges],
    ) -> None:
        """Show an alignment re-made around an editor's links, with its checks, where the reader is.

        A job only checking the alignment this one replaces is dropped; a job loading other documents
        wins, since what it brings replaces this alignment anyway.
        """
        if self._job is not None and not self._checking:
            return
        if self._job is not None:
            self._job.cancel()
            self._job, self._checking = None, False
            self._view.set_running(False)
        positions = self._view.reading_positions()
        marks = {side: replace(marks[side], flags=flags[side]) for side in SIDES}
        self.shown = replace(self.shown, alignment=alignment, marks=marks, checks=checks, summary=summary)
        self._view.show_alignment(self.shown)
        self._view.scroll_to(positions)
        self._view.alignment_shown()

    def rechecked(self, alignment: Alignment, checks: list[Check], flags: dict[Side, Ranges]) -> None:
        """Replace the checks of the alignment on show (checked again as a whole after a re-alignment)."""
        if alignment is not self.shown.alignment or self.shown.marks is None:
            return
        marks = {side: replace(self.shown.marks[side], flags=flags[side]) for side in SIDES}
        self.shown = replace(self.shown, marks=marks, checks=checks)
        self._view.show_checks(self.shown)

    def failed(self, job: int, message: str) -> None:
        """Report the failure; keep the documents that were open."""
        if not self._current(job):
            return
        self._stop("Checks failed")
        self._view.show_error(message)

    def cancelled(self, job: int) -> None:
        """The job stopped on its own: go back to what was shown before, or keep the alignment."""
        if self._current(job):
            self._view.show_status(self._stop("Checks cancelled") or "Alignment cancelled")

    def finished(self, job: int) -> None:
        """The job has ended, whatever its outcome."""
        if not self._current(job):
            return
        self._job, self._checking = None, False
        self._view.set_running(False)

    def _stop(self, checks_note: str) -> str:
        """Undo a stopped job; if only the checks of the alignment on show stopped, say so and return that."""
        if self._checking:
            self._checking = False
            self._view.set_checks_note(checks_note)
            return checks_note
        self._keep_position = None
        if self._restore is not None:
            restore, self._restore = self._restore, None
            self._show(restore)
        return ""

    def _show(self, shown: Shown) -> None:
        """Put documents and their alignment (if any) on screen."""
        self.shown = shown
        self._view.show_documents(shown)
        self._scroll_back()
        self._view.show_alignment(shown)

    def _scroll_back(self) -> None:
        """Scroll both panes back to where they were before a reload."""
        if self._keep_position is not None:
            self._view.scroll_to(self._keep_position)
