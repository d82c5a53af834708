"""Reading local files into the one text that all offsets refer to."""

from __future__ import annotations

import re
import stat
from pathlib import Path

from alignment.errors import DocumentError
from alignment.formats import MAX_BYTES, Reading, TrackedView, extract
from alignment.formats.limits import check_size
from alignment.model import Document, Span
from alignment.paths import shown

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


def _read_bytes(p: Path) -> bytes:
    """A regular file's bytes, read once and closed at once, refused past the size limit."""
    try:
        info = p.stat()
        if stat.S_ISDIR(info.st_mode):
            raise DocumentError("is a folder, not a file")
        if not stat.S_ISREG(info.st_mode):
            raise DocumentError("is not a regular file")
        check_size(info.st_size)
        with p.open("rb") as f:
            data = f.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise DocumentError("no such file") from None
    except PermissionError:
        raise DocumentError("permission denied: paralign may not read this file") from None
    except OSError as exc:
        raise DocumentError(f"cannot be read ({exc.strerror or exc})") from None
    except ValueError:
        raise DocumentError("not a valid file name") from None
    check_size(len(data))
    return data


def load_document(
    path: str | Path, *, html: Reading = "article", tracked: TrackedView | None = None
) -> Document:
    """Read a local file in any supported format without ever writing to, locking or touching it.

    html says how a web page is read: its article, or the whole page; tracked reads a Word file's
    text before (every tracked change rejected) or after its edits (all accepted).
    """
    p = Path(path)
    try:
        found = extract(_read_bytes(p), p.suffix, html=html, tracked=tracked)
    except DocumentError as exc:
        raise DocumentError(f"{shown(p)}: {exc}") from None
    return Document(
        path=str(p),
        text=found.text,
        paragraphs=paragraphs_of(found.text),
        format=found.format,
        encoding=found.encoding,
        tracked=tracked or "",
        notes=found.notes,
    )
