"""The session's state machine against a recording view and jobs that only remember being cancelled."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest
from conftest import hand_alignment

from alignment import document_from_text
from alignment.checks import run_checks
from viewer.controller import Session
from viewer.marks import build_marks, flag_ranges


@dataclass
class FakeJob:
    sources: tuple
    cancels: int = 0

    def cancel(self) -> None:
        self.cancels += 1


@dataclass
class FakeView:
    """Records what the session asks of it; the panes are 'scrolled' to fixed offsets."""

    calls: list[tuple] = field(default_factory=list)
    positions: dict = field(default_factory=lambda: {"source": 7, "target": 9})

    def __getattr__(self, name: str):  # noqa: ANN204 - any View method
        return lambda *args: self.calls.append((name, *args))

    def reading_positions(self) -> dict:
        return dict(self.positions)

    def names(self) -> list[str]:
        return [c[0] for c in self.calls]

    def last(self, name: str) -> tuple:
        return next(c for c in reversed(self.calls) if c[0] == name)


@pytest.fixture
def view() -> FakeView:
    return FakeView()


@pytest.fixture
def jobs() -> dict[int, FakeJob]:
    return {}


@pytest.fixture
def session(view: FakeView, jobs: dict[int, FakeJob]) -> Session:
    def start(job_id: int, source, target) -> FakeJob:  # noqa: ANN001
        jobs[job_id] = FakeJob((source, target))
        return jobs[job_id]

    return Session(view, start)


def run_to_alignment(session: Session, job: int = 1):  # noqa: ANN201
    """Open the hand pair and let job ``job`` load and align it; the alignment."""
    al = hand_alignment()
    session.open(al.source, al.target)
    session.loaded(job, al.source, al.target)
    session.aligned(job, al, build_marks(al))
    session.summarized(job, "summary")
    return al


def test_a_job_shows_texts_then_alignment_then_checks(session: Session, view: FakeView) -> None:
    al = run_to_alignment(session)
    assert session.shown.alignment is al and session.shown.summary == "summary"
    assert view.last("set_checks_note") == ("set_checks_note", "Checking…")
    checks = run_checks(al)
    flags = flag_ranges(al, checks)
    session.checked(1, checks, flags)
    assert session.shown.checks == checks
    assert session.shown.marks["target"].flags == flags["target"]
    assert session.shown.marks["source"].words == build_marks(al)["source"].words
    session.finished(1)
    assert not session.running
    assert view.names()[:2] == ["show_progress", "set_running"]
    assert view.last("set_running") == ("set_running", False)
    assert view.names().index("show_documents") < view.names().index("alignment_shown")


def test_opening_cancels_the_running_job_and_ignores_its_late_signals(
    session: Session, view: FakeView, jobs: dict[int, FakeJob]
) -> None:
    first = run_to_alignment(session)
    other = hand_alignment(8, prefix="New. ")
    session.open(other.source, other.target)
    assert jobs[1].cancels == 1 and session.job_id == 2
    before = list(view.calls)
    session.checked(1, run_checks(first), flag_ranges(first, run_checks(first)))
    session.aligned(1, first, build_marks(first))
    session.summarized(1, "old")
    session.loaded(1, first.source, first.target)
    session.progressed(1, 0.5, "aligning")
    session.failed(1, "old failure")
    session.cancelled(1)
    session.finished(1)
    assert view.calls == before
    assert session.running
    session.loaded(2, other.source, other.target)
    assert session.shown.source is other.source and session.shown.alignment is None


def test_cancel_while_aligning_puts_back_what_was_shown(session: Session, view: FakeView,
                                                        jobs: dict[int, FakeJob]) -> None:
    al = run_to_alignment(session)
    session.finished(1)
    new = document_from_text("A new text. Two sentences.")
    session.open(new, al.target)
    session.loaded(2, new, al.target)
    assert session.shown.source is new
    session.cancel()
    assert jobs[2].cancels == 1 and not session.running
    assert session.shown.alignment is al and session.shown.source is al.source
    assert view.last("show_alignment")[1].alignment is al
    assert view.last("show_status") == ("show_status", "Alignment cancelled")
    assert view.last("set_running") == ("set_running", False)
    calls = list(view.calls)
    session.cancelled(2)
    session.finished(2)
    assert view.calls == calls


def test_a_pair_dropped_for_another_is_not_what_comes_back(session: Session, view: FakeView,
                                                           jobs: dict[int, FakeJob]) -> None:
    al = run_to_alignment(session)
    session.finished(1)
    a, b = document_from_text("First new text."), document_from_text("Second new text.")
    session.open(a, al.target)
    session.loaded(2, a, al.target)
    session.open(b, al.target)
    assert jobs[2].cancels == 1
    session.failed(3, "b.txt: unreadable")
    assert session.shown.source is al.source and session.shown.alignment is al


def test_a_new_pair_while_checking_says_the_checks_stopped(session: Session, view: FakeView) -> None:
    al = run_to_alignment(session)
    session.open(al.source, al.target)
    assert view.last("set_checks_note") == ("set_checks_note", "Checks cancelled")
    session.loaded(2, al.source, al.target)
    session.failed(2, "broken")
    assert session.shown.alignment is al


def test_closing_drops_the_job_and_shows_nothing_more(session: Session, view: FakeView,
                                                      jobs: dict[int, FakeJob]) -> None:
    run_to_alignment(session)
    calls = list(view.calls)
    session.close()
    session.checked(1, [], {})
    session.finished(1)
    assert jobs[1].cancels == 1 and view.calls == calls and not session.running


def test_cancel_while_checking_keeps_the_alignment(session: Session, view: FakeView) -> None:
    al = run_to_alignment(session)
    session.cancelled(1)
    assert session.shown.alignment is al and session.shown.checks == []
    assert view.last("set_checks_note") == ("set_checks_note", "Checks cancelled")
    assert view.last("show_status") == ("show_status", "Checks cancelled")


def test_a_failed_load_keeps_the_documents_and_says_why(session: Session, view: FakeView) -> None:
    al = run_to_alignment(session)
    session.checked(1, [], flag_ranges(al, []))
    session.finished(1)
    shown = session.shown
    session.open("missing.txt", al.target)
    session.failed(2, "missing.txt: no such file")
    assert session.shown is shown
    assert view.last("show_error") == ("show_error", "missing.txt: no such file")
    assert view.last("set_checks_note") != ("set_checks_note", "Checks failed")


def test_failed_checks_keep_the_alignment(session: Session, view: FakeView) -> None:
    al = run_to_alignment(session)
    session.failed(1, "The checks failed")
    assert session.shown.alignment is al
    assert view.last("set_checks_note") == ("set_checks_note", "Checks failed")


def test_reload_scrolls_back_to_the_reading_position(session: Session, view: FakeView) -> None:
    al = run_to_alignment(session)
    session.finished(1)
    session.open(al.source, al.target, keep_position=True)
    session.loaded(2, al.source, al.target)
    session.aligned(2, al, build_marks(al))
    scrolls = [c for c in view.calls if c[0] == "scroll_to"]
    assert scrolls == [("scroll_to", {"source": 7, "target": 9})] * 2
    session.open(al.source, al.target)
    session.loaded(3, al.source, al.target)
    assert [c for c in view.calls if c[0] == "scroll_to"] == scrolls



def test_the_summary_line_follows_the_colours_and_a_stale_one_is_ignored(
    session: Session, view: FakeView
) -> None:
    al = hand_alignment()
    session.open(al.source, al.target)
    session.loaded(1, al.source, al.target)
    session.aligned(1, al, build_marks(al))
    session.summarized(1, "6 pairs")
    assert session.shown.summary == "6 pairs" and view.last("show_summary") == ("show_summary", "6 pairs")
    session.open(al.source, al.target)
    session.summarized(1, "stale")
    assert session.shown.summary == "6 pairs" and view.last("show_summary") == ("show_summary", "6 pairs")
