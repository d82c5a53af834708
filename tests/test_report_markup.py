"""The report's marked text: word marks a span each, overlaps swept, escaping, and packing chunk by chunk."""

from __future__ import annotations

import base64
import gzip
import re

import pytest
from test_report import DATA, _small

import alignment.report
from alignment import align, load_document
from alignment.checks import run_checks
from alignment.report import marked_html, render_html


def test_marks_apart_are_a_span_each_with_the_text_between_escaped() -> None:
    text = 'He said <b>no</b> & "went" home.'
    ranges = [((8, 11), "w-replaced"), ((20, 26), "w-inserted")]
    assert marked_html(text, 0, len(text), ranges) == (
        'He said <span class="w-replaced">&lt;b&gt;</span>no&lt;/b&gt; &amp; '
        '<span class="w-inserted">&quot;went&quot;</span> home.'
    )
    assert marked_html("plain words here", 0, 16, [((6, 11), "w-form")]) == (
        'plain <span class="w-form">words</span> here'
    )
    assert marked_html(text, 3, 7, ranges) == "said", "ranges outside the span leave it plain"


def test_overlapping_marks_carry_the_classes_open_over_each_piece() -> None:
    text = "abcdefghij"
    ranges = [((0, 5), "w-b"), ((3, 8), "w-a")]
    assert marked_html(text, 0, 10, ranges) == (
        '<span class="w-b">abc</span><span class="w-a w-b">de</span><span class="w-a">fgh</span>ij'
    )


def _unpacked(page: str) -> str:
    """The page with its packed markup put back in place, as the page's script does."""
    data = re.search(r'type="application/gzip;base64">([^<]*)<', page).group(1)
    block = alignment.report._UNPACK.format(data=data)
    assert block in page
    return page.replace(block, gzip.decompress(base64.b64decode(data)).decode("utf-8"))


def test_a_packed_report_holds_all_its_markup_compressed_a_chunk_at_a_time(
    monkeypatch: pytest.MonkeyPatch
) -> None:
    seed = align(load_document(DATA / "seed.src.txt"), load_document(DATA / "seed.tgt.txt"))
    checks = run_checks(seed)
    plain = render_html(seed, checks)
    monkeypatch.setattr(alignment.report, "PACK_CHARACTERS", 0)
    for chunk in (1, 300, 1 << 20):
        monkeypatch.setattr(alignment.report, "PACK_CHUNK", chunk)
        page = render_html(seed, checks, packed=True)
        assert "Quotation altered" not in page
        assert _unpacked(page) == plain, chunk
    assert _unpacked(render_html(_small(), [], packed=True)) == render_html(_small(), [])
