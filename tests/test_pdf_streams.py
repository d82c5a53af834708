"""PDF streams unpack within a limit per stream and one for the whole file, whatever the filter."""

from __future__ import annotations

import contextlib
import zlib

import pytest
from data.hostile import zeros_lzw, zeros_run_length, zeros_zlib

from alignment.errors import DocumentError
from alignment.formats import pdf_streams
from alignment.formats.limits import MAX_BYTES

pdftypes = pytest.importorskip("pdfminer.pdftypes")
lzw = pytest.importorskip("pdfminer.lzw")
pdf_streams.bound(pdftypes, lzw)


def _stream(data: bytes, filters: list[str]) -> bytes:
    attrs = {"Filter": [pdftypes.LIT(name) for name in filters]}
    return pdftypes.PDFStream(attrs, data).get_data()


@pytest.mark.parametrize(
    "data, filters",
    [
        (zeros_zlib(60), ["FlateDecode"]),
        (zeros_zlib(60)[:-4] + b"\0\0\0\0", ["FlateDecode"]),  # damaged checksum: pdfminer's fallback
        (zeros_run_length(60), ["RunLengthDecode"]),
        (zeros_lzw(60), ["LZWDecode"]),
        (zlib.compress(zeros_run_length(60)), ["FlateDecode", "RunLengthDecode"]),
    ],
    ids=["flate", "flate, bad checksum", "run-length", "lzw", "flate of run-length"],
)
def test_one_stream_past_the_limit_is_refused(data: bytes, filters: list[str]) -> None:
    refused = pytest.raises(DocumentError, match=r"^too large \(a part of the PDF unpacks to more than 32")
    with refused, pdf_streams.one_pdf():
        _stream(data, filters)


def test_streams_within_the_limit_unpack_exactly() -> None:
    assert _stream(zeros_zlib(3), ["FlateDecode"]) == bytes(3 * 2**20)
    assert _stream(zeros_zlib(3)[:-4] + b"\0\0\0\0", ["FlateDecode"]) == bytes(3 * 2**20)
    assert _stream(b"\x02abc\xfex\x80", ["RunLengthDecode"]) == b"abcxxx"
    assert _stream(zeros_lzw(1), ["LZWDecode"]) == bytes(len(_stream(zeros_lzw(1), ["LZWDecode"])))


def test_streams_together_past_the_total_are_refused() -> None:
    part = zeros_zlib(MAX_BYTES // 2**20 - 10)
    refused = pytest.raises(DocumentError, match=r"^too large \(the PDF unpacks to more than 64 MiB")
    with refused, pdf_streams.one_pdf():
        for _ in range(3):
            _stream(part, ["FlateDecode"])


def test_a_refusal_pdfminer_swallows_still_refuses() -> None:
    refused = pytest.raises(DocumentError, match="too large")
    with refused, pdf_streams.one_pdf(), contextlib.suppress(DocumentError):  # as pdfminer does with some
        _stream(zeros_zlib(60), ["FlateDecode"])
