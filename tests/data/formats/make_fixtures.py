"""Build the format fixtures: a text's paragraphs saved as .docx, .odt, .epub, .rtf, .html and .pdf, bad PDFs.

The tests call these writers into a temporary folder; run this file to write the seed pair in every
format into a folder of your choice for trying the viewer by hand:
``python tests/data/formats/make_fixtures.py OUT_DIR``.
"""

from __future__ import annotations

import html
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

# Helvetica at 10 pt on a US Letter page; wrapping by characters keeps lines well inside the margins.
_FONT_SIZE, _LEADING, _LEFT, _TOP, _BOTTOM, _WIDTH = 10, 13, 72, 740, 60, 88


def paragraphs_of_file(path: Path) -> list[str]:
    """The blank-line-separated paragraphs of a UTF-8 text file, lines inside them kept."""
    text = path.read_text(encoding="utf-8")
    return [p.strip() for p in text.split("\n\n") if p.strip()]


def write_docx(paragraphs: list[str], path: Path) -> None:
    """A Word document, one paragraph each; line breaks inside a paragraph become w:br."""
    import docx

    document = docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    document.save(str(path))


def write_odt(paragraphs: list[str], path: Path) -> None:
    """An OpenDocument text, one paragraph each; line breaks become text:line-break."""
    import odfdo

    document = odfdo.Document("text")
    document.body.clear()
    for paragraph in paragraphs:
        document.body.append(odfdo.Paragraph(paragraph))
    document.save(str(path))


def odt_bytes(body: str) -> bytes:
    """An .odt file whose office:text holds body (markup with the office, text and dc prefixes)."""
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr(
            "content.xml",
            '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
            'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/">'
            f"<office:body><office:text>{body}</office:text></office:body></office:document-content>",
        )
    return buffer.getvalue()


def _rtf_escape(text: str) -> str:
    out = []
    for char in text:
        if char in "\\{}":
            out.append("\\" + char)
        elif char == "\n":
            out.append("\\line ")
        elif ord(char) > 127:
            code = ord(char)
            out.append(f"\\u{code if code < 32768 else code - 65536}?")
        else:
            out.append(char)
    return "".join(out)


def write_rtf(paragraphs: list[str], path: Path) -> None:
    """An RTF file as word processors write it: \\par after each paragraph, \\line inside."""
    body = "".join(f"{_rtf_escape(p)}\\par\n" for p in paragraphs)
    path.write_bytes(
        ("{\\rtf1\\ansi\\ansicpg1252\\deff0{\\fonttbl{\\f0\\froman Times New Roman;}}\n"
         f"{{\\info{{\\title Fixture}}}}\\f0\\fs24 {body}}}\n").encode("ascii")
    )  # fmt: skip


def write_html(paragraphs: list[str], path: Path) -> None:
    """A web page holding the paragraphs amid a script, a style, navigation and a footer."""
    body = "\n".join(f"<p>{html.escape(p).replace(chr(10), '<br>')}</p>" for p in paragraphs)
    path.write_text(
        "<!DOCTYPE html>\n<html><head><meta charset='utf-8'><title>Fixture page</title>"
        "<style>p { margin: 1em }</style><script>var tracking = 'Do not show this.';</script></head>\n"
        "<body><nav><a href='/'>Home</a> | <a href='/news'>News</a></nav>\n"
        f"<main><article>\n{body}\n</article></main>\n<footer>Copyright notice here</footer></body></html>\n",
        encoding="utf-8",
    )


_EPUB_CONTAINER = (
    '<?xml version="1.0"?><container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">'
    '<rootfiles><rootfile full-path="{}" media-type="application/oebps-package+xml"/></rootfiles></container>'
)


def xhtml_chapter(title: str, paragraphs: list[str]) -> str:
    """One chapter of a book as EPUB holds it: an XHTML page with a heading and paragraphs."""
    body = "".join(f"<p>{html.escape(p).replace(chr(10), '<br/>')}</p>" for p in paragraphs)
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<html xmlns="http://www.w3.org/1999/xhtml"><head>'
        f"<title>{html.escape(title)}</title></head><body>{f'<h1>{html.escape(title)}</h1>' if title else ''}"
        f"{body}</body></html>"
    )


