"""Word tables per language: months, weekdays, how numbers and dates are written, abbreviations, cues.

One place for what the segmenter, the normal forms and the fact rules all need to know about a
language.  Languages are named as the stemmer names them (``english``, ``german``, ``french``,
``spanish``); a language without tables here falls back to English.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache

ENGLISH = "english"

_FUNCTION_WORDS = {
    "english": "the a an and or but of to in on at for with by from as is are was were be been being "
    "it its this that these those he she they we you i his her their our your him them us me my not "
    "no so if then than there here who whom which what when where how all any some have has had do "
    "does did will would shall should can could may might must also into over about after before up "
    "out unto upon",
    "german": "der die das den dem des ein eine einer eines einem einen und oder aber zu im in an auf "
    "für mit von vom zum zur bei aus ist sind war waren sein hat haben hatte wird werden wurde nicht "
    "auch sich er sie es wir ihr ich du man dass als wie wenn so noch nach über unter",
    "french": "le la les l un une des du de d et ou mais à au aux en dans par pour sur avec sans est "
    "sont était été être a ont avait il elle ils elles nous vous je tu on ce cette ces qui que qu ne "
    "pas plus se sa son ses leur leurs y",
    "spanish": "el la los las un una unos unas y o pero de del a al en por para con sin es son era "
    "fue ser ha han había él ella ellos ellas nosotros vosotros yo tú se su sus que no lo le les "
    "este esta estos estas como más muy",
    "italian": "il lo la i gli le un una uno e o ma di del della dei delle a al alla in nel nella "
    "per con su è sono era erano essere ha hanno che non si come più anche",
    "dutch": "de het een en of maar van in op aan voor met door bij uit is zijn was waren heeft "
    "hebben had wordt worden niet ook zich hij zij ze wij we jij ik dat die als dan",
    "portuguese": "o a os as um uma uns umas e ou mas de do da dos das em no na nos nas por para "
    "com sem é são era foi ser tem têm que não se seu sua como mais",
}
FUNCTION_WORDS = {lang: frozenset(words.split()) for lang, words in _FUNCTION_WORDS.items()}
"""Short function-word lists: enough to tell the language apart and to keep them out of similarity."""

MONTHS: dict[str, tuple[str, ...]] = {
    "english": ("january", "february", "march", "april", "may", "june", "july", "august", "september",
                "october", "november", "december"),
    "german": ("januar", "februar", "märz", "april", "mai", "juni", "juli", "august", "september",
               "oktober", "november", "dezember"),
    "french": ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
               "octobre", "novembre", "décembre"),
    "spanish": ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
                "octubre", "noviembre", "diciembre"),
}  # fmt: skip
"""Month names in calendar order; a month compares by its number, whatever the language."""

MONTH_VARIANTS: dict[str, dict[str, int]] = {
    "english": {"sept": 9},
    "german": {"jänner": 1, "sept": 9},
    "french": {"fevrier": 2, "aout": 8, "decembre": 12, "janv": 1, "févr": 2, "avr": 4, "juil": 7,
               "sept": 9, "déc": 12},
    "spanish": {"setiembre": 9, "ene": 1, "sept": 9, "dic": 12},
}  # fmt: skip
"""Other spellings and abbreviations of months, besides the first three letters of each name."""

WEEKDAYS: dict[str, tuple[str, ...]] = {
    "english": ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"),
    "german": ("montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag"),
    "french": ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"),
    "spanish": ("lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"),
}
"""Weekdays from Monday; a weekday compares by its place in the week, whatever the language."""


@dataclass(frozen=True, slots=True)
class Numbers:
    """How one language writes numbers: its number words, the marks in its figures, its percent words."""

    units: dict[str, int]
    """Words that add their value ("forty", "vierzig", "quatre-vingt")."""
    hundreds: frozenset[str]
    """Words that multiply what comes before by a hundred ("hundred", "hundert", "cent")."""
    scales: dict[str, int]
    """Words and abbreviations that multiply the number before them ("million", "Mio.", "millones")."""
    joiners: frozenset[str]
    """Words between the parts of one written number ("and", "und", "et", "y")."""
    percent: tuple[str, ...]
    decimal: str
    """The decimal mark."""
    thousands: str
    """The marks that group thousands: "3,500" in English, "3.500" in German, "12 500" in French."""
    compounds: bool = False
    """Whether the parts of a written number are one word ("fünfundvierzig")."""
    inner: frozenset[str] = frozenset()
    """Number words that are articles or nouns alone, numbers only inside a written number ("vingt et un")."""
    times: dict[str, int] = field(default_factory=dict)
    """Inner words that multiply what comes before them ("three score" is 60)."""


def _values(words: str, start: int = 0, step: int = 1) -> dict[str, int]:
    return {w: start + i * step for i, w in enumerate(words.split())}


_SCORE = 20
"""A score: older English counts in twenties ("threescore and ten" is 70)."""


NUMBERS: dict[str, Numbers] = {
    "english": Numbers(
        _values("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
                "fifteen sixteen seventeen eighteen nineteen twenty")
        | _values("thirty forty fifty sixty seventy eighty ninety", 30, 10)
        | _values("twoscore threescore fourscore fivescore sixscore sevenscore", 2 * _SCORE, _SCORE),
        frozenset({"hundred"}),
        {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12, "k": 10**3,
         "m": 10**6, "mn": 10**6, "bn": 10**9, "tn": 10**12},
        frozenset({"and"}),
        ("percent", "per cent", "pct"),
        ".",
        ",",
        inner=frozenset({"score"}),
        times={"score": _SCORE},
    ),
    "german": Numbers(
        _values("null eins zwei drei vier fünf sechs sieben acht neun zehn elf zwölf dreizehn vierzehn "
                "fünfzehn sechzehn siebzehn achtzehn neunzehn zwanzig")
        | _values("dreißig vierzig fünfzig sechzig siebzig achtzig neunzig", 30, 10) | {"ein": 1},
        frozenset({"hundert"}),
        {"tausend": 10**3, "million": 10**6, "millionen": 10**6, "mio": 10**6, "milliarde": 10**9,
         "milliarden": 10**9, "mrd": 10**9},
        frozenset({"und"}),
        ("prozent",),
        ",",
        ".\u00a0\u202f",
        compounds=True,
        inner=frozenset({"ein"}),
    ),
    "french": Numbers(
        _values("zéro un deux trois quatre cinq six sept huit neuf dix onze douze treize quatorze "
                "quinze seize")
        | _values("vingt trente quarante cinquante soixante", 20, 10)
        | {"quatre-vingt": 80, "quatre-vingts": 80},
        frozenset({"cent", "cents"}),
        {"mille": 10**3, "million": 10**6, "millions": 10**6, "milliard": 10**9, "milliards": 10**9},
        frozenset({"et"}),
        ("pour cent", "pourcent"),
        ",",
        ". \u00a0\u202f",
        inner=frozenset({"un"}),
    ),
    "spanish": Numbers(
        _values("cero uno dos tres cuatro cinco seis siete ocho nueve diez once doce trece catorce "
                "quince dieciséis diecisiete dieciocho diecinueve veinte veintiuno veintidós veintitrés "
                "veinticuatro veinticinco veintiséis veintisiete veintiocho veintinueve")
        | _values("treinta cuarenta cincuenta sesenta setenta ochenta noventa", 30, 10) | {"un": 1}
        | _values("cien doscientos trescientos cuatrocientos quinientos seiscientos setecientos "
                  "ochocientos novecientos", 100, 100) | {"ciento": 100},
        frozenset(),
        {"mil": 10**3, "millón": 10**6, "millones": 10**6},
        frozenset({"y"}),
        ("por ciento",),
        ",",
        ". \u00a0\u202f",
        inner=frozenset({"un"}),
    ),
}  # fmt: skip
"""Number words and figures per language: "3,5 Prozent" is 3.5 %, "3,500" in English and "3 500" in French
are 3500 (a space, ordinary, no-break or narrow, groups thousands in French and Spanish)."""


@dataclass(frozen=True, slots=True)
class DateForms:
    """How one language writes a date around its month: the mark after the day, the words between."""

    ordinal: str
    """A regex for what follows the day of the month ("8th", "8.", "1er")."""
    of: str = ""
    """The word between day and month, and between month and year ("8 of August", "4 de marzo de")."""
    day_after: bool = False
    """Whether the day may follow the month ("August 8")."""


DATE_FORMS = {
    "english": DateForms(r"(?:st|nd|rd|th)?", "of", day_after=True),
    "german": DateForms(r"\."),
    "french": DateForms(r"(?:er)?"),
    "spanish": DateForms("", "de"),
}


@dataclass(frozen=True, slots=True)
class RelativeDates:
    """How one language names days and periods relative to today ("yesterday", "letzte Woche")."""

    days: dict[str, str]
    """Words for a day relative to today, each to one name ("gestern": "yesterday")."""
    periods: dict[str, str]
    """Periods a qualifier places, each to one name ("Woche": "week")."""
    before: dict[str, str]
    """Qualifiers before a period, to "last", "next" or "this" ("letzte Woche", "cette semaine")."""
    after: dict[str, str] = field(default_factory=dict)
    """Qualifiers after a period ("la semaine dernière", "la semana que viene")."""
    nouns_after: frozenset[str] = frozenset()
    """Words after which a day's word names a time of day ("la mañana" is the morning, "am Morgen")."""


