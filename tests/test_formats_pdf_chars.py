"""A PDF drawing more characters than a page or a file can hold is refused before pdfminer lays them out."""

from __future__ import annotations

from pathlib import Path

import pytest
from data.formats.make_fixtures import page_stream, pdf_document
from data.hostile import run_paralign, text_pdf

from alignment.documents import load_document
from alignment.errors import DocumentError
from alignment.formats import pdf_chars

_DRAWN = 300_000
"""Characters one page draws: three times the limit; pdfminer alone took about 5 s and 250 MB for them."""
_SENTENCE = b"The council approved the budget on Tuesday."


@pytest.mark.parametrize(
    "content",
    [
        pytest.param(b"(" + b"A" * _DRAWN + b") Tj", id="string"),
        pytest.param(b"<" + b"41" * _DRAWN + b"> Tj", id="hex string"),
        pytest.param(
            b"[" + (b"(" + b"A" * 100 + b") -10 ") * (_DRAWN // 100) + b"] TJ", id="array of strings"
        ),
    ],
)
def test_a_page_drawing_300k_characters_is_refused_in_one_line(tmp_path: Path, content: bytes) -> None:
    (tmp_path / "A.pdf").write_bytes(text_pdf(b"BT /F1 12 Tf 72 700 Td " + content + b" ET"))
    (tmp_path / "P.txt").write_bytes(_SENTENCE + b"\n")
    run = run_paralign(["align", "A.pdf", "P.txt"], tmp_path)
    assert run.code == 2
    assert run.stderr.splitlines() == [
        "paralign: A.pdf: too large (a page of the PDF draws more than 100,000 characters)"
    ]
    assert run.peak_mib < 300


def _pages(*texts: str) -> bytes:
    """A PDF with one page per text, each drawing it in one string."""
    return pdf_document([page_stream([text]) for text in texts])


_FIRST, _SECOND = "The council approved the budget.", "The mayor signed it on Tuesday."


def _read(tmp_path: Path, data: bytes) -> str:
    path = tmp_path / "pages.pdf"
    path.write_bytes(data)
    return load_document(str(path)).text


def test_the_limit_is_per_page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf_chars, "PAGE_CHARACTERS", len(_FIRST))
    assert _read(tmp_path, _pages(_FIRST, _SECOND)) == f"{_FIRST}\n\n{_SECOND}"
    with pytest.raises(DocumentError, match=r"a page of the PDF draws more than 32 characters"):
        _read(tmp_path, _pages(_SECOND, _FIRST + "!"))


def test_the_limit_for_the_whole_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf_chars, "TOTAL_CHARACTERS", len(_FIRST) + len(_SECOND))
    assert _read(tmp_path, _pages(_FIRST, _SECOND)).endswith("Tuesday.")
    with pytest.raises(DocumentError, match=r"the PDF draws more than 63 characters"):
        _read(tmp_path, _pages(_FIRST, _SECOND, "."))
