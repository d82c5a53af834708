"""Evidence that sentences say the same thing: similarity backends, z-scored per document and fused.

Raw scores of different backends are never mixed: a word-overlap Dice of 0.3 and a cosine of 0.8
mean different things, and what is high depends on the texts. Each backend's scores are turned into
z-scores against a background of sentence pairs drawn evenly across the two documents (almost all of
them unrelated), and the fused evidence is the mean of those z-scores, so a pair that is far above
chance on either signal can carry itself.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

import numpy as np
from numpy.typing import ArrayLike

from alignment import semantic
from alignment.arrays import sentence_texts, sorted_distinct
from alignment.embeddings_ahead import EmbeddingsAhead
from alignment.matching.progress import Steps
from alignment.matching.sides import Side
from alignment.model import Side as SideName
from alignment.similarity import Similarity

_SAMPLE = 64
"""Sentences per side in the background sample (64 x 64 pairs): stable figures, quick to score."""
_TRIM = 1.5
"""The top of the background left out, in pairs per sampled sentence: the sample holds about one
true pair per sentence (more in a short text), and they are not chance."""
_PRIOR_CELLS = 256
"""Weight of the typical background in pairs, so that a short text's few pairs cannot skew it."""
_MIN_STD = 0.02
"""A floor on the background's spread: a text of near-identical sentences must not make every
small difference look like strong evidence."""
_ROUNDING = 1e-6
"""Slack on an upper bound for rounding (a cosine computed as 1 + 1e-7): it must never cut a group."""
_EMBED_CHUNK = 4096
"""Sentences embedded per call between cancel polls."""
_PAIR_CHUNK = 1024
"""Pairs whose embeddings are gathered at a time: the gathered rows stay in the cache (the DP's 29k
pairs of the dev Bible gathered at once took 20-140 ms, touching 60 MB of new pages; 3 ms so)."""
_CENTRE_PRIOR = 32
"""Sentences the common direction of the texts' embeddings needs before it is taken in full: in a
short text it is mostly the topic itself, which the pairs should keep."""


Pairing = tuple[Sequence[int], Sequence[int]]
"""Source sentences with target sentences, both sides non-empty."""


class Backend(Protocol):
    """One similarity signal over sentences of the two documents; higher means more alike."""

    prior: tuple[float, float]
    """Typical mean and spread of the signal on unrelated sentence pairs."""

    def prepare(self, source: Iterable[int], target: Iterable[int]) -> None:
        """Get ready to score these sentences (a lazy backend computes what they need here)."""

    def pairs(self, source: Sequence[int], target: Sequence[int]) -> np.ndarray:
        """Scores of source[k] with target[k] for every k."""

    def table(self, source: Sequence[int], target: Sequence[int]) -> np.ndarray:
        """Scores of every source sentence (rows) with every target sentence, as pairs() gives them."""

    def group(self, source: Sequence[int], target: Sequence[int]) -> float:
        """Score of a group of source sentences with a group of target sentences."""

    def groups(self, source: np.ndarray, target: np.ndarray) -> np.ndarray:
        """Scores of the groups source[k] (a row of sentence indices) with target[k] for every k."""

    def each_group(self, groups: Sequence[Pairing]) -> np.ndarray:
        """group() of each group, groups of any sizes, to the bit (the scores people see)."""

    def each_group_later(self, groups: Sequence[Pairing]) -> Callable[[], np.ndarray]:
        """each_group() of these groups, begun now (elsewhere, meanwhile, if the backend can): the
        callable gives it, holding no more of the backend than that needs."""


