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
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import NamedTuple

import numpy as np

from alignment.arrays import distinct_places, found_in, run_offsets
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
_SIMILAR_CHUNK = 16384
"""Word pairs whose vectors are multiplied per step (16 MB of float32 rows per side at 256 dimensions)."""
_FORM, _WORDING, _MEANING = (list(Grade).index(g) for g in (Grade.FORM, Grade.WORDING, Grade.MEANING))
"""The grades' codes in the rules' numpy columns: their indices in Grade, as the changes' columns
keep them."""

Span = tuple[int, int]
Changed = Sequence[np.ndarray]
"""Changes as five columns, in the order of their pairs: the pair's index, source words [a1, a2) and
target words [b1, b2)."""


class _Word(NamedTuple):
    """What grading needs of one word, which depends on its light form only."""

    norm: str
    """Its heavy normal form."""
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


class _Columns(NamedTuple):
    """The fields of every word the grader knows as columns, by the word's number: keys and stems
    as numbers (the same string, the same number), the flags as booleans."""

    key: np.ndarray
    stem: np.ndarray
    negation: np.ndarray
    dated: np.ndarray
    capital: np.ndarray
    content: np.ndarray
    light: np.ndarray
    sense: np.ndarray
    letters: np.ndarray
    """The length of each word's heavy form."""


@dataclass(frozen=True)
class _Side:
    """One side's words of all the changes, change after change: where each stands in its text
    (``at``), its change (``of``) and its number among the grader's words (``word``); ``starts``:
    where each change's words start, and their end."""

    at: np.ndarray
    of: np.ndarray
    word: np.ndarray
    starts: np.ndarray

    def total(self, values: np.ndarray) -> np.ndarray:
        """The sum over each change's words of a value per word of the grader (of a flag: how many)."""
        sums = np.concatenate(([0], np.cumsum(values[self.word])))
        return sums[self.starts[1:]] - sums[self.starts[:-1]]

    def joined(self, words: Words, changes: np.ndarray) -> list[str]:
        """The heavy forms of each of these changes' words (of ``words``, this side's text) written
        together."""
        lo, sizes = self.starts[changes], np.diff(self.starts)[changes]
        at = self.at[np.repeat(lo, sizes) + run_offsets(sizes)]
        flat = iter(words.vocabulary.take(words.numbers[at]).tolist())
        return ["".join(itertools.islice(flat, n)) for n in sizes.tolist()]


