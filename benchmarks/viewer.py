"""Time to first paint, time to interactive, scroll repaint and peak memory of the viewer.

Usage: python benchmarks/viewer.py [ORIGINAL PARAPHRASE ...]   (default: the seed pair and the dev Bible)
"""

from __future__ import annotations

import os
import resource
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# This file is itself called viewer.py: put the repository, not benchmarks/, first on the path.
sys.path[0] = str(Path(__file__).resolve().parents[1])

from PySide6.QtCore import QCoreApplication, QEventLoop, QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from viewer.main_window import MainWindow  # noqa: E402
from viewer.settings import Settings  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
PAIRS = {
    "seed": (ROOT / "tests/data/seed.src.txt", ROOT / "tests/data/seed.tgt.txt"),
    "bible": (Path("/work/shared/dev/bible-asv-web.src.txt"), Path("/work/shared/dev/bible-asv-web.tgt.txt")),
}


def _wait(predicate) -> None:  # noqa: ANN001 - any callable
    """Run the event loop until a condition holds."""
    while not predicate():
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)


def _repaint_ms(window: MainWindow) -> float:
    """Milliseconds to repaint both panes and the band strip."""
    start = time.perf_counter()
    for widget in (window.panes["source"].viewport(), window.panes["target"].viewport(), window.link_map):
        widget.repaint()
    return (time.perf_counter() - start) * 1000


def measure(name: str, source: Path, target: Path) -> None:
    """Open one pair in a fresh window and print its figures."""
    settings = Settings(QSettings(str(Path("/tmp") / f"paralign-bench-{os.getpid()}.ini"),
                                  QSettings.Format.IniFormat))
    window = MainWindow(settings)
    window.resize(1600, 1000)
    window.show()
    start = time.perf_counter()
    ready: list[float] = []
    window.alignment_ready.connect(lambda: ready.append(time.perf_counter()))
    window.open_pair(str(source), str(target))
    _wait(lambda: window.docs["source"] is not None and window.docs["target"] is not None)
    window.repaint()
    first_paint = time.perf_counter() - start
    _wait(lambda: window.panes["source"].verticalScrollBar().maximum() > 0 and not window.isHidden())
    probe = time.perf_counter()
    QCoreApplication.processEvents()
    interactive = time.perf_counter() - start
    _wait(lambda: bool(ready) or not window.session.running)
    window.repaint()
    aligned = time.perf_counter() - start
    bar = window.panes["source"].verticalScrollBar()
    window.leader = "source"
    jumps, steps = [], []
    for k in range(1, 41):
        bar.setValue(bar.maximum() * k // 41)
        jumps.append(_repaint_ms(window))
        bar.setValue(bar.value() + 3)
        steps.append(_repaint_ms(window))
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"{name}: first paint {first_paint:.2f} s, interactive {interactive:.2f} s "
        f"(event loop answered in {(interactive - (probe - start)) * 1000:.0f} ms), "
        f"aligned and coloured {aligned:.2f} s, repaint after a 3-line scroll median "
        f"{statistics.median(steps):.1f} ms / max {max(steps):.1f} ms, after a jump median "
        f"{statistics.median(jumps):.1f} ms / max {max(jumps):.1f} ms, peak memory {peak_mb:.0f} MB"
    )
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