class Lexical:
    """Rarity-weighted overlap of content stems (weighted Dice), the signal of light edits."""

    prior = (0.02, 0.05)

    def __init__(self, source: Side, target: Side) -> None:
        self.similarity = Similarity(source.stems, target.stems, (source.stem_numbers, target.stem_numbers))

    def prepare(self, source: Iterable[int], target: Iterable[int]) -> None:
        """Nothing to do: every sentence's bag is built up front."""

    def pairs(self, source: Sequence[int], target: Sequence[int]) -> np.ndarray:
        """Weighted Dice of source[k] with target[k] for every k."""
        return self.similarity.pairs(source, target)

    def table(self, source: Sequence[int], target: Sequence[int]) -> np.ndarray:
        """Weighted Dice of every source sentence with every target sentence."""
        flat = self.similarity.pairs(
            np.repeat(source, len(target)).tolist(), np.tile(target, len(source)).tolist()
        )
        return flat.reshape(len(source), len(target))

    def group(self, source: Sequence[int], target: Sequence[int]) -> float:
        """Weighted Dice of the two groups' joined bags."""
        return self.similarity.group(source, target)

    def groups(self, source: np.ndarray, target: np.ndarray) -> np.ndarray:
        """Weighted Dice of each pair of groups' joined bags."""
        return self.similarity.groups(source, target)

    def each_group(self, groups: Sequence[Pairing]) -> np.ndarray:
        """group() of each group, in one vectorised call (float64, as group() gives)."""
        return self.similarity.groups([si for si, _ in groups], [ti for _, ti in groups])

    def each_group_later(self, groups: Sequence[Pairing]) -> Callable[[], np.ndarray]:
        """each_group(), worked out now: the bags can be freed."""
        done = self.each_group(groups)
        return lambda: done


Embedder = Callable[[Sequence[str]], np.ndarray]


