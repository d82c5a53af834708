"""Sentence splitting with character offsets: paragraphs, lines, abbreviations, quotes, many languages."""

from __future__ import annotations

import re
from typing import Literal

import numpy as np

from alignment import collector
from alignment.arrays import run_offsets
from alignment.documents import paragraphs_of
from alignment.language import MONTH_VARIANTS, MONTHS
from alignment.language import NON_FINAL_ABBREVIATIONS as _NON_FINAL
from alignment.model import Sentence
from alignment.word_spans import CodeClasses, code_points, offset_type, runs

SplitMode = Literal["sentences", "lines"]

# Month names after a day number with a dot ("3. Oktober"), which is a German-style ordinal date.
_MONTHS = frozenset(m for names in MONTHS.values() for m in names) | frozenset(MONTH_VARIANTS["german"])
_NEXT_WORD = re.compile(r"[^\W\d_]+")
# A sentence end, read left to right, each search going on after the last end and its whitespace:
# - a mark of _LATIN_ENDS not right after another (a run of them is one end, tried from its first), the
#   run of _LATIN_MARKS after it, closing quotes or brackets, optionally spaces and "»" (« C'est fini. »),
#   then whitespace or the end of the line;
# - or a mark of _CJK_ENDS, the run of _CJK_MARKS after it and closing quotes or brackets: no space needed.
# The whitespace after an end is taken too: where the end breaks, the next sentence starts past it.
_LATIN_ENDS, _LATIN_MARKS, _LATIN_CLOSERS = ".!?…‽", ".!?…", "\"'”’»)]"
_CJK_ENDS, _CJK_MARKS, _CJK_CLOSERS = "。！？؟۔", "。！？!?؟۔", "」』”’）)"
_SPACES = " \u00a0"
"""What may stand between an end's marks and the "»" that closes it."""
_GUILLEMET = ord("»")
_SETS = (_LATIN_ENDS, _LATIN_MARKS, _LATIN_CLOSERS, _CJK_ENDS, _CJK_MARKS, _CJK_CLOSERS, _SPACES)
_IN_LATIN_ENDS, _IN_LATIN_MARKS, _IN_LATIN_CLOSERS = 1, 2, 4
_IN_CJK_ENDS, _IN_CJK_MARKS, _IN_CJK_CLOSERS, _IN_SPACES = 8, 16, 32, 64
"""Each of _SETS as a bit."""
_MARK_CHARS = "".join(_SETS[:-1])
"""The characters an end's marks are made of (spaces are found as whitespace)."""
_MARK_CODES = np.array(sorted(set(map(ord, "".join(_SETS)))), np.uint32)
_MARK_SETS = np.array(
    [sum(1 << k for k, chars in enumerate(_SETS) if chr(c) in chars) for c in _MARK_CODES.tolist()], np.uint8
)
"""Which of _SETS each of _MARK_CODES is in."""
_OPENERS = "\"'“‘«(["
_OPENERS_ELSEWHERE = _OPENERS + "¿¡"
"""Marks that may open the next sentence: its case is read from the letter after one."""
_WORD_WINDOW = 40
"""How far back a terminator looks for the word it ends; no abbreviation or initialism is longer."""
_INITIALISM = re.compile(r"(?:\w\.)*\w", re.UNICODE)
_FINAL_PUNCT = frozenset(".!?…:;\"'”’»)]。！？")
_SPACE, _LOWER, _FINAL, _OPENER, _CLAUSE, _MARK = 1, 2, 4, 8, 16, 32
"""What the splitter asks of a character, a bit each: whitespace, lower case, final punctuation (a line
that ends in it is not carried on by the next), a mark that may open a sentence, a clause mark, a
character a sentence end is made of (its marks, closing quotes and brackets)."""
_KINDS = CodeClasses(
    lambda c: (
        _SPACE * c.isspace()
        | _LOWER * c.islower()
        | _FINAL * (c in _FINAL_PUNCT)
        | _OPENER * (c in _OPENERS_ELSEWHERE)
        | _CLAUSE * (c in ",;:")
        | _MARK * (c in _MARK_CHARS)
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
    lookups of the runs before a position inside the arrays; 4 bytes each (a book has millions)."""
    starts, ends = runs((kind & _SPACE).view(bool))
    return _narrow(-2, starts, len(kind)), _narrow(-1, ends, len(kind))


def _narrow(first: int, offsets: np.ndarray, length: int) -> np.ndarray:
    """An offset and then offsets into a text of this length, in 4 bytes each if they fit."""
    narrowed = np.empty(len(offsets) + 1, offset_type(length))
    narrowed[0] = first
    narrowed[1:] = offsets
    return narrowed


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
    term, close, nxt = _ends(codes, kind, spaces, starts, ends)
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
    codes: np.ndarray,
    kind: np.ndarray,
    spaces: tuple[np.ndarray, np.ndarray],
    starts: np.ndarray,
    ends: np.ndarray,
) -> tuple[np.ndarray, ...]:
    """Where each sentence end inside a run of text (a line, or the lines of a wrapped sentence; the
    next sentence starts before the run's end) starts, where its marks end and where the next sentence
    starts, found as the regex of the comment at _LATIN_ENDS would, on the marks alone."""
    marks = _Marks(codes, kind)
    first = (marks.sets & (_IN_LATIN_ENDS | _IN_CJK_ENDS)) != 0
    after_latin = np.zeros(len(first), bool)
    after_latin[1:] = ((marks.sets[:-1] & _IN_LATIN_ENDS) != 0) & (np.diff(marks.at) == 1)
    latin = (marks.sets & _IN_LATIN_ENDS) != 0
    tried = first & ~(latin & after_latin)
    term, latin = marks.at[tried], latin[tried]
    run_end = ends[np.searchsorted(starts, term, "right") - 1]
    # A run ends before whitespace (or the text's end), so the marks after an end never cross it.
    close = np.where(latin, marks.run_end(term + 1, _IN_LATIN_MARKS), marks.run_end(term + 1, _IN_CJK_MARKS))
    close = np.where(latin, marks.run_end(close, _IN_LATIN_CLOSERS), marks.run_end(close, _IN_CJK_CLOSERS))
    before_space = close < run_end
    before_space[before_space] = (kind[close[before_space]] & _SPACE) != 0
    found = ~latin | before_space | (close == run_end)
    guillemet = np.flatnonzero(latin & before_space)
    if len(guillemet):
        spaced = close[guillemet]
        after = _space_end(spaces, spaced)  # inside the run: it ends before whitespace
        closes = (codes[after] == _GUILLEMET) & marks.only(spaced, after, _IN_SPACES)
        past = after + 1
        closes[past < run_end[guillemet]] &= (kind[past[past < run_end[guillemet]]] & _SPACE) != 0
        close[guillemet[closes]] = past[closes]
    term, close, run_end = term[found], close[found], run_end[found]
    nxt = np.minimum(_space_end(spaces, close), run_end)
    # Left to right: an end that starts inside the one before (its marks, its whitespace) is none.
    reach = np.maximum.accumulate(nxt)
    taken = np.ones(len(term), bool)
    taken[1:] = term[1:] >= reach[:-1]
    taken &= nxt < run_end
    return term[taken], close[taken], nxt[taken]


class _Marks:
    """The characters of a text that sentence ends are made of: where they stand and their _SETS."""

    def __init__(self, codes: np.ndarray, kind: np.ndarray) -> None:
        self.at = np.flatnonzero(kind & _MARK)
        self.sets = _MARK_SETS[np.searchsorted(_MARK_CODES, codes[self.at])]
        self._codes = codes

    def run_end(self, at: np.ndarray, bit: int) -> np.ndarray:
        """Where the run of characters of one set (a bit of _SETS) that starts at each position ends."""
        if not len(self.at):
            return at
        inside = (self.sets & bit) != 0
        goes_on = np.zeros(len(inside), bool)
        goes_on[:-1] = inside[:-1] & inside[1:] & (np.diff(self.at) == 1)
        last = np.flatnonzero(~goes_on)  # of each run of the set (or a mark outside it)
        k = np.minimum(np.searchsorted(self.at, at), len(self.at) - 1)
        starts_run = (self.at[k] == at) & inside[k]
        return np.where(starts_run, self.at[last[np.searchsorted(last, k)]] + 1, at)

    def only(self, lo: np.ndarray, hi: np.ndarray, bit: int) -> np.ndarray:
        """Whether every character in each [lo, hi) (none empty) is of one set (a bit of _SETS)."""
        lengths = hi - lo
        offsets = run_offsets(lengths)
        codes = self._codes[np.repeat(lo, lengths) + offsets]
        k = np.minimum(np.searchsorted(_MARK_CODES, codes), len(_MARK_CODES) - 1)
        outside = ((_MARK_SETS[k] & bit) == 0) | (_MARK_CODES[k] != codes)
        return np.add.reduceat(outside, np.cumsum(lengths) - lengths) == 0


def _space_end(spaces: tuple[np.ndarray, np.ndarray], at: np.ndarray) -> np.ndarray:
    """Where the whitespace that starts at each position ends (there, if it is not whitespace)."""
    space_starts, space_ends = spaces
    return np.maximum(space_ends[np.searchsorted(space_starts, at, "right") - 1], at)


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
