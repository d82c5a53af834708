"""Word-level changes inside pairs, with character spans on both sides."""

import numpy as np
import pytest

from alignment import Grade, Op, align, document_from_text
from alignment.tokens import Words
from alignment.worddiff import all_equal, diff_range, diff_words


def spans_text(text: str, span: tuple[int, int]) -> str:
    return text[span[0] : span[1]]


def test_replace_insert_delete_with_spans() -> None:
    _assert_replace_insert_delete_with_spans()


@pytest.mark.parametrize(
    "source, target", [("Stop. Go home", "Halt. Go home"), ("Go home now", "Go home later")]
)
def test_changes_are_all_equal_only_when_each_one_is(source: str, target: str) -> None:
    changes = diff_words(source, [(0, len(source))], target, [(0, len(target))])
    assert [c.op for c in changes].count(Op.EQUAL) == 1 and not all_equal(changes)
    assert all_equal(diff_words(source, [(0, len(source))], source, [(0, len(source))])) and all_equal(())


def test_words_are_compared_as_numbers_when_their_forms_outnumber_the_characters(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("alignment.worddiff._CHARACTERS", 1)
    _assert_replace_insert_delete_with_spans()


def test_forms_past_the_surrogates_are_characters_too() -> None:
    # More distinct forms than code points below the surrogates (words made up, not read: reading
    # 55,000 distinct words takes seconds).
    forms = [f"w{k}" for k in range(0xD800 + 100)]
    source, target = _made_up_words(forms), _made_up_words([*forms[:-1], "x"])
    changes = diff_range(source, 0, len(forms), target, 0, len(forms), 0, 0)
    last = (2 * len(forms) - 2, 2 * len(forms) - 1)
    assert [(c.op, c.source, c.target) for c in changes if c.op is not Op.EQUAL] == [(Op.REPLACE, last, last)]


def _made_up_words(forms: list[str]) -> Words:
    """Words of these forms, each one character long and followed by a space."""
    ends = [2 * k + 1 for k in range(len(forms))]
    return Words(
        [2 * k for k in range(len(forms))], ends, np.array(forms, object), np.array(forms, object),
        np.arange(len(forms)), [("", "")], np.zeros(len(forms) + 1, np.int64),
    )  # fmt: skip


def _assert_replace_insert_delete_with_spans() -> None:
    a = "The cat sat on the old mat."
    b = "The dog sat on the mat today."
    changes = diff_words(a, [(0, len(a))], b, [(0, len(b))])
    described = [(c.op, spans_text(a, c.source), spans_text(b, c.target)) for c in changes]
    assert described == [
        (Op.EQUAL, "The", "The"),
        (Op.REPLACE, "cat", "dog"),
        (Op.EQUAL, "sat on the", "sat on the"),
        (Op.DELETE, "old", ""),
        (Op.EQUAL, "mat", "mat"),
        (Op.INSERT, "", "today"),
    ]
    # An empty span sits where the missing words would stand.
    delete = changes[3]
    assert delete.target[0] == delete.target[1] == b.index(" mat")
    insert = changes[5]
    assert insert.source == (a.index("mat") + 3, a.index("mat") + 3)


def test_case_punctuation_and_number_forms_are_form_changes() -> None:
    a = "Trump’s Aug. 8 deadline, said Twelve."
    b = "trump's August 8 deadline said twelve"
    changes = diff_words(a, [(0, len(a))], b, [(0, len(b))])
    changed = [(spans_text(a, c.source), spans_text(b, c.target), c.grade) for c in changes if c.grade]
    assert changed == [
        ("Trump’s Aug", "trump's August", Grade.FORM),
        ("deadline", "deadline", Grade.FORM),
        ("Twelve", "twelve", Grade.FORM),
    ]
    assert all(c.grade is None for c in changes if c.op == Op.EQUAL)


def test_typographic_quotes_and_apostrophes_are_not_edits() -> None:
    a = "“It’s ours,” he said."
    b = '"It\'s ours," he said.'
    assert [c.op for c in diff_words(a, [(0, len(a))], b, [(0, len(b))])] == [Op.EQUAL]


def test_a_full_stop_that_moves_to_the_new_end_is_no_change() -> None:
    a, b = "The old mat.", "The mat today."
    changes = diff_words(a, [(0, len(a))], b, [(0, len(b))])
    assert [(c.op, spans_text(a, c.source)) for c in changes] == [
        (Op.EQUAL, "The"), (Op.DELETE, "old"), (Op.EQUAL, "mat"), (Op.INSERT, ""),
    ]  # fmt: skip


def test_pair_changes_cover_both_sentences() -> None:
    src = document_from_text("Putin praised the troops on Friday.")
    tgt = document_from_text("On Friday, Putin praised the soldiers.")
    pair = align(src, tgt).pairs[0]
    ops = [c.op for c in pair.changes]
    assert Op.EQUAL in ops and (Op.REPLACE in ops or Op.INSERT in ops)
    for c in pair.changes:
        assert 0 <= c.source[0] <= c.source[1] <= len(src.text)
        assert 0 <= c.target[0] <= c.target[1] <= len(tgt.text)
    kept = [spans_text(src.text, c.source) for c in pair.changes if c.op is Op.EQUAL]
    assert "Putin praised the" in kept


def test_words_have_one_start_and_end_each() -> None:
    from alignment.tokens import text_words, words

    w = text_words("  Mr. O’Neil paid $3,000.50 — 30% more! ", 1)
    assert len(w.starts) == len(w.ends) == len(w.norms) == 6
    assert w.norms == ["mr", "o'neil", "paid", "3000.50", "30%", "more"]
    assert words("ab cd.") == [(0, 2, "ab"), (3, 5, "cd")]


def test_punctuation_opening_a_word_inside_an_equal_run_is_a_form_change() -> None:
    a, b = "The cost (in dollars rose.", "The cost in dollars rose."
    changes = diff_words(a, [(0, len(a))], b, [(0, len(b))])
    assert [(c.op, spans_text(a, c.source), c.grade) for c in changes] == [
        (Op.EQUAL, "The cost", None), (Op.REPLACE, "in", Grade.FORM), (Op.EQUAL, "dollars rose", None),
    ]  # fmt: skip


def test_punctuation_opening_or_closing_an_equal_run_is_a_form_change() -> None:
    for a, b, word in (
        ("The cat (old sat.", "The dog old sat.", "old"),  # opens the run's first word
        ("“Stop now, he said.", "Stop now, he said.", "Stop"),  # ... the pair's first word
        ("He sat, quietly.", "He sat loudly.", "sat"),  # closes the run's last word
    ):
        changes = diff_words(a, [(0, len(a))], b, [(0, len(b))])
        assert (Op.REPLACE, word, word, Grade.FORM) in [
            (c.op, spans_text(a, c.source), spans_text(b, c.target), c.grade) for c in changes
        ]


def test_words_dropped_or_added_at_a_pairs_start_sit_at_its_sentences_start() -> None:
    src = document_from_text("The sun rose over the hills. Then Anna left the house quietly.")
    tgt = document_from_text("The sun rose over the hills. Anna left the house quietly.")
    pair = align(src, tgt).pairs[1]
    assert (pair.changes[0].op, spans_text(src.text, pair.changes[0].source)) == (Op.DELETE, "Then")
    assert pair.changes[0].target == (tgt.text.index("Anna"),) * 2
    back = align(tgt, src).pairs[1]
    assert back.changes[0].op is Op.INSERT and back.changes[0].source == (tgt.text.index("Anna"),) * 2


def test_words_of_several_spans_keep_their_own_forms_and_punctuation() -> None:
    # Each span numbers its distinct words and gaps from 0: "Dogs" is not the first span's "Cats", nor
    # the second span's "; " the first one's ", ".
    source, target = "Cats purr. Dogs purr.", "cats purr. Hounds purr."
    changes = diff_words(source, [(0, 10), (11, 21)], target, [(0, len(target))])
    graded = [(spans_text(source, c.source), spans_text(target, c.target), c.grade) for c in changes]
    assert ("Cats", "cats", Grade.FORM) in graded and ("Dogs", "Hounds", Grade.MEANING) in graded
    source = target = "Sit, down. Sit; down."
    changes = diff_words(source, [(0, 10), (11, 21)], target, [(0, len(target))])
    # Only what closes the first span differs: the second span's start, no full stop, stands there.
    assert [spans_text(source, c.source) for c in changes if c.op is not Op.EQUAL] == ["down"]
