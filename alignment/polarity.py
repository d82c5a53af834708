"""Polarity, modal force and hedging of sentences, and what a rewrite flipped between two of them.

A pair is compared by what its sentences assert, not by their words.  A negation ("not", "n't",
"never", "kein", "ne") is flipped when the word it bears on stands on the other side in a clause
with no negation; modal force (``strong``: will, must, always; ``weak``: may, could, often) and
hedges (allegedly, claimed) compare by what is left once both sides' cues cancel, a modal with the
other side's modal bearing on the same word ("will return" → "may return").  Rewording
around them changes nothing: a word that negates without saying "not" ("without", "lest") or a
negative prefix ("disbelieved") answers a negation on the other side, a negation going on with one
before it ("not …, nor …") adds none, and one that a tag question asks with ("I'm not a Jew, am
I?") states nothing.
"""

from __future__ import annotations

import itertools
import os
import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from functools import cache

import numpy as np

from alignment.characters import word_matches
from alignment.language import ENGLISH, FUNCTION_WORDS, WORD, Cues, cues, fold, trie_pattern
from alignment.model import Sentence, Span

NEGATION, IMPLICIT, STRONG, WEAK, HEDGE = "negation", "implicit", "strong", "weak", "hedge"
_CLAUSE_END = re.compile(r"[,;:.!?()\[\]“”\"]")
_SCOPE_REACH = 60
"""Characters read on each side of a negation for its scope: a few words, never the whole text."""
_SCOPE_LETTERS = 3
"""Shorter words ("me", "so") say nothing about what a negation bears on."""
_STEM_SHARE = 0.55
"""Share of the shorter word two forms must start with alike to count as one word ("eat", "eateth";
"selleth", "selling": 4 of 7)."""


@dataclass(frozen=True, slots=True)
class Cue:
    """One word that sets polarity, force or hedging: its role, where it stands, and the word."""

    role: str
    span: Span
    word: str
    scope: tuple[str, ...] = ()
    """For a negation or a modal, the words it may bear on (the next content words, and the one before)."""


@dataclass(frozen=True, slots=True)
class Shift:
    """What changed between the two sides of a pair: kind, change, severity, message, the cues."""

    kind: str
    change: str
    severity: str
    message: str
    source: Cue | None
    target: Cue | None


_Scanners = tuple[re.Pattern[str], re.Pattern[str], frozenset[str], re.Pattern[str] | None]


@cache
def _scanners(language: str) -> _Scanners:
    """Regexes finding a language's cue words (at the start; after a non-word character, with the words
    it may start with), and negative endings.

    The words are case-sensitive literals (``re.IGNORECASE`` made the engine try every letter), and the
    second regex is tried only where one of them may start (:func:`alignment.characters.word_matches`).
    """
    c = cues(language)
    words = c.negations | c.implicit | c.strong | c.weak | c.hedges
    forms = {f for w in words for f in (w, w.capitalize(), w.upper())}
    parts = [trie_pattern(forms) + r"\b(?!['’]\w)"]
    elided = {f for p in c.prefixes for f in (p, p.capitalize(), p.upper())}
    if elided:
        parts.append("(?:" + "|".join(map(re.escape, sorted(elided))) + r")(?=[^\W\d_])")
    alternatives = "(?:" + "|".join(parts) + ")"
    endings = {f for s in c.suffixes for f in (s, s.upper())}
    ending = re.compile("(?:" + "|".join(map(re.escape, sorted(endings))) + r")\b") if endings else None
    starts = frozenset(forms | elided)
    return re.compile(alternatives), re.compile(r"\W" + alternatives), starts, ending


def _hits(text: str, language: str, codes: np.ndarray | None) -> np.ndarray:
    """Where cue words and negative endings stand, in text order: rows of start, end, whether an ending
    (from the text's code points, if read already)."""
    first, cue, starts, ending = _scanners(language)
    at_start = [(0, m.end())] if (m := first.match(text)) else []
    found = [m.span() for m in word_matches(cue, text, starts, codes)]
    words = np.array(at_start + found, np.int64).reshape(-1, 2)
    words[len(at_start) :, 0] += 1  # a match starts with the character before its word
    hits = np.column_stack((words, np.zeros(len(words), np.int64)))
    if ending is None:
        return hits
    endings = [(_word_start(text, m.start()), m.end(), 1) for m in ending.finditer(text)]
    if not endings:
        return hits
    hits = np.concatenate((hits, np.array(endings, np.int64)))
    return hits[np.lexsort(hits.T[::-1])]


