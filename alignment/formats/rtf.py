"""Rich Text Format (.rtf): paragraphs, with line breaks inside them kept."""

from __future__ import annotations

import re

from alignment.formats.common import join_paragraphs, library

# striprtf renders \par and \line both as "\n"; a line break is marked first so paragraphs stay apart.
_LINE_BREAK = re.compile(r"(?<!\\)\\line(?![a-zA-Z])(?:-?\d+)? ?")
_MARK = "\u2028"
# \binN is followed by N raw bytes (a picture, an object): data, never text, whatever bytes they are.
_BINARY = re.compile(r"(?<!\\)\\bin(\d+) ?")


def _without_binary(source: str) -> str:
    """The RTF source with every \\binN payload left out (striprtf would copy it, NUL bytes and all)."""
    parts, at = [], 0
    for found in _BINARY.finditer(source):
        if found.start() < at:
            continue  # inside a payload already skipped
        parts.append(source[at : found.start()])
        at = found.end() + int(found.group(1))
    parts.append(source[at:])
    return "".join(parts)


def extract(data: bytes) -> str:
    """The text of an .rtf file, paragraphs separated by blank lines."""
    source = _LINE_BREAK.sub(r"\\u8232?", _without_binary(data.decode("latin-1")))
    text = library("striprtf.striprtf", "striprtf").rtf_to_text(source, errors="replace")
    return join_paragraphs(p.replace(_MARK, "\n") for p in text.replace("\r", "").split("\n"))
