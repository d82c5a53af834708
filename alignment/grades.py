"""Grades of word changes: the same words in another form, other words for the same, or other sense.

The rules, in order, for the words a change removes (A) and the words it puts in their place (B):

1. ``form`` — A and B are the same words up to case, punctuation and quotes, inflection (same
   stem), spelling (``colour``/``color``, ``thee``/``you``, ``goeth``/``goes``), abbreviation and
   number form (``Aug.``/``August``, ``3``/``three``) or spacing (``lifelong``/``life-long``).
   A contraction is not its bare word (``It's`` is not ``It``).
2. ``meaning`` — a number, date, or a capitalised word inside a sentence (a name) is in A or B:
   facts are never merely reworded.
3. ``meaning`` — a negation is added or dropped (one that only moves, ``Go not`` → ``Don't go``, is
   wording); ``wording`` — only light function words (articles, prepositions, pronouns) are added,
   dropped or swapped; modals, quantifiers and conjunctions such as ``or``/``before`` are not light.
4. ``wording`` — for a replacement, every content word of A has a partner in B and every one of B
   in A whose semantic similarity is at least :data:`WORDING_SIMILARITY` (``troops``/``forces``), or A
   and B as phrases are that similar; for words only added or only dropped, every one has such a
   partner among the words the other side of the same pair changes (``killed`` → ``fatalities``).
5. ``meaning`` — anything else: content added, dropped or changed in sense. Without a semantic
   model rule 4 never applies.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import reduce
from operator import add
from typing import NamedTuple

import numpy as np

from alignment.model import Grade
from alignment.tokens import MONTHS, Lexicon, Words

Embed = Callable[[Sequence[str]], np.ndarray]
"""Unit-length vectors, one row per word (the engine's semantic model)."""

WORDING_SIMILARITY = 0.4
"""Cosine of WordLlama word vectors at which two words say the same: synonyms score 0.55-0.75
(troops/forces 0.55, soldiers/troops 0.66, big/large 0.74), unrelated words below 0.3."""

_NEGATIONS = frozenset("not no nor never none nicht kein keine pas non niet geen não".split())
"""Words that negate (and any word ending in n't)."""
_SENSE_WORDS = frozenset(
    "all any some every each can could may might must shall should will would "
    "if than but or before after without against only".split()
)
"""Function words that carry sense: adding or dropping one changes what a sentence claims."""
_CONTRACTING = frozenset("it that there here what who he she let where how".split())
"""Words whose ``'s`` is ``is``/``has``/``us`` (a contraction), not a possessive."""
_WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())
_DATE_WORDS = frozenset(MONTHS) - {"may"} | _WEEKDAYS  # "may" is far more often the modal
_SENTENCE_END = re.compile(r"[.!?:;][\"')\]]*$")
_SPELLINGS = (("our", "or"), ("ise", "ize"), ("yse", "yze"), ("tre", "ter"), ("ogue", "og"), ("ae", "e"))
"""British/American spelling pairs, folded to one side before words are compared."""
_ARCHAIC = {
    "thou": "you", "thee": "you", "ye": "you", "thy": "your", "thine": "your", "unto": "to",
    "hath": "has", "doth": "does", "shalt": "shall", "wilt": "will", "nay": "no", "yea": "yes",
}  # fmt: skip
"""Early Modern English pronouns and verb forms: an old spelling of the same word, not another word."""
_ARCHAIC_ENDINGS = ("eth", "est")
"""Verb endings of Early Modern English (``grieveth``, ``goest``), dropped before stemming."""
_MIN_ARCHAIC = 5  # shorter words ending so are common words: "best", "rest", "test"
_POLL_EVERY = 2048
"""Changes graded between polls (a few milliseconds of work)."""

Span = tuple[int, int]
Changed = Sequence[np.ndarray]
"""Changes as five columns, in the order of their pairs: the pair's index, source words [a1, a2) and
target words [b1, b2)."""


class _Word(NamedTuple):
    """What grading needs of one word, which depends on its light form only."""

    key: str
    """Form-free key (rule 1)."""
    stem: str
    """Its stem, spelling folded."""
    negation: bool
    dated: bool
    """A number or a date word."""
    capital: bool
    """Written with a capital (not "I"): a name, unless it opens a sentence."""
    content: bool
    """Carries content of its own: not a function word, not a number, not a negation."""
    light: bool
    """A negation or a light function word (rule 3)."""
    sense: bool
    """A function word that carries sense."""


