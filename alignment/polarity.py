"""Polarity, modal force and hedging of sentences, and what a rewrite flipped between two of them.

A pair is compared by what its sentences assert, not by their words.  A negation ("not", "n't",
"never", "kein", "ne") is flipped when the word it bears on stands on the other side in a clause
with no negation; modal force (``strong``: will, must, always; ``weak``: may, could, often) and
hedges (allegedly, claimed) compare by what is left once both sides' cues cancel.  Rewording
around them changes nothing.
"""

from __future__ import annotations

import os
import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache

from alignment.language import ENGLISH, FUNCTION_WORDS, WORD, cues, trie_pattern
from alignment.model import Sentence, Span

NEGATION, STRONG, WEAK, HEDGE = "negation", "strong", "weak", "hedge"
_CLAUSE_END = re.compile(r"[,;:.!?()\[\]“”\"]")
_SCOPE_REACH = 60
"""Characters read on each side of a negation for its scope: a few words, never the whole text."""
_SCOPE_LETTERS = 3
"""Shorter words ("me", "so") say nothing about what a negation bears on."""
_STEM_SHARE = 0.6
"""Share of the shorter word two forms must start with alike to count as one word ("eat", "eateth")."""


@dataclass(frozen=True, slots=True)
class Cue:
    """One word that sets polarity, force or hedging: its role, where it stands, and the word."""

    role: str
    span: Span
    word: str
    scope: tuple[str, ...] = ()
    """For a negation, the words it may bear on (the next content words, and the one before)."""


@dataclass(frozen=True, slots=True)
class Shift:
    """What changed between the two sides of a pair: kind, change, severity, message, the cues."""

    kind: str
    change: str
    severity: str
    message: str
    source: Cue | None
    target: Cue | None


@cache
def _scanner(language: str) -> re.Pattern[str]:
    """One regex finding every cue word of a language, whole words only, in any case."""
    c = cues(language)
    words = c.negations | c.strong | c.weak | c.hedges
    parts = [r"\b" + trie_pattern(words) + r"\b(?!['’]\w)"]
    if c.suffixes:
        parts.append(r"\b[^\W\d_]+(?:" + "|".join(map(re.escape, c.suffixes)) + r")\b")
    if c.prefixes:
        parts.append(r"\b(?:" + "|".join(map(re.escape, c.prefixes)) + r")(?=[^\W\d_])")
    return re.compile("|".join(parts), re.IGNORECASE)


def sentence_cues(text: str, sentences: Sequence[Sentence], language: str) -> list[list[Cue]]:
    """The cues of each sentence, found in one pass over the text."""
    c = cues(language)
    out: list[list[Cue]] = [[] for _ in sentences]
    k = 0
    for m in _scanner(language).finditer(text):
        a = m.start()
        while k < len(sentences) and sentences[k].end <= a:
            k += 1
        if k == len(sentences):
            break
        if a < sentences[k].start:
            continue
        word = m.group().casefold().replace("’", "'")
        found = out[k]
        base = next((word[: -len(s)] for s in c.suffixes if word.endswith(s.replace("’", "'"))), None)
        if base is not None or any(word == p.replace("’", "'") for p in c.prefixes):
            found.append(Cue(NEGATION, m.span(), word, _scope(text, sentences[k], m.span(), language)))
            word = c.bases.get(base, base) if base is not None else ""
        elif word in c.negations:
            found.append(Cue(NEGATION, m.span(), word, _scope(text, sentences[k], m.span(), language)))
        for role, words in ((STRONG, c.strong), (WEAK, c.weak), (HEDGE, c.hedges)):
            if word in words:
                found.append(Cue(role, m.span(), word))
    return out


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


Wording = Sequence[tuple[int, str, int]]
"""The words of a pair's side: start offset, the word in lower case, and the number of its clause."""


def sentence_words(text: str, spans: Iterable[Span]) -> list[tuple[int, str, int]]:
    """The words of some sentences with their offsets and clauses (split at , ; : and sentence ends)."""
    out = []
    clause = 0
    for a, b in spans:
        clause += 1
        pos = a
        for m in WORD.finditer(text, a, b):
            if _CLAUSE_END.search(text, pos, m.start()):
                clause += 1
            out.append((m.start(), m.group().casefold(), clause))
            pos = m.end()
    return out


def present(word: str, other: str) -> bool:
    """Whether two words are one, or forms of one sharing most of their start ("eateth", "eats")."""
    if other[:_SCOPE_LETTERS] != word[:_SCOPE_LETTERS]:
        return False
    return len(os.path.commonprefix((other, word))) >= _STEM_SHARE * min(len(word), len(other))


def _flipped(cues_a: Sequence[Cue], words_b: Wording, cues_b: Sequence[Cue]) -> list[Cue]:
    """Negations of one side whose words stand on the other side in a clause with no negation.

    Where the words a negation bears on are missing from the other side, that part was reworded
    or dropped, and its polarity cannot be compared: it is left alone.
    """
    starts = [a for a, _, _ in words_b]
    negated = {
        words_b[i][2] for c in cues_b if c.role == NEGATION if (i := _at(starts, c.span[0])) is not None
    }
    out = []
    for cue in cues_a:
        if cue.role != NEGATION or not cue.scope:
            continue
        clauses = {k for _, w, k in words_b if any(present(s, w) for s in cue.scope)}
        if clauses and not clauses & negated:
            out.append(cue)
    return out


def _at(starts: list[int], offset: int) -> int | None:
    """The index of the word starting at or right after an offset, None past the last."""
    i = bisect_left(starts, offset)
    return i if i < len(starts) else None


def shifts(
    source: Sequence[Cue],
    target: Sequence[Cue],
    source_words: Wording,
    target_words: Wording,
) -> list[Shift]:
    """What a rewrite flipped between a pair's two sides (given their words): negations, force, hedges."""
    found: list[Shift] = []
    # A side stating as many negations as the other reworded them ("came not", "didn't come"): only
    # the side with more can have gained one.
    lost = sum(c.role == NEGATION for c in source) - sum(c.role == NEGATION for c in target)
    for cue in _flipped(source, target_words, target)[:1] if lost > 0 else ():
        found.append(Shift("negation", "removed", "high", f"Negation removed: {cue.word}", cue, None))
    for cue in _flipped(target, source_words, source)[:1] if lost < 0 else ():
        found.append(Shift("negation", "added", "high", f"Negation added: {cue.word}", None, cue))
    strong_lost, strong_new = _unmatched(source, target, STRONG)
    weak_lost, weak_new = _unmatched(source, target, WEAK)
    if strong_lost and weak_new:
        a, b = strong_lost[0], weak_new[0]
        found.append(Shift("modality", "weakened", "medium", f"Modal weakened: {a.word} → {b.word}", a, b))
    elif weak_lost and strong_new:
        a, b = weak_lost[0], strong_new[0]
        found.append(
            Shift("modality", "strengthened", "medium", f"Modal strengthened: {a.word} → {b.word}", a, b)
        )
    lost, new = _unmatched(source, target, HEDGE)
    if len(lost) > len(new):
        found.append(Shift("modality", "unhedged", "medium", f"Hedge removed: {lost[0].word}", lost[0], None))
    elif len(new) > len(lost):
        found.append(Shift("modality", "hedged", "medium", f"Hedge added: {new[0].word}", None, new[0]))
    return found


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
