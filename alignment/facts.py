"""Facts an editor must not lose — numbers, dates, names, quotations — each with a comparable value.

Extraction only: :mod:`alignment.checks` compares the facts of both sides.  Values are normalised so
that equivalent forms compare equal: ``thirty`` = ``30``, ``30%`` = ``30 percent``, ``$2m`` = ``2 million
dollars``, ``Aug. 8`` = ``August 8`` = ``8 August``; names compare by their words without titles,
possessives or hyphens (``President Vladimir Putin’s`` shares ``putin`` with ``Putin``).
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from rapidfuzz.distance import Indel

from alignment.language import CAPITALISED_NOUNS, ENGLISH
from alignment.model import Span

FactKind = str
"""One of ``number``, ``date``, ``name``, ``quotation``."""


@dataclass(frozen=True, slots=True)
class Fact:
    """One stated fact: where it stands, its words, and a value to compare."""

    kind: FactKind
    span: Span
    text: str
    value: tuple


# --- numbers ---------------------------------------------------------------------------------------

_UNITS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "zero": 0,
}  # fmt: skip
_SCALES = {"hundred": 100, "thousand": 1000, "million": 10**6, "billion": 10**9, "trillion": 10**12}
_SCALE_ABBR = {"k": 1000, "m": 10**6, "mn": 10**6, "bn": 10**9, "tn": 10**12}
_CURRENCY = {
    "$": "$", "us$": "$", "dollar": "$", "dollars": "$", "usd": "$", "€": "€", "euro": "€",
    "euros": "€", "eur": "€", "£": "£", "pound": "£", "pounds": "£", "gbp": "£", "¥": "¥", "yen": "¥",
    "₽": "₽", "rouble": "₽", "roubles": "₽", "ruble": "₽", "rubles": "₽", "rub": "₽",
}  # fmt: skip
_PERCENT = {"%": "%", "percent": "%", "per cent": "%", "pct": "%"}

_NUMBER_WORD = "|".join(sorted([*_UNITS, *_SCALES], key=len, reverse=True))
_WRITTEN = rf"(?:{_NUMBER_WORD})(?:(?:[\s-]+|\s+and\s+)(?:{_NUMBER_WORD}))*"
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
# Precompiled: these run once per word or per character of a book.
_SENTENCE_GAP = re.compile(r"[.!?:]\W*\s|[“\"]\s*$|\n\s*\n")
_ABBREVIATION = re.compile(r"(?:[A-Z]\.)+[A-Z]?$|\b(?:Mr|Mrs|Ms|Dr|St|Gen|Sen|Gov|Rep|Jr|Sr|Prof|[A-Z])$")
_BLANK = re.compile(r"[ \t]+|[ \t]*\n[ \t]*")
"""What may stand between two words of one name: spaces, or a line break that only wraps the line."""
_REOPENED = re.compile(r"\n\s*[“\"]")
_NUMBER = re.compile(
    rf"(?P<cur>US\$|[$€£¥₽])?\s?(?:(?P<digits>{_DIGITS})(?P<ord>st|nd|rd|th)?|(?P<written>\b{_WRITTEN}\b))"
    rf"(?:\s?(?P<abbr>k|m|mn|bn|tn)\b|\s+(?P<scale>{'|'.join(_SCALES)})\b)?"
    rf"(?:\s?(?P<pct>%|percent\b|per cent\b|pct\b)"
    rf"|\s+(?P<curword>{'|'.join(k for k in _CURRENCY if k.isalpha())})\b)?",
    re.IGNORECASE,
)
# "the one", "no one", "each one": a pronoun, not a count.
_PRONOUN_ONE = re.compile(r"\b(?:the|this|that|no|any|each|every|some|which|a|another|every)\s+$", re.I)


def _overlaps(taken: list[Span], a: int, b: int) -> bool:
    """Whether [a, b) overlaps any of the spans taken (sorted, not overlapping each other)."""
    i = bisect_right(taken, (a, _END))
    return (i > 0 and taken[i - 1][1] > a) or (i < len(taken) and taken[i][0] < b)


_END = 1 << 62
"""Greater than any offset: sorts a probe after every span starting at the same place."""


def _written_value(words: str) -> int:
    """The integer a written number stands for ("two hundred and five" = 205)."""
    total = current = 0
    for w in re.split(r"[\s-]+", words.lower()):
        if w in _UNITS:
            current += _UNITS[w]
        elif w == "hundred":
            current = max(current, 1) * 100
        elif w in _SCALES:
            total += max(current, 1) * _SCALES[w]
            current = 0
    return total + current


def _numbers(text: str, start: int, end: int, taken: list[Span]) -> list[Fact]:
    """Numbers, percentages and sums of money outside the spans already taken by dates."""
    facts: list[Fact] = []
    for m in _NUMBER.finditer(text, start, end):
        a, b = m.start(), m.end()
        a += len(m.group(0)) - len(m.group(0).lstrip())
        if _overlaps(taken, a, b):
            continue
        if m.group("digits"):
            prev = text[a - 1] if a > 0 else " "
            if prev.isalpha() or (prev in ".," and a > 1 and text[a - 2].isdigit()):
                continue
            try:
                value = Decimal(m.group("digits").replace(",", ""))
            except InvalidOperation:
                continue
        else:
            words = m.group("written")
            if words.lower() == "one" and _PRONOUN_ONE.search(text[max(0, a - 12) : a]):
                continue
            value = Decimal(_written_value(words))
        if m.group("abbr"):
            value *= _SCALE_ABBR[m.group("abbr").lower()]
        elif m.group("scale"):
            value *= _SCALES[m.group("scale").lower()]
        unit = ""
        if m.group("pct"):
            unit = "%"
        elif m.group("cur") or m.group("curword"):
            unit = _CURRENCY[(m.group("cur") or m.group("curword")).lower()]
        facts.append(Fact("number", (a, b), text[a:b], (unit, value.normalize())))
    return facts


# --- dates and times -------------------------------------------------------------------------------

_MONTHS = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]
_MONTH_ABBR = {m[:3]: m for m in _MONTHS} | {"sept": "september"}
_MONTH = (
    r"(?:"
    + "|".join([m.capitalize() for m in _MONTHS] + ["Sept", *[m[:3].capitalize() for m in _MONTHS]])
    + r")\b\.?"
)
_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_REL = r"(?:last|next|this|past|coming|previous|early|late|mid|earlier)"
_REL_NORMAL = {"past": "last", "previous": "last", "coming": "next", "earlier": "", "mid": "", "early": "",
               "late": ""}  # fmt: skip
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_DATE = re.compile(
    rf"(?:\b(?P<rel>{_REL})[\s-]+)?"
    rf"(?:(?P<d1>\b{_DAY})\s+(?:of\s+)?)?(?P<month>{_MONTH})"
    rf"(?:\s+(?P<d2>{_DAY})\b(?![,.]?\d))?(?:,?\s+(?P<year>\d{{4}})\b)?"
    rf"|(?:\b(?P<wrel>{_REL})\s+)?\b(?P<weekday>{'|'.join(d.capitalize() for d in _WEEKDAYS)})s?\b"
    rf"|\b(?P<day>yesterday|to-?day|to-?night|to-?morrow)\b"
    rf"|\b(?P<prel>last|next|this|past|coming)\s+(?P<period>week|weekend|month|year|decade|century)\b"
    rf"|\b(?P<hour>\d{{1,2}})(?::(?P<minute>\d{{2}}))?\s*(?P<ampm>[ap]\.m\.|[ap]m\b)"
    rf"|\b(?P<hh>[0-2]?\d):(?P<mm>[0-5]\d)\b"
    rf"|\b(?P<noon>noon|midnight)\b"
    rf"|(?<![\d,.$€£])\b(?P<bareyear>1[5-9]\d\d|20\d\d)\b(?!\s?%|[,.]\d|\s+(?:percent|per cent)\b)",
    re.IGNORECASE,
)


def _rel(word: str | None) -> str | None:
    """A relative qualifier in one canonical spelling, None when absent or merely approximate."""
    if not word:
        return None
    w = word.lower()
    return _REL_NORMAL.get(w, w) or None


def _day(text: str | None) -> int | None:
    """The day of the month written as "8", "8th"."""
    return int(re.match(r"\d+", text).group(0)) if text else None


def _date_value(m: re.Match[str]) -> tuple | None:
    """The comparable value of one date match, None for a false hit ("may" as a verb)."""
    if m.group("month"):
        word = m.group("month").rstrip(".").lower()
        if m.group("month")[0].islower():
            return None
        month = _MONTH_ABBR.get(word, word)
        if month == "may" and not (m.group("d1") or m.group("d2") or m.group("year")):
            return None  # "May" alone is more often the verb than the month.
        return ("month", month, _day(m.group("d1") or m.group("d2")),
                int(m.group("year")) if m.group("year") else None, _rel(m.group("rel")))  # fmt: skip
    if m.group("weekday"):
        if m.group("weekday")[0].islower():
            return None
        return ("weekday", m.group("weekday").lower().rstrip("s"), _rel(m.group("wrel")))
    if m.group("day"):
        return ("day", m.group("day").lower().replace("-", ""))
    if m.group("period"):
        return ("period", _rel(m.group("prel")), m.group("period").lower())
    if m.group("hour"):
        hour = int(m.group("hour")) % 12 + (12 if m.group("ampm").lower().startswith("p") else 0)
        return ("time", hour, int(m.group("minute") or 0))
    if m.group("hh"):
        return ("time", int(m.group("hh")), int(m.group("mm")))
    if m.group("noon"):
        return ("time", 12 if m.group("noon").lower() == "noon" else 0, 0)
    return ("year", int(m.group("bareyear")))


def _dates(text: str, start: int, end: int) -> list[Fact]:
    """Dates, weekdays, relative days and times of day."""
    facts = []
    for m in _DATE.finditer(text, start, end):
        value = _date_value(m)
        if value is not None:
            facts.append(Fact("date", m.span(), m.group(0), value))
    return facts


def dates_compatible(a: tuple, b: tuple) -> bool:
    """Whether two date values can state the same date: same fields wherever both give one."""
    if a[0] != b[0]:
        return a[0] in ("month", "year") and b[0] in ("month", "year") and _year(a) == _year(b) is not None
    return all(x == y or x is None or y is None for x, y in zip(a, b, strict=True))


def _year(value: tuple) -> int | None:
    """The year a month or year value names."""
    return value[1] if value[0] == "year" else value[3]


# --- names -----------------------------------------------------------------------------------------

_WORD = re.compile(r"(?:[A-Z]\.){2,}|[^\W\d_][\w’'-]*")
_OPENERS = "“‘\"'([«"
_TITLES = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "sir",
        "dame",
        "lord",
        "lady",
        "president",
        "prime",
        "minister",
        "king",
        "queen",
        "prince",
        "princess",
        "senator",
        "sen",
        "gov",
        "governor",
        "rep",
        "gen",
        "general",
        "col",
        "colonel",
        "st",
        "saint",
        "pope",
        "rev",
        "the",
    ]
)
_NOT_NAMES = frozenset(
    ["i", "a", "o", "oh", "mr", "mrs", "ms", "dr", "yes", "no", "yea", "nay", "please", "well", "okay", "ok"]
)
_HEADLINE_LOWER = frozenset(
    {"a", "an", "the", "and", "or", "but", "nor", "of", "in", "on", "at", "to", "for", "from", "by", "with"}
    | {"as", "amid", "over", "into", "after", "vs"}
)
_CONNECTORS = frozenset({"of", "de", "von", "van", "al", "bin", "da", "del", "la"})
_ARTICLES = frozenset(
    "der die das den dem des ein eine einen einem einer eines kein keine keinen keinem keiner im am "
    "zum zur vom beim ins ans diese dieser diesen diesem dieses jede jeder jeden jedem jedes alle "
    "viele mehrere einige unsere unser ihre ihr seine sein meine mein".split()
)
"""German words after which a capitalised word is a common noun ("die Arbeiten", "im Haus")."""


@dataclass(frozen=True, slots=True)
class Lexicon:
    """What both documents say about words: those capitalised mid-sentence, and those written lower case."""

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
    """Whether a word names a month or weekday (a date, not a name)."""
    key = key.rstrip(".")
    return key in _MONTHS or key in _MONTH_ABBR or key.rstrip("s") in _WEEKDAYS


def _words(text: str, start: int, end: int) -> list[tuple[int, int, bool]]:
    """Words of a sentence with whether each one starts a sentence (or an inner one, or a quotation)."""
    matches = list(_WORD.finditer(text, start, end))
    # A headline in title case says nothing about which words are names: every word counts as initial.
    headline = len(matches) >= 3 and all(
        m.group(0)[0].isupper() or m.group(0) in _HEADLINE_LOWER for m in matches
    )
    out = []
    initial = True
    pos = start
    for m in matches:
        gap = text[pos : m.start()]
        if pos != start and _SENTENCE_GAP.search(gap) and not _abbreviation(text, pos):
            initial = True
        out.append((m.start(), m.end(), initial or headline))
        initial = False
        pos = m.end()
    return out


def _abbreviation(text: str, end: int) -> bool:
    """Whether the word ending here is an abbreviation whose full stop ends no sentence ("U.S.", "Dr.")."""
    tail = text[max(0, end - 12) : end]  # an abbreviation is short: never scan the text before it
    m = _ABBREVIATION.search(tail)
    return m is not None and text[end : end + 1] == "."


def lexicon_of(texts: Iterable[tuple[str, Sequence[Span]]], language: str = ENGLISH) -> Lexicon:
    """Learn, from documents and their sentence spans, which words are capitalised mid-sentence.

    In a language that capitalises nouns, a capitalised word ever seen right after an article or a
    determiner ("die Bauarbeiten") is a common noun, not a name.
    """
    capitalised: set[str] = set()
    lower: set[str] = set()
    nouns: set[str] = set()
    articles = _ARTICLES if language in CAPITALISED_NOUNS else frozenset()
    for text, spans in texts:
        for start, end in spans:
            before = ""
            for a, b, initial in _words(text, start, end):
                word = text[a:b]
                key = word.casefold()
                if word[0].islower():
                    lower.add(key)
                else:
                    if not initial:
                        capitalised.add(key)
                    if before in articles:
                        nouns.add(key)
                before = key
    return Lexicon(frozenset(capitalised), frozenset(lower), frozenset(nouns))


def name_words(name: str) -> tuple[str, ...]:
    """The words that identify a name: lower case, no titles, possessives or hyphens."""
    words = [re.sub(r"['’]s?$|\.", "", w) for w in re.split(r"[\s\-–]+", name.casefold()) if w]
    return tuple(w for w in words if w and w not in _TITLES and w not in _CONNECTORS) or tuple(words)


def _names(text: str, start: int, end: int, lexicon: Lexicon, taken: list[Span]) -> list[Fact]:
    """Runs of capitalised words that read as names: people, places, organisations."""
    facts = []
    run: list[tuple[int, int]] = []
    words = _words(text, start, end)

    def flush() -> None:
        while run and text[run[-1][0] : run[-1][1]].casefold() in _CONNECTORS:
            run.pop()
        if run:
            a, b = run[0][0], run[-1][1]
            facts.append(Fact("name", (a, b), text[a:b], name_words(text[a:b])))
        run.clear()

    for i, (a, b, initial) in enumerate(words):
        word = text[a:b]
        adjacent = bool(run) and _BLANK.fullmatch(text, run[-1][1], a) is not None
        capitalised = word[0].isupper() and word.casefold() not in _NOT_NAMES
        if _overlaps(taken, a, b):
            flush()
        elif lexicon.is_name(word, initial) or (
            adjacent and not initial and capitalised and word.casefold() not in lexicon.nouns
        ):
            if run and not adjacent:
                flush()
            run.append((a, b))
        elif (
            adjacent
            and word.casefold() in _CONNECTORS
            and i + 1 < len(words)
            and text[words[i + 1][0]].isupper()
        ):
            run.append((a, b))
        else:
            flush()
    flush()
    return facts


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
    """The words of a text, looked up as they are or in a derived form, each in constant time."""

    def __init__(self, words: Iterable[str]) -> None:
        self._words = frozenset(words)
        # Derived forms share their first five letters (see same_word), so only those are compared.
        self._by_prefix: dict[str, list[str]] = defaultdict(list)
        for w in self._words:
            if len(w) >= 5:
                self._by_prefix[w[:5]].append(w)

    def mentions(self, name: tuple[str, ...]) -> bool:
        """Whether any word of a name occurs here, itself or derived ("Russia" for "Russian")."""
        return any(
            x in self._words or any(same_word(x, y) for y in self._by_prefix.get(x[:5], ())) for x in name
        )


def same_word(x: str, y: str) -> bool:
    """Equal words, or one a close derivation of the other ("ukraine", "ukrainian")."""
    if x == y:
        return True
    n = 0
    for p, q in zip(x, y, strict=False):
        if p != q:
            break
        n += 1
    return n >= 5 and n >= 0.8 * min(len(x), len(y))


# --- quotations ------------------------------------------------------------------------------------

_QUOTE_WORD = re.compile(r"\w+(?:['’]\w+)*")


def quotation_words(text: str) -> tuple[str, ...]:
    """The words of a quotation, in lower case with one kind of apostrophe: what "verbatim" compares."""
    return tuple(w.replace("’", "'") for w in _QUOTE_WORD.findall(text.casefold()))


_MARKS = re.compile("[\n“”\"‘’']")
_DEPTH = 8
"""Quotations nested deeper than this are not read: real text nests two or three, and a page of
opening marks would otherwise make every quotation hold the rest of the text."""


def quotations(text: str) -> list[Fact]:
    """Every quotation in a text, nested ones too; spans include the marks, values are the words inside."""
    facts: list[Fact] = []
    stack: list[tuple[str, int]] = []
    open_marks: Counter[str] = Counter()  # the marks on the stack, so that a closing one is looked up at once

    def push(ch: str, i: int) -> None:
        if len(stack) < _DEPTH:
            stack.append((ch, i))
            open_marks[ch] += 1

    def close(pos: int, mark: int = 1) -> None:
        ch, a = stack.pop()
        open_marks[ch] -= 1
        inner = text[a + 1 : pos]
        if inner.strip():
            facts.append(Fact("quotation", (a, pos + mark), inner, quotation_words(inner)))

    def unwind(opener: str) -> None:
        while stack[-1][0] != opener:
            open_marks[stack.pop()[0]] -= 1

    for m in _MARKS.finditer(text):  # only the marks and line breaks matter: skip the rest at C speed
        i, ch = m.start(), m.group()
        prev = text[i - 1] if i else " "
        nxt = text[i + 1] if i + 1 < len(text) else " "
        if ch == "\n" and stack and _REOPENED.match(text, i):
            while stack:  # a quotation running on into a paragraph that reopens it ends here
                close(i, 0)
        elif ch == "“":
            push(ch, i)
        elif ch == "”":
            if open_marks["“"]:
                unwind("“")
                close(i)
        elif ch == '"':
            if open_marks['"']:
                unwind('"')
                close(i)
            else:
                push(ch, i)
        elif ch in "‘'":
            opens = (prev.isspace() or prev in _OPENERS) and not nxt.isspace()
            if opens and (ch == "‘" or stack):
                push(ch, i)
        closes = bool(stack) and stack[-1][0] in "‘'" and stack[-1][1] != i
        if ch in "’'" and closes and not nxt.isalnum() and not prev.isspace():
            close(i)
    while stack:
        close(len(text.rstrip()), 0)
    return sorted(facts, key=lambda f: f.span)


def facts_in(text: str, start: int, end: int, lexicon: Lexicon) -> list[Fact]:
    """Dates, numbers and names stated in ``text[start:end]`` (a sentence), in text order."""
    dates = _dates(text, start, end)
    taken = [f.span for f in dates]
    numbers = _numbers(text, start, end, taken)
    names = _names(text, start, end, lexicon, sorted(taken + [f.span for f in numbers]))
    return sorted([*dates, *numbers, *names], key=lambda f: f.span)
