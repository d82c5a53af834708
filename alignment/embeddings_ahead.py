"""A book's sentence embeddings made in a worker process while the engine aligns it.

Embedding every sentence for the pairs' scores was the largest stage of a book's alignment (1.5 s of
the dev Bible's 4 s), and it needs only the texts and where their sentences are: a worker embeds them
on the other core while the engine reads, weighs and pairs them.  The engine asks the worker for the
rows of the sentences it weighs (embedded first if the worker has not come to them yet) and for the
cosines of the pairs' groups: the worker holds every sentence's row, the engine only those it asked
for.  A sentence's row depends on its text alone (``Encoder.embed``), and the cosines are computed by
the engine's own functions, so every score has the bits the engine would give alone.

The worker is a fresh interpreter (``sys.executable -c``) fed through its standard input and output:
never a fork, the same on every platform, and unlike ``multiprocessing``'s spawn it does not run the
caller's main script again, which a library must not do.  A frozen bundle has no such interpreter:
there the engine embeds the sentences itself, as it does when the worker fails.
"""

from __future__ import annotations

import contextlib
import functools
import os
import pickle
import queue
import signal
import subprocess
import sys
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

import numpy as np

from alignment import collector, semantic
from alignment.arrays import sentence_spans, sentence_texts
from alignment.matching.progress import Poll
from alignment.model import Sentence
from alignment.model import Side as SideName
from alignment.workers import write

if TYPE_CHECKING:
    from alignment.matching.scoring import Embedder, Pairing

AHEAD_CHARACTERS = 1 << 19
"""Characters of the shorter text from which the worker pays for itself: it starts in about 0.2 s of
the other core, and embedding half a megabyte's sentences takes about as long (the pairs' scores
need about the shorter text's sentences: a book against a page is scored on the page's)."""
_STEP = 2048
"""Sentences the worker embeds ahead between looking for a request: about 30 ms (512 took a fifth
longer in all)."""
_CHUNK = 4096
"""Sentences the worker embeds per call for a request: their word lists stay small."""
_GROUPS = 4096
"""Groups whose cosines the worker works out between looking for a request: about 20 ms."""
_WAIT_SECONDS = 0.02
"""How often a cancel is polled while waiting for the worker: well inside the 100 ms it may take."""
_CODE = "from alignment.embeddings_ahead import serve; serve()"
_ONE_THREAD = {"TOKENIZERS_PARALLELISM": "false", "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1"}
"""The worker keeps to one core, the other's: the tokenizer's and BLAS's own threads took the engine's."""
_PACKAGES = str(Path(__file__).resolve().parent.parent)
"""Where the worker finds this package, however the caller found it."""