class Meaning:
    """Cosine of sentence embeddings, the signal of rewording; sentences are embedded when needed."""

    prior = (0.0, 0.11)

    def __init__(
        self, source: Side, target: Side, steps: Steps, embed: Embedder | None = None,
        ahead: EmbeddingsAhead | None = None,
    ) -> None:  # fmt: skip
        """``ahead``, when given, is embedding every sentence of both sides: it is asked for the rows
        wanted here, and for the pairs' scores."""
        self._sides: dict[SideName, Side] = {"source": source, "target": target}
        self._embed, self._steps, self._ahead = embed or semantic.Encoder().embed, steps, ahead
        self._slot = {name: np.full(len(side), -1, dtype=np.int64) for name, side in self._sides.items()}
        self._rows: dict[SideName, np.ndarray] = {name: np.zeros((0, 0), np.float32) for name in self._sides}
        self._used: dict[SideName, int] = dict.fromkeys(self._sides, 0)
        # A group's meaning is its sentences' meanings weighted by their length in words.
        self._weight = {name: _weights(side) for name, side in self._sides.items()}
        # Every embedding shares a common direction (the language, the genre) that makes unrelated
        # sentences look alike; taking out the texts' mean direction separates pairs from chance.
        spread = {name: _spread(len(side)) for name, side in self._sides.items()}
        sample = self._embed([t for name, idx in spread.items() for t in self._texts(name, idx)])
        rows = sample[np.linalg.norm(sample, axis=1) > 0]
        self._centre = rows.sum(axis=0) / (len(rows) + _CENTRE_PRIOR) if len(rows) else 0.0
        # The sample is the background's (Evidence): kept, it is not embedded again.
        self._store("source", spread["source"], centred(sample[: len(spread["source"])], self._centre))
        self._store("target", spread["target"], centred(sample[len(spread["source"]) :], self._centre))

    def prepare(self, source: Iterable[int], target: Iterable[int]) -> None:
        """Embed the sentences not embedded yet (the worker's, in one request, if there is one), in
        chunks between cancel polls."""
        todo: dict[SideName, np.ndarray] = {}
        for name, idx in (("source", source), ("target", target)):
            wanted = np.fromiter(idx, dtype=np.int64)
            if len(wanted := sorted_distinct(wanted[self._slot[name][wanted] < 0])):
                todo[name] = wanted
        rows = None if self._ahead is None or not todo else self._ahead.rows(todo, self._steps.poll)
        for name, wanted in todo.items():
            if rows is not None:
                self._store(name, wanted, centred(rows[name], self._centre))
                continue
            for k in range(0, len(wanted), _EMBED_CHUNK):
                self._steps.poll()
                part = wanted[k : k + _EMBED_CHUNK]
                self._store(name, part, centred(self._embed(self._texts(name, part)), self._centre))

    def _store(self, name: SideName, idx: np.ndarray, rows: np.ndarray) -> None:
        """Keep the rows of these sentences (not kept yet), written in place, not gathered first."""
        if not len(idx):
            return
        used, kept = self._used[name], self._rows[name]
        if used + len(idx) > len(kept):  # grow by doubling (many small steps stay linear), to the side's size
            size = min(max(2 * len(kept), used + len(idx)), len(self._slot[name]))
            grown = np.zeros((size, rows.shape[1]), np.float32)
            if used:
                grown[:used] = kept[:used]
            self._rows[name] = kept = grown
        kept[used : used + len(idx)] = rows
        self._slot[name][idx] = np.arange(used, used + len(idx))
        self._used[name] = used + len(idx)

    def pairs(self, source: Sequence[int], target: Sequence[int]) -> np.ndarray:
        """Cosines of source[k] with target[k] for every k."""
        if not len(source):
            return np.zeros(0)
        self.prepare(source, target)
        rows_a, rows_b = self._rows["source"], self._rows["target"]
        at_a, at_b = self._slot["source"][np.asarray(source)], self._slot["target"][np.asarray(target)]
        out = np.empty(len(at_a))
        for k in range(0, len(at_a), _PAIR_CHUNK):
            chunk = slice(k, k + _PAIR_CHUNK)
            out[chunk] = np.einsum("ij,ij->i", rows_a[at_a[chunk]], rows_b[at_b[chunk]])
        return out

    def table(self, source: Sequence[int], target: Sequence[int]) -> np.ndarray:
        """Cosines of every source sentence with every target sentence: the rows are gathered once,
        not once per pair, and einsum's products and sums are those of pairs(), to the bit."""
        self.prepare(source, target)
        a = self._rows["source"][self._slot["source"][np.asarray(source, np.int64)]]
        b = self._rows["target"][self._slot["target"][np.asarray(target, np.int64)]]
        return np.einsum("ik,jk->ij", a, b).astype(np.float64)

    def group(self, source: Sequence[int], target: Sequence[int]) -> float:
        """Cosine of the two groups' length-weighted mean embeddings."""
        src_slot, tgt_slot = self._slot["source"], self._slot["target"]
        if any(src_slot[i] < 0 for i in source) or any(tgt_slot[j] < 0 for j in target):
            self.prepare(source, target)
        a, b = self._means("source", [source])[0], self._means("target", [target])[0]
        na, nb = math.sqrt(float(a @ a)), math.sqrt(float(b @ b))
        return float(a @ b) / (na * nb) if na and nb else 0.0

    def groups(self, source: np.ndarray, target: np.ndarray) -> np.ndarray:
        """Cosines of each pair of groups' length-weighted mean embeddings."""
        if not len(source):
            return np.zeros(0)
        if (self._slot["source"][source] < 0).any() or (self._slot["target"][target] < 0).any():
            self.prepare(source.ravel().tolist(), target.ravel().tolist())
        a, b = self._means("source", source), self._means("target", target)
        dot = np.einsum("ij,ij->i", a, b).astype(np.float64)
        norms = np.sqrt(np.einsum("ij,ij->i", a, a).astype(np.float64)) * np.sqrt(
            np.einsum("ij,ij->i", b, b).astype(np.float64)
        )
        return np.divide(dot, norms, out=np.zeros_like(dot), where=norms > 0)

    def each_group(self, groups: Sequence[Pairing]) -> np.ndarray:
        """group() of each group, to the bit."""
        return self.each_group_later(groups)()

    def each_group_later(self, groups: Sequence[Pairing]) -> Callable[[], np.ndarray]:
        """each_group() of these groups: by the worker meanwhile when there is one (it holds every
        sentence; here only the rows asked for are kept), else worked out now (the rows can be freed)."""
        if self._ahead is None:
            done = self._cosines(groups)
            return lambda: done
        answer = self._ahead.cosines(groups, self._centre, self._weight)
        return lambda: out if (out := answer(self._steps.poll)) is not None else self._cosines(groups)

    def _cosines(self, groups: Sequence[Pairing]) -> np.ndarray:
        """each_group() worked out here."""
        self.prepare((i for si, _ in groups for i in si), (j for _, ti in groups for j in ti))
        source = self._means("source", [si for si, _ in groups])
        return group_cosines(source, self._means("target", [ti for _, ti in groups]))

    def _means(self, name: SideName, groups: Sequence[Sequence[int]] | np.ndarray) -> np.ndarray:
        """Each group's sentences' embeddings weighted by length and summed, a row each."""
        return weighted_means(self._rows[name], self._slot[name], self._weight[name], groups)

    def _texts(self, name: SideName, idx: np.ndarray) -> list[str]:
        """The texts of these sentences of one side."""
        side = self._sides[name]
        return sentence_texts(side.text, side.spans[idx])


