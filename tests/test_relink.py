"""Following manual links: only the stretch around a changed link is aligned again, then spliced in."""

from __future__ import annotations

import pytest

from alignment import align, document_from_text
from alignment import relink as relink_module
from alignment.checks import run_checks
from alignment.relink import manual_links, relink, relinked_checks
from alignment.review import pair_key


def _texts(n: int = 60) -> tuple[str, str]:
    """A long original and a paraphrase that rewords a few sentences and changes one number."""
    src = [f"Chapter {i} tells how the {w} came to the village of Ardmore." for i, w in _words(n)]
    tgt = list(src)
    tgt[30] = "Chapter 30 tells how the miller came to the village of Ardmore at last."
    tgt[31] = tgt[31].replace("Chapter 31", "Chapter 13")
    return " ".join(src), " ".join(tgt)


def _words(n: int):
    names = ["baker", "smith", "miller", "weaver", "tanner", "potter", "mason", "cooper", "carter", "glover"]
    return [(i, f"{names[i % 10]} {names[(i * 7 + 3) % 10]}s") for i in range(n)]


@pytest.fixture
def base():
    src, tgt = _texts()
    return align(document_from_text(src, "a.txt"), document_from_text(tgt, "b.txt"))


def _valid(alignment) -> None:
    """Every sentence in exactly one pair, word changes inside their pair's sentences."""
    for side in ("source", "target"):
        used = sorted(i for p in alignment.pairs for i in (p.source if side == "source" else p.target))
        assert used == list(range(len(alignment.sentences(side))))
    for k, p in enumerate(alignment.pairs):
        spans = {side: alignment.span(side, k) for side in ("source", "target")}
        for c in p.changes:
            for side, span in (("source", c.source), ("target", c.target)):
                whole = spans[side]
                assert whole is None or whole[0] <= span[0] <= span[1] <= whole[1]


def test_one_link_re_aligns_only_the_stretch_around_it(base) -> None:
    link = ((20, 21), (20,))
    done = relink(base, [link])
    _valid(done.alignment)
    stretch = done.stretch
    assert stretch is not None and stretch.new_end - stretch.first < 30
    pairs = done.alignment.pairs
    assert pairs[: stretch.first] == base.pairs[: stretch.first]
    assert pairs[stretch.new_end :] == base.pairs[stretch.old_end :]
    (forced,) = [p for p in pairs if p.manual]
    assert pair_key(forced) == link and forced.kind.value == "merged"
    assert manual_links(done.alignment) == {link}
    # The sentences the link took from their old partners are realigned around it.
    assert ((), (21,)) in {pair_key(p) for p in pairs}


def test_the_spliced_alignment_matches_a_whole_one_with_the_same_link(base) -> None:
    link = ((20, 21), (20,))
    local = relink(base, [link]).alignment
    whole = align(base.source, base.target, links=[link])
    assert [pair_key(p) for p in local.pairs] == [pair_key(p) for p in whole.pairs]
    assert [(p.kind, p.changes) for p in local.pairs] == [(p.kind, p.changes) for p in whole.pairs]


def test_unlinking_and_undoing_come_back_to_the_links_asked_for(base) -> None:
    linked = relink(base, [((20, 21), (20,))]).alignment
    unlinked = relink(linked, [((40,), ()), ((), (40,))]).alignment
    _valid(unlinked)
    assert manual_links(unlinked) == {((40,), ()), ((), (40,))}
    assert {((40,), ()), ((), (40,))} <= {pair_key(p) for p in unlinked.pairs}
    back = relink(unlinked, []).alignment
    assert manual_links(back) == set()
    assert [pair_key(p) for p in back.pairs] == [pair_key(p) for p in base.pairs]


def test_no_change_of_links_is_no_work(base) -> None:
    assert relink(base, []).alignment is base


def test_a_stretch_too_long_is_aligned_whole(base, monkeypatch) -> None:
    monkeypatch.setattr(relink_module, "LOCAL_LIMIT", 3)
    done = relink(base, [((20, 21), (20,))])
    assert done.stretch is None
    _valid(done.alignment)
    assert manual_links(done.alignment) == {((20, 21), (20,))}


def test_checks_are_recomputed_in_the_stretch_and_renumbered_after_it(base) -> None:
    before = run_checks(base)
    done = relink(base, [((5,), ()), ((), (5,)), ((6,), (6,))])  # one pair more before the changed number
    assert done.stretch is not None and done.stretch.new_end == done.stretch.old_end + 1
    checks = relinked_checks(done, before)
    assert [(c.kind, c.source, c.target, c.pair) for c in checks] == [
        (c.kind, c.source, c.target, c.pair) for c in run_checks(done.alignment)
    ]
    (old,) = [c for c in before if c.message == "Number changed: 31 → 13"]
    (new,) = [c for c in checks if c.message == "Number changed: 31 → 13"]
    assert new.pair == old.pair + 1 == done.alignment.pair_of("source", 31)


def test_a_pair_reaching_far_from_the_link_is_taken_into_the_stretch_whole() -> None:
    src, _ = _texts()
    parts = src.split(". ")
    parts[22] = "The old bridge over the river Lune fell in the great flood of that spring"
    src = ". ".join(parts)
    parts.insert(40, parts.pop(22))
    crossing = ((22,), (40,))  # moved text, held in place by a link
    base = align(
        document_from_text(src, "a.txt"), document_from_text(". ".join(parts), "b.txt"), links=[crossing]
    )
    assert crossing in {pair_key(p) for p in base.pairs}
    done = relink(base, [crossing, ((19, 20), (19,))])
    _valid(done.alignment)
    stretch = done.stretch
    assert stretch is not None
    inside = {pair_key(p) for p in done.alignment.pairs[stretch.first : stretch.new_end]}
    assert {crossing, ((19, 20), (19,))} <= inside
