"""Pair scores: each signal's place between chance and identical sentences, all pairs in one batch."""

import numpy as np
import pytest

from alignment.matching.progress import Steps
from alignment.matching.scoring import Evidence, Lexical, Meaning
from alignment.matching.sides import Side
from alignment.segment import segment
from alignment.tokens import Lexicon

ORIGINAL = (
    "The river flooded the old town in the spring of that year. Farmers lost their whole harvest. "
    "Many of them sold their cattle. A committee of engineers proposed a new stone dam upstream. "
    "The council approved the budget for the dam in May. Work began in the autumn. It lasted three "
    "winters. Hundreds of workers came from the valley to build it. Tourists sail on the lake in summer."
)
PARAPHRASE = (
    "In spring that year the river flooded the old town. Farmers lost their whole harvest and many "
    "sold their cattle. Engineers proposed building a stone dam upstream. The council approved the "
    "budget for the dam in May. Work began in the autumn and lasted three winters. Hundreds of workers "
    "came from the valley. They built it. A recipe for plum jam needs sugar and lemons."
)
GROUPS = [
    ((0,), (0,)), ((1, 2), (1,)), ((3,), (2,)), ((4,), (3,)), ((5, 6), (4,)), ((7,), (5, 6)), ((8,), (7,)),
]  # fmt: skip


def _evidence() -> Evidence:
    lexicon = Lexicon("english")
    src, tgt = (Side(t, segment(t, "sentences"), lexicon) for t in (ORIGINAL, PARAPHRASE))
    return Evidence([Lexical(src, tgt), Meaning(src, tgt, Steps())], len(src), len(tgt))


def test_every_signal_scores_a_batch_of_groups_exactly_as_one_group_at_a_time() -> None:
    evidence = _evidence()
    # Groups of several sizes on either side, some sizes more than once (they are batched by size).
    groups = [*GROUPS, ((0, 1, 2), (0, 1)), ((6, 7), (5, 6, 7)), ((2, 3, 4), (2, 3, 4)), ((4, 5), (3,))]
    for backend in evidence.backends:
        batch = backend.each_group(groups).tolist()
        assert batch == [backend.group(si, ti) for si, ti in groups]  # to the bit: scores print 4 places


def test_a_score_is_the_signals_mean_place_between_chance_and_identical_sentences() -> None:
    evidence = _evidence()
    scores = evidence.scores(GROUPS)
    assert scores.shape == (len(GROUPS),)
    assert scores[3] == pytest.approx(1.0)  # the same words: at the top of both signals
    assert scores[-1] == 0.0  # unrelated: below chance on both signals, held at 0
    assert all(0.3 < s < 1.0 for s in scores[:3])  # reworded, merged, split: in between
    for k, (si, ti) in enumerate(GROUPS):
        raw = [b.group(si, ti) for b in evidence.backends]
        backgrounds = zip(raw, evidence._background, strict=True)
        places = [min(max((r - bg.mean) / (1 - bg.mean), 0), 1) for r, bg in backgrounds]
        assert scores[k] == pytest.approx(sum(places) / 2, abs=1e-12)
    assert evidence.scores([]).shape == (0,)


def test_a_groups_meaning_is_its_sentences_meanings_weighted_by_their_words() -> None:
    evidence = _evidence()
    meaning = next(b for b in evidence.backends if isinstance(b, Meaning))
    src, tgt = meaning._sides["source"], meaning._sides["target"]
    merged, alone = (5, 6), (4,)  # "Work began in the autumn." + "It lasted three winters." -> one
    meaning.prepare(merged, alone)
    rows = [meaning._means("source", [(i,)])[0] for i in merged]
    mean = sum(src.length(i) * row for i, row in zip(merged, rows, strict=True))
    partner = meaning._means("target", [alone])[0]
    expected = float(mean @ partner) / float(np.linalg.norm(mean) * np.linalg.norm(partner))
    assert src.length(5) != src.length(6) and tgt.length(4) > 0
    assert meaning.group(merged, alone) == pytest.approx(expected, abs=1e-6)
    assert meaning.group(merged, alone) != pytest.approx(meaning.group((5, 6, 6), alone), abs=1e-4)
