"""Loading and aligning two documents off the GUI thread, with progress and cancel."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QThread, Signal

from alignment import Cancelled, Document, ParalignError, align, load_document
from alignment.summary import summarize
from viewer.checks_process import checks_of
from viewer.marks import build_marks, flag_ranges
from viewer.status import summary_text

Source = str | Path | Document | None


def _load(item: Source) -> Document | None:
    """A document from a path, or the document itself."""
    if item is None or isinstance(item, Document):
        return item
    return load_document(item)


class AlignJob(QThread):
    """Loads both sides, reports them, aligns them, then checks them; every outcome arrives as a signal."""

    loaded = Signal(object, object)
    progressed = Signal(float, str)
    succeeded = Signal(object, object, str)
    checked = Signal(object, object)
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, source: Source, target: Source) -> None:
        super().__init__()
        self._items = (source, target)
        self._stop = threading.Event()

    def cancel(self) -> None:
        """Ask the alignment to stop at its next check."""
        self._stop.set()

    def is_cancelled(self) -> bool:
        """Whether cancel was asked."""
        return self._stop.is_set()

    def run(self) -> None:
        """Load, align, index the marks, sum up, report; then check and report the checks and their flags."""
        try:
            source, target = (_load(item) for item in self._items)
            self.loaded.emit(source, target)
            if source is None or target is None:
                return
            alignment = align(source, target, progress=self.progressed.emit, cancelled=self._stop.is_set)
            if self._stop.is_set():
                raise Cancelled("cancelled")
            self.succeeded.emit(alignment, build_marks(alignment), summary_text(summarize(alignment)))
            self.progressed.emit(1.0, "checking")
            checks = checks_of(alignment, self._stop.is_set)
            self.checked.emit(checks, flag_ranges(alignment, checks))
        except Cancelled:
            self.cancelled.emit()
        except ParalignError as exc:
            self.failed.emit(str(exc))
        except Exception as exc:  # noqa: BLE001 - a bug in the engine must not take the window down
            self.failed.emit(f"The alignment failed unexpectedly: {type(exc).__name__}: {exc}")
