"""Fact extraction: numbers, dates, names and quotations with comparable values."""

import random
import re
from decimal import Decimal

import numpy as np
import pytest

from alignment import facts
from alignment.facts import (
    Capitals,
    Casing,
    capitals,
    casing_of,
    dates_compatible,
    names_match,
    quotations,
    sentence_facts,
)
from alignment.word_spans import code_points


def _facts(text: str, kind: str, casing: Casing | None = None) -> list[tuple[str, tuple]]:
    doc = _whole(text)
    (found,) = sentence_facts(doc, casing or casing_of([doc]))
    return [(f.text, f.value) for f in found if f.kind == kind]


def _whole(text: str, language: str = "english") -> Capitals:
    """A text read as one sentence."""
    return capitals(text, [(0, len(text))], language)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("It killed over 30 people.", ("", Decimal(30))),
        ("It killed thirty people.", ("", Decimal(30))),
        ("It killed thirty-five people.", ("", Decimal(35))),
        ("Support rose 30% this year.", ("%", Decimal(30))),
        ("Support rose 30 percent this year.", ("%", Decimal(30))),
        ("The fund holds $2 million now.", ("$", Decimal(2_000_000))),
        ("The fund holds 2,000,000 dollars now.", ("$", Decimal(2_000_000))),
        ("Inflation hit 3.50 points.", ("", Decimal("3.5"))),
    ],
)
def test_numbers_are_normalised(text: str, value: tuple) -> None:
    assert [v for _, v in _facts(text, "number")] == [value]


def test_the_pronoun_one_is_not_a_number() -> None:
    assert _facts("The name of the one was Orpah.", "number") == []
    assert [v for _, v in _facts("He had one son.", "number")] == [("", Decimal(1))]


@pytest.mark.parametrize(
    "text", ["It ends on Aug. 8 at noon.", "It ends on August 8 at noon.", "It ends on 8 August."]
)
def test_date_forms_compare_equal(text: str) -> None:
    values = [v for _, v in _facts(text, "date") if v[0] == "month"]
    assert values == [("month", "august", 8, None, None)]


def test_dates_weekdays_relative_days_and_years() -> None:
    values = [v for _, v in _facts("On Friday, last November and in 2024, yesterday at 10:30 a.m.", "date")]
    assert ("weekday", "friday", None) in values
    assert ("month", "november", None, None, "last") in values
    assert ("year", 2024) in values
    assert ("day", "yesterday") in values
    assert ("time", 10, 30) in values
    assert not any(v[0] == "number" for v in values)


@pytest.mark.parametrize(
    ("text", "kind", "value"),
    [
        ("They rest on Mondays.", "date", ("weekday", "monday", None)),
        ("It cost US$ 5 in all.", "number", ("$", Decimal(5))),
        ("It cost US$5 in all.", "number", ("$", Decimal(5))),
    ],
)
def test_a_word_starting_a_fact_is_read_whole(text: str, kind: str, value: tuple) -> None:
    assert [v for _, v in _facts(text, kind)] == [value]


def test_date_compatibility_ignores_missing_fields() -> None:
    assert dates_compatible(("month", "august", 8, None, None), ("month", "august", 8, 2025, None))
    assert not dates_compatible(("month", "august", 8, None, None), ("month", "august", 18, None, None))
    assert not dates_compatible(("weekday", "friday", None), ("weekday", "monday", None))


def test_may_the_verb_is_not_a_date() -> None:
    assert _facts("May I ask why you may not come?", "date") == []


def test_names_are_capitalised_runs_not_at_sentence_start() -> None:
    text = "Speaking in Minsk, U.S. President Donald Trump met Alexander Lukashenko. Lukashenko smiled."
    names = [t for t, _ in _facts(text, "name")]
    assert names == ["Minsk", "U.S. President Donald Trump", "Alexander Lukashenko", "Lukashenko"]
    assert "Speaking" not in names


def test_a_known_name_counts_at_a_sentence_start_and_common_words_do_not() -> None:
    other = "They met Naomi in town, and the town was quiet."
    text = "Naomi said, Town is far."
    casing = casing_of([_whole(text), _whole(other)])
    assert [t for t, _ in _facts(text, "name", casing)] == ["Naomi"]


