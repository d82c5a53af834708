"""Reading local files into the one text that all offsets refer to."""

from __future__ import annotations

import re
from pathlib import Path

from alignment.errors import DocumentError
from alignment.model import Document, Span

_PARAGRAPH_BREAK = re.compile(r"\n[ \t\f\v]*\n\s*")


def paragraphs_of(text: str) -> tuple[Span, ...]:
    """Spans of the blocks of text separated by blank lines, trimmed of outer whitespace."""
    spans: list[Span] = []
    pos = 0
    for m in [*_PARAGRAPH_BREAK.finditer(text), None]:
        end = m.start() if m else len(text)
        block = text[pos:end]
        stripped = block.strip()
        if stripped:
            lead = len(block) - len(block.lstrip())
            spans.append((pos + lead, pos + lead + len(stripped)))
        if m:
            pos = m.end()
    return tuple(spans)


def document_from_text(text: str, path: str = "", fmt: str = "txt", encoding: str = "utf-8") -> Document:
    """A document over text already in memory (pasted, or extracted from a file)."""
    return Document(path=path, text=text, paragraphs=paragraphs_of(text), format=fmt, encoding=encoding)


def load_document(path: str | Path) -> Document:
    """Read a local file without ever writing to it."""
    p = Path(path)
    try:
        data = p.read_bytes()
    except FileNotFoundError:
        raise DocumentError(f"{p}: no such file") from None
    except IsADirectoryError:
        raise DocumentError(f"{p}: is a folder, not a file") from None
    except PermissionError:
        raise DocumentError(f"{p}: permission denied") from None
    except OSError as exc:
        raise DocumentError(f"{p}: cannot be read ({exc.strerror or exc})") from None
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise DocumentError(f"{p}: the file is empty")
    return document_from_text(text, str(p))
