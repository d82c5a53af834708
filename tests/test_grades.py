"""Grades of word changes: form, wording and meaning, in the model and in `align --json`."""

import json
from pathlib import Path

import numpy as np
import pytest

from alignment import Grade, Op, align, document_from_text
from alignment.cli import main
from alignment.grades import Grader
from alignment.tokens import Lexicon, text_words
from alignment.worddiff import _GRADES, _RANGES, diff_pairs, diff_range


def graded(source: str, target: str) -> list[tuple[str, str, Grade]]:
    """The non-equal changes of a one-sentence pair as (source words, target words, grade)."""
    a = align(document_from_text(source), document_from_text(target))
    (pair,) = a.pairs
    return [
        (a.source.text[c.source[0] : c.source[1]], a.target.text[c.target[0] : c.target[1]], c.grade)
        for c in pair.changes
        if c.op is not Op.EQUAL
    ]


def grade_of(source: str, target: str, words: str) -> Grade:
    """The grade of the change whose source (or, for an insertion, target) words are ``words``."""
    return next(g for s, t, g in graded(source, target) if words in (s, t))


@pytest.fixture(scope="module")
def seed_json(data_dir_module: Path) -> dict:
    """`paralign align --json` on the bundled seed pair."""
    return _seed_json(data_dir_module)


def _seed_json(data_dir: Path) -> dict:
    import contextlib
    import io

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["align", str(data_dir / "seed.src.txt"), str(data_dir / "seed.tgt.txt"), "--json"]) == 0
    return json.loads(out.getvalue())


@pytest.fixture(scope="module")
def data_dir_module() -> Path:
    return Path(__file__).parent / "data"


def _seed_change(data: dict, source_words: str) -> list[tuple[str, str, str]]:
    """Every change (source words, target words, grade) of the seed pair whose original holds the words."""
    src, tgt = data["source"]["text"], data["target"]["text"]
    sentences = data["source"]["sentences"]
    found = []
    for pair in data["pairs"]:
        if (
            pair["source"]
            and source_words
            in src[sentences[pair["source"][0]]["start"] : sentences[pair["source"][-1]]["end"]]
        ):
            found += [
                (src[c["source"][0] : c["source"][1]], tgt[c["target"][0] : c["target"][1]], c.get("grade"))
                for c in pair["changes"]
                if c["op"] != "equal"
            ]
    return found


def test_json_grades_every_change_but_equal_ones(seed_json: dict) -> None:
    changes = [c for p in seed_json["pairs"] for c in p["changes"]]
    assert {c["grade"] for c in changes if c["op"] != "equal"} == {"form", "wording", "meaning"}
    assert all("grade" not in c for c in changes if c["op"] == "equal")


def test_seed_abbreviated_month_is_form(seed_json: dict) -> None:
    assert ("Aug", "August", "form") in _seed_change(seed_json, "Aug. 8")


def test_seed_synonym_is_wording(seed_json: dict) -> None:
    assert ("troops", "forces", "wording") in _seed_change(seed_json, "Our troops are advancing")


def test_seed_summer_offensive_changes_meaning(seed_json: dict) -> None:
    changes = _seed_change(seed_json, "summer offensive")
    assert any("summer" in s and "current military" in t and g == "meaning" for s, t, g in changes)


def test_case_inflection_spelling_and_numbers_are_form() -> None:
    assert (
        grade_of("The Colour of the walls was grey.", "The color of the walls was grey.", "Colour")
        is Grade.FORM
    )
    assert grade_of("She walked three miles home.", "She walked 3 miles home.", "three") is Grade.FORM
    assert grade_of("He sold the old houses today.", "He sold the old house today.", "houses") is Grade.FORM
    assert (
        grade_of("Whither thou goest, I will go.", "Whither you go, I will go.", "thou goest") is Grade.FORM
    )


def test_a_contraction_is_not_its_bare_word() -> None:
    assert graded("It’s ours, he said.", "It ours, he said.")[0][:2] == ("It’s", "It")
    assert graded("It’s ours, he said.", "It ours, he said.")[0][2] is not Grade.FORM


def test_punctuation_alone_makes_a_pair_changed_with_a_form_change() -> None:
    a = align(document_from_text("Stop."), document_from_text("Stop?"))
    assert a.pairs[0].kind == "changed"
    assert [(c.op, c.grade) for c in a.pairs[0].changes] == [(Op.REPLACE, Grade.FORM)]
    b = align(document_from_text("It's over."), document_from_text("It over."))
    assert b.pairs[0].kind == "changed"


def test_the_same_sentence_stays_same() -> None:
    a = align(document_from_text("“It’s over,” she said."), document_from_text('"It\'s over," she said.'))
    assert a.pairs[0].kind == "same" and a.pairs[0].score == 1.0


