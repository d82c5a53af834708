"""The form both checks workers are sent (the pairs' sentences alone: the checks read nothing else of
a pair) and answer in (the checks as columns)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from alignment import Alignment, align, load_document
from alignment.checks import run_checks
from alignment.matching import classify
from alignment.model import Kind, Sentence
from alignment.wire import (
    UNWIRED_FIELDS,
    WIRED_FIELDS,
    checks_wire,
    flat_sentences,
    from_checks_wire,
    from_wire,
    stand_in,
    to_wire,
)

DATA = Path(__file__).parent / "data"
PAIRS = [("seed.src.txt", "seed.tgt.txt"), ("ruth.src.txt", "ruth.tgt.txt")]


def unwired(al: Alignment) -> Alignment:
    """The alignment as a worker gets it: its pairs' sentences, the rest stood in for."""
    return replace(al, pairs=tuple(stand_in(p.source, p.target) for p in al.pairs))


@pytest.fixture(scope="module", params=PAIRS, ids=["seed", "ruth"])
def aligned(request: pytest.FixtureRequest) -> Alignment:
    return align(*(load_document(DATA / name) for name in request.param))


def test_the_wire_form_carries_the_documents_sentences_and_pairs_sentences(aligned: Alignment) -> None:
    back = from_wire(to_wire(aligned))
    assert back == unwired(aligned)
    assert [(p.source, p.target) for p in back.pairs] == [(p.source, p.target) for p in aligned.pairs]


def test_a_field_the_model_gains_is_either_wired_or_left_behind() -> None:
    for cls, names in WIRED_FIELDS.items():
        fields = [f for f in cls.__dataclass_fields__ if f[0] != "_"]
        left = UNWIRED_FIELDS.get(cls, ())
        assert [f for f in fields if f not in left] == list(names), (
            f"{cls.__name__} gained a field: carry it in alignment/wire.py"
        )


def test_the_checks_never_read_what_the_wire_leaves_behind(aligned: Alignment) -> None:
    checks = run_checks(aligned)
    assert Kind.SAME in {p.kind for p in aligned.pairs}, "a kind the stand-ins do not have"
    # Every left-behind field otherwise than align() made it, and than the stand-ins.
    scrambled = replace(aligned, pairs=tuple(
        replace(p, kind=Kind.REGROUPED, moved=not p.moved, score=0.5, changes=(), manual=not p.manual)
        for p in aligned.pairs
    ))  # fmt: skip
    assert checks and run_checks(from_wire(to_wire(aligned))) == checks
    assert run_checks(scrambled) == checks


def test_align_tells_the_pairs_before_it_compares_their_words(monkeypatch: pytest.MonkeyPatch) -> None:
    told: list[tuple] = []
    diff_pairs = classify.diff_pairs

    def compared(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        assert told, "the words compared before the pairs were told"
        return diff_pairs(*args, **kwargs)

    monkeypatch.setattr(classify, "diff_pairs", compared)
    al = align(*(load_document(DATA / name) for name in PAIRS[0]),
               paired=lambda source, target, groups: told.append((source, target, list(groups))))
    assert told == [(al.source_sentences, al.target_sentences, [(p.source, p.target) for p in al.pairs])]


def test_the_checks_travel_back_as_columns(aligned: Alignment) -> None:
    checks = run_checks(aligned)
    assert from_checks_wire(checks_wire(checks)) == checks
    assert from_checks_wire(checks_wire([])) == []


def test_offsets_travel_in_four_bytes_each_unless_one_needs_eight() -> None:
    small, large = [Sentence(0, 5, 0), Sentence(6, 2**31 - 1, 1)], [Sentence(0, 2**31, 0)]
    assert flat_sentences(small).itemsize == 4
    assert flat_sentences(small).tolist() == [0, 5, 0, 6, 2**31 - 1, 1]
    assert flat_sentences(large).itemsize == 8 and flat_sentences(large).tolist() == [0, 2**31, 0]