def test_headlines_in_title_case_yield_only_known_names() -> None:
    body = "Yesterday Putin spoke."
    head = "Putin Praises Troop Advances"
    casing = casing_of([_whole(body), _whole(head)])
    assert [t for t, _ in _facts(head, "name", casing)] == ["Putin"]


def test_names_match_on_shared_and_derived_words() -> None:
    assert names_match(("vladimir", "putin"), ("putin",))
    assert names_match(("russia",), ("russian",))
    assert names_match(("bethlehem", "judah"), ("bethlehem", "judah"))
    assert not names_match(("lukashenko",), ("medvedev",))
    assert not names_match(("austria",), ("australia",))


def test_quotations_typographic_straight_and_nested() -> None:
    text = 'He said “we will ‘never’ stop,” and she said "It\'s ours." It’s Trump’s call.'
    found = [(q.text, q.value) for q in quotations(text)]
    assert ("we will ‘never’ stop,", ("we", "will", "never", "stop")) in found
    assert ("never", ("never",)) in found
    assert ("It's ours.", ("it's", "ours")) in found
    assert len(found) == 3


def test_quotation_spans_include_the_marks() -> None:
    text = "A “quote” here"
    (q,) = quotations(text)
    assert text[q.span[0] : q.span[1]] == "“quote”"


def test_quotation_reopened_in_next_paragraph_closes_at_paragraph_end() -> None:
    text = "“First part.\n\n“Second part,” he said."
    assert [q.text for q in quotations(text)] == ["First part.", "Second part,"]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("'Six days you shall work.", Decimal(6)),
        ("Costs rose (30%).", Decimal(30)),
        ("A mid-30 rise.", Decimal(30)),
    ],
)
def test_a_number_after_any_mark_is_found(text: str, value: Decimal) -> None:
    assert [v[1] for _, v in _facts(text, "number")] == [value]


def test_facts_stay_in_their_sentence() -> None:
    text = "It ends in March. 2020 was hard."
    doc = capitals(text, [(0, 17), (18, len(text))])
    first, second = sentence_facts(doc, casing_of([doc]))
    assert [f.value for f in first] == [("month", "march", None, None, None)]
    assert [f.value for f in second] == [("year", 2020)]


def test_a_capital_inside_a_word_starts_no_name() -> None:
    assert [t for t, _ in _facts("He bought an iPhone from McDonald in town.", "name")] == ["McDonald"]


@pytest.mark.parametrize(
    ("text", "placed"),
    [
        ("Ask Tom.", [("Ask", True), ("Tom", False)]),
        ("Ask him, Tom.", [("Ask", True), ("Tom", False)]),
        ("Ask him,      Tom.", [("Ask", True), ("Tom", False)]),  # a gap longer than read at once
        ("Ask him: Tom.", [("Ask", True), ("Tom", True)]),
        ("Ask him “Tom.”", [("Ask", True), ("Tom", True)]),
        ("  (Tom) asks.", [("Tom", True)]),
        ("The 3M plant, an iPhone.", [("The", True), ("M", False)]),  # after a figure, not a letter
        ("Dr. Tom asks.", [("Dr", True), ("Tom", False)]),
    ],
)
def test_each_capital_is_placed_by_what_stands_before_it(text: str, placed: list[tuple[str, bool]]) -> None:
    doc = _whole(text)
    assert list(zip(doc.words, doc.initial.tolist(), strict=True)) == placed


def _facts_in(language: str, text: str, kind: str) -> list[tuple[str, tuple]]:
    doc = _whole(text, language)
    (found,) = sentence_facts(doc, casing_of([doc]))
    return [(f.text, f.value) for f in found if f.kind == kind]


