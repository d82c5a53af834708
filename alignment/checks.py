"""Editorial checks: the numbers, dates, names and quotations a rewrite changed, dropped or added.

Each pair's facts (:mod:`alignment.facts`) and polarity (:mod:`alignment.polarity`) are compared side
by side; equivalent forms match.  Kinds are ``negation``, ``quotation``, ``number``, ``date``,
``name``, ``modality`` and ``one-sided``; severities mean:

- **high** — can make the rewrite wrong: a negation added or removed, a number or date changed, a
  name swapped for another, a quotation altered (not verbatim in its source) or added (no source
  quotation says it).
- **medium** — a fact went missing or appeared: a number, date or quotation dropped; a number or date
  added; a name dropped that the paraphrase never mentions; a name new to both texts; quotation marks
  put around words the original states without them; a modal's force or a hedge changed
  (will → may, "said" → "claimed"); a paraphrase-only sentence stating facts; an
  original-only sentence with numbers, dates or quotations.
- **low** — worth a glance: a name dropped from a pair but still present elsewhere in the paraphrase;
  a name added that the original mentions elsewhere; a paraphrase-only sentence stating no fact; an
  original-only sentence whose only facts are names.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from alignment.facts import (
    Fact,
    Lexicon,
    Vocabulary,
    dates_compatible,
    facts_in,
    lexicon_of,
    names_match,
    quotation_words,
    quotations,
    same_word,
    spelled_alike,
)
from alignment.model import Alignment, Change, Check, Side, Span
from alignment.polarity import Cue, sentence_cues, sentence_words, shifts
from alignment.tokens import detect_language
from alignment.worddiff import diff_words

SEVERITIES = ("high", "medium", "low")
KINDS = ("negation", "quotation", "number", "date", "name", "modality", "one-sided")
_QUOTE_SIMILAR = 40.0
"""Least rapidfuzz ratio at which an unmatched paraphrase quotation counts as a rewording of one."""


def run_checks(alignment: Alignment) -> list[Check]:
    """Every editorial check on an alignment, sorted by severity, then pair, then position."""
    context = _Context.of(alignment)
    checks: list[Check] = []
    quotes = _quotation_checks(context)
    rejoined = _rejoined(context, quotes)
    for k, pair in enumerate(alignment.pairs):
        if pair.source and pair.target:
            checks += _compare_facts(context, k) + _polarity(context, k)
        elif k not in rejoined:
            checks += _one_sided(context, k)
    return sorted(checks + quotes, key=_order)


def _rejoined(ctx: _Context, quotes: list[Check]) -> set[int]:
    """One-sided pairs whose reworded quotation links them to a one-sided pair on the other side.

    The aligner left both unmatched, but the quotation check already reports what changed between
    them; reporting each as one-sided too would only repeat it, unless they state numbers or dates.
    """
    found: set[int] = set()
    for c in quotes:
        if c.source is None or c.target is None:
            continue
        ends = ctx.pairs_of("source", c.source) | ctx.pairs_of("target", c.target)
        if all(not (ctx.alignment.pairs[k].source and ctx.alignment.pairs[k].target) for k in ends):
            found |= {k for k in ends if all(f.kind == "name" for f in ctx.facts(_side_of(ctx, k), k))}
    return found


def _side_of(ctx: _Context, k: int) -> Side:
    """The side a one-sided pair stands on."""
    return "target" if ctx.alignment.pairs[k].target else "source"


def _order(check: Check) -> tuple:
    """Sort key: severity, pair, then where the check stands in the text."""
    where = check.target or check.source or (0, 0)
    return SEVERITIES.index(check.severity), check.pair, where[0], KINDS.index(check.kind)


@dataclass(frozen=True)
class _Context:
    """An alignment with what every check needs: the lexicon, both sides' quotations and words."""

    alignment: Alignment
    lexicon: Lexicon
    quotes: dict[Side, list[Fact]]
    words: dict[Side, Vocabulary]
    cues: dict[Side, list[list[Cue]]]
    _quote_index: dict[Side, dict[int, list[Fact]]] = field(default_factory=dict, repr=False)

    @classmethod
    def of(cls, alignment: Alignment) -> _Context:
        """Gather what checks share for one alignment."""
        sides: tuple[Side, Side] = ("source", "target")
        texts = {s: alignment.document(s).text for s in sides}
        spans = {s: [(x.start, x.end) for x in alignment.sentences(s)] for s in sides}
        language = detect_language(texts.values())
        return cls(
            alignment,
            lexicon_of(((texts[s], spans[s]) for s in sides), language),
            {s: quotations(texts[s]) for s in sides},
            {s: Vocabulary(quotation_words(texts[s])) for s in sides},
            {s: sentence_cues(texts[s], alignment.sentences(s), language) for s in sides},
        )

    def facts(self, side: Side, pair: int) -> list[Fact]:
        """Numbers, dates and names in a pair's sentences on one side."""
        text = self.alignment.document(side).text
        idx = self.alignment.pairs[pair].source if side == "source" else self.alignment.pairs[pair].target
        sents = self.alignment.sentences(side)
        return [f for i in idx for f in facts_in(text, sents[i].start, sents[i].end, self.lexicon)]

    def sentence_words(self, side: Side, pair: int) -> list[tuple[int, str, int]]:
        """The words of a pair's sentences on one side, with their offsets, in lower case."""
        idx = self.alignment.pairs[pair].source if side == "source" else self.alignment.pairs[pair].target
        sents = self.alignment.sentences(side)
        return sentence_words(
            self.alignment.document(side).text, [(sents[i].start, sents[i].end) for i in idx]
        )

    def pairs_of(self, side: Side, span: Span) -> frozenset[int]:
        """The pairs whose sentences on one side overlap a span."""
        sents = self.alignment.sentences(side)
        i = self.alignment.sentence_at(side, span[0])
        i = 0 if i is None else i
        found = set()
        while i < len(sents) and sents[i].start < span[1]:
            if span[0] < sents[i].end:
                found.add(self.alignment.pair_of(side, i))
            i += 1
        return frozenset(k for k in found if k >= 0)

    def quotes_in(self, side: Side, pair: int) -> list[Fact]:
        """The quotations overlapping a pair's sentences on one side."""
        index = self._quote_index.get(side)
        if index is None:
            index = self._quote_index[side] = defaultdict(list)
            for q in self.quotes[side]:
                for k in self.pairs_of(side, q.span):
                    index[k].append(q)
        return index.get(pair, [])

    def reach(self, side: Side, span: Span) -> frozenset[int]:
        """The pairs a quotation may come from: its own, and next to a one-sided one, its neighbours."""
        own = self.pairs_of(side, span)
        pairs = self.alignment.pairs
        near = {p + d for p in own if not (pairs[p].source and pairs[p].target) for d in (-1, 1)}
        return own | {p for p in near if 0 <= p < len(pairs)}


