"""Review figures on the dev Bible: re-aligning after one manual link, and saving/opening a full review.

Usage: ``python -m benchmarks.review [--pairs ../shared/dev/bible-asv-web]``.

The link merges two neighbouring verses of the original with one of the paraphrase halfway through
the book (the stretch around it is aligned again, not the book); the review marks every pair, half
accepted and half flagged, with a note on every tenth, then saves it to a `.paralign` file and opens
it again (read, and placed on the same documents' sentences by their text).
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

from alignment import align, load_document
from alignment.checks import run_checks
from alignment.relink import relink, relinked_checks
from alignment.review import Mark, Review, State, pair_key
from alignment.session import place, read_session, save_session, sentence_texts, session_of, settle

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "dev" / "bible-asv-web"
REPEATS = 3


def _best(run, repeats: int = REPEATS) -> tuple[float, object]:
    """The fastest of some runs, in seconds, and the last result."""
    best, out = float("inf"), None
    for _ in range(repeats):
        start = time.perf_counter()
        out = run()
        best = min(best, time.perf_counter() - start)
    return best, out


def main() -> None:
    """Print the figures, with the machine's load next to them."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument(
        "--pairs", type=Path, default=DEFAULT, help="path stem of NAME.src.txt / NAME.tgt.txt"
    )
    args = parser.parse_args()
    src, tgt = load_document(f"{args.pairs}.src.txt"), load_document(f"{args.pairs}.tgt.txt")
    print(f"load average before: {os.getloadavg()[0]:.2f}")
    start = time.perf_counter()
    alignment = align(src, tgt)
    full = time.perf_counter() - start
    print(f"full alignment: {full:.2f} s, {len(alignment.pairs)} pairs")
    checks = run_checks(alignment)
    middle = next(
        k
        for k in range(len(alignment.pairs) // 2, len(alignment.pairs))
        if len(alignment.pairs[k].source) == 1
        and len(alignment.pairs[k + 1].source) == 1
        and alignment.pairs[k].target
    )
    link = (
        alignment.pairs[middle].source + alignment.pairs[middle + 1].source,
        alignment.pairs[middle].target,
    )
    seconds, relinked = _best(lambda: relink(alignment, [link]))
    stretch = relinked.stretch
    size = f"{stretch.new_end - stretch.first} pairs" if stretch else "the whole book"
    print(f"re-align after one manual link {link}: {seconds * 1000:.0f} ms (target < 500 ms; stretch {size})")
    seconds, _ = _best(lambda: relinked_checks(relinked, checks))
    print(f"checks recomputed for the stretch: {seconds * 1000:.0f} ms")
    keys = [pair_key(p) for p in relinked.alignment.pairs]
    marks = {
        k: Mark(State.ACCEPTED if n % 2 else State.FLAGGED, f"note {n}" if n % 10 == 0 else "")
        for n, k in enumerate(keys)
    }
    review = Review(marks).with_links([link])
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bible.paralign"
        seconds, _ = _best(lambda: save_session(path, session_of(relinked.alignment, review)))
        size = path.stat().st_size / 1e6
        what = f"a fully reviewed Bible ({len(keys)} pairs, {size:.1f} MB)"
        print(f"save {what}: {seconds * 1000:.0f} ms (target < 1 s)")
        current = {side: sentence_texts(relinked.alignment, side) for side in ("source", "target")}
        paths = {"source": src.path, "target": tgt.path}

        def reopen() -> object:
            return settle(place(read_session(path), current, paths), relinked.alignment)

        seconds, placed = _best(reopen)
        assert placed.review == review and not placed.lost
        print(f"open it again (read, place, settle): {seconds * 1000:.0f} ms (target < 1 s)")
    print(f"load average after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
