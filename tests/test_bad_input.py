"""Bad input gives one clear DocumentError naming the file, and no file paralign opens is ever touched."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from data.formats.make_fixtures import (
    WRITERS,
    paragraphs_of_file,
    pdf_document,
    write_encrypted_pdf,
    write_scanned_pdf,
)
from data.hostile import SCRIPTS

from alignment.align import align
from alignment.cli import main
from alignment.documents import document_from_text, load_document
from alignment.errors import DocumentError
from alignment.formats import MAX_BYTES, extract
from alignment.paths import shown
from alignment.summary import summarize

ROOT = Path(__file__).parent.parent
DATA = ROOT / "tests" / "data"
PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000") + bytes(64)
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
ELF = b"\x7fELF\x02\x01\x01\x00" + bytes(8) + b"\x02\x00\x3e\x00" + bytes(range(256)) * 4


def _docx_bytes(tmp_path: Path) -> bytes:
    WRITERS["docx"](["A paragraph."], tmp_path / "valid.docx")
    return (tmp_path / "valid.docx").read_bytes()


def _zip_bomb(tmp_path: Path) -> bytes:
    """A small .docx whose document part unpacks to more than the size limit."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b" " * (MAX_BYTES + 1))
    return buffer.getvalue()


def _plain_zip(tmp_path: Path) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("notes.txt", "Some notes.")
    return buffer.getvalue()


def _exotic_zip(tmp_path: Path) -> bytes:
    """An .odt-like zip whose first member uses a compression method zipfile does not implement."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
    data = bytearray(buffer.getvalue())
    for header in (b"PK\x03\x04", b"PK\x01\x02"):
        at = data.index(header) + (8 if header == b"PK\x03\x04" else 10)
        data[at : at + 2] = (99).to_bytes(2, "little")
    return bytes(data)


BAD_FILES: dict[str, tuple[str, Callable[[Path], bytes], str]] = {
    "empty": ("empty.txt", lambda _: b"", "the file is empty"),
    "whitespace": ("blank.txt", lambda _: b" \n\t\r\n  \n", "the file is empty"),
    "image": ("photo.png", lambda _: PNG, "binary data"),
    "image named .txt": ("photo.txt", lambda _: PNG, "binary data"),
    "executable": ("tool", lambda _: ELF, "binary data"),
    "nul bytes": ("nul.txt", lambda _: b"Some text\0with a NUL byte in it.\n", "binary data"),
    "truncated docx": ("cut.docx", lambda t: _docx_bytes(t)[:2000], "not a readable Word document"),
    "garbage docx": ("noise.docx", lambda _: ELF, "not a readable Word document"),
    "zip named docx": ("hollow.docx", _plain_zip, "not a readable Word document"),
    "zip archive": ("notes.zip", _plain_zip, "ZIP archive, not a document"),
    "corrupt pdf": ("broken.pdf", lambda _: b"%PDF-1.7\n" + ELF, "not a readable PDF"),
    "corrupt odt": ("broken.odt", lambda _: b"PK\x03\x04" + ELF, "not a readable OpenDocument text"),
    "corrupt rtf": ("broken.rtf", lambda _: b"{\\rtf1 {{{{\\bin999999999 ", "RTF document has no text"),
    "old word": (
        "old.doc",
        lambda _: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504),
        "old-style Office file",
    ),
    "zip bomb": ("bomb.docx", _zip_bomb, "too large"),
    "exotic zip": ("odd.odt", _exotic_zip, "not a readable OpenDocument text"),
    "empty docx": ("empty.docx", lambda t: _empty_document(t, "docx"), "Word document has no text"),
    "empty page": ("empty.html", lambda _: b"<html><script>x()</script></html>", "web page has no text"),
    "pdf without pages": ("none.pdf", lambda _: pdf_document([]), "no text layer"),
}


def _empty_document(tmp_path: Path, ext: str) -> bytes:
    WRITERS[ext]([], tmp_path / f"blank.{ext}")
    return (tmp_path / f"blank.{ext}").read_bytes()


def _message(path: Path) -> str:
    with pytest.raises(DocumentError) as caught:
        load_document(path)
    message = str(caught.value)
    assert message.startswith(f"{shown(path)}: ")
    assert "\n" not in message
    return message


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_bad_files_give_one_clear_line(tmp_path: Path, case: str) -> None:
    name, build, expected = BAD_FILES[case]
    path = tmp_path / name
    path.write_bytes(build(tmp_path))
    assert expected in _message(path)


def test_a_missing_path(tmp_path: Path) -> None:
    assert "no such file" in _message(tmp_path / "missing.txt")


def test_a_name_no_file_can_have(tmp_path: Path) -> None:
    assert "not a valid file name" in _message(tmp_path / "nul\0byte.txt")


def test_a_folder(tmp_path: Path) -> None:
    assert "is a folder" in _message(tmp_path)


def test_a_pipe_is_refused_without_blocking(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.txt")
    assert "not a regular file" in _message(tmp_path / "pipe.txt")


def test_an_encrypted_pdf(tmp_path: Path) -> None:
    write_encrypted_pdf(tmp_path / "locked.pdf")
    assert "password-protected" in _message(tmp_path / "locked.pdf")


def test_a_scanned_pdf_without_text_layer(tmp_path: Path) -> None:
    write_scanned_pdf(tmp_path / "scan.pdf")
    assert "no text layer" in _message(tmp_path / "scan.pdf")


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as f:
        f.truncate(MAX_BYTES + 1)  # sparse: no disk space, and reading it would take a while
    message = _message(path)
    assert "too large (33,554,433 bytes; paralign opens files up to 32 MiB)" in message


def test_the_readme_states_the_size_limits() -> None:
    from alignment.formats.pdf_chars import PAGE_CHARACTERS
    from alignment.formats.pdf_streams import TOTAL_BYTES

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    readme = " ".join(readme.split())
    assert f"Files up to {MAX_BYTES // 2**20} MiB" in readme
    assert f"parts may unpack to {TOTAL_BYTES // 2**20} MiB in all" in readme
    assert f"a page may draw {PAGE_CHARACTERS:,} characters" in readme


def _unprivileged(argv: list[str]) -> list[str]:
    """argv run without root's power to read any file, so permissions apply as to other users."""
    if os.geteuid() != 0:
        return argv
    return ["setpriv", "--bounding-set", "-dac_override,-dac_read_search", *argv]


