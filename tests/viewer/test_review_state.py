"""The review helpers of the window give the same answers when nothing is marked as when something is."""

from __future__ import annotations

import pytest
from conftest import hand_alignment

from alignment.checks import run_checks
from alignment.review import Mark, Review, State, check_key
from viewer.review_state import CHECK_FILTERS, decoration, listed_checks


@pytest.mark.parametrize("wanted", list(CHECK_FILTERS.values()))
def test_an_empty_review_lists_the_checks_an_unrelated_mark_leaves_listed(wanted: str | None) -> None:
    al = hand_alignment(8)
    checks = run_checks(al)
    assert checks
    # A mark on a pair no check is about: the review is not empty, so every check is looked up.
    elsewhere = Review(pairs={((7,), (7,)): Mark(State.ACCEPTED)})
    assert not elsewhere.empty and Review().empty
    assert listed_checks(al, checks, Review(), wanted) == listed_checks(al, checks, elsewhere, wanted)


def test_a_dismissed_or_marked_check_still_leaves_the_list_of_untouched_ones() -> None:
    al = hand_alignment(8)
    checks = run_checks(al)
    review = Review(checks={check_key(al, checks[0]): Mark(State.FLAGGED, "look")})
    assert checks[0] not in listed_checks(al, checks, review, State.UNTOUCHED.value)
    assert listed_checks(al, checks, review, State.FLAGGED.value) == [checks[0]]
    assert decoration(al, checks[0], review)[1].endswith("look")


def test_counts_without_marked_pairs_still_count_the_notes_on_checks() -> None:
    al = hand_alignment(8)
    checks = run_checks(al)
    review = Review(checks={check_key(al, checks[0]): Mark(State.UNTOUCHED, "a note")})
    counts = review.counts(al)
    assert (counts.pairs, counts.reviewed, counts.notes) == (len(al.pairs), 0, 1)
