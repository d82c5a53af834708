"""The DP search of a stretch, alone and in a batch of small stretches: the same groups, by the same rules."""

import random
import zlib
from collections.abc import Sequence

import numpy as np
import pytest

from alignment.matching import batch, dp
from alignment.matching.gains import Z_LINK, Z_PAIR, Gains
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
    """A fixed random vector per word, summed: sentences sharing words point alike."""
    rows = np.zeros((len(texts), 16), np.float32)
    for k, text in enumerate(texts):
        for word in text.lower().strip(".").split():
            rows[k] += np.random.default_rng(zlib.crc32(word.encode())).standard_normal(16)
    norms = np.linalg.norm(rows, axis=1, keepdims=True)
    return np.divide(rows, norms, out=rows, where=norms > 0)


def _texts(rng: random.Random) -> tuple[list[str], list[str]]:
    """A source of short sentences from few words, some said twice (so that groups, ties and
    near-misses abound), and a paraphrase that splits, merges, drops, adds and rewords some of them."""
    src: list[str] = []
    for _ in range(rng.randint(1, 9)):
        # Sentences said twice make paths of equal gain: ties must be broken as the search breaks them.
        said = rng.choice(src) if src and rng.random() < 0.2 else ""
        src.append(said or " ".join(rng.choices(WORDS, k=rng.randint(2, 5))).capitalize() + ".")
    tgt: list[str] = []
    for sentence in src:
        words = sentence[:-1].lower().split()
        roll = rng.random()
        if roll < 0.15:
            continue
        if roll < 0.3 and len(words) > 2:
            tgt += [" ".join(words[:2]).capitalize() + ".", " ".join(words[2:]).capitalize() + "."]
        elif roll < 0.4 and tgt:
            tgt[-1] = tgt[-1][:-1] + " " + " ".join(words) + "."
        elif roll < 0.55:
            tgt.append(" ".join([*words[1:], rng.choice(WORDS)]).capitalize() + ".")
        else:
            tgt.append(sentence)
        if rng.random() < 0.15:
            tgt.append(" ".join(rng.choices(WORDS, k=3)).capitalize() + ".")
    return src, tgt or ["Nothing here."]


@pytest.mark.parametrize("meaning", [False, True])
def test_the_batch_finds_what_the_search_of_each_stretch_finds(meaning: bool) -> None:
    rng = random.Random(7)
    steps = Steps()
    grouped = 0
    for _ in range(60):
        src_texts, tgt_texts = _texts(rng)
        src, tgt = _side(src_texts), _side(tgt_texts)
        n, m = len(src), len(tgt)
        lexical = Lexical(src, tgt)
        backends = [lexical, Meaning(src, tgt, steps, embed=_embed)] if meaning else [lexical]
        gains = Gains(Evidence(backends, n, m))
        shapes = dp.STEPS if meaning else dp.QUICK_STEPS
        blocked = ({rng.randrange(n)} if rng.random() < 0.2 else set(), set())
        inside = [(k, k) for k in range(min(n, m)) if rng.random() < 0.2]
        stretches, expected = [], []
        for i0, i1, j0, j1 in [(0, n, 0, m), (0, max(n - 1, 1), min(1, m - 1), m)]:
            anchors = [(a - i0, b - j0) for a, b in inside if i0 <= a < i1 and j0 <= b < j1]
            stretches.append((i0, i1, j0, j1))
            expected.append(dp.search(gains, i0, i1, j0, j1, anchors, blocked, steps, shapes=shapes))
        bands = dp.bands(inside, np.array(stretches))
        found = batch.search(gains, stretches, bands, blocked, steps, shapes, Z_PAIR)
        assert found == expected, (src_texts, tgt_texts, blocked, inside)
        grouped += sum(any(len(s) > 1 and t or len(t) > 1 and s for s, t in groups) for groups in expected)
    assert grouped > 10  # enough stretches with merges or splits to tell


