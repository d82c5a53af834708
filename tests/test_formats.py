"""Every document format opens, keeps its paragraphs, and aligns like the plain text it holds."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from data.formats.make_fixtures import WRITERS, odt_bytes, page_stream, paragraphs_of_file, pdf_document

from alignment.align import align
from alignment.cli import main
from alignment.documents import load_document
from alignment.model import Alignment, Document

DATA = Path(__file__).parent / "data"
FORMATS = sorted(WRITERS)


@pytest.fixture(scope="module")
def seed_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed pair saved in every document format."""
    out = tmp_path_factory.mktemp("seed")
    for side in ("src", "tgt"):
        paragraphs = paragraphs_of_file(DATA / f"seed.{side}.txt")
        for ext, write in WRITERS.items():
            write(paragraphs, out / f"seed.{side}.{ext}")
    return out


def _flat(text: str) -> str:
    """Text with every run of white space made one space: layout is not content."""
    return " ".join(text.split())


def _paragraph_texts(doc: Document) -> list[str]:
    return [_flat(doc.text[a:b]) for a, b in doc.paragraphs]


def _pairs_by_text(alignment: Alignment) -> list[tuple[tuple[str, ...], tuple[str, ...], str]]:
    """Each pair as the texts of its sentences on both sides and its kind."""

    def texts(side: str, indices: tuple[int, ...]) -> tuple[str, ...]:
        doc, sents = alignment.document(side), alignment.sentences(side)  # type: ignore[arg-type]
        return tuple(_flat(doc.text[sents[i].start : sents[i].end]) for i in indices)

    return [(texts("source", p.source), texts("target", p.target), p.kind.value) for p in alignment.pairs]


def _load(path: Path, name: str, data: bytes | str) -> Document:
    target = path / name
    if isinstance(data, str):
        target.write_text(data, encoding="utf-8")
    else:
        target.write_bytes(data)
    return load_document(target)


@pytest.mark.parametrize("ext", FORMATS)
@pytest.mark.parametrize("side", ["src", "tgt"])
def test_each_format_holds_the_seed_paragraphs(seed_dir: Path, ext: str, side: str) -> None:
    doc = load_document(seed_dir / f"seed.{side}.{ext}")
    plain = load_document(DATA / f"seed.{side}.txt")
    assert (doc.format, doc.encoding) == (ext, "utf-8" if ext == "html" else "")
    assert _paragraph_texts(doc) == _paragraph_texts(plain)
    assert "\n\n" not in "".join(doc.text[a:b] for a, b in doc.paragraphs)


@pytest.mark.parametrize("ext", FORMATS)
def test_each_format_gives_the_sentence_pairs_of_the_text_files(seed_dir: Path, ext: str) -> None:
    plain = align(load_document(DATA / "seed.src.txt"), load_document(DATA / "seed.tgt.txt"))
    converted = align(
        load_document(seed_dir / f"seed.src.{ext}"), load_document(seed_dir / f"seed.tgt.{ext}")
    )
    assert _pairs_by_text(converted) == _pairs_by_text(plain)


@pytest.mark.parametrize("ext", FORMATS)
def test_each_format_aligns_on_the_command_line(
    seed_dir: Path, ext: str, capsys: pytest.CaptureFixture[str]
) -> None:
    plain = align(load_document(DATA / "seed.src.txt"), load_document(DATA / "seed.tgt.txt"))
    code = main(["align", str(seed_dir / f"seed.src.{ext}"), str(seed_dir / f"seed.tgt.{ext}"), "--json"])
    out, err = capsys.readouterr()
    assert (code, err) == (0, "")
    result = json.loads(out)

    def texts(side: str, indices: list[int]) -> tuple[str, ...]:
        doc = result[side]
        return tuple(
            _flat(doc["text"][s["start"] : s["end"]]) for s in (doc["sentences"][i] for i in indices)
        )

    assert (result["source"]["format"], result["target"]["format"]) == (ext, ext)
    pairs = [(texts("source", p["source"]), texts("target", p["target"]), p["kind"]) for p in result["pairs"]]
    assert pairs == _pairs_by_text(plain)


