"""The checks worker: a spawned, long-lived process; the same results, a prompt cancel, errors as messages."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
import worker_tasks
from conftest import SEED, hand_alignment, make_window, open_and_wait, window_showing
from worker_tasks import told

import viewer.checks_process
import viewer.jobs
from alignment import Alignment, Cancelled, ParalignError, align, load_document
from alignment.checks import prepare, run_checks
from alignment.model import Sentence
from alignment.segment import segment
from alignment.wire import stand_in, to_wire
from viewer.checks_process import START_METHOD, ChecksWorker


def unwired(al: Alignment) -> Alignment:
    """The alignment as the worker gets it: its pairs' sentences alone."""
    return replace(al, pairs=tuple(stand_in(p.source, p.target) for p in al.pairs))


@pytest.fixture
def worker_with(request: pytest.FixtureRequest) -> Iterator:
    """Make workers running a stand-in task; every one is ended after the test."""
    made: list[ChecksWorker] = []

    def make(task, gather=prepare) -> ChecksWorker:  # noqa: ANN001
        made.append(ChecksWorker(task, gather))
        return made[-1]

    yield make
    for worker in made:
        worker.close()


def test_the_worker_is_one_spawned_process_that_serves_run_after_run(worker_with) -> None:  # noqa: ANN001
    assert START_METHOD == "spawn"
    worker = worker_with(worker_tasks.where)
    al = hand_alignment()
    pid, has_qt, seen, _ = told(worker.run(al, lambda: False))
    again, _, _, _ = told(worker.run(al, lambda: False))
    assert not has_qt, "the worker is a copy of the window's process"
    assert pid == again == worker.pid
    assert seen == unwired(al)


def test_the_worker_gives_run_checks_results(window) -> None:  # noqa: ANN001
    assert viewer.checks_process.CHECKS.run(window.alignment, lambda: False) == run_checks(window.alignment)


def test_cancel_drops_the_busy_worker_at_once_and_starts_another(worker_with) -> None:  # noqa: ANN001
    worker = worker_with(worker_tasks.sleep)
    worker.start()
    busy = worker.pid
    asked: list[float] = []

    def cancelled() -> bool:
        asked.append(time.monotonic())
        return len(asked) > 3

    with pytest.raises(Cancelled):
        worker.run(hand_alignment(), cancelled)
    assert worker.pid is not None and worker.pid != busy
    gaps = [b - a for a, b in zip(asked, asked[1:], strict=False)]
    assert all(gap < 0.1 for gap in gaps), gaps


def test_a_waiting_run_can_be_cancelled_before_it_gets_the_worker(worker_with) -> None:  # noqa: ANN001
    worker = worker_with(worker_tasks.sleep)
    worker._lock.acquire()
    try:
        with pytest.raises(Cancelled):
            worker.run(hand_alignment(), lambda: True)
    finally:
        worker._lock.release()


def test_the_worker_reports_a_failing_check_and_keeps_serving(worker_with) -> None:  # noqa: ANN001
    worker = worker_with(worker_tasks.fail)
    with pytest.raises(ParalignError, match="ValueError: broken"):
        worker.run(hand_alignment(), lambda: False)
    pid = worker.pid
    with pytest.raises(ParalignError):
        worker.run(hand_alignment(), lambda: False)
    assert worker.pid == pid


def test_alignment_shows_before_its_checks_and_stays_when_they_are_cancelled(
    qtbot, settings_file: Path, monkeypatch: pytest.MonkeyPatch, worker_with
) -> None:
    monkeypatch.setattr(viewer.checks_process, "CHECKS", worker_with(worker_tasks.sleep))
    al = hand_alignment()
    monkeypatch.setattr(viewer.jobs, "align", lambda *a, **k: al)
    window = make_window(qtbot, settings_file)
    with qtbot.waitSignal(window.job_finished, timeout=20000):
        with qtbot.waitSignal(window.alignment_ready, timeout=20000):
            window.open_pair(al.source, al.target)
        assert window.alignment is al and window.checks_panel.count.text() == "Checking…"
        window.cancel_button.click()
    assert window.alignment is al
    assert window.checks_panel.count.text() == "Checks cancelled"
    assert window.checks == []


