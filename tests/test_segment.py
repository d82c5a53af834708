"""Sentence splitting: offsets, paragraphs, lines, abbreviations, quotes and other languages."""

import json
import re
from pathlib import Path

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from alignment.documents import paragraphs_of
from alignment.segment import _KINDS, _ends, _lines, _spaces, _wrapped, segment
from alignment.word_spans import code_points

DATA = Path(__file__).parent / "data"


def texts(text: str, mode: str = "sentences") -> list[str]:
    return [text[s.start : s.end] for s in segment(text, mode)]


@pytest.mark.parametrize("side, key", [("src", "src_units"), ("tgt", "tgt_units")])
def test_seed_gold_sentences_reproduced_exactly(side: str, key: str) -> None:
    text = (DATA / f"seed.{side}.txt").read_text(encoding="utf-8")
    gold = json.loads((DATA / "seed.gold.json").read_text(encoding="utf-8"))[key]
    assert [[s.start, s.end] for s in segment(text)] == gold


@pytest.mark.parametrize(
    "text, expected",
    [
        ("U.S. President Trump spoke. He left.", ["U.S. President Trump spoke.", "He left."]),
        ("The deadline is Aug. 8 this year. Fine.", ["The deadline is Aug. 8 this year.", "Fine."]),
        ("Mr. Smith met Dr. Jones. They talked.", ["Mr. Smith met Dr. Jones.", "They talked."]),
        ("Use tools, e.g. hammers. Or i.e. Nails.", ["Use tools, e.g. hammers.", "Or i.e. Nails."]),
        ("See No. 5 on the list. Done.", ["See No. 5 on the list.", "Done."]),
        ("J. R. R. Tolkien wrote it. Yes.", ["J. R. R. Tolkien wrote it.", "Yes."]),
        ("It rose 3.5 percent. Then fell.", ["It rose 3.5 percent.", "Then fell."]),
        ("The line of contact... in the east. Next.", ["The line of contact... in the east.", "Next."]),
        ("He paused… Then he spoke.", ["He paused…", "Then he spoke."]),
        (
            "“This is war. You can’t win,” he said. Fine.",
            ["“This is war.", "You can’t win,” he said.", "Fine."],
        ),
        ("“Why?” he asked. Nobody knew.", ["“Why?” he asked.", "Nobody knew."]),
        ("(See the annex.) Then go on.", ["(See the annex.)", "Then go on."]),
        ("He said: “It’s ours.” Then left.", ["He said: “It’s ours.”", "Then left."]),
    ],
)
def test_tricky_english_boundaries(text: str, expected: list[str]) -> None:
    assert texts(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Das ist z.B. ein Hund. Er bellt.", ["Das ist z.B. ein Hund.", "Er bellt."]),
        ("Am 3. Oktober war Feiertag. Alle feierten.", ["Am 3. Oktober war Feiertag.", "Alle feierten."]),
        ("M. Dupont est venu. Il a parlé.", ["M. Dupont est venu.", "Il a parlé."]),
        ("« C’est fini. » Il part.", ["« C’est fini. »", "Il part."]),
        ("¿Dónde está? ¡Aquí! Sra. López llegó.", ["¿Dónde está?", "¡Aquí!", "Sra. López llegó."]),
        ("今天下雨。明天晴天！好吗？", ["今天下雨。", "明天晴天！", "好吗？"]),
    ],
)
def test_other_languages(text: str, expected: list[str]) -> None:
    assert texts(text) == expected


def test_headings_captions_and_unpunctuated_lines_are_units() -> None:
    text = "A Headline Without Punctuation\n\nBody text here. More.\nCaption line\nOnce\nMonthly\n"
    assert texts(text) == [
        "A Headline Without Punctuation",
        "Body text here.",
        "More.",
        "Caption line",
        "Once",
        "Monthly",
    ]


def test_hard_wrapped_prose_is_joined() -> None:
    text = (
        "This paragraph was typed in a mail client that wraps\n"
        "lines at a fixed width so that every sentence runs on\n"
        "over the line ends and must be read as one. Second one\n"
        "here.\n"
    )
    assert len(texts(text)) == 2
    assert texts(text)[1] == "Second one\nhere."


def test_hard_wrapped_lines_join_even_before_a_capital() -> None:
    # Only the fixed-width detector joins line 1 to "Mayor" and line 3 to "October": both start with
    # a capital, which in unwrapped text would begin a new sentence or heading.
    text = (
        "The committee met in the old town hall on Tuesday and\n"
        "Mayor Jane Doe opened the session with a short speech\n"
        "about the budget, which she said would be balanced by\n"
        "October at the latest, before the council elections.\n"
    )
    assert texts(text) == [text.strip()]


