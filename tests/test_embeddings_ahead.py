"""Sentence embeddings made in a worker while the engine aligns: the same alignment, whatever befalls it."""

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from alignment import Cancelled, align, embeddings_ahead, load_document, semantic
from alignment.arrays import sentence_spans
from alignment.embeddings_ahead import EmbeddingsAhead
from alignment.matching import scoring
from alignment.segment import segment

DATA = Path(__file__).parent / "data"
SOURCE, TARGET = DATA / "ruth.src.txt", DATA / "ruth.tgt.txt"


def _aligned(name: str):
    """A pair of the test data, and its alignment made without a worker (short texts get none)."""
    source, target = load_document(DATA / f"{name}.src.txt"), load_document(DATA / f"{name}.tgt.txt")
    return source, target, align(source, target)


@pytest.fixture(scope="module")
def ruth():
    return _aligned("ruth")


@pytest.fixture(scope="module", params=[("seed", None), ("ruth", None), ("seed", 8)])
def pair(request):
    """The user's sample (heavy rewording: the background sample holds every sentence), Ruth (light),
    and the sample with a background of 8 sentences a side (the others are asked for by index)."""
    name, sample = request.param
    with pytest.MonkeyPatch.context() as patch:
        if sample:
            patch.setattr(scoring, "_SAMPLE", sample)
        return (*_aligned(name), sample)


@pytest.fixture
def asked(monkeypatch):
    """Every worker started for any text, and what it was asked, by kind."""
    monkeypatch.setattr(embeddings_ahead, "AHEAD_CHARACTERS", 0)
    seen = {"workers": [], "rows": 0, "texts": 0, "cosines": 0}
    start, ask = EmbeddingsAhead.__init__, EmbeddingsAhead._ask

    def started(self, *args):
        start(self, *args)
        seen["workers"].append(self)

    def counted(self, *request):
        seen[request[0]] += 1
        return ask(self, *request)

    monkeypatch.setattr(EmbeddingsAhead, "__init__", started)
    monkeypatch.setattr(EmbeddingsAhead, "_ask", counted)
    return seen


def test_the_worker_gives_every_score_and_pair_to_the_bit(pair, asked, monkeypatch):
    source, target, alone, sample = pair
    if sample:
        monkeypatch.setattr(scoring, "_SAMPLE", sample)
    assert align(source, target).pairs == alone.pairs
    # It embedded the sample and the words graded, and scored the pairs; and the sentences weighed.
    assert asked["texts"] >= 1 and asked["cosines"] == 1 and (asked["rows"] or not sample)
    process = asked["workers"][0]._process
    assert process.poll() is not None and process.stdin.closed and process.stdout.closed  # ended with it


@pytest.mark.parametrize(
    "code",
    [
        "import sys; sys.exit(3)",  # never starts
        "import sys; sys.stdout.buffer.write(b'not a pickle'); sys.stdout.flush()",  # answers nonsense
        "import pickle, sys; pickle.load(sys.stdin.buffer); pickle.dump(None, sys.stdout.buffer)",  # fails
    ],
)
def test_a_worker_that_fails_leaves_the_embedding_to_this_process(ruth, asked, monkeypatch, code):
    source, target, alone = ruth
    monkeypatch.setattr(embeddings_ahead, "_CODE", code)
    assert align(source, target).pairs == alone.pairs
    assert asked["workers"] and asked["rows"] >= 1


def test_a_cancel_while_waiting_for_the_worker_stops_and_ends_it(ruth, asked, monkeypatch):
    source, target, _ = ruth
    monkeypatch.setattr(embeddings_ahead, "_CODE", "import time; time.sleep(5)")  # never answers
    with pytest.raises(Cancelled):
        align(source, target, cancelled=lambda: asked["rows"] + asked["texts"] > 0)
    assert asked["workers"][0]._process.returncode not in (None, 0)  # killed, not waited for


def test_texts_too_short_or_a_frozen_bundle_get_no_worker(monkeypatch):
    book = "A sentence of a book. " * 30_000
    assert embeddings_ahead.embeddings_ahead(book, "A page.") is None  # scored on the page's sentences
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    assert embeddings_ahead.embeddings_ahead(book, book) is None


def test_the_worker_never_runs_the_callers_script_again(tmp_path):
    # A library must not re-run an unguarded main script, as multiprocessing's spawn does.
    runs = tmp_path / "runs.txt"
    script = tmp_path / "caller.py"
    script.write_text(
        "from pathlib import Path\n"
        f"with open({str(runs)!r}, 'a') as f: f.write('run\\n')\n"
        "from alignment import align, embeddings_ahead, load_document\n"
        "embeddings_ahead.AHEAD_CHARACTERS = 0\n"
        f"a = align(load_document({str(SOURCE)!r}), load_document({str(TARGET)!r}))\n"
        "print(len(a.pairs))\n"
    )
    root = Path(__file__).parent.parent
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, cwd=tmp_path,
                          env={**os.environ, "PYTHONPATH": str(root)}, check=True)  # fmt: skip
    assert int(done.stdout) > 0
    assert runs.read_text() == "run\n"


def _worker(monkeypatch, step: int = 4):
    """The worker's own object, in this process, on the user's sample, its answers written to a list."""
    monkeypatch.setattr(embeddings_ahead, "_STEP", step)
    source, target = load_document(DATA / "seed.src.txt"), load_document(DATA / "seed.tgt.txt")
    written: list = []
    worker = embeddings_ahead._Worker((source.text, target.text), written.append)
    spans = {}
    for name, doc in (("source", source), ("target", target)):
        spans[name] = sentence_spans(segment(doc.text, "sentences"))
        worker.take(("sentences", name, spans[name]))
    texts = {name: [doc.text[a:b] for a, b in spans[name].tolist()] for name, doc in
             (("source", source), ("target", target))}  # fmt: skip
    return worker, written, texts


def test_the_workers_cosines_come_a_step_at_a_time_after_any_other_request(monkeypatch):
    monkeypatch.setattr(embeddings_ahead, "_GROUPS", 3)
    worker, written, texts = _worker(monkeypatch)
    groups = [((0,), (0,)), ((1, 2), (1,)), ((3,), (2, 3)), ((4,), (4,)), ((5, 6, 7), (5,)), ((8,), (6,)),
              ((9,), (7,))]  # fmt: skip
    centre = semantic.embed(["The town council met on Tuesday."])[0] / 4
    weight = {"source": np.arange(1, 60, dtype=np.float32), "target": np.arange(2, 40, dtype=np.float32)}
    worker.take((0, "cosines", groups, centre, weight))
    worker.take((1, "texts", ["A dog barked."]))
    assert [number for number, _ in written] == [1]  # answered first, though asked second
    while not worker.idle:
        worker.work()
    assert [number for number, _ in written] == [1, 0]
    means = []
    for k, name in enumerate(("source", "target")):
        rows = scoring.centred(semantic.embed(texts[name]), centre)
        means.append(scoring.weighted_means(rows, np.arange(len(rows)), weight[name], [g[k] for g in groups]))
    expected = scoring.group_cosines(*means)
    assert written[1][1].tolist() == expected.tolist()


def test_the_sentences_the_engine_will_ask_for_are_embedded_first(monkeypatch):
    worker, _, texts = _worker(monkeypatch, step=2)
    worker.take(("prefer", {"target": np.array([9, 4, 9])}))
    worker.work()
    side = worker._sides["target"]
    assert np.flatnonzero(side._done).tolist() == [4, 9]
    assert side.rows[9].tolist() == semantic.embed([texts["target"][9]])[0].tolist()
