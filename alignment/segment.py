"""Sentence splitting with character offsets: paragraphs, lines, abbreviations, quotes, many languages."""

from __future__ import annotations

import re
from typing import Literal

import numpy as np

from alignment import collector
from alignment.documents import paragraphs_of
from alignment.language import MONTH_VARIANTS, MONTHS
from alignment.language import NON_FINAL_ABBREVIATIONS as _NON_FINAL
from alignment.model import Sentence
from alignment.word_spans import CodeClasses, code_points, runs

SplitMode = Literal["sentences", "lines"]

# Month names after a day number with a dot ("3. Oktober"), which is a German-style ordinal date.
_MONTHS = frozenset(m for names in MONTHS.values() for m in names) | frozenset(MONTH_VARIANTS["german"])
_NEXT_WORD = re.compile(r"[^\W\d_]+")
# A sentence end: terminators, then closing quotes or brackets, then space (or a CJK end without space).
# A run of terminators is tried from its first character only, and its parts never give back what they
# took (possessive): otherwise every dot of "......" would rescan the rest of the run, quadratic in it.
# The whitespace after an end is taken too: where the end breaks, the next sentence starts past it.
# The end of the text searched (a run's end) counts as whitespace, so " »" ends a line as it does inside.
_END = re.compile(
    r"""([.!?…‽。！？؟۔](?:(?<=[.!?…‽])(?<![.!?…‽]{2})[.!?…]*+[\"'”’»)\]]*+(?:[ \u00a0]++»)?(?=\s|\Z)"""
    r"""|(?<=[。！？؟۔])[。！？!?؟۔]*+[」』”’）)]*+))(\s*+)"""
)  # one leading character class lets the regex engine skip ahead fast
_OPENERS = "\"'“‘«(["
_OPENERS_ELSEWHERE = _OPENERS + "¿¡"
"""Marks that may open the next sentence: its case is read from the letter after one."""
_WORD_WINDOW = 40
"""How far back a terminator looks for the word it ends; no abbreviation or initialism is longer."""
_INITIALISM = re.compile(r"(?:\w\.)*\w", re.UNICODE)
_FINAL_PUNCT = frozenset(".!?…:;\"'”’»)]。！？")
_SPACE, _LOWER, _FINAL, _OPENER, _CLAUSE, _CJK_END = 1, 2, 4, 8, 16, 32
"""What the splitter asks of a character, a bit each: whitespace, lower case, final punctuation (a line
that ends in it is not carried on by the next), a mark that may open a sentence, a clause mark, a
sentence end that needs no space after it (CJK, Arabic, Urdu)."""
_KINDS = CodeClasses(
    lambda c: (
        _SPACE * c.isspace()
        | _LOWER * c.islower()
        | _FINAL * (c in _FINAL_PUNCT)
        | _OPENER * (c in _OPENERS_ELSEWHERE)
        | _CLAUSE * (c in ",;:")
        | _CJK_END * (c in "。！？؟۔")
    )
)
_WRAP_WIDTH = 40
"""A line at least this long (from its line break) that ends open is carried on by a lower-case line."""
_DOT = ord(".")


def segment(text: str, mode: SplitMode = "sentences") -> tuple[Sentence, ...]:
    """Split a text into sentences (or non-empty lines) with offsets, in text order."""
    if mode not in ("sentences", "lines"):
        raise ValueError(f"unknown split mode {mode!r}")
    with collector.paused():  # millions of small objects for a book of short sentences, none cyclic
        return _segment(text, mode)


def _segment(text: str, mode: SplitMode) -> tuple[Sentence, ...]:
    """The sentences (or lines) of each paragraph in turn, worked out for the whole text at once."""
    paragraphs = np.array(paragraphs_of(text), np.int64).reshape(-1, 2)[:, 0]
    codes = code_points(text)
    kind = _KINDS(codes)
    spaces = _spaces(kind)
    starts, ends, raw = _lines(codes, spaces)
    if not len(starts):
        return ()
    par = np.searchsorted(paragraphs, starts, "right") - 1
    if mode == "sentences":
        starts, ends, par = _wrapped(kind, starts, ends, raw, par)
        starts, ends, par = _sentences(text, codes, kind, spaces, starts, ends, par)
    return tuple(map(Sentence, starts.tolist(), ends.tolist(), par.tolist()))