def epub_bytes(
    chapters: list[tuple[str, str]],
    spine: list[str],
    *,
    extra: dict[str, bytes] | None = None,
    package: str = "OEBPS/content.opf",
) -> bytes:
    """An EPUB of (file name, XHTML) chapters, zipped in the order given, read in the order of spine."""
    import io
    import zipfile

    folder = package.rpartition("/")[0]
    items = "".join(
        f'<item id="{name.partition(".")[0]}" href="{name}" media-type="application/xhtml+xml"/>'
        for name, _ in chapters
    )
    refs = "".join(f'<itemref idref="{name.partition(".")[0]}"/>' for name in spine)
    opf = (
        '<?xml version="1.0"?><package xmlns="http://www.idpf.org/2007/opf" version="3.0">'
        '<metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>Book</dc:title></metadata>'
        f"<manifest>{items}</manifest><spine>{refs}</spine></package>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), "application/epub+zip")
        archive.writestr("META-INF/container.xml", _EPUB_CONTAINER.format(package))
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
        archive.writestr(package, opf)
        for name, xhtml in chapters:
            archive.writestr(f"{folder}/{name}" if folder else name, xhtml)
    return buffer.getvalue()


_EPUB_CHAPTER = 10
"""Paragraphs a chapter of the fixture book holds."""


def write_epub(paragraphs: list[str], path: Path) -> None:
    """An EPUB book, the paragraphs spread over chapters of ten, no headings of its own."""
    chapters = [
        (f"chapter{k + 1}.xhtml", xhtml_chapter("", paragraphs[at : at + _EPUB_CHAPTER]))
        for k, at in enumerate(range(0, max(len(paragraphs), 1), _EPUB_CHAPTER))
    ]
    path.write_bytes(epub_bytes(chapters, [name for name, _ in chapters]))


def _wrap(paragraph: str) -> list[str]:
    """Lines of at most _WIDTH characters, long words hyphenated at the line end as typesetters do."""
    lines: list[str] = []
    for source_line in paragraph.split("\n"):
        line = ""
        for word in source_line.split():
            room = _WIDTH - len(line) - (1 if line else 0)
            if len(word) <= room:
                line = f"{line} {word}" if line else word
            elif word.isalpha() and len(word) >= 8 and room >= 5:
                cut = min(room - 1, len(word) - 3)
                lines.append(f"{line} {word[:cut]}-")
                line = word[cut:]
            else:
                lines.append(line)
                line = word
        lines.append(line)
    return lines


def _pdf_string(text: str) -> bytes:
    raw = text.encode("cp1252")
    return b"(" + raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def page_stream(lines: list[str]) -> bytes:
    """A page's content stream showing lines from the top down; an empty line leaves a blank line."""
    ops = [
        b"BT /F1 %d Tf %d %d Td %s Tj ET" % (_FONT_SIZE, _LEFT, _TOP - k * _LEADING, _pdf_string(line))
        for k, line in enumerate(lines)
        if line
    ]
    return b"\n".join(ops)


def _page_streams(paragraphs: list[str]) -> list[bytes]:
    """Content streams of the pages, a paragraph never split across two pages."""
    room = (_TOP - _BOTTOM) // _LEADING
    pages: list[list[str]] = [[]]
    for paragraph in paragraphs:
        lines = [*_wrap(paragraph), ""]
        if len(pages[-1]) + len(lines) > room and pages[-1]:
            pages.append([])
        pages[-1] += lines
    return [page_stream(lines) for lines in pages]


def pdf_document(streams: list[bytes], *, image: bool = False, encrypt: bool = False) -> bytes:
    """A minimal valid PDF, one page per content stream, with an optional image and /Encrypt entry."""
    objects: dict[int, bytes] = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        3: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        4: b"<< /Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray "
        b"/BitsPerComponent 8 /Length 4 >>\nstream\n\x00\xff\xff\x00\nendstream",
        5: b"<< /Filter /Standard /V 1 /R 2 /O <" + b"5a" * 32 + b"> /U <" + b"a5" * 32 + b"> /P -44 >>",
    }
    kids = []
    for k, stream in enumerate(streams):
        page, content = 6 + 2 * k, 7 + 2 * k
        kids.append(b"%d 0 R" % page)
        objects[page] = (
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents %d 0 R "
            b"/Resources << /Font << /F1 3 0 R >> /XObject << /Im1 4 0 R >> >> >>" % content
        )
        if image:
            stream = b"q 400 0 0 400 100 200 cm /Im1 Do Q\n" + stream
        objects[content] = b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream)
    objects[2] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(kids), len(kids))
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for number in sorted(objects):
        offsets[number] = len(out)
        out += b"%d 0 obj\n%s\nendobj\n" % (number, objects[number])
    size = max(objects) + 1
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    for number in range(1, size):
        out += b"%010d 00000 n \n" % offsets[number]
    trailer = b"/Size %d /Root 1 0 R" % size
    if encrypt:
        trailer += b" /Encrypt 5 0 R /ID [<" + b"01" * 16 + b"> <" + b"01" * 16 + b">]"
    out += b"trailer\n<< %s >>\nstartxref\n%d\n%%%%EOF\n" % (trailer, xref)
    return bytes(out)


def write_pdf(paragraphs: list[str], path: Path) -> None:
    """A PDF with a text layer, lines wrapped and long words hyphenated at line ends."""
    path.write_bytes(pdf_document(_page_streams(paragraphs)))


def write_scanned_pdf(path: Path) -> None:
    """A PDF whose only page is an image: no text layer, as a scan without OCR."""
    path.write_bytes(pdf_document([b""], image=True))


def write_encrypted_pdf(path: Path) -> None:
    """A PDF protected by a user password that paralign does not know."""
    path.write_bytes(pdf_document(_page_streams(["Secret text."]), encrypt=True))


WRITERS: dict[str, Callable[[list[str], Path], None]] = {
    "docx": write_docx,
    "odt": write_odt,
    "epub": write_epub,
    "rtf": write_rtf,
    "html": write_html,
    "pdf": write_pdf,
}
"""Each document format, by extension, and the writer that saves paragraphs in it."""


def main(out_dir: Path) -> None:
    """Write the seed pair in every format, and the bad PDFs, into out_dir."""
    out_dir.mkdir(parents=True, exist_ok=True)
    data = Path(__file__).resolve().parent.parent
    for side in ("src", "tgt"):
        paragraphs = paragraphs_of_file(data / f"seed.{side}.txt")
        for ext, write in WRITERS.items():
            write(paragraphs, out_dir / f"seed.{side}.{ext}")
    write_scanned_pdf(out_dir / "scanned.pdf")
    write_encrypted_pdf(out_dir / "encrypted.pdf")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(textwrap.dedent(__doc__ or "").strip())
    main(Path(sys.argv[1]))
