"""Editorial checks on hand-made pairs and on the seed pair."""

from pathlib import Path

import pytest

from alignment import align, load_document
from alignment.checks import _Context, prepare, quotation_changes, run_checks
from alignment.documents import document_from_text
from alignment.model import Alignment, Check, Kind, Pair, Sentence

DATA = Path(__file__).parent / "data"


def _pairs(*rows: tuple[str | None, str | None]) -> Alignment:
    """An alignment of one sentence per row and side; None leaves that side empty."""
    texts: dict[str, list[str]] = {"source": [], "target": []}
    sents: dict[str, list[Sentence]] = {"source": [], "target": []}
    pairs = []
    for row in rows:
        idx: dict[str, tuple[int, ...]] = {}
        for side, text in zip(("source", "target"), row, strict=True):
            if text is None:
                idx[side] = ()
                continue
            start = sum(len(t) + 1 for t in texts[side])
            texts[side].append(text)
            sents[side].append(Sentence(start, start + len(text), len(sents[side])))
            idx[side] = (len(sents[side]) - 1,)
        kind = (
            Kind.CHANGED if idx["source"] and idx["target"] else Kind.ADDED if idx["target"] else Kind.DELETED
        )
        pairs.append(Pair(idx["source"], idx["target"], kind, False, 0.5))
    src, tgt = (document_from_text("\n".join(texts[s])) for s in ("source", "target"))
    return Alignment(src, tgt, tuple(sents["source"]), tuple(sents["target"]), tuple(pairs))


def _found(alignment: Alignment) -> list[tuple[str, str, str]]:
    return [(c.kind, c.change, c.severity) for c in run_checks(alignment)]


@pytest.mark.parametrize(
    ("source", "target"),
    [
        ("The strike killed over 30 people in Kyiv.", "The strike in Kyiv resulted in over 30 fatalities."),
        ("It killed thirty people.", "It killed 30 people."),
        ("Trump set an Aug. 8 deadline.", "Trump set a deadline of August 8."),
        ("Support fell to 30%.", "Support dropped to 30 percent."),
        ("President Vladimir Putin spoke on Friday.", "On Friday, Putin spoke."),
    ],
)
def test_equivalent_forms_are_not_flagged(source: str, target: str) -> None:
    assert _found(_pairs((source, target))) == []


def test_changed_number_is_high_with_spans_on_both_sides() -> None:
    al = _pairs(("The strike killed 30 people.", "The strike killed 40 people."))
    (check,) = run_checks(al)
    assert (check.kind, check.change, check.severity) == ("number", "changed", "high")
    assert al.source.text[slice(*check.source)] == "30"
    assert al.target.text[slice(*check.target)] == "40"
    assert check.message == "Number changed: 30 → 40"


def test_dropped_and_added_facts() -> None:
    al = _pairs(("They met on Friday with 12 aides.", "They met with aides in 2024."))
    found = {(c.kind, c.change) for c in run_checks(al)}
    assert found == {("date", "dropped"), ("number", "dropped"), ("date", "added")}


def test_changed_date_is_high() -> None:
    assert _found(_pairs(("The deadline is August 8.", "The deadline is August 18."))) == [
        ("date", "changed", "high")
    ]


def test_swapped_name_new_to_the_original_is_changed() -> None:
    al = _pairs(
        (
            "Putin met the Belarusian leader Lukashenko in Minsk.",
            "Putin met the Belarusian leader Medvedev in Minsk.",
        ),
    )
    (check,) = run_checks(al)
    assert (check.kind, check.change, check.severity) == ("name", "changed", "high")
    assert check.message == "Name changed: Lukashenko → Medvedev"


def test_a_name_the_paraphrase_writes_in_a_shorter_derived_form_is_not_dropped() -> None:
    # "russia" is not read as a name, and "russian" does not stand in it: its first letters do.
    assert _found(_pairs(("Talks with the Russian side failed.", "Talks with russia failed."))) == []