def test_short_lines_stay_apart() -> None:
    text = "Roses are red\nViolets are blue\nSugar is sweet\nAnd so are you\n"
    assert texts(text) == ["Roses are red", "Violets are blue", "Sugar is sweet", "And so are you"]


FIVE_MB = 5 * 2**20


@pytest.mark.parametrize("run", [".", "!", "?", "…", "‽", "。", ".!?…", '?!".)…'])
def test_five_megabytes_of_punctuation_are_one_sentence(run: str) -> None:
    # Quadratic once: every dot rescanned the rest of the run, and 40k dots took over a minute.
    text = (run * (FIVE_MB // len(run)))[:FIVE_MB]
    assert [(s.start, s.end) for s in segment(text)] == [(0, len(text))]


def test_paragraph_index_and_offsets() -> None:
    text = "One. Two.\n\nThree.\n"
    sents = segment(text)
    assert [(s.start, s.end, s.paragraph) for s in sents] == [(0, 4, 0), (5, 9, 0), (11, 17, 1)]


def test_line_mode_takes_every_non_empty_line() -> None:
    text = "first line. still first\n\n  second  \nthird"
    assert texts(text, "lines") == ["first line. still first", "second", "third"]


def test_unknown_mode_is_rejected() -> None:
    with pytest.raises(ValueError):
        segment("x", "words")  # type: ignore[arg-type]


def test_a_day_number_ends_a_sentence_or_not_by_the_word_after_it_each_time() -> None:
    text = "Am 3. Oktober war es. Am 3. Dann ging er. Am 3. Oktober kam er."
    assert texts(text) == ["Am 3. Oktober war es.", "Am 3.", "Dann ging er.", "Am 3. Oktober kam er."]


SPACES = [" ", "\t", "\u00a0", "\u2028", "\x0b", "\x1c", "\u3000", "\n", "\n\n", "\r"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([*SPACES, "a", "B.", "x y", "。", "»"]), max_size=40).map("".join))
def test_lines_are_the_lines_without_their_whitespace(text: str) -> None:
    expected = []
    for p, (start, end) in enumerate(paragraphs_of(text)):
        for line in re.finditer(r"[^\n]+", text[start:end]):
            a, b = start + line.start(), start + line.end()
            stripped = text[a:b].strip()
            if stripped:
                a += len(text[a:b]) - len(text[a:b].lstrip())
                expected.append((a, a + len(stripped), p))
    assert [(s.start, s.end, s.paragraph) for s in segment(text, "lines")] == expected


def test_only_spaces_join_a_closing_guillemet_to_the_end_before_it() -> None:
    text = "« C’est fini.\t» Il part. « Oui.\u00a0» Non."
    assert texts(text) == ["« C’est fini.", "» Il part.", "« Oui.\u00a0»", "Non."]


def test_a_closing_guillemet_at_a_line_end_stays_with_its_sentence() -> None:
    # As inside a line: the line break after " »" is the whitespace that ends the sentence.
    assert texts("« C’est fini. »\nIl part. « Oui. »") == ["« C’est fini. »", "Il part.", "« Oui. »"]


# What segment._ends reads on the marks alone, as the regex it replaced (split per stretch of text).
END = re.compile(
    r"""([.!?…‽。！？؟۔](?:(?<=[.!?…‽])(?<![.!?…‽]{2})[.!?…]*+[\"'”’»)\]]*+(?:[ \u00a0]++»)?(?=\s|\Z)"""
    r"""|(?<=[。！？؟۔])[。！？!?؟۔]*+[」』”’）)]*+))(\s*+)"""
)
MARKS = [*".!?…‽。！？؟۔", *"\"'”’»)]」』）", " ", "  ", "\u00a0", "\t", "\n", "\n\n", "\u3000", "a", "B"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(MARKS), max_size=40).map("".join))
def test_ends_are_the_regex_ends(text: str) -> None:
    codes = code_points(text)
    kind = _KINDS(codes)
    spaces = _spaces(kind)
    starts, ends, raw = _lines(codes, spaces)
    assume(len(starts))
    paragraphs = [a for a, _ in paragraphs_of(text)]
    par = np.searchsorted(np.array(paragraphs, np.int64), starts, "right") - 1
    starts, ends, _ = _wrapped(kind, starts, ends, raw, par)
    expected = [
        (a + m.start(), a + m.end(1), a + m.end())
        for a, b in zip(starts.tolist(), ends.tolist(), strict=True)
        for m in END.finditer(text[a:b])
        if m.end() < b - a  # the next sentence starts inside the run
    ]
    found = _ends(codes, kind, spaces, starts, ends)
    assert list(zip(*(e.tolist() for e in found), strict=True)) == expected
