"""Meaning-aware alignment: pairs are earned by evidence, rewording is paired, groups pay for themselves."""

import gc
import json
from pathlib import Path

import pytest

from alignment import Cancelled, Kind, align, document_from_text, load_document
from alignment.checks import run_checks
from alignment.matching import anchors as anchoring
from alignment.matching import dp
from alignment.matching.sides import Side
from alignment.segment import segment
from alignment.serialize import alignment_to_json
from alignment.similarity import Similarity
from alignment.summary import summarize
from alignment.tokens import Lexicon

STORY = [
    "The river flooded the old town in the spring of that year.",
    "Farmers lost their whole harvest and many sold their cattle.",
    "A committee of engineers proposed a new stone dam upstream.",
    "The council approved the budget for the dam in May.",
    "Work on the dam began in the autumn and lasted three winters.",
    "Hundreds of workers came from the valley to build it.",
    "Today the reservoir supplies drinking water to the whole region.",
    "Tourists sail on the lake and swim near the shore in summer.",
]


def _pairs(src: str, tgt: str, **kwargs: object) -> list[tuple[tuple[int, ...], tuple[int, ...], str, bool]]:
    a = align(document_from_text(src), document_from_text(tgt), **kwargs)
    return [(p.source, p.target, p.kind.value, p.moved) for p in a.pairs]


def _matched(src: str, tgt: str) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    return [(s, t) for s, t, _, _ in _pairs(src, tgt) if s and t]


def test_an_invented_sentence_replacing_a_dropped_one_is_not_paired() -> None:
    tgt = [*STORY[:3], "Nobody in the village had ever seen a giraffe before.", *STORY[4:]]
    result = _pairs(" ".join(STORY), " ".join(tgt))
    assert ((3,), (), "deleted", False) in result
    assert ((), (3,), "added", False) in result
    assert _matched(" ".join(STORY), " ".join(tgt)) == [((i,), (i,)) for i in range(8) if i != 3]


def test_a_verbatim_move_next_to_a_dropped_sentence_is_paired_with_its_true_source() -> None:
    # Sentence 6 moves to the front; sentence 3 is dropped, and the move lands beside its place.
    tgt = [STORY[6], *STORY[:3], *STORY[4:6], STORY[7]]
    result = _pairs(" ".join(STORY), " ".join(tgt))
    assert ((6,), (0,), "same", True) in result
    assert ((3,), (), "deleted", False) in result
    assert all(not (s and t) or kind == "same" for s, t, kind, _ in result)


def test_a_reworded_merge_is_one_pair_and_its_facts_are_compared() -> None:
    src = (
        "The annual meeting of the cycling club took place on 3 March 2021 in Berlin. "
        "About 40 people attended. The treasurer presented the accounts of the club."
    )
    tgt = (
        "About 45 people came to the meeting, held in Berlin on 4 March 2021. "
        "The treasurer presented the accounts of the club."
    )
    a = align(document_from_text(src), document_from_text(tgt))
    assert [(p.source, p.target, p.kind) for p in a.pairs][0] == ((0, 1), (0,), Kind.MERGED)
    changed = {(c.kind, c.change) for c in run_checks(a)}
    assert ("number", "changed") in changed and ("date", "changed") in changed
    assert not any(c.change in ("dropped", "added") for c in run_checks(a))


def test_unrelated_texts_of_the_same_kind_pair_nothing(data_dir: Path) -> None:
    # A news article against the Book of Ruth: both have many short lines with "said" in them.
    a = align(load_document(data_dir / "seed.src.txt"), load_document(data_dir / "ruth.tgt.txt"))
    assert [p for p in a.pairs if p.source and p.target] == []
    assert summarize(a).unrelated and alignment_to_json(a)["unrelated"] is True


def test_a_sentence_split_in_four() -> None:
    src = (
        "The inspectors visited the dam in June, measured the cracks in the northern wall, "
        "interviewed the engineers about the repairs, and published their report in the autumn."
    )
    tgt = (
        "The inspectors visited the dam in June. They measured the cracks in the northern wall. "
        "They interviewed the engineers about the repairs. Their report was published in the autumn."
    )
    assert _pairs(src, tgt) == [((0,), (0, 1, 2, 3), "split", False)]


def test_five_sentences_merged_into_one() -> None:
    src = (
        "The inspectors came in June. They measured the cracks. They spoke to the engineers. "
        "They checked the sluices. They wrote a report."
    )
    tgt = (
        "In June the inspectors came, measured the cracks, spoke to the engineers, "
        "checked the sluices and wrote a report."
    )
    assert _pairs(src, tgt) == [((0, 1, 2, 3, 4), (0,), "merged", False)]


