"""Negation, modal force and hedges: what a rewrite flipped, robust to rewording around it."""

import pytest

from alignment.checks import run_checks
from alignment.documents import document_from_text
from alignment.model import Alignment, Kind, Pair, Sentence
from tests.test_checks import _pairs


def _shifts(source: str, target: str) -> list[tuple[str, str, str, str]]:
    al = _pairs((source, target))
    return [
        (c.kind, c.change, c.severity, c.message)
        for c in run_checks(al)
        if c.kind in ("negation", "modality")
    ]


@pytest.mark.parametrize(
    ("source", "target", "change", "word"),
    [
        (
            "Officials have said they will give aid.",
            "Officials have not said they will give aid.",
            "added",
            "not",
        ),
        ("It was not possible to leave the city.", "Leaving the city was possible.", "removed", "not"),
        ("The plan will work.", "The plan won't work.", "added", "won't"),
        ("He never paid the fine.", "He paid the fine.", "removed", "never"),
        (
            "Die Regierung hat die Hilfe nicht bewilligt.",
            "Die Regierung hat die Hilfe bewilligt.",
            "removed",
            "nicht",
        ),
        (
            "Le gouvernement ne paiera pas les salaires.",
            "Le gouvernement paiera les salaires.",
            "removed",
            "ne",
        ),
        ("El gobierno no pagará los salarios.", "El gobierno pagará los salarios.", "removed", "no"),
        (
            "Sie haben das Geld gezahlt und sind gegangen.",
            "Sie haben kein Geld gezahlt und sind gegangen.",
            "added",
            "kein",
        ),
    ],
)
def test_a_negation_flip_is_high(source: str, target: str, change: str, word: str) -> None:
    assert _shifts(source, target) == [("negation", change, "high", f"Negation {change}: {word}")]


def test_the_check_points_at_the_negation() -> None:
    al = _pairs(("The talks have failed.", "The talks have not failed."))
    (check,) = run_checks(al)
    assert al.target.text[slice(*check.target)] == "not"
    assert al.source.text[slice(*check.source)] == "The talks have failed."


@pytest.mark.parametrize(
    ("source", "target"),
    [
        ("They didn't agree, the minister said.", "The minister said they did not agree."),
        ("It isn't possible to leave.", "Leaving is not possible at all."),
        ("Il ne vient jamais ici.", "Il ne vient pas ici."),
        ("El gobierno no ha dicho nada.", "El gobierno nunca dijo nada."),
        ("Nobody came to the meeting.", "No one came to the meeting."),
    ],
)
def test_rewording_around_a_negation_is_not_a_flip(source: str, target: str) -> None:
    assert _shifts(source, target) == []


def test_a_negated_clause_dropped_whole_is_not_a_flip() -> None:
    source = "He will not do iniquity; every morning he brings his justice to light."
    assert _shifts(source, "Every morning he brings his justice to light.") == []


@pytest.mark.parametrize(
    ("source", "target", "message"),
    [
        ("The army will take the town.", "The army may take the town.", "Modal weakened: will → may"),
        ("It always rains in spring.", "It often rains in spring.", "Modal weakened: always → often"),
        ("You must pay the tax.", "You can pay the tax.", "Modal weakened: must → can"),
        ("The bridge could collapse.", "The bridge will collapse.", "Modal strengthened: could → will"),
        ("Police said he fled.", "Police said he allegedly fled.", "Hedge added: allegedly"),
        (
            "The ministry claimed it took the town.",
            "The ministry said it took the town.",
            "Hedge removed: claimed",
        ),
    ],
)
def test_modal_force_and_hedges_are_medium(source: str, target: str, message: str) -> None:
    assert [(s[0], s[2], s[3]) for s in _shifts(source, target)] == [("modality", "medium", message)]


@pytest.mark.parametrize(
    ("source", "target"),
    [
        ("Thou shalt go.", "You will go."),  # both strong
        ("He might come.", "He may come."),  # both weak
        ("He will come tomorrow.", "He comes tomorrow."),  # a modal dropped is a rewording
    ],
)
def test_modals_of_the_same_force_are_not_flagged(source: str, target: str) -> None:
    assert _shifts(source, target) == []


