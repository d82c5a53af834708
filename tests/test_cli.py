"""The command line: listing, JSON shape, output file, exit codes and messages on bad input."""

import gc
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from alignment.cli import main
from viewer import launch

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
    assert set(change) == {"op", "source", "target", "grade"} and len(change["source"]) == 2
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
        main(["align"])
    assert exc.value.code == 2


def _run(*argv: str | Path, module: str = "alignment.cli") -> subprocess.CompletedProcess[str]:
    """One run of the command line in a child process, as a user's shell would start it."""
    return subprocess.run(
        [sys.executable, "-m", module, *map(str, argv)],
        cwd=ROOT, capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)},
    )  # fmt: skip


def test_version_from_the_top_level_command() -> None:
    done = _run("--version", module="viewer.launch")
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout.startswith("paralign ") and done.stdout.count("\n") == 1


def test_the_window_starts_with_the_collector_on(monkeypatch: pytest.MonkeyPatch) -> None:
    # The launcher keeps the collector off while importing; a command leaves it off, the window not.
    import viewer.app

    seen = []
    monkeypatch.setattr(viewer.app, "main", lambda args: seen.append(gc.isenabled()) or 0)
    assert launch.main(["original.txt"]) == 0
    assert seen == [True]


@pytest.mark.parametrize(("asked", "kept"), [(None, "1"), ("2", "2")])
def test_the_launcher_keeps_blas_to_one_thread_unless_asked(
    monkeypatch: pytest.MonkeyPatch, asked: str | None, kept: str
) -> None:
    import viewer.app

    if asked is None:
        monkeypatch.delenv("OPENBLAS_NUM_THREADS", raising=False)
    else:
        monkeypatch.setenv("OPENBLAS_NUM_THREADS", asked)
    seen = []
    monkeypatch.setattr(viewer.app, "main", lambda args: seen.append(os.environ["OPENBLAS_NUM_THREADS"]) or 0)
    assert launch.main(["original.txt"]) == 0
    assert seen == [kept]


