"""Editorial checks in one long-lived worker process, so that a cancel or a new pair never waits for them.

The worker is started with ``spawn`` on every platform (a fresh interpreter, never a fork of the
threaded Qt process) and is fed one alignment at a time through a pipe, as Meld's matcher helper is.
Cancelling a run terminates the worker and starts a fresh one at once; nobody waits for either.
"""

from __future__ import annotations

import gc
import itertools
import multiprocessing
import threading
from collections.abc import Callable
from multiprocessing.connection import Connection

from alignment import Cancelled, ParalignError, collector
from alignment.checks import run_checks
from alignment.model import Alignment, Check, IsCancelled
from viewer.wire import WireAlignment, from_wire, to_wire

POLL_SECONDS = 0.05
"""How often a waiting run looks at its cancel flag: well inside the 100 ms a cancel may take."""
START_METHOD = "spawn"
"""The one start method that exists on Linux, macOS and Windows alike and never copies the GUI process."""

Task = Callable[[Alignment], list[Check]]


def _answer(task: Task, run: int, wire: WireAlignment) -> tuple[int, str, list[Check] | str]:
    """``(run id, status, checks or message)`` for one alignment."""
    try:
        return run, "ok", task(from_wire(wire))
    except Exception as exc:  # noqa: BLE001 - reported to the window, which shows it
        return run, "error", f"The checks failed unexpectedly: {type(exc).__name__}: {exc}"


def _serve(task: Task, connection: Connection) -> None:
    """In the worker: answer each ``(run id, alignment)`` with ``(run id, status, checks or message)``.

    The collector is paused while a book's hundred thousand sentences, pairs and checks are built and
    sent (it rescanned them again and again: a few seconds of a run), and collects once the answer is
    gone, while the worker waits for the next."""
    while True:
        try:
            run, wire = connection.recv()
        except EOFError:
            return
        try:
            with collector.paused():
                connection.send(_answer(task, run, wire))
        except OSError:
            return  # the window is gone (closed mid-run): nobody to answer
        del wire
        gc.collect()


class ChecksWorker:
    """A worker process that runs ``task`` (the editorial checks) on one alignment at a time."""

    def __init__(self, task: Task = run_checks) -> None:
        self._task = task
        self._context = multiprocessing.get_context(START_METHOD)
        self._lock = threading.Lock()
        """Held by the one run talking to the worker; a cancelled run lets go within one poll."""
        self._process: multiprocessing.process.BaseProcess | None = None
        self._connection: Connection | None = None
        self._runs = itertools.count()

    @property
    def pid(self) -> int | None:
        """The worker's process id, None before it is started."""
        return self._process.pid if self._process is not None else None

    def start(self) -> None:
        """Start the worker unless it runs; returns before the worker has imported anything."""
        with self._lock:
            self._start()

    def _start(self) -> None:
        if self._process is not None and self._process.is_alive():
            return
        mine, theirs = self._context.Pipe(duplex=True)
        process = self._context.Process(target=_serve, args=(self._task, theirs), daemon=True,
                                        name="paralign checks")
        process.start()
        theirs.close()
        self._process, self._connection = process, mine

    def _restart(self) -> None:
        """Drop the worker at once, mid-run or not, and start a fresh one."""
        self._drop()
        self._start()

    def _drop(self) -> None:
        """Terminate the worker without waiting for it; a daemon thread reaps it."""
        process, connection = self._process, self._connection
        self._process = self._connection = None
        if connection is not None:
            connection.close()
        if process is not None:
            process.terminate()
            threading.Thread(target=process.join, daemon=True, name="paralign checks reaper").start()

    def close(self) -> None:
        """End the worker without waiting for it; a later run starts a new one."""
        with self._lock:
            self._drop()

    def run(self, alignment: Alignment, cancelled: IsCancelled) -> list[Check]:
        """The checks of ``alignment``; raises Cancelled within one poll once ``cancelled()`` turns true."""
        wire = to_wire(alignment)
        while not self._lock.acquire(timeout=POLL_SECONDS):
            if cancelled():
                raise Cancelled("checks cancelled")
        try:
            return self._ask(wire, cancelled)
        finally:
            self._lock.release()

    def _ask(self, wire: WireAlignment, cancelled: IsCancelled) -> list[Check]:
        """Send one alignment and wait for its answer, polling ``cancelled``."""
        self._start()
        assert self._connection is not None
        run = next(self._runs)
        try:
            self._connection.send((run, wire))
            while True:
                while not self._connection.poll(POLL_SECONDS):
                    if cancelled():
                        self._restart()
                        raise Cancelled("checks cancelled")
                answer, status, result = self._connection.recv()
                if answer == run:
                    break
        except (EOFError, OSError) as exc:
            self._restart()
            raise ParalignError("The checks stopped unexpectedly.") from exc
        if status != "ok":
            raise ParalignError(result)
        return result


CHECKS = ChecksWorker()
"""The worker every window of the process shares."""