class _Run(NamedTuple):
    """What grading needs of a run of words, which depends on their light forms only."""

    ident: int
    """Its number among the distinct runs seen."""
    norms: tuple[str, ...]
    keys: tuple[str, ...]
    """Form-free keys (rule 1)."""
    negations: int
    dated: bool
    """Holds a number or a date word."""
    capitals: tuple[int, ...]
    """Offsets of capitalised words (not "I"): names, unless they open a sentence."""
    content: tuple[str, ...]
    """The content words."""
    stems: tuple[str, ...]
    """The stems of the content words."""
    light: bool
    """Only negations and light function words."""
    sense: bool
    """Holds a function word that carries sense."""


Own = tuple[list[str], list[str]]
"""The content words of a change's two sides that are not on both: what rule 4 must partner."""

_UNKNOWN = object()
"""A settled grade not worked out yet (None means it depends on where the change stands)."""


class _Change:
    """A distinct change, by the light forms of its two sides: its runs and its settled grades."""

    __slots__ = ("negations", "settled", "source", "target")

    def __init__(self, source: _Run, target: _Run) -> None:
        self.source, self.target = source, target
        self.negations = source.negations - target.negations
        self.settled: list[Grade | None | object] = [_UNKNOWN, _UNKNOWN]
        """By whether the pair's negations only move (False, True)."""


