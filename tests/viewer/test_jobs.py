"""The window never waits for a job: a new pair, cancel and close return at once; late signals are ignored.

Slow phases are stand-ins held on a gate that only the test opens: had the window waited for the
job, the call under test would block until the gate's long timeout and find the job gone.
"""

from __future__ import annotations

import gc
import os
import subprocess
import sys
import threading
import weakref
from collections.abc import Iterator
from pathlib import Path

import pytest
import worker_tasks
from conftest import SEED, BusyLock, hand_alignment, make_window, open_and_wait

import viewer.checks_process
import viewer.jobs
import viewer.main_window
from alignment import Alignment, Cancelled, document_from_text
from viewer.checks_process import ChecksWorker
from viewer.jobs import AlignJob
from viewer.main_window import PROGRESS_PADDING, PROGRESS_WIDTH, MainWindow
from viewer.marks import MARKS_POLL, build_marks

GATE_SECONDS = 60
"""Far longer than any test: a window that waited on a gated job would hang this long."""


class Gate:
    """Holds every call to a stand-in until opened; remembers the calls."""

    def __init__(self) -> None:
        self.open_ = threading.Event()
        self.entered = threading.Event()
        self.calls: list[tuple] = []

    def hold(self, *args) -> None:  # noqa: ANN002
        self.calls.append(args)
        self.entered.set()
        self.open_.wait(GATE_SECONDS)


@pytest.fixture
def jobs(monkeypatch: pytest.MonkeyPatch) -> list[AlignJob]:
    """Every job the windows start, in order."""
    started: list[AlignJob] = []

    class Recorded(AlignJob):
        def start(self) -> None:
            started.append(self)
            super().start()

    monkeypatch.setattr(viewer.main_window, "AlignJob", Recorded)
    return started


@pytest.fixture
def sleepy_checks(monkeypatch: pytest.MonkeyPatch) -> Iterator[ChecksWorker]:
    """A checks worker whose checks never end."""
    worker = ChecksWorker(worker_tasks.sleep)
    monkeypatch.setattr(viewer.checks_process, "CHECKS", worker)
    yield worker
    worker.close()


def gated_align(gate: Gate, first: Alignment, later: Alignment):  # noqa: ANN201
    """An align holding its first call at the gate, then returning ``first``; later calls get ``later``."""

    def align(source, target, **_):  # noqa: ANN001, ANN003, ANN202
        if not gate.calls:
            gate.hold(source, target)
            return first
        return later

    return align


def test_a_second_pair_opens_at_once_and_the_first_result_is_ignored(
    qtbot, settings_file: Path, monkeypatch: pytest.MonkeyPatch, jobs: list[AlignJob]
) -> None:
    gate, first, second = Gate(), hand_alignment(6), hand_alignment(9, prefix="New. ")
    monkeypatch.setattr(viewer.jobs, "align", gated_align(gate, first, second))
    window = make_window(qtbot, settings_file)
    window.open_pair(first.source, first.target)
    assert gate.entered.wait(10)
    with qtbot.waitSignal(window.job_finished, timeout=20000):
        window.open_pair(second.source, second.target)
        assert jobs[0].is_alive() and jobs[0].is_cancelled()
    assert window.alignment is second
    gate.open_.set()
    qtbot.waitUntil(lambda: not jobs[0].is_alive())
    qtbot.wait(50)
    assert window.alignment is second and window.docs["source"] is second.source


def test_closing_during_alignment_returns_at_once(
    qtbot, settings_file: Path, monkeypatch: pytest.MonkeyPatch, jobs: list[AlignJob]
) -> None:
    gate, al = Gate(), hand_alignment()
    monkeypatch.setattr(viewer.jobs, "align", gated_align(gate, al, al))
    window = make_window(qtbot, settings_file)
    window.open_pair(al.source, al.target)
    assert gate.entered.wait(10)
    window.close()
    assert jobs[0].is_alive() and jobs[0].is_cancelled()
    gate.open_.set()
    qtbot.waitUntil(lambda: not jobs[0].is_alive())
    qtbot.wait(50)
    assert window.alignment is None


