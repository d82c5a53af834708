"""Reading text files: encodings, line ends, paragraphs and the format chosen by content."""

from __future__ import annotations

from pathlib import Path

import pytest

from alignment.documents import document_from_text, load_document, paragraphs_of
from alignment.tokens import words

DATA = Path(__file__).parent / "data"
SAMPLE = "Zürich, “quoted” — façade and naïve café.\n\nSecond paragraph; déjà vu.\n"


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("name", ["seed.src.txt", "seed.tgt.txt", "ruth.src.txt", "ruth.tgt.txt"])
def test_utf8_text_with_newlines_is_the_file_content_exactly(name: str) -> None:
    gold = (DATA / name).open(encoding="utf-8", newline="").read()
    doc = load_document(DATA / name)
    assert doc.text == gold
    assert (doc.format, doc.encoding, doc.path) == ("txt", "utf-8", str(DATA / name))


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (b"\xef\xbb\xbf" + SAMPLE.encode("utf-8"), "utf-8"),
        (SAMPLE.encode("utf-16"), "utf-16"),
        (b"\xfe\xff" + SAMPLE.encode("utf-16-be"), "utf-16"),
        (SAMPLE.encode("utf-32"), "utf-32"),
        (SAMPLE.encode("utf-16-le"), "utf-16-le"),
        (SAMPLE.encode("utf-16-be"), "utf-16-be"),
        (SAMPLE.encode("cp1252"), "cp1252"),
    ],
)
def test_unicode_and_windows_encodings_are_detected(tmp_path: Path, data: bytes, encoding: str) -> None:
    doc = load_document(_write(tmp_path, "a.txt", data))
    assert doc.text == SAMPLE
    assert doc.encoding == encoding


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("Der Bär läuft über die Straße. Schöne Grüße aus Köln!\n", "latin-1"),
        ("Je suis allé à l'école, où j'ai mangé une crêpe.\n", "latin-1"),
        ("Привет! Как дела? Это обычный русский текст в старой кодировке Windows.\n", "cp1251"),
        ("Příliš žluťoučký kůň úpěl ďábelské ódy. Čeština je krásná.\n", "cp1250"),
    ],
)
def test_legacy_8bit_encodings_are_detected(tmp_path: Path, text: str, encoding: str) -> None:
    assert load_document(_write(tmp_path, "a.txt", text.encode(encoding))).text == text


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_windows_and_old_mac_line_ends_become_newlines(tmp_path: Path, newline: str) -> None:
    doc = load_document(_write(tmp_path, "a.txt", SAMPLE.replace("\n", newline).encode("utf-8")))
    assert doc.text == SAMPLE
    assert doc.paragraphs == paragraphs_of(SAMPLE)


def test_mixed_scripts_keep_every_character(tmp_path: Path) -> None:
    text = (
        "東京は日本の首都です。人口は多い。\n\nمرحبا بالعالم. هذا نص عربي.\n\nEmoji 🎉👩‍👩‍👧 and 𝔘𝔫𝔦𝔠𝔬𝔡𝔢!\n"
    )
    for encoding in ("utf-8", "utf-16"):
        doc = load_document(_write(tmp_path, f"{encoding}.txt", text.encode(encoding)))
        assert doc.text == text
        assert [doc.text[a:b] for a, b in doc.paragraphs] == [p.strip() for p in text.split("\n\n")]


def test_paragraphs_are_spans_of_blank_line_separated_blocks() -> None:
    text = "  One line\nand more.  \n\n \t\nTwo.\n\n\nThree"
    assert [text[a:b] for a, b in paragraphs_of(text)] == ["One line\nand more.", "Two.", "Three"]


def test_document_from_text_keeps_text_and_labels() -> None:
    doc = document_from_text("Pasted.\n\nText.", fmt="md", encoding="utf-16")
    assert (doc.text, doc.paragraphs, doc.format, doc.encoding, doc.name) == (
        "Pasted.\n\nText.",
        ((0, 7), (9, 14)),
        "md",
        "utf-16",
        "(pasted text)",
    )


def test_markdown_is_shown_as_written_and_its_markup_is_no_words(tmp_path: Path) -> None:
    text = "# The title\n\n> A *quoted* line with **bold** text.\n\n- item one\n- item two\n"
    doc = load_document(_write(tmp_path, "notes.md", text.encode("utf-8")))
    assert (doc.text, doc.format) == (text, "md")
    found = " ".join(doc.text[t[0] : t[1]] for t in words(doc.text))
    assert found == "The title A quoted line with bold text item one item two"


def test_html_content_in_a_txt_file_is_read_as_a_web_page(tmp_path: Path) -> None:
    page = b"<!DOCTYPE html><html><body><script>x()</script><p>Only this.</p></body></html>"
    doc = load_document(_write(tmp_path, "mail.txt", page))
    assert (doc.text, doc.format) == ("Only this.", "html")


def test_text_in_an_html_file_without_markup_is_read_as_text(tmp_path: Path) -> None:
    doc = load_document(_write(tmp_path, "page.html", b"Plain words < and > signs.\n"))
    assert (doc.text, doc.format) == ("Plain words < and > signs.\n", "txt")


def test_text_mentioning_a_pdf_header_stays_text(tmp_path: Path) -> None:
    doc = load_document(_write(tmp_path, "mail.txt", b"The attachment starts with %PDF-1.4, as usual.\n"))
    assert doc.format == "txt"


def test_plain_text_under_a_document_extension_is_read_as_text(tmp_path: Path) -> None:
    doc = load_document(_write(tmp_path, "report.docx", b"Just text, misnamed.\n"))
    assert (doc.text, doc.format) == ("Just text, misnamed.\n", "txt")
