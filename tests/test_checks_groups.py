"""Groups: a consistent change repeated is one item; page furniture is one item; JSON keeps every check."""

import json
from pathlib import Path

import pytest

from alignment.checks import run_checks
from alignment.grouping import group_checks, review_items
from alignment.serialize import checks_to_json
from tests.test_checks import DATA, _pairs, _seed_checks


def test_a_consistent_rename_is_one_group() -> None:
    rows = [(f"On day {n} Jehovah spoke to Moses.", f"On day {n} Yahweh spoke to Moses.") for n in range(5)]
    checks = run_checks(_pairs(*rows))
    (group,) = group_checks(checks)
    assert group.count == 5 and group.severity == "high" and group.key == "name changed: jehovah → yahweh"
    assert review_items(checks) == 1


def test_different_changes_are_not_grouped() -> None:
    checks = run_checks(
        _pairs(("It killed 30 people.", "It killed 40 people."), ("It cost 5 dollars.", "It cost 6 dollars."))
    )
    assert len(checks) == 2 and group_checks(checks) == [] and review_items(checks) == 2


def test_furniture_runs_are_one_low_group() -> None:
    al = _pairs(
        ("The strike hit Kyiv.", "The strike hit Kyiv."),
        ("Sign up for our weekly newsletter.", None),
        ("You will receive it every Friday.", None),
        ("Read more", None),
    )
    checks = run_checks(al)
    assert [(c.severity, c.group) for c in checks] == [("low", "page furniture dropped")] * 3
    assert review_items(checks) == 1


def test_a_dropped_sentence_beside_no_furniture_is_not_furniture() -> None:
    al = _pairs(("The strike hit Kyiv.", "The strike hit Kyiv."), ("The blast injured 120 people.", None))
    assert [(c.severity, c.group) for c in run_checks(al)] == [("medium", "")]


def test_seed_review_load_and_furniture() -> None:
    _, checks = _seed_checks()
    assert review_items(checks) <= 15
    (furniture,) = [g for g in group_checks(checks) if g.key == "page furniture dropped"]
    assert furniture.count >= 20 and furniture.severity == "low"


def test_check_json_keeps_every_check_and_lists_groups(capsys: pytest.CaptureFixture[str]) -> None:
    from alignment.cli import main

    main(["check", str(DATA / "seed.src.txt"), str(DATA / "seed.tgt.txt"), "--json"])
    data = json.loads(capsys.readouterr().out)
    _, checks = _seed_checks()
    assert data == checks_to_json(checks) and len(data["checks"]) == len(checks)
    (group,) = [g for g in data["groups"] if g["key"] == "page furniture dropped"]
    assert group["count"] == len(group["checks"])
    assert all(data["checks"][i]["kind"] == "one-sided" for i in group["checks"])
    assert Path(DATA / "seed.src.txt").exists()


def _keys(checks: list) -> list[tuple[str, str, str]]:
    return [(c.kind, c.change, c.group) for c in checks]


def test_a_rename_reaches_longer_names_and_the_names_it_leaves_unread() -> None:
    rows = [
        ("And Jehovah spake unto Moses.", "Yahweh spoke to Moses."),
        ("Jehovah is my shepherd.", "Yahweh is my shepherd."),
        ("I am Jehovah God.", "I am Yahweh God."),
        (
            "Thus saith Jehovah of hosts: Consider your ways.",
            "This is what Yahweh of Hosts says: Consider your ways.",
        ),
    ]
    checks = run_checks(_pairs(*rows))
    assert {c.group for c in checks} == {"name changed: jehovah → yahweh"} and len(checks) == 4
    assert review_items(checks) == 1


def test_a_renamed_name_moved_to_the_next_sentence_is_not_dropped() -> None:
    rows = [
        ("Truly Jehovah is my shepherd.", "Truly Yahweh is my shepherd."),
        ("Truly Jehovah is my light.", "Truly Yahweh is my light."),
        ("Strive thou, O Jehovah, with them that strive.", "Fight against those who fight."),
        ("They strive with me.", "O Yahweh, they strive with me."),
    ]
    assert _keys(run_checks(_pairs(*rows))) == [("name", "changed", "name changed: jehovah → yahweh")] * 2


def test_a_real_swap_beside_a_rename_stays_its_own_item() -> None:
    rows = [
        ("Truly Jehovah is my shepherd.", "Truly Yahweh is my shepherd."),
        ("Truly Jehovah is my light.", "Truly Yahweh is my light."),
        ("And Jehovah spake unto Aaron.", "And Moses spoke to Aaron."),
    ]
    checks = run_checks(_pairs(*rows))
    assert ("name", "changed", "name changed: jehovah → moses") in _keys(checks)
    assert review_items(checks) == 2


