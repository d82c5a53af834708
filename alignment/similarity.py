"""Similarity of sentence groups: content stems weighted by rarity, scored by rapidfuzz."""

from __future__ import annotations

import itertools
import math
from collections import defaultdict
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


def _codes(n: np.ndarray) -> np.ndarray:
    """A distinct character (its code point) for each vocabulary entry n, skipping the surrogate range."""
    n = n + 0x100
    return np.where(n < 0xD800, n, n + 0x800)


_BAG_BLOCK = 1 << 16
"""Sentences whose bags are built per step: a step's arrays (tens of bytes per stem) stay small."""
_KEYS = 0x110000
"""More than any character's code: group · _KEYS + character is a key of its own."""
_CODES = 0x110000 - 0x100 - 0x800
"""How many distinct characters _codes gives: all of Unicode above Latin-1, less the surrogates."""
_PRIVATE: dict[Side, int] = {"source": 0, "target": 1}
"""One code per side for every stem the other side lacks: it weighs in its sentence, never matches."""
_FIRST_SHARED = int(_codes(np.array([2]))[0])
"""The first character of a stem both sides hold (those before are the private codes)."""


def _bags(
    ids: np.ndarray, sizes: np.ndarray, code: np.ndarray, weight: np.ndarray, private: int
) -> tuple[list[str], np.ndarray]:
    """The bags of some sentences (their stems' numbers, ``sizes`` a sentence) as strings and as one
    array of their characters: each stem's character repeated by its weight, in order of character;
    a sentence without stems gets its side's private character (it matches nothing)."""
    empty = np.flatnonzero(sizes == 0)
    owner = np.concatenate((np.repeat(np.arange(len(sizes), dtype=np.int64), sizes), empty))
    chars = np.concatenate((code[ids], _codes(np.full(len(empty), private))))
    times = np.concatenate((weight[ids], np.ones(len(empty), weight.dtype)))
    order = np.argsort(owner * _KEYS + chars)
    out = np.repeat(chars[order].astype(np.uint32), times[order])
    ends = np.cumsum(np.bincount(owner, weights=times, minlength=len(sizes)).astype(np.int64)).tolist()
    text = out.tobytes().decode("utf-32-le")
    return list(map(text.__getitem__, map(slice, [0, *ends[:-1]], ends))), out


StemNumbers = tuple[list[str], np.ndarray, np.ndarray]
"""One side's stems as numbers: strings (one may repeat), the number of each sentence's stems among
them, sentence after sentence, and how many stems each sentence has."""


def _numbered(docs: Sequence[Sequence[str]]) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """The number of every stem of these sentences (one per distinct stem), how many each sentence
    has, and the distinct stems by number."""
    index: defaultdict[str, int] = defaultdict()
    index.default_factory = index.__len__
    sizes = np.fromiter(map(len, docs), np.int64, len(docs))
    ids = np.fromiter(map(index.__getitem__, itertools.chain.from_iterable(docs)), np.int32, int(sizes.sum()))
    return ids, sizes, list(index)


def _joined(sides: tuple[StemNumbers, StemNumbers]) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """_numbered() of both sides' sentences from their own numbers: only their strings are looked up
    (a stem none of the sentences holds gets a number too, which nothing counts)."""
    index: dict[str, int] = {}
    ids = []
    for strings, numbers, _ in sides:
        own = np.fromiter((index.setdefault(s, len(index)) for s in strings), np.int32, len(strings))
        ids.append(own[numbers])
    return np.concatenate(ids), np.concatenate([sizes for _, _, sizes in sides]), list(index)


class Similarity:
    """Scores how much two groups of sentences say the same thing, in [0, 1].

    Each sentence becomes a sorted string of one character per content stem, repeated by the stem's
    weight (rarer stems weigh more). The Indel similarity of two sorted strings is exactly the
    weighted Dice overlap of the two bags of stems, so rapidfuzz scores whole bands in one C++ call.
    """

    def __init__(
        self,
        source: Sequence[Sequence[str]],
        target: Sequence[Sequence[str]],
        numbers: tuple[StemNumbers, StemNumbers] | None = None,
    ) -> None:
        """``numbers``, when given, are the same stems already numbered a side at a time."""
        n = len(source) + len(target)
        top = math.log((n + 1) / 2) or 1.0
        # Each distinct stem numbered once; what follows is numpy over the numbers of every stem.
        ids, sizes, stems = _numbered([*source, *target]) if numbers is None else _joined(numbers)
        held_by = np.repeat(np.arange(n, dtype=np.int64) * len(stems), sizes) + ids
        held_by.sort()  # sorted, not np.unique: its hash table took seconds
        df = np.bincount(
            held_by[np.diff(held_by, prepend=-1) != 0] % max(len(stems), 1), minlength=len(stems)
        )
        del held_by
        # A stem's weight follows from how many sentences hold it: worked out once per count.
        counts, of_stem = np.unique(df, return_inverse=True)
        weights = np.array(
            [
                1 + min(_MAX_WEIGHT - 1, round((_MAX_WEIGHT - 1) * math.log((n + 1) / (c + 1)) / top))
                for c in counts.tolist()
            ],
            np.int32,
        )[of_stem.reshape(-1)]
        ends = np.cumsum(sizes)
        first_target = int(ends[len(source) - 1]) if len(source) else 0
        held = [
            np.bincount(part, minlength=len(stems)) > 0 for part in (ids[:first_target], ids[first_target:])
        ]
        # Only stems both sides hold need a character of their own, so the vocabulary never runs out of
        # Unicode for one-sided stems (a book of numbers); past 1.1 M shared stems, codes are reused.
        shared = sorted(np.flatnonzero(held[0] & held[1]).tolist(), key=stems.__getitem__)
        self._bags: dict[Side, list[str]] = {}
        self._chars: dict[Side, np.ndarray] = {}
        for side, lo, hi in (("source", 0, len(source)), ("target", len(source), n)):
            number = np.full(len(stems), _PRIVATE[side], np.int32)
            number[shared] = 2 + np.arange(len(shared)) % (_CODES - 2)
            code = _codes(number)
            bags: list[str] = []
            chars = []
            for k in range(lo, hi, _BAG_BLOCK):
                last = min(k + _BAG_BLOCK, hi)
                at = slice(int(ends[k] - sizes[k]), int(ends[last - 1]))
                block = _bags(ids[at], sizes[k:last], code, weights, _PRIVATE[side])
                bags += block[0]
                chars.append(block[1])
            self._bags[side] = bags
            self._chars[side] = np.concatenate(chars) if chars else np.zeros(0, np.uint32)
        self._masses: dict[Side, list[int]] = {
            side: list(map(len, bags)) for side, bags in self._bags.items()
        }
        self._long_bags: dict[Side, set[int]] = {
            side: {i for i, mass in enumerate(masses) if mass > _LONG_BAG}
            for side, masses in self._masses.items()
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
            chars = self._chars.pop(side)  # only the runs are kept
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
