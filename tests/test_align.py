"""Alignment: identical texts, reordering, dropped boilerplate, merges, splits, unrelated text, quality."""

import importlib
import json
import sys
import threading
from pathlib import Path

import pytest

from alignment import Cancelled, Kind, align, document_from_text, load_document
from alignment.summary import summarize

sys.path.insert(0, str(Path(__file__).parent))
import evaluate  # noqa: E402  (a copy of shared/tools/evaluate.py)

from alignment.serialize import alignment_to_json  # noqa: E402

PARA = [
    "The river flooded the old town in the spring of that year. Farmers lost their whole harvest.",
    "A committee of engineers proposed a new stone dam upstream. The council approved the budget in May.",
    "Work on the dam began in the autumn and lasted three winters. Hundreds of workers came from the valley.",
    "Today the reservoir supplies drinking water to the region. Tourists sail on the lake in summer.",
]


def pairs_of(src: str, tgt: str) -> list[tuple[tuple[int, ...], tuple[int, ...], str, bool]]:
    a = align(document_from_text(src), document_from_text(tgt))
    return [(p.source, p.target, p.kind.value, p.moved) for p in a.pairs]


def test_identical_texts_are_all_same() -> None:
    text = "\n\n".join(PARA)
    result = pairs_of(text, text)
    assert len(result) == 8
    assert all(kind == "same" and s == t for s, t, kind, _ in result)


def test_reordered_paragraphs_are_paired_and_marked_moved() -> None:
    src = "\n\n".join(PARA)
    tgt = "\n\n".join([PARA[0], PARA[2], PARA[1], PARA[3]])
    result = pairs_of(src, tgt)
    expected = [(0, 0), (1, 1), (2, 4), (3, 5), (4, 2), (5, 3), (6, 6), (7, 7)]
    assert sorted((s, t) for s, t, _, _ in result if s and t) == [((i,), (j,)) for i, j in expected]
    moved = {(s, t) for s, t, _, m in result if m}
    assert moved in ({((2,), (4,)), ((3,), (5,))}, {((4,), (2,)), ((5,), (3,))})
    assert all(kind == "same" for _, _, kind, _ in result)


def test_deleted_boilerplate_and_added_material() -> None:
    src = "Subscribe to our newsletter today!\n\n" + "\n\n".join(PARA) + "\n\nDonate now. Every dollar helps."
    tgt = "\n\n".join(PARA[:2]) + "\n\nA brand-new remark nobody made before.\n\n" + "\n\n".join(PARA[2:])
    result = pairs_of(src, tgt)
    deleted = [s for s, t, kind, _ in result if kind == "deleted"]
    added = [t for s, t, kind, _ in result if kind == "added"]
    assert deleted == [(0,), (9,), (10,)]
    assert added == [(4,)]
    assert sum(kind == "same" for _, _, kind, _ in result) == 8


def test_merge_and_split() -> None:
    src = "The council met on Monday. It approved the new budget for the dam. Then everyone went home."
    tgt = (
        "On Monday the council met and approved the new budget for the dam. "
        "Then everyone went home to their families. After that, they slept."
    )
    result = pairs_of(src, tgt)
    assert ((0, 1), (0,), "merged", False) in result
    src2 = "The engineers designed the dam, and the workers built it over three long winters."
    tgt2 = "The engineers designed the dam. The workers built it over three long winters."
    assert pairs_of(src2, tgt2) == [((0,), (0, 1), "split", False)]


def test_sentence_split_in_three() -> None:
    src = (
        "The committee reviewed the proposal, questioned the engineers about the costs, "
        "and finally approved the construction of the dam."
    )
    tgt = (
        "The committee reviewed the proposal. It questioned the engineers about the costs. "
        "Finally it approved the construction of the dam."
    )
    assert pairs_of(src, tgt) == [((0,), (0, 1, 2), "split", False)]


