"""Plant editorial edits in real pairs, align, run the checks, and score recall and precision per kind.

Usage: ``python -m benchmarks.checks [--variants N] [--seed S]``.

Edits are planted at words found exactly once in each text and outside quotations (so the plant lands
in an aligned pair), one per sentence: numbers, dates and names changed or dropped, quotations altered,
invented or dropped, original-only sentences with figures and paraphrase-only sentences, plus fixed
edits of facts already in the texts.  A plant is found when a check of an accepted kind overlaps its
span on its side.  Precision counts only checks new against the unplanted pair's checks.
"""

from __future__ import annotations

import argparse
import random
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from alignment import align
from alignment.checks import KINDS, run_checks
from alignment.documents import document_from_text
from alignment.facts import quotations
from alignment.model import Check, Side, Span
from alignment.segment import segment

DATA = Path(__file__).resolve().parent.parent / "tests" / "data"
PAIRS = ("seed", "ruth")
# Edits of facts already present: (text pair, target text, replacement, expected kind).
FIXED = {
    "seed": [
        ("over 30 fatalities", "over 50 fatalities", "number"),
        ("August 8 deadline", "August 18 deadline", "date"),
        ("this claim on Thursday", "this claim on Wednesday", "date"),
        ("town of Chasiv Yar", "town of Bakhmut", "name"),
        ("“Honestly, it just makes me laugh.”", "“Honestly, it just makes me cry.”", "quotation"),
        ("as “uninformed.”", "as “misinformed.”", "quotation"),
    ],
    "ruth": [
        ("about ten years", "about twelve years", "number"),
        ("wives of the women of Moab", "wives of the women of Edom", "name"),
        ("Don't go empty to your mother-in-law", "Don't go home empty to your sister", "quotation"),
    ],
}
NAMES = [
    "Olena Kovalenko",
    "Marta Hrytsenko",
    "Pieter Vandenberg",
    "Amara Okafor",
    "Tomas Lindqvist",
    "Ines Duarte",
]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Saturday", "Sunday"]
MONTHS = ["March", "April", "June", "October", "December"]
QUOTES = [
    ("we will hold the line", "we shall hold our ground"),
    ("nobody expected this", "no one saw this coming"),
    ("the talks are over", "the negotiations have ended"),
    ("we are ready for anything", "we are prepared for everything"),
]
INVENTED = [
    "we will never surrender",
    "this is only the beginning",
    "history will judge us",
    "the door stays open",
]


@dataclass(frozen=True)
class Plant:
    """One planted edit: the kind a check should report, where it stands, and the kinds accepted."""

    kind: str
    side: Side
    span: Span
    accept: tuple[str, ...]


@dataclass(frozen=True)
class Edit:
    """Insert or replace text at one place on one side, with the part a check should point at."""

    side: Side
    at: int
    length: int
    text: str
    mark: str
    kind: str
    accept: tuple[str, ...]


@dataclass(frozen=True)
class Case:
    """A planted pair of texts and the plants a perfect checker would report."""

    source: str
    target: str
    plants: tuple[Plant, ...]


def apply(source: str, target: str, edits: list[Edit]) -> Case:
    """Apply non-overlapping edits to both texts and locate every plant in the result."""
    texts = {"source": source, "target": target}
    plants = []
    for side in ("source", "target"):
        out, pos, shift = [], 0, 0
        for e in sorted((e for e in edits if e.side == side), key=lambda e: e.at):
            out.append(texts[side][pos : e.at] + e.text)
            start = e.at + shift + e.text.index(e.mark)
            plants.append(Plant(e.kind, side, (start, start + len(e.mark)), e.accept))
            shift += len(e.text) - e.length
            pos = e.at + e.length
        out.append(texts[side][pos:])
        texts[side] = "".join(out)
    return Case(texts["source"], texts["target"], tuple(plants))


def _anchors(source: str, target: str) -> list[tuple[int, int]]:
    """Ends of words found once in each text, outside quotations: (source offset, target offset)."""

    def once(text: str) -> dict[str, int]:
        quoted = [q.span for q in quotations(text)]
        seen: dict[str, list[int]] = defaultdict(list)
        for m in re.finditer(r"\b[a-z]{5,}\b", text):
            seen[m.group(0)].append(m.end())
        return {
            w: ends[0]
            for w, ends in seen.items()
            if len(ends) == 1 and not any(a <= ends[0] <= b for a, b in quoted)
        }

    src, tgt = once(source), once(target)
    found = sorted((src[w], tgt[w]) for w in src.keys() & tgt.keys())
    src_sent = {s.start: i for i, s in enumerate(segment(source))}
    tgt_sent = {s.start: i for i, s in enumerate(segment(target))}

    def sentence_of(starts: dict[int, int], offset: int) -> int:
        """Index of the sentence holding an offset."""
        return max((i for a, i in starts.items() if a <= offset), default=-1)

    used: set[tuple[str, int]] = set()
    chosen = []
    for a, b in found:
        keys = {("s", sentence_of(src_sent, a)), ("t", sentence_of(tgt_sent, b))}
        if not keys & used:
            used |= keys
            chosen.append((a, b))
    return chosen


