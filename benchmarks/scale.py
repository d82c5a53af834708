"""Time and peak memory of `paralign align --json -o` on large inputs this script makes itself.

Usage: ``python benchmarks/scale.py [--megabytes MB] [--sentences N] [--only CASE] [--timeout S]``.

Cases (#12): a text just inside the file limit (33 MB) against a 3 KB paraphrase of some of its
sentences; 1.47 M one-word sentences ("a. ") against the same paraphrase; the big text against
itself. Each runs in a fresh process measured on its own (tests/data/child_peak.py), with the
machine's load before and after.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
from collections.abc import Callable
from itertools import accumulate
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from data.child_peak import run_measured  # noqa: E402  (the child's own peak, not ours)

from alignment.formats.limits import MAX_BYTES  # noqa: E402

BIG_MB = MAX_BYTES // 10**6
"""Just inside the file limit (32 MiB: 33 MB)."""
ONE_WORD_SENTENCES = 1_470_000
PARAPHRASED = 24
"""Sentences of the big text rewritten into the short paraphrase (about 3 KB)."""
VOCABULARY = 30_000
"""Distinct made-up words, drawn by a Zipf law so that, as in prose, a few are common and most rare."""
SYLLABLES = [c + v for c in "bdfgklmnprstvz" for v in "aeiou"] + ["th", "sh", "ch", "qu"]
FUNCTION_WORDS = "the of and to a in that it was he for on is with as his they be at by".split()
TARGETS = {f"{BIG_MB} MB vs 3 KB": (30, 1536), "1.47 M one-word sentences": (30, 1536)}
"""Seconds and MiB the issue asks for; the text against itself is reported only."""


def _words(rng: random.Random) -> tuple[list[str], list[float]]:
    """The made-up vocabulary (function words first) and its cumulative Zipf weights."""
    made = {"".join(rng.choices(SYLLABLES, k=rng.randint(1, 4))) for _ in range(VOCABULARY * 2)}
    rare = sorted(made - set(FUNCTION_WORDS))[:VOCABULARY]
    rng.shuffle(rare)
    words = FUNCTION_WORDS + rare
    return words, list(accumulate(1 / rank for rank in range(1, len(words) + 1)))


def big_text(megabytes: float, seed: int = 12) -> str:
    """Prose-like text of about this many MB: sentences of 5-30 words, paragraphs of 1-9 sentences."""
    rng = random.Random(seed)
    words, weights = _words(rng)
    wanted, size, paragraphs = int(megabytes * 1_000_000), 0, []
    while size < wanted:
        sentences = []
        for _ in range(rng.randint(1, 9)):
            chosen = rng.choices(words, cum_weights=weights, k=rng.randint(5, 30))
            sentences.append(" ".join(chosen).capitalize() + rng.choice(".....?!"))
        paragraph = " ".join(sentences)
        paragraphs.append(paragraph)
        size += len(paragraph) + 2
    return "\n\n".join(paragraphs)[:wanted].rsplit(".", 1)[0] + ".\n"


def paraphrase(text: str, count: int = PARAPHRASED, seed: int = 12) -> str:
    """Some sentences spread over text, each lightly rewritten (a word swapped, one dropped, one new)."""
    rng = random.Random(seed)
    sentences = [s for s in text.replace("\n", " ").split(". ") if 40 < len(s) < 200]
    step = max(len(sentences) // count, 1)
    rewritten = []
    for sentence in sentences[::step][:count]:
        words = sentence.split()
        i = rng.randrange(len(words) - 1)
        words[i], words[i + 1] = words[i + 1], words[i]
        del words[rng.randrange(len(words))]
        words.insert(rng.randrange(len(words)), rng.choice(["indeed", "perhaps", "then", "later"]))
        rewritten.append(" ".join(words).capitalize().rstrip(".?!") + ".")
    return " ".join(rewritten) + "\n"


def cases(megabytes: float, sentences: int) -> dict[str, Callable[[Path], tuple[Path, Path]]]:
    """Each case's name and how to write its pair into a folder (the big text is written once)."""

    def written(path: Path, make: Callable[[], str]) -> Path:
        if not path.exists():
            path.write_text(make(), encoding="utf-8")
        return path

    def big(folder: Path) -> Path:
        return written(folder / "big.txt", lambda: big_text(megabytes))

    def short(folder: Path) -> Path:
        return written(folder / "short.txt", lambda: paraphrase(big(folder).read_text(encoding="utf-8")))

    def one_word(folder: Path) -> Path:
        return written(folder / "a.txt", lambda: "a. " * sentences)

    return {
        f"{megabytes:g} MB vs 3 KB": lambda f: (big(f), short(f)),
        f"{sentences / 1e6:g} M one-word sentences": lambda f: (one_word(f), short(f)),
        f"{megabytes:g} MB vs itself": lambda f: (big(f), big(f)),
    }


def _load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def run_case(name: str, src: Path, tgt: Path, out: Path, timeout: float) -> str:
    """One case aligned end to end in a fresh process: its line of figures."""
    sizes = f"{src.stat().st_size / 1e6:8.2f}M {tgt.stat().st_size / 1e3:8.1f}K"
    argv = [sys.executable, "-m", "alignment.cli", "align", str(src), str(tgt), "--json", "-o", str(out)]
    try:
        run = run_measured(argv, cwd=ROOT, timeout=timeout)
    except TimeoutError:
        return f"{name:28s} {sizes}  over {timeout:.0f} s  load {_load()}"
    seconds, mib = TARGETS.get(name, (0, 0))
    wanted = f"<= {seconds} s, {mib} MiB" if seconds else "report"
    figures = f"{run.code:4d} {run.seconds:8.2f} {run.peak_mib:9.0f}"
    line = f"{name:28s} {sizes} {figures}  {wanted}  load {_load()}"
    if run.code:
        line += "\n    " + run.stderr.decode(errors="replace").strip()[-300:]
    return line


def main() -> None:
    """Print one line per case: sizes, exit code, seconds, peak MiB and the load after it."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=float, default=BIG_MB, help="size of the big text")
    parser.add_argument("--sentences", type=int, default=ONE_WORD_SENTENCES, help='number of "a. "')
    parser.add_argument("--only", action="append", help="run only cases whose name holds this")
    parser.add_argument("--timeout", type=float, default=900, help="seconds before a case is stopped")
    args = parser.parse_args()
    print(f"load: {_load()}", flush=True)
    header = ("case", "source", "target", "exit", "seconds", "peak MiB")
    print("{:28s} {:>9s} {:>9s} {:>4s} {:>8s} {:>9s}  target  load".format(*header), flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for name, build in cases(args.megabytes, args.sentences).items():
            if not args.only or any(part in name for part in args.only):
                print(run_case(name, *build(folder), folder / "out.json", args.timeout), flush=True)


if __name__ == "__main__":
    main()