def _named(pairs: str) -> dict[str, str]:
    """A table from "word=name" items; a bare word names itself."""
    return dict((item.split("=") if "=" in item else (item, item)) for item in pairs.split())


_LAST, _NEXT, _THIS = "last", "next", "this"
RELATIVE_DATES = {
    "english": RelativeDates(
        _named("yesterday today to-day=today tonight to-night=tonight tomorrow to-morrow=tomorrow"),
        _named("week weekend month year decade century"),
        {"last": _LAST, "past": _LAST, "next": _NEXT, "coming": _NEXT, "this": _THIS},
    ),
    "german": RelativeDates(
        _named("gestern=yesterday heute=today morgen=tomorrow vorgestern=ereyesterday übermorgen=overmorrow"),
        _named("woche=week wochenende=weekend monat=month monats=month jahr=year jahres=year "
               "jahrzehnt=decade jahrhundert=century"),
        {**dict.fromkeys("letzte letzten letzter letztes vergangene vergangenen vergangener vergangenes "
                         "vorige vorigen voriges".split(), _LAST),
         **dict.fromkeys("nächste nächsten nächster nächstes kommende kommenden kommender kommendes".split(),
                         _NEXT),
         **dict.fromkeys("diese diesen dieser dieses".split(), _THIS)},
        nouns_after=frozenset("der die das den dem des ein eine einen einem am im zum vom beim jeden jedem "
                              "guten heute gestern".split()),
    ),
    "french": RelativeDates(
        _named("hier=yesterday aujourd'hui=today aujourd’hui=today demain=tomorrow avant-hier=ereyesterday "
               "après-demain=overmorrow"),
        _named("semaine=week week-end=weekend mois=month année=year an=year décennie=decade siècle=century"),
        {"cette": _THIS, "ce": _THIS, "cet": _THIS, "prochaine": _NEXT, "dernière": _LAST},
        {**dict.fromkeys("dernière dernier passée passé".split(), _LAST),
         **dict.fromkeys("prochaine prochain".split(), _NEXT)},
    ),
    "spanish": RelativeDates(
        _named("ayer=yesterday hoy=today mañana=tomorrow anteayer=ereyesterday"),
        _named("semana=week mes=month año=year década=decade siglo=century"),
        {**dict.fromkeys("este esta".split(), _THIS), **dict.fromkeys("próximo próxima".split(), _NEXT),
         **dict.fromkeys("pasado pasada último última".split(), _LAST)},
        {**dict.fromkeys("pasado pasada".split(), _LAST),
         **dict.fromkeys(["próximo", "próxima", "que viene"], _NEXT)},
        nouns_after=frozenset("la una esta cada toda media".split()),
    ),
}  # fmt: skip
"""Days and periods relative to today per language: "gestern" and "yesterday" are one day, "la
semaine dernière" and "letzte Woche" one period."""