def _sentence_end(text: str, offset: int) -> int | None:
    """Offset just after the end of the sentence holding ``offset``, outside quotations, before a capital."""
    quoted = [q.span for q in quotations(text)]
    for m in re.finditer(r"[.!?](?=\s+[A-Z])", text[offset:]):
        end = offset + m.end()
        if not any(a < end < b for a, b in quoted):
            return end
    return None


def _planters(rng: random.Random) -> list:
    """Functions that turn an anchor (source end, target end) into edits."""

    def number_changed(a: int, b: int, s: str, t: str) -> list[Edit]:
        x = rng.randrange(110, 9000)
        y = x + rng.choice([-100, 30, 200, 1000])
        return [
            Edit("source", a, 0, f" (some {x:,} of them)", f"{x:,}", "number", ("number",)),
            Edit("target", b, 0, f" (some {y:,} of them)", f"{y:,}", "number", ("number",)),
        ]

    def number_dropped(a: int, b: int, s: str, t: str) -> list[Edit]:
        x = rng.randrange(11, 99)
        return [Edit("source", a, 0, f" ({x} percent of them)", f"{x} percent", "number", ("number",))]

    def date_changed(a: int, b: int, s: str, t: str) -> list[Edit]:
        month, day = rng.choice(MONTHS), rng.randrange(2, 20)
        return [
            Edit("source", a, 0, f" (on {month} {day})", f"{month} {day}", "date", ("date",)),
            Edit("target", b, 0, f" (on {day + 7} {month})", f"{day + 7} {month}", "date", ("date",)),
        ]

    def date_dropped(a: int, b: int, s: str, t: str) -> list[Edit]:
        day = rng.choice(WEEKDAYS)
        return [Edit("source", a, 0, f" (on {day})", day, "date", ("date",))]

    def name_swapped(a: int, b: int, s: str, t: str) -> list[Edit]:
        x, y = rng.sample(NAMES, 2)
        return [
            Edit("source", a, 0, f" (with {x})", x, "name", ("name",)),
            Edit("target", b, 0, f" (with {y})", y, "name", ("name",)),
        ]

    def name_dropped(a: int, b: int, s: str, t: str) -> list[Edit]:
        x = rng.choice(NAMES)
        return [Edit("source", a, 0, f" (with {x})", x, "name", ("name",))]

    def quote_altered(a: int, b: int, s: str, t: str) -> list[Edit]:
        x, y = rng.choice(QUOTES)
        return [
            Edit("source", a, 0, f", saying “{x}”,", f"“{x}”", "quotation", ("quotation",)),
            Edit("target", b, 0, f", saying “{y}”,", f"“{y}”", "quotation", ("quotation",)),
        ]

    def quote_invented(a: int, b: int, s: str, t: str) -> list[Edit]:
        x = rng.choice(INVENTED)
        return [Edit("target", b, 0, f", adding “{x}”,", f"“{x}”", "quotation", ("quotation",))]

    def quote_dropped(a: int, b: int, s: str, t: str) -> list[Edit]:
        x = rng.choice(INVENTED)
        return [Edit("source", a, 0, f", adding “{x}”,", f"“{x}”", "quotation", ("quotation",))]

    def sentence_dropped(a: int, b: int, s: str, t: str) -> list[Edit]:
        end = _sentence_end(s, a)
        if end is None:
            return []
        x, y = rng.randrange(120, 990), rng.randrange(3, 30)
        text = f" The blast injured {x} people in {y} districts."
        return [Edit("source", end, 0, text, text.strip(), "one-sided", ("one-sided", "number"))]

    def sentence_added(a: int, b: int, s: str, t: str) -> list[Edit]:
        end = _sentence_end(t, b)
        if end is None:
            return []
        text = f" Officials said {rng.randrange(20, 90)} buildings were damaged."
        return [Edit("target", end, 0, text, text.strip(), "one-sided", ("one-sided", "number"))]

    return [
        number_changed, number_dropped, date_changed, date_dropped, name_swapped, name_dropped,
        quote_altered, quote_invented, quote_dropped, sentence_dropped, sentence_added,
    ]  # fmt: skip


