"""PDF files: the text layer, with lines rejoined into paragraphs and line-end hyphenation undone."""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator
from types import ModuleType
from typing import Any

from alignment.errors import DocumentError
from alignment.formats.common import join_paragraphs, library

# pdfminer logs every oddity of a damaged file; unconfigured, Python would print them all on stderr.
logging.getLogger("pdfminer").addHandler(logging.NullHandler())

_SHORT_LINE = 0.7
"""A line ending before this share of its page's text width ends where the author broke it."""
_SENTENCE_END = tuple('.!?:;…"”’»)]')


def _join(before: str, after: str, separator: str) -> str:
    """Two pieces of one paragraph, with a word hyphenated across them made whole again."""
    if before.endswith("\xad"):
        return before[:-1] + after
    if len(before) > 1 and before.endswith("-") and before[-2].isalpha():
        # "commit-|ment" was one word; "Jean-|Pierre" keeps its hyphen, but never gains a space.
        return (before[:-1] if after[:1].islower() else before) + after
    return before + separator + after


def _paragraph(box: Any, line_type: type, left: float, full: float) -> str:
    """The lines of a text box as one paragraph, keeping the author's short lines as line breaks.

    A line is short when it ends well before the widest line of its page (left to full).
    """
    pieces = [(line.get_text().strip(), line.x1 - left) for line in box if isinstance(line, line_type)]
    pieces = [(text, right) for text, right in pieces if text]
    if not pieces:
        return ""
    text = pieces[0][0]
    for (_, right), (piece, _) in zip(pieces, pieces[1:], strict=False):
        text = _join(text, piece, "\n" if right < _SHORT_LINE * full else " ")
    return text


def _boxes(container: Any, box_type: type, figure_type: type) -> Iterator[Any]:
    """The text boxes of a page in reading order, including those inside figures."""
    for item in container:
        if isinstance(item, box_type):
            yield item
        elif isinstance(item, figure_type):
            yield from _boxes(item, box_type, figure_type)


def _rejoined(paragraphs: list[str]) -> Iterator[str]:
    """Paragraphs with those cut by a page or column break joined again.

    A block that ends without closing punctuation, followed by one starting in lower case, is one
    paragraph the layout cut in two.
    """
    current = ""
    for paragraph in paragraphs:
        if current and not current.endswith(_SENTENCE_END) and paragraph[:1].islower():
            current = _join(current, paragraph, " ")
        else:
            if current:
                yield current
            current = paragraph
    if current:
        yield current


def _page_paragraphs(page: Any, layout: ModuleType) -> Iterator[str]:
    """The paragraphs of one page in reading order."""
    boxes = list(_boxes(page, layout.LTTextBox, layout.LTFigure))
    if boxes:
        left = min(box.x0 for box in boxes)
        full = max(box.x1 for box in boxes) - left
        yield from (_paragraph(box, layout.LTTextLine, left, full) for box in boxes)


def extract(data: bytes) -> str:
    """The text of a PDF, paragraphs separated by blank lines; empty when it has no text layer."""
    high_level = library("pdfminer.high_level", "pdfminer.six")
    layout = library("pdfminer.layout", "pdfminer.six")
    encrypted = library("pdfminer.pdfdocument", "pdfminer.six").PDFEncryptionError
    pages = high_level.extract_pages(io.BytesIO(data), laparams=layout.LAParams(all_texts=True))
    try:
        paragraphs = [p for page in pages for p in _page_paragraphs(page, layout) if p]
    except encrypted:
        raise DocumentError("the PDF is password-protected; save an unprotected copy and open that") from None
    return join_paragraphs(_rejoined(paragraphs))
