"""The relink job: a cancel while the checks worker is busy ends it without waiting for the worker."""

from __future__ import annotations

import pytest
from conftest import BusyLock, hand_alignment

import viewer.checks_process
from viewer.checks_process import ChecksWorker
from viewer.relink_job import RelinkJob


def test_a_relink_cancelled_while_the_worker_is_busy_never_waits_for_the_worker(
    qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:
    worker = ChecksWorker()
    busy = worker._lock = BusyLock()
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
