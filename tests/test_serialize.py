"""The `align --json` text: written directly, it is what the generic encoder writes of the same data."""

import json
from pathlib import Path

from alignment import align, document_from_text, load_document
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