_ROLES = (NEGATION, IMPLICIT, STRONG, WEAK, HEDGE)
_NEGATIONS = _ROLES.index(NEGATION)
_COUNTED = len(_ROLES)
"""Column of a sentence's counts, after its roles', of the negations that count after a first one:
those not going on with one before them ("nor")."""
_FIRST_GOES_ON = _COUNTED + 1
"""Column of a sentence's counts telling whether its first negation is one that goes on."""


class SentenceCues:
    """The cues of a document's sentences, found in one pass over the text, their scopes not yet read.

    A book's cues are tens of thousands, and only pairs whose cues differ need them (:func:`shifting`
    tells which from every sentence's counts, taken at once): a sentence's are made when asked.
    """

    def __init__(
        self, text: str, sentences: Sequence[Sentence], language: str, codes: np.ndarray | None = None
    ) -> None:
        """The cues of a text's sentences (read from its code points, if given)."""
        c = cues(language)
        hits = _hits(text, language, codes)
        starts = np.array([s.start for s in sentences], np.int64)
        at = np.searchsorted(np.array([s.end for s in sentences], np.int64), hits[:, 0], "right")
        inside = at < len(sentences)
        inside[inside] = hits[inside, 0] >= starts[at[inside]]
        hits, at = hits[inside], at[inside]
        # Each distinct word read once: a book's cues are a few hundred words written again and again.
        forms: dict[tuple[str, int], int] = {}
        self._forms = [forms.setdefault((text[a:b], ending), len(forms)) for a, b, ending in hits.tolist()]
        self._made = [_made(word, bool(ending), c) for word, ending in forms]
        self._spans: list[Span] = list(map(tuple, hits[:, :2].tolist()))
        self._bounds = np.searchsorted(at, np.arange(len(sentences) + 1)).tolist()
        tallies = [_tally(made, c.continuing) for made in self._made]
        rows = np.array(tallies, np.int64).reshape(-1, _COUNTED + 1)[self._forms]
        self._asked = np.zeros(len(hits), bool)
        """Whether each word's negation is asked by a tag question ("I'm not a Jew, am I?"): none then."""
        for i in np.unique(at[rows[:, _NEGATIONS] > 0]).tolist():  # only a sentence with a negation asks
            for a, b in _asked(text, sentences[i], c.tag):
                h = slice(self._bounds[i], self._bounds[i + 1])
                self._asked[h] |= (a <= hits[h, 0]) & (hits[h, 0] < b)
        rows[self._asked, _NEGATIONS] = rows[self._asked, _COUNTED] = 0
        self.counts = np.zeros((len(sentences), _FIRST_GOES_ON + 1), np.int64)
        """Each sentence's cues by role (as ``_ROLES``), then its negations as :data:`_COUNTED` and
        :data:`_FIRST_GOES_ON` count them."""
        np.add.at(self.counts[:, :_FIRST_GOES_ON], at, rows)
        negated = np.flatnonzero(rows[:, _NEGATIONS])
        first = negated[np.flatnonzero(np.diff(at[negated], prepend=-1))]  # of each sentence
        self.counts[at[first], _FIRST_GOES_ON] = 1 - rows[first, _COUNTED]
        self._read: dict[int, list[Cue]] = {}

    def of(self, indices: Iterable[int]) -> list[Cue]:
        """The cues of some sentences, in order (each sentence's made once)."""
        out = []
        for i in indices:
            found = self._read.get(i)
            if found is None:
                found = self._read[i] = [
                    Cue(role, self._spans[h], word)
                    for h in range(self._bounds[i], self._bounds[i + 1])
                    for role, word in self._made[self._forms[h]]
                    if role != NEGATION or not self._asked[h]
                ]
            out += found
        return out

    def tallies(self, groups: Sequence[tuple[int, ...]]) -> np.ndarray:
        """For groups of sentences, their cues counted as one list would be: by role, then the negations
        that count (:func:`_own`)."""
        lengths = np.fromiter(map(len, groups), np.int64, len(groups))
        ends = np.cumsum(lengths)
        starts = ends - lengths
        rows = self.counts[np.array(list(itertools.chain.from_iterable(groups)), np.int64)]
        summed = np.concatenate((np.zeros((1, rows.shape[1]), np.int64), np.cumsum(rows, axis=0)))
        found = summed[ends] - summed[starts]
        # A group's first negation counts even if it goes on with one before: it has none.
        negated = np.flatnonzero(rows[:, _NEGATIONS])
        first = np.searchsorted(negated, starts)
        has = first < len(negated)
        has[has] = negated[first[has]] < ends[has]
        found[has, _COUNTED] += rows[negated[first[has]], _FIRST_GOES_ON]
        return found[:, : _COUNTED + 1]