def _bands(*stretches: tuple[int, int, int, int]) -> tuple[np.ndarray, np.ndarray]:
    """The bands of stretches without anchors, as the batch takes them."""
    return dp.bands([], np.array(stretches))


def test_the_bands_of_many_stretches_are_each_stretchs_band() -> None:
    rng = random.Random(5)
    for _ in range(300):
        stretches, anchors, i, j = [], [], 0, 0
        for _ in range(rng.randint(1, 6)):
            n, m = rng.randint(0, batch.ROWS), rng.randint(0, batch.COLS)
            stretches.append((i, i + n, j, j + m))
            # Anchors in order; some beside the stretch's target sentences, which leave them out.
            xs = sorted(rng.sample(range(n), min(n, rng.randint(0, 4))))
            ys = sorted(rng.sample(range(-3, m + 3), len(xs)))
            anchors += [(i + x, j + y) for x, y in zip(xs, ys, strict=True)]
            i, j = i + n + rng.randint(0, 2), j + m + rng.randint(0, 2)
        lo, hi = dp.bands(anchors, np.array(stretches))
        each = [
            dp.band([(x - i0, y - j0) for x, y in anchors if i0 <= x < i1 and j0 <= y < j1], i1 - i0, j1 - j0)
            for i0, i1, j0, j1 in stretches
        ]
        assert lo.tolist() == [r for b_lo, _ in each for r in b_lo], (stretches, anchors)
        assert hi.tolist() == [r for _, b_hi in each for r in b_hi], (stretches, anchors)


def test_a_stretch_past_the_whole_search_limit_has_no_batch_band() -> None:
    with pytest.raises(ValueError, match="band"):
        dp.bands([], np.array([(0, 300, 0, 300)]))


def test_shapes_in_another_order_are_refused() -> None:
    src, tgt = _side(["Harbour ships."]), _side(["Harbour ships."])
    gains = Gains(Evidence([Lexical(src, tgt)], 1, 1))
    with pytest.raises(ValueError, match="shapes"):
        batch.search(
            gains,
            [(0, 1, 0, 1)],
            _bands((0, 1, 0, 1)),
            (set(), set()),
            Steps(),
            [(1, 0), (1, 1), (0, 1)],
            Z_PAIR,
        )


class _Table:
    """Evidence from tables: fused z of sentence pairs and of groups (chance, z 0, elsewhere)."""

    identical = 20.0
    lexical_only = True  # its pairs stand for word overlap; bound() knows no better than inf

    def __init__(self, pairs: dict[tuple[int, int], float], groups: dict[tuple, float]) -> None:
        self._pairs, self._groups = pairs, groups

    def pairs(self, source: Sequence[int], target: Sequence[int]) -> np.ndarray:
        return np.array([self._pairs.get((i, j), 0.0) for i, j in zip(source, target, strict=True)])

    def pairs_with_overlap(
        self, source: Sequence[int], target: Sequence[int]
    ) -> tuple[np.ndarray, np.ndarray]:
        return self.pairs(source, target), np.zeros(len(source))

    def group(self, source: Sequence[int], target: Sequence[int]) -> float:
        return self._groups.get((tuple(source), tuple(target)), 0.0)

    def groups(self, source: np.ndarray, target: np.ndarray) -> np.ndarray:
        return np.array([self.group(s, t) for s, t in zip(source.tolist(), target.tolist(), strict=True)])

    def shared(self, overlap: np.ndarray, pair_mass: np.ndarray) -> np.ndarray:
        return np.zeros(np.shape(overlap))

    def bound(self, shared: object, mass: object) -> float:
        return float("inf")


class _TableGains:
    """Gains over a table of evidence, every sentence ten weighted words."""

    def __init__(self, evidence: _Table, n: int, m: int) -> None:
        self.evidence, self.src_mass, self.tgt_mass = evidence, [10] * n, [10] * m


