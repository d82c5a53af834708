"""Quotations: rewordings matched to their source, quotation marks around reported speech, scale."""

from alignment.checks import run_checks
from tests.test_checks import _pairs


def test_the_only_quotation_in_a_place_rewords_the_only_one_opposite() -> None:
    al = _pairs(("He called the plan “a disaster” and left.", "He called the plan “deeply flawed” and left."))
    assert [(c.kind, c.change, c.severity) for c in run_checks(al)] == [("quotation", "altered", "high")]
