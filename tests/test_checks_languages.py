"""Fact checks by the rules of the language detected: German, French and Spanish dates, numbers, quotes."""

import pytest

from alignment.checks import run_checks
from tests.test_checks import _pairs


def _checks(source: str, target: str) -> list[tuple[str, str, str, str]]:
    return [(c.kind, c.change, c.severity, c.message) for c in run_checks(_pairs((source, target)))]


@pytest.mark.parametrize(
    ("source", "target", "message"),
    [
        ("Der Vertrag wurde am 4. März 2021 signiert.", "Der Vertrag wurde am 3. März 2021 signiert.",
         "Date changed: 4. März 2021 → 3. März 2021"),
        ("Le contrat a été signé le 4 mars 2021.", "Le contrat a été signé le 3 mars 2021.",
         "Date changed: 4 mars 2021 → 3 mars 2021"),
        ("El contrato fue firmado el 4 de marzo de 2021.", "El contrato fue firmado el 3 de marzo de 2021.",
         "Date changed: 4 de marzo de 2021 → 3 de marzo de 2021"),
        ("Es kamen vierzig Leute zu der Feier.", "Es kamen fünfundvierzig Leute zu der Feier.",
         "Number changed: vierzig → fünfundvierzig"),
        ("Die Preise sind um 3,5 Prozent gestiegen.", "Die Preise sind um 35 Prozent gestiegen.",
         "Number changed: 3,5 Prozent → 35 Prozent"),
        ("Les prix ont augmenté de quarante pour cent.", "Les prix ont augmenté de cinquante pour cent.",
         "Number changed: quarante pour cent → cinquante pour cent"),
        ("El gobierno pagó cuarenta y cinco millones.", "El gobierno pagó cuarenta millones.",
         "Number changed: cuarenta y cinco millones → cuarenta millones"),
    ],
)  # fmt: skip
def test_a_changed_fact_is_high(source: str, target: str, message: str) -> None:
    assert _checks(source, target) == [(message.split()[0].lower(), "changed", "high", message)]


@pytest.mark.parametrize(
    ("source", "target"),
    [
        ("Die Preise sind um 3,5 Prozent gestiegen.", "Die Preise sind um 3,5 % gestiegen."),
        (
            "Der Vertrag wurde am 4. März 2021 unterzeichnet.",
            "Am 4. März 2021 wurde der Vertrag unterzeichnet.",
        ),
        ("Le contrat a été signé le 4 mars.", "Le 4 mars, le contrat a été signé."),
    ],
)
def test_the_same_fact_in_other_words_is_not_flagged(source: str, target: str) -> None:
    assert _checks(source, target) == []


@pytest.mark.parametrize(
    ("source", "target"),
    [
        (
            "Er sagte: „Wir zahlen die Schulden nicht“, und ging.",
            "Er sagte: „Wir zahlen die Steuern nicht“, und ging.",
        ),
        ("Il a dit : « Nous paierons la dette » hier.", "Il a dit : « Nous paierons toute la dette » hier."),
        ("Dijo: «Pagaremos la deuda», y se fue.", "Dijo: «Pagaremos toda la deuda», y se fue."),
    ],
)
def test_an_altered_quotation_is_high(source: str, target: str) -> None:
    assert ("quotation", "altered", "high") in [c[:3] for c in _checks(source, target)]
