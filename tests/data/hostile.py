"""Hostile and damaged inputs, each crafted in a fresh folder, and one run of `paralign` on it.

tests/test_hostile.py checks each case's exit code, message, peak memory and untouched inputs;
benchmarks/hostile.py prints each case's time and peak memory.
"""

from __future__ import annotations

import os
import struct
import sys
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from data.child_peak import run_measured

ROOT = Path(__file__).resolve().parent.parent.parent
SEED = ROOT / "tests" / "data"
MiB = 2**20

Arg = str | bytes
"""A command-line word; bytes for a file name that is not UTF-8."""


@dataclass(frozen=True)
class Case:
    """One crafted input: build(folder) makes its files and returns paralign's arguments."""

    build: Callable[[Path], list[Arg]]
    code: int
    message: str | None
    """A part of the one line on stderr; None when stderr must stay empty."""
    writes: tuple[str, ...] = ()
    """Files of the folder the run may create or replace; every other file must stay untouched."""
    check: Callable[[Path, bytes], None] | None = None
    """More checks on the folder and standard output after the run."""
    peak_mib: int = 300
    unprivileged: bool = False
    """Run without root's power to write anywhere, so that file permissions apply."""


@dataclass(frozen=True)
class Run:
    """What one child run of paralign did."""

    code: int
    stdout: bytes
    stderr: str
    seconds: float
    peak_mib: float


_NO_ROOT_POWERS = ["setpriv", "--bounding-set", "-dac_override,-dac_read_search"]


def run_paralign(argv: list[Arg], cwd: Path, *, unprivileged: bool = False, timeout: float = 600) -> Run:
    """Run the `paralign` command in a child process and measure its time and peak resident memory."""
    prefix = _NO_ROOT_POWERS if unprivileged and os.geteuid() == 0 else []
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    argv = [*prefix, sys.executable, "-m", "viewer.launch", *argv]
    run = run_measured(argv, cwd=cwd, env=env, timeout=timeout)
    stderr = run.stderr.decode("utf-8", "backslashreplace")
    return Run(run.code, run.stdout, stderr, run.seconds, run.peak_mib)


def _pair(folder: Path) -> None:
    """The seed pair as A.txt (original) and P.txt (paraphrase)."""
    (folder / "A.txt").write_bytes((SEED / "seed.src.txt").read_bytes())
    (folder / "P.txt").write_bytes((SEED / "seed.tgt.txt").read_bytes())


def _hard_link_output(folder: Path) -> list[Arg]:
    _pair(folder)
    os.link(folder / "A.txt", folder / "A_hard.txt")
    return ["align", "A.txt", "P.txt", "--json", "-o", "A_hard.txt"]


def _symlink_output(folder: Path) -> list[Arg]:
    _pair(folder)
    os.symlink("P.txt", folder / "P_link.txt")
    return ["check", "A.txt", "P.txt", "--json", "-o", "P_link.txt"]


def _loop(folder: Path, name: str) -> None:
    os.symlink(f"{name}.b", folder / f"{name}.a")
    os.symlink(f"{name}.a", folder / f"{name}.b")


def _symlink_loop_input(folder: Path) -> list[Arg]:
    _pair(folder)
    _loop(folder, "in")
    return ["align", "in.a", "P.txt"]


def _symlink_loop_output(folder: Path) -> list[Arg]:
    _pair(folder)
    _loop(folder, "out")
    return ["align", "A.txt", "P.txt", "-o", "out.a"]


def _fifo_output(folder: Path) -> list[Arg]:
    _pair(folder)
    os.mkfifo(folder / "pipe")
    return ["align", "A.txt", "P.txt", "-o", "pipe"]


def _folder_output(folder: Path) -> list[Arg]:
    _pair(folder)
    (folder / "out").mkdir()
    return ["align", "A.txt", "P.txt", "-o", "out"]


def _output_in_missing_folder(folder: Path) -> list[Arg]:
    _pair(folder)
    return ["report", "A.txt", "P.txt", "-o", "missing/report.pdf"]


def _existing_report_in_read_only_folder(folder: Path) -> list[Arg]:
    _pair(folder)
    (folder / "locked").mkdir()
    (folder / "locked" / "report.html").write_text("the old report", encoding="utf-8")
    (folder / "locked").chmod(0o555)
    return ["report", "A.txt", "P.txt", "-o", "locked/report.html"]


_LATIN1_NAME = b"caf\xe9.txt"
_OUT_JSON = os.fsdecode(b"out\xff.json")


def _non_utf8_input_name(folder: Path) -> list[Arg]:
    _pair(folder)
    os.rename(folder / "A.txt", os.fsencode(folder) + b"/" + _LATIN1_NAME)
    return ["align", _LATIN1_NAME, "P.txt", "--json"]