NOUN_MARKERS: dict[str, frozenset[str]] = {
    "german": frozenset(
        "der die das den dem des ein eine einen einem einer eines kein keine keinen keinem keiner im am "
        "zum zur vom beim ins ans diese dieser diesen diesem dieses jede jeder jeden jedem jedes alle allen "
        "aller viel viele vielen vieler wenig wenige wenigen mehrere mehreren einige einigen etwas mehr "
        "manche manchen solche solchen welche welchen beide beiden jene jenen jener "
        "mein meine meinen meinem meiner meines dein deine deinen deinem deiner deines "
        "sein seine seinen seinem seiner seines ihr ihre ihren ihrem ihrer ihres "
        "unser unsere unseren unserem unserer unseres euer eure euren eurem eurer eures".split()
    ),
}
"""In languages that capitalise every noun, the words after which a capitalised word is a common
noun ("die Arbeiten", "im Haus", "viel Schnee"), not a name; lower-case words (adjectives) may stand
between ("die schweren Arbeiten")."""

IRREGULAR_PLURALS: dict[str, dict[str, str]] = {
    "english": {
        "men": "man", "women": "woman", "children": "child", "brethren": "brother", "feet": "foot",
        "teeth": "tooth", "geese": "goose", "mice": "mouse", "lice": "louse", "oxen": "ox",
    },
}  # fmt: skip
"""Plurals a stemmer cannot take back to their singular, taken back before stemming: "brethren"
then shares its stem with "brothers" and "brother", so a rewrite that modernises a plural keeps it."""

