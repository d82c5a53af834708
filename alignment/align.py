"""Sentence alignment: the stages of alignment/matching/ run in order over two documents."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterable, Sequence

import numpy as np

from alignment import collector, semantic
from alignment.embeddings_ahead import EmbeddingsAhead, embeddings_ahead
from alignment.matching import anchors as anchoring
from alignment.matching import classify, dp, gaps, moves
from alignment.matching import links as linking
from alignment.matching.gains import Gains, Group
from alignment.matching.progress import Poll, Steps
from alignment.matching.related import related
from alignment.matching.scoring import Evidence, Lexical, Meaning
from alignment.matching.sides import Side
from alignment.model import Alignment, Document, IsCancelled, Progress, Sentence
from alignment.model import Side as SideName
from alignment.segment import SplitMode, segment
from alignment.tokens import Lexicon, detect_language

Paired = Callable[[Sequence[Sentence], Sequence[Sentence], Sequence[Group]], None]
"""Told each side's sentences and every pair's sentence indices in order, once they are final."""
Split = Callable[[SideName, tuple[Sentence, ...]], None]
"""Told one side's sentences as soon as it is split (from any thread)."""


def align(
    source: Document,
    target: Document,
    *,
    split: SplitMode = "sentences",
    progress: Progress | None = None,
    cancelled: IsCancelled | None = None,
    links: Iterable[Group] = (),
    paired: Paired | None = None,
    on_split: Split | None = None,
    embed_ahead: bool = True,
) -> Alignment:
    """Pair every sentence of the paraphrase with its source sentences; deterministic.

    ``links`` are manual n:m links (source and target sentence indices) kept as pairs, with the rest
    aligned around them; a link with one side empty marks sentences that have no partner.
    ``cancelled`` is polled inside every stage and stops the work with Cancelled.  ``paired`` is told
    the pairs' sentences before their words are compared: all that the checks read, a second early;
    ``on_split``, each side's sentences once split (the checks' worker gathers on them meanwhile).
    ``embed_ahead`` lets a book's sentences be embedded by a worker process meanwhile (off when
    another worker has the second core: ``paralign check``'s).
    """
    with collector.paused(), _ahead(source.text, target.text, embed_ahead) as ahead:
        steps = Steps(progress, cancelled)
        return _align(source, target, split, tuple(links), steps, paired, ahead, on_split)


def _align(
    source: Document, target: Document, split: SplitMode, links: tuple[Group, ...], steps: Steps,
    paired: Paired | None = None, ahead: EmbeddingsAhead | None = None, on_split: Split | None = None,
) -> Alignment:
    """The stages of align(); ``ahead`` and ``on_split`` are told each side's sentences once split."""
    steps(0.0, "Splitting sentences")
    lexicon = Lexicon(detect_language([source.text, target.text]))
    told = [tell for tell in (ahead.sentences if ahead is not None else None, on_split) if tell is not None]
    # The target is split and read in a thread while this one does the source: most of that work is
    # numpy's, which lets the GIL go.
    other = _Beside(lambda: _side(target.text, split, lexicon, "target", told))
    src_sents = _split(source.text, split, "source", told)
    steps(0.1, "Reading words")
    src = Side(source.text, src_sents, lexicon)
    tgt = other.result(steps.poll)
    tgt_sents = tgt.sentences
    linked = linking.checked(links, len(src_sents), len(tgt_sents))
    steps(0.2, "Weighing words and meaning")
    lexical = Lexical(src, tgt)
    # One encoder for the sentences and the word grades, each word tokenised once: the worker's if any.
    embed = semantic.Encoder().embed
    if ahead is not None:
        embed = ahead.embedder(embed, steps.poll)
    evidence = Evidence([lexical, Meaning(src, tgt, steps, embed, ahead)], len(src), len(tgt))
    gains, quick = Gains(evidence), Gains(Evidence([lexical], len(src), len(tgt)))
    steps(0.25, "Finding anchors")
    taken = ({i for g in linked for i in g[0]}, {j for g in linked for j in g[1]})
    n, m = len(src), len(tgt)
    head, tail = anchoring.same_ends(src, tgt, taken, steps.poll)
    middle = (head, n - tail, head, m - tail)
    points = [
        (i, j)
        for i, j in anchoring.anchors(lexical.similarity, middle, steps.poll)
        if i not in taken[0] and j not in taken[1]
    ]
    ends = [(k, k) for k in range(head)], [(n - tail + k, m - tail + k) for k in range(tail)]
    fixed = [*ends[0], *anchoring.fixed(points, lexical.similarity, n, m, steps.poll), *ends[1]]
    points = [*ends[0], *points, *ends[1]]
    manual = linking.plan(linked, fixed)
    if ahead is not None:  # the pairing weighs the sentences between sure anchors
        ahead.prefer(_unanchored(fixed, n, m))
    sure = _sure(fixed, manual.chain)
    steps(0.3, "Aligning sentences")
    groups = dp.path(gains, quick, sure, len(src), len(tgt), points, taken, steps)
    steps(0.7, "Finding moved sentences")
    deleted = [g[0][0] for g in groups if not g[1] and g[0][0] not in taken[0]]
    added = [g[1][0] for g in groups if not g[0] and g[1][0] not in taken[1]]
    moved = moves.pair_moves(gains, src.stems, tgt.stems, deleted, added, steps)
    steps(0.8, "Filling gaps")
    if related(evidence, [g for g in [*groups, *moved] if g not in manual.chain], src, tgt, steps.poll):
        used = (taken[0] | {i for g in moved for i in g[0]}, taken[1] | {j for g in moved for j in g[1]})
        groups = gaps.fill_gaps(gains, groups, used, steps)
    else:
        groups, moved = _unmatched(groups, manual.chain, taken), []
    ordered = classify.in_order(groups, [*moved, *manual.others])
    if paired is not None:
        paired(src_sents, tgt_sents, ordered)
    crossing = [g for g in manual.others if g[0] and g[1]]
    scores = evidence.scores_later(classify.matched(ordered))  # a worker scores them while words are compared
    # The sentence embeddings (~60 MB on a Bible, unless a worker holds them) and the stem index are
    # not needed for the word changes: free them first.
    del evidence, gains, quick, lexical
    pairs = classify.pairs(
        ordered, {*moved, *crossing}, {*manual.chain, *manual.others},
        lambda: scores().tolist(),
        src, tgt, lexicon, embed, steps,
    )  # fmt: skip
    steps(1.0, "Done")
    return Alignment(source, target, src_sents, tgt_sents, pairs)