def _non_utf8_names_to_a_file(folder: Path) -> list[Arg]:
    _non_utf8_input_name(folder)
    return ["align", _LATIN1_NAME, "P.txt", "--json", "-o", os.fsencode(_OUT_JSON)]


def _non_utf8_report(folder: Path) -> list[Arg]:
    _non_utf8_input_name(folder)
    return ["report", _LATIN1_NAME, "P.txt", "-o", b"report\xff.html"]


def _json_names_the_file_escaped(data: bytes) -> None:
    import json

    assert json.loads(data.decode("utf-8"))["source"]["path"] == "caf\\xe9.txt"


def _newline_in_missing_path(folder: Path) -> list[Arg]:
    _pair(folder)
    return ["align", "mis\nsing.txt", "P.txt"]


def _backslash_name(folder: Path) -> list[Arg]:
    _pair(folder)
    os.rename(folder / "A.txt", folder / "back\\slash.txt")
    return ["report", "back\\slash.txt", "P.txt", "-o", "r.html"]


def _report_names_the_whole_file(folder: Path, _: bytes) -> None:
    assert "back\\slash.txt" in (folder / "r.html").read_text(encoding="utf-8")


SCRIPTS = {
    "Russian": "Президент выступил в четверг. Он сказал, что переговоры продолжатся.\n\nВторой абзац.\n",
    "Chinese": "总统星期四发表讲话。他说谈判将继续进行。\n\n第二段。\n",
    "Arabic": "تحدث الرئيس يوم الخميس. وقال إن المفاوضات ستستمر.\n\nفقرة ثانية.\n",
}
"""Short texts in scripts whose UTF-16 has NUL bytes only at spaces, digits and line ends."""


def _damaged_utf8(folder: Path) -> list[Arg]:
    _pair(folder)
    data = bytearray((folder / "A.txt").read_bytes())
    for at in (100, 2000, 4000):
        data[at] = 0xFF
    (folder / "A.txt").write_bytes(bytes(data))
    return ["align", "A.txt", "P.txt", "--json"]


def _three_replacements_only(_: Path, out: bytes) -> None:
    import json

    text = json.loads(out)["source"]["text"]
    original = (SEED / "seed.src.txt").read_text(encoding="utf-8")
    assert text.count("\ufffd") == 3 and len(text) == len(original)
    assert [k for k, (a, b) in enumerate(zip(text, original, strict=True)) if a != b] == [
        k for k, ch in enumerate(text) if ch == "\ufffd"
    ]


def _cut_mid_character(folder: Path) -> list[Arg]:
    _pair(folder)
    (folder / "A.txt").write_bytes(SCRIPTS["Russian"].rstrip(".\n").encode("utf-8")[:-1])
    (folder / "P.txt").write_bytes(SCRIPTS["Russian"].encode("utf-8"))
    return ["align", "A.txt", "P.txt"]


def _wide(encoding: str, script: str) -> Callable[[Path], list[Arg]]:
    def build(folder: Path) -> list[Arg]:
        (folder / "A.txt").write_bytes(SCRIPTS[script].encode(encoding))
        (folder / "P.txt").write_bytes(SCRIPTS[script].encode("utf-8"))
        return ["align", "A.txt", "P.txt", "--json"]

    return build


def _read_exactly(script: str, encoding: str) -> Callable[[Path, bytes], None]:
    def check(_: Path, out: bytes) -> None:
        import json

        source = json.loads(out)["source"]
        assert (source["text"], source["encoding"]) == (SCRIPTS[script], encoding)

    return check


def _pdf(contents: list[bytes], filters: bytes) -> bytes:
    """A PDF with one page per content stream, each stored with the given /Filter."""
    pages = len(contents)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>"
        % (b" ".join(b"%d 0 R" % (3 + 2 * k) for k in range(pages)), pages),
    ]
    for k, content in enumerate(contents):
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 1 1] /Contents %d 0 R >>" % (4 + 2 * k))
        head = b"<< /Length %d /Filter %s >>\nstream\n" % (len(content), filters)
        objects.append(head + content + b"\nendstream")
    return pdf_file(objects)


def pdf_file(objects: list[bytes], *, xref: bool = True) -> bytes:
    """A PDF of these objects (numbered from 1, the first the catalog) with its cross-reference table;
    without xref it points at none, so that pdfminer looks for the objects line by line."""
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    table = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % at for at in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\n" % (len(objects) + 1)
    return bytes(out + b"startxref\n%d\n%%%%EOF\n" % (table if xref else 0))


_FONT = b"/Resources << /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >>"


