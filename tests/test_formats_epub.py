"""EPUB books open as their spine's chapters in reading order; encrypted (DRM) books are refused."""

from __future__ import annotations

from pathlib import Path

import pytest
from data.formats.make_fixtures import epub_bytes, xhtml_chapter

from alignment.documents import load_document
from alignment.errors import DocumentError
from alignment.formats.limits import MAX_BYTES

CHAPTERS = {
    "one.xhtml": ("Chapter One", ["It was a bright cold day in April.", "The clocks were striking 13."]),
    "two.xhtml": ("Chapter Two", ["“Down with Big Brother!” she wrote,\nover and over."]),
    "three.xhtml": ("Chapter Three", ["He loved the book, all 326 pages of it."]),
}
NAV = ("nav.xhtml", xhtml_chapter("Contents", ["Chapter One", "Chapter Two", "Chapter Three"]))
_AES = "http://www.w3.org/2001/04/xmlenc#aes128-cbc"
_FONTS = "http://www.idpf.org/2008/embedding"


def _chapters(*names: str) -> list[tuple[str, str]]:
    return [(name, xhtml_chapter(*CHAPTERS[name])) for name in names]


def _encryption(algorithm: str, uri: str) -> bytes:
    return (
        '<encryption xmlns="urn:oasis:names:tc:opendocument:xmlns:container" '
        'xmlns:enc="http://www.w3.org/2001/04/xmlenc#"><enc:EncryptedData>'
        f'<enc:EncryptionMethod Algorithm="{algorithm}"/><enc:CipherData>'
        f'<enc:CipherReference URI="{uri}"/></enc:CipherData></enc:EncryptedData></encryption>'
    ).encode()


def _open(tmp_path: Path, data: bytes, name: str = "book.epub") -> str:
    (tmp_path / name).write_bytes(data)
    doc = load_document(tmp_path / name)
    assert doc.format == "epub"
    return doc.text


def test_chapters_come_in_spine_order_not_file_or_manifest_order(tmp_path: Path) -> None:
    # Zipped three, one, two; listed in the manifest (with the table of contents) as two, three, one.
    zipped = _chapters("three.xhtml", "one.xhtml", "two.xhtml")
    book = epub_bytes([NAV, *zipped], ["one.xhtml", "two.xhtml", "three.xhtml"])
    assert _open(tmp_path, book) == (
        "Chapter One\n\nIt was a bright cold day in April.\n\nThe clocks were striking 13.\n\n"
        "Chapter Two\n\n“Down with Big Brother!” she wrote,\nover and over.\n\n"
        "Chapter Three\n\nHe loved the book, all 326 pages of it."
    )


def test_a_book_whose_package_sits_at_the_top_and_is_named_zip_opens(tmp_path: Path) -> None:
    book = epub_bytes(_chapters("two.xhtml", "one.xhtml"), ["one.xhtml", "two.xhtml"], package="book.opf")
    assert _open(tmp_path, book, "book.zip").startswith("Chapter One\n\nIt was")


def test_an_encrypted_book_is_refused(tmp_path: Path) -> None:
    encryption = {"META-INF/encryption.xml": _encryption(_AES, "OEBPS/one.xhtml")}
    (tmp_path / "drm.epub").write_bytes(epub_bytes(_chapters("one.xhtml"), ["one.xhtml"], extra=encryption))
    with pytest.raises(DocumentError, match=r"drm\.epub: the EPUB is protected by DRM \(its content is encr"):
        load_document(tmp_path / "drm.epub")


def test_a_book_with_obfuscated_fonts_only_opens(tmp_path: Path) -> None:
    encryption = {"META-INF/encryption.xml": _encryption(_FONTS, "OEBPS/fonts/serif.otf")}
    book = epub_bytes(_chapters("one.xhtml"), ["one.xhtml"], extra=encryption)
    assert _open(tmp_path, book).startswith("Chapter One")


def test_a_spine_repeating_one_chapter_past_the_limit_is_refused(tmp_path: Path) -> None:
    chapter = MAX_BYTES // 8
    big = [("big.xhtml", f"<html><body><p>{'a' * chapter}</p></body></html>")]
    (tmp_path / "echo.epub").write_bytes(epub_bytes(big, ["big.xhtml"] * 9))
    with pytest.raises(DocumentError, match=r"echo\.epub: too large"):
        load_document(tmp_path / "echo.epub")


def test_a_book_without_its_container_is_refused(tmp_path: Path) -> None:
    book = epub_bytes(_chapters("one.xhtml"), ["one.xhtml"]).replace(
        b"META-INF/container.xml", b"META-INF/containers.xm"
    )
    (tmp_path / "hollow.epub").write_bytes(book)
    with pytest.raises(DocumentError, match=r"hollow\.epub: not a readable EPUB book"):
        load_document(tmp_path / "hollow.epub")
