"""The editorial checks of a book begun in a ``spawn`` worker process while the engine aligns it.

What the checks read from the texts alone (:func:`prepare_documents`: each side split as ``align()``
splits it, then its facts, cues and words) does not depend on the pairs: a worker gathers it on the
other core while ``align()`` runs, is sent the pairs, and answers with the checks (what it gathered
took longer to pickle back than to gather).  The pairs are sent as soon as ``align()`` has found them
(its ``paired``), and checked while it compares their words.  Started with ``spawn`` on every
platform, never a fork; skipped for texts too short to pay for its start-up.  The window's worker
(``viewer/checks_process.py``) prepares with :func:`prepare_documents` too, and both are sent
:mod:`alignment.wire`'s flat form and :func:`answer` in its columns.
"""

from __future__ import annotations

import queue
import signal
import threading
from array import array
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from multiprocessing import get_context
from multiprocessing.connection import Connection

from alignment import collector
from alignment.checks import prepare, run_checks
from alignment.matching.gains import Group
from alignment.model import Alignment, Check, Document, Sentence, Side
from alignment.segment import SplitMode, segment
from alignment.wire import (
    Checks,
    WireAlignment,
    checks_wire,
    flat_sentences,
    from_checks_wire,
    from_wire,
    pairs_wire,
    sentences_of,
    to_wire,
)
from alignment.workers import write

AHEAD_CHARACTERS = 1 << 20
"""Characters of both texts together from which a worker pays for itself: it starts in about 0.3 s
and gathers a megabyte's facts in about as long (the dev Bible, 8 MB: 2.5 s of the checks' 4.5 s)."""

_OK, _FAILED = "ok", "failed"

Gather = Callable[[Alignment], object]
"""What the checks gather from an alignment's texts and sentences alone (its pairs are empty)."""
Task = Callable[[Alignment, object], list[Check]]
"""Checks of an alignment, given what a :data:`Gather` found for its texts and sentences, or None."""


@dataclass(frozen=True)
class Prepared:
    """What the checks of two documents read from their texts alone, gathered before they are aligned."""

    texts: tuple[str, str]
    sentences: tuple[tuple[Sentence, ...], tuple[Sentence, ...]]
    """Each side's sentences, split as ``align()`` splits it."""
    flat: tuple[array, array]
    """``sentences`` as :func:`~alignment.wire.flat_sentences` writes them, to compare with a wire form's."""
    gathered: object
    """What ``gather`` (:func:`alignment.checks.prepare`) found in the sentences, with no pairs."""

    def fits(self, wire: WireAlignment, documents: tuple[Document, Document]) -> bool:
        """Whether a wire form of these documents is of these texts and sentences (then ``gathered``
        serves it)."""
        return (documents[0].text, documents[1].text) == self.texts and wire.sentences == self.flat


def prepare_documents(source: Document, target: Document, split: SplitMode = "sentences",
                      gather: Gather = prepare,
                      sentences: tuple[tuple[Sentence, ...], tuple[Sentence, ...]] | None = None) -> Prepared:
    """Split two documents as ``align()`` does (unless given their ``sentences``, split so already) and
    gather what their checks will read from them.

    The entry point of any worker that checks while the engine aligns (``paralign check``; the window's).
    """
    sentences = sentences or (segment(source.text, split), segment(target.text, split))
    bare = Alignment(source, target, sentences[0], sentences[1], ())
    flat = flat_sentences(sentences[0]), flat_sentences(sentences[1])
    return Prepared((source.text, target.text), sentences, flat, gather(bare))


def unwire(wire: WireAlignment, prepared: Prepared | None,
           documents: tuple[Document, Document] | None = None) -> tuple[Alignment, object]:  # fmt: skip
    """The alignment of a wire form (of ``documents`` if it came without them) and what was gathered
    ahead for it: on the sentences ``prepared`` built if it fits (not built again), else afresh with
    None gathered."""
    documents = wire.documents or documents
    if prepared is not None and documents is not None and prepared.fits(wire, documents):
        return from_wire(wire, prepared.sentences, documents), prepared.gathered
    return from_wire(wire, documents=documents), None


