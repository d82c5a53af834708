"""One Word file with tracked changes compares its text before the edits with its text after them."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest
from data.formats.make_fixtures import odt_bytes

from alignment.align import align
from alignment.cli import main
from alignment.documents import load_document
from alignment.errors import DocumentError

_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
_BY = 'w:id="{}" w:author="Editor" w:date="2025-08-01T10:00:00Z"'


def _run(text: str, deleted: bool = False) -> str:
    tag = "w:delText" if deleted else "w:t"
    return f'<w:r><{tag} xml:space="preserve">{text}</{tag}></w:r>'


def _change(kind: str, k: int, text: str) -> str:
    return f"<w:{kind} {_BY.format(k)}>{_run(text, kind == 'del')}</w:{kind}>"


def _paragraph(*runs: str, mark: str = "") -> str:
    properties = f"<w:pPr><w:rPr><w:{mark} {_BY.format(99)}/></w:rPr></w:pPr>" if mark else ""
    return f"<w:p>{properties}{''.join(runs)}</w:p>"


TRACKED_BODY = "".join([
    _paragraph(_run("The committee met "), _change("ins", 1, "briefly "), _run("on Monday.")),
    # The mayor's paragraph moves from here to the end.
    _paragraph(
        '<w:moveFromRangeStart w:id="20" w:name="move1"/>', _change("moveFrom", 2, "The mayor spoke first."),
        '<w:moveFromRangeEnd w:id="20"/>', mark="moveFrom",
    ),
    _paragraph(_run("It approved the "), _change("del", 3, "whole "), _run("budget.")),
    _paragraph(
        _run("Costs rose by "), _change("del", 4, "ten"), _change("ins", 5, "twelve"), _run(" percent."),
        '<w:commentRangeStart w:id="0"/>', _run(" Staff were told."), '<w:commentRangeEnd w:id="0"/>',
        '<w:r><w:commentReference w:id="0"/></w:r>',
    ),
    _paragraph(_change("del", 6, "A dropped paragraph."), mark="del"),
    _paragraph(_run("Half of a sentence "), mark="del"),
    _paragraph(_run("joined again.")),
    _paragraph(
        '<w:moveToRangeStart w:id="21" w:name="move1"/>', _change("moveTo", 7, "The mayor spoke first."),
        '<w:moveToRangeEnd w:id="21"/>',
    ),
])  # fmt: skip
BEFORE = (
    "The committee met on Monday.\n\nThe mayor spoke first.\n\nIt approved the whole budget.\n\n"
    "Costs rose by ten percent. Staff were told.\n\nA dropped paragraph.\n\nHalf of a sentence\n\n"
    "joined again."
)
AFTER = (
    "The committee met briefly on Monday.\n\nIt approved the budget.\n\n"
    "Costs rose by twelve percent. Staff were told.\n\nHalf of a sentence joined again.\n\n"
    "The mayor spoke first."
)
COMMENTS = (
    f'<w:comments {_W}><w:comment w:id="0" w:author="Editor"><w:p>{_run("Check this figure.")}</w:p>'
    "</w:comment></w:comments>"
)


def docx_bytes(body: str) -> bytes:
    """A .docx whose document body is body, with a comments part beside it."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(
            "word/document.xml", f"<w:document {_W}><w:body>{body}<w:sectPr/></w:body></w:document>"
        )
        archive.writestr("word/comments.xml", COMMENTS)
    return buffer.getvalue()


@pytest.fixture
def tracked(tmp_path: Path) -> Path:
    path = tmp_path / "edited.docx"
    path.write_bytes(docx_bytes(TRACKED_BODY))
    return path


def test_every_change_rejected_then_accepted_gives_the_text_before_and_after(tracked: Path) -> None:
    before, after = (load_document(tracked, tracked=view) for view in ("rejected", "accepted"))
    assert (before.text, after.text) == (BEFORE, AFTER)
    assert (before.tracked, after.tracked, before.format) == ("rejected", "accepted", "docx")
    assert load_document(tracked).text == AFTER


def test_the_two_texts_pair_as_the_edits_say(tracked: Path) -> None:
    a = align(load_document(tracked, tracked="rejected"), load_document(tracked, tracked="accepted"))

    def texts(side: str, indices: tuple[int, ...]) -> list[str]:
        doc, sentences = a.document(side), a.sentences(side)  # type: ignore[arg-type]
        return [doc.text[sentences[i].start : sentences[i].end] for i in indices]

    def edits(k: int) -> list[tuple[str, str, str]]:
        src, tgt = a.source.text, a.target.text
        return [
            (c.op.value, src[c.source[0] : c.source[1]], tgt[c.target[0] : c.target[1]])
            for c in a.pairs[k].changes
            if c.op.value != "equal"
        ]

    pairs = [(texts("source", p.source), texts("target", p.target), p.kind.value, p.moved, edits(k))
             for k, p in enumerate(a.pairs)]  # fmt: skip
    assert pairs == [
        (["The committee met on Monday."], ["The committee met briefly on Monday."], "changed", False,
         [("insert", "", "briefly")]),
        (["It approved the whole budget."], ["It approved the budget."], "changed", False,
         [("delete", "whole", "")]),
        (["Costs rose by ten percent."], ["Costs rose by twelve percent."], "changed", False,
         [("replace", "ten", "twelve")]),
        (["Staff were told."], ["Staff were told."], "same", False, []),
        (["A dropped paragraph."], [], "deleted", False, []),
        (["Half of a sentence", "joined again."], ["Half of a sentence joined again."], "same", False, []),
        (["The mayor spoke first."], ["The mayor spoke first."], "same", True, []),
    ]  # fmt: skip


