"""PDF files: the text layer, lines rejoined into paragraphs told apart by their gaps, hyphenation undone."""

from __future__ import annotations

import io
import logging
import math
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from types import ModuleType
from typing import Any

from alignment.errors import DocumentError
from alignment.formats.common import join_paragraphs, library
from alignment.formats.pdf_chars import pages as laid_out
from alignment.formats.pdf_streams import bound, one_pdf
from alignment.formats.pdf_tokens import linear

# pdfminer logs every oddity of a damaged file; unconfigured, Python would print them all on stderr.
logging.getLogger("pdfminer").addHandler(logging.NullHandler())

_SHORT_LINE = 0.7
"""A line ending before this share of its page's text width ends where the author broke it."""
_LINE_MARGIN = 1.6
"""pdfminer puts lines into one text box when less than this many line heights apart: lines set 1.5 or
double spaced (gaps of 0.5 to 1.4 heights) stay one box, so its paragraphs are told apart by their gaps."""
_PARAGRAPH_GAP = 0.2
"""A gap at least this many line heights wider than the one between a paragraph's lines ends the paragraph."""
_GAP_STEP = 10
"""Gaps are measured in tenths of a line height, which absorbs the rounding of fonts' ascents and descents."""
_LINE_GAP_RANK = 0.25
"""The gap between a paragraph's lines is the document's lower quartile of gaps: paragraph breaks, headings
and list items are the wider gaps, and in a document of many lists or short paragraphs the common ones."""
_SPACES = (" ", "\xa0")
_COLUMN_LINES = 3
"""Boxes of this many lines side by side are columns (a page number or a caption beside text is not)."""
_SENTENCE_END = tuple('.!?:;…"”’»)]')
_COMPOUND = re.compile(r"(?<![^\W\d_])[^\W\d_]+-[^\W\d_]+")
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


@dataclass(frozen=True)
class _Line:
    """One line of a text box: its text, whether it ends well before its column's widest, the gap above it."""

    text: str
    short: bool
    gap: int | None
    """The gap from the line above in the box, in tenths of that line's height; None for the first."""


def _line_text(line: Any, anno_type: type) -> str:
    """A line's text, with one space between words where the PDF drew a space and spread it.

    pdfminer adds a space wherever characters stand apart, so a space the PDF drew and then widened
    (the word spacing of justified text) came out doubled.
    """
    items = [(item.get_text(), isinstance(item, anno_type)) for item in line]
    return "".join(
        text
        for k, (text, inferred) in enumerate(items)
        if not (
            inferred
            and text == " "
            and (
                (k > 0 and items[k - 1][0].endswith(_SPACES))
                or (k + 1 < len(items) and items[k + 1][0].startswith(_SPACES))
            )
        )
    ).strip()


def _box_lines(box: Any, layout: ModuleType, left: float, full: float) -> list[_Line]:
    """The non-empty lines of a text box, top down, each with its gap from the one above."""
    lines: list[_Line] = []
    above = None
    for line in box:
        if not isinstance(line, layout.LTTextLine):
            continue
        text = _line_text(line, layout.LTAnno)
        if text:
            gap = (
                None
                if above is None or above.height <= 0
                else round((above.y0 - line.y1) / above.height * _GAP_STEP)
            )
            lines.append(_Line(text, line.x1 - left < _SHORT_LINE * full, gap))
            above = line
    return lines


def _paragraphs(lines: list[_Line], break_gap: float) -> Iterator[list[_Line]]:
    """The lines of a text box cut into paragraphs where the gap above a line is break_gap or wider."""
    run: list[_Line] = []
    for line in lines:
        if run and line.gap is not None and line.gap >= break_gap:
            yield run
            run = []
        run.append(line)
    if run:
        yield run


def _break_gap(gaps: list[int]) -> float:
    """The narrowest gap between lines, in tenths of a line height, that ends a paragraph (gaps sorted)."""
    spread = [gap for gap in gaps if gap >= 0]  # lines side by side or overlapping say nothing of spacing
    if not spread:
        return math.inf
    return spread[int(len(spread) * _LINE_GAP_RANK)] + _PARAGRAPH_GAP * _GAP_STEP


def _paragraph(lines: list[_Line], compounds: frozenset[str]) -> str:
    """Lines of one paragraph joined, the author's short lines kept as line breaks."""
    separators = [" ", *("\n" if line.short else " " for line in lines)]
    return _joined(((line.text, sep) for line, sep in zip(lines, separators, strict=False)), compounds)


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


def _side_by_side(boxes: list[Any], line_type: type) -> bool:
    """Whether a page sets its text in columns: two boxes of several lines each, apart and level."""
    columns = [box for box in boxes if sum(isinstance(line, line_type) for line in box) >= _COLUMN_LINES]
    return any(
        max(a.x0, b.x0) > min(a.x1, b.x1) and max(a.y0, b.y0) < min(a.y1, b.y1)
        for k, a in enumerate(columns)
        for b in columns[k + 1 :]
    )


def _page_boxes(page: Any, layout: ModuleType) -> Iterator[list[_Line]]:
    """The lines of each text box of one page, boxes in reading order."""
    boxes = list(_boxes(page, layout.LTTextBox, layout.LTFigure))
    if not boxes:
        return
    columns = _side_by_side(boxes, layout.LTTextLine)
    left, right = min(box.x0 for box in boxes), max(box.x1 for box in boxes)
    for box in boxes:
        # A line is short against the width of its own column; on a page of one column, against
        # the page's text width, so that a box of short lines (a list) keeps its line breaks.
        lines = (
            _box_lines(box, layout, box.x0, box.width)
            if columns
            else _box_lines(box, layout, left, right - left)
        )
        if lines:
            yield lines


def extract(data: bytes) -> str:
    """The text of a PDF, paragraphs separated by blank lines; empty when it has no text layer."""
    layout = library("pdfminer.layout", "pdfminer.six")
    encrypted = library("pdfminer.pdfdocument", "pdfminer.six").PDFEncryptionError
    bound(library("pdfminer.pdftypes", "pdfminer.six"), library("pdfminer.lzw", "pdfminer.six"))
    linear(library("pdfminer.psparser", "pdfminer.six"))
    pages = laid_out(io.BytesIO(data), layout.LAParams(all_texts=True, line_margin=_LINE_MARGIN))
    try:
        with one_pdf():
            boxes = [lines for page in pages for lines in _page_boxes(page, layout)]
    except encrypted:
        raise DocumentError("the PDF is password-protected; save an unprotected copy and open that") from None
    compounds = frozenset(
        m.casefold() for lines in boxes for line in lines for m in _COMPOUND.findall(line.text)
    )
    break_gap = _break_gap(sorted(line.gap for lines in boxes for line in lines if line.gap is not None))
    paragraphs = [_paragraph(run, compounds) for lines in boxes for run in _paragraphs(lines, break_gap)]
    return join_paragraphs(_rejoined(paragraphs, compounds))
