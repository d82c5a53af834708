"""Facts an editor must not lose — numbers, dates, names, quotations — each with a comparable value.

Extraction only: :mod:`alignment.checks` compares the facts of both sides.  Values are normalised so
that equivalent forms compare equal: ``thirty`` = ``30``, ``30%`` = ``30 percent``, ``$2m`` = ``2 million
dollars``, ``Aug. 8`` = ``August 8`` = ``8 August``; names compare by their words without titles,
possessives or hyphens (``President Vladimir Putin’s`` shares ``putin`` with ``Putin``).
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cache, lru_cache
from operator import attrgetter

import numpy as np
from rapidfuzz.distance import Indel

from alignment.characters import ALNUM, ALPHA, DECIMAL, classes, word_matches
from alignment.language import (
    DATE_FORMS,
    ENGLISH,
    MONTH_VARIANTS,
    MONTHS,
    NON_FINAL_ABBREVIATIONS,
    NOUN_MARKERS,
    NUMBERING_ABBREVIATIONS,
    NUMBERS,
    RELATIVE_DATES,
    TITLE_ABBREVIATIONS,
    TITLES,
    WEEKDAYS,
    WORD,
    Numbers,
    RelativeDates,
    fold,
    known,
    trie_pattern,
)
from alignment.model import Span
from alignment.word_spans import CodeClasses, code_points, runs

FactKind = str
"""One of ``number``, ``date``, ``name``, ``quotation``."""


@dataclass(frozen=True, slots=True)
class Fact:
    """One stated fact: where it stands, its words, and a value to compare."""

    kind: FactKind
    span: Span
    text: str
    value: tuple


# --- numbers and dates, by the rules of a language -------------------------------------------------

_CURRENCY = {
    "$": "$", "us$": "$", "dollar": "$", "dollars": "$", "dólar": "$", "dólares": "$", "usd": "$",
    "€": "€", "euro": "€", "euros": "€", "eur": "€", "£": "£", "pound": "£", "pounds": "£", "gbp": "£",
    "¥": "¥", "yen": "¥", "₽": "₽", "rouble": "₽", "roubles": "₽", "ruble": "₽", "rubles": "₽", "rub": "₽",
}  # fmt: skip
_ABBREVIATED = 3
"""Scale words this short are abbreviations ("2m", "5 bn", "3 Mio."), written with or without a space."""
# Precompiled: these run once per word or per character of a book.
_SENTENCE_GAP = re.compile(r"[.!?:]\W*\s|[“\"]\s*$|\n\s*\n")
_ABBREVIATION = re.compile(r"(?:[A-Z]\.)+[A-Z]?$|\b[A-Z]$|\b(?P<word>[A-Z][^\W\d_]*)$")
"""An initialism ("U.S"), an initial ("J"), or a capitalised word that may be an abbreviation ("Dr")."""
_BEFORE_CAPITALS = NON_FINAL_ABBREVIATIONS - NUMBERING_ABBREVIATIONS
"""Abbreviations whose stop ends no sentence before a capital word: not "No." ("She said No. Then…")."""
_BLANK = re.compile(r"[ \t]+|[ \t]*\n[ \t]*")
"""What may stand between two words of one name: spaces, or a line break that only wraps the line."""
# "the one", "no one", "each one": a pronoun, not a count.
_PRONOUN_ONE = re.compile(r"\b(?:the|this|that|no|any|each|every|some|which|a|another|every)\s+$", re.I)
_RELATIVE = re.compile(r",?\s+(?:who|whom|whose)\b", re.I)
"""After "one", a relative pronoun makes it a person ("One who sows"), not a count."""
_REL_WORDS = "last next this past coming previous early late mid earlier".split()
"""English words that place a date relative to today ("last week", "early May")."""
_REL = rf"(?:{'|'.join(_REL_WORDS)})"
_REL_NORMAL = {"past": "last", "previous": "last", "coming": "next", "earlier": "", "mid": "", "early": "",
               "late": ""}  # fmt: skip
_SIGNS = "0123456789$€£¥₽"
"""Characters that start a number: a digit or a currency sign."""
_NEVER = "(?!)"
"""A regex that matches nothing: a group one language's rules do without."""


@dataclass(frozen=True)
class _Rules:
    """The regexes and tables that read numbers and dates in one language."""

    numbers: Numbers
    months: dict[str, str]
    """Every spelling of a month (lower case, no dot) to its English name: values compare across forms."""
    weekdays: dict[str, str]
    number: re.Pattern[str]
    date: re.Pattern[str]
    parts: re.Pattern[str]
    """The words of a written number ("fünf", "und", "vierzig")."""
    anchor: re.Pattern[str]
    leads: frozenset[str]
    """What a fact starts with: a digit, a currency sign, a word (see ``anchor``)."""
    english: bool
    relative: RelativeDates
    language: str
    """The language whose rules these are (one with tables)."""


