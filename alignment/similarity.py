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


_KEYS = 0x110000
"""More than any character's code: group · _KEYS + character is a key of its own."""
_CODES = 0x110000 - 0x100 - 0x800
"""How many distinct characters _code gives: all of Unicode above Latin-1, less the surrogates."""
_PRIVATE: dict[Side, int] = {"source": 0, "target": 1}
"""One code per side for every stem the other side lacks: it weighs in its sentence, never matches."""
_FIRST_SHARED = ord(_code(2))
"""The first character of a stem both sides hold (those before are the private codes)."""


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
        self._long_bags: dict[Side, set[int]] = {
            side: {i for i, bag in enumerate(bags) if len(bag) > _LONG_BAG}
            for side, bags in self._bags.items()
        }
        self._runs: dict[Side, tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]] = {}

    def masses(self, side: Side) -> list[int]:
        """The weighted size of every sentence on one side."""
        return self._masses[side]

    def group(self, source: Sequence[int], target: Sequence[int]) -> float:
        """Similarity of a group of source sentences with a group of target sentences."""
        if self._long("source", source) or self._long("target", target):
            return float(self.groups([source], [target])[0])
        return Indel.normalized_similarity(self._joined("source", source), self._joined("target", target))

    def pairs(self, source: Sequence[int], target: Sequence[int]) -> np.ndarray:
        """Similarities of source[k] with target[k] for every k, in one vectorised call."""
        if not len(source):
            return np.zeros(0)
        sb, tb = self._bags["source"], self._bags["target"]
        long_s, long_t = self._long_bags["source"], self._long_bags["target"]
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

    def shared_stems(self, side: Side) -> tuple[np.ndarray, np.ndarray]:
        """Each sentence's distinct stems that the other side holds too, as numbers: (sentence, stem)
        arrays in sentence order (past 1.1 M shared stems, numbers are reused as their codes are)."""
        starts, codes, _, _ = self._runs_of(side)
        sentence = np.repeat(np.arange(len(starts) - 1, dtype=np.int32), np.diff(starts))
        shared = codes >= _FIRST_SHARED
        return sentence[shared], codes[shared]

    def _long(self, side: Side, idx: Sequence[int]) -> bool:
        """Whether a group holds a long bag."""
        long = self._long_bags[side]
        return bool(long) and any(i in long for i in idx)

    def groups(self, source: Sequence[Sequence[int]], target: Sequence[Sequence[int]]) -> np.ndarray:
        """Similarities of the groups source[k] with target[k] for every k, as group() scores them, to
        the bit: from the counts of the stems' characters in each group, a few numpy calls a batch
        (the Indel similarity of two sorted strings is 2 · common / total)."""
        if not len(source):
            return np.zeros(0)
        src_keys, src_counts, src_total = self._group_counts("source", source)
        tgt_keys, tgt_counts, tgt_total = self._group_counts("target", target)
        # Both sides' keys are in order (and every group holds one): they meet by bisection.
        at = np.minimum(np.searchsorted(tgt_keys, src_keys), len(tgt_keys) - 1)
        both = tgt_keys[at] == src_keys
        common = np.bincount(
            src_keys[both] // _KEYS,
            weights=np.minimum(src_counts[both], tgt_counts[at[both]]),
            minlength=len(source),
        )
        total = src_total + tgt_total
        return 1.0 - (total - 2 * common) / total

    def _group_counts(
        self, side: Side, groups: Sequence[Sequence[int]]
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Each group's characters as distinct keys (group · _KEYS + character) in order, with their
        counts, and each group's length."""
        if isinstance(groups, np.ndarray) and groups.ndim == 2:
            owner = np.repeat(np.arange(len(groups)), groups.shape[1])
            idx = groups.ravel()
        else:
            owner = np.repeat(np.arange(len(groups)), np.fromiter(map(len, groups), np.int64, len(groups)))
            idx = np.fromiter(itertools.chain.from_iterable(groups), np.int64, len(owner))
        starts, codes, counts, masses = self._runs_of(side)
        lo = starts[idx]
        lengths = starts[idx + 1] - lo
        at = np.repeat(lo - np.cumsum(lengths) + lengths, lengths) + np.arange(int(lengths.sum()))
        keys, n = np.repeat(owner, lengths) * _KEYS + codes[at], counts[at]  # in order: bags are sorted
        if len(idx) > len(groups):  # a group of several sentences counts each character once
            keys, inverse = np.unique(keys, return_inverse=True)
            n = np.bincount(inverse, weights=n)
        total = np.bincount(owner, weights=masses[idx], minlength=len(groups))
        return keys, n, total

    def _runs_of(self, side: Side) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """The runs of one character in each bag, in bag order: where each bag's runs start (one more
        at the end), each run's character and length; and each bag's length. Made when first needed."""
        if side not in self._runs:
            chars = np.frombuffer("".join(self._bags[side]).encode("utf-32-le"), np.uint32)
            bag_starts = np.zeros(len(self._bags[side]) + 1, np.int64)
            np.cumsum(self._masses[side], out=bag_starts[1:])
            new = np.ones(len(chars), bool)
            new[1:] = chars[1:] != chars[:-1]
            new[bag_starts[:-1]] = True  # every bag (never empty) starts a run
            at = np.flatnonzero(new)
            lengths = np.diff(at, append=len(chars))
            masses = np.asarray(self._masses[side], np.int64)
            self._runs[side] = (np.searchsorted(at, bag_starts), chars[at].astype(np.int64), lengths, masses)
        return self._runs[side]

    def _count_long(
        self, scores: np.ndarray, source: Sequence[Sequence[int]], target: Sequence[Sequence[int]]
    ) -> np.ndarray:
        """The scores, those of pairs holding a long bag (left out of the batch) filled in by counting."""
        at = [
            k
            for k, (s, t) in enumerate(zip(source, target, strict=True))
            if self._long("source", s) or self._long("target", t)
        ]
        scores[at] = self.groups([source[k] for k in at], [target[k] for k in at])
        return scores

    def _joined(self, side: Side, idx: Sequence[int]) -> str:
        bags = self._bags[side]
        if len(idx) == 1:
            return bags[idx[0]]
        return "".join(sorted("".join(bags[i] for i in idx)))
