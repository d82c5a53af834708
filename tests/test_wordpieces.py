"""WordLlama's tokenizer in Python: the Rust tokenizer's ids for every word, and the Rust one when needed."""

import json
import random
import zlib
from pathlib import Path

import pytest
import tokenizers

from alignment import semantic, wordpieces
from alignment.wordpieces import CHECKED, WordPieces

_SCRIPTS = [
    (0x21, 0x7E), (0xC0, 0x17F), (0x370, 0x3FF), (0x400, 0x4FF), (0x590, 0x6FF), (0x900, 0x97F),
    (0x3040, 0x30FF), (0x4E00, 0x9FFF), (0xAC00, 0xD7A3), (0x1F300, 0x1F6FF), (0x2000, 0x206F),
    (0x2580, 0x2590),
]  # fmt: skip
"""ASCII, Latin, Greek, Cyrillic, Hebrew and Arabic, Devanagari, kana, CJK, Hangul, emoji, punctuation,
and the blocks around ▁: what the vocabulary has whole, in part, or only as bytes."""


@pytest.fixture(scope="module")
def path() -> Path:
    return semantic.model().tokenizer._path


@pytest.fixture(scope="module")
def rust(path: Path) -> tokenizers.Tokenizer:
    return tokenizers.Tokenizer.from_file(str(path))


def _theirs(tokenizer: tokenizers.Tokenizer, words: list[str]) -> list[list[int]]:
    return [e.ids for e in tokenizer.encode_batch_fast(words, add_special_tokens=False)]


def _words(path: Path, data_dir: Path) -> list[str]:
    """Every vocabulary entry with and without its ▁, random words of many scripts, the test texts' words."""
    vocab = json.loads(path.read_text(encoding="utf-8"))["model"]["vocab"]
    rng = random.Random(8)
    made = []
    for _ in range(20000):
        blocks = [rng.choice(_SCRIPTS) for _ in range(rng.randint(1, 3))]
        made.append("".join(chr(rng.randint(*rng.choice(blocks))) for _ in range(rng.randint(1, 20))))
    added = ["<s>", "</s>", "<unk>", "a<s>b", "<s></s>", "x</s", "<<s>>", "<unk><unk>", "<0x41>"]
    spaces = ["▁", "▁▁▁", "a▁▁b"]
    texts = [p.read_text(encoding="utf-8").split() for p in sorted(data_dir.glob("*.txt"))]
    bare = (w.replace("▁", "") for w in vocab)
    words = [*vocab, *bare, *made, *added, *spaces, *(w for t in texts for w in t)]
    return [w[:48] for w in words if w]


def test_the_installed_tokenizer_file_is_the_checked_one(path: Path) -> None:
    # If wordllama ships another file, every text goes to the Rust tokenizer: check the Python encoding
    # against the new file with these tests, then give CHECKED its size and CRC.
    data = path.read_bytes()
    assert (len(data), zlib.crc32(data)) == CHECKED


def test_python_encoding_gives_the_rust_tokenizers_ids(
    path: Path, rust: tokenizers.Tokenizer, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(wordpieces, "_FEW_WORDS", 10**9)
    words = _words(path, data_dir)
    pieces = WordPieces(path)
    mine = pieces.ids(words)
    assert pieces._rust is None  # all of them merged here
    theirs = _theirs(rust, words)
    wrong = [(w, m, t) for w, m, t in zip(words, mine, theirs, strict=True) if m != t]
    assert not wrong, wrong[:5]


def test_merge_ranks_are_the_files_merge_order(path: Path) -> None:
    merges = json.loads(path.read_text(encoding="utf-8"))["model"]["merges"]
    pieces = WordPieces(path)
    tables = pieces._read()
    assert tables is not None
    ranks = [pieces._rank(*merge.split(" "), tables) for merge in merges]
    assert ranks == sorted(ranks) and len(set(ranks)) == len(ranks)


def test_a_short_text_is_embedded_without_the_rust_tokenizer(
    path: Path, rust: tokenizers.Tokenizer, monkeypatch: pytest.MonkeyPatch
) -> None:
    loaded = []
    monkeypatch.setattr(tokenizers.Tokenizer, "from_file", lambda p: loaded.append(p) or rust)
    semantic.model.cache_clear()
    try:
        semantic.embed(["The council approved the budget.", "It belongs to us."])
        assert loaded == []
        many = [f"word{k}" for k in range(wordpieces._FEW_WORDS + 1)]
        assert semantic.model().tokenizer.ids(many) == _theirs(rust, many)
        assert loaded == [str(path)]
    finally:
        semantic.model.cache_clear()


def test_any_other_tokenizer_file_is_read_by_the_rust_tokenizer(path: Path, tmp_path: Path) -> None:
    config = json.loads(path.read_text(encoding="utf-8"))
    config["normalizer"]["normalizers"].append({"type": "Lowercase"})
    other = tmp_path / "tokenizer.json"
    other.write_text(json.dumps(config), encoding="utf-8")
    words = ["Berlin", "March", "Zoë"]
    assert WordPieces(other).ids(words) == _theirs(tokenizers.Tokenizer.from_file(str(other)), words)
    assert WordPieces(other).ids(words) != WordPieces(path).ids(words)