def test_the_same_fact_added_again_and_again_is_one_item() -> None:
    rows = [
        ("He that gives to the poor shall not lack.", "He who gives one coin to the poor has no lack."),
        ("He that is greedy stirs up strife.", "He who is greedy stirs up one strife."),
        ("They stayed ten days.", "They stayed ten days and 3 nights."),
    ]
    checks = run_checks(_pairs(*rows))
    assert [c.group for c in checks if c.kind == "number"].count("number added: one") == 2
    assert review_items(checks) == 2


def test_factless_paraphrase_only_sentences_are_one_low_item_and_a_figure_is_not() -> None:
    al = _pairs(
        ("The strike hit Kyiv.", "The strike hit Kyiv."),
        (None, "Selah."),
        ("The sirens sounded.", "The sirens sounded."),
        (None, "Amen."),
        (None, "The city said 40 buildings were damaged."),
    )
    checks = run_checks(al)
    low = [c for c in checks if c.severity == "low"]
    assert len(low) == 2 and low[0].group == low[1].group != ""
    assert [c.group for c in checks if c.severity == "medium"] == [""]
    assert review_items(checks) == 2


def test_dropped_numbered_headings_are_one_item() -> None:
    al = _pairs(
        ("Psalm 22 For the Chief Musician; set to Aijaleth.", None),
        ("My God, why hast thou forsaken me?", "My God, why have you forsaken me?"),
        ("Psalm 81 For the Chief Musician; set to the Gittith.", None),
        ("Sing aloud unto God our strength.", "Sing aloud to God, our strength!"),
        ("The blast injured 120 people.", None),
    )
    checks = run_checks(al)
    assert [(c.severity, c.group) for c in checks] == [
        ("medium", "numbered headings dropped: psalm N"),
        ("medium", "numbered headings dropped: psalm N"),
        ("medium", ""),
    ]
    assert review_items(checks) == 2


def test_facts_moved_far_are_one_low_item_of_their_kind() -> None:
    far = [(f"Item {n} stays.", f"Item {n} stays.") for n in range(6)]
    rows = [
        ("Later Putin said it was over.", "Later he said it was over."),
        ("Then Zelensky said it was not.", "Then he said it was not."),
        *far,
        ("Putin left and Zelensky stayed.", "Putin left and Zelensky stayed."),
    ]
    checks = run_checks(_pairs(*rows))
    assert [(c.kind, c.severity) for c in checks] == [("name", "low")] * 2
    assert review_items(checks) == 1


_RENAMED = [
    ("Truly Jehovah is my shepherd.", "Truly Yahweh is my shepherd."),
    ("Truly Jehovah is my light.", "Truly Yahweh is my light."),
]


def test_a_sentence_split_off_in_renamed_words_is_no_addition() -> None:
    rows = [
        *_RENAMED,
        (None, "Yahweh upholds the humble."),
        ("Jehovah upholdeth the meek: He bringeth the wicked down.", "He brings the wicked down."),
    ]
    assert {c.kind for c in run_checks(_pairs(*rows))} == {"name"}


def test_a_sentence_split_off_a_pair_beyond_other_one_sided_sentences_is_no_addition() -> None:
    rows = [
        ("The king built a great wall of stone around the city.", "The king built a wall."),
        (None, "Stone upon stone it rose."),
        (None, "A great wall of stone stood around the city."),
    ]
    assert run_checks(_pairs(*rows)) == []


def test_a_paraphrase_only_sentence_naming_what_the_original_names_nearby_states_no_fact() -> None:
    rows = [*_RENAMED, (None, "Yahweh spoke from the whirlwind."), ("The rain fell.", "The rain fell.")]
    (added,) = [c for c in run_checks(_pairs(*rows)) if c.kind == "one-sided"]
    assert (added.severity, added.group) == ("low", "sentences only in the paraphrase, stating no fact")


def test_a_quotation_running_on_from_a_paired_sentence_is_not_a_fact_of_the_next() -> None:
    rows = [
        ("A voice out of the cloud said, This is my beloved Son.", "A voice said, “This is my beloved Son."),
        (None, "Listen to him.”"),
        ("And they fell on their faces.", "They fell on their faces."),
    ]
    (added,) = [c for c in run_checks(_pairs(*rows)) if c.kind == "one-sided"]
    assert (added.severity, added.group) == ("low", "sentences only in the paraphrase, stating no fact")


def test_original_only_sentences_stating_only_names_are_one_low_item() -> None:
    far = [(f"Item {n} stays.", f"Item {n} stays.") for n in range(6)]
    rows = [
        ("Maschil of David.", None),
        (
            "The fool hath said in his heart, There is no God.",
            "The fool has said in his heart, There is no God.",
        ),
        ("A Psalm of Asaph.", None),
        *far,
        ("Then David called Asaph.", "Then the king called the singer."),
    ]
    dropped = [c for c in run_checks(_pairs(*rows)) if c.kind == "one-sided"]
    assert [c.severity for c in dropped] == ["low"] * 2 and review_items(dropped) == 1