@cache
def _rules(language: str) -> _Rules:
    """The number and date rules of a language (English for one without tables)."""
    lang = known(language)
    english = lang == ENGLISH
    nums = NUMBERS[lang]
    months = {m: MONTHS[ENGLISH][i] for i, m in enumerate(MONTHS[lang])}
    if english:
        months |= {m[:3]: m for m in MONTHS[ENGLISH]}
    months |= {v: MONTHS[ENGLISH][n - 1] for v, n in MONTH_VARIANTS[lang].items() if v not in nums.units}
    weekdays = {d: WEEKDAYS[ENGLISH][i] for i, d in enumerate(WEEKDAYS[lang])}
    words = [*nums.units, *nums.hundreds, *nums.scales]
    spelled_words = [w for w in words if len(w) > _ABBREVIATED or w in nums.units]  # no abbreviation
    spelled = trie_pattern(spelled_words)
    part = trie_pattern([*words, *nums.joiners, *nums.inner])
    if nums.compounds:  # "fünfundvierzig": parts run together, one word
        written = rf"(?:{part})+"
    else:
        joiner = rf"(?:[\s-]+|\s+(?:{trie_pattern(nums.joiners)})\s+)"
        written = rf"(?:{spelled})(?:{joiner}(?:{trie_pattern([*words, *nums.inner])}))*"
    grouping = f"[{re.escape(nums.thousands)}]"
    mark = re.escape(nums.decimal)
    digits = rf"\d{{1,3}}(?:{grouping}\d{{3}})+(?:{mark}\d+)?|\d+(?:{mark}\d+)?"
    short = [w for w in nums.scales if len(w) <= _ABBREVIATED]
    long = [w for w in nums.scales if len(w) > _ABBREVIATED]
    percent = trie_pattern(nums.percent)
    currency = trie_pattern(k for k in _CURRENCY if k.isalpha())
    number = re.compile(
        rf"(?P<cur>US\$|[$€£¥₽])?\s?(?:(?P<digits>{digits})(?P<ord>st|nd|rd|th)?|(?P<written>\b{written}\b))"
        rf"(?:\s?(?P<abbr>{trie_pattern(short) or _NEVER})\b\.?|\s+(?P<scale>{trie_pattern(long)})\b)?"
        rf"(?:\s?(?P<pct>%|(?:{percent})\b)|\s+(?P<curword>{currency})\b)?",
        re.IGNORECASE,
    )
    forms = DATE_FORMS[lang]
    day = rf"\d{{1,2}}{forms.ordinal}"
    of = rf"(?:{forms.of}\s+)?" if forms.of else ""
    month = rf"(?:{trie_pattern(months)})\b\.?"
    rel = _REL if english else _NEVER
    after = rf"(?:\s+(?P<d2>{day})\b(?![,.]?\d))?" if forms.day_after else rf"(?P<d2>{_NEVER})?"

    relative = RELATIVE_DATES[lang]
    periods = trie_pattern(relative.periods)
    # A weekday placed as a period is ("nächsten Montag", "lundi dernier"); English has its own words.
    wrel = rel if english else trie_pattern(relative.before) or _NEVER
    wafter = _NEVER if english else trie_pattern(relative.after) or _NEVER
    ampm, noon = (r"[ap]\.m\.|[ap]m\b", "noon|midnight") if english else (_NEVER,) * 2
    date = re.compile(
        rf"(?:\b(?P<rel>{rel})[\s-]+)?"
        rf"(?:(?P<d1>\b{day})\s+{of})?(?P<month>{month}){after}(?:,?\s+{of}(?P<year>\d{{4}})\b)?"
        rf"|(?:\b(?P<wrel>{wrel})\s+)?\b(?P<weekday>{trie_pattern(weekdays)})s?\b(?:\s+(?P<warel>{wafter})\b)?"
        rf"|\b(?P<day>{trie_pattern(relative.days)})\b"
        rf"|\b(?P<prel>{trie_pattern(relative.before)})\s+(?P<period>{periods})\b"
        rf"|\b(?P<aperiod>{periods})\s+(?P<arel>{trie_pattern(relative.after) or _NEVER})\b"
        rf"|\b(?P<hour>\d{{1,2}})(?::(?P<minute>\d{{2}}))?\s*(?P<ampm>{ampm})"
        rf"|\b(?P<hh>[0-2]?\d):(?P<mm>[0-5]\d)\b"
        rf"|\b(?P<noon>{noon})\b"
        rf"|(?<![\d,.$€£])\b(?P<bareyear>1[5-9]\d\d|20\d\d)\b(?!\s?%|[,.]\d|\s+(?:{percent})\b)",
        re.IGNORECASE,
    )
    # A fact starts at a digit, a currency sign or one of these words, after a non-word character:
    # the regex is tried only where one may start (characters.word_matches).
    if english:  # besides months and weekdays: "last week", "yesterday", "noon"
        relatives = [*_REL_WORDS, *relative.days, "noon", "midnight"]
    else:
        relatives = [*relative.days, *relative.before, *(relative.periods if relative.after else ())]
    # A written number starts with a spelled word, unless number words run together ("fünfundvierzig"):
    # an abbreviated scale ("m", "bn") follows a number, and as an anchor it starts half the words.
    starting = words if nums.compounds else spelled_words
    cased = [*starting, *nums.inner, *relatives, "us$"]
    capitals = [*months, *weekdays]  # English months and weekdays count only capitalised
    anchors = {f for w in cased for f in (w, w.capitalize(), w.upper())}
    anchors |= {f for w in capitals for f in (w.capitalize(), w.upper(), *(() if english else (w,)))}
    # A word starting a fact ends there, but for a plural "s" ("Mondays"), unless number words run
    # together: then "fünf" starts "fünfundvierzig". (So "my" is no anchor for the scale "m".)
    tail = "" if nums.compounds else r"s?(?![^\W\d_])"
    leads = frozenset([*_SIGNS, *anchors])
    anchor = re.compile(rf"\W(?:[{_SIGNS}]|(?:{trie_pattern(anchors)}){tail})")
    parts = re.compile(part, re.I)
    return _Rules(nums, months, weekdays, number, date, parts, anchor, leads, english, relative, lang)


def _overlaps(taken: list[Span], a: int, b: int) -> bool:
    """Whether [a, b) overlaps any of the spans taken (sorted, not overlapping each other)."""
    i = bisect_right(taken, (a, _END))
    return (i > 0 and taken[i - 1][1] > a) or (i < len(taken) and taken[i][0] < b)


_END = 1 << 62
"""Greater than any offset: sorts a probe after every span starting at the same place."""


def _written_value(words: str, nums: Numbers, parts: re.Pattern[str]) -> int:
    """The integer a written number stands for ("two hundred and five" = 205, "fünfundvierzig" = 45)."""
    total = current = 0
    for w in parts.findall(words.lower()):
        if w in nums.units:
            current += nums.units[w]
        elif w in nums.hundreds:
            current = max(current, 1) * 100
        elif w in nums.times:
            current = max(current, 1) * nums.times[w]
        elif w in nums.scales:
            total += max(current, 1) * nums.scales[w]
            current = 0
    return total + current


def _number_value(text: str, m: re.Match[str], rules: _Rules) -> Fact | None:
    """The number a match states, None for a false hit (inside a word, "the one", an article)."""
    a, b = m.start(), m.end()
    a += len(m.group(0)) - len(m.group(0).lstrip())
    stated = m.group("digits", "written", "abbr", "scale", "pct", "cur", "curword")
    if stated[0]:
        prev = text[a - 1] if a > 0 else " "
        if prev.isalpha() or (prev in ".," and a > 1 and text[a - 2].isdigit()):
            return None
    elif stated[1].lower() == "one" and (
        _PRONOUN_ONE.search(text[max(0, a - 12) : a]) or _RELATIVE.match(text, b)
    ):
        return None
    value = _stated_value(rules.language, stated)
    return None if value is None else Fact("number", (a, b), text[a:b], value)


@lru_cache(maxsize=1 << 14)  # a book states the same numbers again and again
def _stated_value(language: str, stated: tuple[str | None, ...]) -> tuple | None:
    """The unit and value of a number from its groups (digits or words, scale, percent, currency), None
    for an article ("un", "ein") or a figure that is none."""
    digits, written, abbr, scale, pct, cur, curword = stated
    rules = _rules(language)
    nums = rules.numbers
    if digits:
        figure = digits.translate(str.maketrans("", "", nums.thousands)).replace(nums.decimal, ".")
        try:
            value = Decimal(figure)
        except InvalidOperation:
            return None
    else:
        words = written.lower()
        if words in nums.inner or words in nums.joiners:
            return None  # "un", "ein" alone: an article
        value = Decimal(_written_value(words, nums, rules.parts))
    if abbr or scale:
        value *= nums.scales[(abbr or scale).lower()]
    unit = ""
    if pct:
        unit = "%"
    elif cur or curword:
        unit = _CURRENCY[(cur or curword).lower()]
    return (unit, value.normalize())


def _rel(word: str | None) -> str | None:
    """A relative qualifier in one canonical spelling, None when absent or merely approximate."""
    if not word:
        return None
    w = word.lower()
    return _REL_NORMAL.get(w, w) or None


def _day(text: str | None) -> int | None:
    """The day of the month written as "8", "8th", "8.", "1er"."""
    return int(re.match(r"\d+", text).group(0)) if text else None


_PREVIOUS_WORD = re.compile(r"([^\W\d_]+)\W*$")
"""The word before a place, across the spaces and marks between."""


