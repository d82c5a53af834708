"""Dates moved by a rewrite: a date stated earlier in the story holds for the sentences after it."""

from alignment.checks import run_checks
from tests.test_checks import _pairs

_FILLER = [
    (f"The talks went on for hour {n} in the hall.", f"The talks went on for hour {n} in the hall.")
    for n in range(7)
]


def _dates(lede: tuple[str, str]) -> list[tuple[str, str, str]]:
    rows = [
        lede,
        *_FILLER,
        ("Putin insisted on Friday that he was open to peace.", "Putin insisted he was open to peace."),
    ]
    return [(c.change, c.severity, c.message) for c in run_checks(_pairs(*rows)) if c.kind == "date"]


def test_a_date_the_paraphrase_states_in_its_lede_is_not_dropped() -> None:
    assert _dates(("Putin spoke to reporters on Friday.", "On Friday, Putin spoke to reporters.")) == []


def test_another_date_in_the_lede_does_not_cover_it() -> None:
    lede = ("On Thursday, Putin spoke to reporters.", "On Thursday, Putin spoke to reporters.")
    assert _dates(lede) == [("dropped", "medium", "Date dropped: Friday")]