def test_a_heavy_rewording_in_place_is_paired_and_scored_above_zero() -> None:
    src = " ".join([*STORY[:4], "“It’s ours,” he said.", *STORY[4:]])
    tgt = " ".join([*STORY[:4], "“It belongs to us,” he emphasized.", *STORY[4:]])
    a = align(document_from_text(src), document_from_text(tgt))
    pair = a.pairs[a.pair_of("target", 4)]
    assert (pair.source, pair.kind) == ((4,), Kind.CHANGED)
    assert 0.1 < pair.score < 1.0


def test_a_reworded_sentence_moved_far_is_found() -> None:
    filler = [*STORY, *MORE]
    moved = "The mayor of the town opened the new bridge over the river with a long speech."
    reworded = "With a lengthy address, the town's mayor inaugurated the river's new bridge."
    src = " ".join([moved, *filler])
    tgt = " ".join([*filler, reworded])
    result = _pairs(src, tgt)
    assert ((0,), (len(filler),), "changed", True) in result


MORE = [
    "In the winter the roads to the village were closed by snow for weeks.",
    "The old mill by the church was turned into a small museum of local crafts.",
    "Every Saturday a market filled the square with cheese, bread and apples.",
    "Children walked two hours each morning to reach the nearest school.",
]


def test_short_generic_sentences_are_not_moved_on_a_chance_match() -> None:
    src = " ".join(["A Song.", *STORY, "You see to it."])
    tgt = " ".join([*STORY, "A Song.", "See to it, you."])
    result = _pairs(src, tgt)
    assert not any(moved for _, _, _, moved in result)


def _ends_edited(sents: list[str]) -> list[str]:
    """The sentences with the first and the last one edited, so that the texts' ends are not the same."""
    edited = [s.replace("stood", "stands") for s in (sents[0], sents[-1])]
    return [edited[0], *sents[1:-1], edited[1]]


def test_a_gap_larger_than_the_whole_search_limit_is_searched_in_a_band() -> None:
    lo, hi = dp.band([], 300, 300)
    assert dp.GAP_CELLS < (300 + 1) * (300 + 1)
    assert max(h - lo_ for lo_, h in zip(lo, hi, strict=True)) <= 2 * (dp.BAND + 1) + 1
    assert lo[150] <= 150 <= hi[150]
    # Sentences built from a few shared words: no stem is unique, so no anchor shortens the stretch.
    words = "red green blue stone wood iron river hill town field".split()
    sents = [
        f"The {words[k % 10]} {words[k // 10 % 10]} {words[k // 100 % 10]} {k % 7} stood there."
        for k in range(210)
    ]
    a = align(document_from_text(" ".join(sents)), document_from_text(" ".join(_ends_edited(sents))))
    assert [(p.source, p.target) for p in a.pairs] == [((k,), (k,)) for k in range(210)]


def _side(text: str) -> Side:
    return Side(text, segment(text, "sentences"), Lexicon("english"))


def test_anchors_are_found_again_inside_the_gaps_between_anchors() -> None:
    # "harbour" and "ships" are in two sentences of each text, so they are unique only between anchors.
    text = (
        "Zebras grazed on the hill. The harbour froze in the night. The ships waited for spring. "
        "Pelicans flew over the bay. The harbour froze in the night. The ships waited for spring. "
        "Yaks slept in the barn."
    )
    src, tgt = _side(text), _side(text)
    sim = Similarity(src.stems, tgt.stems)
    assert anchoring.anchors(sim) == [(k, k) for k in range(7)]


def test_a_stem_two_sentences_hold_on_each_side_anchors_nothing() -> None:
    # "harbour" and "ships" are in both sentences of each text: which sentence pairs with which is
    # a guess, however much the first two look alike.
    src = _side("Harbour ships zebras. Harbour ships yaks.")
    tgt = _side("Harbour ships owls. Harbour ships cats.")
    sim = Similarity(src.stems, tgt.stems)
    assert sim.group((0,), (0,)) >= anchoring.ANCHOR_SCORE
    assert anchoring.anchors(sim) == []


def test_a_strong_anchor_standing_alone_is_fixed_and_one_with_a_close_neighbour_is_not() -> None:
    src = _side("Zebras grazed on the plain. Pelicans flew over the bay. Owls hooted in the dark wood.")
    tgt = _side("Zebras grazed on the plain. Pelicans flew over the bay and owls hooted in the dark wood.")
    sim = Similarity(src.stems, tgt.stems)
    fixed = anchoring.fixed([(0, 0), (1, 1)], sim, 3, 2)
    assert (0, 0) in fixed and (1, 1) not in fixed


