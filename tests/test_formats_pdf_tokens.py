"""pdfminer's tokenizer stays linear: a long comment is skipped, not gathered, and a long line is
gathered in pieces, giving the lines pdfminer's own reader gives."""

import importlib.util
import io
import os
import sys
from pathlib import Path

import pytest
from data.child_peak import run_measured
from data.hostile import text_pdf
from pdfminer import psparser

from alignment.documents import load_document
from alignment.formats.pdf_tokens import linear

ROOT = Path(__file__).resolve().parent.parent
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
    buffer = 4096  # pdfminer's buffer
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


def _tokens(parser_type: type, data: bytes) -> list[tuple[int, object]]:
    """Every token with its position; names and keywords as their kind and name."""
    parser = parser_type(io.BytesIO(data))
    tokens: list[tuple[int, object]] = []
    with pytest.raises(psparser.PSEOF):
        while True:
            pos, token = parser.nexttoken()
            kind = type(token).__name__
            tokens.append((pos, (kind, token.name) if kind in ("PSLiteral", "PSKeyword") else token))
    return tokens


def test_tokens_are_the_ones_pdfminer_reads() -> None:
    linear(psparser)
    long = 3 * 4096  # past pdfminer's buffer, so that every kind of token spans buffers
    data = b" ".join([
        b"(plain) (nested (parens) \\) ok) (escapes \\n\\t\\101\\7x\\\\ \\(\\\r\nend)",
        b"(" + b"a\\n" * long + b")",
        b"<48 65 6c6C\n6f> <414> <> <" + b"4a" * long + b">",
        b"/Name /A#42C /caf#e9 /#ff#fe /" + b"n#41" * long,
        b"12 -3 4.5 .5 6. " + b"7" * 4000 + b" " + b"8" * long + b".25",
        b"true false BT Tj " + b"k" * long,
        b"(" + b"\\101\\7\\12x\\\\\\x\\(()\\377" * long + b")",  # octal, backslash, dropped, parens
        b"(" + b"(" * long + b"a" + b")" * long + b")",  # nested parens
        b"/" + b"#41#4x#g##6a" * long + b" /end#4",  # hex escapes of 2, 1 and 0 digits
        b"<< /K [1 2] >> {x} (unclosed",
    ])  # fmt: skip
    ours = _tokens(psparser.PSBaseParser, data)
    assert ours == _tokens(_pdfminers_own_parser(), data)
    values = [t for _, t in ours]
    assert b"Hello" in values and b"A\x04" in values and ("PSLiteral", "ABC") in values
    assert ("PSLiteral", b"\xff\xfe") in values and b"a\n" * long in values and b"J" * long in values
    assert b"A\x07\nx\\(()\xff" * long in values and b"(" * long + b"a" + b")" * long in values
    assert ("PSLiteral", "A\x04xgj" * long) in values and ("PSLiteral", "end\x04") in values


def test_an_octal_escape_past_255_fails_as_in_pdfminer() -> None:
    linear(psparser)
    for parser_type in (psparser.PSBaseParser, _pdfminers_own_parser()):
        with pytest.raises(AssertionError, match="Invalid octal"):
            _tokens(parser_type, b"(ok \\477 1)")


class _PerEscape(psparser.PSBaseParser):
    """pdfminer's tokenizer, counting the calls of its readers of one escaped byte."""

    calls = 0

    def _parse_string_1(self, s: bytes, i: int) -> int:
        _PerEscape.calls += 1
        return super()._parse_string_1(s, i)

    def _parse_literal_hex(self, s: bytes, i: int) -> int:
        _PerEscape.calls += 1
        return super()._parse_literal_hex(s, i)


@pytest.mark.parametrize(
    ("token", "value"),
    [
        (b"(" + b"\\n" * 2**19 + b")", b"\n" * 2**19),
        (b"(" + b"\\101\\\\" * 2**18 + b")", b"A\\" * 2**18),
        (b"/" + b"#41" * 2**18, psparser.LIT("A" * 2**18)),
    ],
    ids=["string of escapes", "string of octal and backslash escapes", "name of escapes"],
)
def test_a_token_of_escapes_is_decoded_a_run_at_a_time(token: bytes, value: object) -> None:
    # pdfminer read each escape a byte per call: 8 MiB of them took 11-12 s.
    linear(psparser)
    _PerEscape.calls = 0
    parser = _PerEscape(io.BytesIO(token + b" 1"))
    assert parser.nexttoken()[1] == value
    assert _PerEscape.calls < 1000  # a few for each escape cut by the end of a step or buffer


class _Counted(io.BytesIO):
    reads = 0

    def read(self, size: int | None = -1) -> bytes:
        _Counted.reads += 1
        return super().read(size)


def test_a_long_token_is_read_in_few_buffers() -> None:
    # Each buffer was added to the token gathered so far: 8 MiB took 2,048 buffers and copied 8 GiB.
    linear(psparser)
    parser = psparser.PSBaseParser(_Counted(b"k" * 8 * 2**20 + b" 1"))
    assert parser.nexttoken()[1] == psparser.KWD(b"k" * 8 * 2**20)
    assert _Counted.reads < 20


def test_an_8_mib_hex_string_reads_in_bounded_memory(tmp_path: Path) -> None:
    # pdfminer made a bytes object per byte of it: 646 MB.
    (tmp_path / "hex.pdf").write_bytes(text_pdf(_TEXT, catalog=b"/X <" + b"41" * 4 * 2**20 + b">"))
    code = "from alignment.documents import load_document; print(load_document('hex.pdf').text)"
    run = run_measured(
        [sys.executable, "-c", code], cwd=tmp_path, env={**os.environ, "PYTHONPATH": str(ROOT)}
    )
    assert (run.code, run.stdout) == (0, b"Hello world.\n")
    assert run.peak_mib < 300