@pytest.mark.parametrize(
    ("n", "m", "weak", "group"),
    [(2, 1, (1, 0), ((0, 1), (0,))), (1, 2, (0, 1), ((0,), (0, 1)))],
    ids=["merge", "split"],
)
def test_a_sentence_joins_a_group_only_when_it_is_alike_to_the_other_side(
    n: int, m: int, weak: tuple[int, int], group: tuple
) -> None:
    # The group is worth more than the strong pair alone ((9.5 - 1) * 30 - 50 > (10 - 1) * 20), but
    # its weak sentence must still be at least Z_LINK alike to the sentence on the other side.
    steps = Steps()
    for z_weak, expected in (
        (Z_LINK + 0.1, [group]),
        (Z_LINK - 0.1, [((0,), (0,)), ((1,), ())] if n == 2 else [((0,), (0,)), ((), (1,))]),
    ):
        gains = _TableGains(_Table({(0, 0): 10.0, weak: z_weak}, {group: 9.5}), n, m)
        assert dp.search(gains, 0, n, 0, m, [], (set(), set()), steps) == expected  # type: ignore[arg-type]
        found = batch.search(
            gains, [(0, n, 0, m)], _bands((0, n, 0, m)), (set(), set()), steps, dp.STEPS, Z_PAIR
        )  # type: ignore[arg-type]
        assert found == [expected]


def test_stretches_split_over_several_batches_give_the_same_groups(monkeypatch: pytest.MonkeyPatch) -> None:
    rng = random.Random(11)
    src, tgt = (_side(t) for t in _texts(rng))
    gains = Gains(Evidence([Lexical(src, tgt)], len(src), len(tgt)))
    stretches = [(0, k, 0, len(tgt)) for k in range(1, len(src) + 1)]
    bands = _bands(*stretches)
    whole = batch.search(gains, stretches, bands, (set(), set()), Steps(), dp.QUICK_STEPS, Z_PAIR)
    monkeypatch.setattr(batch, "_BATCH_CELLS", 1)  # one stretch a batch
    assert batch.search(gains, stretches, bands, (set(), set()), Steps(), dp.QUICK_STEPS, Z_PAIR) == whole
    assert len(stretches) > 2


def test_groups_of_meaning_embed_what_they_need_and_score_as_one_group_does() -> None:
    src = _side(["Harbour ships wait.", "Spring river floods.", "Bread and salt.", "Wool grain stone."])
    tgt = _side(["Ships wait in the harbour.", "The river floods in spring, bread is salted.", "Stone wool."])
    source, target = np.array([[0, 1], [1, 2], [2, 3]]), np.array([[0], [1], [2]])
    fresh = Meaning(src, tgt, Steps(), embed=_embed)  # nothing embedded yet but the background sample
    found = fresh.groups(source, target)
    one = Meaning(src, tgt, Steps(), embed=_embed)
    expected = [one.group(s, t) for s, t in zip(source.tolist(), target.tolist(), strict=True)]
    assert np.allclose(found, expected, rtol=1e-5, atol=1e-6)
    assert found.max() - found.min() > 0.1  # different groups, different scores


def test_the_bound_on_a_group_is_never_below_its_evidence() -> None:
    # The batch skips a group whose bound cannot beat its cell: a bound below the group's z loses a
    # group that would have won. Sentences split in two share all their stems with their halves,
    # so the bound of each split is tight, and in a long text of distinct words it is far above
    # chance (z ~50), where rounding the pairs' z to float32 and back once cost more than the slack.
    rng = random.Random(5)
    words = ["".join(rng.choices("bdfgklmnprstvz", k=3)) + rng.choice("aeiou") for _ in range(3000)]
    src_texts, tgt_texts = [], []
    for _ in range(300):
        said = rng.sample(words, 8)
        src_texts.append(" ".join(said).capitalize() + ".")
        tgt_texts += [" ".join(said[:4]).capitalize() + ".", " ".join(said[4:]).capitalize() + "."]
    src, tgt = _side(src_texts), _side(tgt_texts)
    evidence = Evidence([Lexical(src, tgt)], len(src), len(tgt))
    gains = Gains(evidence)
    splits = [((k,), (2 * k, 2 * k + 1)) for k in range(len(src))]
    cells = [(x, y) for xs, ys in splits for x in xs for y in ys]
    _, overlap = evidence.pairs_with_overlap([x for x, _ in cells], [y for _, y in cells])
    weight = [gains.src_mass[x] + gains.tgt_mass[y] for x, y in cells]
    shared = evidence.shared(overlap, weight).reshape(len(splits), 2).sum(axis=1)
    z = np.array([evidence.group(*g) for g in splits])
    bound = evidence.bound(shared, np.array([gains.mass(*g) for g in splits]))
    assert z.min() > 40  # far above chance
    assert (bound >= z).all()
    assert (bound - z).max() < 1e-5  # tight


