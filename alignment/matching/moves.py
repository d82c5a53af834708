"""Moved text: sentences left unmatched in place that match each other elsewhere, also reworded."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

import numpy as np

from alignment.matching.gains import Gains, Group
from alignment.matching.progress import POLL_EVERY, Poll, Steps

Z_MOVE = 4.0
"""A pair far apart must be this far above chance (fused z): nothing in place vouches for it."""
MOVE_MARGIN = 1.0
"""It must also beat every other candidate of both its sentences by this much (fused z), so that a
sentence said several times ("A Song.") is not moved on a chance match."""
CEILING_SHARE = 0.5
"""In texts of near-identical sentences even identical ones are not far above chance: there a move
needs this share of an identical pair's z (and the margin a proportionate share)."""
MIN_STEMS = 3
"""Sentences with fewer distinct content stems are too generic to be recognised far away."""
_FANOUT = 50
"""Stems in more unmatched sentences than this are too common to suggest a move."""
_ALL_PAIRS = 1_000_000
"""Up to this many unmatched pairs, every one is scored; beyond it only those sharing a stem."""
_CHUNK = 100_000
"""Pairs scored per batch, between cancel polls."""
_MAX_GROUP = 3
"""A moved group takes in neighbours up to this many sentences a side."""


def pair_moves(
    gains: Gains,
    src_stems: Sequence[Sequence[str]],
    tgt_stems: Sequence[Sequence[str]],
    deleted: list[int],
    added: list[int],
    steps: Steps,
) -> list[Group]:
    """Moved groups among the unmatched sentences, best first.

    Each unmatched paraphrase sentence is paired with the unmatched original sentence it resembles
    most, when both are each other's clear best; a pair then takes in unmatched neighbours on either
    side while that pays (a moved sentence that was also split or merged).
    """
    free_src, free_tgt = set(deleted), set(added)
    deleted = [i for i in deleted if len(set(src_stems[i])) >= MIN_STEMS]
    added = [j for j in added if len(set(tgt_stems[j])) >= MIN_STEMS]
    if not deleted or not added:
        return []
    source, target, z = _scored(gains, src_stems, tgt_stems, deleted, added, steps.poll)
    least = min(Z_MOVE, CEILING_SHARE * gains.evidence.identical)
    margin = MOVE_MARGIN * least / Z_MOVE
    clear = (z >= least) & _clear(source, z, margin) & _clear(target, z, margin)
    source, target, z = source[clear], target[clear], z[clear]
    order = np.lexsort((target, source, -z))  # strongest first, then by sentence
    moved: list[Group] = []
    for i, j in zip(source[order].tolist(), target[order].tolist(), strict=True):
        if i in free_src and j in free_tgt:
            free_src.discard(i)
            free_tgt.discard(j)
            moved.append(_grow(gains, [i], [j], free_src, free_tgt))
    return moved


def _scored(
    gains: Gains,
    src_stems: Sequence[Sequence[str]],
    tgt_stems: Sequence[Sequence[str]],
    deleted: list[int],
    added: list[int],
    poll: Poll,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The candidate pairs (source and target sentences) and their fused z: every pair when few,
    scored as a table some rows at a time, else those sharing a stem, in chunks between polls."""
    if len(deleted) * len(added) <= _ALL_PAIRS:
        gains.evidence.prepare(deleted, added)
        rows = max(1, _CHUNK // len(added))
        parts = []
        for k in range(0, len(deleted), rows):
            poll()
            parts.append(gains.evidence.table(deleted[k : k + rows], added).ravel())
        source, target = np.repeat(deleted, len(added)), np.tile(added, len(deleted))
    else:
        src, tgt = _sharing(src_stems, tgt_stems, deleted, added, poll)
        gains.evidence.prepare(src, tgt)
        parts = []
        for k in range(0, len(src), _CHUNK):
            poll()
            parts.append(gains.evidence.pairs(src[k : k + _CHUNK], tgt[k : k + _CHUNK]))
        source, target = np.asarray(src, np.int64), np.asarray(tgt, np.int64)
    return source, target, np.concatenate(parts) if parts else np.zeros(0)


def _sharing(
    src_stems: Sequence[Sequence[str]],
    tgt_stems: Sequence[Sequence[str]],
    deleted: list[int],
    added: list[int],
    poll: Poll,
) -> tuple[list[int], list[int]]:
    """The pairs worth scoring among too many: those sharing a stem that is not too common."""
    holders: dict[str, list[int]] = defaultdict(list)
    for k, i in enumerate(deleted):
        if k % POLL_EVERY == 0:
            poll()
        for s in set(src_stems[i]):
            holders[s].append(i)
    found: set[tuple[int, int]] = set()
    for k, j in enumerate(added):
        if k % POLL_EVERY == 0:
            poll()
        near = (holders.get(s, []) for s in set(tgt_stems[j]))
        found.update((i, j) for held in near if len(held) <= _FANOUT for i in held)
    pairs = sorted(found)
    return [i for i, _ in pairs], [j for _, j in pairs]


def _clear(sentence: np.ndarray, z: np.ndarray, margin: float) -> np.ndarray:
    """Whether each candidate's score (``sentence[k]`` its sentence on one side) is the best of its
    sentence's candidates, ahead of the second best (-inf when there is none) by the margin."""
    if not len(z):
        return np.zeros(0, bool)  # no candidate at all: a book of one common sentence said over and over
    order = np.lexsort((z, sentence))  # each sentence's scores as a run, rising
    ranked, owner = z[order], sentence[order]
    first = np.ones(len(order), bool)
    first[1:] = owner[1:] != owner[:-1]
    last = np.flatnonzero(np.append(first[1:], True))  # the best of each run
    second = np.where(first[last], -np.inf, ranked[np.maximum(last - 1, 0)])
    run = np.cumsum(first) - 1
    out = np.empty(len(order), bool)
    out[order] = (ranked >= ranked[last][run]) & (ranked - second[run] >= margin)
    return out


def _grow(gains: Gains, src: list[int], tgt: list[int], free_src: set[int], free_tgt: set[int]) -> Group:
    """Extend a moved pair with free neighbouring sentences while each one raises its gain."""
    best = gains.of(src, tgt)
    while len(src) < _MAX_GROUP and len(tgt) < _MAX_GROUP:
        options = [
            (s, t, taken)
            for s, t, taken in (
                ([src[0] - 1, *src], tgt, ("source", src[0] - 1)),
                ([*src, src[-1] + 1], tgt, ("source", src[-1] + 1)),
                (src, [tgt[0] - 1, *tgt], ("target", tgt[0] - 1)),
                (src, [*tgt, tgt[-1] + 1], ("target", tgt[-1] + 1)),
            )
            if taken[1] in (free_src if taken[0] == "source" else free_tgt)
        ]
        scored = [(gains.of(s, t), s, t, taken) for s, t, taken in options]
        gain, s, t, (side, k) = max(scored, default=(best, src, tgt, ("", -1)), key=lambda x: x[0])
        if gain <= best:
            break
        best, src, tgt = gain, s, t
        (free_src if side == "source" else free_tgt).discard(k)
    return tuple(src), tuple(tgt)
