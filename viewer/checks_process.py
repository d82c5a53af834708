"""Editorial checks in one long-lived worker process, so that a cancel or a new pair never waits for them.

The worker is started with ``spawn`` on every platform (a fresh interpreter, never a fork of the
threaded Qt process) and is fed one alignment at a time through a pipe, as Meld's matcher helper is.
Cancelling a run terminates the worker and starts a fresh one at once; nobody waits for either.

A job hands the worker its two documents as soon as they are loaded, and each side's sentences as the
engine splits them (``align()``'s ``on_split``): while the engine aligns them, the worker gathers what
the checks read from the texts alone (:func:`alignment.checks_ahead.prepare_documents`, as ``paralign
check``'s worker does: half of the checks' work on a book).  It runs at a lower priority
(:func:`alignment.workers.lower_priority`): on two cores the engine and its embedding worker come
first, and the colours with them; the worker takes what they leave, and the cores once they are done.

The engine tells the job the pairs before it compares their words (``align()``'s ``paired``): they are
sent then (:meth:`ChecksWorker.submit`), and checked while the words are compared and the colours
shown.  Alignments and checks travel in :mod:`alignment.wire`'s flat forms.
"""

from __future__ import annotations

import contextlib
import gc
import itertools
import multiprocessing
import queue
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from multiprocessing.connection import Connection

from alignment import Cancelled, ParalignError, collector
from alignment.align import Paired, Split
from alignment.checks import prepare, run_checks
from alignment.checks_ahead import Gather, Prepared, Task, answer, prepare_documents
from alignment.model import Alignment, Check, Document, IsCancelled, Sentence
from alignment.model import Side as SideName
from alignment.segment import SplitMode
from alignment.wire import WireAlignment, flat_sentences, from_checks_wire, pairs_wire, sentences_of, to_wire
from alignment.workers import lower_priority, write

POLL_SECONDS = 0.05
"""How often a waiting run looks at its cancel flag: well inside the 100 ms a cancel may take."""
START_METHOD = "spawn"
"""The one start method that exists on Linux, macOS and Windows alike and never copies the GUI process."""
PREPARE = "prepare"
"""The first item of a message asking the worker to prepare two documents' checks."""
SENTENCES = "sentences"
"""The first item of a message telling the worker one side's sentences, as the engine split them."""


@dataclass(frozen=True)
class _Ahead:
    """In the worker: two documents, what was prepared ahead for them (None if that failed), and the
    token they were sent with."""

    token: int
    documents: tuple[Document, Document]
    prepared: Prepared | None


@dataclass(frozen=True)
class _Told:
    """In the worker: two documents to prepare, waiting for the sentences the engine splits them into."""

    token: int
    split: SplitMode
    documents: tuple[Document, Document]
    sentences: dict[SideName, tuple[Sentence, ...]]
    """Each side's sentences, as they are told."""

    def prepared(self, gather: Gather) -> _Ahead:
        """What the checks gather from the documents: on the sentences told if both sides were, else
        split here."""
        told = (self.sentences["source"], self.sentences["target"]) if len(self.sentences) == 2 else None
        ready = _Ahead(self.token, self.documents, None)
        # What fails here fails again in the run, which gathers afresh and reports it.
        with contextlib.suppress(Exception):
            ready = replace(ready, prepared=prepare_documents(*self.documents, self.split, gather, told))
        return ready


def _answer(task: Task, run: int, wire: WireAlignment, ahead: _Ahead | None) -> tuple[int, str, object]:
    """``(run id, status, checks or message)`` for one alignment, with what was sent and prepared ahead
    for it."""
    try:
        if ahead is None:
            return run, "ok", answer(wire, None, task=task)
        return run, "ok", answer(wire, ahead.prepared, ahead.documents, task)
    except Exception as exc:  # noqa: BLE001 - reported to the window, which shows it
        return run, "error", f"The checks failed unexpectedly: {type(exc).__name__}: {exc}"