def test_facts_are_never_wording() -> None:
    assert (
        grade_of("The talks ended on Monday evening.", "The talks ended on Tuesday evening.", "Monday")
        is Grade.MEANING
    )
    assert (
        grade_of("About 30 people were hurt there.", "About 31 people were hurt there.", "30")
        is Grade.MEANING
    )
    assert grade_of("He met Smith in the city.", "He met Jones in the city.", "Smith") is Grade.MEANING


def test_negation_added_is_meaning_but_moved_is_wording() -> None:
    assert (
        grade_of("The council approved the plan.", "The council not approved the plan.", "not")
        is Grade.MEANING
    )
    assert grade_of("Go not to glean there.", "Don't go to glean there.", "Go not") is Grade.WORDING


def test_light_function_words_are_wording_sense_words_are_not() -> None:
    assert (
        grade_of("He walked into the house slowly.", "He walked into a house slowly.", "the") is Grade.WORDING
    )
    assert grade_of("You may leave the room now.", "You must leave the room now.", "may") is Grade.MEANING


def test_content_added_is_meaning() -> None:
    assert (
        grade_of("The army crossed the river.", "The army crossed the frozen river.", "frozen")
        is Grade.MEANING
    )


def test_facts_stay_meaning_even_when_the_model_calls_every_word_alike() -> None:
    def alike(words: list[str]) -> np.ndarray:
        return np.full((len(words), 4), 0.5, dtype=np.float32)

    def grades(source: str, target: str) -> list[Grade | None]:
        a, b = text_words(source), text_words(target)
        grader = Grader(Lexicon(), alike)
        changes = diff_range(a, 0, len(a.norms), b, 0, len(b.norms), 0, 0, grader)
        return [c.grade for c in changes if c.op is not Op.EQUAL]

    assert grades("He met Smith in the city.", "He met Jones in the city.") == [Grade.MEANING]
    assert grades("It rose 30 percent.", "It rose 31 percent.") == [Grade.MEANING]
    assert grades("The army crossed the river.", "The forces crossed the river.") == [Grade.WORDING]


def _alike(words: list[str]) -> np.ndarray:
    """A model that calls every word like every other."""
    return np.full((len(words), 4), 0.5, dtype=np.float32)


def _graded_pairs(sources: list[str], targets: list[str]) -> list[list[tuple[str, str, Grade | None]]]:
    """The non-equal changes of sentence pairs graded in one batch (one grader, as a book is)."""
    a, b = " ".join(sources), " ".join(targets)
    wa, wb = text_words(a), text_words(b)
    bounds = []
    for sa, sb in zip(sources, targets, strict=True):
        ia, ib = (
            a.index(sa, bounds[-1][4] + 1 if bounds else 0),
            b.index(sb, bounds[-1][5] + 1 if bounds else 0),
        )
        bounds.append((*wa.between(ia, ia + len(sa)), *wb.between(ib, ib + len(sb)), ia, ib))
    return [
        [
            (a[c.source[0] : c.source[1]], b[c.target[0] : c.target[1]], c.grade)
            for c in changes
            if c.op != "equal"
        ]
        for changes in diff_pairs(wa, wb, bounds, Grader(Lexicon(), _alike))
    ]


def test_a_change_repeated_in_a_book_is_graded_where_it_stands() -> None:
    # The same change is a light word at a sentence's start and a name inside one.
    assert _graded_pairs(
        ["The dog barked at night.", "We watched The Ring again."],
        ["A dog barked at night.", "We watched A Ring again."],
    ) == [[("The", "A", Grade.WORDING)], [("The", "A", Grade.MEANING)]]


def test_a_word_dropped_again_is_graded_by_its_own_pair() -> None:
    # "troops" said again as "forces" in the first pair, gone in the second.
    assert _graded_pairs(
        ["The troops crossed the river.", "The troops crossed the river."],
        ["The crossed the river forces.", "The crossed the river."],
    ) == [
        [("troops", "", Grade.WORDING), ("", "forces", Grade.WORDING)],
        [("troops", "", Grade.MEANING)],
    ]


def test_a_negation_dropped_again_is_graded_by_its_own_pair() -> None:
    # "not" moves to "didn't" in the first pair; in the second it is gone.
    assert _graded_pairs(
        ["Go not there, he said.", "She was not at home."], ["Go there, he didn't say.", "She was at home."]
    ) == [
        [("not", "", Grade.WORDING), ("said", "didn't say", Grade.WORDING)],
        [("not", "", Grade.MEANING)],
    ]


def test_diffing_pairs_reports_its_progress() -> None:
    words = text_words("One two. Three four.")
    done: list[float] = []
    diff_pairs(words, words, [(0, 2, 0, 2, 0, 0), (2, 4, 2, 4, 9, 9)], Grader(Lexicon()), done.append)
    # From the start, in every step (finding the ranges, grading, spans), never past the end.
    assert done[0] == 0 and done == sorted(done) and done[-1] <= 1
    graded = _RANGES + _GRADES
    assert any(_RANGES < d < graded for d in done) and any(graded < d < 1 for d in done)