@pytest.mark.parametrize(
    ("source", "target", "change", "word"),
    [
        ("Never pay the fine twice.", "Pay the fine twice.", "removed", "never"),
        ("Don't pay the fine twice.", "Pay the fine twice.", "removed", "don't"),
        ("Nicht zahlen die Bauern.", "Zahlen die Bauern.", "removed", "nicht"),
    ],
)
def test_a_negation_opening_the_text_counts(source: str, target: str, change: str, word: str) -> None:
    assert _shifts(source, target) == [("negation", change, "high", f"Negation {change}: {word}")]


@pytest.mark.parametrize(
    ("source", "target"),
    [
        ("They were like sheep not having a shepherd.", "They were like sheep without a shepherd."),
        ("Are ye also even yet without understanding?", "Do you also still not understand?"),
        ("Take heed lest he fall.", "Be careful that he doesn't fall."),
        (
            "Er ging aus dem Haus, ohne die Rechnung zu zahlen.",
            "Er ging aus dem Haus und zahlte die Rechnung nicht.",
        ),
        ("Il est parti de la ville sans payer.", "Il est parti de la ville et il n'a pas payé."),
        ("Se fue de la ciudad sin pagar la cuenta.", "Se fue de la ciudad y no pagó la cuenta."),
    ],
)
def test_a_word_that_negates_without_saying_not_answers_a_negation(source: str, target: str) -> None:
    assert _shifts(source, target) == []


@pytest.mark.parametrize(
    ("source", "target"),
    [
        ("Lay them up without the camp.", "Lay them up outside the camp."),
        ("Take heed lest he fall.", "Take heed, so that he falls not into the pit of his enemies."),
    ],
)
def test_a_word_that_negates_without_saying_not_is_never_reported_itself(source: str, target: str) -> None:
    assert [s for s in _shifts(source, target) if s[1] == "removed"] == []


@pytest.mark.parametrize(
    ("source", "target"),
    [
        (
            "While they still disbelieved for joy, he spoke.",
            "While they still didn't believe for joy, he spoke.",
        ),
        ("The road was impassable in winter.", "The road was not passable in winter."),
        ("Le chemin était inconnu des soldats.", "Le chemin n'était pas connu des soldats."),
        ("Der Weg war den Soldaten unbekannt.", "Der Weg war den Soldaten nicht bekannt."),
        ("El camino era desconocido para los soldados.", "El camino no era conocido para los soldados."),
    ],
)
def test_a_word_negated_by_its_prefix_answers_a_negation(source: str, target: str) -> None:
    assert _shifts(source, target) == []


@pytest.mark.parametrize(
    ("source", "target"),
    [
        ("Pilate answered, Am I a Jew?", "Pilate answered, I'm not a Jew, am I?"),
        ("Will he give him a scorpion?", "He won't give him a scorpion, will he?"),
        ("Kommt der Bauer morgen mit?", "Der Bauer kommt morgen nicht mit, oder?"),
        ("Le fermier vient-il demain ?", "Le fermier ne vient pas demain, n'est-ce pas ?"),
        ("¿Viene el campesino mañana?", "El campesino no viene mañana, ¿verdad?"),
    ],
)
def test_a_negation_a_tag_question_asks_with_is_no_flip(source: str, target: str) -> None:
    assert _shifts(source, target) == []


def test_a_negation_going_on_with_one_before_it_adds_none() -> None:
    source = "Thou shalt not fear the terror by night, Nor the arrow by day; For the pestilence in darkness."
    target = "You shall not fear the terror by night, Nor the arrow by day; Nor the pestilence in darkness."
    assert _shifts(source, target) == []


def test_a_negation_going_on_with_none_before_it_counts() -> None:
    assert _shifts("He will pay the fine.", "Neither will he pay the fine.") == [
        ("negation", "added", "high", "Negation added: neither")
    ]


def test_a_weakened_modal_is_pointed_at_among_others_of_its_word() -> None:
    source = "They will return the land to us soon, that I also may be of good comfort."
    target = "They may return the land to us soon, so that I may be comforted."
    al = _pairs((source, target))
    (check,) = [c for c in run_checks(al) if c.kind == "modality"]
    assert check.message == "Modal weakened: will → may"
    assert check.target == (target.index("may"), target.index("may") + 3)


