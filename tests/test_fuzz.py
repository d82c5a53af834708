"""Arbitrary bytes and text: the loaders and the segmenter raise nothing but DocumentError."""

from __future__ import annotations

import functools
import tempfile
from datetime import timedelta
from pathlib import Path

from data.formats.make_fixtures import WRITERS
from hypothesis import HealthCheck, Phase, assume, given, settings
from hypothesis import strategies as st

from alignment.align import align
from alignment.checks import run_checks
from alignment.documents import document_from_text, load_document, paragraphs_of
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
    _ordered_spans_inside_the_text(text, mode)


def _ordered_spans_inside_the_text(text: str, mode: str) -> None:
    """Sentences in order, each inside its paragraph, trimmed, together covering every non-space."""
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


# Hostile text: long runs of sentence marks, quotes and brackets, the shapes that made the splitter and
# the quotation checks quadratic; each example must finish well inside its deadline.
MARKS = list(".!?…‽。！？؟۔\"'“”‘’«»()[]")
hostile = settings(
    max_examples=60,
    deadline=timedelta(seconds=10),
    suppress_health_check=[HealthCheck.too_slow],
    phases=[Phase.explicit, Phase.reuse, Phase.generate],  # shrinking slow examples would take hours
)
punctuation_runs = st.lists(
    st.tuples(st.sampled_from([*MARKS, " ", "\n", "a", "A. ", "Mr. ", " «", "» "]), st.integers(1, 20_000)),
    max_size=8,
).map(lambda runs: "".join(piece * count for piece, count in runs))
punctuated_prose = st.lists(
    st.sampled_from([*MARKS, " ", "\n", "\n\n", "Word", "said", "4", "May"]), max_size=600
).map("".join)


@hostile
@given(punctuation_runs, st.sampled_from(["sentences", "lines"]))
def test_segment_is_linear_on_runs_of_punctuation(text: str, mode: str) -> None:
    _ordered_spans_inside_the_text(text, mode)


@hostile
@given(punctuated_prose.filter(str.strip), punctuated_prose.filter(str.strip))
def test_checks_run_on_punctuation_heavy_text(original: str, paraphrase: str) -> None:
    alignment = align(document_from_text(original), document_from_text(paraphrase))
    for check in run_checks(alignment):
        for side, span in (("source", check.source), ("target", check.target)):
            if span:
                assert 0 <= span[0] <= span[1] <= len(alignment.document(side).text)  # type: ignore[arg-type]


ENCODINGS = ["utf-8", "cp1252", "latin-1", "utf-16-le", "utf-16-be", "koi8-r", "shift_jis", "gb18030"]


@hostile
@given(st.lists(st.tuples(st.text(max_size=80), st.sampled_from(ENCODINGS)), min_size=1, max_size=6))
def test_text_in_mixed_encodings_is_read_or_refused(pieces: list[tuple[str, str]]) -> None:
    _read_or_refuse(b"".join(text.encode(encoding, "replace") for text, encoding in pieces), ".txt")


@hostile
@given(
    st.lists(st.sampled_from([*"Привет мир, это текст. ", "’", "“", "—", "東"]), min_size=1, max_size=300),
    st.lists(st.integers(min_value=0), min_size=1, max_size=3),
)
def test_a_few_bad_bytes_in_utf8_become_replacement_characters(chars: list[str], places: list[int]) -> None:
    assume(sum(ch > "\x7f" for ch in chars) >= len(places) and "".join(chars).strip())
    marked = list(chars)
    for place in sorted({p % (len(chars) + 1) for p in places}, reverse=True):
        marked.insert(place, "\ufffd")
    data = b"".join(b"\xff" if ch == "\ufffd" else ch.encode("utf-8") for ch in marked)
    found = extract(data, ".txt")
    assert (found.text, found.encoding) == ("".join(marked), "utf-8")
    assert found.notes and found.notes[0].startswith(f"{marked.count(chr(0xFFFD))} byte")