def _date_value(m: re.Match[str], rules: _Rules) -> tuple | None:
    """The comparable value of one date match, None for a false hit ("may" as a verb)."""
    if m.group("month"):
        word = m.group("month").rstrip(".").lower()
        if rules.english and m.group("month")[0].islower():
            return None
        month = rules.months[word]
        if rules.english and month == "may" and not (m.group("d1") or m.group("d2") or m.group("year")):
            return None  # "May" alone is more often the verb than the month.
        return ("month", month, _day(m.group("d1") or m.group("d2")),
                int(m.group("year")) if m.group("year") else None, _rel(m.group("rel")))  # fmt: skip
    if m.group("weekday"):
        if rules.english and m.group("weekday")[0].islower():
            return None
        word = m.group("weekday").lower()
        if rules.english:
            qualifier = _rel(m["wrel"])
        else:
            qualifier = rules.relative.before[m["wrel"].lower()] if m["wrel"] else None
            qualifier = rules.relative.after[m["warel"].lower()] if m["warel"] else qualifier
        return ("weekday", rules.weekdays.get(word) or rules.weekdays[word[:-1]], qualifier)
    relative = rules.relative
    if m.group("day"):
        before = _PREVIOUS_WORD.search(m.string, max(0, m.start() - _BEFORE_REACH), m.start())
        if before is not None and before[1].casefold() in relative.nouns_after:
            return None  # "la mañana", "am Morgen": a time of day
        return ("day", relative.days[m.group("day").lower()])
    if m.group("period") or m.group("aperiod"):
        qualifier = relative.before[m["prel"].lower()] if m["period"] else relative.after[m["arel"].lower()]
        return ("period", qualifier, relative.periods[(m["period"] or m["aperiod"]).lower()])
    if m.group("hour"):
        hour = int(m.group("hour")) % 12 + (12 if m.group("ampm").lower().startswith("p") else 0)
        return ("time", hour, int(m.group("minute") or 0))
    if m.group("hh"):
        return ("time", int(m.group("hh")), int(m.group("mm")))
    if m.group("noon"):
        return ("time", 12 if m.group("noon").lower() == "noon" else 0, 0)
    return ("year", int(m.group("bareyear")))


def dates_compatible(a: tuple, b: tuple) -> bool:
    """Whether two date values can state the same date: same fields wherever both give one."""
    if a[0] != b[0]:
        return a[0] in ("month", "year") and b[0] in ("month", "year") and _year(a) == _year(b) is not None
    return all(x == y or x is None or y is None for x, y in zip(a, b, strict=True))


def _year(value: tuple) -> int | None:
    """The year a month or year value names."""
    return value[1] if value[0] == "year" else value[3]


# --- names -----------------------------------------------------------------------------------------

_INNER = "_’'-"
"""Characters that continue a word besides letters and digits."""
_NAME_REST = rf"[\w{re.escape(_INNER)}]*"
"""The rest of a name's word after its first letter."""
_WORD = re.compile(r"[^\W\d_](?:(?<=[A-Z])\.(?:[A-Z]\.)+|" + _NAME_REST + ")")
"""An initialism ("U.S.") or a word; one leading character class: a page of marks is skipped at C speed."""
_OPENERS = "“‘\"'([«„‹»›"
_CLOSERS = ".,;:!?)]»”’"
_TITLES = TITLES | {"the"}
"""Words a name is known without: its titles, and an article ("The Hague" is Hague)."""
_NOT_NAMES = TITLE_ABBREVIATIONS | set("i a o oh yes no yea nay please well okay ok".split())
"""Capitalised words that are no name alone: abbreviated titles, interjections."""
_HEADLINE_LOWER = frozenset(
    {"a", "an", "the", "and", "or", "but", "nor", "of", "in", "on", "at", "to", "for", "from", "by", "with"}
    | {"as", "amid", "over", "into", "after", "vs"}
)
_CONNECTORS = frozenset({"of", "de", "von", "van", "al", "bin", "da", "del", "la"})


@dataclass(frozen=True, slots=True)
class Casing:
    """How both documents write their words: capitalised mid-sentence, in lower case, as nouns.

    What tells a name from a word that only starts a sentence (the stems and function words of a
    language are :class:`alignment.tokens.Lexicon`'s).
    """

    capitalised: frozenset[str]
    lower: frozenset[str]
    nouns: frozenset[str] = frozenset()
    """Capitalised words read as common nouns: in German, those seen after an article."""

    def is_name(self, word: str, initial: bool) -> bool:
        """Whether a capitalised word reads as (part of) a name at this place in a sentence."""
        key = word.casefold()
        if not word[0].isupper() or key in _NOT_NAMES or key in self.nouns or _month_or_day(key):
            return False
        if word.isupper() and len(word) > 1:
            return True  # an acronym: "NATO", "U.S."
        known = key in self.capitalised and key not in self.lower
        return known or (not initial and key not in self.lower)


def _month_or_day(key: str) -> bool:
    """Whether a word names an English month or weekday: one the date rules left alone ("May" alone).

    Other languages' month and weekday names are always read as dates, which no name overlaps.
    """
    rules = _rules(ENGLISH)
    key = key.rstrip(".")
    return key in rules.months or key in rules.weekdays or key.rstrip("s") in rules.weekdays


def _char_class(test: Callable[[str], bool]) -> str:
    """A regex character class of the code points (Basic Multilingual Plane) that pass a test."""
    chars = [c for c in map(chr, range(0x10000)) if test(c)]
    runs: list[list[str]] = []
    for c in chars:
        if runs and ord(c) == ord(runs[-1][-1]) + 1:
            runs[-1].append(c)
        else:
            runs.append([c])
    return "[" + "".join(re.escape(r[0]) + ("-" + re.escape(r[-1]) if len(r) > 1 else "") for r in runs) + "]"


# One leading character class lets the regex engine skip every other character at C speed.
_UPPER = _char_class(str.isupper)
"""The capital letters (of the Basic Multilingual Plane) as one character class."""
_LETTER = re.compile(r"[^\W\d_]")
_ADJECTIVES = 2
"""Lower-case words (adjectives) that may stand between a noun marker and its noun: "die zwei neuen"."""
_PHRASE_BEFORE = re.compile(rf"(?:[^\W_]{_NAME_REST}\s+){{0,{_ADJECTIVES}}}[^\W_]{_NAME_REST}$")
"""The words right before a capitalised one, separated by blanks only: a noun marker and adjectives."""
_BEFORE_REACH = 40
"""Characters looked back for the word before a capitalised one: longer than nearly every word."""
_PHRASE_REACH = _BEFORE_REACH * (_ADJECTIVES + 1)
"""Characters looked back for the words of :data:`_PHRASE_BEFORE`."""


@dataclass(frozen=True, slots=True)
class Capitals:
    """A text's capitalised words by sentence, found in one pass, and every word it writes in lower case."""

    text: str
    spans: Sequence[Span]
    words: list[str]
    """The capitalised words as written (cut at the end of their sentence), in text order."""
    places: np.ndarray
    """For each word: start, end, and the index of its sentence."""
    initial: np.ndarray
    """For each word: whether it starts a sentence (or an inner one, or a quotation)."""
    marked: np.ndarray
    """For each word: whether a noun marker ("die") stands right before it: then it is a common noun."""
    codes: np.ndarray
    """The text's code points, read once for the passes over it."""
    lower: frozenset[str]
    language: str = ENGLISH
    tokens: frozenset[str] = frozenset()
    """The distinct runs of non-space the text is made of: each of its words stands in one."""