def _serve(task: Task, gather: Gather, connection: Connection) -> None:
    """In the worker: for ``(PREPARE, token, split, source, target)``, gather ahead once told both
    sides' sentences (``(SENTENCES, token, side, flat)``); answer each ``(run id, alignment, token)``
    with ``(run id, status, checks or message)``.

    The collector stays off: a book's hundred thousand sentences, pairs and checks are built and sent
    (it rescanned them again and again: a few seconds of a run); it collects once an answer is gone,
    while the worker waits for the next.  What was gathered ahead serves one run, of its token."""
    lower_priority()
    ready: _Ahead | None = None
    waiting: _Told | None = None
    with collector.paused():
        while True:
            try:
                message = connection.recv()
            except EOFError:
                return
            if message[0] == PREPARE:
                token, split, source, target = message[1:]
                ready, waiting = None, _Told(token, split, (source, target), {})
                continue
            if message[0] == SENTENCES:
                token, side, flat = message[1:]
                if waiting is not None and waiting.token == token:
                    waiting.sentences[side] = sentences_of(flat)
                    if len(waiting.sentences) == 2:
                        ready, waiting = waiting.prepared(gather), None
                continue
            if waiting is not None:  # the run came before both sides' sentences: they are split here
                ready, waiting = waiting.prepared(gather), None
            run, wire, token = message
            ahead = ready if ready is not None and ready.token == token else None
            ready = None
            try:
                connection.send(_answer(task, run, wire, ahead))
            except OSError:
                return  # the window is gone (closed mid-run): nobody to answer
            del message, wire, ahead
            gc.collect()