class EmbeddingsAhead:
    """A worker process embedding every sentence of two texts, a side once its sentences are sent,
    and answering for their rows and the cosines of groups of them."""

    def __init__(self, source: str, target: str) -> None:
        paths = os.pathsep.join(filter(None, [_PACKAGES, os.environ.get("PYTHONPATH", "")]))
        self._process = subprocess.Popen(
            [sys.executable, "-c", _CODE], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL, env={**os.environ, "PYTHONPATH": paths, **_ONE_THREAD},
            creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0),
        )  # fmt: skip
        assert self._process.stdin is not None and self._process.stdout is not None
        # Sent by a thread: the pipe takes the texts only as fast as the worker, still starting, reads them.
        self._outbox: queue.SimpleQueue[Any] = queue.SimpleQueue()
        self._outbox.put((source, target))
        self._inbox: queue.SimpleQueue[Any] = queue.SimpleQueue()
        self._failed = False
        self._asked = 0
        self._answers: dict[int, Any] = {}
        """Answers come, by the number of their request, until handed over."""
        send = functools.partial(_dump, self._process.stdin)
        threading.Thread(target=write, args=(send, self._outbox), daemon=True,
                         name="paralign embeddings out").start()  # fmt: skip
        threading.Thread(target=_receive, args=(self._process.stdout, self._inbox), daemon=True,
                         name="paralign embeddings in").start()  # fmt: skip

    def sentences(self, side: SideName, sentences: Sequence[Sentence]) -> None:
        """Have the worker embed one side's sentences (any thread may tell it, before asking for rows)."""
        self._outbox.put(("sentences", side, sentence_spans(sentences)))

    def prefer(self, wanted: dict[SideName, np.ndarray]) -> None:
        """Have the worker embed these sentences of each side first: the engine will ask for them."""
        self._outbox.put(("prefer", wanted))

    def rows(self, wanted: dict[SideName, np.ndarray], poll: Poll) -> dict[SideName, np.ndarray] | None:
        """The rows of these sentences of each side, as ``Encoder.embed`` gives them; None once the
        worker has failed."""
        return self._answer(self._ask("rows", wanted), poll)

    def embedder(self, local: Embedder, poll: Poll) -> Embedder:
        """An ``Encoder.embed`` for any texts (the word grades'), by the worker, which has read the
        texts' words already; by ``local`` once it has failed."""

        def embed(texts: Sequence[str]) -> np.ndarray:
            """Unit rows of these texts."""
            rows = self._answer(self._ask("texts", list(texts)), poll)
            return rows if rows is not None else local(texts)

        return embed

    def cosines(
        self, groups: Sequence[Pairing], centre: np.ndarray | float, weight: dict[SideName, np.ndarray]
    ) -> Callable[[Poll], np.ndarray | None]:
        """Meaning.each_group() of these groups, given its common direction and sentence weights, asked
        for now (the worker answers any other request first): the callable waits for it (polling for a
        cancel), None once the worker has failed."""
        number = self._ask("cosines", list(groups), centre, weight)
        return lambda poll: self._answer(number, poll)

    def close(self) -> None:
        """End the worker, whatever it is doing."""
        self._outbox.put(None)
        if self._process.poll() is None:
            self._process.kill()
        self._process.wait()
        for pipe in (self._process.stdin, self._process.stdout):
            with contextlib.suppress(OSError):  # what is left unsent to an ended worker is dropped
                if pipe is not None:
                    pipe.close()

    def __enter__(self) -> EmbeddingsAhead:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _ask(self, *request: Any) -> int:
        """Send a request (unless the worker has failed); its number, which its answer carries."""
        number = self._asked
        self._asked += 1
        if not self._failed:
            self._outbox.put((number, *request))
        return number

    def _answer(self, number: int, poll: Poll) -> Any:
        """The worker's answer to a request, waited for, polling for a cancel; None once it has failed."""
        while number not in self._answers and not self._failed:
            poll()
            try:
                answer = self._inbox.get(True, _WAIT_SECONDS)
            except queue.Empty:
                continue
            if answer is None:
                self._failed = True
            else:
                self._answers[answer[0]] = answer[1]
        return self._answers.pop(number, None)


def embeddings_ahead(source: str, target: str) -> EmbeddingsAhead | None:
    """A worker embedding two texts' sentences while they are aligned, or None for texts too short
    (or a frozen bundle, which has no interpreter to start)."""
    if min(len(source), len(target)) < AHEAD_CHARACTERS or getattr(sys, "frozen", False):
        return None
    try:
        return EmbeddingsAhead(source, target)
    except OSError:  # no interpreter to start: the engine embeds the sentences itself
        return None


def _dump(stream: IO[bytes], message: Any) -> None:
    """Write one message to the other process."""
    pickle.dump(message, stream, protocol=pickle.HIGHEST_PROTOCOL)
    stream.flush()


def _receive(stream: IO[bytes], inbox: queue.SimpleQueue[Any]) -> None:
    """In a thread: file each message read from the other process, then None once it has ended (or
    failed: the engine then embeds what it needs itself)."""
    try:
        while (message := pickle.load(stream)) is not None:
            inbox.put(message)
    except Exception:  # noqa: BLE001 - ended, killed or broken: no more messages, whatever the cause
        pass
    inbox.put(None)


class _Sentences:
    """In the worker: one side's sentences, each embedded once: by request, the ones the engine will
    ask for first, then the rest in reading order."""

    def __init__(self, text: str, spans: np.ndarray, encoder: semantic.Encoder) -> None:
        self._text, self._spans, self._encoder = text, spans, encoder
        self.rows = np.zeros((len(spans), semantic.DIM), np.float32)
        self._done = np.zeros(len(spans), dtype=bool)
        self._next = 0
        self._first = np.zeros(0, np.int64)

    @property
    def urgent(self) -> bool:
        """Whether sentences the engine will ask for are left to embed ahead."""
        return len(self._first) > 0

    @property
    def ahead(self) -> bool:
        """Whether sentences are left to embed ahead."""
        return self.urgent or self._next < len(self._spans)

    def prefer(self, idx: np.ndarray) -> None:
        """Embed these sentences ahead of the rest."""
        self._first = np.unique(idx[~self._done[idx]])

    def step(self) -> None:
        """Embed the next few sentences not embedded yet."""
        if self.urgent:
            part, self._first = self._first[:_STEP], self._first[_STEP:]
            self.embed(part)
            return
        self.embed(np.arange(self._next, min(self._next + _STEP, len(self._spans))))
        self._next += _STEP

    def embed(self, idx: np.ndarray) -> None:
        """Embed these sentences unless they are."""
        todo = np.unique(idx[~self._done[idx]])
        for k in range(0, len(todo), _CHUNK):
            part = todo[k : k + _CHUNK]
            self.rows[part] = self._encoder.embed(sentence_texts(self._text, self._spans[part]))
        self._done[todo] = True