def test_unrelated_texts_pair_nothing() -> None:
    src = "\n\n".join(PARA)
    tgt = (
        "Quantum computers use qubits instead of classical bits. Superposition lets them explore states. "
        "Error correction remains the hardest engineering problem. Cryogenic cooling keeps chips stable."
    )
    a = align(document_from_text(src), document_from_text(tgt))
    assert all(not (p.source and p.target) for p in a.pairs)
    assert summarize(a).unrelated
    assert alignment_to_json(a)["unrelated"] is True
    assert "nothing in common" in summarize(a).lines()[0]


def test_every_sentence_in_exactly_one_pair_and_deterministic(data_dir: Path) -> None:
    src, tgt = load_document(data_dir / "seed.src.txt"), load_document(data_dir / "seed.tgt.txt")
    a, b = align(src, tgt), align(src, tgt)
    assert a.pairs == b.pairs
    assert sorted(i for p in a.pairs for i in p.source) == list(range(len(a.source_sentences)))
    assert sorted(j for p in a.pairs for j in p.target) == list(range(len(a.target_sentences)))


def _score(data_dir: Path, name: str) -> dict:
    src, tgt = load_document(data_dir / f"{name}.src.txt"), load_document(data_dir / f"{name}.tgt.txt")
    gold = json.loads((data_dir / f"{name}.gold.json").read_text(encoding="utf-8"))
    return evaluate.score(gold, src.text, tgt.text, alignment_to_json(align(src, tgt)))


def test_seed_pair_matches_gold_exactly(data_dir: Path) -> None:
    r = _score(data_dir, "seed")
    assert (r["P"], r["R"], r["F1"]) == (1.0, 1.0, 1.0), r


def test_ruth_reaches_its_recall_ceiling(data_dir: Path) -> None:
    r = _score(data_dir, "ruth")
    assert r["P"] >= 0.99 and r["R"] >= r["R_ceiling"] - 0.01, r


def test_seed_kinds_and_scores(data_dir: Path) -> None:
    a = align(load_document(data_dir / "seed.src.txt"), load_document(data_dir / "seed.tgt.txt"))
    kinds = [p.kind for p in a.pairs]
    assert kinds.count(Kind.DELETED) == 32 and Kind.ADDED not in kinds
    laugh = next(p for p in a.pairs if a.text("target", a.pairs.index(p)).startswith("“Honestly"))
    assert laugh.kind is Kind.SAME and laugh.score == 1.0
    assert all(0.0 <= p.score <= 1.0 for p in a.pairs)


def test_progress_is_reported_and_cancel_stops(data_dir: Path) -> None:
    import pytest

    from alignment import Cancelled

    src, tgt = load_document(data_dir / "ruth.src.txt"), load_document(data_dir / "ruth.tgt.txt")
    seen: list[float] = []
    align(src, tgt, progress=lambda f, _label: seen.append(f))
    assert seen[0] == 0.0 and seen[-1] == 1.0 and seen == sorted(seen)
    with pytest.raises(Cancelled):
        align(src, tgt, cancelled=lambda: True)


def _pair_texts(a) -> set[tuple[tuple[str, ...], tuple[str, ...]]]:
    """Each matched pair as the texts of its sentences, independent of offsets."""
    src, tgt = a.source.text, a.target.text
    return {
        (
            tuple(src[a.source_sentences[i].start : a.source_sentences[i].end] for i in p.source),
            tuple(tgt[a.target_sentences[j].start : a.target_sentences[j].end] for j in p.target),
        )
        for p in a.pairs
        if p.source and p.target
    }


