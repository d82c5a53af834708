"""Read time and peak memory per document format for a book: the dev Bible saved in each format.

Usage: ``python -m benchmarks.formats [--text PATH] [--repeat N]``.

The benchmark writes the text itself as .docx, .odt, .epub, .html and .pdf (with the test fixtures'
writers) next to the plain .txt, then opens each in a fresh interpreter so that every format's peak
memory is its own. Each child first reads a small file of the same format (imports and warm-up); the
read time is then the best of N reads of the book, "peak" the child's whole resident set at most
(VmHWM, C libraries included) and "reading" how much the book's reads added to it.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from data.formats.make_fixtures import WRITERS, paragraphs_of_file  # noqa: E402

BIBLE = ROOT.parent / "shared" / "dev" / "bible-asv-web.src.txt"
_CHILD = """
import json, sys, time
from alignment.documents import load_document
def high_water():  # not ru_maxrss: after fork and exec, it starts from the parent's size
    return int(next(line for line in open("/proc/self/status") if line.startswith("VmHWM")).split()[1])
load_document(sys.argv[1])  # imports the format's reader and warms it up on a small file
before = high_water()
best = float("inf")
for _ in range(int(sys.argv[3])):
    start = time.perf_counter()
    chars = len(load_document(sys.argv[2]).text)
    best = min(best, time.perf_counter() - start)
peak = high_water()
print(json.dumps({"seconds": best, "chars": chars, "peak_kib": peak, "added_kib": peak - before}))
"""
_SAMPLE = 20
"""Paragraphs of the small file each child reads first, so that imports do not count as reading."""


def _measure(sample: Path, path: Path, repeat: int) -> dict[str, float]:
    """A fresh interpreter's best read time of path, the characters read, and its peak memory."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-c", _CHILD, str(sample), str(path), str(repeat)]
    return json.loads(subprocess.run(command, capture_output=True, text=True, env=env, check=True).stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--text", type=Path, default=BIBLE, help="the book to save in every format")
    parser.add_argument("--repeat", type=int, default=1, help="reads per format; the best one counts")
    args = parser.parse_args()
    paragraphs = paragraphs_of_file(args.text)
    with tempfile.TemporaryDirectory() as folder:
        files: dict[str, tuple[Path, Path]] = {}
        for ext, write in {"txt": _write_text, **WRITERS}.items():
            files[ext] = (Path(folder) / f"sample.{ext}", Path(folder) / f"book.{ext}")
            write(paragraphs[:_SAMPLE], files[ext][0])
            write(paragraphs, files[ext][1])
        print(f"{args.text.name}: {len(paragraphs)} paragraphs; load {os.getloadavg()[0]:.2f} (1 min)")
        print(f"{'format':7s} {'file MB':>8s} {'chars':>10s} {'read s':>8s} {'peak MB':>8s} {'reading':>8s}")
        for ext, (sample, path) in files.items():
            row = _measure(sample, path, args.repeat)
            size, peak, added = path.stat().st_size / 2**20, row["peak_kib"] / 1024, row["added_kib"] / 1024
            print(f"{ext:7s} {size:8.1f} {row['chars']:10d} {row['seconds']:8.2f} {peak:8.0f} {added:8.0f}")


def _write_text(paragraphs: list[str], path: Path) -> None:
    """The paragraphs as a UTF-8 text file, a blank line apart."""
    path.write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