def capitals(text: str, spans: Sequence[Span], language: str = ENGLISH) -> Capitals:
    """The capitalised words of a text's sentences (spans sorted, not overlapping), in one pass.

    The common places of a word are read for all words at once from the few characters before
    each (one space after a word; the start of its sentence); the others one by one (:func:`_place`).
    """
    tokens = frozenset(text.split())
    distinct = _WORD.findall(" ".join(tokens))  # every distinct word: no word holds a space
    lower = frozenset(w.casefold() for w in distinct if w[0].islower())
    codes = code_points(text)
    kind = _NAME_CLASSES(codes)
    name_runs = runs((kind & _NAME_CHAR) != 0)  # the runs of a name's characters: a word stands in each
    a, b = _capitalised(text, codes, kind, name_runs)
    bounds = np.fromiter(itertools.chain.from_iterable(spans), np.int64, 2 * len(spans)).reshape(-1, 2)
    k = np.searchsorted(bounds[:, 1], a, "right")
    inside = k < len(bounds)
    a, b, k = a[inside], b[inside], k[inside]
    inside = a >= bounds[k, 0]
    a, b, k = a[inside], b[inside], k[inside]
    gap, initial = _places(codes, text, a, bounds[k, 0])
    kept = gap >= 0  # not a capital continuing a word ("iPhone")
    a, k, gap, initial = a[kept], k[kept], gap[kept], initial[kept]
    b = np.minimum(b[kept], bounds[k, 1])
    unsure = np.unique(k[~initial])  # a headline's words all start it: no capital there says "name"
    unsure = unsure[~_lower_word_in(kind, name_runs, bounds[unsure])]
    titled = [_headline(text, *spans[s]) for s in unsure.tolist()]
    initial |= np.isin(k, unsure[np.array(titled, bool)])
    marked = np.zeros(len(a), bool)
    if markers := NOUN_MARKERS.get(language, frozenset()):
        for i, (g, s) in enumerate(zip(gap.tolist(), k.tolist(), strict=True)):
            marked[i] = _noun_marked(text, max(spans[s][0], g - _PHRASE_REACH), g, markers)
    words = [text[x:y] for x, y in zip(a.tolist(), b.tolist(), strict=True)]
    places = np.stack((a, b, k), 1)
    return Capitals(text, spans, words, places, initial, marked, codes, lower, language, tokens)


def _noun_marked(text: str, start: int, end: int, markers: frozenset[str]) -> bool:
    """Whether the words ending at ``end`` mark a common noun: a noun marker or a count ("3 Wochen"),
    with at most a few lower-case words after it, right before the capitalised word."""
    phrase = _PHRASE_BEFORE.search(text, start, end)
    for word in reversed(phrase.group().split() if phrase else ()):
        if word.casefold() in markers or word.isdigit():
            return True
        if not word[0].islower():
            return False
    return False


def _capitalised(
    text: str, codes: np.ndarray, kind: np.ndarray, words: tuple[np.ndarray, np.ndarray]
) -> tuple[np.ndarray, np.ndarray]:
    """Start and end (int64) of each capitalised word, as ``finditer`` of a capital and then an initialism's
    letters or the rest of a name's word finds them: ``[A-Z](?:(?<=[A-Z])\\.(?:[A-Z]\\.)+|[\\w_’'-]*)``.

    A word runs on over a name's characters from the first capital among them; a capital alone before a
    full stop may start an initialism ("U.S."), which takes in the capitals of its other letters.
    """
    starts, ends = words
    capitals = np.flatnonzero(kind & _CAPITAL)
    run = np.searchsorted(starts, capitals, "right") - 1  # a capital is a name's character
    first = np.diff(run, prepend=-1) != 0
    a, b = capitals[first].astype(np.int64), ends[run[first]].astype(np.int64)
    alone = (b == a + 1) & (b < len(codes)) & (codes[np.minimum(b, len(codes) - 1)] == ord("."))
    spans: list[Span] = []
    for x in a[alone].tolist():
        if (not spans or x >= spans[-1][1]) and (m := _INITIALISM.match(text, x)) is not None:
            spans.append(m.span())
    if not spans:
        return a, b
    x, y = np.array(spans, np.int64).T
    i = np.maximum(np.searchsorted(x, a, "right") - 1, 0)
    inner = (a > x[i]) & (a < y[i])
    b[np.searchsorted(a, x)] = y
    return a[~inner], b[~inner]


_NAME_CHAR, _CAPITAL, _NOT_LOWER, _HEADLINE_INITIAL = 1, 2, 4, 8
_NAME_CLASSES = CodeClasses(
    lambda c: _NAME_CHAR * (c.isalnum() or c in _INNER) | _CAPITAL * (c.isupper() and c <= "\uffff")
    | _NOT_LOWER * (c.isupper() or c > "\uffff" or c.isdecimal() or c in _INNER)
    | _HEADLINE_INITIAL * any(w[0] == c for w in _HEADLINE_LOWER)
)  # fmt: skip
"""A bit each: whether a character goes on a name's word; whether it is a capital of :data:`_UPPER`;
whether a word starting with it starts in no lower case for :data:`_TITLE_CASE` (a capital, a digit,
an apostrophe); whether an article or a preposition of a headline starts with it."""
_INITIALISM = re.compile(r"(?:[A-Z]\.){2,}")


