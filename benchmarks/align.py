"""Wall time, peak memory and quality (F1 against gold) of the aligner on the seed and dev pairs.

Run: python benchmarks/align.py [--shared ../shared]. Each pair is aligned in a fresh process
through the command line (`paralign align --json`, end to end: read, align, diff, write JSON), and
once in-process for the aligner alone.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

import evaluate  # noqa: E402  (tests/evaluate.py: a copy of shared/tools/evaluate.py)

from alignment import align, load_document  # noqa: E402


def pairs(shared: Path) -> list[tuple[str, Path, Path, Path]]:
    """The benchmark pairs that exist on this machine: name, source, target, gold."""
    data = ROOT / "tests" / "data"
    found = [("seed", data / "seed.src.txt", data / "seed.tgt.txt", data / "seed.gold.json")]
    for name in ("ruth-asv-web", "bible-asv-web"):
        src, tgt, gold = (shared / "dev" / f"{name}.{x}" for x in ("src.txt", "tgt.txt", "gold.json"))
        if src.exists():
            found.append((name, src, tgt, gold))
    return found


def end_to_end(src: Path, tgt: Path) -> tuple[float, float, dict]:
    """Seconds and peak MiB of one `paralign align --json` run in a child process, and its JSON."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "pred.json"
        code = (
            "import sys, resource; from alignment.cli import main; rc = main(sys.argv[1:]); "
            "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr); sys.exit(rc)"
        )
        start = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-c", code, "align", str(src), str(tgt), "--json", "-o", str(out)],
            cwd=ROOT, capture_output=True, text=True, check=True,
        )  # fmt: skip
        seconds = time.perf_counter() - start
        peak_mib = int(done.stderr.strip().splitlines()[-1]) / 1024
        return seconds, peak_mib, json.loads(out.read_text(encoding="utf-8"))


def main() -> None:
    """Print one line of figures per pair."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = parser.parse_args()
    for name, src, tgt, gold_path in pairs(args.shared):
        source, target = load_document(src), load_document(tgt)
        start = time.perf_counter()
        align(source, target)
        in_process = time.perf_counter() - start
        seconds, peak, pred = end_to_end(src, tgt)
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        r = evaluate.score(gold, source.text, target.text, pred)
        print(
            f"{name:14s} align {in_process:7.3f} s | end to end {seconds:6.2f} s, peak {peak:6.0f} MiB | "
            f"P {r['P']:.4f} R {r['R']:.4f} F1 {r['F1']:.4f} R_ceiling {r['R_ceiling']:.4f}",
            flush=True,
        )
    print(f"(benchmark process peak {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB)")


if __name__ == "__main__":
    main()
