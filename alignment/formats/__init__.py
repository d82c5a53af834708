"""Turning a file's bytes into the text the panes show, whatever format the file is in."""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Literal

from alignment.errors import DocumentError
from alignment.formats.limits import MAX_BYTES, check_size
from alignment.formats.sniff import LABELS, sniff
from alignment.formats.text import decode, reading_notes

__all__ = ["MAX_BYTES", "READINGS", "Extracted", "Reading", "TrackedView", "extract"]

Reading = Literal["article", "whole"]
READINGS: tuple[Reading, ...] = ("article", "whole")
"""How a web page is read: its main text only (the default), or everything it shows (the web page
reader, formats/html.py, is imported only for a page)."""
TrackedView = Literal["rejected", "accepted"]
"""A file with tracked changes read before its edits (every change rejected) or after (all accepted)."""
_TRACKED = frozenset(["docx", "odt"])
"""The formats whose tracked changes paralign reads."""
_NOT_TRACKED = "carries no tracked changes to compare; give its paraphrase too"


@dataclass(frozen=True, slots=True)
class Extracted:
    """The text of a file, the format it was read as, its encoding (empty unless a text file), notes."""

    text: str
    format: str
    encoding: str
    notes: tuple[str, ...] = ()


def _read(data: bytes, fmt: str, html: Reading, tracked: TrackedView | None) -> tuple[str, str]:
    """The text and encoding of a file already known to be in format fmt."""
    if tracked is not None:
        if fmt not in _TRACKED:
            raise DocumentError(f"a {LABELS[fmt]} {_NOT_TRACKED}")
        return importlib.import_module(f"alignment.formats.{fmt}").tracked_text(data, tracked), ""
    if fmt in ("txt", "md"):
        text, encoding = decode(data)
        return (text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text), encoding
    # Imported only when needed: the parsers are slow to import and most files are plain text.
    reader = importlib.import_module(f"alignment.formats.{fmt}")
    if fmt == "html":
        return reader.extract(data, html)
    return reader.extract(data), ""


def extract(
    data: bytes, suffix: str, *, html: Reading = "article", tracked: TrackedView | None = None
) -> Extracted:
    """The text of a file's bytes; raises DocumentError (without the file name) on anything unreadable.

    html says how a web page is read: its article, or the whole page; tracked asks for the text with
    every tracked change rejected or accepted (refused for a file without any).
    """
    fmt = sniff(data, suffix)
    try:
        text, encoding = _read(data, fmt, html, tracked)
    except DocumentError:
        raise
    except Exception as exc:
        # Parsers raise whatever their internals hit on damaged input; the user needs one clear message.
        raise DocumentError(f"not a readable {LABELS[fmt]}: the file is damaged or incomplete") from exc
    check_size(len(text), "characters of text")
    if not text.strip():
        if fmt == "pdf":
            raise DocumentError("the PDF has no text layer (a scanned image?); run it through OCR first")
        raise DocumentError("the file is empty" if fmt in ("txt", "md") else f"the {LABELS[fmt]} has no text")
    return Extracted(text, fmt, encoding, reading_notes(data, encoding))
