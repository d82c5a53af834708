"""Quotations: rewordings matched to their source, quotation marks around reported speech, scale."""

from datetime import timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from alignment.checks import _Context, run_checks
from alignment.facts import _QUOTE_MARKS, quotation_words, quotations
from tests.test_checks import _pairs


def test_the_only_quotation_in_a_place_rewords_the_only_one_opposite() -> None:
    al = _pairs(("He called the plan “a disaster” and left.", "He called the plan “deeply flawed” and left."))
    assert [(c.kind, c.change, c.severity) for c in run_checks(al)] == [("quotation", "altered", "high")]


def test_marks_around_reported_speech_are_medium_and_grouped() -> None:
    al = _pairs(
        (
            "And he said unto them, Go in peace unto your houses.",
            "He said to them, “Go in peace to your houses.”",
        ),
        ("And she answered him, I shall come on the morrow.", "She answered him, “I will come tomorrow.”"),
    )
    checks = [c for c in run_checks(al) if c.kind == "quotation"]
    assert [(c.change, c.severity) for c in checks] == [("added", "medium")] * 2
    assert checks[0].group == checks[1].group != ""


def test_a_quotation_moved_into_the_pair_before_an_original_only_sentence_is_reworded_from_it() -> None:
    al = _pairs(
        ("He left the hall.", "He left the hall, calling the plan “a total disaster”."),
        ("He called the plan “a disaster” as he went.", None),
    )
    assert [(c.kind, c.change, c.pair) for c in run_checks(al)] == [("quotation", "altered", 0)]


def test_an_invented_quotation_beside_reported_speech_stays_high() -> None:
    al = _pairs(("He said the army would stay.", "He said: “We will never surrender.”"))
    assert [(c.change, c.severity) for c in run_checks(al)] == [("added", "high")]


def test_a_page_of_quotation_marks_is_checked_in_one_piece() -> None:
    from alignment.documents import document_from_text
    from alignment.model import Alignment, Kind, Pair, Sentence

    text = ('“a” "b" ‘c’ it’s “We said 30 times.” “' * 2000)[:60_000]
    other = text[::-1]
    al = Alignment(
        document_from_text(text),
        document_from_text(other),
        (Sentence(0, len(text), 0),),
        (Sentence(0, len(other), 0),),
        (Pair((0,), (0,), Kind.CHANGED, False, 0.5),),
    )
    checks = run_checks(al)
    assert checks and all(c.pair == 0 for c in checks)


def test_marks_around_words_the_original_states_over_several_sentences_are_reported_speech() -> None:
    al = _pairs(
        (
            "Take unto thee sweet spices, stacte, and onycha.",
            "“Take to yourself sweet spices, resin, and onycha.",
        ),
        (
            "Thou shalt make it a perfume, seasoned with salt.",
            "You shall make a perfume of it, seasoned with salt.”",
        ),
    )
    checks = [c for c in run_checks(al) if c.kind == "quotation"]
    assert [(c.change, c.severity, c.group) for c in checks] == [
        ("added", "medium", "quotation marks around reported speech")
    ]


def test_marks_around_stated_words_where_the_original_quotes_are_not_reported_speech() -> None:
    # The original marks its speech here: words it states beside it unmarked are not speech.
    unquoting = _pairs(("He said that the plan would fail badly.", "He said: “the scheme will fail badly.”"))
    quoting = _pairs(
        (
            "He said “no comment” and added that the plan would fail badly.",
            "He said “no comment” and added: “the scheme will fail badly.”",
        )
    )
    assert [(c.change, c.severity) for c in run_checks(unquoting)] == [("added", "medium")]
    assert [(c.change, c.severity) for c in run_checks(quoting)] == [("added", "high")]


def test_a_short_quotation_sharing_one_word_by_chance_is_invented() -> None:
    al = _pairs(
        (
            "In the days when the judges judged, there was a famine.",
            "In the days when the judges judged, “history will judge us,” there was a famine.",
        )
    )
    assert [(c.kind, c.change, c.severity) for c in run_checks(al)] == [("quotation", "added", "high")]


def test_a_straight_quotation_left_open_ends_where_the_next_one_opens() -> None:
    text = 'He said, "Go in peace. Then she answered, "Stay here," and left. A stray" mark.'
    assert [q.text for q in quotations(text)] == ["Go in peace. Then she answered, ", "Stay here,"]


def test_a_retranslated_speech_keeps_its_little_words_and_is_reported() -> None:
    al = _pairs(
        (
            "And he said unto them, What would ye that I should do for you?",
            "He said to them, “What do you want me to do for you?”",
        )
    )
    assert [(c.change, c.severity) for c in run_checks(al)] == [("added", "medium")]


def _quotations(*rows: tuple[str, str]) -> list[tuple[str, str, str]]:
    return [(c.change, c.severity, c.message) for c in run_checks(_pairs(*rows)) if c.kind == "quotation"]