def _places(codes: np.ndarray, text: str, a: np.ndarray, start: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For capitals at ``a`` in sentences from ``start``: where the gap before each starts (-1 where it
    continues a word), and whether it starts a sentence, as :func:`_place` finds them.

    A word right after a letter, or after a few blanks and commas after a word, or near its
    sentence's start, is placed here at once; any other is left to :func:`_place`.
    """
    steps = np.arange(1, _GAP_REACH + 1)
    back = a[:, None] - steps  # the characters before each capital, nearest first
    chars = codes[np.maximum(back, 0)]
    flags = classes(chars)
    flags[back < 0] = 0
    in_sentence = back >= start[:, None]
    name = ((flags & ALNUM) != 0) | (np.isin(chars, _INNER_CODES) & (back >= 0))  # a name's word goes on
    # The nearest character of a word before each capital within its sentence, if any is near.
    near = name & in_sentence
    step = np.where(near.any(1), near.argmax(1) + 1, _GAP_REACH + 1)
    at_start = a - start < step  # no word's character between the sentence's start and the capital
    g = np.where(at_start, start, a - step + 1)
    # After a gap of blanks and commas that ends a letter: within a sentence, not at its start.
    word_end = flags[np.arange(len(a)), np.minimum(step, _GAP_REACH) - 1]
    after_letter = (step > 1) & (step <= _GAP_REACH) & ((word_end & (ALNUM | DECIMAL)) == ALNUM)
    marks = (np.isin(chars, _GAP_MARKS) & (steps < step[:, None])).any(1)
    mid_sentence = after_letter & ~marks
    decided = (at_start | mid_sentence) & ~name[:, 0]  # right after a word's character: may continue it
    continued = name[:, 0] & ((flags[:, 0] & ALPHA) != 0)
    g[continued] = -1
    # A short gap with a mark after a letter ("said, “Go"): a book writes a few such gaps, each read once.
    marked = after_letter & marks & ~at_start
    for i, x, y in zip(np.flatnonzero(marked).tolist(), g[marked].tolist(), a[marked].tolist(), strict=True):
        at_start[i] = _gap_ends_sentence(text[x:y]) and not _abbreviation(text, x)
    for i in np.flatnonzero(~decided & ~continued & ~marked).tolist():
        placed = _place(text, int(a[i]), int(start[i]))
        g[i], at_start[i] = placed if placed is not None else (-1, False)
    return g, at_start


def _place(text: str, a: int, start: int) -> tuple[int, bool] | None:
    """Where the gap before the capital at ``a`` starts and whether the word starts a sentence
    (or an inner one, or a quotation); None if it continues a word begun before it."""
    prev = text[a - 1] if a else " "
    if (prev.isalnum() or prev in _INNER) and _continues(text, a):
        return None
    g = a  # where the gap before the word starts: the end of the word before
    while g > start and not (text[g - 1].isalnum() or text[g - 1] in _INNER):
        g -= 1
    if g == start or _LETTER.search(text, start, g) is None:
        return g, True
    return g, _SENTENCE_GAP.search(text, g, a) is not None and not _abbreviation(text, g)


_GAP_REACH = 4
"""Characters read before each capital at once: one word's end and a blank or two ("said, Let")."""
_INNER_CODES = np.array([ord(c) for c in _INNER], np.uint32)
_GAP_MARKS = np.array([ord(c) for c in '.!?:“"\n'], np.uint32)
"""The characters without which a gap between two words ends no sentence (see ``_SENTENCE_GAP``)."""


def _continues(text: str, a: int) -> bool:
    """Whether the capital at ``a`` continues a word begun before it ("McDonald", "iPhone")."""
    i = a
    while i > 0 and (text[i - 1].isalnum() or text[i - 1] in _INNER):
        i -= 1
        if text[i].isalpha():
            return True
    return False


def _lower_word_in(kind: np.ndarray, words: tuple[np.ndarray, np.ndarray], bounds: np.ndarray) -> np.ndarray:
    """For sentences (bounds: rows of start and end), whether a word in lower case that no headline writes so
    stands in them: one that starts as no article or preposition does, or is longer than any.

    Such a word stops :data:`_TITLE_CASE`, and a book's sentences nearly all hold one: only the others
    are read by :func:`_headline`.
    """
    starts, ends = words
    first = kind[starts]
    unlike = ((first & _HEADLINE_INITIAL) == 0) | (ends - starts > _HEADLINE_LONGEST)
    lower = ((first & _NOT_LOWER) == 0) & unlike
    starts, ends = starts[lower], ends[lower]
    if not len(starts):
        return np.zeros(len(bounds), bool)
    # Words do not overlap: the first starting in a sentence stands in it if it ends there, or none does.
    i = np.searchsorted(starts, bounds[:, 0])
    return (i < len(starts)) & (ends[np.minimum(i, len(ends) - 1)] <= bounds[:, 1])


def _headline(text: str, start: int, end: int) -> bool:
    """Whether a sentence is a headline in title case: then no word's capital says it is a name."""
    if _TITLE_CASE.match(text, start, end).end() < end:
        return False  # a word in lower case, other than an article or a preposition
    words = 0
    for m in _WORD.finditer(text, start, end):
        w = m.group()
        if not (w[0].isupper() or w in _HEADLINE_LOWER):
            return False
        words += 1
    return words >= _HEADLINE_WORDS


_HEADLINE_LONGEST = max(map(len, _HEADLINE_LOWER))
_HEADLINE_WORDS = 3
"""Fewer capitalised words ("Naomi wept.") are as likely a short sentence as a headline."""
_TITLE_CASE = re.compile(
    rf"(?:[^\w{re.escape(_INNER)}]|[\d{re.escape(_INNER)}]|(?:[A-Z]\.){{2,}}"
    rf"|(?:{_UPPER}|[\U00010000-\U0010ffff]){_NAME_REST}"
    rf"|(?:{'|'.join(sorted(_HEADLINE_LOWER))})(?![\w{re.escape(_INNER)}]))*"
)
"""Text read as :func:`_headline` reads its words, up to the first that starts in lower case and is
no article or preposition (a word beyond the Basic Multilingual Plane is left to the full reading)."""


def _abbreviation(text: str, end: int) -> bool:
    """Whether the word ending here is an abbreviation whose full stop ends no sentence ("U.S.", "Dr.")."""
    if text[end : end + 1] != ".":
        return False
    tail = text[max(0, end - 12) : end]  # an abbreviation is short: never scan the text before it
    m = _ABBREVIATION.search(tail)
    return m is not None and (m["word"] is None or m["word"].casefold() in _BEFORE_CAPITALS)


@lru_cache(maxsize=1 << 10)
def _gap_ends_sentence(gap: str) -> bool:
    """Whether a short gap between two words may end a sentence (see :func:`_place`)."""
    return _SENTENCE_GAP.search(gap) is not None


def casing_of(documents: Iterable[Capitals]) -> Casing:
    """Learn, from documents' capitalised words, which words are capitalised mid-sentence.

    In a language that capitalises nouns, a capitalised word ever seen right after an article or a
    determiner ("die Bauarbeiten") is a common noun, not a name.
    """
    capitalised: set[str] = set()
    lower: set[str] = set()
    nouns: set[str] = set()
    for doc in documents:
        lower |= doc.lower
        capitalised.update(map(str.casefold, itertools.compress(doc.words, (~doc.initial).tolist())))
        nouns.update(map(str.casefold, itertools.compress(doc.words, doc.marked.tolist())))
    return Casing(frozenset(capitalised), frozenset(lower), frozenset(nouns))


@lru_cache(maxsize=1 << 14)  # a book repeats its names, and its renames' checks read them again
def name_words(name: str) -> tuple[str, ...]:
    """The words that identify a name: lower case, no titles, possessives or hyphens."""
    words = [re.sub(r"['’]s?$|\.", "", w) for w in re.split(r"[\s\-–]+", name.casefold()) if w]
    return tuple(w for w in words if w and w not in _TITLES and w not in _CONNECTORS) or tuple(words)


_BLANKS = np.array([ord(c) for c in " \t\n"], np.uint32)
_JOINS_ON = np.array(sorted({*_BLANKS.tolist(), *(ord(w[0]) for w in _CONNECTORS)}), np.uint32)
"""What stands second in a join (a blank, a connector's first letter), or first in a join of one blank."""
_JOIN = re.compile(rf"(?:{_BLANK.pattern})(?:(?:{'|'.join(sorted(_CONNECTORS))})(?:{_BLANK.pattern}))?")
"""What joins two capitalised words into one name: a blank, or one connector ("Bank of England")."""


def _names(doc: Capitals, casing: Casing, taken: list[Span], out: list[list[Fact]]) -> None:
    """Runs of capitalised words that read as names (people, places, organisations), by sentence.

    A run starts at a word that reads as a name; a capitalised word that alone is none ("Central")
    continues a run it joins in mid-sentence ("Syrian Central Bank"); a word inside a date or number
    taken ends the run.
    """
    text, words = doc.text, doc.words
    if not words:
        return
    a, b, k = doc.places.T
    # A book repeats its words: each is judged once, at a sentence's start and in mid-sentence.
    distinct = list(dict.fromkeys(words))
    ids = np.fromiter(map({w: i for i, w in enumerate(distinct)}.__getitem__, words), np.int64, len(words))
    keys = [w.casefold() for w in distinct]
    at_start = np.array([casing.is_name(w, True) for w in distinct], bool)
    inside = np.array([casing.is_name(w, False) for w in distinct], bool)
    name = np.where(doc.initial, at_start[ids], inside[ids])
    joins = np.array([key not in _NOT_NAMES and key not in casing.nouns for key in keys], bool)
    joining = joins[ids] & ~doc.initial
    connector = np.array([key in _CONNECTORS for key in keys], bool)[ids]
    if taken:
        spans = np.array(taken, np.int64)
        t = np.searchsorted(spans[:, 1], a, "right")
        free = ~((t < len(spans)) & (spans[np.minimum(t, len(spans) - 1), 0] < b))
    else:
        free = np.ones(len(words), bool)
    name &= free
    joining &= free
    # Whether each word stands right after the word before, in its sentence, with a blank between
    # (or one connector: "Bank of England"): read only where both could be part of one name.
    adjacent = np.zeros(len(words), bool)
    either = name | joining
    pairs = np.flatnonzero(either[1:] & either[:-1] & (k[1:] == k[:-1]))
    # A blank starts every join, and a blank or a connector goes on from there: other gaps join nothing.
    first, second = doc.codes[b[pairs]], doc.codes[np.minimum(b[pairs] + 1, a[pairs + 1] - 1)]
    spaced = (a[pairs + 1] - b[pairs] == 1) & (first == ord(" "))
    adjacent[pairs + 1] = spaced
    others = pairs[~spaced & np.isin(first, _BLANKS) & np.isin(second, _JOINS_ON)]
    adjacent[others + 1] = [
        _JOIN.fullmatch(text, end, start) is not None
        for end, start in zip(b[others].tolist(), a[others + 1].tolist(), strict=True)
    ]
    # A word is in a run if it is a name, or joins one standing right before it.
    joining &= adjacent & ~name
    index = np.arange(len(words))
    last_name = np.maximum.accumulate(np.where(name, index, -1))
    last_break = np.maximum.accumulate(np.where(name | joining, -1, index))
    in_run = (name | joining) & (last_name > last_break)
    goes_on = np.zeros(len(words), bool)
    goes_on[1:] = in_run[1:] & in_run[:-1] & adjacent[1:]
    firsts = np.flatnonzero(in_run & ~goes_on)
    lasts = np.flatnonzero(in_run & ~np.append(goes_on[1:], False))
    # A run ends at its last word that is no connector ("Bank of" is "Bank"); one of connectors is none.
    lasts = np.maximum.accumulate(np.where(connector, -1, index))[lasts]
    firsts, lasts = firsts[lasts >= firsts], lasts[lasts >= firsts]
    spans = list(zip(a[firsts].tolist(), b[lasts].tolist(), strict=True))
    found = [text[x:y] for x, y in spans]
    facts = map(Fact, itertools.repeat("name"), spans, found, map(name_words, found))
    for s, fact in zip(k[firsts].tolist(), facts, strict=True):
        out[s].append(fact)


@lru_cache(maxsize=1 << 14)  # a book repeats its renames thousands of times (Jehovah → Yahweh)
def spelled_alike(a: str, b: str) -> bool:
    """Whether two names differ only in spelling: hyphens, accents, transliteration (Kyiv, Kiev).

    Two spellings are alike when their letters are the same, when their consonants are the same
    and most letters agree, or when nearly all letters agree and the lengths differ by one at most.
    """
    x, y = _letters(a), _letters(b)
    if x == y:
        return True
    if not x or not y or x[0] != y[0]:
        return False
    similarity = Indel.normalized_similarity(x, y)
    if _consonants(x) == _consonants(y):
        return similarity >= _SAME_CONSONANTS
    return similarity >= _NEARLY_SAME and abs(len(x) - len(y)) <= 1


_SAME_CONSONANTS = 0.7
"""Letters two spellings with the same consonants must share (Kyiv, Kiev: 0.75; Tom, Tim: 0.67)."""
_NEARLY_SAME = 0.85
"""Letters two spellings with other consonants must share (Defense, Defence: 0.86; Iran, Iraq: 0.75)."""


def _letters(name: str) -> str:
    """A name's letters only, lower case, without accents."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    return "".join(ch for ch in decomposed if ch.isalpha() and not unicodedata.combining(ch))


def _consonants(letters: str) -> str:
    """The consonants of a spelling, doubled ones once: what transliterations keep ("kv" of Kyiv)."""
    out = re.sub(r"[aeiouyhw]", "", letters)
    return re.sub(r"(.)\1+", r"\1", out)


def names_match(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Whether two names share a word, allowing derived forms ("Russia" and "Russian")."""
    return any(same_word(x, y) for x in a for y in b)


class Vocabulary:
    """The words of a text, looked up as they are or in a derived form, each in logarithmic time."""

    def __init__(self, words: Iterable[str]) -> None:
        self._words = frozenset(words)
        self._sorted: list[str] | None = None
        """The words in order, sorted at the first lookup of a derived form: most lookups need none."""

    def mentions(self, name: tuple[str, ...]) -> bool:
        """Whether any word of a name occurs here, itself or derived ("Russia" for "Russian")."""
        if any(x in self._words for x in name):
            return True
        if self._sorted is None:
            self._sorted = sorted(self._words)
        words = self._sorted
        for x in name:
            # Derived forms share their first five letters (see same_word): only those are compared.
            head = x[:_DERIVED]
            i = bisect_left(words, head) if len(head) == _DERIVED else len(words)
            while i < len(words) and words[i].startswith(head):
                if same_word(x, words[i]):
                    return True
                i += 1
        return False


def vocabulary(doc: Capitals) -> Vocabulary:
    """Every word of a document as :func:`quotation_words` reads it, from its distinct runs of non-space."""
    return Vocabulary(quotation_words(" ".join(doc.tokens)))


def same_word(x: str, y: str) -> bool:
    """Equal words, or one a close derivation of the other ("ukraine", "ukrainian")."""
    if x == y:
        return True
    n = 0
    for p, q in zip(x, y, strict=False):
        if p != q:
            break
        n += 1
    return n >= _DERIVED and n >= 0.8 * min(len(x), len(y))


_DERIVED = 5
"""Letters a derived form shares with its word at least, from the start."""


def may_mention(folded: str, name: tuple[str, ...]) -> bool:
    """Whether a text, casefolded with one kind of apostrophe, may hold a word of a name or a derived form.

    Each such word stands in it with the word's first letters: a quick test before its words are read.
    """
    return any(x[:_DERIVED] in folded for x in name)


# --- quotations ------------------------------------------------------------------------------------


def quotation_words(text: str) -> tuple[str, ...]:
    """The words of a quotation, in lower case with one kind of apostrophe: what "verbatim" compares."""
    return tuple(WORD.findall(fold(text)))


_CLOSED_BY = {"”": "“„", "“": "„", "»": "«", "«": "»", "›": "‹", "‹": "›", "‘": "‚"}
"""Closing quotation marks and the opening ones each closes: English “…”, German „…“, ‚…‘ and
»…«, French and Spanish «…» and ‹…›.  A double mark that closes nothing open opens a quotation."""
_SINGLE = "‘'‚"
"""Single marks that open a quotation before a word: English ‘…’, German ‚…‘."""
_OPENING = frozenset("“„«»‹›")
_QUOTE_MARKS = "“”„«»‹›\"‘’'‚"
_RUNS = {c: re.compile(re.escape(c) + "+") for c in _QUOTE_MARKS}
"""A run of one mark: once a step of it changes nothing, the rest of the run is skipped at once."""
_PAIRED = {"“": "”", "„": "”“", "«": "»", "»": "«", "‹": "›", "›": "‹", '"': '"'}
"""The marks that close an opening one when nothing else is open and no other mark stands between."""
_REOPENING = frozenset('“"„«»')
"""Marks that reopen a quotation at the start of a paragraph: the one running on ends at the break."""
_SHORT = 80
"""Quotations this short have their words read once per text (a few kept per line of text at most)."""
_DEPTH = 8
"""Quotations nested deeper than this are not read: real text nests two or three, and a page of
opening marks would otherwise make every quotation hold the rest of the text."""
_SPACE, _OPENER, _CLOSER, _ALNUM, _MARK, _REOPENER = (1 << b for b in range(6))
_AROUND = CodeClasses(
    lambda c: _SPACE * c.isspace() | _OPENER * (c in _OPENERS) | _CLOSER * (c in _CLOSERS)
    | _ALNUM * c.isalnum() | _MARK * (c in _QUOTE_MARKS) | _REOPENER * (c in _REOPENING)
)  # fmt: skip
"""What the quotation reader asks of a character, a bit each."""
_AFTER_OPENER, _BEFORE_FREE, _BEFORE_SPACE, _BEFORE_ALNUM, _AFTER_SPACE, _IN_RUN, _REOPENS, _BREAK, _PAIRS = (
    1 << b for b in range(9)
)
"""An event's bits: a mark's neighbours (after a space or opener; before a space or closer, a space, a
letter or digit; after a space; between two of itself), or a line break's blanks and what follows them;
whether the mark and the next event's make a quotation of their own where nothing is open."""
_EVENTS = 1 << 16
"""Events read into Python lists at a time: a page of marks holds millions."""
_PAIRS_OF = np.array(sorted(ord(a) << 21 | ord(b) for a, marks in _PAIRED.items() for b in marks), np.int64)
"""Each mark of :data:`_PAIRED` and each that closes it, as code points side by side (21 bits each)."""
_NO_CODE = 0x110000
"""Past the last code point: what stands before and after the text."""


def _events(text: str) -> tuple[np.ndarray, np.ndarray]:
    """Where each quotation mark, and each run of blanks holding a line break, starts, with its bits.

    A run of blanks counts from its first line break (a paragraph may reopen the quotation there), so
    that a page of blank lines is one event, not one per line break.
    """
    codes = code_points(text)
    kind = _AROUND(codes)
    space = np.array([_SPACE], np.uint8)  # a list's int would copy a book's classes at 8 bytes each
    around = np.concatenate((space, kind, space))  # the text stands between two spaces
    marks = np.flatnonzero(kind & _MARK)
    before, after = around[marks], around[marks + 2]
    bits = np.zeros(len(marks), np.uint16)
    for bit, neighbour, kinds in (
        (_AFTER_OPENER, before, _SPACE | _OPENER), (_BEFORE_FREE, after, _SPACE | _CLOSER),
        (_BEFORE_SPACE, after, _SPACE), (_BEFORE_ALNUM, after, _ALNUM), (_AFTER_SPACE, before, _SPACE),
    ):  # fmt: skip
        bits |= ((neighbour & kinds) != 0) * np.uint16(bit)
    own = codes[marks]
    bits |= ((_codes_at(codes, marks - 1) == own) & (own == _codes_at(codes, marks + 1))) * np.uint16(_IN_RUN)
    breaks = np.flatnonzero(codes == ord("\n"))
    where = marks
    if len(breaks):
        ends = _blanks_end(kind, breaks)
        first = np.ones(len(breaks), bool)  # the first line break of its blanks
        first[1:] = ends[:-1] <= breaks[1:]
        breaks, ends = breaks[first], ends[first]
        reopens = (around[ends + 1] & _REOPENER) != 0  # past the end: a space
        where = np.concatenate((marks, breaks))
        order = np.argsort(where, kind="stable")
        where, bits = where[order], np.concatenate((bits, _BREAK | reopens * np.uint16(_REOPENS)))[order]
    # A quotation of its own: the next event closes the mark ('"' only where it opens and the next
    # one closes without opening another).
    here, then = codes[where].astype(np.int64), bits[1:]
    pairs = np.isin(here[:-1] << 21 | here[1:], _PAIRS_OF) & (
        (here[:-1] != ord('"'))
        | ((bits[:-1] & _AFTER_OPENER != 0) & (bits[:-1] & _BEFORE_FREE == 0) & (then & _AFTER_OPENER == 0))
    )
    bits[:-1] |= pairs * np.uint16(_PAIRS)
    return where, bits


def _codes_at(codes: np.ndarray, at: np.ndarray) -> np.ndarray:
    """The code points at some offsets, :data:`_NO_CODE` before and after the text."""
    inside = (at >= 0) & (at < len(codes))
    return np.where(inside, codes[np.clip(at, 0, max(len(codes) - 1, 0))], _NO_CODE)


def _blanks_end(kind: np.ndarray, at: np.ndarray) -> np.ndarray:
    """Where the run of blanks holding each of some blanks (sorted, by their classes) ends."""
    ends = at + 1
    for _ in range(_BLANKS_READ):
        going = (ends < len(kind)) & ((kind[np.minimum(ends, len(kind) - 1)] & _SPACE) != 0)
        if not going.any():
            return ends
        ends[going] += 1
    starts, stops = runs((kind & _SPACE) != 0)
    return stops[np.searchsorted(starts, at, "right") - 1]


_BLANKS_READ = 8
"""Blanks read after each line break at once: an indent, a blank line or two. Longer runs of blanks
have every run of the text read (a page of them would be read a blank at a time)."""


@dataclass(frozen=True, eq=False)
class Quotations(Sequence[Fact]):
    """A text's quotations in text order as columns, each made a :class:`Fact` only when it is read:
    a page of marks holds a million of them, and the checks read the spans of all, the words of few."""

    starts: np.ndarray
    ends: np.ndarray
    texts: list[str]
    """The text inside the marks of each."""
    values: list[tuple[str, ...]]
    """The words of each (:func:`quotation_words`)."""

    def __len__(self) -> int:
        return len(self.texts)

    def __getitem__(self, i: int) -> Fact:  # type: ignore[override]
        return Fact("quotation", (int(self.starts[i]), int(self.ends[i])), self.texts[i], self.values[i])

    def __iter__(self) -> Iterator[Fact]:
        columns = zip(self.starts.tolist(), self.ends.tolist(), self.texts, self.values, strict=True)
        for a, b, inner, words in columns:
            yield Fact("quotation", (a, b), inner, words)


def quotations(text: str) -> Quotations:
    """Every quotation in a text, nested ones too; spans include the marks, values are the words inside."""
    starts, ends = array("q"), array("q")
    texts: list[str] = []
    values: list[tuple[str, ...]] = []
    stack: list[tuple[str, int]] = []
    # How many of each mark the stack holds, so that a closing one is looked up at once.
    counts = dict.fromkeys(_QUOTE_MARKS, 0)

    # Each short quotation's text, and its words (None if blank): a page repeats a few, kept once.
    read: dict[str, tuple[str, tuple[str, ...] | None]] = {}

    def close(pos: int, mark: int = 1) -> None:
        ch, a = stack.pop()
        counts[ch] -= 1
        record(a, pos, mark)

    def record(a: int, pos: int, mark: int = 1) -> None:
        inner = text[a + 1 : pos]
        known = read.get(inner)
        if known is None:
            known = (inner, quotation_words(inner) if inner.strip() else None)
            if len(inner) <= _SHORT:
                read[inner] = known
        inner, words = known
        if words is not None:
            starts.append(a)
            ends.append(pos + mark)
            texts.append(inner)
            values.append(words)

    def close_all(pos: int) -> None:
        """Close every open quotation at one place, reading each stretch of words once, innermost first."""
        words: tuple[str, ...] = ()
        inside = pos  # where the quotation closed last opened
        while stack:
            ch, a = stack.pop()
            counts[ch] -= 1
            inner = text[a + 1 : pos]
            # No word runs across an opening mark (an apostrophe opens only after a space or a mark).
            words = quotation_words(text[a + 1 : inside]) + words
            inside = a
            if inner.strip():
                starts.append(a)
                ends.append(pos)
                texts.append(inner)
                values.append(words)

    def unwind(openers: str) -> None:
        while stack[-1][0] not in openers:
            counts[stack.pop()[0]] -= 1

    # One lean loop over the marks and line breaks alone: a page of marks runs it millions of times.
    places, kinds = _events(text)
    total = len(places)
    k = 0
    while k < total:
        first, stop = k, min(total, k + _EVENTS)
        at, bits = places[k : stop + 1].tolist(), kinds[k : stop + 1].tolist()  # and the event after
        while k < stop:
            i, b = at[k - first], bits[k - first]
            k += 1  # the next event
            if b & _BREAK:
                if stack and b & _REOPENS:
                    close_all(i)  # a quotation running on into a paragraph that reopens it ends here
                continue
            if b & _PAIRS and not stack:  # nothing open, and the next mark closes this one: read at once
                record(i, at[k - first])
                k += 1
                continue
            ch = text[i]
            inside = b & _IN_RUN  # within a run of one mark, each step meets the same marks around it
            if inside and ch == '"' and stack and stack[-1] == ('"', i - 1):
                # Each '"' of the run only closes the empty quotation the one before opened, and opens one.
                last = _RUNS[ch].match(text, i).end() - 1
                k += last - i - 1  # every mark of a run is an event
                stack[-1] = ('"', last - 1)
                continue
            before = (len(stack), stack[-1] if stack else None, len(texts)) if inside else None
            closed = _CLOSED_BY.get(ch)
            if closed is not None and (counts[closed[0]] or counts[closed[-1]]):
                unwind(closed)
                close(i)
            elif ch in _OPENING:
                if len(stack) < _DEPTH:
                    stack.append((ch, i))
                    counts[ch] += 1
            elif ch == '"':
                opens = b & _AFTER_OPENER and not b & _BEFORE_FREE
                if counts['"']:
                    unwind('"')
                    close(i, 0 if opens else 1)
                if opens and len(stack) < _DEPTH:  # after a space, before a word: one left open ran to here
                    stack.append((ch, i))
                    counts[ch] += 1
            elif ch in _SINGLE:
                opens = b & _AFTER_OPENER and not b & _BEFORE_SPACE
                if opens and (ch != "'" or stack) and len(stack) < _DEPTH:
                    stack.append((ch, i))
                    counts[ch] += 1
            if (
                ch in "’'"
                and stack
                and stack[-1][0] in _SINGLE
                and stack[-1][1] != i
                and not b & _BEFORE_ALNUM
                and not b & _AFTER_SPACE
            ):
                close(i)
            if before is not None and before == (len(stack), stack[-1] if stack else None, len(texts)):
                # A step that changed nothing changes nothing again: on past the run.
                k += _RUNS[ch].match(text, i).end() - i - 1
    close_all(len(text.rstrip()))
    a, b = np.frombuffer(starts, np.int64), np.frombuffer(ends, np.int64)
    if len(a) > 1 and not ((a[1:] > a[:-1]) | ((a[1:] == a[:-1]) & (b[1:] >= b[:-1]))).all():
        order = np.lexsort((b, a))  # by span; a nested quotation is closed before the one around it
        a, b = a[order], b[order]
        texts, values = [texts[i] for i in order.tolist()], [values[i] for i in order.tolist()]
    return Quotations(a.copy(), b.copy(), texts, values)


# --- one pass over a document ----------------------------------------------------------------------


def _anchors(doc: Capitals, rules: _Rules) -> list[tuple[int, int]]:
    """Where a date or number may start, with the index of its sentence, in text order."""
    text, spans = doc.text, doc.spans
    found = []
    k, n = 0, len(spans)
    matches = word_matches(rules.anchor, text, rules.leads, doc.codes)
    for p in itertools.chain([0], (m.start() + 1 for m in matches)):
        while k < n and spans[k][1] <= p:
            k += 1
        if k == n:
            break
        if p >= spans[k][0]:
            found.append((p, k))
    return found


def sentence_facts(doc: Capitals, casing: Casing) -> list[list[Fact]]:
    """Dates, numbers and names stated in each sentence of a document, found in one pass over it."""
    text, spans = doc.text, doc.spans
    out: list[list[Fact]] = [[] for _ in spans]
    rules = _rules(doc.language)
    anchors = _anchors(doc, rules)
    taken: list[Span] = []
    last = 0
    for p, k in anchors:
        if p >= last and (m := rules.date.match(text, p, spans[k][1])):
            last = m.end()
            if (value := _date_value(m, rules)) is not None:
                out[k].append(Fact("date", m.span(), m.group(0), value))
                taken.append(m.span())
    dates = list(taken)
    last = 0
    for p, k in anchors:
        if p >= last and (m := rules.number.match(text, p, spans[k][1])):
            last = m.end()
            if (fact := _number_value(text, m, rules)) is not None and not _overlaps(dates, *fact.span):
                out[k].append(fact)
                taken.append(fact.span)
    _names(doc, casing, sorted(taken), out)
    for facts in out:
        if len(facts) > 1:
            facts.sort(key=_SPAN)
    return out


_SPAN = attrgetter("span")
