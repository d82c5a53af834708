"""The meaning signal: each sentence embedded once, and pairs scored in chunks to the bit."""

import gc
import weakref
import zlib
from collections.abc import Sequence

import numpy as np
import pytest

from alignment.matching import scoring
from alignment.matching.progress import Steps
from alignment.matching.scoring import Evidence, Lexical, Meaning
from alignment.matching.sides import Side
from alignment.segment import segment
from alignment.tokens import Lexicon

WORDS = "harbour ships spring river mill bread salt wool grain stone bridge tower".split()


def _side(sentences: list[str]) -> Side:
    text = " ".join(sentences)
    return Side(text, segment(text, "sentences"), Lexicon("english"))


def _embed(texts: Sequence[str]) -> np.ndarray:
    """A fixed random vector per sentence: no two alike, and the same on every call."""
    return np.array(
        [np.random.default_rng(zlib.crc32(t.encode())).standard_normal(32) for t in texts], np.float32
    ).reshape(-1, 32)


def _sentences(count: int, seed: int) -> list[str]:
    rng = np.random.default_rng(seed)
    return [" ".join(rng.choice(WORDS, 4)).capitalize() + f" {k}." for k in range(count)]


def test_prepare_embeds_each_sentence_asked_for_once_in_order() -> None:
    src, tgt = _side(_sentences(80, 1)), _side(_sentences(70, 2))
    asked: list[list[str]] = []

    def embed(texts: Sequence[str]) -> np.ndarray:
        asked.append(list(texts))
        return _embed(texts)

    meaning = Meaning(src, tgt, Steps(), embed=embed)
    assert len(asked) == 1  # the background sample of both sides, in one call
    asked.clear()
    sampled = set(scoring._spread(80).tolist()), set(scoring._spread(70).tolist())
    a, b = sorted(set(range(80)) - sampled[0])[-2:]
    (c,) = sorted(set(range(70)) - sampled[1])[:1]
    meaning.prepare([b, *sampled[0], a, b], [c, c, *sampled[1]])  # the sample is kept, not embedded again
    ours, theirs = ([side.text[s.start : s.end] for s in side.sentences] for side in (src, tgt))
    assert asked == [[ours[a], ours[b]], [theirs[c]]]
    meaning.prepare([a, b, 0], [c])
    assert len(asked) == 2  # embedded already


def test_pairs_scored_in_chunks_are_those_scored_one_by_one_to_the_bit(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    src, tgt = _side(_sentences(60, 3)), _side(_sentences(50, 4))
    rng = np.random.default_rng(5)
    i, j = rng.integers(0, 60, 500).tolist(), rng.integers(0, 50, 500).tolist()
    meaning = Meaning(src, tgt, Steps(), embed=_embed)
    monkeypatch.setattr(scoring, "_PAIR_CHUNK", 7)  # chunks end inside the batch, and one is short
    found = meaning.pairs(i, j)
    one_by_one = np.concatenate([meaning.pairs([a], [b]) for a, b in zip(i, j, strict=True)])
    assert found.dtype == np.float64 and found.tobytes() == one_by_one.tobytes()
    assert found.tobytes() == meaning.table(i, j)[np.arange(500), np.arange(500)].tobytes()


def test_scores_asked_for_later_hold_no_signal_without_a_worker() -> None:
    # The stem index and the sentence embeddings are freed before the words are compared.
    src, tgt = _side(_sentences(30, 3)), _side(_sentences(20, 4))
    lexical, meaning = Lexical(src, tgt), Meaning(src, tgt, Steps(), embed=_embed)
    evidence = Evidence([lexical, meaning], len(src), len(tgt))
    groups = [((0,), (0,)), ((1, 2), (1,)), ((5,), (7, 8))]
    expected = evidence.scores(groups).tolist()
    later = evidence.scores_later(groups)
    held = [weakref.ref(x) for x in (evidence, lexical, meaning)]
    del evidence, lexical, meaning
    gc.collect()
    assert [ref() for ref in held] == [None, None, None]
    assert later().tolist() == expected
