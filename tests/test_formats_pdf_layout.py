"""PDF paragraphs as typesetters lay them out: justified, ragged-right, in two columns, spaced or not."""

from __future__ import annotations

import random
import re

import pytest
from data.formats.make_fixtures import page_stream, pdf_document
from fpdf import FPDF
from fpdf.enums import MethodReturnValue

from alignment.formats import pdf as pdf_module
from alignment.formats.pdf import extract

_SUBJECTS = (
    "The committee",
    "Mayor Jane Doe",
    "The regional council",
    "A spokesman for the ministry",
    "Officials in Lyon",
    "The finance director",
    "Several residents",
    "The opposition leader",
)
_VERBS = ("said", "announced", "warned", "confirmed", "argued", "told reporters")
_CLAUSES = (
    "that the budget would be balanced by October at the latest",
    "that negotiations with the unions would resume next month",
    "that the bridge over the river had been closed for repairs",
    "that the new tram line would open before the winter holidays",
    "that nobody had been consulted before the decision was taken",
    "that the flooding of the northern districts had cost millions",
    "that schools would stay open despite the shortage of teachers",
)
_TAILS = (
    "",
    ", although few believed it",
    " on Tuesday",
    ", according to a statement published online",
    " after a long and often heated meeting",
    ", which surprised many observers",
)


def _prose(seed: int, paragraphs: int = 4, sentences: int = 5) -> list[str]:
    """Paragraphs of newspaper-like sentences, the same for the same seed."""
    rng = random.Random(seed)
    return [
        " ".join(
            f"{rng.choice(_SUBJECTS)} {rng.choice(_VERBS)} {rng.choice(_CLAUSES)}{rng.choice(_TAILS)}."
            for _ in range(sentences)
        )
        for _ in range(paragraphs)
    ]


def _pdf(paragraphs: list[str], *, align: str, leading: float, spacing: float, columns: int = 1) -> bytes:
    """The paragraphs set by fpdf2 in 11 pt Helvetica, lines `leading` mm apart, `spacing` mm between them."""
    pdf = FPDF()
    pdf.set_compression(False)
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    gutter = 10
    width = (pdf.epw - gutter * (columns - 1)) / columns
    per_column = len(paragraphs) // columns
    top = pdf.get_y()
    for column in range(columns):
        pdf.set_y(top)
        for paragraph in paragraphs[column * per_column : (column + 1) * per_column]:
            pdf.set_x(pdf.l_margin + column * (width + gutter))
            pdf.multi_cell(width, leading, paragraph, align=align)
            pdf.ln(spacing)
    return bytes(pdf.output())


def _wrapped_lines(paragraph: str, width: float) -> list[str]:
    """The lines fpdf2 wraps a paragraph into at the given width."""
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    return pdf.multi_cell(width, 6, paragraph, dry_run=True, output=MethodReturnValue.LINES)


def test_the_prose_wraps_lines_that_start_in_capitals() -> None:
    # A line starting in a capital is where a block-by-block rejoin cuts a paragraph in two.
    lines = [line for paragraph in _prose(1) for line in _wrapped_lines(paragraph, 0)[1:]]
    assert any(line[:1].isupper() for line in lines)


@pytest.mark.parametrize(
    ("leading", "spacing"),
    [(6, 4), (5, 4), (9.5, 0)],
    ids=["one-and-a-half-spaced", "single-spaced", "double-spaced-one-paragraph"],
)
def test_a_justified_pdf_keeps_its_paragraphs_whole_and_single_spaced(leading: float, spacing: float) -> None:
    paragraphs = _prose(1) if spacing else _prose(1, paragraphs=1, sentences=12)
    data = _pdf(paragraphs, align="J", leading=leading, spacing=spacing)
    assert re.search(rb"[1-9][\d.]* Tw", data), (
        "fpdf2 no longer stretches word spacing: the test lost its point"
    )
    assert extract(data) == "\n\n".join(paragraphs)


@pytest.mark.parametrize(("leading", "spacing"), [(6, 4), (5, 4)])
def test_a_ragged_right_pdf_keeps_its_paragraphs_whole(leading: float, spacing: float) -> None:
    paragraphs = _prose(2)
    assert extract(_pdf(paragraphs, align="L", leading=leading, spacing=spacing)) == "\n\n".join(paragraphs)


@pytest.mark.parametrize("align", ["J", "L"])
def test_two_columns_are_read_one_after_the_other(align: str) -> None:
    paragraphs = _prose(3, sentences=3)
    assert extract(_pdf(paragraphs, align=align, leading=5, spacing=4, columns=2)) == "\n\n".join(paragraphs)


def test_short_paragraphs_slightly_apart_stay_apart() -> None:
    # Most gaps here are between paragraphs, so the common gap is not the one between a paragraph's lines.
    paragraphs = _prose(4, paragraphs=12, sentences=1)
    lines = [len(_wrapped_lines(paragraph, 0)) for paragraph in paragraphs]
    assert sum(n - 1 for n in lines) < len(paragraphs) - 1 < 4 * sum(n - 1 for n in lines)
    assert extract(_pdf(paragraphs, align="J", leading=5, spacing=2)) == "\n\n".join(paragraphs)


def test_a_page_ending_a_sentence_ends_the_paragraph_even_before_lower_case() -> None:
    # Only a page break after an open sentence is a paragraph cut in two; "eBay" starts a new one.
    first = ["The sentence runs on past the end of the first page and is conti-"]
    second = ["nued on the second page, which closes it here."]
    third = ["eBay announced on Monday that it would close its offices in the north."]
    data = pdf_document([page_stream(first), page_stream(second), page_stream(third)])
    assert extract(data).split("\n\n") == [
        "The sentence runs on past the end of the first page and is continued on the second page, "
        "which closes it here.",
        third[0],
    ]


_ANY_COMPOUND = re.compile(r"[^\W\d_]+-[^\W\d_]+")
"""The plain reading of a hyphenated compound: from every letter it scans the word to its end and back."""


def test_compounds_are_found_in_one_pass_over_a_long_line() -> None:
    # A line of one long word (a PDF drawing 64 KB of letters took 47 s) is read once, not once per
    # letter; the compounds found are those of the plain reading.
    rng = random.Random(3)
    for _ in range(20_000):
        line = "".join(rng.choice("ab-- é1_ßx-") for _ in range(rng.randint(0, 14)))
        assert pdf_module._COMPOUND.findall(line) == _ANY_COMPOUND.findall(line), line
    long_word = "a" * 2_000_000
    assert pdf_module._COMPOUND.findall(f"{long_word} well-known {long_word}-{long_word[:3]}") == [
        "well-known",
        f"{long_word}-aaa",
    ]
