"""Checks in a child process: the same results, a prompt cancel, errors as messages; the window meanwhile."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from conftest import hand_alignment, make_window, open_and_wait

import viewer.checks_process
import viewer.jobs
from alignment import Cancelled, ParalignError
from alignment.checks import run_checks
from viewer.checks_process import checks_of


def _sleep(_alignment):  # noqa: ANN001, ANN202 - stands in for run_checks
    time.sleep(600)


def _fail(_alignment):  # noqa: ANN001, ANN202 - stands in for run_checks
    raise ValueError("broken")


def test_checks_of_matches_run_checks(window) -> None:  # noqa: ANN001
    assert checks_of(window.alignment, lambda: False) == run_checks(window.alignment)


def test_checks_of_stops_the_child_on_cancel(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(viewer.checks_process, "run_checks", _sleep)
    with pytest.raises(Cancelled):
        checks_of(hand_alignment(), lambda: True)


def test_checks_of_reports_an_engine_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(viewer.checks_process, "run_checks", _fail)
    with pytest.raises(ParalignError, match="ValueError: broken"):
        checks_of(hand_alignment(), lambda: False)


def test_alignment_shows_before_its_checks_and_stays_when_they_are_cancelled(
    qtbot, settings_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(viewer.checks_process, "run_checks", _sleep)
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
    monkeypatch.setattr(viewer.jobs, "align", lambda *a, **k: al)
    window = make_window(qtbot, settings_file)
    open_and_wait(qtbot, window, al.source, al.target)
    checks = window.checks
    with qtbot.waitSignal(window.job_finished, timeout=20000):
        window.open_side("target", str(tmp_path / "missing.txt"))
    assert window.checks == checks and window.checks_panel.count.text() == f"{len(checks)} checks"