def _quoted(text: str, limit: int = 60) -> str:
    """Text shown in a message: one line, trimmed of outer punctuation, shortened with an ellipsis."""
    text = " ".join(text.split()).strip(" ,.;:")
    return text if len(text) <= limit else text[: limit - 1].rstrip(" ,.;:") + "…"


Matched = tuple[list[Fact], list[Fact], list[tuple[Fact, Fact]]]
"""Facts left on each side, and the pairs of facts matched."""


def _match(a: list[Fact], b: list[Fact], same: Callable[[Fact, Fact], float]) -> Matched:
    """Pair off facts in order, each with its best match (``same`` > 0) among the nearest others."""
    taken = [False] * len(b)
    left_a, pairs = [], []
    for i, fa in enumerate(a):
        best, best_score = -1, 0.0
        for j in _nearby(i, len(a), len(b)):
            if not taken[j]:
                score = same(fa, b[j])
                if score > best_score:
                    best, best_score = j, score
        if best < 0:
            left_a.append(fa)
        else:
            taken[best] = True
            pairs.append((fa, b[best]))
    return left_a, [fb for j, fb in enumerate(b) if not taken[j]], pairs


def _nearby(i: int, n: int, m: int) -> range:
    """Indices of the other side's items to compare with item i of n: all of a few, else a window.

    A long pair (a table, a list of figures) then costs linear time, not the product of its sides.
    """
    if m <= 2 * _WINDOW:
        return range(m)
    j = i * m // max(n, 1)
    return range(max(0, j - _WINDOW), min(m, j + _WINDOW))


_WINDOW = 16
"""Items compared on each side of the expected place, once a pair states more than twice as many."""


def _shared_words(a: Fact, b: Fact) -> float:
    """How many words two names share, allowing derived forms (0 for different names)."""
    return sum(1 for x in a.value if any(same_word(x, y) for y in b.value))


def _same_number(a: Fact, b: Fact) -> bool:
    """Equal amounts, in the same unit unless one side leaves the unit out."""
    return a.value[1] == b.value[1] and (a.value[0] == b.value[0] or not a.value[0] or not b.value[0])


