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