class Grader:
    """Grades the changes of pairs, with word vectors from a semantic model when one is given.

    What a word is, is worked out once per distinct light form; the rules then run as numpy columns
    over all the changes of a book at once, and the similarities rule 4 needs are taken in one batch
    for the word pairs it asks about.
    """

    def __init__(self, lexicon: Lexicon, embed: Embed | None = None) -> None:
        self._lexicon = lexicon
        self._embed = embed
        self._numbers: dict[str, int] = {}
        """Each known light form's number: its index in _words."""
        self._words: list[_Word] = []
        self._light = lexicon.stopwords - _SENSE_WORDS

    def grade(
        self, source: Words, target: Words, firsts: Sequence[Span], changes: Changed,
        poll: Callable[[float], object] = lambda _: None,
    ) -> np.ndarray:  # fmt: skip
        """The grade of each change (its index in Grade) of pairs whose first source and target words
        are ``firsts``; ``poll`` is called now and then with the fraction done."""
        poll(0.0)
        pair, a1, a2, b1, b2 = (np.asarray(column, np.int64) for column in changes)
        a = self._side(source, a1, a2)
        poll(0.2)
        b = self._side(target, b1, b2)
        poll(0.4)
        words = self._columns()
        sizes_a, sizes_b = np.diff(a.starts), np.diff(b.starts)
        replaced = (sizes_a > 0) & (sizes_b > 0)
        # A negation that moves ("Go not" → "Don't go") leaves the claim as it was; equal words are
        # equal in form, so only the changed ones can differ in negations.
        negations_a, negations_b = a.total(words.negation), b.total(words.negation)
        moved = (np.bincount(pair, negations_a - negations_b, minlength=len(firsts)) == 0)[pair]
        starts = np.asarray(firsts, np.int64).reshape(-1, 2)[pair]
        facts = (
            (a.total(words.dated) > 0) | (b.total(words.dated) > 0)
            | self._names(source, a, words, starts[:, 0]) | self._names(target, b, words, starts[:, 1])
        )  # fmt: skip
        same = self._same(source, target, a, b, words, replaced)
        negated = ((negations_a > 0) | (negations_b > 0)) & ~moved
        light = (a.total(words.light) == sizes_a) & (b.total(words.light) == sizes_b)
        codes = np.full(len(pair), _MEANING, np.int8)
        codes[~negated & light] = _WORDING
        if self._embed is not None:
            open_ = (
                ~same & ~facts & ~negated & ~light & (a.total(words.sense) == 0) & (b.total(words.sense) == 0)
            )
            poll(0.6)
            codes[self._reworded(a, b, pair, words, open_, replaced, lambda done: poll(0.6 + 0.4 * done))] = (
                _WORDING
            )
        codes[facts] = _MEANING
        codes[same] = _FORM
        poll(1.0)
        return codes

    def _side(self, words: Words, lo: np.ndarray, hi: np.ndarray) -> _Side:
        """The words [lo, hi) of each change, numbered among the grader's words (new ones learned)."""
        sizes = hi - lo
        starts = np.concatenate(([0], np.cumsum(sizes)))
        of = np.repeat(np.arange(len(lo)), sizes)
        at = np.arange(int(starts[-1])) - starts[:-1][of] + lo[of]
        # Looked up once per distinct word of the text (the same word, the same light form).
        where, inverse = distinct_places(words.numbers[at], len(words.vocabulary))
        distinct = words.numbers[at[where]]
        forms = words.light.take(distinct).tolist()
        known = self._numbers
        new = {form: norm for form, norm in zip(forms, words.vocabulary.take(distinct).tolist(), strict=True)
               if form not in known}  # fmt: skip
        self._learn(list(new), list(new.values()))
        numbers = np.fromiter(map(known.__getitem__, forms), np.int64, len(forms))
        return _Side(at, of, numbers[inverse], starts)

    def _columns(self) -> _Columns:
        """The known words' fields as columns."""
        keys: dict[str, int] = {}
        stems: dict[str, int] = {}
        fields = list(zip(*self._words, strict=True)) or [()] * len(_Word._fields)
        norm, key, stem, *flags = fields
        return _Columns(
            np.fromiter(map(keys.setdefault, key, itertools.count()), np.int64, len(key)),
            np.fromiter(map(stems.setdefault, stem, itertools.count()), np.int64, len(stem)),
            *(np.array(flag, bool) for flag in flags),
            np.fromiter(map(len, norm), np.int64, len(norm)),
        )

    def _learn(self, forms: list[str], norms: list[str]) -> None:
        """New words numbered, what grading needs of each worked out (``norms``: their heavy normal
        forms, which follow from their light ones)."""
        stems = self._stem_keys(norms)
        stopwords = self._lexicon.stopwords
        for form, norm, stem in zip(forms, norms, stems, strict=True):
            negation = _is_negation(norm)
            self._numbers[form] = len(self._words)
            self._words.append(_Word(
                norm,
                norm + "'s" if norm in _CONTRACTING and form.casefold().endswith("'s") else stem,
                stem,
                negation,
                norm[:1].isdigit() or norm in _DATE_WORDS,
                _capital(norm, form),
                norm not in stopwords and not norm[:1].isdigit() and not negation,
                negation or norm in self._light,
                norm in _SENSE_WORDS,
            ))  # fmt: skip

    def _stem_keys(self, norms: list[str]) -> list[str]:
        """The stems of heavy normal forms with their spelling folded (stemmed in one batch)."""
        words = [_ARCHAIC.get(norm, norm) for norm in norms]
        words = [w[:-3] if len(w) >= _MIN_ARCHAIC and w.endswith(_ARCHAIC_ENDINGS) else w for w in words]
        return list(map(_fold_spelling, self._lexicon.stems(list(map(_fold_spelling, words)))))

    def _same(
        self, source: Words, target: Words, a: _Side, b: _Side, words: _Columns, replaced: np.ndarray
    ) -> np.ndarray:
        """Rule 1 for each change: words replaced by the same words in another form, one for one, or by
        the same letters spaced otherwise (``lifelong`` → ``life-long``)."""
        sizes_a, sizes_b = np.diff(a.starts), np.diff(b.starts)
        even = replaced & (sizes_a == sizes_b)
        in_a, in_b = even[a.of], even[b.of]
        differ = words.key[a.word[in_a]] != words.key[b.word[in_b]]
        same = even & (np.bincount(a.of[in_a], differ, minlength=len(even)) == 0)
        spaced = np.flatnonzero(replaced & ~even & (a.total(words.letters) == b.total(words.letters)))
        joined = zip(a.joined(source, spaced), b.joined(target, spaced), strict=True)
        same[spaced] = np.fromiter(itertools.starmap(str.__eq__, joined), bool, len(spaced))
        return same

    def _names(self, words: Words, side: _Side, columns: _Columns, firsts: np.ndarray) -> np.ndarray:
        """Rule 2's names: whether each change holds a capitalised word inside a sentence: not the
        first word of its pair (``firsts``: each change's), nor one after a full stop or opening a
        quotation."""
        capital = np.flatnonzero(columns.capital[side.word])
        at, of = side.at[capital], side.of[capital]
        inner = at != firsts[of]
        places, of = at[inner], of[inner]
        opening = np.fromiter(
            (bool(opens or _SENTENCE_END.search(closes)) for closes, opens in words.gap_pairs),
            bool, len(words.gap_pairs),
        )  # fmt: skip
        inside = ~opening[words.gap_numbers[places]]
        return np.bincount(of[inside], minlength=len(firsts)) > 0

    def _reworded(
        self, a: _Side, b: _Side, pair: np.ndarray, words: _Columns, open_: np.ndarray, replaced: np.ndarray,
        poll: Callable[[float], object],
    ) -> np.ndarray:  # fmt: skip
        """Rule 4 for the changes still open: whether each one's content words all have partners
        (``poll``: called with the fraction done between its steps)."""
        content_a, content_b = np.flatnonzero(words.content[a.word]), np.flatnonzero(words.content[b.word])
        # Words on both sides ("security" → "security,") are kept, not reworded: only the rest counts.
        mine_a, mine_b = content_a[open_[a.of[content_a]]], content_b[open_[b.of[content_b]]]
        stems = len(words.stem)
        keyed_a = a.of[mine_a] * stems + words.stem[a.word[mine_a]]
        keyed_b = b.of[mine_b] * stems + words.stem[b.word[mine_b]]
        own_a, own_b = mine_a[~found_in(keyed_a, keyed_b)], mine_b[~found_in(keyed_b, keyed_a)]
        # A replacement's own two sides must say the same; words only added or dropped may be said
        # again by another change of the pair: their partners are the other side's content words.
        whole_a, whole_b = replaced[a.of[own_a]], replaced[b.of[own_b]]
        dropped, added = own_a[~whole_a], own_b[~whole_b]
        by_pair_a, by_pair_b = pair[a.of[content_a]], pair[b.of[content_b]]
        partners_a = content_a[found_in(by_pair_a, pair[b.of[added]])]
        partners_b = content_b[found_in(by_pair_b, pair[a.of[dropped]])]
        own_a, own_b = own_a[whole_a], own_b[whole_b]
        vectors, row = self._vectors(np.concatenate([
            a.word[own_a], b.word[own_b], a.word[dropped], b.word[added],
            a.word[partners_a], b.word[partners_b],
        ]))  # fmt: skip
        poll(0.4)
        alike = partial(_alike_within, vectors)
        has_a, has_b = alike(a.of[own_a], row[a.word[own_a]], b.of[own_b], row[b.word[own_b]])
        poll(0.6)
        has_dropped, _ = alike(
            pair[a.of[dropped]], row[a.word[dropped]], pair[b.of[partners_b]], row[b.word[partners_b]]
        )
        has_added, _ = alike(
            pair[b.of[added]], row[b.word[added]], pair[a.of[partners_a]], row[a.word[partners_a]]
        )
        poll(0.8)
        n = len(open_)
        unpartnered = (
            np.bincount(a.of[own_a], ~has_a, minlength=n) + np.bincount(b.of[own_b], ~has_b, minlength=n)
            + np.bincount(a.of[dropped], ~has_dropped, minlength=n)
            + np.bincount(b.of[added], ~has_added, minlength=n)
        )  # fmt: skip
        reworded = open_ & (unpartnered == 0)
        # A replacement whose words are not partnered one by one may still say the same as a phrase.
        phrase = (
            open_
            & ~reworded
            & (np.bincount(a.of[own_a], minlength=n) > 0)
            & (np.bincount(b.of[own_b], minlength=n) > 0)
        )
        in_a, in_b = phrase[a.of[own_a]], phrase[b.of[own_b]]
        reworded[phrase] = _phrases_alike(
            vectors, row[a.word[own_a[in_a]]], a.of[own_a[in_a]], row[b.word[own_b[in_b]]], b.of[own_b[in_b]]
        )
        return reworded

    def _vectors(self, numbers: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The vectors of these words' heavy forms, embedded in one batch, and each word's row among
        them by its number (-1 for the words not asked about)."""
        numbers = np.flatnonzero(np.bincount(numbers, minlength=len(self._words)))
        norms = [self._words[k].norm for k in numbers.tolist()]
        distinct = sorted(set(norms))
        at = {norm: k for k, norm in enumerate(distinct)}
        row = np.full(len(self._words), -1, np.int64)
        row[numbers] = np.fromiter(map(at.__getitem__, norms), np.int64, len(norms))
        return (self._embed(distinct) if distinct else np.zeros((0, 1), np.float32)), row


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


def _alike_within(
    vectors: np.ndarray, left_groups: np.ndarray, left_rows: np.ndarray, right_groups: np.ndarray,
    right_rows: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:  # fmt: skip
    """For each word on the left and each on the right, whether a word of the other side in its
    group is at least WORDING_SIMILARITY alike (words as rows of unit vectors, sorted by group).

    The word pairs are taken _SIMILAR_CHUNK at a time, so that two groups of many words stay in
    bounded memory."""
    lo = np.searchsorted(right_groups, left_groups, "left")
    counts = np.searchsorted(right_groups, left_groups, "right") - lo
    ends = np.cumsum(counts)
    has_left, has_right = np.zeros(len(left_rows), bool), np.zeros(len(right_rows), bool)
    total = int(ends[-1]) if len(ends) else 0
    for first in range(0, total, _SIMILAR_CHUNK):
        flat = np.arange(first, min(first + _SIMILAR_CHUNK, total))
        i = np.searchsorted(ends, flat, "right")
        j = lo[i] + flat - (ends[i] - counts[i])
        similarity = np.einsum(
            "ij,ij->i", np.take(vectors, left_rows[i], axis=0), np.take(vectors, right_rows[j], axis=0)
        )
        alike = similarity.astype(np.float64) >= WORDING_SIMILARITY
        has_left[i[alike]] = True
        has_right[j[alike]] = True
    return has_left, has_right


def _phrases_alike(
    vectors: np.ndarray, rows_a: np.ndarray, groups_a: np.ndarray, rows_b: np.ndarray, groups_b: np.ndarray
) -> np.ndarray:
    """Whether each group's words on one side and on the other, as phrases (the mean of their
    vectors), have a cosine of at least WORDING_SIMILARITY (groups sorted, each on both sides)."""
    if not len(rows_a):
        return np.zeros(0, bool)
    means = []
    for rows, groups in ((rows_a, groups_a), (rows_b, groups_b)):
        starts = np.flatnonzero(np.diff(groups, prepend=-1))
        sizes = np.diff(starts, append=len(rows))
        # Summed word after word, as the words stand (the same float32 figures as adding them in turn).
        sums = np.take(vectors, rows[starts], axis=0)  # take gathers rows faster than indexing
        for k in range(1, int(sizes.max())):
            longer = np.flatnonzero(sizes > k)
            sums[longer] += np.take(vectors, rows[starts[longer] + k], axis=0)
        sums /= sizes.astype(sums.dtype)[:, None]  # in place: a book's phrases are tens of MB of rows
        means.append(sums)
    ma, mb = means
    norms = np.sqrt(np.einsum("ij,ij->i", ma, ma)) * np.sqrt(np.einsum("ij,ij->i", mb, mb))
    cosine = np.einsum("ij,ij->i", ma, mb) / np.where(norms == 0, 1, norms)
    return cosine.astype(np.float64) >= WORDING_SIMILARITY

