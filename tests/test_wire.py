"""The form both checks workers are sent: every field but the word changes (the checks never read them)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from alignment import Alignment, align, load_document
from alignment.checks import run_checks
from alignment.wire import UNWIRED_FIELDS, WIRED_FIELDS, from_wire, to_wire

DATA = Path(__file__).parent / "data"
PAIRS = [("seed.src.txt", "seed.tgt.txt"), ("ruth.src.txt", "ruth.tgt.txt")]


def unwired(al: Alignment) -> Alignment:
    """The alignment as a worker gets it: its pairs without their word changes."""
    return replace(al, pairs=tuple(replace(p, changes=()) for p in al.pairs))


@pytest.fixture(scope="module", params=PAIRS, ids=["seed", "ruth"])
def aligned(request: pytest.FixtureRequest) -> Alignment:
    return align(*(load_document(DATA / name) for name in request.param))


def test_the_wire_form_carries_every_field_but_the_word_changes(aligned: Alignment) -> None:
    first, *rest = aligned.pairs
    # Every value of every field once: a moved, manual pair and one that is neither.
    marked = replace(aligned, pairs=(replace(first, moved=not first.moved, manual=not first.manual), *rest))
    assert any(p.changes for p in aligned.pairs) and {p.manual for p in marked.pairs} == {True, False}
    for al in (aligned, marked):
        assert from_wire(to_wire(al)) == unwired(al)


def test_a_field_the_model_gains_is_either_wired_or_left_behind() -> None:
    for cls, names in WIRED_FIELDS.items():
        fields = [f for f in cls.__dataclass_fields__ if f[0] != "_"]
        left = UNWIRED_FIELDS.get(cls, ())
        assert [f for f in fields if f not in left] == list(names), (
            f"{cls.__name__} gained a field: carry it in alignment/wire.py"
        )


def test_the_checks_never_read_the_word_changes_the_wire_leaves_behind(aligned: Alignment) -> None:
    checks = run_checks(aligned)
    assert checks and run_checks(unwired(aligned)) == checks