def test_the_command_ends_with_its_output_and_exit_code(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The command leaves without the interpreter's teardown: what it wrote must still reach the pipe.
    pair = [data_dir / "seed.src.txt", data_dir / "seed.tgt.txt"]
    code = main(["check", *map(str, pair)])
    done = _run("check", *pair, module="viewer.launch")
    assert code == 1  # the seed has a high-severity check
    assert (done.returncode, done.stdout, done.stderr) == (code, capsys.readouterr().out, "")


def test_a_closed_pipe_ends_quietly_with_exit_0(data_dir: Path) -> None:
    pair = [data_dir / "seed.src.txt", data_dir / "seed.tgt.txt"]
    argv = [sys.executable, "-m", "alignment.cli", "align", *pair]
    child = subprocess.Popen(argv, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert child.stdout is not None and child.stderr is not None
    child.stdout.close()  # the reader is gone before paralign writes its first line, as with `| head -0`
    err = child.stderr.read()
    assert (child.wait(), err) == (0, b"")


def test_report_help_says_the_output_is_required(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["report", "--help"])
    usage = capsys.readouterr().out.split("\n\n")[0]
    assert " -o FILE " in usage and "[-o" not in usage


@pytest.mark.parametrize("name", ["r.docx", "r", "r.txt"])
def test_a_report_of_an_unknown_extension_is_refused_before_any_work(
    name: str, data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / name
    pair = [str(data_dir / "seed.src.txt"), str(data_dir / "seed.tgt.txt")]
    assert main(["report", *pair, "-o", str(out)]) == 2
    expected = f"paralign: {out}: a report is written as .html or .pdf; name the file so\n"
    assert capsys.readouterr().err == expected
    assert not out.exists()


def test_a_report_goes_to_the_named_file_or_to_standard_output(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pair = [str(data_dir / "seed.src.txt"), str(data_dir / "seed.tgt.txt")]
    assert main(["report", *pair, "-o", str(tmp_path / "r.HTM")]) == 0
    assert (tmp_path / "r.HTM").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert capsys.readouterr().err == f"paralign: report written to {tmp_path / 'r.HTM'}\n"
    assert main(["report", *pair, "-o", "-"]) == 0
    assert capsys.readouterr().out == (tmp_path / "r.HTM").read_text(encoding="utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.HTM"]  # no temporary file left behind


def test_split_lines_counts_lines(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pair = [str(data_dir / "seed.src.txt"), str(data_dir / "seed.tgt.txt")]
    assert main(["align", *pair, "--split", "lines"]) == 0
    assert capsys.readouterr().out.startswith("Original: 33 lines; paraphrase: 13 lines.\n")


def test_align_and_check_write_json_in_one_style(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    outputs = []
    for command in ("align", "check"):
        main([command, str(data_dir / "seed.src.txt"), str(data_dir / "seed.tgt.txt"), "--json"])
        outputs.append(capsys.readouterr().out)
    for out in outputs:
        assert out.endswith("}\n") and out.count("\n") == 1
        assert out == json.dumps(json.loads(out), ensure_ascii=False) + "\n"


def test_align_json_to_a_file_is_what_standard_output_gets(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pair = [str(data_dir / "seed.src.txt"), str(data_dir / "seed.tgt.txt")]
    assert main(["align", *pair, "--json"]) == 0
    out = tmp_path / "out.json"
    assert main(["align", *pair, "--json", "-o", str(out)]) == 0
    assert out.read_bytes() == capsys.readouterr().out.encode()
    assert out.read_bytes().endswith(b"]}\n")


def test_an_internal_error_is_one_line_and_exit_3(data_dir: Path) -> None:
    code = (
        "import sys, alignment.cli as cli\n"
        "def broken(*args, **kwargs):\n    raise KeyError('a bug\\nover two lines')\n"
        "cli.align = broken\nsys.exit(cli.main(sys.argv[1:]))\n"
    )
    argv = ["align", str(data_dir / "seed.src.txt"), str(data_dir / "seed.tgt.txt")]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    quiet = subprocess.run([sys.executable, "-c", code, *argv], capture_output=True, text=True, env=env)
    assert (quiet.returncode, quiet.stdout) == (3, "")
    assert quiet.stderr == (
        "paralign: internal error: KeyError: 'a bug\\nover two lines', please report it"
        " (run with --debug for the details)\n"
    )
    debug = subprocess.run(
        [sys.executable, "-c", code, *argv, "--debug"], capture_output=True, text=True, env=env
    )
    assert debug.returncode == 3
    assert debug.stderr.startswith("Traceback (most recent call last):") and "in broken" in debug.stderr
    assert debug.stderr.endswith(", please report it\n")


def test_a_file_name_that_looks_like_an_option(data_dir: Path, tmp_path: Path) -> None:
    (tmp_path / "-dash.txt").write_bytes((data_dir / "seed.tgt.txt").read_bytes())
    done = subprocess.run(
        [sys.executable, "-m", "alignment.cli", "align", "-dash.txt", str(data_dir / "seed.tgt.txt")],
        cwd=tmp_path, capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)},
    )  # fmt: skip
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == (
        "paralign: -dash.txt looks like an option; for a file of that name write ./-dash.txt"
        " (or put -- before the file names)\n"
    )
    after_dashes = subprocess.run(
        [sys.executable, "-m", "alignment.cli", "align", "--", "-dash.txt", str(data_dir / "seed.tgt.txt")],
        cwd=tmp_path, capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)},
    )  # fmt: skip
    assert (after_dashes.returncode, after_dashes.stderr) == (0, "")


_NOT_FOR_A_PLAIN_ALIGN = (
    # the semantic model's package (its files are read directly), and what it would pull in; the Rust
    # tokenizer (a short text's words are tokenised in Python)
    "wordllama", "pydantic", "requests", "tokenizers",
    # other formats' readers and the encoding guesser (the seed pair is UTF-8 text)
    "alignment.formats.html", "trafilatura", "lxml", "bs4", "pdfminer", "striprtf", "charset_normalizer",
    "zipfile",
    # other commands and options: the checks and their grouping, reports and sessions
    "alignment.checks", "alignment.grouping", "alignment.report", "alignment.session", "importlib.metadata",
    # numpy's masked arrays (np.unique without flags and np.isin's sort path import them: 7 ms)
    "numpy.ma",
)  # fmt: skip


@pytest.mark.parametrize(
    ("options", "unused"),
    [
        # the listing goes to standard output: neither JSON nor writing a file
        ((), (*_NOT_FOR_A_PLAIN_ALIGN, "alignment.serialize", "tempfile")),
        # the JSON of an alignment holds no review (the listing shows a review's marks when given one)
        (("--json", "-o", "OUT"), (*_NOT_FOR_A_PLAIN_ALIGN, "alignment.review")),
    ],
)
def test_a_plain_align_of_text_files_imports_only_what_it_uses(
    options: tuple[str, ...], unused: tuple[str, ...], data_dir: Path, tmp_path: Path
) -> None:
    code = (
        "import contextlib, io, sys; from alignment.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()): assert main(sys.argv[1:]) == 0\n"
        f"print(sorted(m for m in {unused!r} if m in sys.modules))"
    )
    pair = [str(data_dir / "seed.src.txt"), str(data_dir / "seed.tgt.txt")]
    args = [str(tmp_path / "out.json") if o == "OUT" else o for o in options]
    done = subprocess.run(
        [sys.executable, "-c", code, "align", *pair, *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    )
    assert done.stdout.strip() == "[]"