def test_a_failed_load_leaves_the_checks_alone(qtbot, settings_file: Path, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("PySide6.QtWidgets.QMessageBox.critical", lambda *a: None)
    al = hand_alignment()
    window = window_showing(qtbot, settings_file, monkeypatch, al)
    checks = window.checks
    with qtbot.waitSignal(window.job_finished, timeout=20000):
        window.open_side("target", str(tmp_path / "missing.txt"))
    assert window.checks == checks and window.checks_panel.count.text() == f"{len(checks)} checks"


def _aligned(pair: tuple[str, str]) -> Alignment:
    data = Path(__file__).resolve().parents[1] / "data"
    return align(*(load_document(data / name) for name in pair))


@pytest.mark.parametrize("pair", [("seed.src.txt", "seed.tgt.txt"), ("ruth.src.txt", "ruth.tgt.txt")])
def test_the_checks_gathered_ahead_from_texts_and_sentences_alone_are_the_same(pair: tuple[str, str]) -> None:
    al = _aligned(pair)
    bare = Alignment(al.source, al.target, al.source_sentences, al.target_sentences, ())
    checks = run_checks(al)
    assert checks and run_checks(al, prepare(bare)) == checks


def test_the_worker_splits_the_documents_ahead_and_uses_that_once_for_their_run(worker_with) -> None:  # noqa: ANN001
    worker = worker_with(worker_tasks.where, worker_tasks.gathered)
    al = _aligned(("seed.src.txt", "seed.tgt.txt"))
    token = worker.prepare(al.source, al.target, "sentences")
    *_, given, ahead = told(worker.run(al, lambda: False, token))
    assert ahead == (segment(al.source.text), segment(al.target.text))
    # One object in the worker stays one through the pipe: the run's sentences are those split ahead.
    assert (given.source_sentences, given.target_sentences) == ahead
    assert given.source_sentences is ahead[0] and given.target_sentences is ahead[1], "not built again"
    assert ahead == (al.source_sentences, al.target_sentences)
    assert told(worker.run(al, lambda: False, token))[-1] is None, "used once"
    worker.prepare(al.source, al.target, "sentences")
    assert told(worker.run(al, lambda: False, token))[-1] is None, "another token's"
    latest = worker.prepare(al.source, al.target, "sentences")
    resplit = replace(al, source_sentences=(Sentence(0, len(al.source.text), 0),), pairs=())
    assert told(worker.run(resplit, lambda: False, latest))[-1] is None, "other sentences"


def test_the_worker_gathers_on_the_sentences_the_engine_told_not_splitting_again(worker_with) -> None:  # noqa: ANN001
    worker = worker_with(worker_tasks.where, worker_tasks.gathered)
    al = _aligned(("seed.src.txt", "seed.tgt.txt"))
    # Not how the worker would split them: what it gathers on tells whose sentences they are.
    told_split = replace(al, source_sentences=(Sentence(0, len(al.source.text), 0),), pairs=())
    token = worker.prepare(al.source, al.target, "sentences")
    tell = worker.on_split(token)
    tell("source", told_split.source_sentences)
    worker.on_split(token + 1)("source", al.source_sentences)  # another token's: not heard
    tell("target", told_split.target_sentences)
    ahead = told(worker.run(told_split, lambda: False, token))[-1]
    assert ahead == (told_split.source_sentences, told_split.target_sentences)
    token = worker.prepare(al.source, al.target, "sentences")
    worker.on_split(token)("source", told_split.source_sentences)  # one side told: the worker splits both
    assert told(worker.run(al, lambda: False, token))[-1] == (al.source_sentences, al.target_sentences)


def test_the_worker_runs_below_the_window_s_priority(worker_with) -> None:  # noqa: ANN001
    if not hasattr(os, "getpriority"):
        pytest.skip("POSIX priorities")
    worker = worker_with(worker_tasks.where)
    worker.run(hand_alignment(), lambda: False)
    assert os.getpriority(os.PRIO_PROCESS, worker.pid) > os.getpriority(os.PRIO_PROCESS, 0)


def test_a_job_stopped_before_its_checks_drops_the_worker_gathering_for_it(worker_with) -> None:  # noqa: ANN001
    worker = worker_with(worker_tasks.where, worker_tasks.gathered)
    al = hand_alignment()
    worker.forget(worker.prepare(al.source, al.target, "sentences"))
    busy = worker.pid
    worker.forget(worker.prepare(al.source, al.target, "sentences"))
    assert worker.pid != busy
    token = worker.prepare(al.source, al.target, "sentences")
    worker.run(al, lambda: False, token)
    served = worker.pid
    with worker._lock:
        assert worker.prepare(al.source, al.target, "sentences") is None, "another run has it: not waited for"
    worker.forget(token)
    assert worker.pid == served, "its checks ran: nothing to drop"


def _submit(worker: ChecksWorker, token: int | None, al: Alignment) -> None:
    """Tell the worker the pairs of an alignment of the documents of ``token``, as ``align()`` does."""
    paired = worker.paired(token)
    paired(al.source_sentences, al.target_sentences, [(p.source, p.target) for p in al.pairs])


def _submitted_and_run(worker: ChecksWorker) -> tuple[Alignment, list]:
    """The seed's alignment, its pairs submitted while "aligning", and what its run (sent no pairs) told."""
    al = _aligned(("seed.src.txt", "seed.tgt.txt"))
    token = worker.prepare(al.source, al.target, "sentences")
    _submit(worker, token, al)
    return al, told(worker.run(replace(al, pairs=()), lambda: False, token))


def test_pairs_submitted_while_aligning_are_checked_at_once_and_their_run_takes_that(worker_with) -> None:  # noqa: ANN001
    worker = worker_with(worker_tasks.where, worker_tasks.gathered)
    al, (_, _, given, ahead) = _submitted_and_run(worker)
    assert given == unwired(al), "the pairs submitted, not sent again"
    assert ahead == (al.source_sentences, al.target_sentences), "with what was gathered ahead"
    token = worker.prepare(al.source, al.target, "sentences")
    _submit(worker, token, al)
    worker.run(al, lambda: False)  # another run asked since: its answer is not the token's
    assert told(worker.run(replace(al, pairs=()), lambda: False, token))[2].pairs == ()
    _submit(worker, None, al)  # nothing prepared (the worker was busy): nothing submitted either
    assert told(worker.run(replace(al, pairs=()), lambda: False))[2].pairs == ()


def test_pairs_submitted_are_checked_on_the_documents_sent_ahead_if_gathering_failed(worker_with) -> None:  # noqa: ANN001
    al, (_, _, given, ahead) = _submitted_and_run(worker_with(worker_tasks.where, worker_tasks.fail))
    assert given == unwired(al) and ahead is None


def test_a_job_stopped_after_submitting_its_pairs_drops_the_worker_checking_them(worker_with) -> None:  # noqa: ANN001
    worker = worker_with(worker_tasks.sleep)
    al = hand_alignment()
    token = worker.prepare(al.source, al.target, "sentences")
    _submit(worker, token, al)
    busy = worker.pid
    worker.forget(token)
    assert worker.pid is not None and worker.pid != busy


def test_a_job_tells_its_sentences_and_pairs_as_the_engine_finds_them_and_its_run_sends_nothing(
    qtbot, settings_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    worker, sent = viewer.checks_process.CHECKS, []
    submit, on_split = worker.submit, worker.on_split
    monkeypatch.setattr(worker, "submit", lambda token, wire: sent.append("submit") or submit(token, wire))
    monkeypatch.setattr(worker, "on_split", lambda token: lambda side, sentences: (
        sent.append(side) or on_split(token)(side, sentences)))
    monkeypatch.setattr(viewer.checks_process, "to_wire", lambda al: sent.append("run") or to_wire(al))
    window = make_window(qtbot, settings_file)
    open_and_wait(qtbot, window, *map(str, SEED))
    assert sorted(sent[:2]) == ["source", "target"] and sent[2:] == ["submit"], "each side's, then the pairs"
    assert window.checks and window.checks == run_checks(window.alignment)


def test_a_job_hands_its_documents_ahead_and_their_token_to_its_checks(
    qtbot, settings_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    worker, seen = viewer.checks_process.CHECKS, []
    prepare_ahead, run = worker.prepare, worker.run
    monkeypatch.setattr(worker, "prepare",
                        lambda *a: seen.append(("prepare", a[:2], prepare_ahead(*a))) or seen[-1][2])
    monkeypatch.setattr(worker, "run", lambda al, cancelled, token, meanwhile: (
        seen.append(("run", (al.source, al.target), token)) or run(al, cancelled, token, meanwhile)))
    al = hand_alignment()
    window_showing(qtbot, settings_file, monkeypatch, al)
    assert [kind for kind, *_ in seen] == ["prepare", "run"]
    assert seen[0][1] == seen[1][1] == (al.source, al.target) and seen[0][2] == seen[1][2] is not None


def test_a_new_window_starts_the_worker_before_any_pair_is_opened(
    qtbot, settings_file: Path, monkeypatch: pytest.MonkeyPatch, worker_with
) -> None:
    worker = worker_with(worker_tasks.where)
    monkeypatch.setattr(viewer.checks_process, "CHECKS", worker)
    make_window(qtbot, settings_file)
    assert worker.pid is not None, "its imports run while the first pair loads"
