"""The checks begun in a spawn worker while the engine aligns: the same checks, whatever happens to it."""

import multiprocessing
import threading
from pathlib import Path

import pytest

from alignment import align, checks_ahead, cli, embeddings_ahead, load_document
from alignment.checks import run_checks
from alignment.checks_ahead import ChecksAhead, prepare_documents, unwire
from alignment.wire import flat_sentences, from_checks_wire, pairs_wire, to_wire

DATA = Path(__file__).parent / "data"
SOURCE, TARGET = DATA / "seed.src.txt", DATA / "seed.tgt.txt"


@pytest.fixture(scope="module")
def seed():
    source, target = load_document(SOURCE), load_document(TARGET)
    return source, target, align(source, target)


def _refused(*_):
    raise AssertionError("the checks ran in this process")


def test_the_worker_answers_with_the_checks_of_this_process(seed, monkeypatch):
    source, target, alignment = seed
    expected = run_checks(alignment)
    ahead = ChecksAhead(source, target, "sentences")
    monkeypatch.setattr(checks_ahead, "run_checks", _refused)  # the spawned worker imports its own
    assert ahead.checks(alignment) == expected
    assert not ahead._process.is_alive()


def test_pairs_told_while_aligning_are_checked_then_and_not_sent_again(seed, monkeypatch):
    source, target, alignment = seed
    expected = run_checks(alignment)
    ahead = ChecksAhead(source, target, "sentences")
    again = align(source, target, paired=ahead.paired)
    monkeypatch.setattr(checks_ahead, "run_checks", _refused)
    monkeypatch.setattr(checks_ahead, "to_wire", _refused)
    assert ahead.checks(again) == expected
    assert not ahead._process.is_alive()


def test_a_worker_that_died_leaves_the_checks_to_this_process(seed):
    source, target, alignment = seed
    ahead = ChecksAhead(source, target, "sentences")
    ahead._process.kill()
    ahead._process.join()
    assert ahead.checks(alignment) == run_checks(alignment)


def test_what_was_prepared_for_other_sentences_is_not_used(seed):
    source, target, alignment = seed
    wire = to_wire(alignment)
    lines = prepare_documents(source, target, "lines")
    assert lines.sentences != (alignment.source_sentences, alignment.target_sentences)
    assert not lines.fits(wire, (source, target))
    rebuilt, gathered = unwire(wire, lines)
    assert gathered is None and run_checks(rebuilt) == run_checks(alignment)
    sentences = prepare_documents(source, target)
    assert sentences.fits(wire, (source, target))
    rebuilt, gathered = unwire(wire, sentences)
    assert gathered is sentences.gathered and rebuilt.source_sentences is sentences.sentences[0]
    assert run_checks(rebuilt, gathered) == run_checks(alignment)


def test_short_texts_are_checked_without_a_worker(seed, monkeypatch):
    source, target, _ = seed
    assert checks_ahead.checks_ahead(source, target, "sentences") is None
    monkeypatch.setattr(checks_ahead, "AHEAD_CHARACTERS", len(source.text) + len(target.text))
    ahead = checks_ahead.checks_ahead(source, target, "sentences")
    assert isinstance(ahead, ChecksAhead)
    ahead.close()


def test_paralign_check_takes_its_checks_from_the_worker(tmp_path, monkeypatch):
    plain = tmp_path / "plain.json"
    assert cli.main(["check", str(SOURCE), str(TARGET), "--json", "-o", str(plain)]) == 1
    monkeypatch.setattr(checks_ahead, "AHEAD_CHARACTERS", 0)
    monkeypatch.setattr("alignment.checks.run_checks", _refused)
    monkeypatch.setattr(checks_ahead, "run_checks", _refused)
    ahead = tmp_path / "ahead.json"
    assert cli.main(["check", str(SOURCE), str(TARGET), "--json", "-o", str(ahead)]) == 1
    assert ahead.read_bytes() == plain.read_bytes()


def test_paralign_check_leaves_the_second_core_to_the_checks_worker(tmp_path, monkeypatch):
    # Two workers would share it: the sentence embedding's is started only where the checks' is not.
    monkeypatch.setattr(checks_ahead, "AHEAD_CHARACTERS", 0)
    monkeypatch.setattr(embeddings_ahead, "AHEAD_CHARACTERS", 0)
    started = []
    start = embeddings_ahead.EmbeddingsAhead.__init__

    def counted(self, *args):
        started.append(self)
        start(self, *args)

    monkeypatch.setattr(embeddings_ahead.EmbeddingsAhead, "__init__", counted)
    for command, workers in (("check", 0), ("align", 1)):
        cli.main([command, str(SOURCE), str(TARGET), "--json", "-o", str(tmp_path / f"{command}.json")])
        assert len(started) == workers


def test_align_tells_each_sides_sentences_as_it_splits_them(seed):
    source, target, alignment = seed
    told = []
    align(source, target, on_split=lambda side, sentences: told.append((side, sentences)))
    assert sorted(told) == [("source", alignment.source_sentences), ("target", alignment.target_sentences)]


def test_the_worker_gathers_on_the_sentences_the_engine_told_without_splitting(seed, monkeypatch):
    source, target, alignment = seed
    split = []
    monkeypatch.setattr(checks_ahead, "segment", lambda *args: split.append(args))
    monkeypatch.setattr(checks_ahead.signal, "signal", lambda *_: None)  # only the main thread may set it
    mine, theirs = multiprocessing.Pipe(duplex=True)
    worker = threading.Thread(target=checks_ahead._serve, args=(theirs,))  # here, to see what it calls
    worker.start()
    mine.send((source, target, "sentences"))
    for side in ("target", "source"):  # in either order: the target is split in a thread
        mine.send((side, flat_sentences(alignment.sentences(side))))
    mine.send(pairs_wire(alignment.source_sentences, alignment.target_sentences,
                         [(p.source, p.target) for p in alignment.pairs]))  # fmt: skip
    status, columns = mine.recv()
    worker.join(10)
    assert status == "ok" and from_checks_wire(columns) == run_checks(alignment)
    assert split == []


def test_paralign_check_tells_its_worker_the_sentences_it_split(tmp_path, monkeypatch):
    monkeypatch.setattr(checks_ahead, "AHEAD_CHARACTERS", 0)
    told = []
    tell = ChecksAhead.sentences

    def telling(self, side, sentences):
        told.append(side)
        tell(self, side, sentences)

    monkeypatch.setattr(ChecksAhead, "sentences", telling)
    cli.main(["check", str(SOURCE), str(TARGET), "--json", "-o", str(tmp_path / "checks.json")])
    assert sorted(told) == ["source", "target"]
