"""Time and peak memory of `paralign` on every hostile case, and of the splitter on 5 MB of punctuation.

Usage: ``python -m benchmarks.hostile [CASE ...]`` (all cases by default; names as in tests/data/hostile.py).
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from data.hostile import CASES, run_paralign  # noqa: E402

from alignment.segment import segment  # noqa: E402

FIVE_MB = 5 * 2**20
RUNS = {"dots": ".", "!": "!", "?": "?", "…": "…", "mixed .!?…": ".!?…", "'. ' (sentences)": ". "}
"""Texts of 5 MB for the splitter: runs of each mark, mixed, and a sentence every two characters."""


def main(names: list[str]) -> None:
    print(f"load: {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} {os.getloadavg()[2]:.2f}")
    print(f"{'case':58s} {'exit':>4s} {'seconds':>8s} {'peak MiB':>9s}")
    for name in names or sorted(CASES):
        case = CASES[name]
        with tempfile.TemporaryDirectory() as folder:
            argv = case.build(Path(folder))
            run = run_paralign(argv, Path(folder), unprivileged=case.unprivileged)
        print(f"{name:58s} {run.code:4d} {run.seconds:8.2f} {run.peak_mib:9.0f}")
    if names:
        return
    print(f"\n{'segment() on 5 MB of':58s} {'units':>8s} {'seconds':>8s}")
    for label, run_of in RUNS.items():
        text = (run_of * (FIVE_MB // len(run_of)))[:FIVE_MB]
        start = time.perf_counter()
        units = len(segment(text))
        print(f"{label:58s} {units:8d} {time.perf_counter() - start:8.2f}")


if __name__ == "__main__":
    main(sys.argv[1:])