def _side(text: str, split: SplitMode, lexicon: Lexicon, name: SideName, told: Sequence[Split]) -> Side:
    """One text split (its sentences told to each of ``told``) and read."""
    return Side(text, _split(text, split, name, told), lexicon)


def _split(text: str, split: SplitMode, name: SideName, told: Sequence[Split]) -> tuple[Sentence, ...]:
    """One side's sentences, told to each of ``told``."""
    sentences = segment(text, split)
    for tell in told:
        tell(name, sentences)
    return sentences


def _ahead(
    source: str, target: str, wanted: bool
) -> contextlib.AbstractContextManager[EmbeddingsAhead | None]:
    """A worker embedding a book's sentences while it is aligned (if wanted), ended with the alignment;
    None for short texts."""
    ahead = embeddings_ahead(source, target) if wanted else None
    return ahead if ahead is not None else contextlib.nullcontext()


class _Beside:
    """A function run in a thread of its own, its result (or its exception) taken when wanted."""

    def __init__(self, work: Callable[[], Side]) -> None:
        self._work = work
        self._out: list[Side] = []
        self._error: list[BaseException] = []
        self._thread = threading.Thread(target=self._run, name="paralign-side", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            self._out.append(self._work())
        except BaseException as exc:  # handed to the thread that waits for the result
            self._error.append(exc)

    def result(self, poll: Poll) -> Side:
        """The function's result, polling for a cancel while it runs."""
        while self._thread.is_alive():
            poll()
            self._thread.join(_POLL_SECONDS)
        if self._error:
            raise self._error[0]
        return self._out[0]


_POLL_SECONDS = 0.02
"""How often a cancel is polled while waiting for the other side: well inside the 100 ms it may take."""


def _unanchored(fixed: list[tuple[int, int]], n: int, m: int) -> dict[SideName, np.ndarray]:
    """The sentences of each side outside the sure anchors."""
    pairs = np.asarray(fixed, np.int64).reshape(-1, 2)
    return {
        name: np.setdiff1d(np.arange(size), pairs[:, k])
        for k, (name, size) in enumerate((("source", n), ("target", m)))
    }


def _unmatched(
    groups: list[Group], chain: tuple[Group, ...], taken: tuple[set[int], set[int]]
) -> list[Group]:
    """Every found pair's sentences as unmatched ones, in order; manual links stay as they are."""
    out: list[Group] = []
    for group in groups:
        if group in chain:
            out.append(group)
            continue
        out += [((i,), ()) for i in group[0] if i not in taken[0]]
        out += [((), (j,)) for j in group[1] if j not in taken[1]]
    return out


def _sure(fixed: list[tuple[int, int]], chain: tuple[Group, ...]) -> list[Group]:
    """Sure anchors and chained manual links in order; anchors that do not fit between links are dropped."""
    if not chain and (np.diff(np.asarray(fixed, np.int64).reshape(-1, 2), axis=0) > 0).all():
        return [((a,), (b,)) for a, b in fixed]  # all of them fit: the common case, a book without links
    out: list[Group] = []
    k = 0
    last = (-1, -1)
    for link in [*chain, ((1 << 62,), (1 << 62,))]:
        while k < len(fixed) and fixed[k][0] < link[0][0]:
            a, b = fixed[k]
            if last[0] < a and last[1] < b < link[1][0]:
                out.append(((a,), (b,)))
                last = (a, b)
            k += 1
        if link[0][0] < 1 << 62:
            out.append(link)
            last = (link[0][-1], link[1][-1])
    return out