def test_a_name_is_looked_up_in_a_pair_whose_sentence_starts_inside_a_word() -> None:
    # The paraphrase's document writes "xrussia", its sentence only "russia": a derived form after all.
    src = document_from_text("Talks with the Russian side failed.")
    tgt = document_from_text("Talks with xrussia failed.")
    start = tgt.text.index("russia")
    sentences = (Sentence(0, len(src.text), 0),), (Sentence(start, len(tgt.text), 0),)
    al = Alignment(src, tgt, *sentences, (Pair((0,), (0,), Kind.CHANGED, False, 0.5),))
    assert _found(al) == []


def test_a_name_is_matched_with_the_name_sharing_most_of_its_words_not_the_first_sharing_one() -> None:
    al = _pairs(("Nils Oberg met the press.", "Nils Kowalczyk and Nils Oberg met the press."))
    assert _found(al) == []  # "Nils Kowalczyk" is new, but its "Nils" stands in the original


def test_plain_words_keep_the_apostrophe_of_non_ascii_text() -> None:
    ctx = _Context.of(_pairs(("Don’t go, Æsir.", "Don't go.")))
    assert ctx.plain_words("source", 0) == ["don’t", "go", "æsir"]
    assert ctx.plain_words("target", 0) == ["don't", "go"]


def test_a_name_moved_is_not_flagged_nearby_and_low_further_away() -> None:
    moved = ("Later Putin said it was over.", "Later he said it was over.")
    assert _found(_pairs(moved, ("Putin left.", "Putin left."))) == []
    far = [(f"Item {n} stays.", f"Item {n} stays.") for n in range(6)]
    assert _found(_pairs(moved, *far, ("Putin left.", "Putin left."))) == [("name", "dropped", "low")]


def test_quotations_verbatim_altered_added_dropped() -> None:
    al = _pairs(
        ("“It’s ours,” he said.", "“It belongs to us,” he said."),
        ("He called them “uninformed.”", "He called them “uninformed”."),
        ("He spoke calmly.", "He said: “We will win.”"),
        ("She said it was “positive”.", "She said it was good."),
    )
    checks = run_checks(al)
    assert [(c.kind, c.change, c.severity, c.pair) for c in checks] == [
        ("quotation", "altered", "high", 0),
        ("quotation", "added", "high", 2),
        ("quotation", "dropped", "medium", 3),
    ]
    assert checks[0].message == "Quotation altered: “It’s ours” → “It belongs to us”"
    assert al.target.text[slice(*checks[1].target)] == "“We will win.”"


def test_altered_quotation_comes_with_its_word_diff() -> None:
    al = _pairs(("“We need a lasting peace,” he said.", "“We require a lasting peace,” he said."))
    (check,) = run_checks(al)
    changes = quotation_changes(al, check)
    changed = [
        (al.source.text[slice(*c.source)], al.target.text[slice(*c.target)])
        for c in changes
        if c.op != "equal"
    ]
    assert changed == [("need", "require")]


def test_quoting_the_originals_own_words_is_low_form() -> None:
    al = _pairs(("He said the war would end soon.", "He said the war “would end soon”."))
    assert _found(al) == [("quotation", "added", "low")]


def test_one_sided_material() -> None:
    al = _pairs(
        ("Same here.", "Same here."),
        ("The blast injured 120 people.", None),
        ("A quiet remark.", None),
        (None, "An invented line."),
    )
    checks = run_checks(al)
    assert [(c.kind, c.change, c.severity, c.pair) for c in checks] == [
        ("one-sided", "dropped", "medium", 1),
        ("one-sided", "added", "low", 3),
    ]
    assert "120" in checks[0].message
    assert checks[0].target is None and checks[1].source is None


def test_checks_are_sorted_by_severity_then_pair() -> None:
    al = _pairs(("It cost $5.", "It cost $5 on Monday."), ("It killed 3.", "It killed 4."))
    severities = [c.severity for c in run_checks(al)]
    assert severities == sorted(severities, key=("high", "medium", "low").index)


def _seed_checks() -> tuple[Alignment, list[Check]]:
    al = align(load_document(DATA / "seed.src.txt"), load_document(DATA / "seed.tgt.txt"))
    return al, run_checks(al)


