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


class Grader:
    """Grades the changes of pairs, with word vectors from a semantic model when one is given."""

    def __init__(self, lexicon: Lexicon, embed: Embed | None = None) -> None:
        self._lexicon = lexicon
        self._embed = embed
        self._vectors: dict[str, np.ndarray] = {}
        self._keys: dict[str, str] = {}
        self._contentful: dict[str, bool] = {}
        self._replacements: dict[tuple[tuple[str, ...], tuple[str, ...], bool], Grade] = {}
        self._light = lexicon.stopwords - _SENSE_WORDS

    def prepare(self, norms: Iterable[str]) -> None:
        """Embed, in one batch, the content words not yet known (call once per document)."""
        if self._embed is None:
            return
        new = sorted(w for w in set(norms) - self._vectors.keys() if self._is_content(w))
        if new:
            self._vectors.update(zip(new, self._embed(new), strict=True))

    def grade(
        self, source: Words, target: Words, spans: Sequence[tuple[Op, int, int, int, int]], first: Span
    ) -> list[Grade | None]:
        """The grade of each (op, a1, a2, b1, b2) word range of one pair; ``first`` = its first words."""
        changed = [c for c in spans if c[0] is not Op.EQUAL]
        # A negation that moves ("Go not" → "Don't go") leaves the claim as it was; equal words are
        # equal in form, so only the changed ones can differ in negations.
        moved_negation = _negations(source, changed, 1) == _negations(target, changed, 3)
        partners: list[list[str]] = []  # both sides' changed content words, listed when first needed

        def partner_words() -> list[list[str]]:
            if not partners:
                partners.append([w for _, a1, a2, _, _ in changed for w in self._content(source, a1, a2)])
                partners.append([w for _, _, _, b1, b2 in changed for w in self._content(target, b1, b2)])
            return partners

        return [
            None
            if op is Op.EQUAL
            else self._grade(source, a1, a2, target, b1, b2, first, partner_words, moved_negation)
            for op, a1, a2, b1, b2 in spans
        ]

    def _grade(
        self, src: Words, a1: int, a2: int, tgt: Words, b1: int, b2: int, first: Span,
        partners: Callable[[], list[list[str]]], moved_negation: bool,
    ) -> Grade:  # fmt: skip
        """Rules 1-5 of the module docstring for one change."""
        if a2 > a1 and b2 > b1 and self._same_words(src, a1, a2, tgt, b1, b2):
            return Grade.FORM
        if _has_fact(src, a1, a2, first[0]) or _has_fact(tgt, b1, b2, first[1]):
            return Grade.MEANING
        a, b = tuple(src.norms[a1:a2]), tuple(tgt.norms[b1:b2])
        if not (a and b):  # words only added or only dropped: their partners are the pair's
            partners_a, partners_b = partners()
            return self._sense(a, b, moved_negation, partners_a, partners_b)
        # A replacement depends on its own words only, and books repeat theirs ("unto" → "to").
        key = a, b, moved_negation
        grade = self._replacements.get(key)
        if grade is None:
            grade = self._replacements[key] = self._sense(a, b, moved_negation, [], [])
        return grade

    def _sense(
        self, a: tuple[str, ...], b: tuple[str, ...], moved_negation: bool,
        partners_a: list[str], partners_b: list[str],
    ) -> Grade:  # fmt: skip
        """Rules 3-5 of the module docstring for the heavy normal forms of a change's two sides."""
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
        own_a = [w for w in own_a if self._stem_key(w) not in shared]
        own_b = [w for w in own_b if self._stem_key(w) not in shared]
        if own_a and own_b:  # a replacement: its own two sides must say the same
            partnered = self._partnered(own_a, own_b) and self._partnered(own_b, own_a)
            similar = partnered or self._phrase_similarity(own_a, own_b) >= WORDING_SIMILARITY
            return Grade.WORDING if similar else Grade.MEANING
        # Words only added or only dropped may be said again by another change of the pair.
        partnered = self._partnered(own_a, partners_b) and self._partnered(own_b, partners_a)
        return Grade.WORDING if partnered else Grade.MEANING

    def _same_words(self, src: Words, a1: int, a2: int, tgt: Words, b1: int, b2: int) -> bool:
        """Rule 1: the same words up to form."""
        a = [self._key(src, i) for i in range(a1, a2)]
        b = [self._key(tgt, j) for j in range(b1, b2)]
        spacing = a2 - a1 != b2 - b1 and "".join(src.norms[a1:a2]) == "".join(tgt.norms[b1:b2])
        return a == b or spacing

    def _key(self, words: Words, i: int) -> str:
        """A word's form-free key: stem of its heavy normal form, spelling folded, contractions kept."""
        norm = words.norms[i]
        if norm in _CONTRACTING and words.forms[i].casefold().endswith("'s"):
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

    def _content(self, words: Words, lo: int, hi: int) -> list[str]:
        """The content words among words [lo, hi)."""
        return [w for w in words.norms[lo:hi] if self._is_content(w)]

    def _partnered(self, own: list[str], partners: list[str]) -> bool:
        """Whether every word has a partner at least WORDING_SIMILARITY similar."""
        vectors = [self._vectors.get(w) for w in partners]
        others = [v for v in vectors if v is not None]
        if not own:
            return True
        if not others:
            return False
        matrix = np.stack(others)
        for w in own:
            v = self._vectors.get(w)
            if v is None or float(np.max(matrix @ v)) < WORDING_SIMILARITY:
                return False
        return True

    def _phrase_similarity(self, a: list[str], b: list[str]) -> float:
        """Cosine of the mean word vectors of two phrases."""
        va = [v for v in map(self._vectors.get, a) if v is not None]
        vb = [v for v in map(self._vectors.get, b) if v is not None]
        if not va or not vb:
            return 0.0
        ma, mb = np.mean(va, axis=0), np.mean(vb, axis=0)
        return float(ma @ mb / (np.linalg.norm(ma) * np.linalg.norm(mb) or 1.0))


def _is_negation(norm: str) -> bool:
    """Whether a word negates."""
    return norm in _NEGATIONS or norm.endswith("n't")


def _negations(words: Words, spans: Sequence[tuple[Op, int, int, int, int]], at: int) -> int:
    """How many negations some word ranges hold on one side (``at`` 1: source, 3: target)."""
    return sum(_is_negation(w) for span in spans for w in words.norms[span[at] : span[at + 1]])


def _fold_spelling(word: str) -> str:
    """A word with British spellings folded to American ones."""
    for british, american in _SPELLINGS:
        if british in word:
            word = word.replace(british, american)
    return word


def _has_fact(words: Words, lo: int, hi: int, first: int) -> bool:
    """Whether words [lo, hi) hold a number, a date word, or a capitalised word inside a sentence."""
    for i in range(lo, hi):
        norm = words.norms[i]
        if norm[:1].isdigit() or norm in _DATE_WORDS:
            return True
        form = words.forms[i]
        # Inside a sentence unless it opens the pair, follows a full stop or opens a quotation.
        opens = i == first or bool(words.opens(i)) or bool(_SENTENCE_END.search(words.closes(i - 1)))
        if form[:1].isupper() and not opens and norm != "i":
            return True
    return False
