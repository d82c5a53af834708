"""PDF streams unpacked within the size limit, so that a decompression bomb is refused as it inflates.

pdfminer unpacks every stream whole (a 3 MB file can hold a page that inflates to 3 GiB), and its
RunLength decoder holds each byte as a Python int. Its filters are replaced by ones that count every
byte they produce against a limit per stream and one for the whole file.
"""

from __future__ import annotations

import contextlib
import contextvars
import io
import zlib
from collections.abc import Iterator
from types import ModuleType

from alignment.errors import DocumentError
from alignment.formats.limits import MAX_BYTES

TOTAL_BYTES = 2 * MAX_BYTES
"""All streams of one PDF together (page contents, fonts, object streams): a long book needs a fraction."""
_CHECKSUM = 4
"""Bytes of the Adler-32 checksum ending a zlib stream: damage there still leaves the data whole."""
_RUN_END = 128
"""The RunLength length byte that ends the data."""


class _Budget:
    """What is left to unpack of one PDF, and whether it ran out (pdfminer swallows some errors)."""

    def __init__(self) -> None:
        self.left = TOTAL_BYTES
        self.exceeded = ""

    def stream(self) -> _Stream:
        return _Stream(self)


class _Stream:
    """What is left to unpack of one stream."""

    def __init__(self, budget: _Budget) -> None:
        self.budget = budget
        self.left = MAX_BYTES

    def room(self) -> int:
        """The most bytes the next piece may unpack to (one more shows it would pass the limit)."""
        return max(0, min(self.left, self.budget.left)) + 1

    def spend(self, size: int) -> None:
        self.left -= size
        self.budget.left -= size
        if self.left < 0:
            self._refuse(f"a part of the PDF unpacks to more than {MAX_BYTES // 2**20} MiB")
        if self.budget.left < 0:
            self._refuse(f"the PDF unpacks to more than {TOTAL_BYTES // 2**20} MiB")

    def _refuse(self, what: str) -> None:
        self.budget.exceeded = f"too large ({what}; a decompression bomb?)"
        raise DocumentError(self.budget.exceeded)


_current: contextvars.ContextVar[_Budget | None] = contextvars.ContextVar("pdf_budget", default=None)


def _stream() -> _Stream:
    """The limits for the next stream: those of the PDF being read, else of a PDF of its own."""
    return (_current.get() or _Budget()).stream()


def _inflate(data: bytes) -> bytes:
    """zlib.decompress within the limits; zlib.error on a damaged or truncated stream, as there."""
    stream, inflater = _stream(), zlib.decompressobj()
    out = inflater.decompress(data, stream.room())
    stream.spend(len(out))
    if not inflater.eof:
        raise zlib.error("incomplete or truncated stream")
    return out


def _inflate_damaged(data: bytes) -> bytes:
    """A zlib stream whose checksum is damaged, within the limits (pdfminer's fallback is quadratic)."""
    stream, inflater = _stream(), zlib.decompressobj()
    body = len(data) - _CHECKSUM
    parts = [inflater.decompress(data[:body], stream.room())]
    stream.spend(len(parts[0]))
    for k in range(max(0, body), len(data)):
        try:
            parts.append(inflater.decompress(data[k : k + 1], stream.room()))
        except zlib.error:
            break
        stream.spend(len(parts[-1]))
    return b"".join(parts)


def _run_length(data: bytes) -> bytes:
    """The RunLengthDecode filter within the limits, as bytes rather than a list of ints."""
    stream, out, at = _stream(), bytearray(), 0
    while at < len(data) and data[at] != _RUN_END:
        length = data[at]
        if length < _RUN_END:
            piece, at = data[at + 1 : at + 2 + length], at + 2 + length
        else:
            piece, at = data[at + 1 : at + 2] * (257 - length), at + 2
        stream.spend(len(piece))
        out += piece
    return bytes(out)


def _lzw(data: bytes, decoder: type) -> bytes:
    """The LZWDecode filter within the limits."""
    stream, parts = _stream(), []
    for piece in decoder(io.BytesIO(data)).run():
        stream.spend(len(piece))
        parts.append(piece)
    return b"".join(parts)


class _BoundedZlib:
    """The part of the zlib module pdfminer.pdftypes uses, bounded."""

    error = zlib.error
    decompress = staticmethod(_inflate)


def bound(pdftypes: ModuleType, lzw: ModuleType) -> None:
    """Put the bounded filters in place of pdfminer's (idempotent)."""
    pdftypes.zlib = _BoundedZlib  # type: ignore[attr-defined]
    pdftypes.decompress_corrupted = _inflate_damaged  # type: ignore[attr-defined]
    pdftypes.rldecode = _run_length  # type: ignore[attr-defined]
    pdftypes.lzwdecode = lambda data: _lzw(data, lzw.LZWDecoder)  # type: ignore[attr-defined]


@contextlib.contextmanager
def one_pdf() -> Iterator[None]:
    """Count every stream unpacked inside against one PDF's limits, and refuse once they are passed."""
    budget = _Budget()
    token = _current.set(budget)
    try:
        yield
    except Exception:
        if budget.exceeded:  # whatever pdfminer made of the refusal, the reason is the size
            raise DocumentError(budget.exceeded) from None
        raise
    finally:
        _current.reset(token)
    if budget.exceeded:
        raise DocumentError(budget.exceeded)