def test_seed_flags_every_rewritten_quotation_and_not_the_equivalents() -> None:
    al, checks = _seed_checks()
    altered = {al.target.text[slice(*c.target)].strip("“”,. ") for c in checks if c.change == "altered"}
    for rewritten in (
        "It belongs to us",
        "great disappointment",
        "pleasant and respectful",
        "The production line is now operational",
    ):
        assert rewritten in altered
    assert len(altered) == 11
    flagged = " ".join(c.message for c in checks)
    assert "Aug. 8" not in flagged and "August 8" not in flagged
    assert "30" not in flagged.replace("$2", "")
    assert not any(c.kind == "quotation" and "uninformed" in c.message for c in checks)


def test_planted_edits_are_found_with_few_false_flags() -> None:
    from benchmarks.checks import build, score

    result = score(build(DATA, variants=2, seed=3, names=("seed", "ruth"), counts=(6, 8)))
    for kind in ("quotation", "number", "date", "name", "negation", "modality", "one-sided"):
        assert result.planted[kind] > 0
        assert result.recall(kind) >= 0.9, kind
        assert result.precision(kind) >= 0.8, kind


def test_cli_check_json_and_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import json

    from alignment.cli import main

    src, tgt = str(DATA / "seed.src.txt"), str(DATA / "seed.tgt.txt")
    assert main(["check", src, tgt, "--json"]) == 1
    data = json.loads(capsys.readouterr().out)
    al, checks = _seed_checks()
    assert len(data["checks"]) == len(checks)
    first = data["checks"][0]
    assert set(first) >= {"kind", "change", "severity", "message", "source", "target", "pair"}
    assert first["severity"] == "high" and al.target.text[slice(*first["target"])].startswith("“")
    same = tmp_path / "same.txt"
    same.write_text("The strike killed 30 people on Friday.\n", encoding="utf-8")
    assert main(["check", str(same), str(same)]) == 0
    assert main(["check", str(tmp_path / "missing.txt"), str(same)]) == 2


def test_a_negation_reworded_is_no_flip_even_where_its_words_stand_elsewhere() -> None:
    al = _pairs(
        (
            "This deed of the queen will come abroad, when it is reported that she came not.",
            "This deed of the queen will come abroad, when it is reported that she didn't come.",
        )
    )
    assert _found(al) == []


def test_a_negation_put_into_a_reworded_pair_is_a_flip() -> None:
    al = _pairs(
        ("And the council will give its consent to thee.", "The council will not give you its consent.")
    )
    assert _found(al) == [("negation", "added", "high")]


def test_a_weakened_modal_is_the_one_bearing_on_the_same_verb() -> None:
    al = _pairs(
        (
            "They must leave the city at once, and later they will pay the debt.",
            "They had to leave the city at once, and later they might pay the debt.",
        )
    )
    (check,) = run_checks(al)
    assert (check.kind, check.change) == ("modality", "weakened")
    assert al.source.text[slice(*check.source)] == "will" and al.target.text[slice(*check.target)] == "might"


def test_a_weakened_modal_is_found_behind_the_same_word_kept_elsewhere() -> None:
    al = _pairs(
        (
            "Sit still, they will return the land, until thou know how the matter will fall.",
            "Do nothing now, they may return the land, till you see what will come of this.",
        )
    )
    (check,) = run_checks(al)
    assert al.source.text[slice(*check.source)] == "will" and check.source[0] < al.source.text.index("return")


def test_what_the_original_says_follows_the_renames_whatever_was_asked_before() -> None:
    al = align(document_from_text("Jehovah went unto Aaron in the tent."),
               document_from_text("Yahweh went to Aaron in the tent."))  # fmt: skip
    renames = {"target": {"jehovah": "yahweh"}, "source": {"yahweh": "jehovah"}}
    own = frozenset({0})
    context = prepare(al)
    before = context.said(own)
    after = context.with_renames(renames).said(own)
    assert after == prepare(al).with_renames(renames).said(own)
    assert after[1] > before[1]  # the stems of "yahweh" too
