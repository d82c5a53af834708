"""PDF pages laid out by pdfminer with the characters they draw counted first, so that a page drawing
one huge string is refused before pdfminer makes its layout objects.

pdfminer makes a Python object of about 800 bytes for every character drawn: a page drawing a 1 MiB
string took 15.6 s of CPU and 838 MiB. Each string a page draws is counted before it is laid out,
against a limit per page and one for the whole file.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, BinaryIO

from alignment.errors import DocumentError
from alignment.formats.common import library

PAGE_CHARACTERS = 100_000
"""Character codes one page may draw: a book page holds 3-5 thousand characters, a page of small print
in two columns (a dictionary) 10-15 thousand, twice that in a font of two-byte codes; laying out the
limit costs about 80 MB and 1.5 s."""
TOTAL_CHARACTERS = 8 * 2**20
"""Character codes the whole PDF may draw: twice the Bible (4.3 million characters), about 2,000 full
book pages; pdfminer lays out about 70,000 a second, so this also bounds the time to about 2 minutes."""


def _counting(converter: Any) -> type:
    """pdfminer's page aggregator, counting the character codes of every string before laying it out."""

    class Counting(converter.PDFPageAggregator):  # type: ignore[misc]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self.page_left = PAGE_CHARACTERS
            self.total_left = TOTAL_CHARACTERS

        def begin_page(self, page: Any, ctm: Any) -> None:
            """A new page: its own count starts afresh."""
            self.page_left = PAGE_CHARACTERS
            super().begin_page(page, ctm)

        def render_string(self, textstate: Any, seq: Any, ncs: Any, graphicstate: Any) -> None:
            """Lay out one string (or a TJ array of them) once its codes fit in what is left."""
            codes = sum(len(item) for item in seq if isinstance(item, bytes))
            self.page_left -= codes
            self.total_left -= codes
            if self.page_left < 0:
                raise DocumentError(
                    f"too large (a page of the PDF draws more than {PAGE_CHARACTERS:,} characters)"
                )
            if self.total_left < 0:
                raise DocumentError(f"too large (the PDF draws more than {TOTAL_CHARACTERS:,} characters)")
            super().render_string(textstate, seq, ncs, graphicstate)

    return Counting


def pages(fp: BinaryIO, laparams: Any) -> Iterator[Any]:
    """The laid-out pages of a PDF (as pdfminer.high_level.extract_pages), within the character limits."""
    pdfinterp = library("pdfminer.pdfinterp", "pdfminer.six")
    resources = pdfinterp.PDFResourceManager(caching=True)
    device = _counting(library("pdfminer.converter", "pdfminer.six"))(resources, laparams=laparams)
    interpreter = pdfinterp.PDFPageInterpreter(resources, device)
    for page in library("pdfminer.pdfpage", "pdfminer.six").PDFPage.get_pages(fp, caching=True):
        interpreter.process_page(page)
        yield device.get_result()
