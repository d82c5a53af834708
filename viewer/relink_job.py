"""Re-aligning around an editor's links off the GUI thread: the alignment, its marks, summary and checks."""

from __future__ import annotations

import contextlib
import threading

from PySide6.QtCore import QObject, Signal

import viewer.checks_process
from alignment import Cancelled, ParalignError
from alignment.model import Alignment, Check
from alignment.relink import relink, relinked_checks
from alignment.review import PairKey
from alignment.summary import summarize
from viewer.jobs import frozen
from viewer.marks import build_marks, flag_ranges
from viewer.status import summary_text


class RelinkJob(QObject):
    """Makes an alignment follow a set of links, then checks the whole of it; cancel stops either step.

    It runs in a daemon thread, as the window's other jobs do, so that nobody waits for it.

    ``done`` comes first, with the stretch's checks made on its own text spliced into the old ones
    (none when the whole was aligned); ``checked`` follows with the checks of the whole document.
    """

    done = Signal(object, object, str, object, object)
    """The alignment, its marks, its summary line, its checks so far and their flags."""
    checked = Signal(object, object, object)
    """The alignment, the checks of the whole document and their flags."""
    failed = Signal(str)
    ended = Signal()

    def __init__(self, alignment: Alignment, links: tuple[PairKey, ...], checks: list[Check]) -> None:
        super().__init__()
        self.alignment, self.links, self.checks = alignment, links, checks
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True, name="paralign relink")

    def start(self) -> None:
        """Run the job in its own thread."""
        self._thread.start()

    def cancel(self) -> None:
        """Stop at the next point the engine or the checks look."""
        self._stop.set()

    def _run(self) -> None:
        """Re-align the stretch around the changed links (or the whole, when it must), then check it."""
        try:
            relinked = relink(self.alignment, self.links, cancelled=self._stop.is_set)
            with frozen():
                alignment = relinked.alignment
                checks = relinked_checks(relinked, self.checks) if relinked.stretch is not None else []
                marks, summary = build_marks(alignment), summary_text(summarize(alignment))
                self.done.emit(alignment, marks, summary, checks, flag_ranges(alignment, checks))
                whole = viewer.checks_process.CHECKS.run(alignment, self._stop.is_set)
                self.checked.emit(alignment, whole, flag_ranges(alignment, whole))
        except Cancelled:
            return
        except ParalignError as exc:
            self.failed.emit(str(exc))
        except Exception as exc:  # noqa: BLE001 - a bug in the engine must not take the window down
            self.failed.emit(f"Re-aligning failed unexpectedly: {type(exc).__name__}: {exc}")
        finally:
            # At exit the window, and this job's Qt half with it, may be gone before the thread ends.
            with contextlib.suppress(RuntimeError):
                self.ended.emit()
