"""OpenDocument text (.odt): headings and paragraphs in reading order, without comments or notes.

A file with tracked changes is read with every change accepted (its text as shown), or rejected: the
inserted text (between text:change-start and text:change-end) left out and the deleted text, kept in
text:tracked-changes, put back where text:change marks it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, Literal

from alignment.errors import DocumentError
from alignment.formats.archive import Archive
from alignment.formats.common import NO_TRACKED_CHANGES, join_paragraphs, parse_xml, split_at_breaks

View = Literal["accepted", "rejected"]

_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_PARAGRAPHS = frozenset([f"{_TEXT}p", f"{_TEXT}h"])
_SPACE, _TAB, _LINE_BREAK = f"{_TEXT}s", f"{_TEXT}tab", f"{_TEXT}line-break"
_CHANGE, _START, _END = f"{_TEXT}change", f"{_TEXT}change-start", f"{_TEXT}change-end"
_ID = f"{_TEXT}change-id"
_LEFT_OUT = frozenset([f"{_OFFICE}annotation", f"{_TEXT}note", f"{_TEXT}tracked-changes"])
"""Comments, foot- and endnotes, and the record of tracked changes (deleted text) are not the text."""
_WHITE = re.compile(r"[ \t\r\n]+")


@dataclass(frozen=True, slots=True)
class _Changes:
    """What a view changes in the text: insertions to leave out, deletions to put back (by change id)."""

    inserted: frozenset[str] = frozenset()
    deleted: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class _Mark:
    """Where an insertion starts (opens) or ends in the stream of text pieces."""

    change: str
    opens: bool


Piece = str | None | _Mark


def _collapsed(text: str | None) -> str:
    """Text as ODF shows it: every run of white space one space (text:s, text:tab keep the rest)."""
    return _WHITE.sub(" ", text) if text else ""


def _inline(paragraph: Any, changes: _Changes) -> Iterator[Piece]:
    """The characters of a paragraph, its spans, links and frames, with the view's changes applied."""
    yield _collapsed(paragraph.text)
    for child in paragraph:
        tag = child.tag
        if tag == _SPACE:
            yield " " * int(child.get(f"{_TEXT}c", "1"))
        elif tag == _TAB:
            yield "\t"
        elif tag == _LINE_BREAK:
            yield "\n"
        elif tag in (_START, _END) and child.get(_ID) in changes.inserted:
            yield _Mark(child.get(_ID), tag == _START)
        elif tag == _CHANGE and child.get(_ID) in changes.deleted:
            # Deleted text that spanned paragraphs comes back as several, the first and last joined on.
            for k, restored in enumerate(changes.deleted[child.get(_ID)].iterfind(f"{_TEXT}p")):
                if k:
                    yield None
                yield from _inline(restored, changes)
        elif isinstance(tag, str) and tag not in _LEFT_OUT:  # not an XML comment
            yield from _inline(child, changes)
        yield _collapsed(child.tail)


def _blocks(container: Any, changes: _Changes) -> Iterator[Piece]:
    """The pieces of each outermost paragraph or heading under container, None after each one."""
    for child in container:
        if child.tag in _PARAGRAPHS:
            yield from _inline(child, changes)
            yield None
        elif isinstance(child.tag, str) and child.tag not in _LEFT_OUT:
            yield from _blocks(child, changes)


def _shown(pieces: Iterable[Piece]) -> Iterator[str | None]:
    """The pieces outside the insertions being left out (paragraph breaks inside them go too)."""
    open_insertions: set[str] = set()
    for piece in pieces:
        if isinstance(piece, _Mark):
            (open_insertions.add if piece.opens else open_insertions.discard)(piece.change)
        elif not open_insertions:
            yield piece


def _text(body: Any, changes: _Changes) -> str:
    """The body's text, paragraphs separated by blank lines."""
    paragraphs = split_at_breaks(_shown(_blocks(body, changes)))
    return join_paragraphs("\n".join(line.strip(" ") for line in p.split("\n")) for p in paragraphs)


def _body(data: bytes) -> Any:
    """The office:text element of an .odt file's content."""
    body = parse_xml(Archive(data).read("content.xml")).find(f"{_OFFICE}body/{_OFFICE}text")
    if body is None:
        raise DocumentError("not a readable OpenDocument text: it has no text body")
    return body


def extract(data: bytes) -> str:
    """The text of an .odt file (tracked changes accepted), paragraphs separated by blank lines."""
    return _text(_body(data), _Changes())


def tracked_text(data: bytes, view: View) -> str:
    """The text with every tracked change rejected (before the edits) or accepted (after them)."""
    body = _body(data)
    regions = body.iterfind(f"{_TEXT}tracked-changes/{_TEXT}changed-region")
    kinds = {region.get(f"{_TEXT}id"): region[0] for region in regions if len(region)}
    inserted = frozenset(i for i, change in kinds.items() if change.tag == f"{_TEXT}insertion")
    deleted = {i: change for i, change in kinds.items() if change.tag == f"{_TEXT}deletion"}
    if not inserted and not deleted:
        raise DocumentError(f"the OpenDocument text {NO_TRACKED_CHANGES}")
    return _text(body, _Changes(inserted, deleted) if view == "rejected" else _Changes())