def test_book_with_moved_paragraph_dropped_and_invented_sentences(data_dir: Path) -> None:
    """A harder case built on Ruth: a paragraph moved to the end, a sentence dropped, one invented."""
    src, tgt = load_document(data_dir / "ruth.src.txt"), load_document(data_dir / "ruth.tgt.txt")
    base = _pair_texts(align(src, tgt))
    paras = [tgt.text[a:b] for a, b in tgt.paragraphs]
    moved = paras.pop(1)
    dropped = paras[3].split(". ")[0] + ". "
    paras[3] = paras[3][len(dropped) :]
    paras.insert(5, "Meanwhile the harbour authority published new tariffs for container ships.")
    edited = align(src, document_from_text("\n\n".join([*paras, moved])))
    got = _pair_texts(edited)
    expected = {p for p in base if dropped.strip() not in p[1]}
    assert len(got & expected) >= 0.95 * len(expected)
    moved_first = moved.split(". ")[0]
    moved_pairs = [p for p in edited.pairs if p.moved]
    assert any(moved_first in edited.text("target", edited.pairs.index(p)) for p in moved_pairs)
    invented = [p for p in edited.pairs if p.kind is Kind.ADDED]
    assert any("harbour" in edited.text("target", edited.pairs.index(p)) for p in invented)


def test_german_and_french_pairs_align_with_their_own_stemmers() -> None:
    from alignment.tokens import detect_language

    de_src = "Der Fluss überflutete die Altstadt im Frühling. Die Bauern verloren ihre ganze Ernte."
    de_tgt = "Im Frühling überflutete der Fluss die alte Stadt. Die ganze Ernte der Bauern ging verloren."
    fr_src = "Les ingénieurs ont proposé un nouveau barrage. Le conseil a approuvé le budget en mai."
    fr_tgt = "Le budget fut approuvé par le conseil en mai. Un nouveau barrage fut proposé par les experts."
    assert detect_language([de_src, de_tgt]) == "german"
    assert detect_language([fr_src, fr_tgt]) == "french"
    assert [(s, t) for s, t, _, _ in pairs_of(de_src, de_tgt)] == [((0,), (0,)), ((1,), (1,))]
    fr = pairs_of(fr_src, fr_tgt)
    assert sorted((s, t) for s, t, _, _ in fr if s and t) == [((0,), (1,)), ((1,), (0,))]
    assert any(moved for *_, moved in fr)


def test_moved_sentence_that_was_also_split_moves_as_one_group() -> None:
    joined = "The engineers designed the dam, and the workers built it over three long winters."
    split = "The engineers designed the dam. The workers built it over three long winters."
    src, tgt = "\n\n".join([*PARA, joined]), "\n\n".join([split, *PARA])
    result = pairs_of(src, tgt)
    assert ((8,), (0, 1), "split", True) in result
    assert sum(moved for *_, moved in result) == 1


ALIGN_MODULE = importlib.import_module("alignment.align")
"""The module (the package's ``align`` is its function)."""


def test_a_cancel_is_polled_while_the_other_side_is_still_read(monkeypatch: pytest.MonkeyPatch) -> None:
    module = ALIGN_MODULE
    release, returned = threading.Event(), threading.Event()
    read = module._side

    def slow_side(*args: object) -> object:
        release.wait(10)  # far longer than the cancel may take; released once the test is done
        returned.set()
        return read(*args)

    monkeypatch.setattr(module, "_side", slow_side)
    asked: list[str] = []
    text = document_from_text(PARA[0])
    try:
        with pytest.raises(Cancelled):
            # Cancelled once "Reading words" is entered, past the stage's own poll.
            align(text, text, progress=lambda _, label: asked.append(label), cancelled=lambda: len(asked) > 1)
        assert not returned.is_set()  # cancelled while the target was still being read
    finally:
        release.set()


def test_an_error_reading_the_other_side_reaches_the_caller(monkeypatch: pytest.MonkeyPatch) -> None:
    def failing_side(*_: object) -> object:
        raise RuntimeError("the other side failed")

    monkeypatch.setattr(ALIGN_MODULE, "_side", failing_side)
    text = document_from_text(PARA[0])
    with pytest.raises(RuntimeError, match="the other side failed"):
        align(text, text)
