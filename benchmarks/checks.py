"""Plant editorial edits in real pairs, align, run the checks, and score recall and precision per kind.

Usage: ``python -m benchmarks.checks [--variants N] [--seed S] [--shared DIR] [--no-bible]``; with
``--timing [--pickled DIR]`` only the time of the checks alone on seed, Ruth, kjv-bbe-3books and the
dev Bible (each aligned once, kept pickled in DIR if given), wall and CPU seconds, then the dev
Bible's checks after align() with the worker that `paralign check` starts for a book.

Two families of plants, on the seed and on ``shared/dev/kjv-bbe-3books``:

- **at facts both texts state** (the paraphrase's copy edited): a number, date or name the pair's
  original states too changed (one word of a full name: "Nils Oberg" → "Nils Kowalczyk"), a word of a
  verbatim quotation changed, a negation put in or taken out where the original's clause has the same
  verb ("will give" → "will not give", "was not possible" → "was possible"), a modal weakened
  (will → may, must → can); plus fixed edits of the seed's own facts;
- **inserted** at words found once in each text: numbers, dates, names and quotations stated in both
  and changed or dropped, invented quotations, original-only and paraphrase-only sentences.

A plant is found when a check of its own kind overlaps its span on its side.  Precision counts only
checks new against the unplanted pair's checks; one hits if it is found so, or is a quotation altered
around a plant (a negation put into a quotation alters it).  Then the review load (items, groups
counting once) on the seed, Ruth and the dev Bible, with timings and the load average.
"""

from __future__ import annotations

import argparse
import os
import pickle
import random
import re
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