def test_a_negation_put_before_a_verb_in_another_form_is_a_flip() -> None:
    assert _shifts("Naomi selleth the parcel of land.", "Naomi is not selling the parcel of land.") == [
        ("negation", "added", "high", "Negation added: not")
    ]


def test_a_modal_weakened_where_another_modal_keeps_the_count_is_flagged() -> None:
    source = "The king said they must leave the city at dawn."
    target = "The king said they can leave the city at dawn, and he will give them bread."
    assert [(s[0], s[3]) for s in _shifts(source, target)] == [("modality", "Modal weakened: must → can")]


def test_a_modal_weakened_while_another_is_strengthened_is_flagged() -> None:
    source = "The king said they must leave the city at dawn, and he may give them bread."
    target = "The king said they can leave the city at dawn, and he will give them bread."
    assert [(s[0], s[3]) for s in _shifts(source, target)] == [("modality", "Modal weakened: must → can")]


def test_a_modal_the_paraphrase_keeps_beside_a_weaker_one_is_not_weakened() -> None:
    assert (
        _shifts(
            "They must leave the city at dawn.", "They must leave the city at dawn; they can leave by boat."
        )
        == []
    )


def test_the_flip_pointed_at_is_the_negation_whose_clause_the_original_restates() -> None:
    source = "Be doers of the word, and not hearers (the old bridge was open) only."
    target = "Be doers of the word, and not only hearers (the old bridge was not open)."
    al = _pairs((source, target))
    (check,) = [c for c in run_checks(al) if c.kind == "negation"]
    assert check.target == (target.rindex("not"), target.rindex("not") + 3)


def test_modals_reworded_apart_among_several_are_not_a_change_of_force() -> None:
    source = "Though I might also have confidence, if any man thinketh he might trust in the flesh, I more."
    target = (
        "Even though I myself might have confidence, they say that we will win; if any man has faith, I more."
    )
    assert _shifts(source, target) == []


def test_the_only_modal_of_each_side_changed_in_force_is_flagged_whatever_it_bears_on() -> None:
    assert [s[3] for s in _shifts("The army will take the town.", "Troops may seize the town.")] == [
        "Modal weakened: will → may"
    ]


def test_a_modal_strengthened_beside_another_is_found_by_what_it_bears_on() -> None:
    source = "They may leave the city, and we might win the war."
    target = "They will leave the city, and we might win the war."
    assert [s[3] for s in _shifts(source, target)] == ["Modal strengthened: may → will"]


def test_a_negation_going_on_with_none_before_it_in_a_pair_of_sentences_counts() -> None:
    # The pair's first negation opens its second sentence: it counts, as in a sentence of its own.
    source = ("The king came to the feast.", "Neither will the prince pay the fine.")
    target = ("The king came to the feast.", "The prince will pay the fine.")
    assert [(c.kind, c.message) for c in run_checks(_grouped(source, target))] == [
        ("negation", "Negation removed: neither")
    ]


def test_a_negation_a_tag_question_asked_with_stated_outright_is_added() -> None:
    assert _shifts("Pilate answered, I'm not a Jew, am I?", "Pilate answered, I'm not a Jew.") == [
        ("negation", "added", "high", "Negation added: not")
    ]


def _grouped(source: tuple[str, ...], target: tuple[str, ...]) -> Alignment:
    """An alignment of one pair of all these sentences on each side."""
    sides = []
    for texts in (source, target):
        starts = [sum(len(t) + 1 for t in texts[:i]) for i in range(len(texts))]
        spans = enumerate(zip(starts, texts, strict=True))
        sides.append(tuple(Sentence(a, a + len(t), i) for i, (a, t) in spans))
    pair = Pair(tuple(range(len(source))), tuple(range(len(target))), Kind.CHANGED, False, 0.5)
    documents = (document_from_text(" ".join(texts)) for texts in (source, target))
    return Alignment(*documents, *sides, (pair,))