class Grader:
    """Grades the changes of pairs, with word vectors from a semantic model when one is given.

    Books repeat their changes ("unto" → "to"), so what a word is, is worked out once per distinct
    word, what a change's words are once per distinct run of words, and its grade once per distinct
    change, leaving per change only what depends on where it stands (a capital opening a sentence)
    and on the rest of its pair.
    """

    def __init__(self, lexicon: Lexicon, embed: Embed | None = None) -> None:
        self._lexicon = lexicon
        self._embed = embed
        self._vectors: dict[str, np.ndarray] = {}
        self._words: dict[str, _Word] = {}
        self._runs: dict[str | tuple[str, ...], _Run] = {}
        self._changes: dict[tuple[str | tuple[str, ...], str | tuple[str, ...]], _Change] = {}
        self._replacements: dict[tuple[int, int, bool], Grade] = {}
        self._senses: dict[tuple[int, int, bool], Grade | Own] = {}
        self._similar: dict[tuple[str, str], bool] = {}
        self._phrases: dict[tuple[tuple[str, ...], tuple[str, ...]], float] = {}
        self._light = lexicon.stopwords - _SENSE_WORDS

    def grade(
        self, source: Words, target: Words, firsts: Sequence[Span], changes: Changed,
        poll: Callable[[float], object] = lambda _: None,
    ) -> list[Grade]:  # fmt: skip
        """The grade of each change of pairs whose first source and target words are ``firsts``;
        ``poll`` is called now and then with the fraction done.

        The content words of all the changes are embedded in one batch first.
        """
        poll(0.0)
        pair, a1, a2, b1, b2 = (column.tolist() for column in changes)
        located = self._located(source, target, a1, a2, b1, b2, lambda done: poll(0.4 * done))
        # A negation that moves ("Go not" → "Don't go") leaves the claim as it was; equal words are
        # equal in form, so only the changed ones can differ in negations.
        negations = np.bincount(changes[0], [c.negations for c in located], minlength=len(firsts))
        moved = (negations == 0)[changes[0]].tolist()
        grades = [c.settled[m] for c, m in zip(located, moved, strict=True)]
        for k in _polled([k for k, grade in enumerate(grades) if grade is _UNKNOWN], poll, 0.4, 0.8):
            change, m = located[k], moved[k]
            grade = change.settled[m]
            if grade is _UNKNOWN:  # not settled by an earlier change like it
                grade = change.settled[m] = self._settled(change, m)
            grades[k] = grade
        of_pair = np.searchsorted(changes[0], np.arange(len(firsts) + 1)).tolist()
        partners: dict[int, Own] = {}  # a pair's changed content words on both sides, listed when needed
        for k in _polled([k for k, grade in enumerate(grades) if grade is None], poll, 0.8, 1.0):
            change, p = located[k], pair[k]
            a, b = change.source, change.target
            if _fact(source, a1[k], a, firsts[p][0]) or _fact(target, b1[k], b, firsts[p][1]):
                grades[k] = Grade.MEANING
            elif a.norms and b.norms:
                grades[k] = self._replacements[a.ident, b.ident, moved[k]]
            else:  # words only added or only dropped: their partners are the pair's
                if p not in partners:
                    its = located[of_pair[p] : of_pair[p + 1]]
                    partners[p] = (
                        [w for c in its for w in c.source.content],
                        [w for c in its for w in c.target.content],
                    )
                grades[k] = self._sense(a, b, moved[k], *partners[p])
        return grades

    def _located(
        self, source: Words, target: Words, a1: list[int], a2: list[int], b1: list[int], b2: list[int],
        poll: Callable[[float], object],
    ) -> list[_Change]:  # fmt: skip
        """The distinct change of each change of source words [a1, a2) into target words [b1, b2); the
        words of the new ones are embedded in one batch."""
        s_forms, t_forms, changes, runs = source.forms, target.forms, self._changes, self._runs
        new_runs = len(runs)
        keys = list(zip(
            [s_forms[i] if j - i == 1 else tuple(s_forms[i:j]) for i, j in zip(a1, a2, strict=True)],
            [t_forms[i] if j - i == 1 else tuple(t_forms[i:j]) for i, j in zip(b1, b2, strict=True)],
            strict=True,
        ))  # fmt: skip
        located = list(map(changes.get, keys))
        for k in _polled([k for k, change in enumerate(located) if change is None], poll, 0.0, 1.0):
            change = changes.get(keys[k])
            if change is None:  # not met earlier in this batch
                s_key, t_key = keys[k]
                change = changes[s_key, t_key] = _Change(
                    runs.get(s_key) or self._run(source, a1[k], a2[k], s_key),
                    runs.get(t_key) or self._run(target, b1[k], b2[k], t_key),
                )
            located[k] = change
        self._learn(w for run in itertools.islice(runs.values(), new_runs, None) for w in run.content)
        return located

    def _learn(self, words: Iterable[str]) -> None:
        """Embed, in one batch, the words not embedded yet."""
        if self._embed is None:
            return
        new = sorted(set(words) - self._vectors.keys())
        if new:
            self._vectors.update(zip(new, self._embed(new), strict=True))

    def _settled(self, change: _Change, moved_negation: bool) -> Grade | None:
        """A change's grade wherever it stands and whatever else its pair changes, or None when its
        grade depends on that: a capitalised word (a name, unless it opens a sentence), or words only
        added or dropped that other changes of the pair may say again."""
        a, b = change.source, change.target
        grade = None
        if a.norms and b.norms:
            grade = self._replacements.get((a.ident, b.ident, moved_negation))
            if grade is None:
                grade = self._replacement(a, b, moved_negation)
            if grade is Grade.FORM:
                return grade
        if a.dated or b.dated:
            return Grade.MEANING
        if a.capitals or b.capitals:
            return None
        if grade is None:
            own = self._own(a, b, moved_negation)
            return own if isinstance(own, Grade) else None
        return grade

    def _replacement(self, a: _Run, b: _Run, moved_negation: bool) -> Grade:
        """Rules 1 and 3-5 for words a replaced by words b (rule 2 depends on where they stand)."""
        same = a.keys == b.keys or (len(a.norms) != len(b.norms) and "".join(a.norms) == "".join(b.norms))
        grade = Grade.FORM if same else self._sense(a, b, moved_negation, [], [])
        self._replacements[a.ident, b.ident, moved_negation] = grade
        return grade

    def _sense(
        self, a: _Run, b: _Run, moved_negation: bool, partners_a: list[str], partners_b: list[str]
    ) -> Grade:
        """Rules 3-5 for a change's two sides, given the changed content words of its pair."""
        own = self._own(a, b, moved_negation)
        if isinstance(own, Grade):
            return own
        own_a, own_b = own
        if own_a and own_b:  # a replacement: its own two sides must say the same
            partnered = self._partnered(own_a, own_b) and self._partnered(own_b, own_a)
            similar = partnered or self._phrase_similarity(own_a, own_b) >= WORDING_SIMILARITY
            return Grade.WORDING if similar else Grade.MEANING
        # Words only added or only dropped may be said again by another change of the pair.
        partnered = self._partnered(own_a, partners_b) and self._partnered(own_b, partners_a)
        return Grade.WORDING if partnered else Grade.MEANING

    def _own(self, a: _Run, b: _Run, moved_negation: bool) -> Grade | Own:
        """Rule 3 and a grade without a model, or the content words rule 4 must find partners for;
        worked out once per distinct pair of runs."""
        key = a.ident, b.ident, moved_negation
        own = self._senses.get(key)
        if own is None:
            if (a.negations or b.negations) and not moved_negation:
                own = Grade.MEANING
            elif a.light and b.light:
                own = Grade.WORDING
            elif a.sense or b.sense or self._embed is None:
                own = Grade.MEANING
            else:
                # Words on both sides ("security" → "security,") are kept, not reworded: only the rest counts.
                shared = set(a.stems) & set(b.stems)
                own = (
                    [w for w, stem in zip(a.content, a.stems, strict=True) if stem not in shared],
                    [w for w, stem in zip(b.content, b.stems, strict=True) if stem not in shared],
                )
            self._senses[key] = own
        return own

    def _run(self, words: Words, lo: int, hi: int, key: str | tuple[str, ...]) -> _Run:
        """What grading needs of new words [lo, hi) with these light forms (``key``: one form or a
        tuple): worked out once per distinct run of light forms."""
        known, norms = self._words, tuple(words.norms[lo:hi])
        if hi - lo == 1:  # most runs: one word, its fields as they are
            word = known.get(key) or self._word(key, norms[0])
            content = norms if word.content else ()
            capitals = (0,) if word.capital else ()
            stems = (word.stem,) if content else ()
            run = _Run(
                len(self._runs), norms, (word.key,), int(word.negation), word.dated, capitals, content, stems,
                word.light, word.sense,
            )  # fmt: skip
        else:
            each = [known.get(f) or self._word(f, n) for f, n in zip(words.forms[lo:hi], norms, strict=True)]
            keys, stems, negation, dated, capital, content, light, sense = (
                zip(*each, strict=True) if each else ((),) * 8
            )
            run = _Run(
                len(self._runs),
                norms,
                keys,
                sum(negation),
                any(dated),
                tuple(itertools.compress(itertools.count(), capital)),
                tuple(itertools.compress(norms, content)),
                tuple(itertools.compress(stems, content)),
                all(light),
                any(sense),
            )
        self._runs[key] = run
        return run

    def _word(self, form: str, norm: str) -> _Word:
        """What grading needs of one word (its heavy normal form follows from its light form)."""
        negation = _is_negation(norm)
        stem = self._stem_key(norm)
        word = self._words[form] = _Word(
            norm + "'s" if norm in _CONTRACTING and form.casefold().endswith("'s") else stem,
            stem,
            negation,
            norm[:1].isdigit() or norm in _DATE_WORDS,
            _capital(norm, form),
            norm not in self._lexicon.stopwords and not norm[:1].isdigit() and not negation,
            negation or norm in self._light,
            norm in _SENSE_WORDS,
        )
        return word

    def _stem_key(self, norm: str) -> str:
        """The stem of a heavy normal form with its spelling folded."""
        word = _ARCHAIC.get(norm, norm)
        if len(word) >= _MIN_ARCHAIC and word.endswith(_ARCHAIC_ENDINGS):
            word = word[:-3]
        return _fold_spelling(self._lexicon.stem(_fold_spelling(word)))

    def _partnered(self, own: list[str], partners: list[str]) -> bool:
        """Whether every word has a partner at least WORDING_SIMILARITY similar."""
        similar = self._similar
        for w in own:
            for p in partners:
                alike = similar.get((w, p))
                if alike is None:
                    va, vb = self._vectors.get(w), self._vectors.get(p)
                    alike = similar[w, p] = (
                        va is not None and vb is not None and float(va @ vb) >= WORDING_SIMILARITY
                    )
                if alike:
                    break
            else:
                return False
        return True

    def _phrase_similarity(self, a: list[str], b: list[str]) -> float:
        """Cosine of the mean word vectors of two phrases."""
        key = tuple(a), tuple(b)
        known = self._phrases.get(key)
        if known is None:
            va = [v for v in map(self._vectors.get, a) if v is not None]
            vb = [v for v in map(self._vectors.get, b) if v is not None]
            known = 0.0
            if va and vb:
                # Summed in order and divided, norms as np.linalg.norm takes them (the root of the dot
                # product): the same float32 figures as np.mean and norm, without their overhead.
                ma, mb = reduce(add, va) / len(va), reduce(add, vb) / len(vb)
                known = float(ma @ mb / (np.sqrt(ma.dot(ma)) * np.sqrt(mb.dot(mb)) or 1.0))
            self._phrases[key] = known
        return known


