"""Speech reported without quotation marks ("said unto them, Go in peace"); quotations by a verb of speech.

Older translations and much fiction report speech without marks; a retranslation puts marks around
it.  Counting the unmarked speeches of each side tells how many quotations a rewrite may have added
around speech the original already reported.
"""

from __future__ import annotations

import re
from functools import cache

from alignment.language import cues

_LEAD_WORDS = 6
"""Words a verb of speech may stand before the mark that opens its speech ("said unto the chief
priests and the multitudes, I find no fault"): the addressee, never another clause."""
_REACH = 80
"""Characters looked back from a quotation for its verb of speech: a few words."""
_OPENING_MARKS = "\"“„«»‹›‚‘'"


@cache
def _patterns(language: str) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """A language's verbs of speech; what leads from one to its speech; a verb before or after a quotation."""
    verbs = "|".join(sorted(map(re.escape, cues(language).speech), key=lambda w: (-len(w), w)))
    verb = re.compile(rf"\b(?:{verbs})\b", re.IGNORECASE)
    words = rf"(?:[\s-]+[^\W\d_][\w'’-]*){{0,{_LEAD_WORDS}}}?"
    lead = re.compile(rf"{words}\s*[,:]\s*(?=\S)")
    before = re.compile(rf"\b(?:{verbs})\b{words}\s*[,:]?\s*$", re.IGNORECASE)
    after = re.compile(rf"[\s,;:.!?]*(?:{verbs})\b", re.IGNORECASE)
    return verb, lead, before, after


def unmarked(text: str, language: str) -> int:
    """How many speeches a text reports without quotation marks.

    A verb of speech introduces one when, a few words on, a comma or colon is followed by a capital
    ("said unto him, Where art thou?"), or follows one after a comma ("It is bad, saith the buyer").
    """
    verb, lead, _, _ = _patterns(language)
    found = 0
    for m in verb.finditer(text):
        if (head := lead.match(text, m.end())) is not None:
            found += text[head.end()].isupper()
        elif re.search(r"[^\W_],\s*$", text[max(0, m.start() - 3) : m.start()]):
            found += 1
    return found


def introduced(text: str, span: tuple[int, int], language: str) -> bool:
    """Whether the quotation at a span stands by a verb of speech: "said to them, “Go”", "“Go,” says he"."""
    _, _, before, after = _patterns(language)
    a, b = span
    head = text[max(0, a - _REACH) : a].rstrip(_OPENING_MARKS)
    return before.search(head) is not None or after.match(text, b, b + _REACH) is not None
