"""The `.paralign` session file: round trip, hand-written minimal files, corrupt files, re-anchoring."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from alignment import align, load_document
from alignment.review import CheckKey, Mark, Review, State, pair_key
from alignment.session import (
    Session,
    SessionError,
    _index_map,
    place,
    read_session,
    save_session,
    sentence_texts,
    session_from_json,
    session_of,
    settle,
)

SRC = "The council met on 3 May. It approved 40 homes. Alice Brown spoke first. The vote was close."
TGT = "On 3 May the council met. It approved 45 homes. Alice Brown spoke first. The vote was tight."


@pytest.fixture
def files(tmp_path: Path, write_pair) -> tuple[Path, Path]:
    return write_pair(tmp_path, SRC, TGT)


def _aligned(a: Path, b: Path):
    return align(load_document(a), load_document(b))


def _reviewed(alignment) -> Review:
    keys = [pair_key(p) for p in alignment.pairs]
    check = CheckKey(keys[1], "number", "changed", "40", "45")
    return (
        Review()
        .with_pair(keys[0], Mark(State.ACCEPTED))
        .with_pair(keys[1], Mark(State.FLAGGED, "40 or 45 homes?"))
        .with_pair(keys[3], Mark(note="tight ≠ close"))
        .with_check(check, Mark(State.FLAGGED, "ask the author"))
        .with_dismissed(check._replace(kind="name"), True)
        .with_dismissed_group("date:3 May", True)
        .with_links([keys[2]])
    )


def _current(alignment):
    return {side: sentence_texts(alignment, side) for side in ("source", "target")}


def _paths(alignment):
    return {side: alignment.document(side).path for side in ("source", "target")}


def test_save_and_read_give_back_the_same_review(files, tmp_path: Path) -> None:
    a = _aligned(*files)
    review = _reviewed(a)
    out = tmp_path / "r.paralign"
    save_session(out, session_of(a, review))
    session = read_session(out)
    assert session.review == review
    assert session.source.path == str(files[0]) and len(session.source.sha256) == 64
    placed = place(session, _current(a), _paths(a))
    assert placed.review == review and placed.lost == () and placed.changed == ()


def test_the_file_is_versioned_json_with_the_sentence_texts(files, tmp_path: Path) -> None:
    a = _aligned(*files)
    out = tmp_path / "r.paralign"
    save_session(out, session_of(a, _reviewed(a)))
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["version"] == 1
    assert data["source"]["sentences"]["1"] == "It approved 40 homes."
    assert {"source": [1], "target": [1], "state": "flagged", "note": "40 or 45 homes?"} in data["pairs"]
    assert data["dismissed_groups"] == ["date:3 May"]


def test_saving_never_writes_the_inputs(files, tmp_path: Path) -> None:
    a = _aligned(*files)
    stats = [(p.read_bytes(), p.stat().st_mtime_ns) for p in files]
    save_session(tmp_path / "r.paralign", session_of(a, _reviewed(a)))
    with pytest.raises(SessionError, match="refusing"):
        save_session(files[0], session_of(a, _reviewed(a)))
    assert [(p.read_bytes(), p.stat().st_mtime_ns) for p in files] == stats


def test_a_minimal_hand_written_session_is_valid(files) -> None:
    session = session_from_json({"version": 1, "links": [{"source": [1, 0], "target": [0]}]})
    a = _aligned(*files)
    placed = place(session, _current(a), _paths(a))
    assert placed.review.links == (((0, 1), (0,)),)
    assert placed.lost == () and placed.changed == ()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ([], "must be an object"),
        ({"version": 2}, "version 2"),
        ({"links": []}, "version None"),
        ({"version": 1, "links": {"source": [0]}}, "links must be a list"),
        ({"version": 1, "links": [{"source": [-1], "target": [0]}]}, "sentence numbers"),
        ({"version": 1, "links": [{"source": ["1"], "target": [0]}]}, "sentence numbers"),
        ({"version": 1, "links": [{"source": [], "target": []}]}, "names no sentence"),
        ({"version": 1, "links": [{"source": [0, 0], "target": [1]}]}, "twice"),
        (
            {"version": 1, "links": [{"source": [0], "target": [0]}, {"source": [0], "target": [1]}]},
            "second link",
        ),
        ({"version": 1, "pairs": [{"source": [0], "target": [0], "state": "great"}]}, "one of untouched"),
        ({"version": 1, "split": "words"}, "split must be"),
        ({"version": 1, "source": {"sentences": {"x": "a"}}}, "keys must be sentence numbers"),
        ({"version": 1, "source": {"path": 3}}, "source.path must be text"),
    ],
)
def test_a_corrupt_session_is_one_clear_error(data, message: str) -> None:
    with pytest.raises(SessionError, match=message):
        session_from_json(data)


@pytest.mark.parametrize("content", [b"{not json", b"\xff\xfe\x00", b"[" * 100000, b""])
def test_an_unreadable_session_file_names_itself(tmp_path: Path, content: bytes) -> None:
    p = tmp_path / "bad.paralign"
    p.write_bytes(content)
    with pytest.raises(SessionError, match=r"bad\.paralign: not a paralign session"):
        read_session(p)
    with pytest.raises(SessionError, match="no such session"):
        read_session(tmp_path / "missing.paralign")


def test_a_link_past_the_end_of_a_document_is_refused(files) -> None:
    a = _aligned(*files)
    session = session_from_json({"version": 1, "links": [{"source": [9], "target": [0]}]})
    with pytest.raises(SessionError, match="original sentence 9 does not exist .*has 4 sentences"):
        place(session, _current(a), _paths(a))


def test_an_edited_input_is_re_anchored_by_sentence_text(files, tmp_path: Path) -> None:
    a = _aligned(*files)
    review = _reviewed(a)
    out = tmp_path / "r.paralign"
    save_session(out, session_of(a, review))
    # The paraphrase gains a sentence at the top and loses "Alice Brown spoke first."
    files[1].write_text("A new opening. " + TGT.replace(" Alice Brown spoke first.", ""), encoding="utf-8")
    b = _aligned(*files)
    placed = place(read_session(out), _current(b), _paths(b))
    assert placed.changed == ("target",)
    assert placed.review.pair_mark(((0,), (1,))).state is State.ACCEPTED
    assert placed.review.pair_mark(((1,), (2,))) == Mark(State.FLAGGED, "40 or 45 homes?")
    assert placed.review.pair_mark(((3,), (3,))).note == "tight ≠ close"
    assert CheckKey(((1,), (2,)), "number", "changed", "40", "45") in placed.review.checks
    assert "date:3 May" in placed.review.dismissed_groups
    # The link of "Alice Brown spoke first." on both sides lost its paraphrase sentence: listed, not dropped.
    assert [x.what for x in placed.lost] == ["link"]
    assert placed.lost[0].source == ("Alice Brown spoke first.",)
    assert "Alice Brown spoke first." in placed.lost[0].describe()


def test_a_lost_note_is_listed_with_its_note(files, tmp_path: Path) -> None:
    a = _aligned(*files)
    out = tmp_path / "r.paralign"
    save_session(out, session_of(a, _reviewed(a)))
    files[0].write_text(SRC.replace("The vote was close.", "The vote was even."), encoding="utf-8")
    b = _aligned(*files)
    placed = place(read_session(out), _current(b), _paths(b))
    assert [(x.what, x.note) for x in placed.lost] == [("note", "tight ≠ close")]
    assert placed.changed == ("source",)


def test_repeated_sentences_are_placed_where_their_neighbours_went() -> None:
    saved = {0: "Amen.", 1: "He said so.", 3: "Amen.", 5: "Amen."}
    current = ["Intro.", "Amen.", "He said so.", "x", "Amen.", "y", "Amen.", "Amen."]
    assert _index_map(saved, current) == {0: 1, 1: 2, 3: 4, 5: 6}
    # Text inserted above moves a refrain; it follows the unique sentence before it, not its old number.
    shifted = ["n1", "n2", "n3", "Amen.", "x", "y", "Unique A.", "Amen."]
    assert _index_map({2: "Unique A.", 3: "Amen."}, shifted) == {2: 6, 3: 7}
    # A sentence that is gone is left out of the map; two saved sentences never take one spot.
    assert _index_map({0: "Amen.", 1: "Amen.", 2: "Gone."}, ["Amen."]) == {0: 0}


def test_a_session_without_saved_texts_takes_its_indices_as_they_are(files) -> None:
    a = _aligned(*files)
    session = Session(Review().with_pair(((2,), (2,)), Mark(State.ACCEPTED)))
    assert place(session, _current(a), _paths(a)).review.pairs == {((2,), (2,)): Mark(State.ACCEPTED)}


def test_a_mark_on_a_pair_the_aligner_now_groups_otherwise_is_listed(files) -> None:
    a = _aligned(*files)
    merged = ((1, 2), (1, 2))  # not a pair of this alignment: its sentences are paired 1:1
    review = (
        Review()
        .with_pair(merged, Mark(State.FLAGGED, "merge these"))
        .with_pair(pair_key(a.pairs[0]), Mark(State.ACCEPTED))
    )
    placed = settle(place(Session(review), _current(a), _paths(a)), a)
    assert placed.review.pairs == {pair_key(a.pairs[0]): Mark(State.ACCEPTED)}
    assert [(x.what, x.note) for x in placed.lost] == [
        ("flagged pair on a pair aligned otherwise now", "merge these")
    ]
    assert placed.lost[0].source == ("It approved 40 homes.", "Alice Brown spoke first.")
