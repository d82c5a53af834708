"""Similarity of sentence groups: content stems weighted by rarity, scored by rapidfuzz."""

from __future__ import annotations

import itertools
import math
from collections import Counter
from collections.abc import Sequence

import numpy as np
from rapidfuzz.distance import Indel
from rapidfuzz.process import cpdist

from alignment.model import Side

_MAX_WEIGHT = 4
_LONG_BAG = 10_000
"""Bags longer than this (a "sentence" of thousands of words) are compared by counting their stems:
rapidfuzz's Indel is linear in the longer string on every call (0.2 s a pair for a million words),
and joining one into a group sorts it again."""


def _code(n: int) -> str:
    """A distinct character for vocabulary entry n, skipping the surrogate range."""
    n += 0x100
    return chr(n if n < 0xD800 else n + 0x800)


_CODES = 0x110000 - 0x100 - 0x800
"""How many distinct characters _code gives: all of Unicode above Latin-1, less the surrogates."""
_PRIVATE: dict[Side, int] = {"source": 0, "target": 1}
"""One code per side for every stem the other side lacks: it weighs in its sentence, never matches."""


class Similarity:
    """Scores how much two groups of sentences say the same thing, in [0, 1].

    Each sentence becomes a sorted string of one character per content stem, repeated by the stem's
    weight (rarer stems weigh more). The Indel similarity of two sorted strings is exactly the
    weighted Dice overlap of the two bags of stems, so rapidfuzz scores whole bands in one C++ call.
    """

    def __init__(self, source: Sequence[Sequence[str]], target: Sequence[Sequence[str]]) -> None:
        docs = [*source, *target]
        df = Counter(itertools.chain.from_iterable(map(set, docs)))
        n = len(docs)
        top = math.log((n + 1) / 2) or 1.0
        vocab = {
            side: set(itertools.chain.from_iterable(sents))
            for side, sents in (("source", source), ("target", target))
        }
        # Only stems both sides hold need a character of their own, so the vocabulary never runs out of
        # Unicode for one-sided stems (a book of numbers); past 1.1 M shared stems, codes are reused.
        shared = {
            stem: 2 + k % (_CODES - 2) for k, stem in enumerate(sorted(vocab["source"] & vocab["target"]))
        }
        self._bags: dict[Side, list[str]] = {"source": [], "target": []}
        for side, sents in (("source", source), ("target", target)):
            codes: dict[str, str] = {}
            for stem in vocab[side]:
                idf = math.log((n + 1) / (df[stem] + 1))
                weight = 1 + min(_MAX_WEIGHT - 1, round((_MAX_WEIGHT - 1) * idf / top))
                codes[stem] = _code(shared.get(stem, _PRIVATE[side])) * weight
            for stems in sents:
                # Each stem's code is one character repeated, so sorting codes sorts the characters.
                # A sentence without stems gets its side's private code: it matches nothing.
                bag = "".join(sorted(map(codes.__getitem__, stems))) or _code(_PRIVATE[side])
                self._bags[side].append(bag)
        self._masses: dict[Side, list[int]] = {
            side: list(map(len, bags)) for side, bags in self._bags.items()
        }
        self._counts: dict[Side, dict[int, Counter[str]]] = {
            side: {i: Counter(bag) for i, bag in enumerate(bags) if len(bag) > _LONG_BAG}
            for side, bags in self._bags.items()
        }

    def masses(self, side: Side) -> list[int]:
        """The weighted size of every sentence on one side."""
        return self._masses[side]

    def group(self, source: Sequence[int], target: Sequence[int]) -> float:
        """Similarity of a group of source sentences with a group of target sentences."""
        if self._long("source", source) or self._long("target", target):
            return _dice(self._counted("source", source), self._counted("target", target))
        return Indel.normalized_similarity(self._joined("source", source), self._joined("target", target))

    def pairs(self, source: Sequence[int], target: Sequence[int]) -> np.ndarray:
        """Similarities of source[k] with target[k] for every k, in one vectorised call."""
        if not len(source):
            return np.zeros(0)
        sb, tb = self._bags["source"], self._bags["target"]
        long_s, long_t = self._counts["source"], self._counts["target"]
        # Threads pay off on big batches only; starting them costs more than a small batch.
        workers = -1 if len(source) > 20_000 else 1
        scores = cpdist(
            [sb[i] for i in source] if not long_s else ["" if i in long_s else sb[i] for i in source],
            [tb[j] for j in target] if not long_t else ["" if j in long_t else tb[j] for j in target],
            scorer=Indel.normalized_similarity,
            workers=workers,
        )
        if long_s or long_t:
            self._count_long(scores, [(i,) for i in source], [(j,) for j in target])
        return scores

    def _long(self, side: Side, idx: Sequence[int]) -> bool:
        """Whether a group holds a long bag."""
        counts = self._counts[side]
        return bool(counts) and any(i in counts for i in idx)

    def _counted(self, side: Side, idx: Sequence[int]) -> Counter[str]:
        """A group's bag as counts of its characters."""
        total: Counter[str] = Counter()
        for i in idx:
            total.update(self._counts[side].get(i) or self._bags[side][i])
        return total

    def groups(
        self,
        source: Sequence[Sequence[int]],
        target: Sequence[Sequence[int]],
        joined: dict[tuple[Side, tuple[int, ...]], str] | None = None,
    ) -> np.ndarray:
        """Similarities of the groups source[k] with target[k] for every k (as group() scores them), in
        one vectorised call; ``joined`` keeps groups' bags from call to call."""
        if not len(source):
            return np.zeros(0)
        # Many groups share a side (one source group against each target group of a row): each
        # distinct group's bag is joined once.
        joined = {} if joined is None else joined
        for side, groups in (("source", source), ("target", target)):
            for g in map(tuple, groups):
                if (side, g) not in joined:
                    joined[side, g] = "" if self._long(side, g) else self._joined(side, g)
        scores = cpdist(
            [joined["source", tuple(s)] for s in source],
            [joined["target", tuple(t)] for t in target],
            scorer=Indel.normalized_similarity,
            dtype=np.float64,  # the very figures group() gives, not rounded to float32 as pairs() are
            workers=1,
        )
        return self._count_long(scores, source, target)

    def _count_long(
        self, scores: np.ndarray, source: Sequence[Sequence[int]], target: Sequence[Sequence[int]]
    ) -> np.ndarray:
        """The scores, those of groups holding a long bag (left out of the batch) filled in by counting."""
        if self._counts["source"] or self._counts["target"]:
            for k, (s, t) in enumerate(zip(source, target, strict=True)):
                if self._long("source", s) or self._long("target", t):
                    scores[k] = self.group(s, t)
        return scores

    def _joined(self, side: Side, idx: Sequence[int]) -> str:
        bags = self._bags[side]
        if len(idx) == 1:
            return bags[idx[0]]
        return "".join(sorted("".join(bags[i] for i in idx)))


def _dice(a: Counter[str], b: Counter[str]) -> float:
    """Indel.normalized_similarity of two sorted strings, from their counts: 2 · common / total."""
    total = a.total() + b.total()
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    common = sum(min(n, large[c]) for c, n in small.items())
    return 1.0 - (total - 2 * common) / total if total else 1.0