def answer(wire: WireAlignment, prepared: Prepared | None, documents: tuple[Document, Document] | None = None,
           task: Task = run_checks) -> Checks:  # fmt: skip
    """What a worker answers a wire form with (see :func:`unwire`): the checks ``task`` finds, as
    :func:`~alignment.wire.checks_wire` columns."""
    return checks_wire(task(*unwire(wire, prepared, documents)))


class ChecksAhead:
    """A worker process that prepares two documents' checks at once and runs them once given the pairs."""

    def __init__(self, source: Document, target: Document, split: SplitMode) -> None:
        mine, theirs = get_context("spawn").Pipe(duplex=True)
        self._process = get_context("spawn").Process(target=_serve, args=(theirs,), daemon=True,
                                                     name="paralign checks ahead")  # fmt: skip
        self._process.start()
        theirs.close()
        self._connection = mine
        # Sent by a thread: the pipe takes the texts only as fast as the worker, still starting, reads
        # them, and the pairs once it has gathered.  One thread: what it frees, it allocates again.
        self._outbox: queue.SimpleQueue = queue.SimpleQueue()
        self._outbox.put((source, target, split))
        threading.Thread(target=write, args=(mine.send, self._outbox), daemon=True,
                         name="paralign checks out").start()  # fmt: skip
        self._paired = False

    def sentences(self, side: Side, sentences: Sequence[Sentence]) -> None:
        """``align()``'s ``on_split``: the worker gathers on the engine's sentences, not splitting again."""
        self._outbox.put((side, flat_sentences(sentences)))

    def paired(self, source: Sequence[Sentence], target: Sequence[Sentence], groups: Sequence[Group]) -> None:
        """``align()``'s ``paired``: the worker checks the pairs while the engine compares their words."""
        self._paired = True
        self._outbox.put(pairs_wire(source, target, groups))

    def checks(self, alignment: Alignment) -> list[Check]:
        """The checks of an alignment of the two documents, as :func:`~alignment.checks.run_checks`
        finds them; run here if the worker failed (it then ends)."""
        if not self._paired:
            self._outbox.put(to_wire(alignment))
        self._outbox.put(None)
        try:
            status, columns = self._connection.recv()
        except (EOFError, OSError):
            status, columns = _FAILED, None
        finally:
            self.close()
        return from_checks_wire(columns) if status == _OK else run_checks(alignment)

    def close(self) -> None:
        """End the worker, whatever it is doing."""
        self._connection.close()
        if self._process.is_alive():
            self._process.terminate()
        self._process.join()


def checks_ahead(source: Document, target: Document, split: SplitMode) -> ChecksAhead | None:
    """A worker preparing two documents' checks while they are aligned, or None for texts too short."""
    if len(source.text) + len(target.text) < AHEAD_CHARACTERS:
        return None
    return ChecksAhead(source, target, split)


def _serve(connection: Connection) -> None:
    """In the worker: prepare the documents received, on the sentences the engine tells, then answer
    the alignment sent with its checks.

    An interrupt is the command's to handle (it ends the worker); a failure while preparing is met
    again, and reported, by the checks that then gather afresh.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    with collector.paused():
        try:
            source, target, split = connection.recv()
            sentences, wire = _told(connection)
            try:
                prepared: Prepared | None = prepare_documents(source, target, split, sentences=sentences)
            except Exception:  # noqa: BLE001 - gathered afresh below, where it is reported
                prepared = None
            connection.send((_OK, answer(wire or connection.recv(), prepared, (source, target))))
        except (EOFError, OSError):
            return  # the command is gone
        except Exception:  # noqa: BLE001 - the command runs the checks itself and reports what fails
            connection.send((_FAILED, None))


def _told(connection: Connection) -> tuple[tuple[tuple[Sentence, ...], tuple[Sentence, ...]] | None,
                                           WireAlignment | None]:  # fmt: skip
    """In the worker: both sides' sentences as the engine tells them, or None and the alignment when
    that comes first (nobody told them: they are split here)."""
    told: dict[Side, tuple[Sentence, ...]] = {}
    while len(told) < 2:
        message = connection.recv()
        if isinstance(message, WireAlignment):
            return None, message
        side, flat = message
        told[side] = sentences_of(flat)
    return (told["source"], told["target"]), None
