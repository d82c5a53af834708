"""Time and peak memory of `paralign` on every hostile case, on 5 MB of punctuation, and of the splitter.

Usage: ``python -m benchmarks.hostile [CASE ...]`` (all cases by default; names as in tests/data/hostile.py);
``python -m benchmarks.hostile quotations``: only `paralign check` on growing texts of quotations.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from data.hostile import CASES, SEED, run_paralign, text_pdf  # noqa: E402

from alignment.segment import segment  # noqa: E402

FIVE_MB = 5 * 2**20
RUNS = {
    "dots": ".",
    "!": "!",
    "?": "?",
    "…": "…",
    "mixed .!?…": ".!?…",
    "'. ' (sentences)": ". ",
    "'.\\n' (lines)": ".\n",
    "'.\\n\\n' (paragraphs)": ".\n\n",
}
"""Texts of 5 MB for the splitter: runs of each mark, mixed, and a sentence, line or paragraph every
two or three characters."""
MARKS = {
    **{mark: mark for mark in ".!?…\"“”«»„'"},
    "mixed": ".!?…\"“”«»„'",
    "quote-heavy text": "He said \"yes\" and “no” and «oui» „ja“ 'ok'. ",
    **{f"quotations {q!r}": q for q in ('"a" ', "«b» ", "„c“ ", '"a" «b» „c“ ')},
}
"""Texts of 5 MB through `paralign align|check` against the seed paraphrase."""
GROWING = ("quote-heavy text", "quotations '\"a\" '", "mixed")
"""Texts of MARKS through `paralign check` at growing sizes: the time should grow with the size, no faster."""
MEGABYTES = (1, 2.5, 5)
PATIENCE = 300
"""Seconds a run may take before it is stopped and shown as over."""
EIGHT_MIB = 8 * 2**20
PDF_TOKENS = {
    "hex string": b"<" + b"41" * (EIGHT_MIB // 2) + b">",
    "string": b"(" + b"A" * EIGHT_MIB + b")",
    "string of escapes": b"(" + b"\\n" * (EIGHT_MIB // 2) + b")",
    "name": b"/" + b"A" * EIGHT_MIB,
    "name of escapes": b"/" + b"#41" * (EIGHT_MIB // 3),
    "keyword": b"a" * EIGHT_MIB,
}
"""Tokens of 8 MiB in a PDF's catalog, through `paralign align` against the sentence the page draws."""
_SENTENCE = b"The council approved the budget on Tuesday."
PDF_DRAWN = {
    "string of 1 MiB": b"(" + b"A" * 2**20 + b") Tj",
    "hex string of 1 MiB": b"<" + b"41" * 2**20 + b"> Tj",
}
"""What a PDF's page draws, through `paralign align` against a sentence."""


def main(names: list[str]) -> None:
    print(f"load: {_load()}")
    if names == ["quotations"]:
        _growing()
        print(f"load: {_load()}")
        return
    print(f"{'case':58s} {'exit':>4s} {'seconds':>8s} {'peak MiB':>9s}")
    for name in names or sorted(CASES):
        case = CASES[name]
        with tempfile.TemporaryDirectory() as folder:
            argv = case.build(Path(folder))
            run = run_paralign(argv, Path(folder), unprivileged=case.unprivileged)
        print(f"{name:58s} {run.code:4d} {run.seconds:8.2f} {run.peak_mib:9.0f}")
    if names:
        return
    print(f"\n{'paralign COMMAND on 5 MB of':58s} {'exit':>4s} {'seconds':>8s} {'peak MiB':>9s}")
    for label, run_of in MARKS.items():
        for command in ("align", "check"):
            print(f"{command + ' ' + label:58s} {_five_megabytes(command, run_of)}", flush=True)
    _growing()
    heading = "paralign align, a PDF whose catalog holds 8 MiB of a"
    print(f"\n{heading:58s} {'exit':>4s} {'seconds':>8s} {'peak MiB':>9s}")
    for label, token in PDF_TOKENS.items():
        print(f"{label:58s} {_pdf(b'(' + _SENTENCE + b') Tj', catalog=b'/X ' + token)}", flush=True)
    print(f"\n{'paralign align, a PDF whose page draws a':58s} {'exit':>4s} {'seconds':>8s} {'peak MiB':>9s}")
    for label, drawn in PDF_DRAWN.items():
        print(f"{label:58s} {_pdf(drawn)}", flush=True)
    print(f"\n{'segment() on 5 MB of':58s} {'units':>8s} {'seconds':>8s}")
    for label, run_of in RUNS.items():
        text = (run_of * (FIVE_MB // len(run_of)))[:FIVE_MB]
        start = time.perf_counter()
        units = len(segment(text))
        print(f"{label:58s} {units:8d} {time.perf_counter() - start:8.2f}")
    print(f"load: {_load()}")


def _load() -> str:
    """The load averages over 1, 5 and 15 minutes, as `uptime` shows them."""
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def _growing() -> None:
    """`paralign check` on texts of quotations of 1, 2.5 and 5 MB, as table rows."""
    print(f"\n{'paralign check on MB of':58s} {'exit':>4s} {'seconds':>8s} {'peak MiB':>9s}")
    for label in GROWING:
        for megabytes in MEGABYTES:
            row = _five_megabytes("check", MARKS[label], int(megabytes * 2**20))
            print(f"{f'{megabytes:g} MB of {label}':58s} {row}", flush=True)


def _five_megabytes(command: str, run_of: str, size: int = FIVE_MB) -> str:
    """Exit code, seconds and peak memory of one command on size characters of a piece repeated, as a row."""
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        (folder / "A.txt").write_text((run_of * (size // len(run_of)))[:size], encoding="utf-8")
        (folder / "P.txt").write_bytes((SEED / "seed.tgt.txt").read_bytes())
        try:
            run = run_paralign([command, "A.txt", "P.txt"], folder, timeout=PATIENCE)
        except TimeoutError:
            return f"{'-':>4s} {'>' + str(PATIENCE):>8s} {'-':>9s}"
    return f"{run.code:4d} {run.seconds:8.2f} {run.peak_mib:9.0f}"


def _pdf(drawn: bytes, catalog: bytes = b"") -> str:
    """Exit code, seconds and peak memory of aligning a PDF whose page draws drawn, as a table row."""
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        content = b"BT /F1 12 Tf 72 700 Td " + drawn + b" ET"
        (folder / "A.pdf").write_bytes(text_pdf(content, catalog=catalog))
        (folder / "P.txt").write_bytes(_SENTENCE + b"\n")
        try:
            run = run_paralign(["align", "A.pdf", "P.txt"], folder, timeout=PATIENCE)
        except TimeoutError:
            return f"{'-':>4s} {'>' + str(PATIENCE):>8s} {'-':>9s}"
    return f"{run.code:4d} {run.seconds:8.2f} {run.peak_mib:9.0f}"


if __name__ == "__main__":
    main(sys.argv[1:])