@pytest.mark.parametrize(("real", "named"), [("pdf", "txt"), ("docx", "odt"), ("odt", "pdf"), ("rtf", "txt")])
def test_the_format_is_chosen_by_content_when_the_extension_lies(
    seed_dir: Path, real: str, named: str
) -> None:
    doc = _load(seed_dir, f"misnamed.{real}.{named}", (seed_dir / f"seed.tgt.{real}").read_bytes())
    assert doc.format == real
    assert _paragraph_texts(doc) == _paragraph_texts(load_document(DATA / "seed.tgt.txt"))


def test_docx_reads_headings_tables_line_breaks_and_tabs(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_heading("A heading", level=1)
    document.add_paragraph("Line one\nline two\twith a tab.")
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "Left cell."
    table.rows[0].cells[1].text = "Right cell."
    merged = document.add_table(rows=1, cols=2)
    merged.rows[0].cells[0].merge(merged.rows[0].cells[1]).text = "Merged once."
    document.add_paragraph("After the table.")
    document.save(str(tmp_path / "a.docx"))
    doc = load_document(tmp_path / "a.docx")
    assert doc.text == (
        "A heading\n\nLine one\nline two\twith a tab.\n\n"
        "Left cell.\n\nRight cell.\n\nMerged once.\n\nAfter the table."
    )


def test_odt_reads_headings_line_breaks_and_repeated_spaces(tmp_path: Path) -> None:
    import odfdo

    document = odfdo.Document("text")
    document.body.clear()
    document.body.append(odfdo.Header(1, "A heading"))
    document.body.append(odfdo.Paragraph("Two  spaces.\nNext line."))
    document.save(str(tmp_path / "a.odt"))
    assert load_document(tmp_path / "a.odt").text == "A heading\n\nTwo  spaces.\nNext line."


def test_rtf_reads_code_pages_unicode_and_line_breaks_but_not_its_tables(tmp_path: Path) -> None:
    rtf = (
        r"{\rtf1\ansi\ansicpg1252\deff0{\fonttbl{\f0 Times;}}{\colortbl;\red0\green0\blue0;}"
        r"{\info{\title Hidden title}}"
        "\n\\f0 Caf\\'e9 \\u8220?quoted\\u8221? text.\\par\n"
        "Once\\line Monthly\\par\n\\par\n{\\b Bold} end.\\par}"
    )
    assert _load(tmp_path, "a.rtf", rtf).text == "Café “quoted” text.\n\nOnce\nMonthly\n\nBold end."


def test_html_read_whole_shows_what_a_reader_sees_and_no_more(tmp_path: Path) -> None:
    page = """<!DOCTYPE html><html><head><title>Tab title</title><style>p {color: red}</style>
    <script>document.write("script text")</script></head><body>
    <header>Site banner</header><nav><ul><li>Home</li><li>About</li></ul></nav>
    <div role="navigation">Menu</div><div aria-hidden="true">Icon</div><div hidden>Hidden</div>
    <h1>The  headline</h1><p>First &amp; second
    sentence, <em>emphasised</em>.</p><p>Line<br>break &eacute;&nbsp;nbsp.</p>
    <pre>keep
    lines</pre><ul><li>Item one.</li><li>Item two.</li></ul><!-- a comment -->
    <aside>Related links</aside><form>Search</form><footer>Copyright</footer></body></html>"""
    (tmp_path / "a.html").write_text(page, encoding="utf-8")
    doc = load_document(tmp_path / "a.html", html="whole")
    assert doc.format == "html"
    assert doc.text == (
        "Site banner\n\nHome\n\nAbout\n\nMenu\n\nThe headline\n\nFirst & second sentence, emphasised."
        "\n\nLine\nbreak é\xa0nbsp.\n\nkeep\nlines\n\nItem one.\n\nItem two.\n\nRelated links\n\nSearch"
        "\n\nCopyright"
    )


def test_html_nested_thousands_deep_opens(tmp_path: Path) -> None:
    depth = 20_000
    page = "<html><body>" + "<div><span>" * depth + "Deep text." + "</span></div>" * depth + "<p>After.</p>"
    assert _load(tmp_path, "deep.html", page).text == "Deep text.\n\nAfter."


def test_html_in_a_legacy_encoding_is_decoded(tmp_path: Path) -> None:
    page = "<html><body><p>Les élèves ont déjà mangé à l’école, où ils étaient ravis.</p></body></html>"
    doc = _load(tmp_path, "a.htm", page.encode("cp1252"))
    assert doc.text == "Les élèves ont déjà mangé à l’école, où ils étaient ravis."


def test_pdf_rejoins_lines_undoes_hyphenation_and_keeps_short_lines(tmp_path: Path) -> None:
    lines = [
        "The commit-",
        "ment of the committee to long-term plan-",
        "ning was discussed by Jean-",
        "Pierre at considerable length today, and the long-",
        "term view was kept in mind through the whole meeting.",
        "",
        "Once",
        "Monthly",
        "Annual",
    ]
    doc = _load(tmp_path, "a.pdf", pdf_document([page_stream(lines)]))
    assert doc.text == (
        "The commitment of the committee to long-term planning was discussed by Jean-Pierre at "
        "considerable length today, and the long-term view was kept in mind through the whole meeting."
        "\n\nOnce\nMonthly\nAnnual"
    )


def test_pdf_joins_a_paragraph_cut_by_a_page_break_but_not_whole_paragraphs(tmp_path: Path) -> None:
    first = ["A heading", "", "The sentence runs on past the end of the first page and is conti-"]
    second = ["nued on the second page.", "", "A new paragraph starts here."]
    doc = _load(tmp_path, "a.pdf", pdf_document([page_stream(first), page_stream(second)]))
    assert _paragraph_texts(doc) == [
        "A heading",
        "The sentence runs on past the end of the first page and is continued on the second page.",
        "A new paragraph starts here.",
    ]


def test_odt_leaves_out_comments_notes_and_the_record_of_deleted_text(tmp_path: Path) -> None:
    body = (
        "<text:tracked-changes><text:changed-region text:id='c1'><text:deletion>"
        "<office:change-info><dc:creator>Ed</dc:creator></office:change-info><text:p>Deleted words.</text:p>"
        "</text:deletion></text:changed-region></text:tracked-changes>"
        "<text:h>Title</text:h><text:p>One<text:change text:change-id='c1'/> sentence"
        "<office:annotation><dc:creator>Ed</dc:creator><text:p>A comment.</text:p></office:annotation>"
        " with   a<text:s text:c='2'/>note<text:note><text:note-citation>1</text:note-citation>"
        "<text:note-body><text:p>The note.</text:p></text:note-body></text:note>.<!-- markup --></text:p>"
        "<text:list><text:list-item><text:p>Item,<text:tab/>tabbed.</text:p></text:list-item></text:list>"
    )
    text = _load(tmp_path, "a.odt", odt_bytes(body)).text
    assert text == "Title\n\nOne sentence with a  note.\n\nItem,\ttabbed."


@pytest.mark.parametrize(
    ("control", "letter"),
    [("\x01", "a"), ("\x1b", "a"), ("\x7f", "a"), ("\x01", "é"), ("\x85", "é"), ("\ufffe", "é")],
)
def test_text_with_more_than_one_control_character_in_a_hundred_is_binary(control: str, letter: str) -> None:
    from alignment.errors import DocumentError
    from alignment.formats.text import decode

    body = (letter * 98 + "\n") * 100
    assert decode((body + control * 50).encode("utf-8"))[0] == body + control * 50
    with pytest.raises(DocumentError, match="binary data"):
        decode((body + control * 150).encode("utf-8"))


@pytest.mark.parametrize("end", ["\r\n", "\r"], ids=["CRLF", "CR"])
def test_windows_and_old_mac_line_ends_read_as_unix_ones(tmp_path: Path, end: str) -> None:
    path = tmp_path / "lines.txt"
    path.write_bytes(f"Première ligne.{end}Deuxième.{end}{end}Troisième.{end}".encode())
    assert load_document(str(path)).text == "Première ligne.\nDeuxième.\n\nTroisième.\n"
