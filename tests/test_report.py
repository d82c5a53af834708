"""The HTML report: self-contained, escaped, linked, and rendered by a real headless browser."""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import pytest

from alignment.checks import run_checks
from alignment.documents import document_from_text
from alignment.model import Alignment, Change, Kind, Op, Pair, Sentence
from alignment.report import FILL, render_html

DATA = Path(__file__).parent / "data"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _small() -> Alignment:
    """Two pairs: a reworded sentence with a changed number and a quote, and a dropped sentence."""
    src = "He said “we <b>win</b>” & 30 died. The end came on Friday with 12 hurt."
    tgt = "He said “we <i>prevail</i>” & 40 died."
    s1 = src.index(" The end") + 1
    source = (Sentence(0, s1 - 1, 0), Sentence(s1, len(src), 0))
    target = (Sentence(0, len(tgt), 0),)
    a, b = src.index("<b>win</b>"), tgt.index("<i>prevail</i>")
    changes = (
        Change(Op.EQUAL, (0, 2), (0, 2)),
        Change(Op.REPLACE, (a, a + 10), (b, b + 14)),
    )
    pairs = (Pair((0,), (0,), Kind.CHANGED, False, 0.6, changes), Pair((1,), (), Kind.DELETED, False, 0.0))
    return Alignment(
        document_from_text(src, "a.txt"), document_from_text(tgt, "b.txt"), source, target, pairs
    )


def test_report_is_self_contained_and_escaped() -> None:
    al = _small()
    page = render_html(al, run_checks(al))
    assert page.startswith("<!DOCTYPE html>")
    for external in ("<script", "<link", "src=", "http://", "https://", "@import", "url("):
        assert external not in page
    assert "<b>win</b>" not in page and "&lt;b&gt;win&lt;/b&gt;" in page
    assert "&lt;i&gt;prevail&lt;/i&gt;" in page
    assert '&amp; <span class="flag">30</span> died' in page


def test_report_links_every_check_to_its_pair_and_marks_changes() -> None:
    al = _small()
    checks = run_checks(al)
    page = render_html(al, checks)
    assert {c.pair for c in checks} == {0, 1}
    for c in checks:
        assert f'href="#pair-{c.pair}"' in page and f'id="pair-{c.pair}"' in page
    assert "Number changed: 30 → 40" in page
    assert '<span class="flag">“we <span class="w-replaced">&lt;i&gt;prevail&lt;/i&gt;</span>”</span>' in page
    assert 'class="r-deleted"' in page and 'class="r-changed"' in page
    for role in ("changed", "deleted", "word_replaced", "flag"):
        assert FILL[role] in page


def test_report_without_checks_says_so() -> None:
    al = _small()
    assert "No check fired." in render_html(al, [])


def _seed_page(tmp_path: Path) -> Path:
    from alignment import align, load_document

    al = align(load_document(DATA / "seed.src.txt"), load_document(DATA / "seed.tgt.txt"))
    path = tmp_path / "report.html"
    path.write_text(render_html(al, run_checks(al)), encoding="utf-8")
    return path