def test_closing_during_checks_returns_at_once_and_drops_the_worker(
    qtbot, settings_file: Path, monkeypatch: pytest.MonkeyPatch, jobs: list[AlignJob],
    sleepy_checks: ChecksWorker
) -> None:
    al = hand_alignment()
    monkeypatch.setattr(viewer.jobs, "align", lambda *a, **k: al)
    window = make_window(qtbot, settings_file)
    with qtbot.waitSignal(window.alignment_ready, timeout=20000):
        window.open_pair(al.source, al.target)
    busy, gate, restart = sleepy_checks.pid, Gate(), sleepy_checks._restart
    monkeypatch.setattr(sleepy_checks, "_restart", lambda: (gate.hold(), restart()))
    window.close()
    assert jobs[0].is_alive()
    gate.open_.set()
    qtbot.waitUntil(lambda: not jobs[0].is_alive(), timeout=20000)
    assert gate.calls and sleepy_checks.pid != busy


def test_a_window_and_its_job_never_wait_for_a_worker_another_run_has(
    qtbot, settings_file: Path, monkeypatch: pytest.MonkeyPatch, jobs: list[AlignJob]
) -> None:
    worker = ChecksWorker(worker_tasks.where)
    busy = worker._lock = BusyLock()
    monkeypatch.setattr(viewer.checks_process, "CHECKS", worker)
    al = hand_alignment()
    monkeypatch.setattr(viewer.jobs, "align", lambda *a, **k: al)
    window = make_window(qtbot, settings_file)  # starts the worker from the GUI thread
    errors: list[str] = []
    monkeypatch.setattr(window, "show_error", errors.append)
    with qtbot.waitSignal(window.alignment_ready, timeout=20000):
        window.open_pair(al.source, al.target)
    window.cancel_job()  # the job waits for the worker as its checks do: polling the cancel
    qtbot.waitUntil(lambda: not jobs[0].is_alive(), timeout=20000)
    assert busy.unbounded == 0 and errors == [] and worker.pid is None


