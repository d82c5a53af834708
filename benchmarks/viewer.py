"""Text shown, colours and checks after open (each once painted), scroll repaint, export, peak memory.

Each time after open is also given less the engine's own work (loading, align(), run_checks(), timed
in this process), so that the window's share stands on its own.  A repaint after a scroll is the
scroll and everything it makes Qt paint (panes, gutters, bands, maps), until the event queue is idle.
The peak memory is the window's, read before run_checks() is timed here (the window checks in its worker).

Usage: python benchmarks/viewer.py [ORIGINAL PARAPHRASE ...]   (default: the seed pair and the dev Bible)
"""

from __future__ import annotations

import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# This file is itself called viewer.py: put the repository, not benchmarks/, first on the path.
sys.path[0] = str(Path(__file__).resolve().parents[1])

from viewer.launch import limit_blas_threads  # noqa: E402

limit_blas_threads()  # as the launcher does, before numpy is imported
from PySide6.QtCore import QCoreApplication, QEventLoop, QSettings, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

import viewer.jobs  # noqa: E402
from alignment.checks import run_checks  # noqa: E402
from viewer.main_window import MainWindow  # noqa: E402
from viewer.settings import Settings  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
WAIT_MS = 5
"""How often a wait looks whether what it waits for has happened: the figures' resolution."""
PAIRS = {
    "seed": (ROOT / "tests/data/seed.src.txt", ROOT / "tests/data/seed.tgt.txt"),
    "bible": (Path("/work/shared/dev/bible-asv-web.src.txt"), Path("/work/shared/dev/bible-asv-web.tgt.txt")),
}


def _wait(predicate) -> None:  # noqa: ANN001 - any callable
    """Run the event loop until a condition holds, looking every WAIT_MS.

    The loop sleeps between looks, as a window's does: spinning processEvents instead took the
    interpreter from the job thread hundreds of times a second and slowed what it measured."""
    if predicate():
        return
    loop, timer = QEventLoop(), QTimer(interval=WAIT_MS)
    timer.timeout.connect(lambda: predicate() and loop.quit())
    timer.start()
    loop.exec()
    timer.stop()


def _scroll_ms(window: MainWindow, line: int) -> float:
    """Milliseconds to scroll the original to a line and paint all that the scroll leaves to paint."""
    start = time.perf_counter()
    window.panes["source"].verticalScrollBar().setValue(line)
    QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents)
    return (time.perf_counter() - start) * 1000


def _timed(spent: list[float], work):  # noqa: ANN001, ANN202 - wraps any engine call
    """``work`` adding the seconds of each call to ``spent``."""

    def timed(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        start = time.perf_counter()
        try:
            return work(*args, **kwargs)
        finally:
            spent.append(time.perf_counter() - start)

    return timed


def measure(name: str, source: Path, target: Path) -> None:
    """Open one pair in a fresh 1600x1000 window and print its figures against the targets of #12."""
    settings = Settings(QSettings(str(Path("/tmp") / f"paralign-bench-{os.getpid()}.ini"),
                                  QSettings.Format.IniFormat))
    window = MainWindow(settings)
    window.resize(1600, 1000)
    window.show()
    checked: list[bool] = []
    window.job_finished.connect(lambda: checked.append(True))
    loading: list[float] = []
    aligning: list[float] = []
    engine = viewer.jobs.load_document, viewer.jobs.align
    viewer.jobs.load_document, viewer.jobs.align = _timed(loading, engine[0]), _timed(aligning, engine[1])
    start = time.perf_counter()
    window.open_pair(str(source), str(target))
    _wait(lambda: window.docs["source"] is not None and window.docs["target"] is not None)
    window.repaint()
    text = time.perf_counter() - start
    _wait(lambda: window.alignment is not None or not window.session.running)
    window.repaint()
    colours = time.perf_counter() - start
    _wait(lambda: bool(checked))
    # On screen: the checks' list and flags painted now, not in the first scroll measured below.
    QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents)
    window.repaint()
    checks = time.perf_counter() - start
    viewer.jobs.load_document, viewer.jobs.align = engine
    load, aligned = sum(loading), sum(aligning)
    window.leader = "source"
    bar = window.panes["source"].verticalScrollBar()
    jumps, steps = [], []
    for k in range(1, 41):
        jumps.append(_scroll_ms(window, bar.maximum() * k // 41))
        steps.append(_scroll_ms(window, bar.value() + 3))
    report = Path(tempfile.mkdtemp()) / f"{name}.report.html"
    exported: list[str] = []
    window.report_export.done.connect(lambda _path, error: exported.append(error))
    begin = time.perf_counter()
    window.report_export.start(window.alignment, window.checks, report)
    _wait(lambda: bool(exported))
    export = time.perf_counter() - begin
    size_mb = report.stat().st_size / 1e6 if not exported[0] else float("nan")
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    # Last: the window checks in its worker, and this run of the checks here would raise the peak.
    begin = time.perf_counter()
    run_checks(window.alignment)
    engine_checks = time.perf_counter() - begin
    print(
        f"{name}: text shown {text:.2f} s (target <= 2), colours {colours:.2f} s (<= 3), "
        f"checks {checks:.2f} s (<= 4) after open, {checks - colours:.2f} s after the colours; "
        f"engine: loading {load:.2f} s, align {aligned:.2f} s, "
        f"checks {engine_checks:.2f} s; the window's own: text {text - load:.2f} s, colours "
        f"{colours - load - aligned:.2f} s, checks {checks - colours - engine_checks:.2f} s; repaint after a "
        f"3-line scroll median {statistics.median(steps):.1f} ms (<= 16) / max {max(steps):.1f} ms (<= 33), "
        f"after a jump median {statistics.median(jumps):.1f} ms / max {max(jumps):.1f} ms; "
        f"export {export:.2f} s, report {size_mb:.1f} MB{' (' + exported[0] + ')' if exported[0] else ''}; "
        f"peak memory {peak_mb:.0f} MB; load {os.getloadavg()[0]:.2f}"
    )
    report.unlink(missing_ok=True)
    window.close()
    window.deleteLater()


def main(argv: list[str]) -> int:
    """Measure the given pairs, or the seed and the Bible."""
    QApplication.instance() or QApplication([])
    given = zip(argv[::2], argv[1::2], strict=True)
    pairs = {Path(a).name: (Path(a), Path(b)) for a, b in given} or PAIRS
    for name, (source, target) in pairs.items():
        measure(name, source, target)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
