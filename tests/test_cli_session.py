"""`--session` on the command line: links applied, review states reported, dismissed checks left out."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from alignment import align, load_document
from alignment.checks import run_checks
from alignment.cli import main
from alignment.review import Mark, Review, State, check_key, pair_key
from alignment.session import save_session, session_of

SRC = (
    "The council met on 3 May. It approved 40 homes near the river. Alice Brown spoke first. "
    "The vote was close. Work starts in June."
)
TGT = (
    "On 3 May the council met. It approved 45 homes near the river. Alice Brown spoke first. "
    "The vote was tight. Work starts in June."
)


@pytest.fixture
def files(tmp_path: Path, write_pair) -> tuple[Path, Path]:
    return write_pair(tmp_path, SRC, TGT)


def _session(tmp_path: Path, data: object) -> Path:
    p = tmp_path / "s.paralign"
    p.write_text(json.dumps(data), encoding="utf-8")
    return p


def _reviewed(files, tmp_path: Path) -> tuple[Path, Review]:
    a = align(load_document(files[0]), load_document(files[1]))
    keys = [pair_key(p) for p in a.pairs]
    number = next(c for c in run_checks(a) if c.kind == "number")
    review = (
        Review()
        .with_pair(keys[0], Mark(State.ACCEPTED))
        .with_pair(keys[1], Mark(State.FLAGGED, "40 or 45 <homes>?"))
        .with_pair(keys[3], Mark(note="tight is fine"))
        .with_dismissed(check_key(a, number), True)
    )
    out = tmp_path / "review.paralign"
    save_session(out, session_of(a, review))
    return out, review


def test_align_json_reports_the_review_of_every_pair(files, tmp_path: Path, capsys) -> None:
    session, _ = _reviewed(files, tmp_path)
    assert main(["align", *map(str, files), "--session", str(session), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    states = [p["review"]["state"] for p in data["pairs"]]
    assert states == ["accepted", "flagged", "untouched", "untouched", "untouched"]
    assert data["pairs"][1]["review"]["note"] == "40 or 45 <homes>?"
    assert data["review"] == {"pairs": 5, "reviewed": 2, "accepted": 1, "flagged": 1, "notes": 2, "links": []}
    assert all(p["manual"] is False for p in data["pairs"])


def test_a_minimal_hand_written_session_forces_a_pair(files, tmp_path: Path, capsys) -> None:
    session = _session(tmp_path, {"version": 1, "links": [{"source": [1, 2], "target": [1]}]})
    assert main(["align", *map(str, files), "--session", str(session), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    forced = [p for p in data["pairs"] if p["manual"]]
    assert [(p["source"], p["target"], p["kind"]) for p in forced] == [([1, 2], [1], "merged")]
    assert {(tuple(p["source"]), tuple(p["target"])) for p in data["pairs"]} >= {((), (2,)), ((0,), (0,))}
    assert data["review"]["links"] == [{"source": [1, 2], "target": [1]}]


def test_the_text_listing_names_manual_pairs_and_verdicts(files, tmp_path: Path, capsys) -> None:
    session, _ = _reviewed(files, tmp_path)
    assert main(["align", *map(str, files), "--session", str(session)]) == 0
    out = capsys.readouterr().out
    assert "Review: 1 accepted, 1 flagged, 2 notes." in out
    assert "#2 changed, flagged, note: 40 or 45 <homes>? (" in out


def test_check_leaves_dismissed_checks_out(files, tmp_path: Path, capsys) -> None:
    assert main(["check", *map(str, files), "--json"]) == 1
    before = json.loads(capsys.readouterr().out)["checks"]
    assert any(c["kind"] == "number" for c in before)
    session, _ = _reviewed(files, tmp_path)
    code = main(["check", *map(str, files), "--session", str(session), "--json"])
    captured = capsys.readouterr()
    data = json.loads(captured.out)
    assert [c for c in data["checks"] if c["kind"] == "number"] == []
    assert len(data["checks"]) == len(before) - 1 and data["dismissed"] == 1
    assert all(c["review"] == {"state": "untouched", "note": ""} for c in data["checks"])
    assert "1 dismissed check left out" in captured.err
    assert code == (1 if any(c["severity"] == "high" for c in data["checks"]) else 0)


def test_report_includes_states_notes_and_the_summary(files, tmp_path: Path) -> None:
    session, _ = _reviewed(files, tmp_path)
    out = tmp_path / "r.html"
    assert main(["report", *map(str, files), "--session", str(session), "-o", str(out)]) == 0
    html = out.read_text(encoding="utf-8")
    assert "2 of 5 pairs reviewed: 1 accepted, 1 flagged, 2 notes." in html
    assert "40 or 45 &lt;homes&gt;?" in html and "<homes>" not in html
    assert '<a href="#pair-1">pair 2</a>' in html
    plain = tmp_path / "plain.html"
    assert main(["report", *map(str, files), "-o", str(plain)]) == 0
    assert "pairs reviewed" not in plain.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "not a paralign session (not valid JSON"),
        ('{"version": 7}', "version 7 is not one this paralign reads"),
        ('{"version": 1, "links": [{"source": [99], "target": [0]}]}', "original sentence 99 does not exist"),
        (
            '{"version": 1, "links": [{"source": [0], "target": [0]}, {"source": [1], "target": [0]}]}',
            "second link",
        ),
        ('{"version": 1, "split": "lines"}', "splitting into lines, not sentences"),
    ],
)
def test_a_bad_session_is_one_line_and_exit_2(
    files, tmp_path: Path, capsys, content: str, message: str
) -> None:
    p = tmp_path / "bad.paralign"
    p.write_text(content, encoding="utf-8")
    assert main(["align", *map(str, files), "--session", str(p), "--json"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1 and message in lines[0] and "Traceback" not in captured.err


def test_a_missing_session_file_is_one_line(files, tmp_path: Path, capsys) -> None:
    assert main(["check", *map(str, files), "--session", str(tmp_path / "none.paralign")]) == 2
    assert capsys.readouterr().err.strip().endswith("none.paralign: no such session file")


def test_an_edited_input_is_re_anchored_and_what_is_lost_is_said(files, tmp_path: Path, capsys) -> None:
    session, _ = _reviewed(files, tmp_path)
    before = session.read_bytes()
    files[1].write_text("A new opening line. " + TGT.replace("The vote was tight. ", ""), encoding="utf-8")
    assert main(["align", *map(str, files), "--session", str(session), "--json"]) == 0
    captured = capsys.readouterr()
    data = json.loads(captured.out)
    flagged = [p for p in data["pairs"] if p["review"]["state"] == "flagged"]
    assert [(p["source"], p["target"]) for p in flagged] == [([1], [2])]
    assert "b.txt changed since the review was saved" in captured.err
    assert "not placed, note: The vote was close. ↔ The vote was tight. (note: tight is fine)" in captured.err
    assert session.read_bytes() == before


def test_the_inputs_are_never_written(files, tmp_path: Path) -> None:
    session, _ = _reviewed(files, tmp_path)
    stats = [(p.read_bytes(), p.stat().st_mtime_ns) for p in files]
    main(["report", *map(str, files), "--session", str(session), "-o", str(tmp_path / "r.html")])
    main(["align", *map(str, files), "--session", str(session), "-o", str(tmp_path / "a.json"), "--json"])
    assert [(p.read_bytes(), p.stat().st_mtime_ns) for p in files] == stats


def test_a_dismissed_group_leaves_out_every_check_like_it(files, tmp_path: Path, capsys) -> None:
    session = _session(tmp_path, {"version": 1, "dismissed_groups": ["number changed: 40 → 45"]})
    main(["check", *map(str, files), "--session", str(session), "--json"])
    captured = capsys.readouterr()
    assert [c for c in json.loads(captured.out)["checks"] if c["kind"] == "number"] == []
    assert "1 dismissed check left out" in captured.err


def test_a_verdict_on_a_pair_the_aligner_groups_otherwise_is_said_not_silently_kept(
    files, tmp_path: Path, capsys
) -> None:
    pairs = [{"source": [1, 2], "target": [1], "state": "flagged", "note": "merge?"}]
    session = _session(tmp_path, {"version": 1, "pairs": pairs})
    assert main(["align", *map(str, files), "--session", str(session), "--json"]) == 0
    captured = capsys.readouterr()
    assert all(p["review"]["state"] == "untouched" for p in json.loads(captured.out)["pairs"])
    assert "not placed, flagged pair on a pair aligned otherwise now" in captured.err
    assert "(note: merge?)" in captured.err
