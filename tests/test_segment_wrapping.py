"""The hard-wrap detector: lines typed at a fixed width are one text; other line breaks are the author's."""

from __future__ import annotations

from alignment.segment import segment

LISTED = [  # unpunctuated and 40 to 100 wide, but one line is far longer than the others: a list
    "Ingredients for the big family dinner on Sunday",
    "Potatoes, carrots and onions from the market stall",
    "Two chickens from the butcher on the corner of the high street by the station",
    "Bread",
]


def _texts(text: str) -> list[str]:
    return [text[s.start : s.end] for s in segment(text)]


def test_lines_of_uneven_width_are_not_hard_wrapped() -> None:
    assert _texts("\n".join(LISTED)) == LISTED


def test_lines_mostly_ending_in_full_stops_are_not_hard_wrapped() -> None:
    lines = [
        "The meeting opened at nine with a short word of welcome.",
        "Minutes of the last meeting were read and approved.",
        "Matters arising from the minutes of the March meeting",
        "The treasurer reported a small surplus for the year.",
        "The meeting closed at noon.",
    ]
    assert _texts("\n".join(lines)) == lines


def test_two_lines_are_too_few_to_tell_a_hard_wrap() -> None:
    lines = ["Report of the committee on the plans for the new town bridge", "The committee met on Tuesday."]
    assert _texts("\n".join(lines)) == lines


def test_a_line_ending_in_a_colon_is_not_wrapped_into_the_next() -> None:
    # Long, and the next line starts in lower case: only its final punctuation keeps them apart.
    lines = ["The committee agreed on the following points at length:", "the budget is balanced and approved"]
    assert _texts("\n".join(lines)) == lines


def test_each_paragraph_is_judged_hard_wrapped_on_its_own() -> None:
    wrapped = [
        "The committee met on Tuesday to discuss the plans for the",
        "new bridge over the river and agreed that the work should",
        "start in the spring if the money can be found by then",
    ]
    text = "\n".join(wrapped) + "\n\n" + "\n".join(LISTED) + "\n\n" + "\n".join(wrapped)
    paragraph = "\n".join(wrapped)
    assert _texts(text) == [paragraph, *LISTED, paragraph]