@pytest.mark.parametrize(
    ("language", "text", "value"),
    [
        ("german", "Die Preise stiegen um 3,5 Prozent.", ("%", Decimal("3.5"))),
        ("german", "Es kostet 3.500 Euro.", ("€", Decimal(3500))),
        ("english", "It costs 3,500 euros.", ("€", Decimal(3500))),
        ("french", "Les prix ont augmenté de 3,5 pour cent.", ("%", Decimal("3.5"))),
        ("spanish", "Los precios subieron un 3,5 por ciento.", ("%", Decimal("3.5"))),
        ("german", "Es kamen 2 Mio. Menschen.", ("", Decimal(2_000_000))),
        ("german", "Es kamen vierzig Leute.", ("", Decimal(40))),
        ("german", "Es kamen fünfundvierzig Leute.", ("", Decimal(45))),
        ("german", "Es kamen zweihundertdrei Leute.", ("", Decimal(203))),
        ("french", "Il y avait quatre-vingt-dix personnes.", ("", Decimal(90))),
        ("french", "Il y avait vingt et un enfants.", ("", Decimal(21))),
        ("french", "Il resta sept jours.", ("", Decimal(7))),
        ("spanish", "Vinieron cuarenta y cinco personas.", ("", Decimal(45))),
        ("spanish", "Vinieron veintiuno.", ("", Decimal(21))),
        ("spanish", "Costó dos mil veinte pesos.", ("", Decimal(2020))),
    ],
)
def test_numbers_follow_the_language(language: str, text: str, value: tuple) -> None:
    assert [v for _, v in _facts_in(language, text, "number")] == [value]


@pytest.mark.parametrize(
    ("language", "text"),
    [("german", "Ein Mann kam."), ("french", "Un homme est venu."), ("spanish", "Un hombre vino.")],
)
def test_an_article_is_not_a_number(language: str, text: str) -> None:
    assert _facts_in(language, text, "number") == []


@pytest.mark.parametrize(
    ("language", "text", "value"),
    [
        ("german", "Am 4. März 2021 begann es.", ("month", "march", 4, 2021, None)),
        ("french", "Le 4 mars 2021, tout commença.", ("month", "march", 4, 2021, None)),
        ("french", "Le 1er mai, tout commença.", ("month", "may", 1, None, None)),
        ("spanish", "El 4 de marzo de 2021 empezó.", ("month", "march", 4, 2021, None)),
        ("german", "Am Freitag kam er.", ("weekday", "friday", None)),
        ("french", "Il est venu vendredi.", ("weekday", "friday", None)),
        ("spanish", "Vino el viernes.", ("weekday", "friday", None)),
    ],
)
def test_dates_follow_the_language(language: str, text: str, value: tuple) -> None:
    assert [v for _, v in _facts_in(language, text, "date")] == [value]


def test_a_french_seven_is_no_september() -> None:
    assert _facts_in("french", "Il resta sept jours.", "date") == []


def test_a_german_month_is_no_name() -> None:
    assert _facts_in("german", "Der Vertrag gilt ab März.", "name") == []


@pytest.mark.parametrize(
    ("text", "inner"),
    [
        ("Er sagte: „Wir zahlen nicht“, und ging.", "Wir zahlen nicht"),
        ("Er sagte: »Wir zahlen nicht« und ging.", "Wir zahlen nicht"),
        ("Il a dit : « Nous ne paierons pas » hier.", " Nous ne paierons pas "),
        ("Il a dit : ‹ Nous ne paierons pas › hier.", " Nous ne paierons pas "),
        ("Dijo: «No pagaremos», y se fue.", "No pagaremos"),
    ],
)
def test_quotation_marks_of_other_languages(text: str, inner: str) -> None:
    assert [q.text for q in quotations(text)] == [inner]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ('a """""" b "c" d', [((11, 14), ("c",))]),
        (
            "He said “““““““““““ yes” and no",
            [((8 + k, 31), ("yes", "and", "no")) for k in range(7)] + [((15, 24), ("yes",))],
        ),
        ("“a ‘b ’’’’’ c’ d”", [((0, 17), ("a", "b", "c", "d")), ((3, 8), ("b",))]),
        ("“x " + "'" * 6 + " y' z”", [((0, 15), ("x", "y", "z")), ((6, 12), ("y",))]),
        ("„„„„„„„„„„ a", [((k, 12), ("a",)) for k in range(8)]),
        (
            "«a» »»»»»» b «c»",
            [((0, 3), ("a",))] + [((k, 16), ("b", "c")) for k in range(4, 9)] + [((9, 14), ("b",))],
        ),
        ("“Run on\n\n\n   “Again” here", [((0, 7), ("run", "on")), ((13, 20), ("again",))]),
        ("‘it’s ‘a’ x", [((0, 11), ("it's", "a", "x")), ((6, 9), ("a",))]),
    ],
)
def test_runs_of_one_mark_read_as_mark_by_mark(text: str, found: list[tuple[tuple[int, int], tuple]]) -> None:
    """Runs of a mark are skipped once a step changes nothing, and open quotations closed together
    share their words: the same quotations as reading every mark (recorded from that reading)."""
    assert [(f.span, f.value) for f in quotations(text)] == found