def plant(source: str, target: str, rng: random.Random, count: int, fixed: list | None = None) -> Case:
    """A case with ``count`` random plants at distinct anchors, plus fixed edits of existing facts."""
    edits: list[Edit] = []
    for old, new, kind in fixed or []:
        at = target.find(old)
        if at >= 0:
            prefix = len(_common_prefix(old, new))
            suffix = len(_common_suffix(old[prefix:], new[prefix:]))
            edits.append(
                Edit("target", at, len(old), new, new[prefix : len(new) - suffix] or new, kind, (kind,))
            )
    anchors = _anchors(source, target)
    rng.shuffle(anchors)
    planters = _planters(rng)
    taken = [(e.at, e.at + e.length) for e in edits]
    for a, b in anchors[:count]:
        if any(x - 40 <= b <= y + 40 for x, y in taken):
            continue
        edits += planters[rng.randrange(len(planters))](a, b, source, target)
    return apply(source, target, edits)


def _common_prefix(a: str, b: str) -> str:
    """The longest start two strings share."""
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return a[:n]


def _common_suffix(a: str, b: str) -> str:
    """The longest end two strings share."""
    return _common_prefix(a[::-1], b[::-1])[::-1]


def _checks(source: str, target: str) -> list[Check]:
    """The checks on two texts, aligned."""
    return run_checks(align(document_from_text(source), document_from_text(target)))


def _key(check: Check, source: str, target: str) -> tuple:
    """What identifies a check across a planted and an unplanted run: its kind, change and texts."""
    s = source[slice(*check.source)] if check.source else ""
    t = target[slice(*check.target)] if check.target else ""
    return check.kind, check.change, s, t


@dataclass
class Score:
    """Counts per kind: plants found and missed; new checks that hit a plant or none."""

    found: dict[str, int]
    planted: dict[str, int]
    hits: dict[str, int]
    fired: dict[str, int]

    def recall(self, kind: str) -> float:
        """Share of plants of a kind that a check found."""
        return self.found[kind] / self.planted[kind] if self.planted[kind] else float("nan")

    def precision(self, kind: str) -> float:
        """Share of new checks of a kind that point at a plant."""
        return self.hits[kind] / self.fired[kind] if self.fired[kind] else float("nan")


def score(cases: list[tuple[Case, str, str]]) -> Score:
    """Score each planted case against the checks of its unplanted original pair."""
    s = Score(defaultdict(int), defaultdict(int), defaultdict(int), defaultdict(int))
    baselines: dict[tuple[str, str], set] = {}
    for case, source, target in cases:
        if (source, target) not in baselines:
            baselines[source, target] = {_key(c, source, target) for c in _checks(source, target)}
        base = baselines[source, target]
        checks = _checks(case.source, case.target)

        def overlaps(c: Check, p: Plant) -> bool:
            span = c.source if p.side == "source" else c.target
            return c.kind in p.accept and span is not None and span[0] < p.span[1] and p.span[0] < span[1]

        for p in case.plants:
            s.planted[p.kind] += 1
            s.found[p.kind] += any(overlaps(c, p) for c in checks)
        for c in checks:
            if _key(c, case.source, case.target) in base:
                continue
            s.fired[c.kind] += 1
            s.hits[c.kind] += any(overlaps(c, p) for p in case.plants)
    return s


def build(variants: int, seed: int, per_case: int = 8) -> list[tuple[Case, str, str]]:
    """Planted cases on the seed and Ruth pairs: ``variants`` each, the first with the fixed edits."""
    rng = random.Random(seed)
    cases = []
    for name in PAIRS:
        source = (DATA / f"{name}.src.txt").read_text(encoding="utf-8")
        target = (DATA / f"{name}.tgt.txt").read_text(encoding="utf-8")
        for v in range(variants):
            cases.append(
                (plant(source, target, rng, per_case, FIXED[name] if v == 0 else None), source, target)
            )
    return cases


def main(argv: list[str] | None = None) -> int:
    """Print recall and precision per kind."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--variants", type=int, default=12)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    result = score(build(args.variants, args.seed))
    print(f"{'kind':<11} {'planted':>7} {'found':>6} {'recall':>7} {'fired':>6} {'precision':>9}")
    for kind in KINDS:
        print(
            f"{kind:<11} {result.planted[kind]:>7} {result.found[kind]:>6} {result.recall(kind):>7.3f} "
            f"{result.fired[kind]:>6} {result.precision(kind):>9.3f}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
