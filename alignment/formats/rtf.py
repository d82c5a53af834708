"""Rich Text Format (.rtf): paragraphs, with line breaks inside them kept."""

from __future__ import annotations

import re

from alignment.formats.common import join_paragraphs, library

# striprtf renders \par and \line both as "\n"; a line break is marked first so paragraphs stay apart.
_LINE_BREAK = re.compile(r"(?<!\\)\\line(?![a-zA-Z])(?:-?\d+)? ?")
_MARK = "\u2028"


def extract(data: bytes) -> str:
    """The text of an .rtf file, paragraphs separated by blank lines."""
    source = _LINE_BREAK.sub(r"\\u8232?", data.decode("latin-1"))
    text = library("striprtf.striprtf", "striprtf").rtf_to_text(source, errors="replace")
    return join_paragraphs(p.replace(_MARK, "\n") for p in text.replace("\r", "").split("\n"))
