"""Word (.docx) documents: the body's paragraphs and table cells in reading order, as edited or as before.

A file with tracked changes holds two texts: every change accepted (what Word shows without markup,
and what paralign reads by default) and every change rejected (the text before the edits).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Literal

from alignment.errors import DocumentError
from alignment.formats.archive import Archive
from alignment.formats.common import NO_TRACKED_CHANGES, join_paragraphs, parse_xml, split_at_breaks

View = Literal["accepted", "rejected"]

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_P, _TBL, _TR, _TC, _BR = (f"{_W}{tag}" for tag in ("p", "tbl", "tr", "tc", "br"))
_INS, _DEL, _MOVE_FROM, _MOVE_TO = (f"{_W}{tag}" for tag in ("ins", "del", "moveFrom", "moveTo"))
_CHANGES = (_INS, _DEL, _MOVE_FROM, _MOVE_TO)
_HIDDEN: dict[View, frozenset[str]] = {
    "accepted": frozenset([_DEL, _MOVE_FROM]),
    "rejected": frozenset([_INS, _MOVE_TO]),
}
"""The tracked changes whose content (runs, rows or paragraph marks) a view leaves out."""
_TEXT = frozenset([f"{_W}t", f"{_W}delText"])
_CHARACTERS = {f"{_W}tab": "\t", f"{_W}ptab": "\t", f"{_W}cr": "\n", f"{_W}noBreakHyphen": "-"}
_PAGE_BREAKS = frozenset(["page", "column"])
_CONTAINERS = frozenset(
    f"{_W}{tag}" for tag in "r hyperlink smartTag sdt sdtContent customXml fldSimple dir bdo".split()
) | frozenset(_CHANGES)
"""Elements whose children hold the text; anything else (comments, fields' codes, drawings) holds none."""


def _inline(node: Any, hidden: frozenset[str]) -> Iterator[str]:
    """The characters of a paragraph's runs that the view shows."""
    for child in node:
        tag = child.tag
        if tag in hidden:
            continue
        if tag in _TEXT:
            yield child.text or ""
        elif tag == _BR:
            yield "" if child.get(f"{_W}type") in _PAGE_BREAKS else "\n"
        elif tag in _CHARACTERS:
            yield _CHARACTERS[tag]
        elif tag in _CONTAINERS:
            yield from _inline(child, hidden)


def _mark_hidden(paragraph: Any, hidden: frozenset[str]) -> bool:
    """Whether the paragraph's mark (its break) is a change the view leaves out."""
    properties = paragraph.find(f"{_W}pPr/{_W}rPr")
    return properties is not None and any(child.tag in hidden for child in properties)


def _blocks(container: Any, hidden: frozenset[str]) -> Iterator[str | None]:
    """Text of the paragraphs under a body or table cell, None at each paragraph break the view shows."""
    for child in container:
        tag = child.tag
        if tag == _P:
            yield from _inline(child, hidden)
            # A deleted paragraph mark joins its paragraph to the next one.
            if not _mark_hidden(child, hidden):
                yield None
        elif tag == _TBL:
            # An inserted or deleted row holds its text in w:ins or w:del runs: nothing more to leave out.
            for cell in child.iterfind(f"{_TR}/{_TC}"):
                yield None
                yield from _blocks(cell, hidden)
                yield None
        elif tag in _CONTAINERS and tag not in hidden:
            yield from _blocks(child, hidden)


def _body(data: bytes) -> Any:
    """The body element of a .docx file's main part."""
    body = parse_xml(Archive(data).read("word/document.xml")).find(f"{_W}body")
    if body is None:
        raise DocumentError("not a readable Word document: it has no body")
    return body


def _text(body: Any, view: View) -> str:
    """The body's text in one view, paragraphs separated by blank lines."""
    return join_paragraphs(split_at_breaks(_blocks(body, _HIDDEN[view])))


def extract(data: bytes) -> str:
    """The text of a .docx file with every tracked change accepted, paragraphs separated by blank lines."""
    return _text(_body(data), "accepted")


def tracked_text(data: bytes, view: View) -> str:
    """The text with every tracked change rejected (before the edits) or accepted (after them)."""
    body = _body(data)
    if next(body.iter(*_CHANGES), None) is None:
        raise DocumentError(f"the Word document {NO_TRACKED_CHANGES}")
    return _text(body, view)
