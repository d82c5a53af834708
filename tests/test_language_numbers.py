"""Numbers written in words by a language's tables: older English counts in scores."""

import pytest

from alignment.checks import run_checks
from tests.test_checks import _pairs


def _numbers(source: str, target: str) -> list[str]:
    return [c.message for c in run_checks(_pairs((source, target))) if c.kind == "number"]


@pytest.mark.parametrize(
    ("source", "target"),
    [
        ("The souls that came were threescore and ten.", "The souls that came were seventy."),
        ("The Egyptians wept for him three-score and ten days.", "The Egyptians wept for him 70 days."),
        ("He lived a hundred threescore and fifteen years.", "He lived one hundred seventy-five years."),
        ("There were fourscore and seven men.", "There were eighty-seven men."),
    ],
)
def test_a_number_counted_in_scores_equals_its_figure(source: str, target: str) -> None:
    assert _numbers(source, target) == []


def test_a_number_counted_in_scores_that_changed_is_flagged() -> None:
    assert _numbers("The souls were threescore and ten.", "The souls were sixty.") == [
        "Number changed: threescore and ten → sixty"
    ]


def test_score_alone_is_no_number() -> None:
    assert _numbers("The score was close.", "It was a close game.") == []


@pytest.mark.parametrize(
    ("source", "target"),
    [
        ("Les manifestants étaient 12 500 dans la rue.", "Les manifestants étaient 12500 dans la rue."),
        ("Les manifestants étaient 12\u202f500 dans la rue.", "Les manifestants étaient 12 500 dans la rue."),
        ("Los manifestantes eran 12 500 en la calle.", "Los manifestantes eran 12.500 en la calle."),
    ],
)
def test_thousands_grouped_by_a_space_are_one_number(source: str, target: str) -> None:
    assert _numbers(source, target) == []


def test_a_changed_number_grouped_by_a_space_is_changed_whole() -> None:
    assert _numbers(
        "Les manifestants étaient 12 500 dans la rue.", "Les manifestants étaient 13 500 dans la rue."
    ) == ["Number changed: 12 500 → 13 500"]


def test_one_who_is_a_person_not_a_count() -> None:
    assert _numbers("One who sows in tears reaps in joy.", "The sower in tears reaps in joy.") == []
    assert _numbers("One of the sowers reaps in joy.", "Two of the sowers reap in joy.") == [
        "Number changed: One → Two"
    ]
