"""PDF files: the text layer, with lines rejoined into paragraphs and line-end hyphenation undone."""

from __future__ import annotations

import io
import logging
import re
from collections.abc import Iterable, Iterator
from types import ModuleType
from typing import Any

from alignment.errors import DocumentError
from alignment.formats.common import join_paragraphs, library
from alignment.formats.pdf_streams import bound, one_pdf

# pdfminer logs every oddity of a damaged file; unconfigured, Python would print them all on stderr.
logging.getLogger("pdfminer").addHandler(logging.NullHandler())

_SHORT_LINE = 0.7
"""A line ending before this share of its page's text width ends where the author broke it."""
_SENTENCE_END = tuple('.!?:;…"”’»)]')
_COMPOUND = re.compile(r"[^\W\d_]+-[^\W\d_]+")
_LAST_WORD = re.compile(r"[^\W\d_]+$")
_FIRST_WORD = re.compile(r"[^\W\d_]+")


def _glue(before: str, after: str, separator: str, compounds: frozenset[str]) -> tuple[int, str]:
    """How many characters to drop from the end of before, and what to put between it and after.

    "commit-|ment" was one word; "long-|term" stays hyphenated when the document writes it so elsewhere,
    and "Jean-|Pierre" keeps its hyphen; none of them gains a space.
    """
    if before.endswith("\xad"):
        return 1, ""
    if len(before) > 1 and before.endswith("-") and before[-2].isalpha():
        head, tail = _LAST_WORD.search(before[-64:-1]), _FIRST_WORD.match(after)
        compound = f"{head.group() if head else ''}-{tail.group() if tail else ''}".casefold()
        return (1 if after[:1].islower() and compound not in compounds else 0), ""
    return 0, separator


def _joined(pieces: Iterable[tuple[str, str]], compounds: frozenset[str]) -> str:
    """Pieces of one paragraph, each with the separator it takes when no hyphenation joins it on."""
    parts: list[str] = []
    for piece, separator in pieces:
        if parts:
            drop, glue = _glue(parts[-1], piece, separator, compounds)
            parts[-1] = parts[-1][: len(parts[-1]) - drop]
            parts.append(glue)
        parts.append(piece)
    return "".join(parts)


def _box_lines(box: Any, line_type: type, left: float, full: float) -> list[tuple[str, bool]]:
    """The non-empty lines of a text box, each marked short when it ends well before the page's widest."""
    lines = [
        (line.get_text().strip(), line.x1 - left < _SHORT_LINE * full)
        for line in box
        if isinstance(line, line_type)
    ]
    return [(text, short) for text, short in lines if text]


def _paragraph(lines: list[tuple[str, bool]], compounds: frozenset[str]) -> str:
    """The lines of a text box as one paragraph, the author's short lines kept as line breaks."""
    separators = [" ", *("\n" if short else " " for _, short in lines)]
    return _joined(((text, sep) for (text, _), sep in zip(lines, separators, strict=False)), compounds)


def _boxes(container: Any, box_type: type, figure_type: type) -> Iterator[Any]:
    """The text boxes of a page in reading order, including those inside figures."""
    for item in container:
        if isinstance(item, box_type):
            yield item
        elif isinstance(item, figure_type):
            yield from _boxes(item, box_type, figure_type)


def _rejoined(paragraphs: list[str], compounds: frozenset[str]) -> Iterator[str]:
    """Paragraphs with those cut by a page or column break joined again.

    A block that ends without closing punctuation, followed by one starting in lower case, is one
    paragraph the layout cut in two.
    """
    run: list[str] = []
    for paragraph in paragraphs:
        if run and (run[-1].endswith(_SENTENCE_END) or not paragraph[:1].islower()):
            yield _joined(((p, " ") for p in run), compounds)
            run = []
        run.append(paragraph)
    if run:
        yield _joined(((p, " ") for p in run), compounds)


def _page_boxes(page: Any, layout: ModuleType) -> Iterator[list[tuple[str, bool]]]:
    """The lines of each text box of one page, boxes in reading order."""
    boxes = list(_boxes(page, layout.LTTextBox, layout.LTFigure))
    if boxes:
        left = min(box.x0 for box in boxes)
        full = max(box.x1 for box in boxes) - left
        for box in boxes:
            lines = _box_lines(box, layout.LTTextLine, left, full)
            if lines:
                yield lines


def extract(data: bytes) -> str:
    """The text of a PDF, paragraphs separated by blank lines; empty when it has no text layer."""
    high_level = library("pdfminer.high_level", "pdfminer.six")
    layout = library("pdfminer.layout", "pdfminer.six")
    encrypted = library("pdfminer.pdfdocument", "pdfminer.six").PDFEncryptionError
    bound(library("pdfminer.pdftypes", "pdfminer.six"), library("pdfminer.lzw", "pdfminer.six"))
    pages = high_level.extract_pages(io.BytesIO(data), laparams=layout.LAParams(all_texts=True))
    try:
        with one_pdf():
            boxes = [lines for page in pages for lines in _page_boxes(page, layout)]
    except encrypted:
        raise DocumentError("the PDF is password-protected; save an unprotected copy and open that") from None
    compounds = frozenset(
        m.casefold() for lines in boxes for text, _ in lines for m in _COMPOUND.findall(text)
    )
    return join_paragraphs(_rejoined([_paragraph(lines, compounds) for lines in boxes], compounds))
