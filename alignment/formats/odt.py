"""OpenDocument text (.odt): headings and paragraphs in reading order, without comments or notes."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from alignment.formats.archive import Archive
from alignment.formats.common import join_paragraphs, parse_xml

_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_PARAGRAPHS = frozenset([f"{_TEXT}p", f"{_TEXT}h"])
_SPACE, _TAB, _LINE_BREAK = f"{_TEXT}s", f"{_TEXT}tab", f"{_TEXT}line-break"
_LEFT_OUT = frozenset([f"{_OFFICE}annotation", f"{_TEXT}note", f"{_TEXT}tracked-changes"])
"""Comments, foot- and endnotes, and the record of tracked changes (deleted text) are not the text."""
_WHITE = re.compile(r"[ \t\r\n]+")


def _collapsed(text: str | None) -> str:
    """Text as ODF shows it: every run of white space one space (text:s, text:tab keep the rest)."""
    return _WHITE.sub(" ", text) if text else ""


def _inline(paragraph: Any) -> Iterator[str]:
    """The characters of a paragraph, its spans, links and frames."""
    yield _collapsed(paragraph.text)
    for child in paragraph:
        if child.tag == _SPACE:
            yield " " * int(child.get(f"{_TEXT}c", "1"))
        elif child.tag == _TAB:
            yield "\t"
        elif child.tag == _LINE_BREAK:
            yield "\n"
        elif isinstance(child.tag, str) and child.tag not in _LEFT_OUT:  # not an XML comment
            yield from _inline(child)
        yield _collapsed(child.tail)


def _paragraphs(container: Any) -> Iterator[str]:
    """The text of each outermost paragraph or heading under container, in document order."""
    for child in container:
        if child.tag in _PARAGRAPHS:
            yield "\n".join(line.strip(" ") for line in "".join(_inline(child)).split("\n"))
        elif isinstance(child.tag, str) and child.tag not in _LEFT_OUT:
            yield from _paragraphs(child)


def extract(data: bytes) -> str:
    """The text of an .odt file, paragraphs separated by blank lines."""
    root = parse_xml(Archive(data).read("content.xml"))
    return join_paragraphs(_paragraphs(root.iterfind(f"{_OFFICE}body/{_OFFICE}text")))
