"""Loading, aligning, summarising and checking two documents off the GUI thread, with progress and cancel.

A job runs in a daemon thread, so that nobody ever waits for it: a cancelled job is dropped by the
session at once and stops at its next poll; its late signals carry its id and are ignored.
"""

from __future__ import annotations

import ctypes
import gc
import os
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QObject, Signal

import viewer.checks_process
from alignment import Alignment, Cancelled, Document, ParalignError, align, load_document
from alignment.formats import Reading
from alignment.segment import SplitMode
from alignment.summary import summarize
from viewer.marks import build_marks, flag_ranges
from viewer.open_formats import TrackedVersion
from viewer.status import summary_text

Source = str | Path | Document | TrackedVersion | None

# The overall bar: the engine's own fractions are mapped between ALIGNING and COLOURING.
LOADING_PARAPHRASE = 0.02
ALIGNING = 0.04
COLOURING = 0.9
SPLIT: SplitMode = "sentences"
"""How the window splits texts: the engine's sentences, as the checks worker splits them ahead."""
SHOWN_WAIT_SECONDS = 2.0
"""Longest the alignment waits for the window to say the texts are on screen, and the summary for the
colours.  Drawing them while the engine runs shares the interpreter with it (the GIL): the texts came a
third slower, and the engine gained nothing, as the window's work is on one interpreter either way;
the colours, drawn while the summary was summed up, came later too."""
T = TypeVar("T")
_SET_ASYNC_EXC = ctypes.pythonapi.PyThreadState_SetAsyncExc
_SET_ASYNC_EXC.argtypes = (ctypes.c_ulong, ctypes.py_object)


_M_ARENA_MAX = -8
"""glibc's ``mallopt`` parameter for the most malloc arenas a process may make (malloc.h)."""


def one_malloc_arena() -> None:
    """On glibc, every thread of the process allocates from one malloc arena from now on.

    glibc gives each thread that allocates its own arena, and memory freed in one arena serves only
    the threads allocating there: what a book's alignment freed in its job's thread (the engine's
    peak) was not reused by the window, the summary's and loaders' helper threads, the checks' sender
    or the export, which took more from the system (the dev Bible's window peaked at 826 MB, 646 MB
    with one arena).  Elsewhere (macOS, Windows, musl) nothing is changed."""
    if on_glibc():
        ctypes.CDLL(None).mallopt(_M_ARENA_MAX, 1)


def on_glibc() -> bool:
    """Whether the process runs on the GNU C library."""
    try:
        return (os.confstr("CS_GNU_LIBC_VERSION") or "").startswith("glibc")
    except (AttributeError, ValueError, OSError):  # no confstr (Windows), or no such name (macOS)
        return False


_FREEZE = threading.Lock()
_freezers = 0
"""Blocks inside :func:`frozen` now; the last to leave lifts the freeze."""


@contextmanager
def frozen() -> Iterator[None]:
    """All that lives on entry (the alignment on its way to the screen) out of the collector's sight
    (``gc.freeze``) inside the block, and back in sight once the last such block is left.

    A book's alignment is millions of small objects, all acyclic, freed by their reference counts once
    replaced; each full collection scanned them all again, stalling the window and its jobs for a second
    at a time while the colours and checks came in.  The freeze is lifted after, or garbage cycles frozen
    along (an old window's, an old job's) would never be collected."""
    global _freezers
    with _FREEZE:
        _freezers += 1
        gc.freeze()
    try:
        yield
    finally:
        with _FREEZE:
            _freezers -= 1
            if _freezers == 0:
                gc.unfreeze()


def _interrupt(thread: threading.Thread) -> None:
    """Raise Cancelled in a running thread at its next Python step, so that a loader of a cancelled job
    stops instead of reading a long file on for nobody (loaders have no cancel hook to poll)."""
    if thread.ident is not None and thread.is_alive():
        _SET_ASYNC_EXC(ctypes.c_ulong(thread.ident), ctypes.py_object(Cancelled))


def _load(item: Source, html: Reading) -> Document | None:
    """A document from a path (web pages read as html says), or the document itself."""
    if item is None or isinstance(item, Document):
        return item
    if isinstance(item, TrackedVersion):
        return load_document(item.path, tracked=item.view)
    return load_document(item, html=html)


