"""Sentence splitting with character offsets: paragraphs, lines, abbreviations, quotes, many languages."""

from __future__ import annotations

import re
from itertools import starmap
from operator import sub
from typing import Literal

import numpy as np

from alignment import collector
from alignment.documents import paragraphs_of
from alignment.language import MONTH_VARIANTS, MONTHS
from alignment.language import NON_FINAL_ABBREVIATIONS as _NON_FINAL
from alignment.model import Sentence

SplitMode = Literal["sentences", "lines"]

# Month names after a day number with a dot ("3. Oktober"), which is a German-style ordinal date.
_MONTHS = frozenset(m for names in MONTHS.values() for m in names) | frozenset(MONTH_VARIANTS["german"])
_NEXT_WORD = re.compile(r"[^\W\d_]+")
# A sentence end: terminators, then closing quotes or brackets, then space (or a CJK end without space).
# A run of terminators is tried from its first character only, and its parts never give back what they
# took (possessive): otherwise every dot of "......" would rescan the rest of the run, quadratic in it.
# The whitespace after an end is taken too: where the end breaks, the next sentence starts past it.
_END = re.compile(
    r"""([.!?…‽。！？؟۔](?:(?<=[.!?…‽])(?<![.!?…‽]{2})[.!?…]*+[\"'”’»)\]]*+(?:[ \u00a0]++»)?(?=\s)"""
    r"""|(?<=[。！？؟۔])[。！？!?؟۔]*+[」』”’）)]*+))\s*+"""
)  # one leading character class lets the regex engine skip ahead fast
_OPENERS = "\"'“‘«(["
_OPENERS_ELSEWHERE = _OPENERS + "¿¡"
"""Marks that may open the next sentence: its case is read from the letter after one."""
_WORD_WINDOW = 40
"""How far back a terminator looks for the word it ends; no abbreviation or initialism is longer."""
_INITIALISM = re.compile(r"(?:\w\.)*\w", re.UNICODE)
_LINE = re.compile(r"[^\s](?:[^\n]*[^\s])?")
"""A line without the whitespace around it (lines of whitespace only are not lines)."""
_FINAL_PUNCT = frozenset(".!?…:;\"'”’»)]。！？")


def segment(text: str, mode: SplitMode = "sentences") -> tuple[Sentence, ...]:
    """Split a text into sentences (or non-empty lines) with offsets, in text order."""
    if mode not in ("sentences", "lines"):
        raise ValueError(f"unknown split mode {mode!r}")
    with collector.paused():  # millions of small objects for a book of short sentences, none cyclic
        return _segment(text, mode)


def _segment(text: str, mode: SplitMode) -> tuple[Sentence, ...]:
    """The sentences (or lines) of each paragraph in turn."""
    out: list[Sentence] = []
    verdicts: dict[str, bool] = {}
    for p, (start, end) in enumerate(paragraphs_of(text)):
        # A paragraph of one line is its one run (paragraphs come without the whitespace around them).
        if text.find("\n", start, end) < 0:
            runs = [(start, end)]
        else:
            runs = _runs(text, start, end, join_wrapped=mode == "sentences")
        for run_start, run_end in runs:
            # A run without a possible end inside is one sentence (runs come without outer whitespace).
            if mode == "lines" or not _END.search(text, run_start, run_end):
                out.append(Sentence(run_start, run_end, p))
            else:
                out += _sentences_in(text, run_start, run_end, p, verdicts)
    return tuple(out)


def _runs(text: str, start: int, end: int, join_wrapped: bool) -> list[tuple[int, int]]:
    """Spans of a paragraph's lines, joined where a line break only wraps a sentence."""
    lines = [m.span() for m in _LINE.finditer(text, start, end)]
    if not join_wrapped or len(lines) < 2:
        return lines
    hard_wrapped = _looks_hard_wrapped(text, lines)
    runs = [lines[0]]
    for a, b in lines[1:]:
        end_of_run = runs[-1][1]
        if text[end_of_run - 1] not in _FINAL_PUNCT and _continues(text, end_of_run, a, hard_wrapped):
            runs[-1] = (runs[-1][0], b)
        else:
            runs.append((a, b))
    return runs


def _looks_hard_wrapped(text: str, lines: list[tuple[int, int]]) -> bool:
    """True for a paragraph typed with line breaks at a fixed width (e-mail, plain-text books)."""
    if len(lines) < 3:
        return False
    widths = np.sort(-np.fromiter(starmap(sub, lines[:-1]), np.int64, len(lines) - 1))
    median = int(widths[len(widths) // 2])
    if not (40 <= median <= 100 and widths[-1] <= median * 1.3):
        return False
    unpunctuated = sum(text[b - 1] not in _FINAL_PUNCT for a, b in lines[:-1])
    return unpunctuated * 2 >= len(lines) - 1


def _continues(text: str, prev_end: int, next_start: int, hard_wrapped: bool) -> bool:
    """Whether the next line carries on the sentence the previous line left open (without final
    punctuation): in hard-wrapped text, or after a long line when it starts in lower case."""
    line_start = text.rfind("\n", 0, prev_end) + 1
    return hard_wrapped or (text[next_start].islower() and prev_end - line_start >= 40)


def _strip(text: str, a: int, b: int) -> tuple[int, int]:
    """Shrink a span to exclude surrounding whitespace."""
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


def _sentences_in(
    text: str, start: int, end: int, paragraph: int, verdicts: dict[str, bool]
) -> list[Sentence]:
    """The sentences inside one run of text (a line, or lines of one wrapped sentence).

    ``verdicts`` keeps whether a full stop after a word ends a sentence, for words whose verdict does
    not depend on what follows (nearly all: a book of short sentences asks millions of times)."""
    found: list[Sentence] = []
    pos = start
    # One pass, the common cases decided inline: a book of short sentences is millions of ends.
    for m in _END.finditer(text, start, end):
        nxt = m.end()
        if nxt >= end:
            break
        follower = text[nxt]
        if follower in _OPENERS_ELSEWHERE:
            follower = text[nxt + 1 : nxt + 2] or follower
        if follower.islower() or follower in ",;:":
            continue
        term = m.start()
        if text[term] == "." and term and not text[term - 1].isspace() and not text.startswith("...", term):
            token = _token_before(text, term)
            ends = verdicts.get(token)
            if ends is None:
                ends = _ends_after_word(text, token, nxt)
                if not token[-1].isdigit():  # after a number it depends on the next word ("3. Oktober")
                    verdicts[token] = ends
            if not ends:
                continue
        found.append(Sentence(pos, m.end(1), paragraph))
        pos = nxt
    a, b = _strip(text, pos, end)
    if a < b:
        found.append(Sentence(a, b, paragraph))
    return found


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


def _token_before(text: str, term_start: int) -> str:
    """What stands between the last space (at most _WORD_WINDOW back) and a terminator not after a space."""
    return text[max(0, term_start - _WORD_WINDOW) : term_start].rsplit(None, 1)[-1]
