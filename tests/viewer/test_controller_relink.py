"""The session shows an alignment re-made around manual links, and its whole-document checks after."""

from __future__ import annotations

from test_controller import FakeJob, FakeView, run_to_alignment

from alignment.checks import run_checks
from viewer.controller import Session
from viewer.marks import build_marks, flag_ranges


def _session() -> tuple[Session, FakeView, dict[int, FakeJob]]:
    view, jobs = FakeView(), {}

    def start(job_id: int, source, target) -> FakeJob:  # noqa: ANN001
        jobs[job_id] = FakeJob((source, target))
        return jobs[job_id]

    return Session(view, start), view, jobs


def test_a_re_alignment_replaces_a_job_that_only_checks_and_keeps_the_reading_position() -> None:
    session, view, jobs = _session()
    al = run_to_alignment(session)  # aligned, its checks still running
    relinked = run_to_alignment(Session(FakeView(), lambda *_a: FakeJob(())))
    checks = run_checks(relinked)
    session.realigned(relinked, build_marks(relinked), "re-made", checks, flag_ranges(relinked, checks))
    assert jobs[1].cancels == 1 and not session.running
    assert session.shown.alignment is relinked and session.shown.checks == checks
    assert view.last("scroll_to") == ("scroll_to", {"source": 7, "target": 9})
    assert view.last("set_running") == ("set_running", False)
    assert view.names()[-1] == "alignment_shown"
    session.checked(1, run_checks(al), flag_ranges(al, run_checks(al)))  # the dropped job's late checks
    assert session.shown.checks == checks


def test_a_re_alignment_gives_way_to_a_pair_being_loaded() -> None:
    session, view, jobs = _session()
    al = run_to_alignment(session)
    session.finished(1)
    session.open(al.source, al.target)  # job 2 loads
    session.realigned(al, build_marks(al), "late", [], flag_ranges(al, []))
    assert jobs[2].cancels == 0 and session.running and session.shown.summary != "late"


def test_whole_document_checks_replace_the_stretch_ones_only_for_the_alignment_on_show() -> None:
    session, view, _ = _session()
    al = run_to_alignment(session)
    session.finished(1)
    checks = run_checks(al)
    session.rechecked(al, checks, flag_ranges(al, checks))
    assert session.shown.checks == checks
    other = run_to_alignment(Session(FakeView(), lambda *_a: FakeJob(())))
    session.rechecked(other, [], flag_ranges(other, []))
    assert session.shown.checks == checks