def test_a_file_without_read_permission(tmp_path: Path) -> None:
    path = tmp_path / "secret.txt"
    path.write_text("Private words.\n", encoding="utf-8")
    path.chmod(0)
    code = (
        "import sys\nfrom alignment.documents import load_document\n"
        "from alignment.errors import DocumentError\n"
        "try:\n    load_document(sys.argv[1])\nexcept DocumentError as exc:\n    print(exc)\n"
    )
    run = subprocess.run(
        _unprivileged([sys.executable, "-c", code, str(path)]),
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    )
    assert run.stdout == f"{path}: permission denied: paralign may not read this file\n"


def _state(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Every file in a folder with its bytes and modification time."""
    return {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(folder.iterdir())}


def test_opening_aligning_and_reloading_leaves_the_files_untouched(tmp_path: Path) -> None:
    for side in ("src", "tgt"):
        (tmp_path / f"seed.{side}.txt").write_bytes((DATA / f"seed.{side}.txt").read_bytes())
        paragraphs = paragraphs_of_file(DATA / f"seed.{side}.txt")
        for ext, write in WRITERS.items():
            write(paragraphs, tmp_path / f"seed.{side}.{ext}")
    (tmp_path / "cut.docx").write_bytes(_docx_bytes(tmp_path)[:2000])
    (tmp_path / "valid.docx").unlink()
    os.utime(tmp_path / "seed.src.txt", ns=(1_000_000_000, 1_000_000_000))
    before = _state(tmp_path)
    for ext in ("txt", *WRITERS):
        pair = [tmp_path / f"seed.{side}.{ext}" for side in ("src", "tgt")]
        align(*(load_document(p) for p in pair))
        align(*(load_document(p) for p in pair))
    with pytest.raises(DocumentError):
        load_document(tmp_path / "cut.docx")
    assert _state(tmp_path) == before


def _cli(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> tuple[int, str, str]:
    """Exit code, standard output and standard error of one in-process run of the command line."""
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def _refused(capsys: pytest.CaptureFixture[str], bad: Path, expected: str) -> None:
    """The command line refuses a bad file on either side with one line on stderr and exit code 2."""
    good = DATA / "seed.tgt.txt"
    for argv in (("align", bad, good), ("check", good, bad, "--json")):
        code, out, err = _cli(capsys, *argv)
        assert (code, out) == (2, "")
        assert err.startswith(f"paralign: {bad}: ") and expected in err
        assert err.count("\n") == 1 and err.endswith("\n")


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_the_command_line_refuses_bad_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], case: str
) -> None:
    name, build, expected = BAD_FILES[case]
    (tmp_path / name).write_bytes(build(tmp_path))
    _refused(capsys, tmp_path / name, expected)


def test_the_command_line_refuses_missing_folders_locked_scanned_and_huge_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_encrypted_pdf(tmp_path / "locked.pdf")
    write_scanned_pdf(tmp_path / "scan.pdf")
    with (tmp_path / "huge.txt").open("wb") as f:
        f.truncate(MAX_BYTES + 1)
    _refused(capsys, tmp_path / "missing.txt", "no such file")
    _refused(capsys, tmp_path, "is a folder")
    _refused(capsys, tmp_path / "locked.pdf", "password-protected")
    _refused(capsys, tmp_path / "scan.pdf", "no text layer")
    _refused(capsys, tmp_path / "huge.txt", "paralign opens files up to 32 MiB)")


def test_the_command_line_refuses_an_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "secret.txt"
    path.write_text("Private words.\n", encoding="utf-8")
    path.chmod(0)
    argv = [sys.executable, "-m", "alignment.cli", "align", str(path), str(DATA / "seed.tgt.txt")]
    run = subprocess.run(_unprivileged(argv), capture_output=True, text=True, cwd=ROOT)
    assert (run.returncode, run.stdout) == (2, "")
    assert run.stderr == f"paralign: {path}: permission denied: paralign may not read this file\n"


def test_a_one_megabyte_line_without_punctuation_aligns(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    words = [f"word{k % 997}x{k % 13}" for k in range(120_000)]
    line = " ".join(words)[:1_000_000]
    (tmp_path / "line.txt").write_text(line, encoding="utf-8")
    doc = load_document(tmp_path / "line.txt")
    assert doc.text == line and doc.paragraphs == ((0, len(line)),)
    code, out, err = _cli(capsys, "align", tmp_path / "line.txt", DATA / "seed.tgt.txt", "--json")
    assert (code, err) == (0, "")
    result = json.loads(out)
    assert result["source"]["sentences"] == [{"start": 0, "end": len(line), "paragraph": 0}]


MIXED = (
    "東京は日本の首都です。人口はとても多いです。\n\n"
    "مرحبا بالعالم. هذا نص عربي قصير.\n\n"
    "Party time 🎉👩‍👩‍👧 tonight! Bring 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 friends.\n"
)


def test_mixed_scripts_align_with_offsets_into_the_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "a.txt").write_text(MIXED, encoding="utf-8")
    (tmp_path / "b.txt").write_text(
        MIXED.replace("とても", "非常に").replace("Bring", "Bring your"), "utf-16"
    )
    code, out, err = _cli(capsys, "align", tmp_path / "a.txt", tmp_path / "b.txt", "--json")
    assert (code, err) == (0, "")
    result = json.loads(out)
    text = result["source"]["text"]
    assert text == MIXED
    assert [text[s["start"] : s["end"]] for s in result["source"]["sentences"]] == [
        "東京は日本の首都です。",
        "人口はとても多いです。",
        "مرحبا بالعالم.",
        "هذا نص عربي قصير.",
        "Party time 🎉👩‍👩‍👧 tonight!",
        "Bring 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 friends.",
    ]
    assert [(p["source"], p["target"]) for p in result["pairs"]] == [([k], [k]) for k in range(6)]


UNRELATED = (
    "Preheat the oven to two hundred degrees. Whisk the eggs with sugar until pale and fluffy.\n\n"
    "Fold in the flour gently, then pour the batter into a buttered tin. Bake for forty minutes.\n\n"
    "Let the cake cool before slicing. Serve with cream and fresh berries.\n"
)


def test_unrelated_texts_are_reported_plainly_not_paired(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    alignment = align(load_document(DATA / "seed.src.txt"), document_from_text(UNRELATED))
    assert summarize(alignment).unrelated
    assert not [p for p in alignment.pairs if p.source and p.target]
    (tmp_path / "recipe.txt").write_text(UNRELATED, encoding="utf-8")
    code, out, err = _cli(capsys, "align", DATA / "seed.src.txt", tmp_path / "recipe.txt")
    assert (code, err) == (0, "")
    assert (
        out.splitlines()[0] == "The two texts have nothing in common: no sentence of one matches the other."
    )


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
@pytest.mark.parametrize("script", sorted(SCRIPTS))
def test_utf16_and_utf32_without_bom_in_any_script(script: str, encoding: str) -> None:
    found = extract(SCRIPTS[script].encode(encoding), ".txt")
    assert (found.text, found.encoding, found.notes) == (SCRIPTS[script], encoding, ())


@pytest.mark.parametrize(
    "text, damage, replaced",
    [
        ("Trump’s “plan” was final, he said. " * 4, lambda b: b[:9] + b"\xff" + b[9:], 1),
        ("Trump’s “plan” was final, he said. " * 4, lambda b: b[:9] + b"\x93\x94\x85" + b[9:], 3),
        (SCRIPTS["Russian"], lambda b: b.replace(b"\xd0\x9f", b"\xd0\xff", 1), 2),
        (SCRIPTS["Russian"].rstrip(".\n"), lambda b: b[:-1], 1),  # cut mid-character
        (SCRIPTS["Chinese"].rstrip("。\n"), lambda b: b[:-2], 1),
    ],
)
def test_utf8_with_a_few_bad_bytes_stays_utf8(
    text: str, damage: Callable[[bytes], bytes], replaced: int
) -> None:
    found = extract(damage(text.encode("utf-8")), ".txt")
    assert found.encoding == "utf-8"
    assert found.text.count("\ufffd") == replaced
    note = (
        "1 byte could not be read as UTF-8 and is shown as \ufffd"
        if replaced == 1
        else f"{replaced} bytes could not be read as UTF-8 and are shown as \ufffd"
    )
    assert found.notes == (note,)


@pytest.mark.parametrize("text", ["Café au lait.", "Il était une fois une naïve reine, déjà âgée."])
def test_legacy_code_pages_are_not_read_as_damaged_utf8(text: str) -> None:
    found = extract(text.encode("cp1252"), ".txt")
    assert (found.text, found.encoding, found.notes) == (text, "cp1252", ())


def test_an_8bit_text_with_a_stray_nul_is_binary_not_utf16() -> None:
    data = b"Some text\0with a NUL byte in it!!\n"
    assert len(data) % 2 == 0
    with pytest.raises(DocumentError, match="binary data"):
        extract(data, ".txt")


@pytest.mark.parametrize(
    "body",
    [b"Before \\bin4 \x00\x00AB after.", b"Before {\\object\\bin4 \x00}\x00A} after."],
    ids=["in the text", "with a brace that would close its group"],
)
def test_rtf_binary_payloads_stay_out_of_the_text(body: bytes) -> None:
    data = b"{\\rtf1\\ansi %s\\par Next one.}" % body
    assert extract(data, ".rtf").text == "Before  after.\n\nNext one."