TITLE_ABBREVIATIONS = frozenset(
    """
    mr mrs ms mx dr prof st sr jr gen sen rep gov pres capt lt col sgt maj cmdr adm rev hon fr msgr
    hr hrn frl dipl ing mme mlle mm sra srta dña dn
    """.split()
)
"""Abbreviated titles ("Dr.", "St.", "Hr.", "Mme."): a capital after one continues the sentence."""
NUMBERING_ABBREVIATIONS = frozenset(
    "no nos nr art fig figs vol vols ch chap sec sect pp p pág núm tel".split()
)
"""Abbreviations that stand before a figure ("No. 5", "Fig. 3"): their stop ends no sentence before the
figure, but one before a capital word is more likely a word ending a sentence ("She said no. Then…")."""
NON_FINAL_ABBREVIATIONS = (
    TITLE_ABBREVIATIONS
    | NUMBERING_ABBREVIATIONS
    | frozenset(
        """
        ed eds op cit al ibid cf vs viz approx ca jan feb mar apr jun jul aug sep sept oct nov dec mon tue
        tues wed thu thur thurs fri sat sun mt ft ave blvd rd dept univ inc corp ltd co bros est e.g i.e
        z.b u.a d.h bzw usw vgl ggf evtl env p.ex
        """.split()
    )
)
"""Abbreviations (lower case, no final dot) whose full stop ends no sentence, even before a capital."""
TITLES = TITLE_ABBREVIATIONS | frozenset(
    """
    sir dame lord lady president prime minister king queen prince princess senator governor general
    colonel saint pope herr frau monsieur madame señor señora doña
    """.split()
)
"""Titles, written out or abbreviated: words a name is known without ("President Putin" is Putin)."""

WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
"""A word: letters and digits with inner apostrophes ("don't", "aujourd’hui", "30"). What the aligner's
tokens (besides figures such as "3.5"), quotations and polarity cues are read from; names have their
own (hyphens and acronyms belong to a name)."""