class ChecksWorker:
    """A worker process that runs ``task`` (the editorial checks) on one alignment at a time, with what
    ``gather`` (:func:`alignment.checks.prepare`) found ahead in its documents."""

    def __init__(self, task: Task = run_checks, gather: Gather = prepare) -> None:
        self._task = task
        self._gather = gather
        self._context = multiprocessing.get_context(START_METHOD)
        self._lock = threading.Lock()
        """Held by the one run talking to the worker; a cancelled run lets go within one poll."""
        self._process: multiprocessing.process.BaseProcess | None = None
        self._connection: Connection | None = None
        self._outbox: queue.SimpleQueue | None = None
        """Messages for the worker, written in turn by a thread of their own (see
        :func:`alignment.workers.write`)."""
        self._runs = itertools.count()
        self._pending: int | None = None
        """The token of the documents sent last to be prepared, until a run or :meth:`forget` takes it."""
        self._submitted: int | None = None
        """The token whose pairs were sent last (:meth:`submit`), until a run takes their answer or sends."""

    @property
    def pid(self) -> int | None:
        """The worker's process id, None before it is started."""
        return self._process.pid if self._process is not None else None

    def start(self) -> None:
        """Start the worker unless it runs; returns at once, before the worker has imported anything.

        Never waits: when a run has the worker (another window's checks), that run keeps it going."""
        with self._unless_busy() as free:
            if free:
                self._start()

    @contextlib.contextmanager
    def _unless_busy(self) -> Iterator[bool]:
        """The worker's lock held inside the block if it is free now; yields whether it is.  Never waits
        (a run may hold it for the seconds a book's checks take)."""
        free = self._lock.acquire(blocking=False)
        try:
            yield free
        finally:
            if free:
                self._lock.release()

    def _start(self) -> None:
        if self._process is not None and self._process.is_alive():
            return
        mine, theirs = self._context.Pipe(duplex=True)
        process = self._context.Process(target=_serve, args=(self._task, self._gather, theirs), daemon=True,
                                        name="paralign checks")
        process.start()
        theirs.close()
        outbox: queue.SimpleQueue = queue.SimpleQueue()
        threading.Thread(target=write, args=(mine.send, outbox), daemon=True,
                         name="paralign checks out").start()  # fmt: skip
        self._process, self._connection, self._outbox = process, mine, outbox

    def _restart(self) -> None:
        """Drop the worker at once, mid-run or not, and start a fresh one."""
        self._drop()
        self._start()

    def _drop(self) -> None:
        """Terminate the worker without waiting for it; a daemon thread reaps it."""
        process, connection, outbox = self._process, self._connection, self._outbox
        self._process = self._connection = self._outbox = None
        self._pending = self._submitted = None  # the fresh worker never got them
        if outbox is not None:
            outbox.put(None)
        if process is not None:
            process.terminate()
        if connection is not None:
            connection.close()
        if process is not None:
            threading.Thread(target=process.join, daemon=True, name="paralign checks reaper").start()

    def close(self) -> None:
        """End the worker without waiting for it; a later run starts a new one."""
        with self._lock:
            self._drop()

    def prepare(self, source: Document, target: Document, split: SplitMode) -> int | None:
        """Have the worker split two documents as the engine does and gather what their checks will read,
        while they are aligned; returns at once with the token to give :meth:`run` (or :meth:`forget`),
        or None when another window's run has the worker (its checks then gather afresh)."""
        with self._unless_busy() as free:
            if not free:
                return None
            self._start()
            assert self._outbox is not None
            token = next(self._runs)
            self._pending = token
            self._outbox.put((PREPARE, token, split, source, target))
            return token

    def on_split(self, token: int | None) -> Split:
        """``align()``'s ``on_split`` for the documents of ``token``: the worker gathers on the engine's
        sentences, not splitting them again (it heeds them only while it waits for that token's)."""

        def tell(side: SideName, sentences: tuple[Sentence, ...]) -> None:
            outbox = self._outbox
            if token is not None and outbox is not None:
                outbox.put((SENTENCES, token, side, flat_sentences(sentences)))

        return tell

    def paired(self, token: int | None) -> Paired:
        """``align()``'s ``paired`` for the documents of ``token``: their pairs :meth:`submit`-ted."""
        return lambda *found: self.submit(token, pairs_wire(*found))

    def submit(self, token: int | None, wire: WireAlignment) -> None:
        """Have the worker check the pairs of the documents of ``token`` now (``wire`` without them: the
        worker has them), while the engine finishes their alignment; returns at once.  The run of
        ``token`` then only waits for the answer.  Nothing is sent when another window's run has the
        worker, or when something else was asked since ``token`` (its run then sends the alignment)."""
        with self._unless_busy() as free:
            if free and token is not None and token == self._pending:
                assert self._outbox is not None
                self._submitted = token
                self._outbox.put((token, wire, token))

    def forget(self, token: int | None) -> None:
        """The documents of ``token`` will not be checked (their job stopped): a worker still busy
        gathering or checking for them, with nothing asked since, is dropped for a fresh one.  Never
        waits: a run that has the worker asked for something since."""
        with self._unless_busy() as free:
            if free and token is not None and token == self._pending:
                self._pending = None
                self._restart()

    def run(self, alignment: Alignment, cancelled: IsCancelled, token: int | None = None,
            meanwhile: Callable[[], None] = lambda: None) -> list[Check]:
        """The checks of ``alignment`` with what was prepared for ``token``, if it fits (its pairs checked
        already if they were submitted); ``meanwhile`` runs once the worker has them.  Raises Cancelled
        within one poll once ``cancelled()`` turns true."""
        while not self._lock.acquire(timeout=POLL_SECONDS):
            if cancelled():
                raise Cancelled("checks cancelled")
        try:
            return self._ask(alignment, token, cancelled, meanwhile)
        finally:
            self._lock.release()

    def _ask(self, alignment: Alignment, token: int | None, cancelled: IsCancelled,
             meanwhile: Callable[[], None]) -> list[Check]:
        """Send one alignment unless its pairs were submitted, do ``meanwhile``, and wait for the
        answer, polling ``cancelled``."""
        submitted = token is not None and token == self._submitted
        self._start()
        assert self._connection is not None and self._outbox is not None
        run = token if submitted else next(self._runs)
        self._pending = self._submitted = None
        try:
            if not submitted:
                self._outbox.put((run, to_wire(alignment), token))
            try:
                meanwhile()
            except BaseException:
                self._restart()  # busy on a run nobody will read
                raise
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
        return from_checks_wire(result)


CHECKS = ChecksWorker()
"""The worker every window of the process shares."""
