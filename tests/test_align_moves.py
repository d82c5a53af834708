"""Moved text: a pair far apart is earned by strong evidence that no other candidate shares."""

from collections.abc import Sequence
from pathlib import Path

import numpy as np
from test_align_batch import _embed, _side  # sentences of few words, embedded by their words

from alignment import align, load_document
from alignment.matching import moves
from alignment.matching.moves import pair_moves
from alignment.matching.progress import Steps
from alignment.matching.scoring import Evidence, Lexical, Meaning

STEMS = ["harbour", "ships", "spring"]


class _Evidence:
    """Fused z of (source, target) sentence pairs from a table; -1 (below chance) elsewhere."""

    identical = 20.0

    def __init__(self, z: dict[tuple[int, int], float]) -> None:
        self._z = z

    def prepare(self, source: Sequence[int], target: Sequence[int]) -> None:
        """Nothing to prepare."""

    def pairs(self, source: Sequence[int], target: Sequence[int]) -> np.ndarray:
        return np.array([self._z.get((i, j), -1.0) for i, j in zip(source, target, strict=True)])

    def table(self, source: Sequence[int], target: Sequence[int]) -> np.ndarray:
        return np.array([[self._z.get((i, j), -1.0) for j in target] for i in source])


class _Gains:
    """Gains whose groups never grow: one more sentence always costs more than it brings."""

    def __init__(self, z: dict[tuple[int, int], float]) -> None:
        self.evidence = _Evidence(z)

    def of(self, src: Sequence[int], tgt: Sequence[int]) -> float:
        return 1.0 if len(src) == len(tgt) == 1 else 0.0


def _moves(z: dict[tuple[int, int], float], n: int = 2, m: int = 2) -> list:
    gains = _Gains(z)
    return pair_moves(gains, [STEMS] * n, [STEMS] * m, list(range(n)), list(range(m)), Steps())  # type: ignore[arg-type]


def test_a_pair_far_apart_needs_strong_evidence() -> None:
    assert _moves({(0, 1): 4.5}) == [((0,), (1,))]
    assert _moves({(0, 1): 3.5}) == []
    assert _moves({(0, 0): 5.0, (1, 1): 7.0}) == [((1,), (1,)), ((0,), (0,))]  # the strongest first


def test_a_move_must_clearly_beat_every_other_candidate_of_both_sentences() -> None:
    # Target 1 resembles source 0 and source 1 almost equally: which of them moved is a guess.
    assert _moves({(0, 1): 6.0, (1, 1): 5.5}) == []
    assert _moves({(0, 1): 6.0, (1, 1): 4.8}) == [((0,), (1,))]
    # The same holds from the source's side.
    assert _moves({(0, 0): 5.5, (0, 1): 6.0}) == []
    assert _moves({(0, 0): 4.8, (0, 1): 6.0}) == [((0,), (1,))]
    # Two candidates of one sentence scoring the same: neither is clear.
    assert _moves({(0, 1): 6.0, (1, 1): 6.0}) == []
    assert _moves({(0, 1): 6.0}, n=1, m=2) == [((0,), (1,))]  # a lone candidate has no rival


def test_too_many_sentences_sharing_only_common_stems_give_no_candidate_and_no_move(monkeypatch) -> None:
    # Past the pairs scored in full, only pairs sharing a stem held by few sentences are candidates:
    # a text of one sentence said over and over has none at all (paralign check of 2.5 MB crashed).
    monkeypatch.setattr(moves, "_ALL_PAIRS", 0)
    many = moves._FANOUT + 1
    assert _moves({(0, 0): 9.0}, n=many, m=many) == []
    assert _moves({(0, 0): 9.0}) == [((0,), (0,))]  # few holders: the pair is a candidate


def test_unrelated_texts_show_no_moved_pairs(data_dir: Path) -> None:
    # A news article and the Book of Ruth: both have short lines with "said" in them.
    news, ruth = load_document(data_dir / "seed.src.txt"), load_document(data_dir / "ruth.tgt.txt")
    for source, target in ((news, ruth), (ruth, news)):
        assert not any(p.moved for p in align(source, target).pairs)


def test_every_pair_scored_as_a_table_scores_as_pairs_do_to_the_bit() -> None:
    # Moves score all unmatched pairs as a table (rows gathered once): the z must be pairs()'s, bits
    # and all, or a near tie between two candidates could go the other way.
    rng = np.random.default_rng(3)
    words = [f"w{k}" for k in range(60)]
    texts = [[" ".join(rng.choice(words, 6)).capitalize() + "." for _ in range(40)] for _ in range(2)]
    src, tgt = (_side(t) for t in texts)
    evidence = Evidence([Lexical(src, tgt), Meaning(src, tgt, Steps(), embed=_embed)], len(src), len(tgt))
    rows, cols = [3, 0, 17, 39, 8], list(range(0, 40, 3))
    table = evidence.table(rows, cols)
    pairs = evidence.pairs(np.repeat(rows, len(cols)).tolist(), np.tile(cols, len(rows)).tolist())
    assert table.shape == (len(rows), len(cols))
    assert np.array_equal(table.ravel(), pairs)
    assert len(set(pairs.tolist())) > 30  # the pairs differ: a table of one value proves nothing