def _polled(items: list[int], poll: Callable[[float], object], start: float, end: float) -> Iterator[int]:
    """The items in turn, ``poll`` called every _POLL_EVERY of them with the fraction done (start to end)."""
    for k in range(0, len(items), _POLL_EVERY):
        poll(start + (end - start) * k / len(items))
        yield from items[k : k + _POLL_EVERY]


def _is_negation(norm: str) -> bool:
    """Whether a word negates."""
    return norm in _NEGATIONS or norm.endswith("n't")


def _fold_spelling(word: str) -> str:
    """A word with British spellings folded to American ones."""
    for british, american in _SPELLINGS:
        if british in word:
            word = word.replace(british, american)
    return word


def _capital(norm: str, form: str) -> bool:
    """Whether a word is written with a capital, as names are ("I" is not a name)."""
    return form[:1].isupper() and norm != "i"


def _fact(words: Words, lo: int, run: _Run, first: int) -> bool:
    """Whether words ``run`` at lo hold a capitalised word inside a sentence (a run holding a number
    or a date word has its grade settled already: see Grader._settled)."""
    for k in run.capitals:
        i = lo + k
        # Inside a sentence unless it opens the pair, follows a full stop or opens a quotation.
        if not (i == first or words.opens(i) or _SENTENCE_END.search(words.closes(i - 1))):
            return True
    return False
