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

import re
from collections.abc import Callable, Iterable, Sequence
from functools import reduce
from operator import add
from typing import NamedTuple

import numpy as np

from alignment.model import Grade, Op
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

Span = tuple[int, int]
Ranges = Sequence[tuple[Op, int, int, int, int]]
"""Operations on source words [a1, a2) and target words [b1, b2), as worddiff makes them."""


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


Own = tuple[list[str], list[str]]
"""The content words of a change's two sides that are not on both: what rule 4 must partner."""


class Grader:
    """Grades the changes of pairs, with word vectors from a semantic model when one is given.

    Books repeat their changes ("unto" → "to"), so what a change's words are is worked out once per
    distinct run of words, and its grade once per distinct change, leaving per change only what
    depends on where it stands (a capital opening a sentence) and on the rest of its pair.
    """

    def __init__(self, lexicon: Lexicon, embed: Embed | None = None) -> None:
        self._lexicon = lexicon
        self._embed = embed
        self._vectors: dict[str, np.ndarray] = {}
        self._keys: dict[str, str] = {}
        self._contentful: dict[str, bool] = {}
        self._runs: dict[str | tuple[str, ...], _Run] = {}
        self._replacements: dict[tuple[int, int, bool], Grade] = {}
        self._senses: dict[tuple[int, int, bool], Grade | Own] = {}
        self._similar: dict[tuple[str, str], bool] = {}
        self._phrases: dict[tuple[tuple[str, ...], tuple[str, ...]], float] = {}
        self._light = lexicon.stopwords - _SENSE_WORDS

    def prepare(self, norms: Iterable[str]) -> None:
        """Embed, in one batch, the content words not yet known (before grading the changes of them)."""
        if self._embed is None:
            return
        new = sorted(w for w in set(norms) - self._vectors.keys() if self._is_content(w))
        if new:
            self._vectors.update(zip(new, self._embed(new), strict=True))

    def grade(self, source: Words, target: Words, spans: Ranges, first: Span) -> list[Grade | None]:
        """The grade of each (op, a1, a2, b1, b2) word range of one pair; ``first`` = its first words."""
        grades: list[Grade | None] = [None] * len(spans)
        run = self._run
        changed = [
            (k, a1, run(source, a1, a2), b1, run(target, b1, b2))
            for k, (op, a1, a2, b1, b2) in enumerate(spans)
            if op is not Op.EQUAL
        ]
        if not changed:
            return grades
        # A negation that moves ("Go not" → "Don't go") leaves the claim as it was; equal words are
        # equal in form, so only the changed ones can differ in negations.
        moved_negation = sum(a.negations - b.negations for _, _, a, _, b in changed) == 0
        partners: Own | None = None  # both sides' changed content words, listed when first needed
        for k, a1, a, b1, b in changed:
            grade = None
            if a.norms and b.norms:
                grade = self._replacements.get((a.ident, b.ident, moved_negation))
                if grade is None:
                    grade = self._replacement(a, b, moved_negation)
                if grade is Grade.FORM:
                    grades[k] = grade
                    continue
            if _fact(source, a1, a, first[0]) or _fact(target, b1, b, first[1]):
                grade = Grade.MEANING
            elif grade is None:  # words only added or only dropped: their partners are the pair's
                if partners is None:
                    partners = (
                        [w for _, _, x, _, _ in changed for w in x.content],
                        [w for _, _, _, _, y in changed for w in y.content],
                    )
                grade = self._sense(a, b, moved_negation, *partners)
            grades[k] = grade
        return grades

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
        own = self._senses.get((a.ident, b.ident, moved_negation))
        if own is None:
            own = self._senses[a.ident, b.ident, moved_negation] = self._own(a.norms, b.norms, moved_negation)
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

    def _own(self, a: tuple[str, ...], b: tuple[str, ...], moved_negation: bool) -> Grade | Own:
        """Rule 3 and a grade without a model, or the content words rule 4 must find partners for."""
        words = a + b
        negation = [_is_negation(w) for w in words]
        if any(negation) and not moved_negation:
            return Grade.MEANING
        if all(neg or w in self._light for w, neg in zip(words, negation, strict=True)):
            return Grade.WORDING
        if any(w in _SENSE_WORDS for w in words) or self._embed is None:
            return Grade.MEANING
        own_a = [w for w in a if self._is_content(w)]
        own_b = [w for w in b if self._is_content(w)]
        # Words on both sides ("security" → "security,") are kept, not reworded: only the rest counts.
        shared = {self._stem_key(w) for w in own_a} & {self._stem_key(w) for w in own_b}
        return [w for w in own_a if self._stem_key(w) not in shared], [
            w for w in own_b if self._stem_key(w) not in shared
        ]

    def _run(self, words: Words, lo: int, hi: int) -> _Run:
        """What grading needs of words [lo, hi), worked out once per distinct run of light forms."""
        forms = words.forms
        key = forms[lo] if hi - lo == 1 else tuple(forms[lo:hi])
        run = self._runs.get(key)
        if run is None:
            norms = tuple(words.norms[lo:hi])
            run = self._runs[key] = _Run(
                len(self._runs),
                norms,
                tuple(map(self._key, norms, forms[lo:hi])),
                sum(map(_is_negation, norms)),
                any(n[:1].isdigit() or n in _DATE_WORDS for n in norms),
                tuple(k for k, (n, f) in enumerate(zip(norms, forms[lo:hi], strict=True)) if _capital(n, f)),
                tuple(filter(self._is_content, norms)),
            )
        return run

    def _key(self, norm: str, form: str) -> str:
        """A word's form-free key: stem of its heavy normal form, spelling folded, contractions kept."""
        if norm in _CONTRACTING and form.casefold().endswith("'s"):
            return norm + "'s"
        return self._stem_key(norm)

    def _stem_key(self, norm: str) -> str:
        """The stem of a heavy normal form with its spelling folded."""
        key = self._keys.get(norm)
        if key is None:
            word = _ARCHAIC.get(norm, norm)
            if len(word) >= _MIN_ARCHAIC and word.endswith(_ARCHAIC_ENDINGS):
                word = word[:-3]
            key = _fold_spelling(self._lexicon.stem(_fold_spelling(word)))
            self._keys[norm] = key
        return key

    def _is_content(self, norm: str) -> bool:
        """Whether a word carries content of its own: not a function word, not a number."""
        known = self._contentful.get(norm)
        if known is None:
            known = norm not in self._lexicon.stopwords and not norm[:1].isdigit() and not _is_negation(norm)
            self._contentful[norm] = known
        return known

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
                # Summed in order and divided: the same float32 figures as np.mean, without its overhead.
                ma, mb = reduce(add, va) / len(va), reduce(add, vb) / len(vb)
                known = float(ma @ mb / (np.linalg.norm(ma) * np.linalg.norm(mb) or 1.0))
            self._phrases[key] = known
        return known


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
    """Whether words ``run`` at lo hold a number, a date word, or a capitalised word inside a sentence."""
    if run.dated:
        return True
    for k in run.capitals:
        i = lo + k
        # Inside a sentence unless it opens the pair, follows a full stop or opens a quotation.
        if not (i == first or words.opens(i) or _SENTENCE_END.search(words.closes(i - 1))):
            return True
    return False
