"""The relink job: a cancel while the checks worker is busy ends it without waiting for the worker."""

from __future__ import annotations

import threading
import types

import pytest
from conftest import hand_alignment

import viewer.checks_process
from viewer.checks_process import ChecksWorker
from viewer.relink_job import RelinkJob


class _Busy:
    """The lock of a worker another run holds: a wait for it that no cancel can end is counted, and fails."""

    def __init__(self) -> None:
        self.unbounded = 0

    def acquire(self, blocking: bool = True, timeout: float = -1) -> bool:
        if blocking and timeout < 0:
            self.unbounded += 1
            raise AssertionError("waited for the worker's lock without looking at the cancel")
        threading.Event().wait(max(timeout, 0.0))
        return False

    def __enter__(self) -> bool:
        return self.acquire()

    def __exit__(self, *exc: types.TracebackType | None) -> None:
        raise AssertionError("never acquired")


def test_a_relink_cancelled_while_the_worker_is_busy_never_waits_for_the_worker(
    qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:
    worker = ChecksWorker()
    busy = worker._lock = _Busy()
    monkeypatch.setattr(viewer.checks_process, "CHECKS", worker)
    job = RelinkJob(hand_alignment(), (), [])
    ended: list[bool] = []
    failed: list[str] = []
    job.ended.connect(lambda: ended.append(True))
    job.failed.connect(failed.append)
    with qtbot.waitSignal(job.done, timeout=20000):
        job.start()
    job.cancel()
    qtbot.waitUntil(lambda: bool(ended), timeout=20000)
    assert busy.unbounded == 0 and failed == []
