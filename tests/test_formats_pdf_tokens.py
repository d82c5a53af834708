"""pdfminer's tokenizer stays linear: a long comment is skipped, not gathered, and a long line is
gathered in pieces, giving the lines pdfminer's own reader gives."""

import importlib.util
import io
from pathlib import Path

import pytest
from data.hostile import text_pdf
from pdfminer import psparser

from alignment.documents import load_document
from alignment.formats.pdf_tokens import linear

_LONG = 5 * 2**20
"""A comment or line of 5 MB: pdfminer's own reader took seconds (a 16 MB one 5-6 s of CPU)."""
_TEXT = b"BT /F1 12 Tf 72 700 Td (Hello world.) Tj ET"
_COMMENT = b"%" + b"A" * _LONG


@pytest.mark.parametrize(
    "pdf",
    [
        pytest.param(lambda: text_pdf(_COMMENT + b"\n" + _TEXT), id="in the page's content"),
        pytest.param(lambda: text_pdf(_TEXT, catalog=_COMMENT), id="in an object's dictionary"),
        pytest.param(lambda: text_pdf(_COMMENT + b"\n" + _TEXT, xref=False), id="a file without xref"),
    ],
)
def test_a_pdf_with_a_5_mb_comment_reads_its_text(tmp_path: Path, pdf: object) -> None:
    path = tmp_path / "long.pdf"
    path.write_bytes(pdf())  # type: ignore[operator]
    assert load_document(str(path)).text == "Hello world."


class _Watched(psparser.PSBaseParser):
    """pdfminer's tokenizer, noting the longest token it gathered."""

    longest = 0

    def __setattr__(self, name: str, value: object) -> None:
        if name == "_curtoken":
            _Watched.longest = max(_Watched.longest, len(value))  # type: ignore[arg-type]
        super().__setattr__(name, value)


def test_a_comment_is_passed_over_not_gathered(tmp_path: Path) -> None:
    path = tmp_path / "short.pdf"
    path.write_bytes(text_pdf(_TEXT))
    load_document(str(path))  # reading a PDF puts the linear readers in place
    parser = _Watched(io.BytesIO(_COMMENT + b"\n/Name 12 (text) keyword %\n"))
    tokens = []
    with pytest.raises(psparser.PSEOF):
        while True:
            tokens.append(parser.nexttoken()[1])
    assert tokens == [psparser.LIT("Name"), 12, b"text", psparser.KWD(b"keyword")]
    assert _Watched.longest < 100


def _pdfminers_own_parser() -> type:
    """pdfminer's PSBaseParser as it ships, from a fresh copy of its module."""
    spec = importlib.util.spec_from_file_location("pristine_psparser", psparser.__file__)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.PSBaseParser


def _lines(parser_type: type, data: bytes) -> list[tuple[int, bytes]]:
    parser = parser_type(io.BytesIO(data))
    lines = []
    with pytest.raises(psparser.PSEOF):
        while True:
            lines.append(parser.nextline())
    return lines


def test_lines_are_the_ones_pdfminer_reads() -> None:
    linear(psparser)
    buffer = psparser.PSBaseParser.BUFSIZ
    data = b"".join([
        b"one\r\ntwo\rthree\n\r\n",
        b"x" * (buffer - 20) + b"\r",  # a \r\n split between two buffers
        b"\nlong " + b"y" * (3 * buffer) + b"\n",
        b"\n\r\r\n",
        b"last, without an end",
    ])  # fmt: skip
    ours = _lines(psparser.PSBaseParser, data)
    assert ours == _lines(_pdfminers_own_parser(), data)
    assert [line for _, line in ours][:3] == [b"one\r\n", b"two\r", b"three\n"]
