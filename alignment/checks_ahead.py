"""The editorial checks of a book begun in a ``spawn`` worker process while the engine aligns it.

What the checks read from the texts alone (:func:`prepare_documents`: each side split as ``align()``
splits it, then its facts, cues and words) does not depend on the pairs: a worker gathers it on the
other core while ``align()`` runs, is sent the pairs, and answers with the checks (what it gathered
took longer to pickle back than to gather).  Started with ``spawn`` on every platform, never a fork;
skipped for texts too short to pay for its start-up.  The window's worker (``viewer/checks_process.py``)
prepares with :func:`prepare_documents` too, and both are sent :mod:`alignment.wire`'s flat form.
"""

from __future__ import annotations

import contextlib
import signal
import threading
from array import array
from collections.abc import Callable
from dataclasses import dataclass, fields
from multiprocessing import get_context
from multiprocessing.connection import Connection
from operator import attrgetter

from alignment import collector
from alignment.checks import prepare, run_checks
from alignment.model import Alignment, Check, Document, Sentence
from alignment.segment import SplitMode, segment
from alignment.wire import WireAlignment, flat_sentences, from_wire, to_wire

AHEAD_CHARACTERS = 1 << 20
"""Characters of both texts together from which a worker pays for itself: it starts in about 0.3 s
and gathers a megabyte's facts in about as long (the dev Bible, 8 MB: 2.5 s of the checks' 4.5 s)."""

_OK, _FAILED = "ok", "failed"

Gather = Callable[[Alignment], object]
"""What the checks gather from an alignment's texts and sentences alone (its pairs are empty)."""


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

    def fits(self, wire: WireAlignment) -> bool:
        """Whether an alignment's wire form is of these texts and sentences (then ``gathered`` serves it)."""
        return (wire.source.text, wire.target.text) == self.texts and wire.sentences == self.flat


def prepare_documents(source: Document, target: Document, split: SplitMode = "sentences",
                      gather: Gather = prepare) -> Prepared:
    """Split two documents as ``align()`` does and gather what their checks will read from them.

    The entry point of any worker that checks while the engine aligns (``paralign check``; the window's).
    """
    sentences = segment(source.text, split), segment(target.text, split)
    bare = Alignment(source, target, sentences[0], sentences[1], ())
    flat = flat_sentences(sentences[0]), flat_sentences(sentences[1])
    return Prepared((source.text, target.text), sentences, flat, gather(bare))


def unwire(wire: WireAlignment, prepared: Prepared | None) -> tuple[Alignment, object]:
    """The alignment of a wire form and what was gathered ahead for it: on the sentences ``prepared``
    built if it fits (not built again), else afresh with None gathered."""
    if prepared is not None and prepared.fits(wire):
        return from_wire(wire, prepared.sentences), prepared.gathered
    return from_wire(wire), None


class ChecksAhead:
    """A worker process that prepares two documents' checks at once and runs them once given the pairs."""

    def __init__(self, source: Document, target: Document, split: SplitMode) -> None:
        mine, theirs = get_context("spawn").Pipe(duplex=True)
        self._process = get_context("spawn").Process(target=_serve, args=(theirs,), daemon=True,
                                                     name="paralign checks ahead")  # fmt: skip
        self._process.start()
        theirs.close()
        self._connection = mine
        # Sent by a thread: the pipe takes the texts only as fast as the worker, still starting, reads them.
        self._sending = threading.Thread(target=_send, args=(mine, (source, target, split)), daemon=True)
        self._sending.start()

    def checks(self, alignment: Alignment) -> list[Check]:
        """The checks of an alignment of the two documents, as :func:`~alignment.checks.run_checks`
        finds them; run here if the worker failed (it then ends)."""
        try:
            self._sending.join()
            self._connection.send(to_wire(alignment))
            status, rows = self._connection.recv()
        except (EOFError, OSError):
            status, rows = _FAILED, None
        finally:
            self.close()
        return [Check(*row) for row in rows] if status == _OK else run_checks(alignment)

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


def _send(connection: Connection, message: object) -> None:
    """Send one message; a worker gone meanwhile is found by the next send."""
    with contextlib.suppress(OSError):
        connection.send(message)


_CHECK_FIELDS = tuple(f.name for f in fields(Check))


def _serve(connection: Connection) -> None:
    """In the worker: prepare the documents received, then answer the alignment sent with its checks.

    An interrupt is the command's to handle (it ends the worker); a failure while preparing is met
    again, and reported, by the checks that then gather afresh.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    with collector.paused():
        try:
            source, target, split = connection.recv()
            try:
                prepared: Prepared | None = prepare_documents(source, target, split)
            except Exception:  # noqa: BLE001 - gathered afresh below, where it is reported
                prepared = None
            found = run_checks(*unwire(connection.recv(), prepared))
            connection.send((_OK, list(map(attrgetter(*_CHECK_FIELDS), found))))  # rows pickle faster
        except (EOFError, OSError):
            return  # the command is gone
        except Exception:  # noqa: BLE001 - the command runs the checks itself and reports what fails
            connection.send((_FAILED, None))
