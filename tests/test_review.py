"""The review model: marks on pairs and checks, dismissals, links, counts and pruning."""

from __future__ import annotations

from alignment import align, document_from_text
from alignment.checks import run_checks
from alignment.review import NO_MARK, CheckKey, Mark, Review, State, check_group, check_key, pair_key

SRC = "The council met on 3 May. It approved 40 homes. Alice Brown spoke first. The vote was close."
TGT = "On 3 May the council met. It approved 45 homes. Alice Brown spoke first. The vote was tight."


def _alignment():
    return align(document_from_text(SRC, "a.txt"), document_from_text(TGT, "b.txt"))


def test_an_empty_mark_is_removed_rather_than_stored() -> None:
    key = ((0,), (0,))
    review = Review().with_pair(key, Mark(State.ACCEPTED))
    assert review.pair_mark(key).state is State.ACCEPTED
    review = review.with_pair(key, NO_MARK)
    assert review.pairs == {} and review.empty


def test_a_note_alone_is_kept_on_an_untouched_pair() -> None:
    key = ((1,), (1,))
    review = Review().with_pair(key, Mark(note="check the figure"))
    assert review.pair_mark(key) == Mark(State.UNTOUCHED, "check the figure")
    assert not review.empty


def test_edits_return_new_reviews_and_leave_the_old_one_alone() -> None:
    before = Review()
    after = before.with_pair(((0,), (0,)), Mark(State.FLAGGED)).with_dismissed_group("name:x", True)
    assert before.empty and not after.empty
    assert after.with_dismissed_group("name:x", False).dismissed_groups == frozenset()


def test_counts_over_the_pairs_of_an_alignment() -> None:
    a = _alignment()
    keys = [pair_key(p) for p in a.pairs]
    review = (
        Review()
        .with_pair(keys[0], Mark(State.ACCEPTED))
        .with_pair(keys[1], Mark(State.FLAGGED, "45 or 40?"))
        .with_pair(keys[2], Mark(State.ACCEPTED, "fine"))
        .with_pair(((99,), (99,)), Mark(State.ACCEPTED))  # not a pair of this alignment
    )
    counts = review.counts(a)
    assert (counts.pairs, counts.reviewed, counts.accepted, counts.flagged, counts.notes) == (4, 3, 2, 1, 2)
    assert review.pairs_in(a, State.ACCEPTED) == {0, 2}
    assert review.pairs_in(a, State.UNTOUCHED) == {3}


def test_a_check_keeps_its_key_when_the_checks_run_again() -> None:
    a = _alignment()
    first = [check_key(a, c) for c in run_checks(a)]
    second = [check_key(a, c) for c in run_checks(_alignment())]
    assert first == second
    number = next(k for k in first if k.kind == "number")
    assert (number.source, number.target) == ("40", "45")


def test_dismissing_a_check_or_its_group() -> None:
    key = CheckKey(((1,), (1,)), "number", "changed", "40", "45")
    review = Review().with_dismissed(key, True)
    assert review.is_dismissed(key)
    assert not review.is_dismissed(key._replace(pair=((7,), (7,))))
    assert not review.with_dismissed(key, False).is_dismissed(key)
    grouped = Review().with_dismissed_group(check_group(key), True)
    assert check_group(key) == "number changed: 40 → 45"
    assert grouped.is_dismissed(key._replace(pair=((7,), (7,))))
    assert not grouped.is_dismissed(key._replace(target="46"))
    assert not grouped.with_dismissed_group(check_group(key), False).is_dismissed(key)


def test_links_are_kept_once_and_in_order() -> None:
    review = Review().with_links([((3,), (2, 3)), ((0, 1), (0,)), ((3,), (2, 3)), ((), (5,))])
    assert review.links == (((), (5,)), ((0, 1), (0,)), ((3,), (2, 3)))


def test_restricting_to_an_alignment_drops_only_the_marks_of_vanished_pairs() -> None:
    a = _alignment()
    kept, gone = pair_key(a.pairs[0]), ((1, 2), (1,))
    stale_check = CheckKey(gone, "number", "changed", "40", "45")
    review = (
        Review()
        .with_pair(kept, Mark(State.ACCEPTED))
        .with_pair(gone, Mark(State.FLAGGED))
        .with_check(stale_check, Mark(note="n"))
        .with_dismissed(stale_check, True)
    )
    pruned, lost = review.restricted_to(a)
    assert lost == [gone]
    assert pruned.pairs == {kept: Mark(State.ACCEPTED)}
    assert pruned.checks == {} and pruned.dismissed == frozenset()
    assert review.restricted_to(a)[0] is not review
    assert pruned.restricted_to(a) == (pruned, [])


def test_the_checks_own_group_is_the_one_dismissed_when_it_has_one() -> None:
    key = CheckKey(((1,), (1,)), "name", "changed", "Jehovah", "Yahweh")
    review = Review().with_dismissed_group("rename Jehovah→Yahweh", True)
    assert review.is_dismissed(key, "rename Jehovah→Yahweh")
    assert not review.is_dismissed(key)
    assert not review.is_dismissed(key, "rename Moses→Mose")