@dataclass(frozen=True, slots=True)
class Cues:
    """Words that set a sentence's polarity, modal force and hedging in one language."""

    negations: frozenset[str]
    """Each one negates a clause ("not", "never", "kein")."""
    strong: frozenset[str]
    """Modals and adverbs of certainty or obligation ("will", "must", "always")."""
    weak: frozenset[str]
    """Modals and adverbs of possibility ("may", "could", "perhaps", "often")."""
    hedges: frozenset[str]
    """Words that distance the writer from a claim ("allegedly", "claimed")."""
    speech: frozenset[str]
    """Verbs that report speech, so that words around them may be quoted without being invented."""
    suffixes: tuple[str, ...] = ()
    """Endings that carry a negation inside a word ("n't")."""
    prefixes: tuple[str, ...] = ()
    """Elided beginnings that carry a negation ("n'est")."""
    bases: dict[str, str] = field(default_factory=dict)
    """What a word stripped of its negative ending stands for ("wo" of "won't" is "will")."""
    implicit: frozenset[str] = frozenset()
    """Words that negate without saying "not" ("without", "lest"): they answer a negation of the other
    side, but are never reported themselves ("without" is also "outside"; "lest" becomes "so that … not")."""
    continuing: frozenset[str] = frozenset()
    """Negations that go on with one before them ("not afraid …, nor for the arrow"): none of their own."""
    privative: tuple[str, ...] = ()
    """Prefixes that negate the word they start ("disbelieved" is "did not believe")."""
    tag: str = r"(?!)"
    """A regex for a tag question ending a sentence (", am I?"): a negation before it asks, states nothing."""


def _set(words: str) -> frozenset[str]:
    return frozenset(words.split())


CUES: dict[str, Cues] = {
    "english": Cues(
        negations=_set("not cannot never no nobody nothing none nowhere neither nor nay nought naught"),
        implicit=_set("without lest"),
        continuing=_set("nor neither"),
        strong=_set("will shall would must should ought always certainly definitely surely undoubtedly"),
        weak=_set(
            "may might could can perhaps maybe possibly potentially potential probably likely "
            "often sometimes occasionally usually rarely seldom"
        ),
        hedges=_set(
            "allegedly alleged reportedly purportedly purported supposedly apparently seemingly "
            "claims claimed claiming rumoured rumored"
        ),
        speech=_set(
            "said say says saying told tell tells asked ask asks answered answer answers replied "
            "reply replies spoke speak speaks spake cried cry cries called call calls commanded "
            "declared declare wrote write writes added adding stated saith sayest answereth answering "
            "asketh asking inquired replying spoken speaketh crieth shouted writeth"
        ),
        suffixes=("n't", "n’t"),
        bases={"wo": "will", "ca": "can", "sha": "shall", "ai": ""},
        privative=("un", "dis", "in", "im", "ir", "il", "non"),
        tag=r",\s*(?:am|are|is|was|were|do|does|did|have|has|had|will|would|shall|should|can|could|may|might|must)"
        r"(?:n['’]t)?(?:\s+not)?\s+(?:i|you|he|she|it|we|they|there|ye|thou)\s*\?",
    ),
    "german": Cues(
        negations=_set(
            "nicht kein keine keinen keinem keiner keines nie niemals niemand nichts nirgends weder"
        ),
        strong=_set(
            "wird werden werde wirst muss müssen musst müsst soll sollen sollte sollten immer "
            "sicher bestimmt zweifellos"
        ),
        weak=_set(
            "kann können kannst könnte könnten darf dürfen mag möglicherweise vielleicht "
            "eventuell wahrscheinlich oft manchmal selten"
        ),
        hedges=_set("angeblich mutmaßlich vermeintlich offenbar scheinbar behauptet behauptete behaupten"),
        speech=_set(
            "sagte sagten sagt sagen erklärte erklärt fragte fragt antwortete antwortet meinte betonte "
            "sprach spricht rief riefen schrieb schreibt fragten antworteten fügte"
        ),
        implicit=_set("ohne"),
        privative=("un",),
        tag=r",\s*(?:nicht wahr|oder)\s*\?",
    ),
    "french": Cues(
        negations=_set("ne jamais aucun aucune nul nulle"),
        implicit=_set("sans"),
        strong=_set("doit doivent devra devront faut toujours certainement sûrement assurément"),
        weak=_set(
            "peut peuvent pourrait pourraient pourra pourront possiblement probablement souvent "
            "parfois rarement"
        ),
        hedges=_set("prétendument présumé présumée apparemment prétend prétendu affirme affirmé"),
        speech=_set(
            "dit disait déclaré déclare demanda demandé répondit répondu affirma ajouta écrit cria "
            "s'écria dirent demande répond"
        ),
        prefixes=("n'", "n’"),
        privative=("in", "im", "dé", "dés", "mé"),
        tag=r",?\s*n['’]est-ce pas\s*\?",
    ),
    "spanish": Cues(
        negations=_set("no nunca jamás nadie nada ningún ninguno ninguna tampoco"),
        implicit=_set("sin"),
        strong=_set("debe deben deberá deberán siempre ciertamente seguramente"),
        weak=_set(
            "puede pueden podría podrían podrá podrán quizá quizás posiblemente probablemente "
            "frecuentemente raramente"
        ),
        hedges=_set("supuestamente presuntamente presunto presunta aparentemente afirmó asegura aseguró"),
        speech=_set(
            "dijo dice decía dijeron declaró preguntó respondió contestó añadió afirmó escribió gritó "
            "habló preguntaron respondieron"
        ),
        privative=("in", "im", "des"),
        tag=r",\s*¿?(?:verdad|no)\s*\?",
    ),
}

