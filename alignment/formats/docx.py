"""Word (.docx) documents: the body's paragraphs and table cells, in reading order."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from typing import Any

from alignment.formats.common import join_paragraphs, library
from alignment.formats.limits import check_archive


def _blocks(container: Any) -> Iterator[str]:
    """The text of each paragraph under a body or table cell, descending into tables."""
    for item in container.iter_inner_content():
        if hasattr(item, "rows"):
            for row in item.rows:
                seen: set[int] = set()
                for cell in row.cells:
                    # A merged cell is listed once per grid column it spans.
                    if id(cell._tc) not in seen:
                        seen.add(id(cell._tc))
                        yield from _blocks(cell)
        else:
            yield item.text


def extract(data: bytes) -> str:
    """The text of a .docx file, paragraphs separated by blank lines."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        check_archive(archive)
    document = library("docx", "python-docx").Document(io.BytesIO(data))
    return join_paragraphs(_blocks(document))
