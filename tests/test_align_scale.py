"""Alignment at scale: long originals against short paraphrases stay cheap and still pair rightly."""

import pytest

from alignment import Cancelled, Kind, align, document_from_text
from alignment.matching import anchors as anchoring
from alignment.matching import dp
from alignment.matching.gains import Gains
from alignment.matching.progress import Steps
from alignment.matching.related import related
from alignment.matching.scoring import Evidence, Lexical, Meaning
from alignment.matching.sides import Side
from alignment.segment import segment
from alignment.similarity import Similarity
from alignment.tokens import Lexicon
from tests.test_align_matching import MORE, STORY

WORDS = [f"w{k:04d}" for k in range(700)]


def test_a_long_original_where_every_word_recurs_still_gets_anchors() -> None:
    # Sentence k holds words k and k+1: every word is in two sentences, none is unique to one.
    src = [[WORDS[k], WORDS[k + 1]] for k in range(600)]
    tgt = [src[8 * k] for k in range(70)]
    assert len(src) * len(tgt) > anchoring.LARGE_CELLS
    found = anchoring.anchors(Similarity(src, tgt))
    assert found == [(8 * k, k) for k in range(70)]


def test_rare_stems_propose_anchors_within_their_own_stretch_only() -> None:
    # Two such stretches, between "alpha", "omega" and the end: the same words recur in both, so a
    # stem found once in one stretch's paraphrase is found twice in the whole text.
    src_block = [[WORDS[k], WORDS[k + 1]] for k in range(600)]
    tgt_block = [src_block[8 * k] for k in range(70)]
    src = [["alpha"], *src_block, ["omega"], *src_block]
    tgt = [["alpha"], *tgt_block, ["omega"], *tgt_block]
    assert anchoring.LARGE_CELLS < 600 * 70
    found = anchoring.anchors(Similarity(src, tgt))
    assert found == [(0, 0), *((1 + 8 * k, 1 + k) for k in range(70)), (601, 71)] + [
        (602 + 8 * k, 72 + k) for k in range(70)
    ]


def _ledger(k: int) -> str:
    return f"Entry {k} of the ledger lists {k * 7 + 3} sacks of {['grain', 'salt', 'wool'][k % 3]}."


def _dated(k: int) -> str:
    return f"{(STORY + MORE)[k % 12][:-1]} in the year {1500 + k}."


def _side(text: str) -> Side:
    return Side(text, segment(text, "sentences"), Lexicon("english"))


def test_crossing_sentences_alike_to_nothing_gives_the_groups_a_full_search_gives(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    filler = [
        "The river flooded the old town in the spring of that year.",
        "Farmers lost their whole harvest and many sold their cattle.",
        "Children walked two hours each morning to reach the nearest school.",
    ]
    source = [*filler, _ledger(1), _ledger(2), *filler, _ledger(3), *filler, *filler, _ledger(4), *filler]
    target = [_ledger(1), _ledger(2).replace("lists", "records"), _ledger(3), "A new line.", _ledger(4)]
    src, tgt = _side(" ".join(source)), _side(" ".join(target))
    lexical = Lexical(src, tgt)
    gains = Gains(Evidence([lexical], len(src), len(tgt)))

    def found() -> list:
        return dp.search(gains, 0, len(src), 0, len(tgt), [], (set(), set()), Steps())

    crossed = found()
    monkeypatch.setattr(dp, "_live_rows", lambda z, starts, least: set(range(1, len(src) + 1)))
    assert crossed == found()
    assert [g for g in crossed if g[0] and g[1]] == [((3,), (0,)), ((4,), (1,)), ((8,), (2,)), ((15,), (4,))]


def test_a_reworded_sentence_in_a_long_original_is_paired_by_meaning_in_the_search() -> None:
    # More sentences than a stretch is searched whole: meaning runs between the pairs words placed.
    said = "“It’s ours,” he said."
    source = [*(_dated(k) for k in range(120)), said, *(_dated(k) for k in range(120, 240))]
    target = [_dated(60), "“It belongs to us,” he emphasized.", _dated(180)]
    assert len(source) + len(target) > dp.WHOLE_SENTENCES
    src, tgt = _side(" ".join(source)), _side(" ".join(target))
    steps = Steps()
    lexical = Lexical(src, tgt)
    gains = Gains(Evidence([lexical, Meaning(src, tgt, steps)], len(src), len(tgt)))
    quick = Gains(Evidence([lexical], len(src), len(tgt)))
    groups = dp.path(gains, quick, [], len(src), len(tgt), [], (set(), set()), steps)
    assert [g for g in groups if g[0] and g[1]] == [((60,), (0,)), ((120,), (1,)), ((181,), (2,))]


def test_the_same_sentences_opening_and_closing_both_texts_are_sure_pairs() -> None:
    # Both texts open and close alike; the middle differs, and a manual link stops the opening.
    src = _side("One. Two. Three. Four is here. Five. Six.")
    tgt = _side("One. Two. Three. Something new. Five. Six.")
    assert anchoring.same_ends(src, tgt, (set(), set())) == (3, 2)
    assert anchoring.same_ends(src, tgt, ({1}, set())) == (1, 2)
    assert anchoring.same_ends(src, src, (set(), set())) == (6, 0)
    assert anchoring.same_ends(src, _side("One. Five. Six."), (set(), set())) == (1, 2)


def test_a_long_text_against_itself_is_all_same_without_a_search(monkeypatch: pytest.MonkeyPatch) -> None:
    # Every sentence three times: no stem is rare enough to anchor, the same ends pair them all.
    words = "red green blue stone wood iron river hill town field".split()
    text = " ".join([f"The {words[k % 10]} {words[k // 10]} stood there." for k in range(100)] * 3)
    monkeypatch.setattr(dp, "search", lambda *args, **kwargs: pytest.fail("searched"))
    a = align(document_from_text(text), document_from_text(text))
    assert [(p.source, p.target, p.kind) for p in a.pairs] == [((k,), (k,), Kind.SAME) for k in range(300)]


def _stop() -> None:
    raise Cancelled("stop")


def test_anchors_same_ends_fixed_and_the_related_verdict_poll_for_cancel() -> None:
    src, tgt = _side(" ".join(STORY)), _side(" ".join(STORY[1:]))
    sim = Similarity(src.stems, tgt.stems)
    evidence = Evidence([Lexical(src, tgt)], len(src), len(tgt))
    for work in (
        lambda: anchoring.anchors(sim, poll=_stop),
        lambda: anchoring.same_ends(src, src, (set(), set()), _stop),
        lambda: anchoring.fixed([(1, 0)], sim, len(src), len(tgt), _stop),
        lambda: related(evidence, [((0,), (0,))], src, tgt, _stop),
    ):
        with pytest.raises(Cancelled):
            work()