from alignment import align, collector, load_document
from alignment.checks import KINDS, _Context, run_checks
from alignment.checks_ahead import ChecksAhead
from alignment.documents import document_from_text
from alignment.facts import Fact, quotations
from alignment.grouping import review_items
from alignment.language import FUNCTION_WORDS
from alignment.model import Alignment, Check, Side, Span
from alignment.segment import segment

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
PLANTED = ("seed", "kjv-bbe-3books")
LOADED = ("seed", "ruth", "bible-asv-web")
# Edits of the seed's own facts: (target text, replacement, expected kind).
FIXED = [
    ("over 30 fatalities", "over 50 fatalities", "number"),
    ("August 8 deadline", "August 18 deadline", "date"),
    ("this claim on Thursday", "this claim on Wednesday", "date"),
    ("town of Chasiv Yar", "town of Bakhmut", "name"),
    ("“Honestly, it just makes me laugh.”", "“Honestly, it just makes me cry.”", "quotation"),
    ("as “uninformed.”", "as “misinformed.”", "quotation"),
]
SPOT_KINDS = ("number", "date", "name", "quotation", "negation", "modality")
OTHER_NAME = "Kowalczyk"
OTHER_NUMBER = ("seventeen", "ninety")
OTHER_WORD = ("garden", "river")
WEAKER = {"will": "may", "shall": "may", "must": "can"}
_AUX = re.compile(r"\b(will|shall|was|is|are|were|would|could|did|has|had|can)\s+([a-z]{4,})\b")
_NOT = re.compile(r"\b([a-z]+) not ([a-z]{4,})\b")
_NEGATED = re.compile(r"\b(?:not|no|never|none|nothing|nobody|nor|neither|without)\b|n't|n’t", re.I)
_STRONG = re.compile(r"\b(will|shall|must)\s+([a-z]{3,})\b")
_MODALS = re.compile(r"\b(?:will|shall|must|may|might|can|could|should|would)\b|'ll|’ll")
_WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_MONTHS = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
    "November", "December",
]  # fmt: skip
NAMES = [
    "Olena Kovalenko",
    "Marta Hrytsenko",
    "Pieter Vandenberg",
    "Amara Okafor",
    "Tomas Lindqvist",
    "Ines Duarte",
]
# Clauses stated both ways, (plain, negated): a plant flips one into the other.
NEGATED = [
    ("the council will give its consent", "the council will not give its consent"),
    ("a ceasefire was possible", "a ceasefire was not possible"),
    ("the envoy has signed the treaty", "the envoy has never signed the treaty"),
]
# A strong modal, a weaker one, and what they bear on.
MODALS = [
    ("will", "may", "return the land"),
    ("must", "can", "leave the city"),
    ("shall", "might", "pay the debt"),
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

    def name_part_changed(a: int, b: int, s: str, t: str) -> list[Edit]:
        first, last = rng.choice(NAMES).split()
        return [
            Edit("source", a, 0, f" (with {first} {last})", f"{first} {last}", "name", ("name",)),
            Edit("target", b, 0, f" (with {first} {OTHER_NAME})", OTHER_NAME, "name", ("name",)),
        ]

    def negation_flipped(a: int, b: int, s: str, t: str) -> list[Edit]:
        plain, negated = rng.choice(NEGATED)
        before, after = (plain, negated) if rng.random() < 0.5 else (negated, plain)
        return [
            Edit("source", a, 0, f" ({before})", before, "negation", ("negation",)),
            Edit("target", b, 0, f" ({after})", after, "negation", ("negation",)),
        ]

    def modal_weakened(a: int, b: int, s: str, t: str) -> list[Edit]:
        strong, weak, rest = rng.choice(MODALS)
        return [
            Edit("source", a, 0, f" (they {strong} {rest})", strong, "modality", ("modality",)),
            Edit("target", b, 0, f" (they {weak} {rest})", weak, "modality", ("modality",)),
        ]

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
        text = f" The city said {rng.randrange(20, 90)} buildings were damaged."
        return [Edit("target", end, 0, text, text.strip(), "one-sided", ("one-sided", "number"))]

    return [
        number_changed, number_dropped, date_changed, date_dropped, name_swapped, name_dropped,
        name_part_changed, negation_flipped, modal_weakened, quote_altered, quote_invented, quote_dropped,
        sentence_dropped, sentence_added,
    ]  # fmt: skip


def _spots(al: Alignment) -> dict[str, list[tuple[int, Edit]]]:
    """Edits of the paraphrase's copy of facts its pair's original states too, by kind, with their pair."""
    ctx = _Context.of(al)
    both = [k for k, pair in enumerate(al.pairs) if pair.source and pair.target]
    # Only facts each text states once: editing one of several would also drop the others' match.
    stated = Counter(
        (f.kind, f.value) for side in ("source", "target") for k in both for f in ctx.facts(side, k)
    )
    quoted = [q.span for q in ctx.quotes["target"]]
    found: dict[str, list[tuple[int, Edit]]] = defaultdict(list)
    for k in both:
        span = al.span("target", k)
        assert span is not None
        original = al.text("source", k)
        facts = [
            f
            for f in ctx.facts("target", k)
            if stated[f.kind, f.value] == 2 and not any(a <= f.span[0] < b for a, b in quoted)
        ]
        for edit in (
            *(_fact_edit(f, ctx.facts("source", k)) for f in facts),
            *(
                _quotation_edit(al.target.text, q, ctx.quotes_in("source", k))
                for q in ctx.quotes_in("target", k)
            ),
            *_polarity_edits(al.target.text, span, original),
        ):
            if edit is not None:
                found[edit.kind].append((k, edit))
    return found


def _edit(fact: Fact, old: str, new: str, kind: str) -> Edit:
    """Replace the last ``old`` in a fact's text with ``new``, pointing at the new words."""
    cut = fact.text.rindex(old)
    text = fact.text[:cut] + new + fact.text[cut + len(old) :]
    return Edit("target", fact.span[0], len(fact.text), text, new, kind, (kind,))


def _fact_edit(fact: Fact, original: list[Fact]) -> Edit | None:
    """A changed copy of a number, date or name the original states with the same value."""
    if not any(g.kind == fact.kind and g.value == fact.value for g in original):
        return None
    digits = re.findall(r"\d+", fact.text)
    if fact.kind == "name":
        last = fact.text.split()[-1]
        return None if last == OTHER_NAME else _edit(fact, last, OTHER_NAME, "name")
    if digits:
        return _edit(fact, digits[-1], str(int(digits[-1]) % 27 + 1), fact.kind)
    if fact.kind == "number":
        other = OTHER_NUMBER[fact.text.casefold() == OTHER_NUMBER[0]]
        return Edit("target", fact.span[0], len(fact.text), other, other, "number", ("number",))
    for names in (_WEEKDAYS, _MONTHS):
        for i, name in enumerate(names):
            if name in fact.text:
                return _edit(fact, name, names[(i + 1) % len(names)], "date")
    return None


def _quotation_edit(text: str, quote: Fact, original: list[Fact]) -> Edit | None:
    """A verbatim quotation of the original with one of its words changed."""
    words = " " + " ".join(quote.value) + " "
    if not any(words in " " + " ".join(q.value) + " " for q in original):
        return None
    marked = text[quote.span[0] : quote.span[1]]
    longest = max(re.findall(r"\b[a-z]{4,}\b", marked), key=len, default=None)
    if longest is None:
        return None
    new = OTHER_WORD[longest == OTHER_WORD[0]]
    at = quote.span[0] + marked.rindex(longest)
    return Edit("target", at, len(longest), new, new, "quotation", ("quotation",))


def _polarity_edits(text: str, span: Span, original: str) -> list[Edit]:
    """A negation put in or taken out, a modal weakened: where the original's clause has the same verb."""
    sentence, at = text[span[0] : span[1]], span[0]
    lower = original.casefold()
    words = {w[:4] for w in re.findall(r"[a-z]+", lower) if w not in FUNCTION_WORDS["english"]}
    negations = len(_NEGATED.findall(sentence)), len(_NEGATED.findall(original))
    edits = []
    if negations == (0, 0):
        for m in _AUX.finditer(sentence):
            if re.search(rf"\b{m[1]}\b", lower) and m[2][:4] in words:
                edits.append(Edit("target", at + m.start(2), 0, "not ", "not", "negation", ("negation",)))
                break
    if negations == (1, 1) and re.search(r"\bnot\b", lower):
        for m in _NOT.finditer(sentence):
            if m[2][:4] in words:
                kept = f"{m[1]} {m[2]}"
                edits.append(
                    Edit("target", at + m.start(), m.end() - m.start(), kept, kept, "negation", ("negation",))
                )
                break
    strong = len(_STRONG.findall(sentence)), len(_STRONG.findall(lower))
    if strong[0] == strong[1] and len(_MODALS.findall(sentence)) == len(_MODALS.findall(lower)):
        for m in _STRONG.finditer(sentence):
            if m[2][:4] in words:
                new = WEAKER[m[1]]
                edits.append(Edit("target", at + m.start(1), len(m[1]), new, new, "modality", ("modality",)))
                break
    return edits


def _pick(spots: dict[str, list[tuple[int, Edit]]], rng: random.Random, count: int) -> list[tuple[int, Edit]]:
    """Up to ``count`` spot edits, the kinds taken in turn, in pairs at least two apart."""
    queues = {kind: rng.sample(spots.get(kind, []), len(spots.get(kind, []))) for kind in SPOT_KINDS}
    chosen: list[tuple[int, Edit]] = []
    while len(chosen) < count and any(queues.values()):
        for kind in SPOT_KINDS:
            while queues[kind]:
                k, edit = queues[kind].pop()
                if all(abs(k - j) > 1 for j, _ in chosen):
                    chosen.append((k, edit))
                    break
            if len(chosen) >= count:
                break
    return chosen


def plant(
    al: Alignment,
    found: dict[str, list[tuple[int, Edit]]],
    rng: random.Random,
    counts: tuple[int, int],
    fixed: list | None = None,
    first: int = 0,
) -> Case:
    """A case with spot edits from ``found``, inserted plants at other anchors and fixed edits.

    ``counts`` are how many spot edits and inserted plants to make at most; inserted plants take
    the planters in turn from the ``first``, so that every kind is planted.
    """
    source, target = al.source.text, al.target.text
    edits: list[Edit] = []
    for old, new, kind in fixed or []:
        at = target.find(old)
        if at >= 0:
            prefix = len(_common_prefix(old, new))
            suffix = len(_common_suffix(old[prefix:], new[prefix:]))
            edits.append(
                Edit("target", at, len(old), new, new[prefix : len(new) - suffix] or new, kind, (kind,))
            )
    taken = {al.pair_at("target", e.at) for e in edits}
    for k, edit in _pick(found, rng, counts[0]):
        if not {k - 1, k, k + 1} & taken:
            edits.append(edit)
            taken.add(k)
    # Both ends of an inserted plant in one pair: a word found once in each text may stand in two
    # unrelated sentences ("comforted" in Ruth and in Philippians), where no pair holds both edits.
    anchors = [
        (a, b)
        for a, b in _anchors(source, target)
        if al.pair_at("source", a - 1) == al.pair_at("target", b - 1)
    ]
    rng.shuffle(anchors)
    planters = _planters(rng)
    turn = first
    for a, b in anchors[: counts[1]]:
        k = al.pair_at("target", b)
        if k is None or {k - 1, k, k + 1} & taken:
            continue
        taken.add(k)
        edits += planters[turn % len(planters)](a, b, source, target)
        turn += 1
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


def _key(check: Check) -> tuple:
    """What identifies a check across a planted and an unplanted run: its kind, change and message.

    Not its spans' texts: a check pointing at a whole sentence would change with any plant in it.
    """
    return check.kind, check.change, check.message


@dataclass
class Score:
    """Counts per kind: plants found and missed; new checks that hit a plant or none."""

    found: dict[str, int]
    planted: dict[str, int]
    hits: dict[str, int]
    fired: dict[str, int]
    missed: list[str]
    """Each plant no check found, and each new check that points at no plant, as a line to show."""

    def recall(self, kind: str) -> float:
        """Share of plants of a kind that a check found."""
        return self.found[kind] / self.planted[kind] if self.planted[kind] else float("nan")

    def precision(self, kind: str) -> float:
        """Share of new checks of a kind that point at a plant."""
        return self.hits[kind] / self.fired[kind] if self.fired[kind] else float("nan")


def score(cases: list[tuple[Case, Alignment]]) -> Score:
    """Score each planted case against the checks of its unplanted original pair."""
    s = Score(defaultdict(int), defaultdict(int), defaultdict(int), defaultdict(int), [])
    baselines: dict[int, Counter] = {}
    for case, al in cases:
        if id(al) not in baselines:
            baselines[id(al)] = Counter(_key(c) for c in run_checks(al))
        base = baselines[id(al)].copy()
        checks = _checks(case.source, case.target)
        s.missed.append(
            "case: "
            + "; ".join(
                f"{p.kind} {_around(case.target if p.side == 'target' else case.source, p.span, 15)}"
                for p in case.plants
            )
        )

        def overlaps(c: Check, p: Plant, kinds: tuple[str, ...] = ("quotation",)) -> bool:
            """Whether a check of an accepted kind points at a plant (or one of ``kinds``, wherever)."""
            span = c.source if p.side == "source" else c.target
            meets = span is not None and span[0] < p.span[1] and p.span[0] < span[1]
            return meets and (c.kind in p.accept or c.kind in kinds)

        for p in case.plants:
            s.planted[p.kind] += 1
            hit = any(overlaps(c, p, ()) for c in checks)
            s.found[p.kind] += hit
            if not hit:
                text = case.source if p.side == "source" else case.target
                s.missed.append(f"missed {p.kind}: {_around(text, p.span)}")
        # Checks pointing at no plant take up the unplanted run's checks first: one of several alike
        # ("Negation added: not") that points at a plant is then the new one.
        hits = [any(overlaps(c, p) for p in case.plants) for c in checks]
        for hit, c in sorted(zip(hits, checks, strict=True), key=lambda item: item[0]):
            key = _key(c)
            if base[key] > 0:
                base[key] -= 1
                continue
            s.fired[c.kind] += 1
            s.hits[c.kind] += hit
            if not hit:
                s.missed.append(f"unplanted {c.kind} ({c.change}): {c.message}")
    return s


def _around(text: str, span: Span, reach: int = 50) -> str:
    """A plant in its context on one line, the plant in brackets."""
    a, b = span
    return " ".join(f"{text[max(0, a - reach) : a]}[{text[a:b]}]{text[b : b + reach]}".split())


def _texts(shared: Path, name: str) -> tuple[Path, Path]:
    """The original and paraphrase files of a named pair: the tests' copies, else shared/dev."""
    if (DATA / f"{name}.src.txt").exists():
        return DATA / f"{name}.src.txt", DATA / f"{name}.tgt.txt"
    return shared / "dev" / f"{name}.src.txt", shared / "dev" / f"{name}.tgt.txt"


def build(
    shared: Path, variants: int, seed: int, names: tuple[str, ...] = PLANTED, counts: tuple[int, int] = (8, 4)
) -> list[tuple[Case, Alignment]]:
    """Planted cases on named pairs, ``variants`` each; the seed's first also gets the fixed edits."""
    rng = random.Random(seed)
    cases = []
    for name in names:
        source, target = (path.read_text(encoding="utf-8") for path in _texts(shared, name))
        al = align(document_from_text(source), document_from_text(target))
        found = _spots(al)
        print(f"{name}: spots " + ", ".join(f"{k} {len(found.get(k, []))}" for k in SPOT_KINDS), flush=True)
        for v in range(variants):
            fixed = FIXED if name == "seed" and v == 0 else None
            cases.append((plant(al, found, rng, counts, fixed, len(cases) * counts[1]), al))
    return cases


def _load() -> str:
    """The load average over the last minute, as ``uptime`` shows it."""
    return f"load {os.getloadavg()[0]:.2f}"


def review_load(shared: Path, names: tuple[str, ...]) -> None:
    """Print each pair's review load: items (a group counts once), in all and per 100 paraphrase sentences."""
    print(f"{'pair':<15} {'checks':>6} {'items':>6} {'sentences':>9} {'per 100':>7}  timings")
    for name in names:
        paths = _texts(shared, name)
        if not paths[0].exists():
            print(f"{name:<15} (not found: {paths[0]})")
            continue
        t0 = time.perf_counter()
        al = align(load_document(paths[0]), load_document(paths[1]))
        t1 = time.perf_counter()
        checks = run_checks(al)
        t2 = time.perf_counter()
        items, sentences = review_items(checks), len(al.target_sentences)
        print(
            f"{name:<15} {len(checks):>6} {items:>6} {sentences:>9} {100 * items / sentences:>7.2f}  "
            f"align {t1 - t0:.1f} s, checks {t2 - t1:.1f} s ({_load()})",
            flush=True,
        )


TIMED = ("seed", "ruth", "kjv-bbe-3books", "bible-asv-web")
REPEATS = 3
"""Runs of the checks per pair, the fastest shown (the dev Bible's once)."""


def time_checks(shared: Path, names: tuple[str, ...], pickled: Path | None) -> None:
    """Print the time of the checks alone, on an alignment made once (and kept in ``pickled``, if given).

    The alignment is pickled so that engine changes made meanwhile blur neither figure: run once with
    the code before a change and once after, on the same alignments.
    """
    print(f"{'pair':<15} {'checks':>6} {'wall s':>7} {'cpu s':>7}")
    for name in names:
        paths = _texts(shared, name)
        kept = pickled / f"{name}.pickle" if pickled else None
        if kept and kept.exists():
            al = pickle.loads(kept.read_bytes())
        else:
            al = align(load_document(paths[0]), load_document(paths[1]))
            if kept:
                kept.parent.mkdir(parents=True, exist_ok=True)
                kept.write_bytes(pickle.dumps(al, protocol=pickle.HIGHEST_PROTOCOL))
        best = (float("inf"), float("inf"))
        for _ in range(1 if len(al.pairs) > _MANY_PAIRS else REPEATS):
            wall, cpu = time.perf_counter(), time.process_time()
            with collector.paused():  # as `paralign check` runs them
                checks = run_checks(al)
            best = min(best, (time.perf_counter() - wall, time.process_time() - cpu))
        print(f"{name:<15} {len(checks):>6} {best[0]:>7.3f} {best[1]:>7.3f}  ({_load()})", flush=True)


_MANY_PAIRS = 10_000
"""A book: its checks are timed once."""


def time_ahead(shared: Path, name: str) -> None:
    """Print how long the checks take once the alignment is done, with a worker gathering their facts
    while align() runs, as `paralign check` does for a book (:mod:`alignment.checks_ahead`)."""
    paths = _texts(shared, name)
    source, target = load_document(paths[0]), load_document(paths[1])
    with collector.paused():
        t0 = time.perf_counter()
        ahead = ChecksAhead(source, target, "sentences")
        al = align(source, target)
        t1 = time.perf_counter()
        checks = ahead.checks(al)
        t2 = time.perf_counter()
    print(f"{name}: align {t1 - t0:.2f} s, then {len(checks)} checks from the worker in {t2 - t1:.2f} s "
          f"({_load()})")  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    """Print recall and precision per kind, then the review load."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--variants", type=int, default=12)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--no-bible", action="store_true", help="leave the dev Bible out of the review load")
    parser.add_argument("--show", action="store_true", help="print each missed plant and unplanted check")
    parser.add_argument("--timing", action="store_true", help="time the checks alone on 4 pairs")
    parser.add_argument("--pickled", type=Path, help="with --timing: keep the alignments here, pickled")
    args = parser.parse_args(argv)
    print(_load(), flush=True)
    if args.timing:
        time_checks(args.shared, TIMED, args.pickled)
        time_ahead(args.shared, TIMED[-1])
        return 0
    t0 = time.perf_counter()
    result = score(build(args.shared, args.variants, args.seed))
    print(f"planted and scored in {time.perf_counter() - t0:.1f} s ({_load()})")
    print(f"{'kind':<11} {'planted':>7} {'found':>6} {'recall':>7} {'fired':>6} {'precision':>9}")
    for kind in KINDS:
        print(
            f"{kind:<11} {result.planted[kind]:>7} {result.found[kind]:>6} {result.recall(kind):>7.3f} "
            f"{result.fired[kind]:>6} {result.precision(kind):>9.3f}"
        )
    if args.show:
        print("\n".join(result.missed))
    review_load(args.shared, LOADED[:-1] if args.no_bible else LOADED)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