def _compare_facts(ctx: _Context, k: int) -> list[Check]:
    """Checks on the numbers, dates and names of a pair present on both sides."""
    src, tgt = ctx.facts("source", k), ctx.facts("target", k)
    checks: list[Check] = []
    for kind, same in (
        ("number", _same_number),
        ("date", lambda a, b: dates_compatible(a.value, b.value)),
        ("name", _shared_words),
    ):
        a = [f for f in src if f.kind == kind]
        b = [f for f in tgt if f.kind == kind]
        lost, new, matched = _match(a, b, same)
        if kind == "name":
            # A name the other side writes in a form not read as a name ("the russian army") is kept.
            lost = [f for f in lost if not _mentioned(f, ctx, "target", k)]
            new = [f for f in new if not _mentioned(f, ctx, "source", k)]
            checks += [c for fa, fb in matched if (c := _name_part_changed(k, fa, fb))]
        checks += _changes(ctx, k, kind, lost, new)
    return checks


def _name_part_changed(k: int, a: Fact, b: Fact) -> Check | None:
    """A check on two names sharing a word whose other words differ ("Nils Oberg" → "Nils Kowalczyk").

    One name holding all the words of the other ("Vladimir Putin", "Putin") is the same name.
    """
    only_a = [x for x in a.value if not any(same_word(x, y) for y in b.value)]
    only_b = [y for y in b.value if not any(same_word(x, y) for x in a.value)]
    if not only_a or not only_b:
        return None
    return _name_check(k, a, b)


def _name_check(k: int, a: Fact, b: Fact) -> Check:
    """A changed name: high for another name, low for another spelling of the same one."""
    old, new = _quoted(a.text), _quoted(b.text)
    if spelled_alike(a.text, b.text):
        return Check("name", "form", "low", f"Name spelled differently: {old} → {new}", a.span, b.span, k)
    return Check("name", "changed", "high", f"Name changed: {old} → {new}", a.span, b.span, k)


def _polarity(ctx: _Context, k: int) -> list[Check]:
    """Checks on a pair whose rewrite flipped a negation, changed a modal's force or a hedge."""
    pair = ctx.alignment.pairs[k]
    found = []
    for shift in shifts(
        [c for i in pair.source for c in ctx.cues["source"][i]],
        [c for j in pair.target for c in ctx.cues["target"][j]],
        ctx.sentence_words("source", k),
        ctx.sentence_words("target", k),
    ):
        source = shift.source.span if shift.source else ctx.alignment.span("source", k)
        target = shift.target.span if shift.target else ctx.alignment.span("target", k)
        found.append(Check(shift.kind, shift.change, shift.severity, shift.message, source, target, k))
    return found


def _mentioned(fact: Fact, ctx: _Context, side: Side, pair: int) -> bool:
    """Whether a name's words occur in a pair's text on the other side, in any case."""
    words = set(quotation_words(ctx.alignment.text(side, pair)))
    return names_match(fact.value, tuple(words))


def _changes(ctx: _Context, k: int, kind: str, lost: list[Fact], new: list[Fact]) -> list[Check]:
    """Checks for facts left unmatched: pairs of them changed, the rest dropped or added."""
    checks = []
    changeable = list(new)
    title = kind.capitalize()
    for fa in lost:
        near = [f for f in changeable[: 2 * _WINDOW] if _replaces(ctx, kind, fa, f)]
        fb = next(
            (f for f in near if kind == "name" and spelled_alike(fa.text, f.text)), near[0] if near else None
        )
        if fb is not None:
            changeable.remove(fb)
            if kind == "name":
                checks.append(_name_check(k, fa, fb))
            else:
                checks.append(
                    Check(
                        kind,
                        "changed",
                        "high",
                        f"{title} changed: {fa.text} → {fb.text}",
                        fa.span,
                        fb.span,
                        k,
                    )
                )
        else:
            severity = "medium"
            if kind == "name" and ctx.words["target"].mentions(fa.value):
                severity = "low"
            checks.append(Check(kind, "dropped", severity, f"{title} dropped: {fa.text}", fa.span, None, k))
    for fb in changeable:
        severity = "medium"
        if kind == "name" and ctx.words["source"].mentions(fb.value):
            severity = "low"
        checks.append(Check(kind, "added", severity, f"{title} added: {fb.text}", None, fb.span, k))
    return checks


def _replaces(ctx: _Context, kind: str, old: Fact, new: Fact) -> bool:
    """Whether a new fact reads as a replacement of a lost one rather than a separate edit."""
    if kind == "date":
        return old.value[0] == new.value[0]
    if kind == "name" and spelled_alike(old.text, new.text):
        return True
    if kind == "name":
        # A name the original mentions elsewhere was moved, not swapped in.
        return not ctx.words["source"].mentions(new.value)
    return True