def _spaces(kind: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Start and end of every run of whitespace, after one before the text (at -2, -1) that keeps the
    lookups of the runs before a position inside the arrays."""
    starts, ends = runs((kind & _SPACE).astype(bool))
    return np.append(-2, starts), np.append(-1, ends)


def _lines(
    codes: np.ndarray, spaces: tuple[np.ndarray, np.ndarray]
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Start and end of each line without the whitespace around it (lines of whitespace only are not
    lines), and where it starts as typed (after its line break)."""
    breaks = np.flatnonzero(codes == ord("\n"))
    raw = np.concatenate(([0], breaks + 1))
    ends = np.append(breaks, len(codes))
    space_starts, space_ends = spaces
    # A line starting in whitespace starts where that whitespace ends; one ending in it, where it began.
    k = np.searchsorted(space_starts, raw, "right") - 1
    starts = np.where(space_ends[k] > raw, space_ends[k], raw)
    k = np.searchsorted(space_starts, ends, "left") - 1
    ends = np.where(space_ends[k] >= ends, space_starts[k], ends)
    found = starts < ends
    return starts[found], ends[found], raw[found]


def _wrapped(
    kind: np.ndarray,
    starts: np.ndarray,
    ends: np.ndarray,
    raw: np.ndarray,
    par: np.ndarray,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The lines joined where a line break only wraps a sentence: after a line without final
    punctuation, in a hard-wrapped paragraph or before a lower-case line after a long one."""
    open_end = (kind[ends - 1] & _FINAL) == 0
    carried = np.zeros(len(starts), bool)
    carried[1:] = (par[1:] == par[:-1]) & open_end[:-1]
    carried[1:] &= _hard_wrapped(starts, ends, par, open_end)[par[1:]] | (
        ((kind[starts[1:]] & _LOWER) != 0) & (ends[:-1] - raw[:-1] >= _WRAP_WIDTH)
    )
    first = ~carried
    last = np.append(first[1:], True)
    return starts[first], ends[last], par[first]


def _hard_wrapped(starts: np.ndarray, ends: np.ndarray, par: np.ndarray, open_end: np.ndarray) -> np.ndarray:
    """For each paragraph, whether it was typed with line breaks at a fixed width (e-mail, plain-text
    books): 3 lines or more, all but the last of about one width (40-100), half of them or more open."""
    counts = np.bincount(par, minlength=int(par[-1]) + 1 if len(par) else 0)
    last = np.append(par[1:] != par[:-1], True)
    counted = np.flatnonzero(~last & (counts[par] >= 3))  # every line but a paragraph's last
    wrapped = np.zeros(len(counts), bool)
    if not len(counted):
        return wrapped
    order = counted[np.lexsort((ends[counted] - starts[counted], par[counted]))]
    widths, groups = ends[order] - starts[order], par[order]
    first = np.flatnonzero(np.append(True, groups[1:] != groups[:-1]))
    n = counts[groups[first]] - 1
    median, widest = widths[first + n // 2], widths[first + n - 1]
    unpunctuated = np.add.reduceat(open_end[order].astype(np.int64), first)
    wrapped[groups[first]] = (
        (median >= 40) & (median <= 100) & (widest <= median * 1.3) & (unpunctuated * 2 >= n)
    )
    return wrapped


def _sentences(
    text: str,
    codes: np.ndarray,
    kind: np.ndarray,
    spaces: tuple[np.ndarray, np.ndarray],
    starts: np.ndarray,
    ends: np.ndarray,
    par: np.ndarray,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The sentences of the runs of text (lines, or lines of one wrapped sentence) given by start and
    end: each run cut after the sentence ends inside it."""
    term, close, nxt = _ends(text, kind, spaces, starts, ends)
    # An end counts where the next sentence starts inside the same run.
    run_end = ends[np.searchsorted(starts, term, "right") - 1]
    inside = nxt < run_end
    term, close, nxt = term[inside], close[inside], nxt[inside]
    follower = nxt.copy()  # where the next sentence's first letter stands, after a mark opening it
    follower[((kind[nxt] & _OPENER) != 0) & (nxt + 1 < len(codes))] += 1
    ends_here = (kind[follower] & (_LOWER | _CLAUSE)) == 0
    # A full stop right after a word ends a sentence unless the word is an abbreviation, an initial…
    after_word = ends_here & (codes[term] == _DOT) & (term > 0)
    after_word[after_word] = (kind[term[after_word] - 1] & _SPACE) == 0
    dots = np.flatnonzero(after_word)
    ellipsis = (term[dots] + 2 < len(codes)) & (codes[np.minimum(term[dots] + 1, len(codes) - 1)] == _DOT)
    ellipsis &= codes[np.minimum(term[dots] + 2, len(codes) - 1)] == _DOT
    dots = dots[~ellipsis]
    # The word a full stop ends: back to the last whitespace, at most _WORD_WINDOW characters.
    space_ends = spaces[1]
    word_starts = np.maximum(
        space_ends[np.searchsorted(space_ends, term[dots], "right") - 1], term[dots] - _WORD_WINDOW
    )
    words = map(text.__getitem__, map(slice, np.maximum(word_starts, 0).tolist(), term[dots].tolist()))
    ends_here[dots] = _words_end(text, list(words), nxt[dots].tolist())
    cut_close, cut_next = close[ends_here], nxt[ends_here]
    sentence_starts = np.sort(np.concatenate((starts, cut_next)), kind="stable")  # two sorted runs
    sentence_ends = np.sort(np.concatenate((cut_close, ends)), kind="stable")
    return sentence_starts, sentence_ends, par[np.searchsorted(starts, sentence_starts, "right") - 1]


def _ends(
    text: str, kind: np.ndarray, spaces: tuple[np.ndarray, np.ndarray], starts: np.ndarray, ends: np.ndarray
) -> tuple[np.ndarray, ...]:
    """Where each possible sentence end (_END) starts, where its marks end and where the next sentence
    would start, searched in the runs that may hold one inside: those with whitespace or a CJK end."""
    space_starts = spaces[0]
    cjk = np.flatnonzero(kind & _CJK_END)
    may = np.searchsorted(space_starts, starts, "right") < np.searchsorted(space_starts, ends)
    may |= np.searchsorted(cjk, starts) < np.searchsorted(cjk, ends)
    first = np.flatnonzero(may & ~np.append(False, may[:-1]))
    last = np.flatnonzero(may & ~np.append(may[1:], False))
    lengths: list[int] = []  # of the pieces split by _END: text, marks, whitespace after them, text, …
    done = 0
    for a, b in zip(starts[first].tolist(), ends[last].tolist(), strict=True):
        found = list(map(len, _END.split(text[a:b])))
        found[0] += a - done  # the text since the last stretch searched belongs to its first piece
        if lengths:
            lengths[-1] += found.pop(0)
        lengths += found
        done = b
    at = np.cumsum(np.array(lengths, np.int64))
    return at[0:-1:3], at[1::3], at[2::3]


def _words_end(text: str, words: list[str], nexts: list[int]) -> list[bool]:
    """Whether a full stop after each word (the text back to a space; not in "...") ends its sentence;
    the next sentence would start at nexts[k]. A word's verdict is worked out once unless it ends in a
    digit: after a number it depends on the next word ("3. Oktober")."""
    verdicts = {
        w: _ends_after_word(text, w, n)
        for w, n in dict(zip(words, nexts, strict=True)).items()
        if not w[-1].isdigit()
    }
    return [
        verdicts[w] if w in verdicts else _ends_after_word(text, w, n)
        for w, n in zip(words, nexts, strict=True)
    ]


def _ends_after_word(text: str, token: str, nxt: int) -> bool:
    """Whether a full stop after a token (the text back to a space) ends a sentence; the next word
    starts at nxt."""
    word = (token.lstrip(_OPENERS) or token[-1]).lower()
    if word.isdigit() and len(word) <= 2:
        following = _NEXT_WORD.match(text, nxt)
        if following and following.group().lower() in _MONTHS:
            return False
    if word in _NON_FINAL or _INITIALISM.fullmatch(word) and len(word.replace(".", "")) <= 3 and "." in word:
        return False
    # A lone capital letter is an initial ("J. Smith"); a lone digit or lower-case letter is a list
    # marker or variable and does end the sentence only when a capital follows, which it does here.
    return not (len(word) == 1 and word.isalpha() and token[-1].isupper())