def _made(written: str, ending: bool, c: Cues) -> list[tuple[str, str]]:
    """The cues (role, word) a cue word or a word with a negative ending makes, as written."""
    word = fold(written)
    found = []
    if ending or word in {p.replace("’", "'") for p in c.prefixes}:
        found.append((NEGATION, word))
        base = next((word[: -len(s)] for s in c.suffixes if word.endswith(s.replace("’", "'"))), "")
        word = c.bases.get(base, base)
    elif word in c.negations:
        found.append((NEGATION, word))
    elif word in c.implicit:
        found.append((IMPLICIT, word))
    forces = ((STRONG, c.strong), (WEAK, c.weak), (HEDGE, c.hedges))
    return found + [(role, word) for role, words in forces if word in words]


def _tally(made: list[tuple[str, str]], continuing: frozenset[str]) -> list[int]:
    """Cues by role, and the negations that count after a first one (see :data:`_COUNTED`)."""
    counted = sum(role == NEGATION and word not in continuing for role, word in made)
    return [sum(role == r for role, _ in made) for r in _ROLES] + [counted]


@cache
def _tag(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


_STEM_START = re.compile(r"[.!?;:]")
"""What ends the statement a tag question asks about."""


def _asked(text: str, sentence: Sentence, tag: str) -> list[Span]:
    """Where a sentence's tag questions ask what it states, if it has any: a negation there states nothing."""
    asked: list[Span] = []
    for m in _tag(tag).finditer(text, sentence.start, sentence.end):
        ends = list(_STEM_START.finditer(text, sentence.start, m.start()))
        asked.append((ends[-1].end() if ends else sentence.start, m.end()))
    return asked


def with_scope(cue: Cue, text: str, sentence: Sentence, language: str) -> Cue:
    """A cue with the words it bears on read: a negation's or a modal's (a hedge, "without": none)."""
    if cue.role in (HEDGE, IMPLICIT) or cue.scope:
        return cue
    return replace(cue, scope=_scope(text, sentence, cue.span, language))


def _word_start(text: str, end: int) -> int:
    """Where the word of letters ending at ``end`` starts."""
    a = end
    while a > 0 and text[a - 1].isalpha():
        a -= 1
    return a


def _scope(text: str, sentence: Sentence, span: Span, language: str) -> tuple[str, ...]:
    """The words a negation bears on: the next content word in its clause, and the word right before.

    "will not do iniquity" bears on "iniquity", "feared not Jehovah" on "feared" (or "jehovah").
    """
    stop = FUNCTION_WORDS.get(language, FUNCTION_WORDS[ENGLISH])
    c = cues(language)

    def content(w: str) -> bool:
        return len(w) >= _SCOPE_LETTERS and w not in stop and w not in c.negations

    clause = _CLAUSE_END.split(text[span[1] : min(sentence.end, span[1] + _SCOPE_REACH)], maxsplit=1)[0]
    after = [w for w in map(str.casefold, WORD.findall(clause)) if content(w)][:1]
    lead = text[max(sentence.start, span[0] - _SCOPE_REACH) : span[0]]
    before = [w for w in map(str.casefold, WORD.findall(_CLAUSE_END.split(lead)[-1])[-1:]) if content(w)]
    return tuple(after + before)


Clause = tuple[int, int]
"""A clause: the index of its sentence, and its place in the sentence (split at , ; : and brackets)."""
Wording = Sequence[tuple[int, str, Clause]]
"""The words of a pair's side: start offset, the word in lower case, and its clause."""


_KEPT = 256
"""Sentences whose words are kept: the neighbourhoods checks look at, not a book's worth of tuples."""


class SentenceWords:
    """The words of a document's sentences with offsets and clauses, each sentence read once, when asked."""

    def __init__(self, text: str, sentences: Sequence[Sentence]) -> None:
        self._text = text
        self._sentences = sentences
        self._read: dict[int, list[tuple[int, str, Clause]]] = {}

    def of(self, indices: Iterable[int]) -> list[tuple[int, str, Clause]]:
        """The words of some sentences, in order."""
        out = []
        for i in indices:
            words = self._read.get(i)
            if words is None:
                if len(self._read) == _KEPT:
                    del self._read[next(iter(self._read))]  # the first read: checks walk the text in order
                words = self._read[i] = self._words(i)
            out += words
        return out

    def _words(self, i: int) -> list[tuple[int, str, Clause]]:
        text, sentence = self._text, self._sentences[i]
        out = []
        pos = sentence.start
        ends = itertools.chain(_CLAUSE_END.finditer(text, sentence.start, sentence.end), [None])
        for n, m in enumerate(ends):
            cut = sentence.end if m is None else m.start()
            clause = (i, n)
            out += [(w.start(), w.group().casefold(), clause) for w in WORD.finditer(text, pos, cut)]
            pos = cut if m is None else m.end()
        return out


def present(word: str, other: str) -> bool:
    """Whether two words are one, or forms of one sharing most of their start ("eateth", "eats")."""
    if other[:_SCOPE_LETTERS] != word[:_SCOPE_LETTERS]:
        return False
    return len(os.path.commonprefix((other, word))) >= _STEM_SHARE * min(len(word), len(other))


def _flipped(
    cues_a: Sequence[Cue], words_a: Wording, words_b: Wording, cues_b: Sequence[Cue], privative: Sequence[str]
) -> list[Cue]:
    """Negations of one side whose words stand on the other side in a clause with no negation.

    Where the words a negation bears on are missing from the other side, that part was reworded
    or dropped, and its polarity cannot be compared: it is left alone.  A clause holding a word
    negated by its prefix ("disbelieved" for "did not believe") has a negation.  The negation
    whose clause the other side restates most closely comes first.
    """
    starts = [a for a, _, _ in words_b]
    negated = {
        words_b[i][2]
        for c in cues_b
        if c.role in (NEGATION, IMPLICIT)
        if (i := _at(starts, c.span[0])) is not None
    }
    out = []
    for cue in cues_a:
        if cue.role != NEGATION or not cue.scope:
            continue
        heads = {s[:_SCOPE_LETTERS] for s in cue.scope}  # what present() needs first, tested cheaply
        clauses = {
            k for _, w, k in words_b if w[:_SCOPE_LETTERS] in heads and any(present(s, w) for s in cue.scope)
        }
        if (
            clauses
            and not clauses & negated
            and not _negated_by_prefix(cue.scope, words_b, clauses, privative)
        ):
            out.append((-_restated(cue, words_a, words_b, clauses), cue))
    return [cue for _, cue in sorted(out, key=lambda item: item[0])]


def _restated(cue: Cue, words_a: Wording, words_b: Wording, clauses: set[Clause]) -> int:
    """How many words of a negation's clause the closest of those clauses on the other side states."""
    i = _at([a for a, _, _ in words_a], cue.span[0])
    own = {w for _, w, k in words_a if i is not None and k == words_a[i][2]}
    return max(len(own & {w for _, w, k in words_b if k == clause}) for clause in clauses)


def _negated_by_prefix(
    scope: Sequence[str], words: Wording, clauses: set[Clause], privative: Sequence[str]
) -> bool:
    """Whether one of these clauses holds a scope word with a negative prefix ("unkind" for "not kind")."""
    return any(
        k in clauses and w.startswith(p) and any(present(s, w[len(p) :]) for s in scope)
        for _, w, k in words
        for p in privative
    )


def _at(starts: list[int], offset: int) -> int | None:
    """The index of the word starting at or right after an offset, None past the last."""
    i = bisect_left(starts, offset)
    return i if i < len(starts) else None


def shifting(
    source: SentenceCues, target: SentenceCues, groups: Sequence[tuple[tuple[int, ...], tuple[int, ...]]]
) -> np.ndarray:
    """For pairs of sentence groups (the original's, the paraphrase's), whether :func:`shifts` is to
    compare them and can find anything, told from their cues' counts alone.

    Compared are those with a role one side states more often, or modals of both forces (one may have
    changed in force while another, changed the other way, keeps the count: "must … may" → "can …
    will"); and :func:`shifts` finds only counted negations (:func:`_own`) or hedges differing in
    number, or a modal of one force on one side and of the other on the other.
    """
    a, b = source.tallies([g[0] for g in groups]), target.tallies([g[1] for g in groups])
    strong, weak, hedges = (_ROLES.index(role) for role in (STRONG, WEAK, HEDGE))
    compared = (a[:, :_COUNTED] != b[:, :_COUNTED]).any(axis=1) | ((a[:, strong] > 0) & (a[:, weak] > 0))
    differ = (a[:, _COUNTED] != b[:, _COUNTED]) | (a[:, hedges] != b[:, hedges])
    facing = ((a[:, strong] > 0) & (b[:, weak] > 0)) | ((a[:, weak] > 0) & (b[:, strong] > 0))
    return compared & (differ | facing)


Scoped = Callable[[int, frozenset[str]], Sequence[Cue]]
"""A pair's cues on one side (0: the original, 1: the paraphrase) in order, with what the cues of some
roles bear on read (:func:`with_scope`)."""
PairWording = Callable[[], tuple[Wording, Wording]]
"""The words of a pair's two sides, read when asked (not :class:`alignment.tokens.Words`)."""


def shifts(
    source: Sequence[Cue], target: Sequence[Cue], scoped: Scoped, words: PairWording, language: str = ENGLISH
) -> list[Shift]:
    """What a rewrite flipped between a pair's two sides (given their cues): negations, force, hedges.

    What cues bear on, and the words of the sides, are read (``scoped``, ``words``) only where they
    are compared: the negations of a side that states more of them than the other, the modals where
    each side states one of a force the other also states (a book's pairs, mostly, need neither).
    """
    found: list[Shift] = []
    c = cues(language)
    own_a, own_b = _own(source, c.continuing), _own(target, c.continuing)
    # A side stating as many negations as the other reworded them ("came not", "didn't come"): only
    # the side with more can have gained one.
    lost = len(own_a) - len(own_b)
    modals = (_has(source, STRONG) and _has(target, WEAK)) or (_has(source, WEAK) and _has(target, STRONG))
    roles = frozenset(([NEGATION] if lost else []) + ([STRONG, WEAK] if modals else []))
    if roles:
        source, target = scoped(0, roles), scoped(1, roles)
    if lost > 0:
        source_words, target_words = words()
        own = [source[i] for i in own_a]
        for cue in _flipped(own, source_words, target_words, target, c.privative)[:1]:
            found.append(Shift("negation", "removed", "high", f"Negation removed: {cue.word}", cue, None))
    elif lost < 0:
        source_words, target_words = words()
        own = [target[i] for i in own_b]
        for cue in _flipped(own, target_words, source_words, source, c.privative)[:1]:
            found.append(Shift("negation", "added", "high", f"Negation added: {cue.word}", None, cue))
    strong_lost, strong_new = _unmatched(source, target, STRONG)
    weak_lost, weak_new = _unmatched(source, target, WEAK)
    changed: tuple[str, tuple[Cue, Cue] | None] | None = None
    if strong_lost and weak_new:
        changed = "weakened", _facing(strong_lost, weak_new, _role(source, STRONG), _role(target, WEAK))
    elif weak_lost and strong_new:
        changed = "strengthened", _facing(weak_lost, strong_new, _role(source, WEAK), _role(target, STRONG))
    elif swapped := _swapped(source, target, STRONG, WEAK):
        changed = "weakened", swapped
    elif swapped := _swapped(source, target, WEAK, STRONG):
        changed = "strengthened", swapped
    if changed and changed[1]:
        change, (a, b) = changed[0], changed[1]
        found.append(Shift("modality", change, "medium", f"Modal {change}: {a.word} → {b.word}", a, b))
    lost, new = _unmatched(source, target, HEDGE)
    if len(lost) > len(new):
        found.append(Shift("modality", "unhedged", "medium", f"Hedge removed: {lost[0].word}", lost[0], None))
    elif len(new) > len(lost):
        found.append(Shift("modality", "hedged", "medium", f"Hedge added: {new[0].word}", None, new[0]))
    return found


def _own(side: Sequence[Cue], continuing: frozenset[str]) -> list[int]:
    """Where a side's negations stand less those that go on with one before them ("not …, nor …"):
    those count."""
    negations = [i for i, c in enumerate(side) if c.role == NEGATION]
    return negations[:1] + [i for i in negations[1:] if side[i].word not in continuing]


def _has(cues_: Sequence[Cue], role: str) -> bool:
    """Whether some cue has a role."""
    return any(c.role == role for c in cues_)


def _swapped(source: Sequence[Cue], target: Sequence[Cue], was: str, now: str) -> tuple[Cue, Cue] | None:
    """A modal whose words the other side states under a modal of the other force, and of its own none.

    Where both sides state as many modals of each force, another modal elsewhere ("he will give")
    can cancel the one that changed ("they must leave" → "they can leave"): what it bears on tells.
    """
    for a in _role(source, was):
        for b in _role(target, now):
            if _bears(a, b) and not any(_bears(a, c) for c in _role(target, was)):
                return a, b
    return None


def _bears(a: Cue, b: Cue) -> bool:
    """Whether two cues bear on the same word."""
    return any(present(x, y) for x in a.scope for y in b.scope)


def _role(cues_: Sequence[Cue], role: str) -> list[Cue]:
    """The cues of one role."""
    return [c for c in cues_ if c.role == role]


def _facing(
    lost: list[Cue], new: list[Cue], original: list[Cue], rewritten: list[Cue]
) -> tuple[Cue, Cue] | None:
    """The original's modal and the new one bearing on the same word ("will return" → "may return").

    Any of the original's modals of that force may be the one, and any of the paraphrase's of the
    other force: cancelling equal words in order can leave another "will" or "may" over than the
    pair that changed. Else the one of each, if each side has one; with more, none bearing on the
    same word, the modals were reworded apart ("he might trust" gone, an added "we will win").
    """
    for b in (*new, *rewritten):
        for a in original:
            if _bears(a, b):
                return a, b
    return (lost[0], new[0]) if len(original) == len(rewritten) == 1 else None


def _unmatched(source: Sequence[Cue], target: Sequence[Cue], role: str) -> tuple[list[Cue], list[Cue]]:
    """Cues of one role left over on each side once as many as the other side has are cancelled.

    The same word cancels first, so that the one pointed at is the one that really went or came.
    """
    a = [c for c in source if c.role == role]
    b = [c for c in target if c.role == role]
    if len(a) == len(b):
        return [], []
    common = Counter(c.word for c in a) & Counter(c.word for c in b)
    left_a, left_b = _drop(a, common.copy()), _drop(b, common)
    n = min(len(left_a), len(left_b))
    return left_a[n:], left_b[n:]


def _drop(cues_: list[Cue], words: Counter[str]) -> list[Cue]:
    """The cues left once the counted words are taken out, one per count."""
    left = []
    for c in cues_:
        if words[c.word] > 0:
            words[c.word] -= 1
        else:
            left.append(c)
    return left
