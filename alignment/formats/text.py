"""Decoding a text file's bytes in whatever encoding it was saved in."""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from alignment.errors import DocumentError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
_MAX_CONTROL_SHARE = 0.01
_CHAOS_TOLERANCE, _COHERENCE_TOLERANCE = 0.1, 0.02
_BINARY = "binary data, not text or a document paralign can open"


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 for bytes whose NULs sit on one side of each pair, as in BOM-less UTF-16 of Latin text."""
    if len(data) % 2:
        return None
    even, odd = data[0::2].count(0), data[1::2].count(0)
    if max(even, odd) < len(data) // 4 or min(even, odd) > max(even, odd) // 10:
        return None
    return "utf-16-be" if even > odd else "utf-16-le"


def _legacy(data: bytes) -> str | None:
    """The most plausible legacy encoding: Windows-1252 unless another code page reads clearly better."""
    matches = from_bytes(data)
    best = matches.best()
    if best is None:
        return None
    for match in matches:
        # charset-normalizer often ranks a Baltic or Central European code page first on Western text,
        # where only a few accented letters differ; Western text is by far the more common.
        if (
            "cp1252" in match.could_be_from_charset
            and match.chaos <= best.chaos + _CHAOS_TOLERANCE
            and match.coherence >= best.coherence - _COHERENCE_TOLERANCE
        ):
            return "cp1252"
    return best.encoding


def _encoding_of(data: bytes) -> str | None:
    """The encoding to decode data with, or None when it is not text."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    if b"\0" in data:
        return _utf16_without_bom(data)
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return _legacy(data)
    return "utf-8"


def decode(data: bytes) -> tuple[str, str]:
    """The text of a text file and the encoding it was in; DocumentError for binary data."""
    encoding = _encoding_of(data)
    if encoding is None:
        raise DocumentError(_BINARY)
    try:
        text = data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        raise DocumentError(_BINARY) from None
    if "\0" in text or len(_CONTROL.findall(text)) > _MAX_CONTROL_SHARE * len(text):
        raise DocumentError(_BINARY)
    return text, encoding.removesuffix("-sig")
