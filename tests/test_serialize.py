"""The `align --json` text: written directly, it is what the generic encoder writes of the same data."""

import json
from pathlib import Path

from alignment import align, document_from_text, load_document
from alignment.model import Alignment, Change, Grade, Kind, Op, Pair, Sentence
from alignment.serialize import alignment_json_text, alignment_to_json

DATA = Path(__file__).parent / "data"


def test_json_text_is_the_encoders_on_the_seed_pair() -> None:
    a = align(load_document(DATA / "seed.src.txt"), load_document(DATA / "seed.tgt.txt"))
    assert {p.kind for p in a.pairs} >= {"same", "changed", "deleted"}
    assert alignment_json_text(a) == json.dumps(alignment_to_json(a), ensure_ascii=False)


def test_json_text_with_manual_moved_and_unrelated_pairs() -> None:
    src = document_from_text("“Größe” matters: 3 cats sat.\n\nThe dog ran far away. A bird sang.")
    tgt = document_from_text("A bird sang. The dog ran away.\n\nSize matters — 4 cats sat.")
    a = align(src, tgt, links=[((0,), (2,))])
    assert any(p.manual for p in a.pairs)
    assert alignment_json_text(a) == json.dumps(alignment_to_json(a), ensure_ascii=False)
    unrelated = align(document_from_text("Alpha beta gamma."), document_from_text("Nothing like it here."))
    assert json.loads(alignment_json_text(unrelated))["unrelated"] is True
    assert alignment_json_text(unrelated) == json.dumps(alignment_to_json(unrelated), ensure_ascii=False)


def test_json_text_of_every_change_and_of_pairs_without_changes() -> None:
    doc = document_from_text("One two. Three four.\n\nFive six.")
    sentences = (Sentence(0, 8, 0), Sentence(9, 20, 0), Sentence(22, 31, 1))
    every = tuple(
        Change(op, (k, k + 3), (k + 1, k + 12345678), None if op is Op.EQUAL else grade)
        for k, (op, grade) in enumerate((op, grade) for op in Op for grade in Grade)
    )
    pairs = (
        Pair((0,), (), Kind.DELETED, False, 0.0),
        Pair((1, 2), (0,), Kind.MERGED, True, 0.123456789, every, manual=True),
        Pair((), (1, 2), Kind.ADDED, False, 1.0),
    )
    for kept in (pairs, pairs[1:2], pairs[::2], ()):
        a = Alignment(doc, doc, sentences, sentences, kept)
        assert alignment_json_text(a) == json.dumps(alignment_to_json(a), ensure_ascii=False)