def _one_sided(ctx: _Context, k: int) -> list[Check]:
    """A check for a sentence group found on one side only: a possible addition or a lost fact."""
    side = _side_of(ctx, k)
    span = ctx.alignment.span(side, k)
    assert span is not None
    facts = ctx.facts(side, k) + ctx.quotes_in(side, k)
    weighty = [f for f in facts if f.kind != "name"]
    stated = ", ".join(dict.fromkeys(_quoted(f.text, 30) for f in facts))
    excerpt = _quoted(ctx.alignment.text(side, k), 50)
    if side == "target":
        severity = "medium" if facts else "low"
        about = f" (states {stated})" if facts else ""
        message = f"Only in the paraphrase{about}: “{excerpt}”"
        return [Check("one-sided", "added", severity, message, None, span, k)]
    if not facts:
        return []
    severity = "medium" if weighty else "low"
    message = f"Dropped from the original with {stated}: “{excerpt}”"
    return [Check("one-sided", "dropped", severity, message, span, None, k)]


def _contains(words: Sequence[str], part: Sequence[str]) -> bool:
    """Whether ``part`` occurs as a contiguous run in ``words``."""
    n = len(part)
    return n > 0 and any(tuple(words[i : i + n]) == tuple(part) for i in range(len(words) - n + 1))


def _by_pair(quotes: Sequence[tuple[Fact, frozenset[int]]]) -> dict[int, list[int]]:
    """For each pair, the indices of the quotations within its reach."""
    at: dict[int, list[int]] = defaultdict(list)
    for i, (_, pairs) in enumerate(quotes):
        for p in pairs:
            at[p].append(i)
    return at


def _near(at: dict[int, list[int]], pairs: Iterable[int]) -> list[int]:
    """The quotations within reach of any of the pairs, in order."""
    return sorted({i for p in pairs for i in at.get(p, ())})


def quotation_changes(alignment: Alignment, check: Check) -> tuple[Change, ...]:
    """The word diff between an altered quotation and its source, for display with the check."""
    if check.kind != "quotation" or check.source is None or check.target is None:
        return ()
    return diff_words(alignment.source.text, [check.source], alignment.target.text, [check.target])


def _quotation_checks(ctx: _Context) -> list[Check]:
    """Quotations of the paraphrase not verbatim in their source pair, and source quotations lost."""
    targets = [(q, ctx.reach("target", q.span)) for q in ctx.quotes["target"]]
    sources = [(q, ctx.reach("source", q.span)) for q in ctx.quotes["source"]]
    # Quotations are compared only with those in reach of the same pairs: index them by pair.
    sources_at = _by_pair(sources)
    used: set[int] = set()
    open_targets = []
    for q, pairs in targets:
        near = _near(sources_at, pairs)
        verbatim = [i for i in near if _contains(sources[i][0].value, q.value)]
        if verbatim:
            used.update(verbatim)
        else:
            open_targets.append((q, pairs))
    targets_at = _by_pair(open_targets)
    altered: dict[int, Fact] = {}
    candidates = sorted(
        (
            (fuzz.ratio(" ".join(sources[si][0].value), " ".join(q.value)), ti, si)
            for ti, (q, pairs) in enumerate(open_targets)
            for si in _near(sources_at, pairs)
            if si not in used
        ),
        key=lambda c: (-c[0], c[1], c[2]),
    )
    for score, ti, si in candidates:
        if ti in altered or si in used:
            continue
        # Below the threshold, a quotation still rewords the only other open one in the same place.
        shared = open_targets[ti][1] & sources[si][1]
        alone = sum(1 for t in _near(targets_at, shared) if t not in altered) == 1 and (
            sum(1 for i in _near(sources_at, shared) if i not in used) == 1
        )
        if score >= _QUOTE_SIMILAR or alone:
            altered[ti] = sources[si][0]
            used.add(si)
    checks: list[Check] = []
    for ti, (q, _) in enumerate(open_targets):
        own = ctx.pairs_of("target", q.span)
        k = min(own) if own else ctx.alignment.pair_at("target", q.span[0])
        if k is None:
            continue
        if ti in altered:
            s = altered[ti]
            message = f"Quotation altered: “{_quoted(s.text)}” → “{_quoted(q.text)}”"
            checks.append(Check("quotation", "altered", "high", message, s.span, q.span, k))
        elif any(_contains(quotation_words(ctx.alignment.text("source", p)), q.value) for p in own):
            message = f"Quotation marks added around the original’s words: “{_quoted(q.text)}”"
            checks.append(Check("quotation", "added", "medium", message, None, q.span, k))
        else:
            message = f"Quotation added, not in the original: “{_quoted(q.text)}”"
            checks.append(Check("quotation", "added", "high", message, None, q.span, k))
    for si, (s, _) in enumerate(sources):
        kept = [p for p in ctx.pairs_of("source", s.span) if ctx.alignment.pairs[p].target]
        if si in used or not kept:
            continue  # a quotation in an original-only sentence is reported with that sentence
        message = f"Quotation dropped: “{_quoted(s.text)}”"
        checks.append(Check("quotation", "dropped", "medium", message, s.span, None, min(kept)))
    return checks
