"""Zipped documents (docx, odt, epub) unpack through a bounded stream, whatever their headers claim."""

from __future__ import annotations

import io
import struct
import sys
import zipfile
import zlib
from pathlib import Path

import pytest
from data.child_peak import run_measured

from alignment.errors import DocumentError
from alignment.formats.archive import Archive
from alignment.formats.limits import MAX_BYTES

ROOT = Path(__file__).parent.parent
_MIB = 1 << 20
_BOMB_MIB = 1024
"""A member that truly unpacks to 1 GiB: zipfile's own read() would hold it all at once."""
_MAX_RSS_MIB = 300
_MEMBERS = {
    "docx": ("[Content_Types].xml", "word/document.xml"),
    "odt": ("mimetype", "content.xml"),
    "epub": ("mimetype", "META-INF/container.xml"),
}
_FIRST = {
    "docx": b"<Types/>",
    "odt": b"application/vnd.oasis.opendocument.text",
    "epub": b"application/epub+zip",
}
_LABELS = {"docx": "Word document", "odt": "OpenDocument text", "epub": "EPUB book"}


def _zeros_deflated(mib: int) -> bytes:
    """A raw deflate stream of mib MiB of zeros, built from one repeated fully-flushed block."""
    block = zlib.compressobj(9, zlib.DEFLATED, -15)
    chunk = block.compress(bytes(_MIB)) + block.flush(zlib.Z_FULL_FLUSH)
    tail = block.flush(zlib.Z_FINISH)
    return chunk * mib + tail


def lying_zip(members: list[tuple[str, bytes, int]]) -> bytes:
    """A zip of (name, raw deflate stream, declared unpacked size); the CRC is that of nothing."""
    out, central = bytearray(), bytearray()
    for name, stream, declared in members:
        fields = (20, 0, 8, 0, 0, zlib.crc32(b""), len(stream), declared, len(name), 0)
        central += struct.pack("<4s2H", b"PK\x01\x02", 20, 20)[:6] + struct.pack("<5H3L2H", *fields)
        central += struct.pack("<3H2L", 0, 0, 0, 0, len(out)) + name.encode()
        out += struct.pack("<4s5H3L2H", b"PK\x03\x04", *fields) + name.encode() + stream
    start = len(out)
    out += central + struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, len(members), len(members),
                                 len(central), start, 0)  # fmt: skip
    return bytes(out)


def _deflated(data: bytes) -> bytes:
    """A raw deflate stream holding data."""
    block = zlib.compressobj(9, zlib.DEFLATED, -15)
    return block.compress(data) + block.flush()


def _child_reads(path: Path) -> tuple[str, float]:
    """The one line a fresh interpreter gets when it opens path, and its peak memory in MiB."""
    code = (
        "import sys\n"
        "from alignment.documents import load_document\n"
        "from alignment.errors import DocumentError\n"
        "try:\n    load_document(sys.argv[1]); print('opened')\n"
        "except DocumentError as exc:\n    print(exc)\n"
    )
    done = run_measured([sys.executable, "-c", code, str(path)], cwd=ROOT)
    assert done.code == 0, done.stderr
    return done.stdout.decode().strip(), done.peak_mib


@pytest.mark.parametrize("fmt", sorted(_MEMBERS))
def test_a_member_whose_header_understates_its_size_is_refused_in_bounded_memory(
    tmp_path: Path, fmt: str
) -> None:
    first, main_part = _MEMBERS[fmt]
    bomb = _zeros_deflated(_BOMB_MIB)
    members = [(first, _deflated(_FIRST[fmt]), len(_FIRST[fmt])), (main_part, bomb, 4096)]
    path = tmp_path / f"liar.{fmt}"
    path.write_bytes(lying_zip(members))
    message, peak = _child_reads(path)
    assert message == f"{path}: not a readable {_LABELS[fmt]}: the file is damaged or incomplete"
    assert peak < _MAX_RSS_MIB


def test_reads_past_the_limit_in_total_are_refused() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("part", bytes(MAX_BYTES // 3))
    archive = Archive(buffer.getvalue())
    for _ in range(3):
        assert len(archive.read("part")) == MAX_BYTES // 3
    with pytest.raises(DocumentError, match="too large"):
        archive.read("part")


@pytest.mark.parametrize("method", [zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA])
def test_compressions_documents_never_use_are_refused(method: int) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method) as archive:
        archive.writestr("part", b"text")
    with pytest.raises(zipfile.BadZipFile):
        Archive(buffer.getvalue()).read("part")


def test_a_lying_mimetype_is_sniffed_in_bounded_memory(tmp_path: Path) -> None:
    path = tmp_path / "liar.odt"
    path.write_bytes(lying_zip([("mimetype", _zeros_deflated(_BOMB_MIB), 64)]))
    message, peak = _child_reads(path)
    assert message == f"{path}: not a readable OpenDocument text: the file is damaged or incomplete"
    assert peak < _MAX_RSS_MIB
