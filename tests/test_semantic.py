"""The semantic model: loads from the wheel without the network, unit rows, word similarity."""

import json
import socket
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from alignment import align, document_from_text, semantic


def _refuse(*args: object, **kwargs: object) -> None:
    raise AssertionError("the semantic path opened a network connection")


def test_loading_and_embedding_open_no_network_connection(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(socket, "socket", _refuse)
    monkeypatch.setattr(socket, "create_connection", _refuse)
    monkeypatch.setattr(socket, "getaddrinfo", _refuse)
    semantic.model.cache_clear()
    try:
        rows = semantic.embed(["It is ours.", "It belongs to us."])
    finally:
        semantic.model.cache_clear()
    assert rows.shape[0] == 2


def test_embeddings_are_unit_rows_and_empty_text_is_zero() -> None:
    rows = semantic.embed(["The council approved the budget.", "", "A dog barked."])
    norms = np.linalg.norm(rows, axis=1)
    assert norms[0] == pytest.approx(1, abs=1e-5) and norms[2] == pytest.approx(1, abs=1e-5)
    assert norms[1] == 0
    assert semantic.embed([]).shape == (0, rows.shape[1])


def test_word_similarity_tells_synonyms_from_unrelated_words() -> None:
    assert semantic.word_similarity("large", "large") == pytest.approx(1, abs=1e-5)
    assert semantic.word_similarity("big", "large") > 0.5
    assert semantic.word_similarity("big", "carrot") < 0.2
    batched = semantic.word_similarities([("big", "large"), ("big", "carrot")])
    assert batched[0] == pytest.approx(semantic.word_similarity("big", "large"), abs=1e-5)


def test_segment_sums_are_reduceats_bits() -> None:
    # The same bits as numpy's own sum, so that faster embedding changes no score: segments of every
    # length numpy's pairwise sum treats differently (under 8 rows, laned, past 128), words counted
    # more than once, and rows of -0.0 (a sum of them only is -0.0, not 0.0).
    rng = np.random.default_rng(7)
    table = rng.standard_normal((300, 16)).astype(np.float32)
    table[0] = -0.0
    sizes = np.concatenate([np.arange(1, 300), rng.integers(1, 40, 200), [3, 1]])
    starts = np.concatenate([[0], np.cumsum(sizes)[:-1]])
    ids = rng.integers(1, 300, int(sizes.sum()))
    ids[starts[-2] : starts[-2] + 4] = 0
    counts = rng.choice(np.array([1, 1, 1, 2, 3], np.float32), len(ids))
    fast = semantic._segment_sums(table, ids, counts, starts)
    slow = np.add.reduceat(table[ids] * counts[:, None], starts, axis=0)
    assert fast.view(np.uint32).tolist() == slow.view(np.uint32).tolist()


_SENTENCES = [
    "The council approved the budget on Tuesday.",
    "About 45 people came to the meeting, held in Berlin on 4 March 2021.",
    "“It's ours,” he said — and the café's owner, Zoë, agreed.",
    "Antidisestablishmentarianism is rarely written; Straße and naïve are.",
]


def test_vectors_are_wordllamas_own() -> None:
    import wordllama

    theirs = wordllama.WordLlama.load(
        cache_dir=Path(wordllama.__file__).parent, disable_download=True, dim=256
    ).embed(_SENTENCES, norm=True)
    np.testing.assert_allclose(semantic.embed(_SENTENCES), theirs, atol=1e-5)


def test_the_model_loads_without_importing_wordllama() -> None:
    # Importing the package pulls pydantic, requests and more (~0.75 s); its files are read directly.
    code = (
        "import sys; from alignment import semantic; semantic.embed(['It is ours.']); "
        "print(sorted(m for m in ('wordllama', 'pydantic', 'requests') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def _safetensors_file(path: Path, tensors: dict[str, np.ndarray], dtype: str = "F16") -> None:
    """A safetensors file as its format lays it out: header length, JSON header, then the data."""
    header, data, at = {"__metadata__": {"format": "np"}}, b"", 0
    for name, array in tensors.items():
        header[name] = {"dtype": dtype, "shape": list(array.shape), "data_offsets": [at, at + array.nbytes]}
        data, at = data + array.tobytes(), at + array.nbytes
    text = json.dumps(header).encode()
    path.write_bytes(len(text).to_bytes(8, "little") + text + data)


def test_the_table_is_read_from_its_place_in_the_file(tmp_path: Path) -> None:
    first = np.arange(6, dtype=np.float16).reshape(2, 3)
    second = np.linspace(-1, 1, 12, dtype=np.float16).reshape(4, 3)
    _safetensors_file(tmp_path / "w.safetensors", {"first": first, "second": second})
    read = semantic._mapped_tensor(tmp_path / "w.safetensors", "second")
    assert read.dtype == np.float16 and read.tolist() == second.tolist()
    _safetensors_file(tmp_path / "f32.safetensors", {"second": second.astype(np.float32)}, dtype="F32")
    with pytest.raises(ValueError, match="F32, not the float16"):
        semantic._mapped_tensor(tmp_path / "f32.safetensors", "second")


def test_an_alignment_tokenises_each_word_once(monkeypatch: pytest.MonkeyPatch) -> None:
    # The word grades reuse the words the sentences' embeddings learned: "troops" and "forces" are
    # tokenised for the sentences and not again when the replacement of one by the other is graded.
    learned: list[str] = []
    learn = semantic.Encoder._learn

    def counted(self: semantic.Encoder, new: list[str]) -> None:
        learned.extend(new)
        learn(self, new)

    monkeypatch.setattr(semantic.Encoder, "_learn", counted)
    a = align(
        document_from_text("The troops marched north at dawn. They rested by the river."),
        document_from_text("The forces marched north at dawn. They rested by the river."),
    )
    assert any(c.grade for p in a.pairs for c in p.changes)
    assert {"troops", "forces"} <= set(learned) and len(learned) == len(set(learned))


def test_a_texts_row_depends_on_that_text_alone() -> None:
    # Its words are added in reading order, whatever was embedded before or beside it: a worker's rows
    # are the engine's to the bit.  Here the encoder met the words first in another order.
    text = "They rested by the river, and the river ran on by them."
    long = "the river ran and the river rested " * 30  # past the words gathered one by one
    used = semantic.Encoder()
    used.embed(["on ran river the by rested they them", "river river the"])
    rows = used.embed(["A dog.", text, long])[1:]
    for row, alone in zip(rows, (semantic.embed([t])[0] for t in (text, long)), strict=True):
        assert row.view(np.uint32).tolist() == alone.view(np.uint32).tolist()


def test_a_long_text_counts_each_distinct_word_once_times_its_count() -> None:
    encoder = semantic.Encoder()
    row = encoder.embed(["yes yes no " * 100])[0]
    yes, no = (encoder._sums[encoder._index[w]] for w in ("yes", "no"))
    expected = 200 * yes + 100 * no
    np.testing.assert_allclose(row, expected / np.linalg.norm(expected), atol=1e-6)
