"""Negation, modal force and hedges: what a rewrite flipped, robust to rewording around it."""

import pytest

from alignment.checks import run_checks
from tests.test_checks import _pairs


def _shifts(source: str, target: str) -> list[tuple[str, str, str, str]]:
    al = _pairs((source, target))
    return [
        (c.kind, c.change, c.severity, c.message)
        for c in run_checks(al)
        if c.kind in ("negation", "modality")
    ]


@pytest.mark.parametrize(
    ("source", "target", "change", "word"),
    [
        (
            "Officials have said they will give aid.",
            "Officials have not said they will give aid.",
            "added",
            "not",
        ),
        ("It was not possible to leave the city.", "Leaving the city was possible.", "removed", "not"),
        ("The plan will work.", "The plan won't work.", "added", "won't"),
        ("He never paid the fine.", "He paid the fine.", "removed", "never"),
        (
            "Die Regierung hat die Hilfe nicht bewilligt.",
            "Die Regierung hat die Hilfe bewilligt.",
            "removed",
            "nicht",
        ),
        (
            "Le gouvernement ne paiera pas les salaires.",
            "Le gouvernement paiera les salaires.",
            "removed",
            "ne",
        ),
        ("El gobierno no pagará los salarios.", "El gobierno pagará los salarios.", "removed", "no"),
        (
            "Sie haben das Geld gezahlt und sind gegangen.",
            "Sie haben kein Geld gezahlt und sind gegangen.",
            "added",
            "kein",
        ),
    ],
)
def test_a_negation_flip_is_high(source: str, target: str, change: str, word: str) -> None:
    assert _shifts(source, target) == [("negation", change, "high", f"Negation {change}: {word}")]


def test_the_check_points_at_the_negation() -> None:
    al = _pairs(("The talks have failed.", "The talks have not failed."))
    (check,) = run_checks(al)
    assert al.target.text[slice(*check.target)] == "not"
    assert al.source.text[slice(*check.source)] == "The talks have failed."


@pytest.mark.parametrize(
    ("source", "target"),
    [
        ("They didn't agree, the minister said.", "The minister said they did not agree."),
        ("It isn't possible to leave.", "Leaving is not possible at all."),
        ("Il ne vient jamais ici.", "Il ne vient pas ici."),
        ("El gobierno no ha dicho nada.", "El gobierno nunca dijo nada."),
        ("Nobody came to the meeting.", "No one came to the meeting."),
    ],
)
def test_rewording_around_a_negation_is_not_a_flip(source: str, target: str) -> None:
    assert _shifts(source, target) == []


def test_a_negated_clause_dropped_whole_is_not_a_flip() -> None:
    source = "He will not do iniquity; every morning he brings his justice to light."
    assert _shifts(source, "Every morning he brings his justice to light.") == []


@pytest.mark.parametrize(
    ("source", "target", "message"),
    [
        ("The army will take the town.", "The army may take the town.", "Modal weakened: will → may"),
        ("It always rains in spring.", "It often rains in spring.", "Modal weakened: always → often"),
        ("You must pay the tax.", "You can pay the tax.", "Modal weakened: must → can"),
        ("The bridge could collapse.", "The bridge will collapse.", "Modal strengthened: could → will"),
        ("Police said he fled.", "Police said he allegedly fled.", "Hedge added: allegedly"),
        (
            "The ministry claimed it took the town.",
            "The ministry said it took the town.",
            "Hedge removed: claimed",
        ),
    ],
)
def test_modal_force_and_hedges_are_medium(source: str, target: str, message: str) -> None:
    assert [(s[0], s[2], s[3]) for s in _shifts(source, target)] == [("modality", "medium", message)]


@pytest.mark.parametrize(
    ("source", "target"),
    [
        ("Thou shalt go.", "You will go."),  # both strong
        ("He might come.", "He may come."),  # both weak
        ("He will come tomorrow.", "He comes tomorrow."),  # a modal dropped is a rewording
    ],
)
def test_modals_of_the_same_force_are_not_flagged(source: str, target: str) -> None:
    assert _shifts(source, target) == []


@pytest.mark.parametrize(
    ("source", "target", "change", "word"),
    [
        ("Never pay the fine twice.", "Pay the fine twice.", "removed", "never"),
        ("Don't pay the fine twice.", "Pay the fine twice.", "removed", "don't"),
        ("Nicht zahlen die Bauern.", "Zahlen die Bauern.", "removed", "nicht"),
    ],
)
def test_a_negation_opening_the_text_counts(source: str, target: str, change: str, word: str) -> None:
    assert _shifts(source, target) == [("negation", change, "high", f"Negation {change}: {word}")]