def centred(rows: np.ndarray, centre: np.ndarray | float) -> np.ndarray:
    """Unit rows less the common direction, unit again, in place; a text without known words stays zero."""
    unknown = np.linalg.norm(rows, axis=1) == 0
    np.subtract(rows, centre, out=rows)
    rows[unknown] = 0.0
    norms = np.linalg.norm(rows, axis=1, keepdims=True)
    np.divide(rows, norms, out=rows, where=norms > 0)
    return rows


def weighted_means(
    rows: np.ndarray, slot: np.ndarray, weight: np.ndarray, groups: Sequence[Sequence[int]] | np.ndarray
) -> np.ndarray:
    """Each group's sentences' embeddings (``rows[slot[i]]``) weighted by ``weight[i]`` and summed, a
    row each (a sentence alone: its own): the groups of one size (each row of an array) in one stacked
    matmul, which gives the bits of a vector @ matrix product per group."""
    if isinstance(groups, np.ndarray):
        batches: list[tuple[np.ndarray, Any]] = [(groups, slice(None))]
    else:
        by_size: defaultdict[int, list[int]] = defaultdict(list)
        for k, g in enumerate(groups):
            by_size[len(g)].append(k)
        batches = [(np.array([groups[k] for k in at]), at) for at in by_size.values()]
    out = np.empty((len(groups), rows.shape[1]), np.float32)
    for idx, at in batches:
        if idx.shape[1] == 1:
            out[at] = rows[slot[idx[:, 0]]]
        else:
            out[at] = np.matmul(weight[idx][:, None, :], rows[slot[idx]])[:, 0]
    return out


def group_cosines(source: np.ndarray, target: np.ndarray) -> np.ndarray:
    """The cosine of each source row with its target row, to the bits of Meaning.group()'s a @ b
    products, in one stacked matmul."""
    a, b = source[:, None, :], target[:, :, None]
    dot = np.matmul(a, b)[:, 0, 0].astype(np.float64)
    na = np.sqrt(np.matmul(a, a.transpose(0, 2, 1))[:, 0, 0].astype(np.float64))
    nb = np.sqrt(np.matmul(b.transpose(0, 2, 1), b)[:, 0, 0].astype(np.float64))
    return np.divide(dot, na * nb, out=np.zeros(len(dot)), where=(na > 0) & (nb > 0))


@dataclass(frozen=True, slots=True)
class _Background:
    """Mean and spread of one backend's scores on the document pair's background."""

    mean: float
    std: float