def test_a_light_word_replaced_by_a_content_word_adds_content_even_to_a_model_calling_all_alike() -> None:
    # "the" has no content of its own: nothing in the pair says "frozen" again.
    assert _graded_pairs(["They crossed the river."], ["They crossed frozen river."]) == [
        [("the", "frozen", Grade.MEANING)]
    ]


def test_facts_and_sense_words_only_the_paraphrase_has_are_meaning_to_a_model_calling_all_alike() -> None:
    assert _graded_pairs(
        ["It rose by percent.", "He met the man there.", "They go home."],
        ["It rose by 31 percent.", "He met Jones there.", "They must go home."],
    ) == [
        [("", "31", Grade.MEANING)],
        [("the man", "Jones", Grade.MEANING)],
        [("", "must", Grade.MEANING)],
    ]


def test_a_capital_opening_a_quotation_or_a_sentence_is_no_name() -> None:
    assert _graded_pairs(['He said, "The dog barked."'], ['He said, "A dog barked."']) == [
        [("The", "A", Grade.WORDING)]
    ]
    assert _graded_pairs(["He came. The dog barked."], ["He came. A dog barked."]) == [
        [("The", "A", Grade.WORDING)]
    ]


def test_words_spaced_otherwise_are_form() -> None:
    assert grade_of("We walk there every day.", "We walk there everyday.", "every day") is Grade.FORM


class _Vectors:
    """A model with these vectors for some words and a vector of its own, unlike any other, for the rest."""

    def __init__(self, vectors: dict[str, list[float]]) -> None:
        self._vectors = {w: np.array(v, np.float32) for w, v in vectors.items()}
        self._others: dict[str, int] = {}

    def __call__(self, words: list[str]) -> np.ndarray:
        rows = np.zeros((len(words), 64), np.float32)
        for k, w in enumerate(words):
            if w in self._vectors:
                rows[k, : len(self._vectors[w])] = self._vectors[w]
            else:
                rows[k, 8 + self._others.setdefault(w, len(self._others))] = 1.0
        return rows


def _graded_with(model: _Vectors, source: str, target: str) -> list[tuple[str, str, Grade | None]]:
    """The non-equal changes of one sentence pair graded with this model."""
    a, b = text_words(source), text_words(target)
    changes = diff_range(a, 0, len(a.norms), b, 0, len(b.norms), 0, 0, Grader(Lexicon(), model))
    return [(source[c.source[0] : c.source[1]], target[c.target[0] : c.target[1]], c.grade) for c in changes]


def test_a_replacement_whose_words_are_alike_only_as_phrases_is_wording() -> None:
    # Each word of one side is 0.35 like each of the other (under WORDING_SIMILARITY), their means alike.
    model = _Vectors({"tall": [1, 0, 0], "towers": [0, 1, 0], "gleaming": [0.35, 0.35, 0.87]})
    model._vectors["spires"] = np.array([0.35, 0.35, -0.87], np.float32)
    assert _graded_with(model, "They saw tall towers.", "They saw gleaming spires.")[1] == (
        "tall towers",
        "gleaming spires",
        Grade.WORDING,
    )
    assert _graded_with(model, "They saw tall towers.", "They saw gleaming domes.")[1][2] is Grade.MEANING


def test_a_word_whose_stem_both_sides_replace_is_no_partner() -> None:
    # "cities" and "city" share their stem: what is left, "old" → "gates", says something else, though
    # the phrases with them would be alike.
    model = _Vectors({"cities": [1, 0], "city": [1, 0], "old": [0, 1]})
    assert _graded_with(model, "We saw the old cities.", "We saw the city gates.")[1] == (
        "old cities",
        "city gates",
        Grade.MEANING,
    )


_OPPOSITES = {"alpha": [1.0], "beta": [-1.0], "gamma": [1.0], "delta": [-1.0]}
"""Two words alike two others one by one, whose phrases (their means) are no vector at all."""


def test_a_replacement_partnered_word_by_word_both_ways_is_wording_though_its_phrases_differ() -> None:
    model = _Vectors(_OPPOSITES)
    assert _graded_with(model, "We saw alpha beta there.", "We saw gamma delta there.")[1] == (
        "alpha beta",
        "gamma delta",
        Grade.WORDING,
    )
    assert _graded_with(model, "We saw alpha beta there.", "We saw gamma omega there.")[1][2] is Grade.MEANING


def test_every_word_pair_is_compared_however_few_are_taken_per_step(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("alignment.grades._SIMILAR_CHUNK", 1)
    assert _graded_with(_Vectors(_OPPOSITES), "We saw alpha beta there.", "We saw gamma delta there.")[1][
        2
    ] is (Grade.WORDING)