CAPITAL_PIECES = [
    " ", ".", "..", ",", "\n", "-", "'", "’", "_", "5", "U", "S", "A", "x", "U.S.", "A.B", "U.S.A.", "xU.S.",
    "iPhone", "McDonald", "Tom", "É", "é", "Ⅻ", "²", "𐐀", "𐐨", "ǅ", "ß", "ΣΑ",
]  # fmt: skip
"""Capitals alone and in words, initialisms, capitals beyond the Basic Multilingual Plane, a title case."""


def test_capitalised_words_are_the_finditer_of_a_capital_and_a_word() -> None:
    expected = re.compile(facts._UPPER + r"(?:(?<=[A-Z])\.(?:[A-Z]\.)+|[\w_’'-]*)")
    rng = random.Random(7)
    for _ in range(3000):
        text = "".join(rng.choice(CAPITAL_PIECES) for _ in range(rng.randint(0, 30)))
        codes = code_points(text)
        kind = facts._NAME_CLASSES(codes)
        a, b = facts._capitalised(text, codes, kind, facts.runs((kind & facts._NAME_CHAR) != 0))
        found = list(zip(a.tolist(), b.tolist(), strict=True))
        assert found == [m.span() for m in expected.finditer(text)], text


def test_a_name_ends_at_its_last_word_that_is_no_connector() -> None:
    text = "They walked to the Valley Of the kings, met De Witt Of Holland De and saw Da there."
    found = _facts(text, "name")
    assert found == [("Valley", ("valley",)), ("De Witt Of Holland", ("witt", "holland"))]


HEADLINE_PIECES = [
    " ", ", ", ".", "-", "'", "’", "3", "3rd", "U.S.", "Tom", "TOM", "tom", "of", "the", "into", "after",
    "afterwards", "vs", "and", "said", "x", "ǅ", "𐐀x", "é", "Éa", "_a",
]  # fmt: skip


def test_a_sentence_with_a_lower_case_word_no_headline_writes_is_no_headline() -> None:
    rng = random.Random(11)
    told = 0
    for _ in range(3000):
        text = "".join(rng.choice(HEADLINE_PIECES) for _ in range(rng.randint(0, 12)))
        codes = code_points(text)
        kind = facts._NAME_CLASSES(codes)
        words = facts.runs((kind & facts._NAME_CHAR) != 0)
        sentences = np.array([[0, len(text)], [1, max(1, len(text) - 1)]], np.int64)
        lower_words = facts._lower_word_in(kind, words, sentences).tolist()
        for (start, end), lower in zip(sentences.tolist(), lower_words, strict=True):
            assert not (lower and facts._headline(text, start, end)), text
            told += bool(lower) and facts._TITLE_CASE.match(text, start, end).end() < end
    assert told > 1000  # most texts hold such a word: they need no reading


def test_a_connector_or_a_line_break_joins_two_words_of_a_name() -> None:
    found = _facts("He ran the Bank of England and Bank\n  Leu, then met Tom and Ann.", "name")
    expected = [("Bank of England", ("bank", "england")), ("Bank\n  Leu", ("bank", "leu"))]
    assert found == [*expected, ("Tom", ("tom",)), ("Ann", ("ann",))]


def test_line_breaks_are_read_alike_in_short_and_long_runs_of_blanks(monkeypatch: pytest.MonkeyPatch) -> None:
    rng = random.Random(5)
    pieces = ["\n", " ", " " * 12, "\n" * 3, "\t", "“", "”", '"', "«", "a", "Go.", "'"]
    texts = ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 25))) for _ in range(500)]
    read = [facts._events(text) for text in texts]
    monkeypatch.setattr(facts, "_BLANKS_READ", 0)  # every run of blanks read at once
    for text, (where, bits) in zip(texts, read, strict=True):
        again = facts._events(text)
        assert where.tolist() == again[0].tolist() and bits.tolist() == again[1].tolist(), text
