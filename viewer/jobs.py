"""Loading and aligning two documents off the GUI thread, with progress and cancel."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QThread, Signal

from alignment import Cancelled, Document, ParalignError, align, load_document
from alignment.formats import Reading
from alignment.summary import summarize
from viewer.checks_process import checks_of
from viewer.marks import build_marks, flag_ranges
from viewer.open_formats import TrackedVersion
from viewer.status import summary_text

Source = str | Path | Document | TrackedVersion | None


def _load(item: Source, html: Reading) -> Document | None:
    """A document from a path (web pages read as html says), or the document itself."""
    if item is None or isinstance(item, Document):
        return item
    if isinstance(item, TrackedVersion):
        return load_document(item.path, tracked=item.view)
    return load_document(item, html=html)


class AlignJob(QThread):
    """Loads both sides, reports them, aligns them, then checks them; every outcome arrives as a signal."""

    loaded = Signal(int, object, object)
    progressed = Signal(int, float, str)
    succeeded = Signal(int, object, object, str)
    checked = Signal(int, object, object)
    failed = Signal(int, str)
    cancelled = Signal(int)
    ended = Signal(int)

    def __init__(self, job_id: int, source: Source, target: Source, html: Reading = "article") -> None:
        super().__init__()
        self.job_id = job_id
        self._items = (source, target)
        self._html = html
        self._stop = threading.Event()

    def cancel(self) -> None:
        """Ask the alignment to stop at its next check."""
        self._stop.set()

    def is_cancelled(self) -> bool:
        """Whether cancel was asked."""
        return self._stop.is_set()

    def run(self) -> None:
        """Load, align, index the marks, sum up, report; then check and report the checks and their flags."""
        job = self.job_id
        try:
            source, target = (_load(item, self._html) for item in self._items)
            self.loaded.emit(job, source, target)
            if source is None or target is None:
                return
            progress = lambda fraction, label: self.progressed.emit(job, fraction, label)  # noqa: E731
            alignment = align(source, target, progress=progress, cancelled=self._stop.is_set)
            if self._stop.is_set():
                raise Cancelled("cancelled")
            self.succeeded.emit(job, alignment, build_marks(alignment), summary_text(summarize(alignment)))
            self.progressed.emit(job, 1.0, "checking")
            checks = checks_of(alignment, self._stop.is_set)
            self.checked.emit(job, checks, flag_ranges(alignment, checks))
        except Cancelled:
            self.cancelled.emit(job)
        except ParalignError as exc:
            self.failed.emit(job, str(exc))
        except Exception as exc:  # noqa: BLE001 - a bug in the engine must not take the window down
            self.failed.emit(job, f"The alignment failed unexpectedly: {type(exc).__name__}: {exc}")
        finally:
            self.ended.emit(job)