class Evidence:
    """Fused evidence in z units (0 = as alike as two sentences drawn at random from these texts)."""

    def __init__(self, backends: Sequence[Backend], n: int, m: int) -> None:
        self.backends = tuple(backends)
        self.lexical = next(b for b in self.backends if isinstance(b, Lexical))
        rows, cols = _spread(n), _spread(m)
        src = np.repeat(rows, len(cols)).tolist()
        tgt = np.tile(cols, len(rows)).tolist()
        self._background = [_background(b, src, tgt) for b in self.backends]
        # What identical sentences would score: no group can do better.
        self.identical = self._fuse([np.ones(1) for _ in self.backends])[0]

    def prepare(self, source: Iterable[int], target: Iterable[int]) -> None:
        """Let every backend get ready for these sentences at once (one batch, not many)."""
        source, target = list(source), list(target)
        for b in self.backends:
            b.prepare(source, target)

    def pairs(self, source: Sequence[int], target: Sequence[int]) -> np.ndarray:
        """Fused z of source[k] with target[k] for every k."""
        return self.pairs_with_overlap(source, target)[0]

    def table(self, source: Sequence[int], target: Sequence[int]) -> np.ndarray:
        """Fused z of every source sentence (rows) with every target sentence, as pairs() gives them."""
        if not len(source) or not len(target):
            return np.zeros((len(source), len(target)))
        return self._fuse([b.table(source, target) for b in self.backends])

    def pairs_with_overlap(
        self, source: Sequence[int], target: Sequence[int]
    ) -> tuple[np.ndarray, np.ndarray]:
        """Fused z of source[k] with target[k] for every k, and their word overlap (scored once)."""
        if not len(source):
            return np.zeros(0), np.zeros(0)
        raw = [b.pairs(source, target) for b in self.backends]
        return self._fuse(raw), raw[self.backends.index(self.lexical)]

    def group(self, source: Sequence[int], target: Sequence[int]) -> float:
        """Fused z of a group of source sentences with a group of target sentences."""
        z = [
            (b.group(source, target) - bg.mean) / bg.std
            for b, bg in zip(self.backends, self._background, strict=True)
        ]
        return sum(z) / len(z)

    def groups(self, source: np.ndarray, target: np.ndarray) -> np.ndarray:
        """Fused z of the groups source[k] (a row of sentence indices) with target[k] for every k."""
        return self._fuse([b.groups(source, target) for b in self.backends])

    @property
    def lexical_only(self) -> bool:
        """Whether the fused z is word overlap's alone."""
        return self.backends == (self.lexical,)

    @staticmethod
    def shared(overlap: ArrayLike, pair_mass: ArrayLike) -> Any:
        """The weighted stems sentence pairs have in common, from their word overlap and words.

        Word overlap is 2 * shared / words, and shared is a whole number: rounding it takes out the
        error of overlaps given as float32 (enough, far above chance, to put a bound below a group)."""
        return np.rint(np.asarray(overlap, np.float64) * np.asarray(pair_mass) / 2)

    def bound(self, shared: ArrayLike, mass: ArrayLike) -> Any:
        """An upper bound on the fused z of groups whose sentences share ``shared`` stems pair by
        pair (two groups share at most that) and hold ``mass`` words; no other signal scores more
        than identical sentences do (1)."""
        z = [
            ((2 * np.asarray(shared) / mass if b is self.lexical else 1.0) - bg.mean) / bg.std
            for b, bg in zip(self.backends, self._background, strict=True)
        ]
        return sum(z[1:], z[0]) / len(z) + _ROUNDING

    def scores(self, groups: Sequence[Pairing]) -> np.ndarray:
        """How alike each group's two sides are on a 0..1 scale: each signal's place between chance
        (0) and identical sentences (1) in these texts, averaged over the signals; one batch each."""
        return self.scores_later(groups)()

    def scores_later(self, groups: Sequence[Pairing]) -> Callable[[], np.ndarray]:
        """scores() of these groups, begun now (a worker may score them meanwhile): the callable gives
        them."""
        later = [b.each_group_later(groups) for b in self.backends] if groups else []
        background = self._background  # not self: the evidence can be freed

        def scores() -> np.ndarray:
            """The scores, once every signal has given its own."""
            if not groups:
                return np.zeros(0)
            shares = [
                np.clip((signal() - bg.mean) / (1.0 - bg.mean), 0.0, 1.0)
                for signal, bg in zip(later, background, strict=True)
            ]
            return sum(shares[1:], shares[0]) / len(shares)

        return scores

    def _fuse(self, raw: Sequence[np.ndarray]) -> np.ndarray:
        z = [(r - bg.mean) / bg.std for r, bg in zip(raw, self._background, strict=True)]
        return sum(z[1:], z[0]) / len(z)


def _weights(side: Side) -> np.ndarray:
    """Each sentence's weight in a group's meaning: its length in words, at least 1."""
    ranges = np.array(side.ranges, np.int64).reshape(-1, 2)
    return np.maximum(ranges[:, 1] - ranges[:, 0], 1).astype(np.float32)


def _spread(n: int) -> np.ndarray:
    """Up to _SAMPLE sentence indices spread evenly over n sentences."""
    return sorted_distinct(np.linspace(0, n - 1, min(n, _SAMPLE)).round().astype(np.int64))



def _background(backend: Backend, source: list[int], target: list[int]) -> _Background:
    """The backend's background, shrunk towards its prior when the texts give few pairs."""
    backend.prepare(source, target)
    scores = np.sort(backend.pairs(source, target))
    scores = scores[: len(scores) - int(_TRIM * min(len(set(source)), len(set(target))))]
    count = len(scores)
    mean0, std0 = backend.prior
    mean_s = float(scores.mean()) if count else mean0
    var_s = float(scores.var()) if count else std0**2
    mean = (_PRIOR_CELLS * mean0 + count * mean_s) / (_PRIOR_CELLS + count)
    var = (_PRIOR_CELLS * (std0**2 + (mean0 - mean) ** 2) + count * (var_s + (mean_s - mean) ** 2)) / (
        _PRIOR_CELLS + count
    )
    return _Background(mean, max(var**0.5, _MIN_STD))