def test_the_groups_far_above_chance_are_those_whose_group_z_is() -> None:
    # The quick pass keeps a stretch whose every pair is Z_EASY above chance on word overlap alone:
    # the groups are found in batches, by the figures evidence.group gives one by one.
    rng = random.Random(3)
    near = far = 0
    for _ in range(20):
        src, tgt = (_side(t) for t in _texts(rng))
        gains = Gains(Evidence([Lexical(src, tgt)], len(src), len(tgt)))
        groups = [
            (tuple(range(i, i + a)), tuple(range(j, j + b)))
            for a, b in [(1, 1), (2, 1), (1, 2), (0, 1)]
            for i in range(len(src) - a + 1)
            for j in range(len(tgt) - b + 1)
        ]
        expected = {g for g in groups if g[0] and gains.evidence.group(*g) >= dp.Z_EASY}
        assert dp._far_above_chance(gains, groups) == expected
        far += len(expected)
        near += sum(bool(g[0]) and g not in expected for g in groups)
    assert far > 20 and near > 20


@pytest.mark.parametrize(
    ("n", "m", "pairs", "groups", "expected"),
    [
        # A pair worth exactly nothing (z at the threshold) against skipping: the pair is kept.
        (1, 1, {(0, 0): Z_PAIR}, {}, [((0,), (0,))]),
        # A merge and a split worth the same, ending at the same cell: the shape tried first wins.
        (
            2,
            2,
            {(0, 1): Z_LINK + 0.1, (1, 1): Z_LINK + 0.1, (1, 0): Z_LINK + 0.1},
            {((0, 1), (1,)): 9.0, ((1,), (0, 1)): 9.0},
            [((), (0,)), ((0, 1), (1,))],
        ),
    ],
    ids=["pair-or-skip", "merge-or-split"],
)
def test_ties_are_broken_as_the_search_breaks_them(
    n: int, m: int, pairs: dict, groups: dict, expected: list
) -> None:
    gains = _TableGains(_Table(pairs, groups), n, m)
    steps = Steps()
    assert dp.search(gains, 0, n, 0, m, [], (set(), set()), steps) == expected  # type: ignore[arg-type]
    found = batch.search(gains, [(0, n, 0, m)], _bands((0, n, 0, m)), (set(), set()), steps, dp.STEPS, Z_PAIR)  # type: ignore[arg-type]
    assert found == [expected]


def test_a_sentence_of_a_group_may_be_alike_to_any_sentence_on_the_other_side() -> None:
    # In this 2:2 group the second source sentence is alike to the first target sentence only,
    # the second target sentence to the first source sentence only: each has its partner.
    pairs = {(0, 0): Z_LINK + 0.1, (1, 0): Z_LINK + 0.1, (0, 1): Z_LINK + 0.1}
    gains = _TableGains(_Table(pairs, {((0, 1), (0, 1)): 9.0}), 2, 2)
    steps, expected = Steps(), [((0, 1), (0, 1))]
    assert dp.search(gains, 0, 2, 0, 2, [], (set(), set()), steps) == expected  # type: ignore[arg-type]
    found = batch.search(gains, [(0, 2, 0, 2)], _bands((0, 2, 0, 2)), (set(), set()), steps, dp.STEPS, Z_PAIR)  # type: ignore[arg-type]
    assert found == [expected]
