"""Moved text: a pair far apart is earned by strong evidence that no other candidate shares."""

from collections.abc import Sequence
from pathlib import Path

import numpy as np

from alignment import align, load_document
from alignment.matching.moves import pair_moves
from alignment.matching.progress import Steps

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


def test_a_move_must_clearly_beat_every_other_candidate_of_both_sentences() -> None:
    # Target 1 resembles source 0 and source 1 almost equally: which of them moved is a guess.
    assert _moves({(0, 1): 6.0, (1, 1): 5.5}) == []
    assert _moves({(0, 1): 6.0, (1, 1): 4.8}) == [((0,), (1,))]
    # The same holds from the source's side.
    assert _moves({(0, 0): 5.5, (0, 1): 6.0}) == []
    assert _moves({(0, 0): 4.8, (0, 1): 6.0}) == [((0,), (1,))]


def test_unrelated_texts_show_no_moved_pairs(data_dir: Path) -> None:
    # A news article and the Book of Ruth: both have short lines with "said" in them.
    news, ruth = load_document(data_dir / "seed.src.txt"), load_document(data_dir / "ruth.tgt.txt")
    for source, target in ((news, ruth), (ruth, news)):
        assert not any(p.moved for p in align(source, target).pairs)