def text_pdf(content: bytes, *, catalog: bytes = b"", xref: bool = True) -> bytes:
    """A one-page PDF drawing content with /F1 as Helvetica; catalog goes inside the catalog's dictionary."""
    return pdf_file(
        [
            b"<< /Type /Catalog %s\n/Pages 2 0 R >>" % catalog,
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 600 800] /Contents 4 0 R %s >>" % _FONT,
            b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
        ],
        xref=xref,
    )


def _long_comment(name: str, mib: int, *, xref: bool) -> Callable[[Path], list[Arg]]:
    """A PDF whose page draws a sentence after a comment of mib MiB, and that sentence as the paraphrase."""

    def build(folder: Path) -> list[Arg]:
        sentence = b"The council approved the budget on Tuesday."
        content = b"%" + b"A" * (mib * MiB) + b"\nBT /F1 12 Tf 72 700 Td (" + sentence + b") Tj ET"
        (folder / name).write_bytes(text_pdf(content, xref=xref))
        (folder / "P.txt").write_bytes(sentence + b"\n")
        return ["align", name, "P.txt"]

    return build


def zeros_zlib(mib: int) -> bytes:
    """A zlib stream of mib MiB of zeros: one fully-flushed deflate block repeated (about 1000:1)."""
    block = zlib.compressobj(9, zlib.DEFLATED, -15)
    chunk = block.compress(bytes(MiB)) + block.flush(zlib.Z_FULL_FLUSH)
    check = 1
    for _ in range(mib):
        check = zlib.adler32(bytes(MiB), check)
    return b"\x78\xda" + chunk * mib + block.flush(zlib.Z_FINISH) + check.to_bytes(4, "big")