@pytest.mark.parametrize(
    ("source", "target"),
    [
        ("Yet ye say, Wherefore?", "Yet you say, “Why?”"),
        ("Jesus answereth, Wilt thou lay down thy life?", "Jesus answered him, “Will you die for me?”"),
        ("It is bad, it is bad, saith the buyer.", "“It's no good, it's no good,” says the buyer."),
        ("Da sprach er zu ihnen: Geht hin in Frieden!", "Er sagte zu ihnen: „Verschwindet jetzt!“"),
        ("Et il leur dit : Allez en paix.", "Il leur dit : « Partez maintenant. »"),
    ],
)
def test_speech_the_original_reports_without_marks_is_retold_not_invented(source: str, target: str) -> None:
    (check,) = _quotations((source, target))
    assert check[:2] == ("added", "medium")
    assert check[2].startswith("Quotation marks added around reported speech")


def test_each_unmarked_speech_accounts_for_one_quotation_only() -> None:
    found = _quotations(
        (
            "And he said unto them, Who art thou?",
            "He said to them, “Who are you?” and added, “We will never surrender.”",
        )
    )
    assert sorted((severity, message.split("“")[1]) for _, severity, message in found) == [
        ("high", "We will never surrender”"),
        ("medium", "Who are you?”"),
    ]


def test_a_quotation_beside_speech_the_paraphrase_still_reports_unmarked_is_invented() -> None:
    found = _quotations(
        (
            "And he said unto them, Go in peace.",
            "And he said to them, Go in peace, adding, “We will never surrender.”",
        )
    )
    assert [(change, severity) for change, severity, _ in found] == [("added", "high")]


def test_a_quotation_no_verb_of_speech_stands_by_is_not_the_speech_the_original_reports() -> None:
    found = _quotations(
        ("And he said unto them, Go in peace.", "He let them go, and the crowd was “deeply moved”.")
    )
    assert [(change, severity) for change, severity, _ in found] == [("added", "high")]


def test_german_single_quotation_marks_hold_a_quotation() -> None:
    found = _quotations(
        (
            "Der Minister nannte die Lage am Montag ‚sehr ernst‘ und ging.",
            "Der Minister nannte die Lage am Montag ‚bedrohlich‘ und ging.",
        )
    )
    assert found == [("altered", "high", "Quotation altered: “sehr ernst” → “bedrohlich”")]


# Punctuation-heavy text: every kind of quotation mark, alone, in runs and around words, with line
# breaks that may reopen a quotation; what made the quotation reader quadratic once.
_PIECES = [*"“”„«»‹›\"‘’'‚", "\n", "\n\n", " \n ", " ", "a", "Go", "it’s", ".", ",", "(", "ß", "\u00a0"]
_marked = st.lists(
    st.tuples(st.sampled_from(_PIECES), st.sampled_from([1, 1, 1, 2, 3, 40])), max_size=80
).map(lambda runs: "".join(piece * count for piece, count in runs))
_fuzz = settings(
    max_examples=300, deadline=timedelta(seconds=5), suppress_health_check=[HealthCheck.too_slow]
)


@_fuzz
@given(_marked)
def test_quotations_are_nested_spans_of_marks_with_the_words_inside(text: str) -> None:
    found = quotations(text)
    spans = [q.span for q in found]
    assert spans == sorted(spans) and list(found) == [found[i] for i in range(len(found))]
    for q in found:
        a, b = q.span
        assert text[a] in _QUOTE_MARKS and q.text.strip() and q.value == quotation_words(q.text)
        assert q.text in (text[a + 1 : b], text[a + 1 : b - 1])  # a mark closes it, or what follows does
    for (_, b), (c, d) in zip(spans, spans[1:], strict=False):
        assert b <= c or d <= b  # one ends before the next opens, or holds it
    stack: list[int] = []
    for a, b in spans:  # at most eight deep
        stack = [end for end in stack if end > a] + [b]
        assert len(stack) <= 8


@_fuzz
@given(st.lists(_marked.filter(str.strip), min_size=1, max_size=6), st.integers(0, 2**16))
def test_each_quotation_belongs_to_the_pairs_its_span_overlaps(sentences: list[str], seed: int) -> None:
    # Sentences one-sided or paired in turn, so that quotations run on across pairs of each kind.
    rows = [(s, "x" if (seed >> k) & 1 else None) for k, s in enumerate(sentences)]
    ctx = _Context.of(_pairs(*rows))
    for side in ("source", "target"):
        quotes = ctx.quotes[side]
        assert ctx.quote_pairs(side) == [ctx.pairs_of(side, quotes[i].span) for i in range(len(quotes))]


def test_a_one_sided_sentence_states_the_quotations_that_stay_inside_one_sided_pairs() -> None:
    al = _pairs(
        ("He came home.", "He came home."),
        ("She said “stay” and “go on", None),
        ("and on” in the night.", "At night she spoke."),
        ("Later “silence” fell.", None),
    )
    dropped = [c.message for c in run_checks(al) if c.kind == "one-sided"]
    # “go on and on” runs on into a pair with both sides, where its own check reports it.
    assert dropped == [
        "Dropped from the original with stay: “She said “stay” and “go on”",
        "Dropped from the original with silence: “Later “silence” fell”",
    ]