class _Worker:
    """In the worker: both texts' sentences, and the answer to each request."""

    def __init__(self, texts: tuple[str, str], write: Callable[[Any], None]) -> None:
        self._texts: dict[SideName, str] = {"source": texts[0], "target": texts[1]}
        self._write = write
        self._encoder = semantic.Encoder()
        self._sides: dict[SideName, _Sentences] = {}
        self._deferred: list[tuple[Any, ...]] = []
        """Requests for cosines, with the cosines worked out so far: answered once every sentence is
        embedded, a step at a time, any other request first."""

    @property
    def idle(self) -> bool:
        """Whether nothing is left to do but wait for a request."""
        return not self._deferred and not any(side.ahead for side in self._sides.values())

    def work(self) -> None:
        """A step of the work ahead: a few sentences embedded, or else some groups' cosines (the
        request answered with the last)."""
        sides = sorted(self._sides.values(), key=lambda side: not side.urgent)  # the urgent first
        side = next((side for side in sides if side.ahead), None)
        if side is not None:
            side.step()
        elif self._deferred:
            number, _, groups, centre, weight, done = self._deferred[0]
            part = groups[len(done) * _GROUPS : (len(done) + 1) * _GROUPS]
            done.append(self._cosines(part, centre, weight))
            if len(done) * _GROUPS >= len(groups):
                self._deferred.pop(0)
                self._write((number, np.concatenate(done) if done else np.zeros(0)))

    def take(self, message: tuple[Any, ...]) -> None:
        """A side's sentences to embed, or a request answered now (for cosines: once the work ahead is
        done)."""
        if message[0] == "sentences":
            _, name, spans = message
            self._sides[name] = _Sentences(self._texts[name], spans, self._encoder)
            return
        if message[0] == "prefer":
            for name, idx in message[1].items():
                self._sides[name].prefer(idx)
            return
        number, kind, *args = message
        if kind == "rows":
            for name, idx in args[0].items():
                self._sides[name].embed(idx)
            self._write((number, {name: self._sides[name].rows[idx] for name, idx in args[0].items()}))
        elif kind == "texts":
            self._write((number, self._encoder.embed(args[0])))
        else:
            self._deferred.append((*message, []))

    def _cosines(
        self, groups: Sequence[Pairing], centre: np.ndarray | float, weight: dict[SideName, np.ndarray]
    ) -> np.ndarray:
        """Meaning.each_group() of these groups, by its own functions."""
        from alignment.matching.scoring import centred, group_cosines, weighted_means

        means = []
        for k, name in enumerate(("source", "target")):
            side = self._sides[name]
            idx = np.unique(np.fromiter((i for g in groups for i in g[k]), np.int64))
            side.embed(idx)
            slot = np.full(len(side.rows), -1, np.int64)
            slot[idx] = np.arange(len(idx))
            rows = centred(side.rows[idx], centre)
            means.append(weighted_means(rows, slot, weight[name], [g[k] for g in groups]))
        return group_cosines(*means)


def serve() -> None:
    """The worker: embed the sentences sent, answer each request at once (cosines once they are all
    embedded), and embed the rest ahead meanwhile."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # an interrupt is the engine's to handle: it ends us
    stdout = sys.stdout.buffer
    sys.stdout = sys.stderr  # whatever else would print must not break the answers written to stdout
    requests: queue.SimpleQueue[Any] = queue.SimpleQueue()
    threading.Thread(target=_receive, args=(sys.stdin.buffer, requests), daemon=True).start()

    write = functools.partial(_dump, stdout)
    with collector.paused():
        try:
            if (texts := requests.get()) is None:
                return  # the engine is gone
            worker = _Worker(texts, write)
            while True:
                if not worker.idle and requests.empty():
                    worker.work()
                elif (request := requests.get()) is None:
                    return  # the engine is done, or gone
                else:
                    worker.take(request)
        except OSError:
            return  # the engine is gone
        except Exception:  # noqa: BLE001 - the engine embeds what it needs itself
            write(None)
