"""Wall time, peak memory and quality (F1 against gold) of the aligner on the seed and dev sets.

Run: python benchmarks/align.py [--shared ../shared] [--only NAME]. Each pair is aligned in a fresh
process through the command line (`paralign align --json -o`, end to end: read, align, diff, write
JSON), and once in-process for the aligner alone. The aesop set (many small pairs) is scored
micro-averaged: correct, predicted and gold unit pairs are summed over its items.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

import evaluate  # noqa: E402  (tests/evaluate.py: a copy of shared/tools/evaluate.py)
from data.child_peak import run_measured  # noqa: E402  (the child's own peak, not ours)

from alignment import align, load_document  # noqa: E402
from alignment.segment import SplitMode  # noqa: E402


@dataclass(frozen=True)
class Item:
    """One benchmark pair: source, target, gold and how to split them."""

    src: Path
    tgt: Path
    gold: Path
    split: SplitMode = "sentences"


def sets(shared: Path) -> dict[str, list[Item]]:
    """The benchmark sets that exist on this machine, by name."""
    data = ROOT / "tests" / "data"
    found = {"seed": [Item(data / "seed.src.txt", data / "seed.tgt.txt", data / "seed.gold.json")]}
    dev = shared / "dev"
    for name, split in (
        ("ruth-asv-web", "sentences"),
        ("kjv-bbe-3books", "sentences"),
        ("kjv-bbe-3books-lines", "lines"),
        ("bible-asv-web", "sentences"),
    ):
        src, tgt, gold = (dev / f"{name}.{x}" for x in ("src.txt", "tgt.txt", "gold.json"))
        if src.exists():
            found[name] = [Item(src, tgt, gold, split)]
    aesop = sorted((dev / "aesop").glob("*.gold.json"))
    if aesop:
        found["aesop"] = [
            Item(*(g.with_name(g.name.replace(".gold.json", x)) for x in (".src.txt", ".tgt.txt")), g)
            for g in aesop
        ]
    return found


def end_to_end(items: list[Item]) -> tuple[float, float, list[dict]]:
    """Seconds and peak MiB of `paralign align --json -o` in a child process per item, and the JSONs."""
    preds, seconds, peak = [], 0.0, 0.0
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "pred.json"
        for item in items:
            argv = ["align", str(item.src), str(item.tgt), "--json", "-o", str(out), "--split", item.split]
            done = run_measured([sys.executable, "-m", "alignment.cli", *argv], cwd=ROOT)
            if done.code != 0:
                raise SystemExit(f"paralign {' '.join(argv)} failed: {done.stderr.decode(errors='replace')}")
            seconds += done.seconds
            peak = max(peak, done.peak_mib)
            preds.append(json.loads(out.read_text(encoding="utf-8")))
    return seconds, peak, preds


def quality(items: list[Item], preds: list[dict]) -> dict[str, float]:
    """P, R, F1 and the recall ceiling, micro-averaged over the items."""
    totals = dict.fromkeys(("correct", "predicted_unit_pairs", "gold_pairs", "reachable"), 0.0)
    for item, pred in zip(items, preds, strict=True):
        with open(item.src, encoding="utf-8", newline="") as f:
            src = f.read()
        with open(item.tgt, encoding="utf-8", newline="") as f:
            tgt = f.read()
        r = evaluate.score(json.loads(item.gold.read_text(encoding="utf-8")), src, tgt, pred)
        for key in ("correct", "predicted_unit_pairs", "gold_pairs"):
            totals[key] += r[key]
        totals["reachable"] += r["R_ceiling"] * r["gold_pairs"]
    p = totals["correct"] / max(totals["predicted_unit_pairs"], 1)
    r = totals["correct"] / max(totals["gold_pairs"], 1)
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {"P": p, "R": r, "F1": f1, "R_ceiling": totals["reachable"] / max(totals["gold_pairs"], 1)}


def main() -> None:
    """Print one line of figures per set."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--only", action="append", help="run only this set (repeatable)")
    args = parser.parse_args()
    print(f"load: {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} {os.getloadavg()[2]:.2f}", flush=True)
    for name, items in sets(args.shared).items():
        if args.only and name not in args.only:
            continue
        in_process = 0.0
        for item in items:
            source, target = load_document(item.src), load_document(item.tgt)
            start = time.perf_counter()
            align(source, target, split=item.split)
            in_process += time.perf_counter() - start
        seconds, peak, preds = end_to_end(items)
        r = quality(items, preds)
        print(
            f"{name:20s} align {in_process:7.3f} s | end to end {seconds:6.2f} s, peak {peak:6.0f} MiB | "
            f"P {r['P']:.4f} R {r['R']:.4f} F1 {r['F1']:.4f} R_ceiling {r['R_ceiling']:.4f}",
            flush=True,
        )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"(load {os.getloadavg()[0]:.2f}; benchmark process peak {peak:.0f} MiB)")


if __name__ == "__main__":
    main()
