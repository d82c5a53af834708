"""What the format readers share: importing their library and laying out paragraphs."""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Iterator
from types import ModuleType
from typing import Any

from alignment.errors import DocumentError

NO_TRACKED_CHANGES = "has no tracked changes; to compare it, give the text to compare it with too"
"""What a document given alone without tracked changes is told (after its kind: "the Word document …")."""


def library(module: str, package: str) -> ModuleType:
    """Import a format library, or say plainly which package is missing."""
    try:
        return importlib.import_module(module)
    except ImportError:
        raise DocumentError(
            f"reading this format needs the {package} package: pip install {package}"
        ) from None


def join_paragraphs(paragraphs: Iterable[str]) -> str:
    """Paragraphs trimmed, the empty ones dropped, separated by one blank line."""
    return "\n\n".join(p for p in (p.strip() for p in paragraphs) if p)


def parse_xml(data: bytes) -> Any:
    """The root of an XML document part, with no entity expanded and nothing fetched from anywhere."""
    etree = library("lxml.etree", "lxml")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    return etree.fromstring(data, parser)


def split_at_breaks(pieces: Iterable[str | None]) -> Iterator[str]:
    """The text between the paragraph breaks (None) of a stream of text pieces."""
    current: list[str] = []
    for piece in pieces:
        if piece is None:
            yield "".join(current)
            current = []
        else:
            current.append(piece)
    yield "".join(current)
