"""Names as spans: a part of a full name changed, spelling variants, possessives, German nouns."""

import pytest

from alignment.checks import run_checks
from tests.test_checks import _pairs


def _names(*rows: tuple[str, str]) -> list[tuple[str, str, str]]:
    return [(c.change, c.severity, c.message) for c in run_checks(_pairs(*rows)) if c.kind == "name"]


@pytest.mark.parametrize(
    ("source", "target", "message"),
    [
        ("The deal was signed by Nils Oberg in Oslo.", "The deal was signed by Nils Kowalczyk in Oslo.",
         "Name changed: Nils Oberg → Nils Kowalczyk"),
        ("The brand belongs to Ralph Lauren now.", "The brand belongs to Ralph Kowalczyk now.",
         "Name changed: Ralph Lauren → Ralph Kowalczyk"),
        ("Sanctions hit the Syrian Central Bank today.", "Sanctions hit the Syrian Okonkwo Bank today.",
         "Name changed: Syrian Central Bank → Syrian Okonkwo Bank"),
        ("He criticised Trump’s deadline.", "He criticised Biden’s deadline.",
         "Name changed: Trump’s → Biden’s"),
        ("Troops reached Iran today.", "Troops reached Iraq today.", "Name changed: Iran → Iraq"),
    ],
)  # fmt: skip
def test_a_changed_part_of_a_name_is_a_changed_name(source: str, target: str, message: str) -> None:
    assert _names((source, target)) == [("changed", "high", message)]


def test_a_name_wrapped_across_a_line_is_one_name() -> None:
    assert _names(
        ("The deal was signed by Nils\nOberg in Oslo.", "The deal was signed by Nils Kowalczyk in Oslo.")
    ) == [("changed", "high", "Name changed: Nils Oberg → Nils Kowalczyk")]


@pytest.mark.parametrize(
    ("source", "target"),
    [
        ("They went to Beer-sheba at dawn.", "They went to Beersheba at dawn."),
        ("Missiles struck Kyiv overnight.", "Missiles struck Kiev overnight."),
        ("The Russian Defense Ministry spoke.", "The Russian Defence Ministry spoke."),
    ],
)
def test_a_spelling_variant_is_form_and_low(source: str, target: str) -> None:
    ((change, severity, message),) = _names((source, target))
    assert (change, severity) == ("form", "low") and message.startswith("Name spelled differently: ")


@pytest.mark.parametrize(
    ("source", "target"),
    [
        ("President Vladimir Putin spoke on Friday.", "On Friday, Putin spoke."),
        ("He criticised Trump’s deadline.", "He criticised the deadline set by Trump."),
        ("The Russian troops crossed the river.", "The pro-Russian troops crossed the river."),
        ("Die Bauarbeiten am Bahnhof dauern noch an.", "Die Arbeiten am Bahnhof dauern noch an."),
    ],
)
def test_the_same_name_in_other_words_is_not_flagged(source: str, target: str) -> None:
    assert _names((source, target)) == []


@pytest.mark.parametrize(
    ("source", "target"),
    [
        ("Im März fiel in Berlin viel Schnee.", "Im März fiel in Berlin viel Regen."),  # a quantifier
        ("Er sprach mit seinem Bruder.", "Er sprach mit seinem Vater."),  # a declined possessive
        ("Die schweren Bauarbeiten dauerten lange.", "Die schweren Reparaturen dauerten lange."),  # adjective
        ("Sie warteten 3 Wochen auf Hilfe.", "Sie warteten 3 Monate auf Hilfe."),  # a count
    ],
)
def test_a_german_noun_after_its_marker_is_no_name(source: str, target: str) -> None:
    assert _names((source, target)) == []


def test_german_names_are_still_names() -> None:
    rows = (
        "Angela Merkel besuchte die Baustelle in Berlin.",
        "Angela Merkel besuchte die Baustelle in Hamburg.",
    )
    assert _names(rows) == [("changed", "high", "Name changed: Berlin → Hamburg")]


def test_a_capital_after_an_abbreviated_title_continues_the_sentence() -> None:
    found = _names(("They prayed to St. Expeditus for help.", "They prayed to St. Rita for help."))
    assert [(change, severity) for change, severity, _ in found] == [("changed", "high")]


def test_a_capital_after_no_and_a_stop_starts_a_sentence() -> None:
    assert _names(("She said No. Harvest came early.", "She said No. Winter came early.")) == []


@pytest.mark.parametrize(
    ("source", "target"),
    [
        ("The order came from Capt. Okonkwo today.", "The order came from Lt. Okonkwo today."),
        ("The order came from Monsieur Okonkwo today.", "The order came from Herr Okonkwo today."),
    ],
)
def test_titles_are_not_part_of_the_name(source: str, target: str) -> None:
    assert _names((source, target)) == []
