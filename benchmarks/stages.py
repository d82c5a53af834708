"""Time each stage of align() on a pair of texts, as its progress names them, and the align --json text.

Run: python benchmarks/stages.py [ORIGINAL PARAPHRASE] [--shared ../shared] [--repeat N] (by default
the dev Bible, shared/dev/bible-asv-web). Prints, per stage, the wall and CPU seconds (the fastest of N
runs), then what writing the `align --json` text takes, with the load average: on a shared machine
the CPU seconds are the steadier figure. The collector is paused throughout, as the command pauses it
(align() alone pauses it only inside: "Done" would time the collection that catches up after).
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

from alignment import align, collector, load_document
from alignment.model import Document
from alignment.serialize import alignment_json_parts

ROOT = Path(__file__).resolve().parent.parent


def stage_times(source: Document, target: Document) -> dict[str, tuple[float, float]]:
    """Wall and CPU seconds of each stage of one align(), by the label its progress gives it."""
    times: dict[str, tuple[float, float]] = {}
    last = ["Starting", time.perf_counter(), time.process_time()]

    def progress(_: float, label: str) -> None:
        wall, cpu = time.perf_counter(), time.process_time()
        spent = times.get(last[0], (0.0, 0.0))
        times[last[0]] = spent[0] + wall - last[1], spent[1] + cpu - last[2]
        last[:] = [label, wall, cpu]

    with collector.paused():  # as `paralign align` runs it: the collector stays off to the end
        alignment = align(source, target, progress=progress)
        progress(1.0, "")  # before the alignment is freed: the command never frees it ("Done" timed that)
        del alignment
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("texts", nargs="*", type=Path, help="the original and the paraphrase")
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    if len(args.texts) not in (0, 2):
        parser.error("give both texts or neither")
    texts = args.texts or [args.shared / "dev" / f"bible-asv-web.{side}.txt" for side in ("src", "tgt")]
    source, target = map(load_document, texts)
    print(f"{texts[0].name} / {texts[1].name}; load {_load()}", flush=True)
    best: dict[str, tuple[float, float]] = {}
    for _ in range(args.repeat):
        for label, (wall, cpu) in stage_times(source, target).items():
            best[label] = min(best.get(label, (wall, cpu)), (wall, cpu), key=lambda t: t[1])
    for label, (wall, cpu) in best.items():
        print(_row(label, wall, cpu))
    print(_row("align() in all", sum(w for w, _ in best.values()), sum(c for _, c in best.values())))
    alignment = align(source, target)
    wall, cpu = time.perf_counter(), time.process_time()
    with collector.paused():  # as `paralign align --json` writes it: in parts
        size = sum(map(len, alignment_json_parts(alignment)))
    changes = sum(len(p.changes) for p in alignment.pairs)
    print(
        _row("align --json text", time.perf_counter() - wall, time.process_time() - cpu)
        + f" ({size / 2**20:.0f} MiB, {changes} word changes)"
    )
    print(f"load {_load()}")


def _row(label: str, wall: float, cpu: float) -> str:
    return f"{label:32s} {wall:7.2f} s wall {cpu:7.2f} s CPU"


def _load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


if __name__ == "__main__":
    main()