def _png_pixels(path: Path) -> bytes:
    """The decompressed scanlines of a PNG file."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat = 8, b""
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind = data[pos + 4 : pos + 8]
        if kind == b"IDAT":
            idat += data[pos + 8 : pos + 8 + length]
        pos += 12 + length
    return zlib.decompress(idat)


def _chromium() -> str:
    exe = shutil.which("chromium") or shutil.which("chromium-browser")
    if exe is None:
        pytest.skip("chromium is not installed")
    return exe


def test_report_renders_in_headless_chromium(tmp_path: Path) -> None:
    exe = _chromium()
    page = _seed_page(tmp_path)
    png = tmp_path / "report.png"
    profile = tmp_path / "profile"
    subprocess.run(
        [
            exe,
            *CHROMIUM_FLAGS,
            f"--user-data-dir={profile}",
            f"--screenshot={png}",
            "--window-size=1400,1000",
            page.as_uri(),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    assert png.exists()
    pixels = _png_pixels(png)
    assert len(set(pixels)) > 32, "the screenshot is blank"
    dom = subprocess.run(
        [exe, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", "--dump-dom", page.as_uri()],
        check=True,
        capture_output=True,
        text=True,
        timeout=120,
    ).stdout
    assert 'id="pair-0"' in dom
    assert "Quotation altered: “It’s ours” → “It belongs to us”" in dom


def test_report_prints_to_pdf_through_qt(tmp_path: Path) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from viewer.pdf_export import write_pdf

    al = _small()
    out = tmp_path / "report.pdf"
    write_pdf(render_html(al, run_checks(al)), str(out))
    assert out.read_bytes().startswith(b"%PDF")
    assert out.stat().st_size > 1000


def test_cli_writes_html_and_pdf_reports(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    import alignment.report
    from alignment.cli import main
    from viewer.pdf_export import write_pdf

    src, tgt = str(DATA / "seed.src.txt"), str(DATA / "seed.tgt.txt")
    html_out, pdf_out = tmp_path / "report.html", tmp_path / "report.pdf"
    assert main(["report", src, tgt, "-o", str(html_out)]) == 0
    page = html_out.read_text(encoding="utf-8")
    assert "Quotation altered" in page and 'id="pair-0"' in page
    laid_out: list[str] = []
    assert main(["report", src, tgt, "-o", str(pdf_out)],
                pdf_writer=lambda html, path: laid_out.append(html) or write_pdf(html, path)) == 0
    assert pdf_out.read_bytes().startswith(b"%PDF") and "Quotation altered" in laid_out[0]
    monkeypatch.setattr(alignment.report, "PACK_CHARACTERS", 0)
    assert main(["report", src, tgt, "-o", str(html_out)]) == 0
    assert "Quotation altered" not in html_out.read_text(encoding="utf-8"), "packed for the browser"
    assert main(["report", src, tgt, "-o", str(pdf_out)],
                pdf_writer=lambda html, path: laid_out.append(html) or write_pdf(html, path)) == 0
    assert "Quotation altered" in laid_out[-1], "never packed for the PDF"


def _kept_run(n: int) -> Alignment:
    """``n`` sentences kept with a change of case only, then one reworded sentence."""
    src_parts = [f"Sentence {i} stays as it was." for i in range(n)] + ["The last one is different."]
    tgt_parts = [f"sentence {i} stays as it was." for i in range(n)] + ["The final one differs."]
    src, tgt = " ".join(src_parts), " ".join(tgt_parts)

    ss = tuple(Sentence(src.index(p), src.index(p) + len(p), 0) for p in src_parts)
    ts = tuple(Sentence(tgt.index(p), tgt.index(p) + len(p), 0) for p in tgt_parts)
    case = [Change(Op.REPLACE, (s.start, s.start + 8), (t.start, t.start + 8))
            for s, t in zip(ss, ts, strict=True)]
    pairs = [Pair((i,), (i,), Kind.SAME, False, 1.0, (case[i],)) for i in range(n)]
    last = Change(Op.REPLACE, (ss[n].start + 4, ss[n].start + 8), (ts[n].start + 4, ts[n].start + 9))
    pairs.append(Pair((n,), (n,), Kind.CHANGED, False, 0.7, (last,)))
    return Alignment(document_from_text(src, "a.txt"), document_from_text(tgt, "b.txt"), ss, ts, tuple(pairs))


def test_a_run_of_unchanged_pairs_shares_one_row_with_the_text_once() -> None:
    al = _kept_run(5)
    page = render_html(al, [])
    assert page.count("stays as it was.") == 5
    assert "5 pairs unchanged" in page and ">1–5</a>" in page and 'id="pair-0"' in page
    assert 'id="pair-5"' in page and '<span class="w-replaced">last</span>' in page
    assert page.count('class="w-replaced"') == 2


def test_a_short_run_keeps_its_rows_without_word_marks() -> None:
    page = render_html(_kept_run(2), [])
    assert page.count("stays as it was.") == 4
    assert 'id="pair-0"' in page and 'id="pair-1"' in page and "unchanged in the paraphrase" not in page
    assert page.count('class="w-replaced"') == 2


def test_the_report_tells_its_progress_pair_by_pair_up_to_the_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    import alignment.report

    monkeypatch.setattr(alignment.report, "PROGRESS_PAIRS", 2)
    al = _kept_run(9)
    seen: list[float] = []
    page = render_html(al, [], progress=seen.append)
    assert seen == sorted(seen) and seen[0] == 0.0 and seen[-1] == 1.0
    assert len(seen) == len(range(0, len(al.pairs), 2)) + 1
    assert page == render_html(al, [])


def test_a_flagged_stretch_is_one_span_around_the_word_marks_in_it() -> None:
    from alignment.report import marked_html

    text = "He said that we shall win the war today."
    ranges = [((8, 39), "flag"), ((16, 21), "w-replaced"), ((26, 29), "w-form")]
    assert marked_html(text, 0, len(text), ranges) == (
        'He said <span class="flag">that we <span class="w-replaced">shall</span> win '
        '<span class="w-form">the</span> war today</span>.'
    )
    assert marked_html(text, 0, 7, ranges) == "He said", "nothing outside the flagged stretch"


def _dom(exe: str, page: Path, profile: Path) -> str:
    """The page's DOM once its scripts have run, as headless Chromium dumps it."""
    return subprocess.run(
        [exe, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", "--virtual-time-budget=20000", "--dump-dom",
         page.as_uri()],
        check=True, capture_output=True, text=True, timeout=120,
    ).stdout


def _sections(dom: str) -> str:
    """The checks and both texts side by side, as the DOM holds them."""
    return dom[dom.index("<h2>Checks") : dom.index("</table>", dom.index('<table class="pairs">'))]


def test_a_packed_report_unpacks_into_the_same_page_in_headless_chromium(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import alignment.report

    exe = _chromium()
    plain = _seed_page(tmp_path)
    al = _small()
    assert render_html(al, [], packed=True) == render_html(al, []), "short: left plain"
    monkeypatch.setattr(alignment.report, "PACK_CHARACTERS", 0)
    packed = tmp_path / "packed.html"
    from alignment import align, load_document

    seed = align(load_document(DATA / "seed.src.txt"), load_document(DATA / "seed.tgt.txt"))
    page = render_html(seed, run_checks(seed), packed=True)
    assert "Quotation altered" not in page and "<script" in page
    assert "<script" not in render_html(seed, run_checks(seed)), "unpacked unless asked (the PDF)"
    for external in ("<link", "src=", "http://", "https://", "@import", "url("):
        assert external not in page
    packed.write_text(page, encoding="utf-8")
    unpacked = _dom(exe, packed, tmp_path / "profile")
    assert 'id="pair-0"' in unpacked and "Quotation altered: “It’s ours” → “It belongs to us”" in unpacked
    assert _sections(unpacked) == _sections(_dom(exe, plain, tmp_path / "profile"))