def test_cancel_during_loading_returns_at_once_and_the_job_stops_before_aligning(
    qtbot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, jobs: list[AlignJob], tmp_path: Path
) -> None:
    gate, aligned = Gate(), []
    monkeypatch.setattr(viewer.jobs, "load_document",
                        lambda path, **_: gate.hold(path) or document_from_text("A slow text."))
    monkeypatch.setattr(viewer.jobs, "align", lambda *a, **k: aligned.append(a))
    shown = window.alignment
    window.open_side("target", str(tmp_path / "slow.pdf"))
    assert gate.entered.wait(10)
    with qtbot.waitSignal(window.job_finished, timeout=1000):
        window.cancel_button.click()
    assert window.alignment is shown and not window.progress.isVisible()
    qtbot.waitUntil(lambda: not jobs[0].is_alive(), timeout=GATE_SECONDS * 1000 // 4)
    assert not gate.open_.is_set(), "the job stopped only once its loader came back"
    gate.open_.set()
    qtbot.wait(50)
    assert aligned == [] and window.alignment is shown


def test_cancel_while_summing_up_keeps_the_colours_and_stops_before_the_checks(
    qtbot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, jobs: list[AlignJob]
) -> None:
    gate, al = Gate(), hand_alignment(9, prefix="New. ")
    monkeypatch.setattr(viewer.jobs, "align", lambda *a, **k: al)
    monkeypatch.setattr(viewer.jobs, "summarize", lambda alignment: gate.hold(alignment))
    checked: list[int] = []
    window.open_pair(al.source, al.target)
    jobs[0].checked.connect(lambda job, *_: checked.append(job))
    assert gate.entered.wait(10)
    qtbot.waitUntil(lambda: window.alignment is al)  # the colours did not wait for the summary line
    window.cancel_job()
    qtbot.waitUntil(lambda: not jobs[0].is_alive(), timeout=GATE_SECONDS * 1000 // 4)
    assert not gate.open_.is_set(), "the job stopped only once the summary came back"
    gate.open_.set()
    qtbot.wait(50)
    assert checked == [] and window.alignment is al and window.summary_label.text() == ""


def test_building_the_marks_polls_cancel_every_few_thousand_pairs() -> None:
    al = hand_alignment(2 * MARKS_POLL)  # one pair more: three polls
    asked: list[int] = []

    def cancelled(at: int | None = None) -> bool:
        asked.append(1)
        return len(asked) == at

    build_marks(al, cancelled)
    assert len(asked) == 3
    asked.clear()
    with pytest.raises(Cancelled):
        build_marks(al, lambda: cancelled(at=2))
    assert len(asked) == 2


def test_a_stale_signal_of_a_cancelled_job_is_ignored(
    qtbot, settings_file: Path, monkeypatch: pytest.MonkeyPatch, jobs: list[AlignJob],
    sleepy_checks: ChecksWorker
) -> None:
    al, other = hand_alignment(), hand_alignment(8, prefix="Other. ")
    monkeypatch.setattr(viewer.jobs, "align", lambda *a, **k: al)
    window = make_window(qtbot, settings_file)
    with qtbot.waitSignal(window.alignment_ready, timeout=20000):
        window.open_pair(al.source, al.target)
    window.cancel_job()
    old = jobs[0]
    old.loaded.emit(old.job_id, other.source, other.target)
    old.succeeded.emit(old.job_id, other, build_marks(other))
    old.summarized.emit(old.job_id, "stale")
    old.checked.emit(old.job_id, [], {"source": None, "target": None})
    old.failed.emit(old.job_id, "stale failure")
    qtbot.wait(50)
    assert window.alignment is al and window.docs["source"] is al.source
    assert window.checks_panel.count.text() == "Checks cancelled"
    assert window.summary_label.text() != "stale"


def test_progress_names_each_phase_within_the_bar_and_never_claims_100(
    qtbot, settings_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = make_window(qtbot, settings_file)
    seen: list[tuple[str, bool, bool]] = []
    show = window.show_progress

    def record(fraction: float, label: str) -> None:
        show(fraction, label)
        busy = window.progress.maximum() == 0
        seen.append((window.progress.format(), busy, window.alignment is not None))

    monkeypatch.setattr(window, "show_progress", record)
    open_and_wait(qtbot, window, *map(str, SEED))
    record(0.5, "A phase name far longer than any progress bar could ever hold")
    texts = [text for text, _busy, _shown in seen]
    assert {"Loading original…", "Loading paraphrase… 2%", "Colouring… 90%", "Checking…"} <= set(texts)
    assert not any("100%" in text for text in texts)
    metrics = window.progress.fontMetrics()
    assert all(metrics.horizontalAdvance(text) <= PROGRESS_WIDTH - PROGRESS_PADDING for text in texts)
    assert texts[-1].startswith("A phase") and texts[-1].endswith("… 50%")
    checking = texts.index("Checking…")
    assert seen[checking][1:] == (True, True), "the checks are shown as a busy bar after the colours"
    assert not any(shown for _t, _b, shown in seen[:checking])


def test_a_cancelled_loader_stops_instead_of_reading_on(
    qtbot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, jobs: list[AlignJob], tmp_path: Path
) -> None:
    import time

    started, finished = threading.Event(), threading.Event()

    def slow_load(path, **_):  # noqa: ANN001, ANN003, ANN202 - a loader busy in Python, with no cancel hook
        started.set()
        deadline = time.monotonic() + GATE_SECONDS
        while time.monotonic() < deadline:
            pass
        finished.set()
        return document_from_text("A slow text.")

    monkeypatch.setattr(viewer.jobs, "load_document", slow_load)
    window.open_side("target", str(tmp_path / "long.pdf"))
    assert started.wait(10)
    helpers = [t for t in threading.enumerate() if t.name == f"paralign job {jobs[0].job_id} helper"]
    assert len(helpers) == 1
    window.cancel_button.click()
    qtbot.waitUntil(lambda: not helpers[0].is_alive(), timeout=GATE_SECONDS * 1000 // 4)
    assert not finished.is_set(), "the loader ran on after the cancel"
    qtbot.waitUntil(lambda: not jobs[0].is_alive())


def test_the_alignment_starts_once_the_texts_are_on_screen(
    qtbot, settings_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    al = hand_alignment()
    window = make_window(qtbot, settings_file)
    on_screen: list[bool] = []

    def align(source, target, **_):  # noqa: ANN001, ANN003, ANN202 - records what the window showed then
        shown = window.session.shown
        on_screen.append(shown.source is source and shown.target is target)
        return al

    monkeypatch.setattr(viewer.jobs, "align", align)
    open_and_wait(qtbot, window, al.source, al.target)
    assert on_screen == [True]


def test_the_summary_is_summed_up_once_the_colours_are_on_screen(
    qtbot, settings_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    al = hand_alignment()
    monkeypatch.setattr(viewer.jobs, "align", lambda *a, **k: al)
    window = make_window(qtbot, settings_file)
    on_screen: list[bool] = []
    summarize = viewer.jobs.summarize

    def summary(alignment):  # noqa: ANN001, ANN202 - records what the window showed then
        on_screen.append(window.alignment is alignment)
        return summarize(alignment)

    monkeypatch.setattr(viewer.jobs, "summarize", summary)
    open_and_wait(qtbot, window, al.source, al.target)
    assert on_screen == [True]


class _Cycle:
    """An object in a reference cycle: only the cyclic collector frees it."""

    def __init__(self) -> None:
        self.me = self


def _garbage_cycle() -> weakref.ref:
    """A weak reference to a cycle nothing else refers to."""
    return weakref.ref(_Cycle())


def test_garbage_frozen_with_an_alignment_is_collected_once_the_last_freeze_is_lifted() -> None:
    gc.collect()
    gone = _garbage_cycle()
    with viewer.jobs.frozen():
        with viewer.jobs.frozen():
            gc.collect()
            assert gone() is not None, "frozen out of the collector's sight"
        gc.collect()
        assert gone() is not None, "another job still holds the freeze"
    gc.collect()
    assert gone() is None and gc.get_freeze_count() == 0


def test_a_job_lifts_its_freeze_when_it_ends(
    qtbot, settings_file: Path, monkeypatch: pytest.MonkeyPatch, jobs: list[AlignJob]
) -> None:
    al = hand_alignment()
    monkeypatch.setattr(viewer.jobs, "align", lambda *a, **k: al)
    frozen_while_checking: list[int] = []
    run = viewer.checks_process.CHECKS.run
    monkeypatch.setattr(viewer.checks_process.CHECKS, "run",
                        lambda *a: frozen_while_checking.append(gc.get_freeze_count()) or run(*a))
    window = make_window(qtbot, settings_file)
    open_and_wait(qtbot, window, al.source, al.target)
    qtbot.waitUntil(lambda: not jobs[0].is_alive())
    assert frozen_while_checking[0] > 0 and gc.get_freeze_count() == 0


_ARENAS = """
import ctypes, sys, threading
import viewer.jobs
if sys.argv[1] == "one":
    viewer.jobs.one_malloc_arena()
kept = []
thread = threading.Thread(target=lambda: kept.extend(bytearray(4000) for _ in range(1000)))
thread.start()
thread.join()
libc = ctypes.CDLL(None)
libc.fopen.restype = ctypes.c_void_p
libc.fopen.argtypes = (ctypes.c_char_p, ctypes.c_char_p)
libc.malloc_info.argtypes = (ctypes.c_int, ctypes.c_void_p)
libc.fclose.argtypes = (ctypes.c_void_p,)
out = libc.fopen(sys.argv[2].encode(), b"w")
libc.malloc_info(0, out)
libc.fclose(out)
print(open(sys.argv[2]).read().count("<heap nr="))
"""


@pytest.mark.skipif(not viewer.jobs.on_glibc(), reason="glibc's malloc arenas")
def test_a_thread_allocates_from_the_one_arena_once_the_window_asked_for_it(tmp_path: Path) -> None:
    root = str(Path(__file__).resolve().parents[2])
    heaps = {
        how: int(subprocess.run([sys.executable, "-c", _ARENAS, how, str(tmp_path / f"{how}.xml")],
                                capture_output=True, text=True, check=True, cwd=root,
                                env={**os.environ, "PYTHONPATH": root}).stdout)
        for how in ("one", "default")
    }
    assert heaps["one"] == 1 < heaps["default"], heaps


def test_a_new_window_asks_for_one_malloc_arena(
    qtbot, settings_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[bool] = []
    monkeypatch.setattr(viewer.main_window, "one_malloc_arena", lambda: asked.append(True))
    make_window(qtbot, settings_file)
    assert asked == [True]