class AlignJob(QObject):
    """Loads both sides, reports them, aligns them, then checks them; every outcome arrives as a signal.

    Every signal carries the job's id first.  ``progressed`` gives a fraction of the whole job (or -1
    while the checks run, which cannot tell how far they are) and the name of the phase running."""

    loaded = Signal(int, object, object)
    progressed = Signal(int, float, str)
    succeeded = Signal(int, object, object)
    summarized = Signal(int, str)
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
        self._texts_shown = threading.Event()
        self._colours_shown = threading.Event()
        self._shown = (-1, "")
        self._thread = threading.Thread(target=self._run, daemon=True, name=f"paralign job {job_id}")

    def start(self) -> None:
        """Run the job in its own thread."""
        self._thread.start()

    def cancel(self) -> None:
        """Ask the job to stop at its next poll; returns at once."""
        self._stop.set()
        self._texts_shown.set()
        self._colours_shown.set()

    def texts_shown(self) -> None:
        """The window has the loaded texts on screen: the alignment may start (returns at once)."""
        self._texts_shown.set()

    def colours_shown(self) -> None:
        """The window has the alignment's colours on screen: the summary may start (returns at once)."""
        self._colours_shown.set()

    def is_cancelled(self) -> bool:
        """Whether cancel was asked."""
        return self._stop.is_set()

    def is_alive(self) -> bool:
        """Whether the job's thread still runs."""
        return self._thread.is_alive()

    def _poll(self) -> None:
        """Stop here if cancel was asked."""
        if self._stop.is_set():
            raise Cancelled("cancelled")

    def _unpolled(self, work: Callable[[], T]) -> T:
        """The result of work that cannot poll (a loader, the summary), run in a helper thread while this
        one polls: a cancel stops the job within one poll, and the helper at its next Python step."""
        done = threading.Event()
        out: list = []

        def run() -> None:
            try:
                try:
                    out.append((work(), None))
                except BaseException as exc:  # noqa: BLE001 - raised again in the job's thread
                    out.append((None, exc))
                finally:
                    done.set()
            except Cancelled:
                return  # stopped in its last steps: nobody waits for its result any more

        helper = threading.Thread(target=run, daemon=True, name=f"paralign job {self.job_id} helper")
        helper.start()
        try:
            while not done.wait(viewer.checks_process.POLL_SECONDS):
                self._poll()
            self._poll()
        except Cancelled:
            _interrupt(helper)
            raise
        value, error = out[0]
        if error is not None:
            raise error
        return value

    def _progress(self, fraction: float, label: str) -> None:
        """Report a phase, only when its label or whole percent changed (a book makes thousands of steps)."""
        shown = (round(fraction * 100), label)
        if shown != self._shown:
            self._shown = shown
            self.progressed.emit(self.job_id, fraction, label)

    def _engine_progress(self, fraction: float, label: str) -> None:
        """The engine's progress as part of the whole job; its end is the start of colouring, not 100 %."""
        if fraction < 1.0:
            self._progress(ALIGNING + fraction * (COLOURING - ALIGNING), label)

    def _run(self) -> None:
        """Load, align, index the marks, sum up, report; then check and report the checks and their flags."""
        job = self.job_id
        prepared = None
        try:
            viewer.checks_process.CHECKS.start()
            self._progress(0.0, "Loading original")
            source = self._unpolled(lambda: _load(self._items[0], self._html))
            self._progress(LOADING_PARAPHRASE, "Loading paraphrase")
            target = self._unpolled(lambda: _load(self._items[1], self._html))
            self.loaded.emit(job, source, target)
            if source is None or target is None:
                return
            prepared = viewer.checks_process.CHECKS.prepare(source, target, SPLIT)
            self._texts_shown.wait(SHOWN_WAIT_SECONDS)  # a cancel ends the wait too
            self._poll()
            self._progress(ALIGNING, "Aligning")
            aligned = align(source, target, split=SPLIT, progress=self._engine_progress,
                            cancelled=self._stop.is_set,
                            paired=viewer.checks_process.CHECKS.paired(prepared),
                            on_split=viewer.checks_process.CHECKS.on_split(prepared))
            with frozen():
                self._deliver(aligned, prepared)
        except Cancelled:
            self.cancelled.emit(job)
        except ParalignError as exc:
            self.failed.emit(job, str(exc))
        except Exception as exc:  # noqa: BLE001 - a bug in the engine must not take the window down
            self.failed.emit(job, f"The alignment failed unexpectedly: {type(exc).__name__}: {exc}")
        finally:
            viewer.checks_process.CHECKS.forget(prepared)
            self.ended.emit(job)

    def _deliver(self, alignment: Alignment, prepared: int | None) -> None:
        """Index the marks and report the alignment; check it (``prepared``: the token of its documents'
        checks gathered ahead) and sum it up while the checks run; report the checks and their flags."""
        job = self.job_id
        self._poll()
        self._progress(COLOURING, "Colouring")
        self.succeeded.emit(job, alignment, build_marks(alignment, self._stop.is_set))
        self._progress(-1.0, "Checking")

        def summary() -> None:  # 0.1 s for a book: while the worker checks, once the colours are in
            self._colours_shown.wait(SHOWN_WAIT_SECONDS)  # a cancel ends the wait too
            self._poll()
            self.summarized.emit(job, self._unpolled(lambda: summary_text(summarize(alignment))))

        checks = viewer.checks_process.CHECKS.run(alignment, self._stop.is_set, prepared, summary)
        self.checked.emit(job, checks, flag_ranges(alignment, checks))
