"""Marks, palettes and navigation over hand-made alignments."""

from __future__ import annotations

from conftest import hand_alignment

from viewer.marks import Ranges, build_marks, describe_pair, pair_role
from viewer.navigation import next_change, next_unmatched, partner_offset, reading_order
from viewer.palette import PALETTE_NAMES, ROLES, make_palette


def test_ranges_find_overlaps_only() -> None:
    ranges = Ranges([0, 10, 20], [5, 15, 25], ["a", "b", "c"])
    assert ranges.within(4, 11) == [(0, 5, "a"), (10, 15, "b")]
    assert ranges.within(5, 10) == []
    assert ranges.within(24, 100) == [(20, 25, "c")]


def test_marks_colour_each_kind_on_its_side() -> None:
    al = hand_alignment()
    marks = build_marks(al)
    src, tgt = marks["source"], marks["target"]
    s1, s2 = al.source_sentences[1], al.source_sentences[2]
    assert src.sentences.within(s1.start, s1.end) == [(s1.start, s1.end, "changed")]
    assert src.sentences.within(s2.start, s2.end) == [(s2.start, s2.end, "deleted")]
    t3 = al.target_sentences[3]
    assert tgt.sentences.within(t3.start, t3.end) == [(t3.start, t3.end, "added")]
    assert [r for *_, r in src.words.within(0, len(al.source.text))] == ["word_replaced"]
    assert pair_role(al.pairs[5]) == "moved"
    assert pair_role(al.pairs[0]) is None


def test_describe_pair_gives_kind_and_score() -> None:
    al = hand_alignment()
    assert describe_pair(al.pairs[1]) == "Reworded (1 → 1 sentence), similarity 80%"
    assert describe_pair(al.pairs[2]).startswith("Dropped")


def test_every_palette_fills_every_role_light_and_dark() -> None:
    for name in PALETTE_NAMES:
        light, dark = make_palette(name, False), make_palette(name, True)
        assert set(ROLES) <= set(light.colors) == set(dark.colors)
        assert all(light.color(r) != dark.color(r) for r in ROLES)
        assert len({light.color(r).name() for r in ROLES[:5]}) == 5


def test_reading_order_puts_added_after_its_neighbour() -> None:
    al = hand_alignment()
    order = reading_order(al)
    assert sorted(order) == list(range(len(al.pairs)))
    assert order.index(3) == order.index(1) + 1


def test_next_and_previous_change_and_unmatched() -> None:
    al = hand_alignment()
    assert next_change(al, None) == 1
    assert next_change(al, 1) == 3
    assert next_change(al, 3) == 2
    assert next_change(al, 2) == 5
    assert next_change(al, 5) is None
    assert next_change(al, 5, forward=False) == 2
    assert next_unmatched(al, 1) == 3
    assert next_unmatched(al, 2) is None


def test_partner_offset_follows_the_pair() -> None:
    al = hand_alignment()
    s4, t0 = al.source_sentences[4], al.target_sentences[0]
    assert partner_offset(al, "source", s4.start) == t0.start
    assert partner_offset(al, "target", t0.end) == s4.end
    # A dropped sentence maps to the end of the preceding pair's partner.
    assert partner_offset(al, "source", al.source_sentences[2].start + 3) == al.target_sentences[2].end
