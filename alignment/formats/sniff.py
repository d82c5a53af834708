"""Choosing a file's format from its content, trusting the extension only where content cannot tell."""

from __future__ import annotations

import re

from alignment.errors import DocumentError
from alignment.formats.text import decode

LABELS = {
    "txt": "text file",
    "md": "Markdown file",
    "html": "web page",
    "docx": "Word document",
    "odt": "OpenDocument text",
    "epub": "EPUB book",
    "rtf": "RTF document",
    "pdf": "PDF",
}
"""Each format paralign reads, named for a person."""

_SUFFIXES = {".md": "md", ".markdown": "md", ".html": "html", ".htm": "html", ".xhtml": "html"}
_CONTAINERS = {".docx": "docx", ".odt": "odt", ".epub": "epub", ".rtf": "rtf", ".pdf": "pdf"}
_MIMETYPES = {b"application/vnd.oasis.opendocument.text": "odt", b"application/epub+zip": "epub"}
_MIMETYPE_MAX = 64
"""Bytes of the mimetype member read: enough for any, and a lying zip header cannot make it more."""
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_HTML_START = re.compile(
    rb"^(?:\s|<!--.*?-->|<\?xml[^>]*>)*<(?:!doctype\s+html|html|head|body)\b", re.IGNORECASE | re.DOTALL
)
_ANY_TAG = re.compile(rb"<(?:[a-z][a-z0-9]*)(?:\s[^<>]*)?/?>", re.I)


def _zipped(data: bytes) -> str | None:
    """docx, odt or epub for a zip that holds one, None for any other zip."""
    from alignment.formats.archive import open_zip  # zipfile is slow to import; most files are text

    try:
        with open_zip(data) as archive:
            names = set(archive.namelist())
            if "word/document.xml" in names:
                return "docx"
            if "mimetype" in names:
                with archive.open("mimetype") as member:
                    return _MIMETYPES.get(member.read(_MIMETYPE_MAX).strip())
    except Exception:
        # zipfile raises a dozen kinds of error on damaged or exotic archives; none of them is a document
        # (one with too many parts is refused as such when read as the document its name says).
        return None
    return None


def sniff(data: bytes, suffix: str) -> str:
    """The format to read data as: a key of LABELS."""
    suffix = suffix.lower()
    head = data[:1024]
    # Readers accept a PDF header anywhere in the first kilobyte; text only mentioning one stays text.
    if head.lstrip().startswith(b"%PDF-") or (suffix == ".pdf" and b"%PDF-" in head):
        return "pdf"
    if head.lstrip().startswith(b"{\\rtf"):
        return "rtf"
    if head.startswith(b"PK\x03\x04"):
        found = _zipped(data)
        if found:
            return found
        if suffix in (".docx", ".odt", ".epub"):
            return _CONTAINERS[suffix]
        raise DocumentError("a ZIP archive, not a document paralign can open")
    if head.startswith(_OLE):
        raise DocumentError("an old-style Office file (.doc); save it as .docx, .odt or .rtf and open that")
    if suffix in _CONTAINERS:
        try:
            decode(data)
        except DocumentError:
            # Not text either: a damaged document, reported as one.
            return _CONTAINERS[suffix]
    ascii_head = head.replace(b"\0", b"")  # lets UTF-16 markup be recognised too
    if _HTML_START.match(ascii_head) or (_SUFFIXES.get(suffix) == "html" and _ANY_TAG.search(ascii_head)):
        return "html"
    return "md" if _SUFFIXES.get(suffix) == "md" else "txt"