def test_the_command_line_compares_one_tracked_file(
    tracked: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["align", str(tracked), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert (result["source"]["text"], result["target"]["text"]) == (BEFORE, AFTER)
    assert (result["source"]["tracked"], result["target"]["tracked"]) == ("rejected", "accepted")


def test_check_and_report_take_one_tracked_file(
    tracked: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", str(tracked)]) in (0, 1)
    assert "ten" in capsys.readouterr().out
    assert main(["report", str(tracked), "-o", str(tmp_path / "r.html")]) == 0
    assert "twelve" in (tmp_path / "r.html").read_text(encoding="utf-8")


def test_a_word_file_without_tracked_changes_alone_gets_its_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plain = tmp_path / "plain.docx"
    plain.write_bytes(docx_bytes(_paragraph(_run("Nothing was changed here."))))
    assert main(["align", str(plain)]) == 2
    assert capsys.readouterr().err == (
        f"paralign: {plain}: the Word document has no tracked changes; to compare it, give the text to "
        "compare it with too\n"
    )


def test_a_text_file_alone_is_refused_as_having_no_tracked_changes(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("Just notes.", encoding="utf-8")
    with pytest.raises(
        DocumentError, match=r"notes\.txt: a text file carries no tracked changes to compare; give"
    ):
        load_document(tmp_path / "notes.txt", tracked="rejected")


def test_a_table_row_inserted_and_one_deleted_count_as_changes(tmp_path: Path) -> None:
    def row(text: str, change: str = "") -> str:
        properties = f"<w:trPr><w:{change} {_BY.format(50)}/></w:trPr>" if change else ""
        body = _change(change, 51, text) if change else _run(text)
        return f"<w:tr>{properties}<w:tc>{_paragraph(body)}</w:tc></w:tr>"

    table = f"<w:tbl>{row('Kept row.')}{row('Old row.', 'del')}{row('New row.', 'ins')}</w:tbl>"
    (tmp_path / "table.docx").write_bytes(docx_bytes(table))
    texts = [load_document(tmp_path / "table.docx", tracked=view).text for view in ("rejected", "accepted")]
    assert texts == ["Kept row.\n\nOld row.", "Kept row.\n\nNew row."]


def _region(k: int, kind: str, deleted: str = "") -> str:
    info = "<office:change-info><dc:creator>Editor</dc:creator></office:change-info>"
    change = f"<text:{kind}>{info}{deleted}</text:{kind}>"
    return f"<text:changed-region text:id='ct{k}'>{change}</text:changed-region>"


ODT_BODY = (
    "<text:tracked-changes>"
    + _region(1, "insertion") + _region(2, "deletion", "<text:p>whole </text:p>")
    + _region(3, "deletion", "<text:p>ten</text:p>") + _region(4, "insertion")
    + _region(5, "deletion", "<text:p>end of one.</text:p><text:p>Start of </text:p>")
    + _region(6, "insertion") + _region(7, "insertion")
    + "</text:tracked-changes>"
    "<text:p>The committee met <text:change-start text:change-id='ct1'/>briefly "
    "<text:change-end text:change-id='ct1'/>on Monday.</text:p>"
    "<text:p>It approved the <text:change text:change-id='ct2'/>budget.</text:p>"
    "<text:p>Costs rose by <text:change text:change-id='ct3'/><text:change-start text:change-id='ct4'/>twelve"
    "<text:change-end text:change-id='ct4'/> percent.</text:p>"
    "<text:p>Paragraph <text:change text:change-id='ct5'/>two joined.</text:p>"
    "<text:p><text:change-start text:change-id='ct6'/>A new paragraph.</text:p>"
    "<text:p><text:change-end text:change-id='ct6'/>Last one, "
    "<text:change-start text:change-id='ct7'/></text:p>"
    "<text:p><text:change-end text:change-id='ct7'/>split in two.</text:p>"
)  # fmt: skip


def test_an_odt_with_tracked_changes_gives_the_text_before_and_after(tmp_path: Path) -> None:
    (tmp_path / "edited.odt").write_bytes(odt_bytes(ODT_BODY))
    texts = [load_document(tmp_path / "edited.odt", tracked=view).text for view in ("rejected", "accepted")]
    assert texts == [
        "The committee met on Monday.\n\nIt approved the whole budget.\n\nCosts rose by ten percent.\n\n"
        "Paragraph end of one.\n\nStart of two joined.\n\nLast one, split in two.",
        "The committee met briefly on Monday.\n\nIt approved the budget.\n\nCosts rose by twelve percent.\n\n"
        "Paragraph two joined.\n\nA new paragraph.\n\nLast one,\n\nsplit in two.",
    ]
    assert load_document(tmp_path / "edited.odt").text == texts[1]


def test_an_odt_without_tracked_changes_alone_gets_its_message(tmp_path: Path) -> None:
    (tmp_path / "plain.odt").write_bytes(odt_bytes("<text:p>Nothing was changed here.</text:p>"))
    with pytest.raises(
        DocumentError, match=r"plain\.odt: the OpenDocument text has no tracked changes; to comp"
    ):
        load_document(tmp_path / "plain.odt", tracked="accepted")
