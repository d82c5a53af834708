"""Decoding a text file's bytes in whatever encoding it was saved in."""

from __future__ import annotations

import codecs
import re

from alignment.errors import DocumentError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_ASCII_CONTROLS = bytes([*range(0x00, 0x09), *range(0x0E, 0x20), 0x7F])
"""The control characters of ASCII (tab, line ends and form feed aside)."""
_CONTROL = re.compile("[" + re.escape(_ASCII_CONTROLS.decode("ascii")) + "\x80-\x9f\ufffe\uffff]")
_MAX_CONTROL_SHARE = 0.01
_CHAOS_TOLERANCE, _COHERENCE_TOLERANCE = 0.1, 0.02
_BINARY = "binary data, not text or a document paralign can open"
_LAST_PLANE = 0x10
"""The highest Unicode plane: the third byte of a UTF-32 code unit never exceeds it."""
_PRINTABLE_ASCII = bytes(range(0x20, 0x7F)) + b"\t\n\r"
_EIGHT_BIT_SHARE = 0.9
"""Bytes this much printable ASCII are an 8-bit text (with a stray NUL), not UTF-16 of another script."""
_ESCAPED = re.compile("[\udc80-\udcff]")
"""What Python's surrogateescape makes of each byte that is not UTF-8."""
REPLACEMENT = "\ufffd"
"""Shown in place of a byte that could not be read."""


def _wide_without_bom(data: bytes) -> str | None:
    """UTF-32 or UTF-16 for bytes whose NULs fall where those encodings put them, in any script."""
    if len(data) % 4 == 0:
        for name, zero, plane in (("utf-32-le", 3, 2), ("utf-32-be", 0, 1)):
            if data[zero::4].count(0) == len(data) // 4 and max(data[plane::4]) <= _LAST_PLANE:
                return name
    if len(data) % 2:
        return None
    even, odd = data[0::2].count(0), data[1::2].count(0)
    if min(even, odd) > max(even, odd) // 10:
        return None
    # Latin script puts a NUL in every other byte; Cyrillic, Arabic or Chinese only at spaces, digits and
    # line ends, where an 8-bit text with a stray NUL would instead be nearly all printable ASCII.
    latin = max(even, odd) >= len(data) // 4
    if not latin and _printable_ascii_share(data) >= _EIGHT_BIT_SHARE:
        return None
    return "utf-16-be" if even > odd else "utf-16-le"


def _printable_ascii_share(data: bytes) -> float:
    return 1 - len(data.translate(None, _PRINTABLE_ASCII)) / len(data)


def _mostly_utf8(data: bytes) -> bool:
    """Whether bytes that are not all UTF-8 hold more well-formed UTF-8 characters than bad bytes.

    A UTF-8 file with a damaged byte, or cut mid-character, has many; text in a legacy code page has
    almost none, since its accented letters are lone high bytes.
    """
    text = data.decode("utf-8", "surrogateescape")
    bad = len(_ESCAPED.findall(text))
    well_formed = len(text) - len(text.encode("ascii", "ignore")) - bad
    return well_formed >= bad


def _legacy(data: bytes) -> str | None:
    """The most plausible legacy encoding: Windows-1252 unless another code page reads clearly better."""
    from charset_normalizer import from_bytes  # slow to import; most files are UTF-8

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
        return _wide_without_bom(data)
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return "utf-8" if _mostly_utf8(data) else _legacy(data)
    return "utf-8"


def decode(data: bytes) -> tuple[str, str]:
    """The text of a text file and the encoding it was in; DocumentError for binary data.

    Bytes of a UTF-8 file that are not UTF-8 become one U+FFFD each (see reading_notes).
    """
    encoding = _encoding_of(data)
    if encoding is None:
        raise DocumentError(_BINARY)
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        if not encoding.startswith("utf-8"):
            raise DocumentError(_BINARY) from None
        text = _ESCAPED.sub(REPLACEMENT, data.decode(encoding, "surrogateescape"))
    except LookupError:
        raise DocumentError(_BINARY) from None
    if "\0" in text or _controls(text) > _MAX_CONTROL_SHARE * len(text):
        raise DocumentError(_BINARY)
    return text, encoding.removesuffix("-sig")


def _controls(text: str) -> int:
    """How many control characters text holds (tab, line ends and form feed aside)."""
    if text.isascii():  # as bytes, counted several times faster than by the regex
        return len(text) - len(text.encode("ascii").translate(None, _ASCII_CONTROLS))
    return len(_CONTROL.findall(text))


def undecodable_bytes(data: bytes) -> int:
    """How many bytes of data are not UTF-8: those a UTF-8 reading shows as U+FFFD."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return len(_ESCAPED.findall(data.decode("utf-8", "surrogateescape")))
    return 0


def reading_notes(data: bytes, encoding: str) -> tuple[str, ...]:
    """What the reader should know about how a file was decoded: bytes a UTF-8 reading replaced."""
    count = undecodable_bytes(data) if encoding == "utf-8" else 0
    if not count:
        return ()
    subject = "1 byte could" if count == 1 else f"{count} bytes could"
    return (f"{subject} not be read as UTF-8 and {'is' if count == 1 else 'are'} shown as {REPLACEMENT}",)