def test_an_anchor_inside_a_diagonal_run_is_fixed_though_its_neighbours_are_alike() -> None:
    # The middle pair does not stand alone (its neighbours share two of its three words), but the
    # anchors on both sides of it vouch for it; the first and last have no run around them.
    text = "Harbour ships wait. Harbour ships sail. Harbour ships dock."
    sim = Similarity(_side(text).stems, _side(text).stems)
    assert anchoring.fixed([(0, 0), (1, 1), (2, 2)], sim, 3, 3) == [(1, 1)]


def _linked(src: list[str], tgt: list[str], links: list) -> list[tuple]:
    a = align(document_from_text(" ".join(src)), document_from_text(" ".join(tgt)), links=links)
    return [(p.source, p.target, p.moved, p.manual) for p in a.pairs]


def test_manual_links_are_kept_and_the_rest_is_aligned_around_them() -> None:
    # The editor links sentence 2 with paraphrase 2 and 3 (a split the aligner would not make).
    result = _linked(STORY, STORY, [((2,), (2, 3))])
    assert ((2,), (2, 3), False, True) in result
    assert ((3,), (), False, False) in result
    assert [(s, t) for s, t, _, m in result if s and t and not m] == [
        ((i,), (i,)) for i in (0, 1, 4, 5, 6, 7)
    ]


def test_a_manual_link_across_the_order_is_a_moved_pair_and_json_says_manual() -> None:
    a = align(document_from_text(" ".join(STORY)), document_from_text(" ".join(STORY)), links=[((0,), (7,))])
    pair = next(p for p in a.pairs if p.manual)
    assert (pair.source, pair.target, pair.moved) == ((0,), (7,), True)
    data = json.loads(json.dumps(alignment_to_json(a)))
    assert [p["manual"] for p in data["pairs"]].count(True) == 1
    assert ((7,), ()) in [(p.source, p.target) for p in a.pairs]


def test_a_sentence_inside_a_links_span_that_it_leaves_out_is_still_aligned() -> None:
    # Sentences 2 and 4 linked to paraphrase 2 (the paraphrase dropped sentence 3): sentence 3
    # between them is in no link, but in the alignment all the same, once.
    result = _linked(STORY, STORY[:3] + STORY[4:], [((2, 4), (2,))])
    assert ((2, 4), (2,), False, True) in result
    assert [manual for s, _, _, manual in result if 3 in s] == [False]


def test_a_link_with_one_side_empty_keeps_a_sentence_unmatched() -> None:
    result = _linked(STORY, STORY, [((4,), ())])
    assert ((4,), (), False, True) in result
    assert ((), (4,), False, False) in result


@pytest.mark.parametrize(
    ("links", "message"),
    [([((99,), (0,))], "no sentence with that index"), ([((0,), (0,)), ((0,), (1,))], "another link")],
)
def test_invalid_links_are_refused_with_a_clear_message(links: list, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        align(document_from_text(" ".join(STORY)), document_from_text(" ".join(STORY)), links=links)


def test_cancel_is_polled_inside_the_search() -> None:
    words = "red green blue stone wood iron river hill town field".split()
    sents = [f"The {words[k % 10]} {words[k // 10 % 10]} {k % 7} stood there." for k in range(120)]
    polls = []

    def cancelled() -> bool:
        polls.append(1)
        return len(polls) > 40

    with pytest.raises(Cancelled):
        src, tgt = document_from_text(" ".join(sents)), document_from_text(" ".join(_ends_edited(sents)))
        align(src, tgt, cancelled=cancelled)
    # More polls than stages: the search itself asks (a poll per row, not per stage).
    assert len(polls) == 41


@pytest.mark.parametrize("enabled", [True, False])
def test_align_leaves_the_garbage_collector_as_it_found_it(enabled: bool) -> None:
    was = gc.isenabled()
    (gc.enable if enabled else gc.disable)()
    try:
        align(document_from_text(STORY[0]), document_from_text(STORY[0]))
        assert gc.isenabled() is enabled
    finally:
        (gc.enable if was else gc.disable)()


@pytest.mark.parametrize("enabled", [True, False])
def test_the_command_line_leaves_the_garbage_collector_as_it_found_it(enabled: bool, tmp_path) -> None:
    from alignment.cli import main

    (tmp_path / "a.txt").write_text(" ".join(STORY), encoding="utf-8")
    (tmp_path / "b.txt").write_text(" ".join(STORY[:5]), encoding="utf-8")
    was = gc.isenabled()
    (gc.enable if enabled else gc.disable)()
    try:
        argv = [
            "align",
            str(tmp_path / "a.txt"),
            str(tmp_path / "b.txt"),
            "--json",
            "-o",
            str(tmp_path / "o.json"),
        ]
        assert main(argv) == 0
        assert gc.isenabled() is enabled
    finally:
        (gc.enable if was else gc.disable)()
