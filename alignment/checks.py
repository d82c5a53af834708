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

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field, replace
from functools import cache, cached_property, lru_cache, partial
from itertools import islice
from operator import attrgetter
from typing import TypeVar

import numpy as np
from rapidfuzz import fuzz

from alignment import speech
from alignment.facts import (
    Fact,
    Quotations,
    Vocabulary,
    capitals,
    casing_of,
    dates_compatible,
    may_mention,
    name_words,
    quotation_words,
    quotations,
    same_word,
    sentence_facts,
    spelled_alike,
    vocabulary,
)
from alignment.language import FUNCTION_WORDS, FURNITURE, WORD, cues, fold
from alignment.model import Alignment, Change, Check, Sentence, Side, Span
from alignment.polarity import (
    Clause,
    Cue,
    SentenceCues,
    SentenceWords,
    Wording,
    shifting,
    shifts,
    with_scope,
)
from alignment.tokens import detect_language
from alignment.worddiff import diff_words

SEVERITIES = ("high", "medium", "low")
KINDS = ("negation", "quotation", "number", "date", "name", "modality", "one-sided")
_QUOTE_SIMILAR = 40.0
"""Least rapidfuzz ratio at which an unmatched paraphrase quotation counts as a rewording of one."""


def prepare(alignment: Alignment) -> _Context:
    """What every check gathers from an alignment's texts and sentences alone (its pairs are not read),
    for one :func:`run_checks` of an alignment of the same texts and sentences: the window's checks
    worker gathers it while the engine still aligns the pairs."""
    return _Context.of(alignment)


def run_checks(alignment: Alignment, prepared: _Context | None = None) -> list[Check]:
    """Every editorial check on an alignment, sorted by severity, then pair, then position; ``prepared``
    (:func:`prepare`, given once) is what its texts and sentences hold, gathered beforehand."""
    context = _Context.of(alignment) if prepared is None else replace(prepared, alignment=alignment)
    both = [k for k, pair in enumerate(alignment.pairs) if pair.source and pair.target]
    src, tgt = context.pair_facts("source"), context.pair_facts("target")
    # Most pairs state their facts alike (or none): nothing to compare, decided without a call.
    compared = {k: [] if _same_facts(src[k], tgt[k]) else _compare_facts(context, k) for k in both}
    renames = _renames(context, [c for found in compared.values() for c in found])
    if renames["target"]:
        # Names again with the renames, only where a name changed, went or came and a renamed word
        # stands in a name: elsewhere the renames change nothing, and numbers and dates never.
        context = context.with_renames(renames)
        compared |= {
            k: [c for c in found if c.kind != "name"] + _compare_facts(context, k, ("name",))
            for k, found in compared.items()
            if _names_differ(found) and context.renamed(k)
        }
    checks: list[Check] = []
    shifting = context.shifting(both)
    quotes = _quotation_checks(context)
    rejoined = _rejoined(context, quotes)
    furniture = _furniture(context)
    split = _split_off(context)
    for k, pair in enumerate(alignment.pairs):
        if pair.source and pair.target:
            checks += compared[k] + (_polarity(context, k) if k in shifting else [])
        elif k in furniture:
            checks.append(_furniture_check(context, k))
        elif k not in rejoined and k not in split:
            checks += _one_sided(context, k)
    return sorted(checks + quotes, key=_order)


def _renames(ctx: _Context, checks: list[Check]) -> dict[Side, dict[str, str]]:
    """Words of names the paraphrase consistently writes otherwise (Jehovah → Yahweh), both ways.

    For each side, the words of the other side's names as this side writes them: a word renamed in
    at least two changed names, to the word it most often becomes.
    """
    counts: Counter[tuple[str, str]] = Counter()
    for c in checks:
        if c.kind == "name" and c.source and c.target:
            old, new = _differing(_name_value(ctx, "source", c.source), _name_value(ctx, "target", c.target))
            if len(old) == len(new) == 1:
                counts[old[0], new[0]] += 1
    forward: dict[str, str] = {}
    backward: dict[str, str] = {}
    for (old, new), n in counts.most_common():
        if n >= _RENAMED and old not in forward and new not in backward:
            forward[old], backward[new] = new, old
    return {"target": forward, "source": backward}


_NAMES_KEPT = 1 << 14
"""Pairs of names whose differing words are kept: a book's changed names repeat a few thousand."""
_RENAMED = 2
"""Changed names a word must be renamed in to count as renamed throughout: a change repeated."""


def _name_value(ctx: _Context, side: Side, span: Span) -> tuple[str, ...]:
    """The words of the name at a span."""
    return name_words(ctx.alignment.document(side).text[span[0] : span[1]])


def _names_differ(checks: list[Check]) -> bool:
    """Whether a pair's checks report a name changed, dropped or added."""
    return any(c.kind == "name" for c in checks)


