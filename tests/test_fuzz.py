"""Arbitrary bytes and text: the loaders and the segmenter raise nothing but DocumentError."""

from __future__ import annotations

import functools
import tempfile
from pathlib import Path

from data.formats.make_fixtures import WRITERS
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from alignment.documents import load_document, paragraphs_of
from alignment.errors import DocumentError
from alignment.formats import MAX_BYTES, extract
from alignment.segment import segment

SUFFIXES = [".txt", ".md", ".html", ".htm", ".docx", ".odt", ".rtf", ".pdf", ".png", ""]
MAGIC = [
    b"",
    b"%PDF-1.4\n",
    b"{\\rtf1\\ansi ",
    b"PK\x03\x04",
    b"<!DOCTYPE html><p>",
    b"\xff\xfe",
    b"\xef\xbb\xbf",
]
PARAGRAPHS = ["A first paragraph, with words.", "Second one.\nWith a line break and “quotes”."]
fuzz = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@functools.cache
def _valid(ext: str) -> bytes:
    """A small valid document in one format."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"valid.{ext}"
        WRITERS[ext](PARAGRAPHS, path)
        return path.read_bytes()


def _read_or_refuse(data: bytes, suffix: str) -> None:
    """Extraction either gives non-blank text within the limit or raises DocumentError."""
    try:
        found = extract(data, suffix)
    except DocumentError as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    assert found.text.strip() and len(found.text) <= MAX_BYTES
    assert "\r" not in found.text


@fuzz
@given(st.sampled_from(MAGIC), st.binary(max_size=2000), st.sampled_from(SUFFIXES))
def test_arbitrary_bytes_are_read_or_refused(magic: bytes, data: bytes, suffix: str) -> None:
    _read_or_refuse(magic + data, suffix)


@settings(max_examples=60, deadline=None)
@given(
    st.sampled_from(sorted(WRITERS)),
    st.lists(st.tuples(st.integers(min_value=0), st.binary(min_size=1, max_size=8)), max_size=6),
    st.integers(min_value=0),
)
def test_damaged_documents_are_read_or_refused(ext: str, edits: list[tuple[int, bytes]], cut: int) -> None:
    data = bytearray(_valid(ext))
    for position, replacement in edits:
        at = position % len(data)
        data[at : at + len(replacement)] = replacement
    _read_or_refuse(bytes(data[: len(data) - cut % (len(data) // 2)]), f".{ext}")


@fuzz
@given(st.text(max_size=500))
def test_utf8_text_files_are_their_content_exactly(text: str) -> None:
    assume(text.strip() and not any(ch < " " and ch not in "\t\n\f" for ch in text))
    try:
        found = extract(text.encode("utf-8"), ".txt")
    except DocumentError:
        return  # binary-looking control characters, or markup read as a web page
    if found.format == "txt":
        assert (found.text, found.encoding) == (text, "utf-8")


@fuzz
@given(st.text(alphabet=st.sampled_from(list("<>/ pbrdivscript&;#x=\"'-!\n\u00e9")), max_size=300))
def test_arbitrary_markup_is_read_or_refused(markup: str) -> None:
    _read_or_refuse(("<html>" + markup).encode("utf-8"), ".html")


@settings(max_examples=40, deadline=None)
@given(st.binary(max_size=500), st.sampled_from(SUFFIXES))
def test_load_document_reads_or_refuses_any_file(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"file{suffix}"
        path.write_bytes(data)
        try:
            doc = load_document(path)
        except DocumentError as exc:
            assert str(exc).startswith(f"{path}: ")
            return
        assert doc.paragraphs == paragraphs_of(doc.text) and doc.paragraphs


@fuzz
@given(st.text(max_size=1000), st.sampled_from(["sentences", "lines"]))
def test_segment_gives_ordered_spans_inside_the_text(text: str, mode: str) -> None:
    sentences = segment(text, mode)  # type: ignore[arg-type]
    paragraphs = paragraphs_of(text)
    previous_end = 0
    for sentence in sentences:
        assert previous_end <= sentence.start < sentence.end <= len(text)
        start, end = paragraphs[sentence.paragraph]
        assert start <= sentence.start and sentence.end <= end
        assert text[sentence.start : sentence.end].strip() == text[sentence.start : sentence.end]
        previous_end = sentence.end
    covered = "".join(text[s.start : s.end] for s in sentences)
    assert "".join(covered.split()) == "".join("".join(text[a:b] for a, b in paragraphs).split())
