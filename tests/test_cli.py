"""The command line: listing, JSON shape, output file, exit codes and messages on bad input."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from alignment.cli import main

ROOT = Path(__file__).resolve().parent.parent


def test_json_shape_and_offsets(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["align", str(data_dir / "seed.src.txt"), str(data_dir / "seed.tgt.txt"), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["source"]["text"] == (data_dir / "seed.src.txt").read_text(encoding="utf-8")
    for side in ("source", "target"):
        sents = data[side]["sentences"]
        assert all(s["start"] < s["end"] for s in sents)
        used = sorted(i for p in data["pairs"] for i in p[side])
        assert used == list(range(len(sents)))
    kinds = {p["kind"] for p in data["pairs"]}
    assert kinds <= {"same", "changed", "merged", "split", "regrouped", "deleted", "added"}
    change = next(c for p in data["pairs"] for c in p["changes"] if c["op"] == "replace")
    assert set(change) == {"op", "source", "target"} and len(change["source"]) == 2
    assert all(isinstance(p["moved"], bool) and 0 <= p["score"] <= 1 for p in data["pairs"])


def test_readable_listing(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["align", str(data_dir / "seed.src.txt"), str(data_dir / "seed.tgt.txt")]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Original: 53 sentences; paraphrase: 21 sentences.")
    assert "[-Praises-]" in out or "[-Praises" in out
    assert "#1 deleted" in out


def test_output_file_and_lines_mode(data_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "pred.json"
    args = [
        "align",
        str(data_dir / "seed.src.txt"),
        str(data_dir / "seed.tgt.txt"),
        "--json",
        "--split",
        "lines",
    ]
    assert main([*args, "-o", str(out)]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    src = data["source"]["text"]
    assert all("\n" not in src[s["start"] : s["end"]] for s in data["source"]["sentences"])


def test_refuses_to_write_over_an_input(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / "a.txt"
    src.write_text("One sentence here.", encoding="utf-8")
    before = src.read_bytes()
    assert main(["align", str(src), str(data_dir / "seed.tgt.txt"), "-o", str(src)]) == 2
    assert "refusing to write over an input file" in capsys.readouterr().err
    assert src.read_bytes() == before


@pytest.mark.parametrize("make", ["missing", "folder", "empty"])
def test_bad_input_one_line_exit_2(make: str, tmp_path: Path, data_dir: Path) -> None:
    bad = tmp_path / "bad.txt"
    if make == "folder":
        bad.mkdir()
    elif make == "empty":
        bad.write_text("  \n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "alignment.cli", "align", str(bad), str(data_dir / "seed.tgt.txt")],
        cwd=ROOT, capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)},
    )  # fmt: skip
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("paralign: ") and str(bad) in lines[0]
    assert "Traceback" not in done.stderr


def test_usage_error_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["align", "only-one-file"])
    assert exc.value.code == 2