def zeros_run_length(mib: int) -> bytes:
    """A RunLengthDecode stream of mib MiB of zeros: 128 bytes for every 2."""
    return b"\x81\x00" * (mib * MiB // 128) + b"\x80"


def zeros_lzw(mib: int) -> bytes:
    """An LZWDecode stream of about mib MiB of zeros: each code past the full table stands for 3839."""
    bits: list[str] = []
    width, size = 9, 258
    bits += [format(256, "09b"), format(0, "09b")]
    while size < 4096:  # each code is the next table entry: one zero longer than the last
        bits.append(format(size, f"0{width}b"))
        size += 1
        width = {511: 10, 1023: 11, 2047: 12}.get(size, width)
    bits += [format(4095, "012b")] * (mib * MiB // 3839)
    packed = "".join(bits)
    packed += "0" * (-len(packed) % 8)
    return int(packed, 2).to_bytes(len(packed) // 8, "big")


def _bomb(name: str, contents: Callable[[], list[bytes]], filters: bytes) -> Callable[[Path], list[Arg]]:
    def build(folder: Path) -> list[Arg]:
        _pair(folder)
        (folder / name).write_bytes(_pdf(contents(), filters))
        return ["align", name, "P.txt"]

    return build


def _many_pages(name: str, pages: int, mib: int) -> Callable[[Path], list[Arg]]:
    """A PDF of pages whose contents each unpack to mib MiB, under the limit per part but not in sum."""

    def build(folder: Path) -> list[Arg]:
        _pair(folder)
        blank = zlib.compress(b" " * (mib * MiB), 9)  # spaces: pdfminer's parser skips them at C speed
        (folder / name).write_bytes(_pdf([blank] * pages, b"/FlateDecode"))
        return ["align", name, "P.txt"]

    return build


def _zip_directory(entries: int, declared: int) -> bytes:
    """A zip whose directory holds entries tiny entries (one stored file, named "a", listed again and
    again) and whose end record declares `declared` of them (zip64 past 65,535)."""
    local = struct.pack("<4s5H3L2H", b"PK\x03\x04", 20, 0, 0, 0, 0, 0, 0, 0, 1, 0) + b"a"
    entry = struct.pack("<4s6H3L5H2L", b"PK\x01\x02", 20, 20, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0) + b"a"
    directory = entry * entries
    start = len(local)
    tail = b""
    if declared > 0xFFFF:
        tail = struct.pack(
            "<4sQ2H2L4Q", b"PK\x06\x06", 44, 45, 45, 0, 0, declared, declared, len(directory), start
        )
        tail += struct.pack("<4sLQL", b"PK\x06\x07", 0, start + len(directory), 1)
        declared = 0xFFFF
    end = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, declared, declared, len(directory), start, 0)
    return local + directory + tail + end


def _zip_of_many_entries(name: str, entries: int, declared: int) -> Callable[[Path], list[Arg]]:
    def build(folder: Path) -> list[Arg]:
        _pair(folder)
        (folder / name).write_bytes(_zip_directory(entries, declared))
        return ["align", name, "P.txt"]

    return build


CASES: dict[str, Case] = {
    "PDF bomb: a page inflating to 1 GiB": Case(
        _bomb("bomb.pdf", lambda: [zeros_zlib(1024)], b"/FlateDecode"), 2, "bomb.pdf: too large (a part"
    ),
    "PDF bomb: run-length 1 GiB": Case(
        _bomb("runs.pdf", lambda: [zeros_run_length(1024)], b"/RunLengthDecode"), 2, "too large (a part"
    ),
    "PDF bomb: LZW 1 GiB": Case(
        _bomb("lzw.pdf", lambda: [zeros_lzw(1024)], b"/LZWDecode"), 2, "too large (a part"
    ),
    "PDF bomb: flate of run-length": Case(
        _bomb("both.pdf", lambda: [zlib.compress(zeros_run_length(1024))], b"[/Fl /RL]"),
        2,
        "too large (a part",
    ),
    "PDF of 5 pages each unpacking to 30 MiB": Case(
        _many_pages("pages.pdf", 5, 30), 2, "pages.pdf: too large (the PDF unpacks to more than 64 MiB"
    ),
    "PDF with a 16 MiB comment before its text": Case(_long_comment("comment.pdf", 16, xref=True), 0, None),
    "PDF without xref, a 16 MiB comment line": Case(_long_comment("noxref.pdf", 16, xref=False), 0, None),
    # 600 k entries: a zip's directory of a million takes 47 MB, past the file size limit.
    "docx of 600 k entries": Case(
        _zip_of_many_entries("many.docx", 600_000, 600_000), 2, "many.docx: too many parts (600,000 files"
    ),
    "epub declaring 10 entries, holding 600 k": Case(
        _zip_of_many_entries("many.epub", 600_000, 10), 2, "many.epub: too many parts (a directory of"
    ),
    "UTF-8 with three bad bytes": Case(
        _damaged_utf8,
        0,
        "A.txt: 3 bytes could not be read as UTF-8 and are shown as \ufffd",
        check=_three_replacements_only,
    ),
    "UTF-8 cut mid-character": Case(
        _cut_mid_character, 0, "A.txt: 1 byte could not be read as UTF-8 and is shown as \ufffd"
    ),
    **{
        f"{encoding} {script} without BOM": Case(
            _wide(encoding, script), 0, None, check=_read_exactly(script, encoding)
        )
        for encoding, script in (
            ("utf-16-le", "Russian"),
            ("utf-16-be", "Chinese"),
            ("utf-16-le", "Arabic"),
            ("utf-32-le", "Chinese"),
            ("utf-32-be", "Russian"),
        )
    },
    "-o a hard link to the original": Case(
        _hard_link_output, 2, "A_hard.txt: refusing to write over an input file"
    ),
    "-o a symlink to the paraphrase": Case(
        _symlink_output, 2, "P_link.txt: refusing to write over an input file"
    ),
    "an input that is a symlink loop": Case(
        _symlink_loop_input, 2, "in.a: cannot be read (Too many levels of symbolic links)"
    ),
    "-o a symlink loop": Case(
        _symlink_loop_output, 2, "out.a: cannot write here (Too many levels of symbolic links)"
    ),
    "-o a FIFO without reader": Case(_fifo_output, 2, "pipe: not a regular file"),
    "-o a folder": Case(_folder_output, 2, "out: not a regular file"),
    "-o in a missing folder (no Qt warning first)": Case(
        _output_in_missing_folder, 2, "missing/report.pdf: cannot write here (No such file or directory)"
    ),
    "-o over a report in a read-only folder": Case(
        _existing_report_in_read_only_folder,
        2,
        "locked/report.html: cannot write here (Permission denied)",
        unprivileged=True,
    ),
    "a non-UTF-8 input name, JSON to stdout": Case(
        _non_utf8_input_name, 0, None, check=lambda _, out: _json_names_the_file_escaped(out)
    ),
    "non-UTF-8 names, JSON to a file": Case(
        _non_utf8_names_to_a_file,
        0,
        None,
        writes=(_OUT_JSON,),
        check=lambda folder, _: _json_names_the_file_escaped((folder / _OUT_JSON).read_bytes()),
    ),
    "non-UTF-8 names, report": Case(
        _non_utf8_report, 0, "report written to report\\xff.html", writes=(os.fsdecode(b"report\xff.html"),)
    ),
    "a newline in a missing path": Case(_newline_in_missing_path, 2, "mis\\nsing.txt: no such file"),
    "a backslash in a file name": Case(
        _backslash_name, 0, "report written to r.html", writes=("r.html",), check=_report_names_the_whole_file
    ),
}
"""Every hostile case by name."""