FURNITURE = re.compile(
    r"\b(?:newsletters?|subscribe|subscribers?|sign up|donat(?:e|ion|ions)|support (?:us|the)"
    r"|privacy policy|cookies?|read more|advertisement|all rights reserved|follow us|share this"
    r"|remind me later|photo|caption|getty images|reuters|continue reading|related articles?"
    r"|abonnieren|datenschutz|weiterlesen|anzeige|spenden|foto"
    r"|s['’]abonner|abonnez|confidentialité|lire aussi|lire la suite|faire un don|publicité"
    r"|suscríbete|suscribirse|boletín|privacidad|leer más|publicidad|donar)\b"
    r"|©|\s/\s[A-Z][\w.]*\s*$",
    re.IGNORECASE,
)
"""What page furniture says: newsletter boxes, donation appeals, photo captions and credits, links."""


def known(language: str) -> str:
    """The language whose tables apply: the one named if tables exist for it, else English."""
    return language if language in CUES else ENGLISH


@cache
def cues(language: str) -> Cues:
    """The polarity, modality and hedge words of a language."""
    return CUES[known(language)]


def trie_pattern(words: Iterable[str]) -> str:
    """A regex alternation of words as a trie: one branch per first letter, so a scan stays fast; a
    word that goes on from another is tried first ("seventy" is not read as "seven")."""
    tree: dict = {}
    for w in words:
        node = tree
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _branch(tree)


def _branch(node: dict) -> str:
    """The regex of one trie node: its children as alternatives, optional when a word ends here."""
    ends = "" in node
    parts = [re.escape(ch) + _branch(child) for ch, child in sorted(node.items()) if ch]
    if not parts:
        return ""
    body = parts[0] if len(parts) == 1 and not ends else "(?:" + "|".join(parts) + ")"
    if ends:
        body = (body if body.startswith("(?:") else "(?:" + body + ")") + "?"
    return body


def fold(text: str) -> str:
    """Text in lower case with one kind of apostrophe: how quotation words and negation cues compare."""
    return text.casefold().replace("’", "'")