@lru_cache(maxsize=_NAMES_KEPT)
def _differing(a: tuple[str, ...], b: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The words of each name the other does not hold, itself or derived."""
    return (
        tuple(x for x in a if not any(same_word(x, y) for y in b)),
        tuple(y for y in b if not any(same_word(x, y) for x in a)),
    )


def _furniture(ctx: _Context) -> set[int]:
    """Original-only pairs in runs that look like page furniture (a newsletter box, a photo credit)."""
    alone = ctx.pair_sides[:, 0] & ~ctx.pair_sides[:, 1]
    # The runs found at once: a book's pairs are tens of thousands, its original-only runs a few hundred.
    edges = np.flatnonzero(np.diff(np.concatenate(([False], alone, [False])).astype(np.int8))).tolist()
    found: set[int] = set()
    for start, end in zip(edges[::2], edges[1::2], strict=True):
        # Each distinct text searched once: a page of one sentence repeated is one search.
        if any(map(_furnished, dict.fromkeys(ctx.alignment.text("source", p) for p in range(start, end)))):
            found.update(range(start, end))
    return found


def _furnished(text: str) -> bool:
    """Whether a text says what page furniture says (:data:`~alignment.language.FURNITURE`).

    Its words are looked for only in a text with four letters in a row, as each of them holds: the
    search tries them all at every word, and a page of quotation marks around single letters is
    millions of words.
    """
    if _FOUR_LETTERS.search(text) is None and "©" not in text and "/" not in text:
        return False  # no furniture word, no copyright sign, no credit's slash
    return FURNITURE.search(text) is not None


_FOUR_LETTERS = re.compile(r"\w{4}")


def _furniture_check(ctx: _Context, k: int) -> Check:
    """A low check on page furniture the paraphrase leaves out, grouped with the rest of it."""
    message = f"Page furniture dropped: “{_quoted(ctx.alignment.text('source', k), 50)}”"
    return Check("one-sided", "dropped", "low", message, ctx.alignment.span("source", k), None, k, _FURNITURE)


_FURNITURE = "page furniture dropped"
_NEIGHBOURS = 5
"""Pairs on each side of a pair (about a paragraph) that a rewrite may move a fact to, or split a
sentence from: a lede's "On Friday" covers the next few sentences."""
_LEDE_REACH = 30
"""Pairs looked back for a date a rewrite moved up: the few paragraphs of a news story."""
_SPLIT_SHARE = 0.5
"""Share of a one-sided sentence's content words its neighbours must state for it to be split off."""


def _split_off(ctx: _Context) -> set[int]:
    """The one-sided pairs that only restate their neighbours' other side: sentences split off one.

    The aligner links whole sentences; where one verse became two sentences, the second is left
    one-sided, though its words stand in the pair next to it.
    """
    pairs, sides = ctx.alignment.pairs, ctx.pair_sides
    # Only a pair with the other side among its neighbours can restate it: a page of one-sided
    # sentences far from any other is decided at once, not sentence by sentence.
    counts = np.concatenate((np.zeros((1, 2), np.int64), np.cumsum(sides, axis=0)))
    k = np.arange(len(pairs))
    lo, hi = np.maximum(k - _NEIGHBOURS, 0), np.minimum(k + _NEIGHBOURS + 1, len(pairs))
    near = counts[hi] - counts[lo]  # pairs with each side in reach
    one_sided = sides[:, 0] != sides[:, 1]
    candidates = one_sided & np.where(sides[:, 0], near[:, 1], near[:, 0]).astype(bool)
    return {k for k in np.flatnonzero(candidates).tolist() if _restates(ctx, k)}


def _restates(ctx: _Context, k: int) -> bool:
    """Whether a one-sided pair only restates its neighbours' other side (see :func:`_split_off`)."""
    side = _side_of(ctx, k)
    other: Side = "source" if side == "target" else "target"
    stop = FUNCTION_WORDS.get(ctx.language, FUNCTION_WORDS["english"])
    own = {w for w in ctx.word_set(side, k) if len(w) > 2 and w not in stop}
    if not own:
        return False
    lo, hi = max(0, k - _NEIGHBOURS), min(len(ctx.alignment.pairs), k + _NEIGHBOURS + 1)
    stated = {f.value for p in range(lo, hi) for f in ctx.facts(other, p)}
    if any(f.kind != "name" and f.value not in stated for f in ctx.facts(side, k)):
        return False  # it states a figure its neighbours do not: new matter, whatever its words
    table, heads = ctx.renames[side], [w[:_PREFIX] for w in own]
    near: set[str] = set()
    # The nearest pairs first: a sentence split off mostly restates the next one or two, and then the
    # words of the others are never read.
    for p in sorted(range(lo, hi), key=lambda p: abs(p - k)):
        near.update(ctx.heads(other, p), (table[w][:_PREFIX] for w in ctx.word_set(other, p) & table.keys()))
        if sum(h in near for h in heads) >= _SPLIT_SHARE * len(own):
            return True
    return False


_PREFIX = 4
"""Letters two word forms share at the start to count as one word here ("pours", "poureth")."""


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
    """An alignment with what every check needs: both sides' facts by sentence, quotations and words."""

    alignment: Alignment
    sentence_facts: dict[Side, list[list[Fact]]]
    quotes: dict[Side, Quotations]
    words: dict[Side, Vocabulary]
    cues: dict[Side, SentenceCues]
    language: str
    wordings: dict[Side, SentenceWords]
    whole: dict[Side, bool]
    """For each side, whether no sentence starts or ends inside a word: then a pair's words are words of
    ``words`` (a name its document never mentions, no pair of it mentions)."""
    renames: dict[Side, dict[str, str]] = field(default_factory=lambda: {"source": {}, "target": {}})
    """For each side, the name words of the other side as this side writes them (see _renames)."""
    _quote_index: dict[Side, dict[int, list[int]]] = field(default_factory=dict, repr=False)
    _one_sided_wordings: dict[tuple, _Worded] = field(default_factory=dict, repr=False)
    _quote_pairs: dict[Side, list[frozenset[int]]] = field(default_factory=dict, repr=False)
    _placements: dict[Side, _Placed] = field(default_factory=dict, repr=False)
    _alone_quotes: dict[Side, tuple[list[str], list[int]]] = field(default_factory=dict, repr=False)
    _quoted_pairs: dict[Side, frozenset[int]] = field(default_factory=dict, repr=False)
    _reaches: dict[frozenset[int], frozenset[int]] = field(default_factory=dict, repr=False)
    _date_values: dict[Side, frozenset[tuple]] = field(default_factory=dict, repr=False)
    _phrases: dict[tuple[Side, int], str] = field(default_factory=dict, repr=False)
    _facts: dict[Side, list[list[Fact]]] = field(default_factory=dict, repr=False)
    _vocabularies: dict[tuple[Side, int], Vocabulary] = field(default_factory=dict, repr=False)
    _plain: dict[tuple[Side, int], list[str]] = field(default_factory=dict, repr=False)
    _stems: dict[tuple[Side, int], frozenset[str]] = field(default_factory=dict, repr=False)
    _singletons: dict[int, frozenset[int]] = field(default_factory=dict, repr=False)
    _folded: dict[tuple[Side, int], str] = field(default_factory=dict, repr=False)
    _mentions: dict[tuple[Side, tuple[str, ...]], bool] = field(default_factory=dict, repr=False)
    _said: dict[frozenset[int], tuple[bool, frozenset[str]]] = field(default_factory=dict, repr=False)
    _word_sets: dict[tuple[Side, int], frozenset[str]] = field(default_factory=dict, repr=False)
    _heads: dict[tuple[Side, int], frozenset[str]] = field(default_factory=dict, repr=False)
    _quotation_words: dict[tuple[Side, int], tuple[str, ...]] = field(default_factory=dict, repr=False)
    _matches: dict[tuple, Matched] = field(default_factory=dict, repr=False)
    """Facts matched (:func:`_match`, by index) for each kind and pair of value lists: a rename repeats."""
    _name_checks: dict[tuple, tuple[str, str, str, str]] = field(default_factory=dict, repr=False)
    """Change, severity, message and group key of each changed name (:func:`_named`) met."""

    @classmethod
    def of(cls, alignment: Alignment) -> _Context:
        """Gather what checks share for one alignment."""
        sides: tuple[Side, Side] = ("source", "target")
        texts = {s: alignment.document(s).text for s in sides}
        spans = {s: [(x.start, x.end) for x in alignment.sentences(s)] for s in sides}
        language = detect_language(texts.values())
        caps = {s: capitals(texts[s], spans[s], language) for s in sides}
        casing = casing_of(caps.values())
        return cls(
            alignment,
            {s: sentence_facts(caps[s], casing) for s in sides},
            {s: quotations(texts[s]) for s in sides},
            {s: vocabulary(caps[s]) for s in sides},
            {s: SentenceCues(texts[s], alignment.sentences(s), language, caps[s].codes) for s in sides},
            language,
            {s: SentenceWords(texts[s], alignment.sentences(s)) for s in sides},
            {s: _whole(texts[s], alignment.sentences(s)) for s in sides},
        )

    def facts(self, side: Side, pair: int) -> list[Fact]:
        """Numbers, dates and names in a pair's sentences on one side (found once per pair)."""
        return self.pair_facts(side)[pair]

    def pair_facts(self, side: Side) -> list[list[Fact]]:
        """:meth:`facts` of every pair on one side, gathered at the first ask."""
        found = self._facts.get(side)
        if found is None:
            by_sentence, pairs = self.sentence_facts[side], self.alignment.pairs
            found = self._facts[side] = [
                _of_sentences(by_sentence, p.source if side == "source" else p.target) for p in pairs
            ]
        return found

    def vocabulary(self, side: Side, pair: int) -> Vocabulary:
        """The words of a pair's text on one side, to look names up in (built once per pair)."""
        found = self._vocabularies.get((side, pair))
        if found is None:
            found = self._vocabularies[side, pair] = Vocabulary(self.quotation_words(side, pair))
        return found

    def folded(self, side: Side, pair: int) -> str:
        """A pair's text on one side as :func:`quotation_words` reads words from it, made once per pair."""
        found = self._folded.get((side, pair))
        if found is None:
            found = self._folded[side, pair] = fold(self.alignment.text(side, pair))
        return found

    def quotation_words(self, side: Side, pair: int) -> tuple[str, ...]:
        """A pair's words on one side as :func:`quotation_words` reads them, read once per pair."""
        found = self._quotation_words.get((side, pair))
        if found is None:
            found = self._quotation_words[side, pair] = quotation_words(self.alignment.text(side, pair))
        return found

    def with_renames(self, renames: dict[Side, dict[str, str]]) -> _Context:
        """This context with other renames: said() finds afresh (other caches key on names as written)."""
        return replace(self, renames=renames, _said={})

    def as_written(self, side: Side, words: tuple[str, ...]) -> tuple[str, ...]:
        """Name words of the other side as one side writes them, following its consistent renames."""
        table = self.renames[side]
        return tuple(map(table.get, words, words)) if table else words

    def matched(self, kind: str, a: list[tuple], b: list[tuple]) -> Matched:
        """Values of one kind matched by :func:`_match`, once per two lists of values: a rename repeats."""
        key = (kind, tuple(a), tuple(b))
        found = self._matches.get(key)
        if found is None:
            found = self._matches[key] = _match(a, b, _FACT_KINDS[kind])
        return found

    def name_change(self, a: Fact, b: Fact) -> tuple[str, str, str, str]:
        """What :func:`_named` makes of two names, once for each two texts and values: a rename repeats."""
        key = (a.text, a.value, b.text, b.value, self.as_written("target", a.value))
        found = self._name_checks.get(key)
        if found is None:
            found = self._name_checks[key] = _named(self, a, b)
        return found

    def shifting(self, pairs: Sequence[int]) -> frozenset[int]:
        """The pairs of some (each with both sides) whose polarity :func:`_polarity` is to compare."""
        groups = [(self.alignment.pairs[k].source, self.alignment.pairs[k].target) for k in pairs]
        found = shifting(self.cues["source"], self.cues["target"], groups)
        return frozenset(np.asarray(pairs, np.int64)[found].tolist())

    def renamed(self, pair: int) -> bool:
        """Whether a word of a pair's names is one the other side consistently writes otherwise."""
        return any(
            w in self.renames[other] for side, other in _OTHER.items() for f in self.facts(side, pair)
            if f.kind == "name" for w in f.value
        )  # fmt: skip

    def states_near(self, side: Side, fact: Fact, pair: int) -> bool:
        """Whether a side states a name or a date in the pairs around one, or a date before it (moved)."""
        near = range(max(0, pair - _NEIGHBOURS), min(len(self.alignment.pairs), pair + _NEIGHBOURS + 1))
        if fact.kind == "name":
            return any(_mentioned(fact, self, side, p) for p in near)
        if fact.kind == "date":
            # A date stated earlier in the story holds for the sentences after it (a lede's "On Friday").
            told = range(max(0, pair - _LEDE_REACH), near.stop)
            return any(f.value == fact.value for p in told for f in self.facts(side, p))
        return False

    def states(self, side: Side, fact: Fact) -> bool:
        """Whether a side states a name or a date anywhere: a fact missing from one pair then moved."""
        if fact.kind == "name":
            return self.mentions(side, self.as_written(side, fact.value))
        if fact.kind == "date":
            return fact.value in self._dates(side)
        return False

    def mentions(self, side: Side, name: tuple[str, ...]) -> bool:
        """Whether a side mentions a word of a name anywhere (see ``words``), looked up once per name."""
        found = self._mentions.get((side, name))
        if found is None:
            found = self._mentions[side, name] = self.words[side].mentions(name)
        return found

    def _dates(self, side: Side) -> frozenset[tuple]:
        """Every date value a side states."""
        found = self._date_values.get(side)
        if found is None:
            found = frozenset(
                f.value for i, facts in enumerate(self.sentence_facts[side]) if facts
                if self.alignment.pair_of(side, i) >= 0 for f in facts if f.kind == "date"
            )  # fmt: skip
            self._date_values[side] = found
        return found

    def phrase(self, side: Side, pair: int) -> str:
        """The words of a pair's text on one side as one phrase, to look quotations up in."""
        key = (side, pair)
        found = self._phrases.get(key)
        if found is None:
            found = self._phrases[key] = _phrase(self.quotation_words(side, pair))
        return found

    def sentence_words(self, side: Side, pair: int) -> list[tuple[int, str, Clause]]:
        """The words of a pair's sentences on one side, with their offsets and clauses, in lower case."""
        idx = self.alignment.pairs[pair].source if side == "source" else self.alignment.pairs[pair].target
        return self.wordings[side].of(idx)

    def plain_words(self, side: Side, pair: int) -> list[str]:
        """The words of :meth:`sentence_words` alone, read once per pair."""
        found = self._plain.get((side, pair))
        if found is None:
            text, sents = self.alignment.document(side).text, self.alignment.sentences(side)
            idx = self.alignment.pairs[pair].source if side == "source" else self.alignment.pairs[pair].target
            if all(text[sents[i].start : sents[i].end].isascii() for i in idx):
                # Casefolding ASCII keeps every letter a letter: the words folded are the folded words.
                found = list(self.quotation_words(side, pair))
            else:
                found = [w.casefold() for i in idx for w in WORD.findall(text, sents[i].start, sents[i].end)]
            self._plain[side, pair] = found
        return found

    def word_set(self, side: Side, pair: int) -> frozenset[str]:
        """The distinct words of :meth:`plain_words`, gathered once per pair."""
        found = self._word_sets.get((side, pair))
        if found is None:
            found = self._word_sets[side, pair] = frozenset(self.plain_words(side, pair))
        return found

    def heads(self, side: Side, pair: int) -> frozenset[str]:
        """The first letters of a pair's words that :func:`_restates` compares, found once per pair."""
        found = self._heads.get((side, pair))
        if found is None:
            found = self._heads[side, pair] = frozenset([w[:_PREFIX] for w in self.word_set(side, pair)])
        return found

    def stems(self, side: Side, pair: int) -> frozenset[str]:
        """The beginnings of a pair's words that :func:`_reported` looks words up by, read once per pair."""
        found = self._stems.get((side, pair))
        if found is None:
            found = self._stems[side, pair] = _stems(self.word_set(side, pair))
        return found

    def said(self, own: frozenset[int]) -> tuple[bool, frozenset[str]]:
        """Whether the original's words in some pairs hold a verb of speech, and their stems (see _reported).

        Both with the paraphrase's renames of its words; found once for each set of pairs.
        """
        found = self._said.get(own)
        if found is None:
            words = frozenset().union(*(self.word_set("source", p) for p in own))
            table = self.renames["target"]
            renamed = {table[w] for w in words & table.keys()} - words
            stems = frozenset().union(*(self.stems("source", p) for p in own), _stems(renamed))
            found = self._said[own] = (bool((words | renamed) & cues(self.language).speech), stems)
        return found

    def pairs_of(self, side: Side, span: Span) -> frozenset[int]:
        """The pairs whose sentences on one side overlap a span."""
        sents = self.alignment.sentences(side)
        i = self.alignment.sentence_at(side, span[0])
        i = 0 if i is None else i
        if i < len(sents) and span[1] <= sents[i].end:  # within one sentence: most spans, decided at once
            k = self.alignment.pair_of(side, i)
            return self._alone(k) if sents[i].start < span[1] and span[0] < sents[i].end and k >= 0 else _NONE
        found = set()
        while i < len(sents) and sents[i].start < span[1]:
            if span[0] < sents[i].end:
                found.add(self.alignment.pair_of(side, i))
            i += 1
        return frozenset(k for k in found if k >= 0)

    def _alone(self, pair: int) -> frozenset[int]:
        """The set of one pair, made once: a page of quotations asks for it for each of them."""
        found = self._singletons.get(pair)
        if found is None:
            found = self._singletons[pair] = frozenset((pair,))
        return found

    @cached_property
    def pair_sides(self) -> np.ndarray:
        """For each pair, whether it has a source side and a target side: two columns, found once."""
        return np.array([(bool(p.source), bool(p.target)) for p in self.alignment.pairs], bool).reshape(-1, 2)

    def quote_pairs(self, side: Side) -> list[frozenset[int]]:
        """For each quotation of a side (as in ``quotes``), the pairs its sentences belong to, found once."""
        found = self._quote_pairs.get(side)
        if found is None:
            found = self._quote_pairs[side] = self.pairs_of_quotes(side, range(len(self.quotes[side])))
        return found

    def pairs_of_quotes(self, side: Side, chosen: Sequence[int]) -> list[frozenset[int]]:
        """:meth:`quote_pairs` of some quotations: a page of quotations asks for a few of them."""
        single, across = self._placed(side)
        pairs = single[chosen]
        alone = {k: self._alone(k) for k in np.unique(pairs).tolist() if k >= 0} | {-1: _NONE}
        return [across[q] if k == _ACROSS else alone[k] for q, k in zip(chosen, pairs.tolist(), strict=True)]

    def quote_pair(self, side: Side) -> np.ndarray:
        """For each quotation of a side, the pair of the one sentence holding it (-1 if none) or
        ``_ACROSS`` if it runs across sentences: :meth:`quote_pairs` as an array, to select from at once."""
        return self._placed(side)[0]

    def _placed(self, side: Side) -> _Placed:
        """:meth:`quote_pair` of one side, and the pairs of each quotation across sentences, found once.

        As :meth:`pairs_of` each quotation's span, those within one sentence (most) all at once.
        """
        found = self._placements.get(side)
        if found is None:
            quotes, sents = self.quotes[side], self.alignment.sentences(side)
            if not sents:
                return self._placements.setdefault(side, (np.full(len(quotes), -1), {}))
            starts = np.array([x.start for x in sents], np.int64)
            ends = np.array([x.end for x in sents], np.int64)
            pair_of = np.array([self.alignment.pair_of(side, i) for i in range(len(sents))], np.int64)
            i = np.maximum(np.searchsorted(starts, quotes.starts, "right") - 1, 0)
            within = quotes.ends <= ends[i]
            inside = within & (starts[i] < quotes.ends) & (quotes.starts < ends[i]) & (pair_of[i] >= 0)
            across = {
                q: self.pairs_of(side, (int(quotes.starts[q]), int(quotes.ends[q])))
                for q in np.flatnonzero(~within).tolist()
            }
            single = np.where(within, np.where(inside, pair_of[i], -1), _ACROSS)
            found = self._placements[side] = (single, across)
        return found

    def quoted_alone(self, side: Side, pair: int) -> list[str]:
        """The texts of the quotations overlapping a pair's sentences on one side that run on into no
        pair with both sides (where their check reports them), in text order; found once per side."""
        index = self._alone_quotes.get(side)
        if index is None:
            index = self._alone_quotes[side] = self._alone_index(side)
        texts, bounds = index
        return texts[bounds[pair] : bounds[pair + 1]]

    def _alone_index(self, side: Side) -> tuple[list[str], list[int]]:
        """The texts of :meth:`quoted_alone` of every pair one after another, and where each pair's begin."""
        pairs, (single, listed) = self.alignment.pairs, self._placed(side)
        alone = _at_pairs(~self.pair_sides.all(axis=1), single)  # within one sentence of a one-sided pair
        found, at = [np.flatnonzero(alone)], [single[alone]]
        across = [
            (q, k) for q in np.flatnonzero(single == _ACROSS).tolist()
            if not any(pairs[p].source and pairs[p].target for p in listed[q]) for k in listed[q]
        ]  # fmt: skip
        if across:
            found.append(np.array([q for q, _ in across], np.int64))
            at.append(np.array([k for _, k in across], np.int64))
        quotes, owners = np.concatenate(found), np.concatenate(at)
        order = np.lexsort((quotes, owners))  # by pair, then in text order
        texts = self.quotes[side].texts
        bounds = np.searchsorted(owners[order], np.arange(len(pairs) + 1)).tolist()
        return [texts[q] for q in quotes[order].tolist()], bounds

    def quoted_pairs(self, side: Side) -> frozenset[int]:
        """The pairs whose sentences on one side some quotation overlaps, found once."""
        found = self._quoted_pairs.get(side)
        if found is None:
            single, across = self._placed(side)
            found = frozenset(np.unique(single[single >= 0]).tolist()).union(*across.values())
            self._quoted_pairs[side] = found
        return found

    def one_sided(self, side: Side, text: str, texts: tuple[str, ...], weighty: bool) -> _Worded:
        """What :func:`_one_sided_wording` makes of a one-sided sentence, once for each: a page of one
        sentence repeated is worded once."""
        key = (side, text, texts, weighty)
        found = self._one_sided_wordings.get(key)
        if found is None:
            found = self._one_sided_wordings[key] = _one_sided_wording(side, text, texts, weighty)
        return found

    def quotes_in(self, side: Side, pair: int) -> list[Fact]:
        """The quotations overlapping a pair's sentences on one side."""
        index = self._quote_index.get(side)
        if index is None:
            index = self._quote_index[side] = defaultdict(list)
            for i, own in enumerate(self.quote_pairs(side)):
                for k in own:
                    index[k].append(i)
        quotes = self.quotes[side]
        return [quotes[i] for i in index.get(pair, [])]

    def reach(self, own: frozenset[int]) -> frozenset[int]:
        """The pairs a quotation in ``own`` may come from: those, and a one-sided one's neighbours."""
        found = self._reaches.get(own)
        if found is None:
            pairs = self.alignment.pairs
            near = {p + d for p in own if not (pairs[p].source and pairs[p].target) for d in (-1, 1)}
            found = self._reaches[own] = own | {p for p in near if 0 <= p < len(pairs)}
        return found


_NONE: frozenset[int] = frozenset()
_ACROSS = -2
"""What :meth:`_Context.quote_pair` gives a quotation running across sentences."""
_Placed = tuple[np.ndarray, dict[int, frozenset[int]]]
""":meth:`_Context.quote_pair` of one side, and the pairs of each of its quotations across sentences."""
T = TypeVar("T")


def _at_pairs(flags: np.ndarray, single: np.ndarray) -> np.ndarray:
    """For each quotation of :meth:`_Context.quote_pair`, the flag of its one pair: False if it has none."""
    found = np.zeros(len(single), bool)
    inside = single >= 0
    found[inside] = flags[single[inside]]
    return found


def _of_sentences(by_sentence: list[list[T]], sentences: tuple[int, ...]) -> list[T]:
    """What some sentences hold, in order: one sentence's own list (most pairs hold one), not a copy."""
    if len(sentences) == 1:
        return by_sentence[sentences[0]]
    return [x for i in sentences for x in by_sentence[i]]


def _whole(text: str, sentences: Sequence[Sentence]) -> bool:
    """Whether no sentence starts or ends inside a word: a letter, digit or apostrophe on each side."""
    edges = {x.start for x in sentences} | {x.end for x in sentences}
    # Each two characters around an edge tested once: a book's sentences meet in a few dozen ways.
    around = {text[at - 1 : at + 1] for at in edges if 0 < at < len(text)}
    return not any(_in_word(before) and _in_word(after) for before, after in around)


@cache
def _in_word(ch: str) -> bool:
    """Whether a character, casefolded, may stand in a word as :func:`quotation_words` reads them."""
    return any(c.isalnum() or c in "'’" for c in ch.casefold())


_OTHER: dict[Side, Side] = {"source": "target", "target": "source"}
_READ_PER_SHOWN = 16
"""Characters of a text an excerpt reads per character it shows: a quotation left open runs on to
the end of the text and is quoted once for every one-sided sentence in it (quadratic if read whole)."""


def _quoted(text: str, limit: int = 60) -> str:
    """Text shown in a message: one line, trimmed of outer punctuation, shortened with an ellipsis."""
    head = text[: limit * _READ_PER_SHOWN]
    shown = " ".join(head.split()).strip(" ,.;:")
    if len(head) == len(text) and len(shown) <= limit:
        return shown
    return shown[: limit - 1].rstrip(" ,.;:") + "…"


Matched = tuple[list[int], list[int], list[tuple[int, int]]]
"""Indices of the values left on each side, and the pairs of indices matched."""


def _match(a: Sequence[tuple], b: Sequence[tuple], likeness: Likeness) -> Matched:
    """Pair off values in order, each with its best match (alike > 0) among the nearest others."""
    same, most_of = likeness
    taken = [False] * len(b)
    left_a, pairs = [], []
    for i, va in enumerate(a):
        best, best_score, most = -1, 0.0, most_of(va)
        for j in _nearby(i, len(a), len(b)):
            if not taken[j]:
                score = same(va, b[j])
                if score > best_score:
                    best, best_score = j, score
                    if score >= most:
                        break  # the first of the best: none after it can beat it
        if best < 0:
            left_a.append(i)
        else:
            taken[best] = True
            pairs.append((i, best))
    return left_a, [j for j, t in enumerate(taken) if not t], pairs


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


@lru_cache(maxsize=_NAMES_KEPT)
def _shared_words(a: tuple[str, ...], b: tuple[str, ...]) -> float:
    """How many words of an original's name, as the paraphrase writes it, another shares, or derived forms."""
    return sum(1 for x in a if any(same_word(x, y) for y in b))


def _same_number(a: tuple, b: tuple) -> bool:
    """Equal amounts, in the same unit unless one side leaves the unit out."""
    return a[1] == b[1] and (a[0] == b[0] or not a[0] or not b[0])


def _yes(_: tuple) -> float:
    """The highest score of a test that says yes or no."""
    return 1


Likeness = tuple[Callable[[tuple, tuple], float], Callable[[tuple], float]]
"""How alike two values are (0: not at all), and the most alike a value can be to any."""
_FACT_KINDS: dict[str, Likeness] = {
    "number": (_same_number, _yes),
    "date": (dates_compatible, _yes),
    "name": (_shared_words, len),  # a point per word of the name
}
"""The kinds of fact compared pair by pair, in the order of their checks, with their likeness."""


def _compare_facts(ctx: _Context, k: int, kinds: Iterable[str] = _FACT_KINDS) -> list[Check]:
    """Checks on the numbers, dates and names (or the given kinds) of a pair present on both sides."""
    src, tgt = ctx.facts("source", k), ctx.facts("target", k)
    checks: list[Check] = []
    for kind in kinds:
        a = [f for f in src if f.kind == kind]
        b = [f for f in tgt if f.kind == kind]
        if not a and not b:
            continue
        stated, told = [f.value for f in a], [f.value for f in b]
        written = [ctx.as_written("target", v) for v in stated] if kind == "name" else stated
        if stated == written == told:
            continue  # as above, for this kind alone
        found = ctx.matched(kind, written, told)
        lost, new = [a[i] for i in found[0]], [b[j] for j in found[1]]
        if kind == "name":
            # A name the other side writes in a form not read as a name ("the russian army") is kept.
            lost = [f for f in lost if not _mentioned(f, ctx, "target", k)]
            new = [f for f in new if not _mentioned(f, ctx, "source", k)]
            checks += [c for i, j in found[2] if (c := _name_part_changed(ctx, k, a[i], b[j]))]
        checks += _changes(ctx, k, kind, lost, new)
    return checks


def _same_facts(a: list[Fact], b: list[Fact]) -> bool:
    """Whether two sides state facts of equal kinds and values in the same order."""
    return len(a) == len(b) and list(map(_KIND_VALUE, a)) == list(map(_KIND_VALUE, b))


_KIND_VALUE = attrgetter("kind", "value")


def _name_part_changed(ctx: _Context, k: int, a: Fact, b: Fact) -> Check | None:
    """A check on two names sharing a word whose other words differ ("Nils Oberg" → "Nils Kowalczyk").

    One name holding all the words of the other ("Vladimir Putin", "Putin") is the same name.
    """
    only_a, only_b = _differing(a.value, b.value)
    if not only_a or not only_b:
        return None
    return _name_check(ctx, k, a, b)


def _name_check(ctx: _Context, k: int, a: Fact, b: Fact) -> Check:
    """A changed name: high for another name, low for another spelling of the same one."""
    change, severity, message, key = ctx.name_change(a, b)
    return Check("name", change, severity, message, a.span, b.span, k, key)


def _named(ctx: _Context, a: Fact, b: Fact) -> tuple[str, str, str, str]:
    """The change, severity, message and group key of a changed name.

    Its group key holds only the words that changed, so that "Jehovah God" → "Yahweh God" is one
    more of the renames "Jehovah" → "Yahweh"; names of which one holds the other's words once
    renamed ("Jehovah" → "Yahweh of Hosts", "Jehovah God" → "Yahweh") are that rename too.
    """
    old, new = _quoted(a.text), _quoted(b.text)
    change, severity, verb = ("form", "low", "spelled differently") if spelled_alike(a.text, b.text) else (
        "changed", "high", "changed")  # fmt: skip
    only_a, only_b = _differing(a.value, b.value)
    renamed = tuple(w for w in only_a if w in ctx.renames["target"])
    if renamed and not all(_differing(ctx.as_written("target", only_a), only_b)):
        only_a, only_b = renamed, ctx.as_written("target", renamed)
    key = _key("name", change, " ".join(only_a or a.value), " ".join(only_b or b.value))
    return change, severity, f"Name {verb}: {old} → {new}", key


def _polarity(ctx: _Context, k: int) -> list[Check]:
    """Checks on a pair whose rewrite flipped a negation, changed a modal's force or a hedge."""
    pair = ctx.alignment.pairs[k]
    unscoped = ctx.cues["source"].of(pair.source), ctx.cues["target"].of(pair.target)
    sides = (("source", pair.source), ("target", pair.target))
    words = partial(_pair_words, ctx, k)
    found = []
    for shift in shifts(*unscoped, lambda n, roles: _scoped(ctx, *sides[n], roles), words, ctx.language):
        source = shift.source.span if shift.source else ctx.alignment.span("source", k)
        target = shift.target.span if shift.target else ctx.alignment.span("target", k)
        key = (
            _key(shift.kind, shift.change, shift.source.word, shift.target.word)
            if shift.source and shift.target
            else ""
        )
        found.append(Check(shift.kind, shift.change, shift.severity, shift.message, source, target, k, key))
    return found


def _scoped(ctx: _Context, side: Side, sentences: tuple[int, ...], roles: AbstractSet[str]) -> list[Cue]:
    """The cues of some sentences on one side, with the words those of some roles bear on."""
    text, sents = ctx.alignment.document(side).text, ctx.alignment.sentences(side)
    return [
        with_scope(c, text, sents[i], ctx.language) if c.role in roles else c
        for i in sentences
        for c in ctx.cues[side].of((i,))
    ]


def _pair_words(ctx: _Context, k: int) -> tuple[Wording, Wording]:
    """The words of a pair's two sides, as polarity compares them."""
    return ctx.sentence_words("source", k), ctx.sentence_words("target", k)


def _mentioned(fact: Fact, ctx: _Context, side: Side, pair: int) -> bool:
    """Whether a name's words occur in a pair's text on the other side, in any case."""
    name = ctx.as_written(side, fact.value)
    if ctx.whole[side] and not ctx.mentions(side, name):
        return False
    return may_mention(ctx.folded(side, pair), name) and ctx.vocabulary(side, pair).mentions(name)


def _changes(ctx: _Context, k: int, kind: str, lost: list[Fact], new: list[Fact]) -> list[Check]:
    """Checks for facts left unmatched: pairs of them changed, the rest dropped or added.

    A name or date the other side states in a neighbouring pair only moved: no check; one it
    states further away is low, grouped with the other moves of the same fact.
    """
    checks = []
    changeable = list(new)
    title = kind.capitalize()
    for fa in lost:
        near = [f for f in changeable[: 2 * _WINDOW] if _replaces(ctx, kind, fa, f)]
        alike = [f for f in near if kind == "name" and spelled_alike(fa.text, f.text)]
        fb = (alike or near or [None])[0]
        if fb is not None:
            changeable.remove(fb)
            if kind == "name":
                checks.append(_name_check(ctx, k, fa, fb))
            else:
                message = f"{title} changed: {fa.text} → {fb.text}"
                key = _key(kind, "changed", fa.text, fb.text)
                checks.append(Check(kind, "changed", "high", message, fa.span, fb.span, k, key))
        elif not ctx.states_near("target", fa, k):
            checks.append(_lost_or_new(ctx, k, kind, "dropped", fa))
    checks += [
        _lost_or_new(ctx, k, kind, "added", fb) for fb in changeable if not ctx.states_near("source", fb, k)
    ]
    return checks


def _lost_or_new(ctx: _Context, k: int, kind: str, change: str, fact: Fact) -> Check:
    """A fact dropped or added: medium and grouped by fact, or low if the other text states it elsewhere.

    Moved facts are one group of their kind: each still stands in the paraphrase, only elsewhere.
    """
    other: Side = "target" if change == "dropped" else "source"
    moved = ctx.states(other, fact)
    source, target = (fact.span, None) if change == "dropped" else (None, fact.span)
    message = f"{kind.capitalize()} {change}: {fact.text}"
    key = f"{kind} moved: stated elsewhere in the other text" if moved else _key(kind, change, fact.text)
    return Check(kind, change, "low" if moved else "medium", message, source, target, k, key)


def _key(kind: str, change: str, *texts: str) -> str:
    """The group key of a change: its kind and the texts involved, in one spelling."""
    return f"{kind} {change}: " + " → ".join(" ".join(t.casefold().split()) for t in texts)


def _replaces(ctx: _Context, kind: str, old: Fact, new: Fact) -> bool:
    """Whether a new fact reads as a replacement of a lost one rather than a separate edit."""
    if kind == "date":
        return old.value[0] == new.value[0]
    if kind == "name" and spelled_alike(old.text, new.text):
        return True
    if kind == "name":
        # A name the original mentions elsewhere was moved, not swapped in.
        return not ctx.mentions("source", new.value)
    return True


def _one_sided(ctx: _Context, k: int) -> list[Check]:
    """A check for a sentence group found on one side only: a possible addition or a lost fact.

    Names the other side states nearby and quotations running on into paired sentences are not
    facts of its own; a sentence with none is low and grouped with the others of its side.
    """
    side = _side_of(ctx, k)
    other: Side = "source" if side == "target" else "target"
    span = ctx.alignment.span(side, k)
    assert span is not None
    own = [f for f in ctx.facts(side, k) if f.kind != "name" or not ctx.states_near(other, f, k)]
    texts = (*(f.text for f in own), *ctx.quoted_alone(side, k))  # a page of quotations: a million texts
    if side == "source" and not texts:
        return []
    weighty = len(texts) > len(own) or any(f.kind != "name" for f in own)
    change, severity, message, key = ctx.one_sided(side, ctx.alignment.text(side, k), texts, weighty)
    source, target = (None, span) if side == "target" else (span, None)
    return [Check("one-sided", change, severity, message, source, target, k, key)]


def _one_sided_wording(side: Side, text: str, texts: tuple[str, ...], weighty: bool) -> _Worded:
    """The change, severity, message and group key of a one-sided sentence's check, from its text and the
    texts of the facts it states (some not names if weighty)."""
    # Distinct texts first: a page of quotations repeats a few thousandfold.
    stated = ", ".join(dict.fromkeys(_quoted(t, 30) for t in dict.fromkeys(texts)))
    excerpt = _quoted(text, 50)
    if side == "target":
        about = f" (states {stated})" if texts else ""
        message = f"Only in the paraphrase{about}: “{excerpt}”"
        return "added", "medium" if texts else "low", message, "" if texts else _FACTLESS
    severity, key = ("medium", _heading(text)) if weighty else ("low", _NAMES_ONLY)
    return "dropped", severity, f"Dropped from the original with {stated}: “{excerpt}”", key


_Worded = tuple[str, str, str, str]
"""The change, severity, message and group key of a check."""
_FACTLESS = "sentences only in the paraphrase, stating no fact"
_NAMES_ONLY = "sentences dropped from the original, stating only names"
_NUMBERED = re.compile(r"\W*([^\W\d_]+)\s+\d+\b")
"""A numbered heading: a word and a number opening a sentence ("Psalm 22", "Chapter 3")."""


def _heading(text: str) -> str:
    """The group key of a dropped numbered heading ("Psalm 22 For the Chief Musician"), else none."""
    m = _NUMBERED.match(text)
    return f"numbered headings dropped: {m[1].casefold()} N" if m else ""


def _by_pair(ctx: _Context, side: Side, within: AbstractSet[int] | None = None) -> dict[int, list[int]]:
    """For each pair (of ``within`` if given), the indices of the quotations of one side within its reach
    (:meth:`_Context.reach`), in text order."""
    pairs, single = ctx.alignment.pairs, ctx.quote_pair(side)
    asked = np.ones(len(pairs), bool)
    if within is not None:
        asked[:] = False
        asked[list(within)] = True
    one_sided = ~ctx.pair_sides.all(axis=1)
    # A quotation within one sentence reaches that sentence's pair, and its neighbours if one-sided:
    # a page of them is placed at once.
    held = np.flatnonzero(single >= 0)
    places, quotes = [], []
    for step in (-1, 0, 1):
        at = single[held] + step
        reached = (at >= 0) & (at < len(pairs)) & (one_sided[single[held]] if step else True)
        reached[reached] = asked[at[reached]]
        places.append(at[reached])
        quotes.append(held[reached])
    across = np.flatnonzero(single == _ACROSS).tolist()
    spread = [(p, q) for q, own in zip(across, ctx.pairs_of_quotes(side, across), strict=True)
              for p in ctx.reach(own) if asked[p]]  # fmt: skip
    places.append(np.array([p for p, _ in spread], np.int64))
    quotes.append(np.array([q for _, q in spread], np.int64))
    place, quote = np.concatenate(places), np.concatenate(quotes)
    order = np.lexsort((quote, place))
    place, quote = place[order], quote[order]
    starts = np.flatnonzero(np.diff(place, prepend=-1)).tolist()
    listed, ends = quote.tolist(), [*starts[1:], len(quote)][: len(starts)]
    return {p: listed[a:b] for p, a, b in zip(place[starts].tolist(), starts, ends, strict=True)}


def quotation_changes(alignment: Alignment, check: Check) -> tuple[Change, ...]:
    """The word diff between an altered quotation and its source, for display with the check."""
    if check.kind != "quotation" or check.source is None or check.target is None:
        return ()
    return diff_words(alignment.source.text, [check.source], alignment.target.text, [check.target])


def _quotation_checks(ctx: _Context) -> list[Check]:
    """Quotations of the paraphrase not verbatim in their source pair, and source quotations lost.

    Each quotation is compared with the quotations of the other side within reach of the same
    pairs, at most a window of them around its own place, so that a page of quotation marks
    costs linear time.
    """
    targets, sources = ctx.quotes["target"], ctx.quotes["source"]
    targets_at = _by_pair(ctx, "target")
    sources_at = _by_pair(ctx, "source", targets_at.keys())
    near = _windows(targets_at, sources_at, len(targets))
    phrases: dict[int, str] = {}  # of the sources near a target only: a page of quotations faces a few
    used: set[int] = set()
    open_targets = []
    for ti, words in enumerate(targets.values):
        phrase = _phrase(words)
        for si in near[ti]:
            if si not in phrases:
                phrases[si] = _phrase(sources.values[si])
        verbatim = [si for si in near[ti] if phrase in phrases[si]]
        if verbatim:
            used.update(verbatim)
        else:
            open_targets.append(ti)
    joined = {si: " ".join(sources.values[si]) for ti in open_targets for si in near[ti] if si not in used}
    candidates = sorted(
        (
            (fuzz.ratio(joined[si], text), ti, si)
            for ti in open_targets
            for text in (" ".join(targets.values[ti]),)
            for si in near[ti]
            if si not in used
        ),
        key=lambda c: (-c[0], c[1], c[2]),
    )
    facing: dict[int, list[int]] = defaultdict(list)  # for each source, the open targets it may match
    for ti in open_targets:
        for si in near[ti]:
            facing[si].append(ti)
    altered: dict[int, int] = {}  # the source each altered target rewords
    for score, ti, si in candidates:
        if ti in altered or si in used:
            continue
        # Below the threshold, a quotation still rewords the only other open one in the same place.
        alone = _one(t for t in facing[si] if t not in altered) and _one(i for i in near[ti] if i not in used)
        if score >= _QUOTE_SIMILAR or alone:
            altered[ti] = si
            used.add(si)
    own = ctx.quote_pairs("target")
    found = [(targets[ti], own[ti], sources[altered[ti]] if ti in altered else None) for ti in open_targets]
    checks = _retold(
        ctx, [(q, c) for q, pairs, source in found if (c := _target_quotation(ctx, q, pairs, source))]
    )
    kept: dict[frozenset[int], list[int]] = {}  # the pairs of each set that have a paraphrase side
    single = ctx.quote_pair("source")
    # A quotation in an original-only sentence is reported with that sentence: passed over at once.
    paired = _at_pairs(ctx.pair_sides[:, 1], single)
    chosen = np.flatnonzero(paired | (single == _ACROSS)).tolist()
    for si, pairs in zip(chosen, ctx.pairs_of_quotes("source", chosen), strict=True):
        if (stays := kept.get(pairs)) is None:
            stays = kept[pairs] = [p for p in pairs if ctx.alignment.pairs[p].target]
        if si in used or not stays:
            continue  # a quotation in an original-only sentence is reported with that sentence
        s = sources[si]
        message = f"Quotation dropped: “{_quoted(s.text)}”"
        checks.append(Check("quotation", "dropped", "medium", message, s.span, None, min(stays)))
    return checks


def _phrase(words: Sequence[str]) -> str:
    """Words joined so that one run of words contains another exactly when its text does."""
    return " " + " ".join(words) + " "


def _one(items: Iterable[int]) -> bool:
    """Whether there is exactly one item, looking at no more than two."""
    return sum(1 for _ in islice(items, 2)) == 1


def _windows(targets_at: dict[int, list[int]], sources_at: dict[int, list[int]], n: int) -> list[list[int]]:
    """For each of n target quotations, the source quotations it is compared with.

    Those in reach of the same pairs: all of them in a pair with a few, else a window around the
    place that matches the target's own place among the pair's quotations.
    """
    near: list[set[int]] = [set() for _ in range(n)]
    for p, mates in targets_at.items():
        found = sources_at.get(p, [])
        for rank, ti in enumerate(mates):
            near[ti].update(found[j] for j in _nearby(rank, len(mates), len(found)))
    return [sorted(x) for x in near]


def _target_quotation(ctx: _Context, q: Fact, own: frozenset[int], source: Fact | None) -> Check | None:
    """The check on a paraphrase quotation in pairs ``own`` with no verbatim source: altered or added."""
    k = min(own) if own else ctx.alignment.pair_at("target", q.span[0])
    if k is None:
        return None
    if source is not None:
        message = f"Quotation altered: “{_quoted(source.text)}” → “{_quoted(q.text)}”"
        return Check("quotation", "altered", "high", message, source.span, q.span, k)
    phrase = _phrase(q.value)
    if any(phrase in ctx.phrase("source", p) for p in own):
        message = f"Quotation marks added around the original’s words: “{_quoted(q.text)}”"
        return Check("quotation", "added", "low", message, None, q.span, k, _QUOTED_WORDS)
    if _reported(ctx, q, own):
        return _reported_check(q, k)
    message = f"Quotation added, not in the original: “{_quoted(q.text)}”"
    return Check("quotation", "added", "high", message, None, q.span, k)


def _reported_check(q: Fact, k: int) -> Check:
    """A medium check on quotation marks put around speech the original reports, grouped with the others."""
    message = f"Quotation marks added around reported speech: “{_quoted(q.text)}”"
    return Check("quotation", "added", "medium", message, None, q.span, k, _REPORTED)


def _retold(ctx: _Context, checks: list[tuple[Fact, Check]]) -> list[Check]:
    """Quotations added beside a verb of speech where the original reports a speech without marks: retold.

    Each speech the original reports unmarked, and the paraphrase no longer does, accounts for one
    quotation of the pair (in text order): a quotation invented beside it stays high.
    """
    left: dict[int, int] = {}
    out = []
    target = ctx.alignment.target.text
    for q, c in checks:
        if c.change == "added" and c.severity == "high" and c.target is not None:
            k = c.pair
            if k not in left:
                left[k] = speech.unmarked(ctx.alignment.text("source", k), ctx.language) - speech.unmarked(
                    ctx.alignment.text("target", k), ctx.language
                )
            if left[k] > 0 and speech.introduced(target, c.target, ctx.language):
                left[k] -= 1
                c = _reported_check(q, k)
        out.append(c)
    return out


_QUOTED_WORDS = "quotation marks around the original’s words"
_REPORTED = "quotation marks around reported speech"
_REPORTED_SHARE = 0.5
"""Share of a quotation's content words the original must state, unquoted, for it to be reported speech."""
_SAID_SHARE = 0.6
_SAID_LEAST = 4
"""Share, and least number, of all its words (function words too) that a quotation beside a verb of
speech must share with the original to be its speech retranslated: on the dev Bible no invented
quotation put into 2,000 verses passed, and 56 of the 274 retranslated ones did."""
_REPORTED_LEAST = 2
"""Content words it must state at least (if it has that many) unless a verb of speech stands by: one
shared word of a short quotation ("history will judge us" beside "the judges judged") is chance."""


def _stems(words: AbstractSet[str]) -> frozenset[str]:
    """The first three and four letters of distinct words: "see" stands in "seest"."""
    return frozenset([w[: _PREFIX - 1] for w in words] + [w[:_PREFIX] for w in words])


def _reported(ctx: _Context, q: Fact, own: frozenset[int]) -> bool:
    """Whether a quotation puts marks around words the original states, unquoted, in the same pairs.

    A quotation running over several sentences is compared with all the original's sentences it
    covers; one whose words the original never states there is invented, whatever verb precedes it.
    """
    if not own.isdisjoint(ctx.quoted_pairs("source")):
        return False
    spoken, stems = ctx.said(own)
    stop = FUNCTION_WORDS.get(ctx.language, FUNCTION_WORDS["english"])
    content = [w for w in q.value if len(w) > 2 and w not in stop] or list(q.value)
    stated = sum(w[:_PREFIX] in stems for w in content)
    if stated >= _REPORTED_SHARE * len(content):
        return stated >= min(len(content), _REPORTED_LEAST) or spoken
    # A retranslated speech keeps its little words ("What would ye that I should do for you?").
    said = sum(w[:_PREFIX] in stems for w in q.value)
    return spoken and said >= max(_SAID_LEAST, _SAID_SHARE * len(q.value))
