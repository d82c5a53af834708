"""OpenDocument text (.odt): headings and paragraphs, in reading order."""

from __future__ import annotations

import io
import zipfile

from alignment.formats.common import join_paragraphs, library
from alignment.formats.limits import check_archive


def extract(data: bytes) -> str:
    """The text of an .odt file, paragraphs separated by blank lines."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        check_archive(archive)
    document = library("odfdo", "odfdo").Document(io.BytesIO(data))
    # Outermost paragraphs only: one nested in a note or frame is already part of its parent's text.
    blocks = document.body.get_elements(
        "descendant::*[self::text:p or self::text:h][not(ancestor::text:p or ancestor::text:h)]"
    )
    return join_paragraphs(str(block) for block in blocks)
