"""File ▸ Export report…: HTML or PDF through a (patched) save dialog, never over the open documents."""

from __future__ import annotations

import re
import threading
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import SEED, hand_alignment, window_showing
from PySide6.QtWidgets import QFileDialog, QMessageBox

import viewer.export
import viewer.jobs
from alignment.report import render_html
from alignment.review import Mark, Review, State, check_key, pair_key
from viewer.export import REPORT_FILTERS, report_path
from viewer.main_window import MainWindow

HTML_FILTER, PDF_FILTER = REPORT_FILTERS


def export_to(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch, path: Path, chosen: str, qtbot
) -> list[str]:  # noqa: ANN001
    """Trigger the action, the dialog answering ``path``; wait for the report; the error dialogs shown."""
    errors: list[str] = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(path), chosen))
    monkeypatch.setattr(QMessageBox, "critical", lambda _parent, _title, text: errors.append(text))
    with qtbot.waitSignal(window.report_exported, timeout=20000):
        window.export_action.trigger()
    return errors


def test_export_writes_a_self_contained_html_report(
    qtbot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    assert window.export_action.shortcut().toString() == "Ctrl+E"
    assert window.export_action in window.file_menu.actions()
    out = tmp_path / "report.html"
    assert export_to(window, monkeypatch, out, HTML_FILTER, qtbot) == []
    html = out.read_text(encoding="utf-8")
    assert html.lstrip().lower().startswith("<!doctype html")
    assert window.checks[0].message.split("“")[0] in html
    assert not re.search(r"<script|<link|src=|url\(|@import", html, re.IGNORECASE)


def test_export_writes_a_pdf(
    qtbot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    out = tmp_path / "report"
    assert export_to(window, monkeypatch, out, PDF_FILTER, qtbot) == []
    assert (tmp_path / "report.pdf").read_bytes().startswith(b"%PDF")


def test_export_refuses_to_overwrite_an_open_document(
    qtbot, settings_file: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    page = tmp_path / "original.html"
    page.write_text("<p>The original, as a web page.</p>", encoding="utf-8")
    al = hand_alignment()
    al = replace(al, source=replace(al.source, path=str(page)))
    window = window_showing(qtbot, settings_file, monkeypatch, al)
    errors = export_to(window, monkeypatch, tmp_path / "." / "original.html", HTML_FILTER, qtbot)
    assert len(errors) == 1 and "open documents" in errors[0]
    assert page.read_text(encoding="utf-8") == "<p>The original, as a web page.</p>"
    assert report_path(str(SEED[0]), HTML_FILTER) == SEED[0].with_name(SEED[0].name + ".html")


def test_export_errors_go_to_a_dialog(
    qtbot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    errors = export_to(window, monkeypatch, tmp_path / "missing" / "report.html", HTML_FILTER, qtbot)
    assert len(errors) == 1 and "report.html" in errors[0]


def test_export_runs_in_the_background_with_its_phase_named(
    qtbot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    gate = threading.Event()
    (tmp_path / "out").mkdir()
    render = viewer.export.render_html

    def slow(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202 - the report renderer, held until let go
        assert gate.wait(60)
        return render(*args, **kwargs)

    monkeypatch.setattr(viewer.export, "render_html", slow)
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "out" / "r.html"), HTML_FILTER)
    )
    window.export_action.trigger()
    bar = window.report_export._bar
    assert window.report_export.running and bar.isVisible() and bar.format() == "Writing the report… %p%"
    assert (bar.minimum(), bar.maximum(), bar.value()) == (0, 100, 0), "a bar that fills, not a busy one"
    filled: list[int] = []
    window.report_export.progressed.connect(filled.append)
    assert not window.export_action.isEnabled()
    assert list((tmp_path / "out").iterdir()) == []
    with qtbot.waitSignal(window.report_exported, timeout=20000):
        gate.set()
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["r.html"]
    assert not bar.isVisible() and window.export_action.isEnabled()
    assert filled == sorted(filled) and filled[-1] == 100 and bar.value() == 100


def test_report_path_follows_the_extension_then_the_filter() -> None:
    assert report_path("/x/a.PDF", HTML_FILTER) == Path("/x/a.PDF")
    assert report_path("/x/a.htm", PDF_FILTER) == Path("/x/a.htm")
    assert report_path("/x/a", PDF_FILTER) == Path("/x/a.pdf")
    assert report_path("/x/a.v2", HTML_FILTER) == Path("/x/a.v2.html")


def test_a_failed_write_leaves_no_half_report(
    qtbot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    def half(self: Path, text: str, encoding: str) -> None:  # a disk that fills up mid-write
        with open(self, "w", encoding=encoding) as f:
            f.write(text[:100])
        raise OSError(28, "No space left on device")

    (tmp_path / "out").mkdir()
    monkeypatch.setattr(Path, "write_text", half)
    errors = export_to(window, monkeypatch, tmp_path / "out" / "r.html", HTML_FILTER, qtbot)
    assert len(errors) == 1 and "No space left" in errors[0]
    assert list((tmp_path / "out").iterdir()) == []


def test_the_exported_report_holds_the_review_as_paralign_report_session_does(
    qtbot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    al, checks = window.alignment, window.checks
    dismissed, flagged = checks[0], checks[1]
    review = (
        Review()
        .with_pair(pair_key(al.pairs[2]), Mark(State.ACCEPTED, "fine <as> is"))
        .with_pair(pair_key(al.pairs[4]), Mark(State.FLAGGED))
        .with_check(check_key(al, flagged), Mark(State.FLAGGED, "ask the author"))
        .with_dismissed(check_key(al, dismissed), True)
    )
    window.review.state.edit(review, "review")
    out = tmp_path / "reviewed.html"
    assert export_to(window, monkeypatch, out, HTML_FILTER, qtbot) == []
    html = out.read_text(encoding="utf-8")
    pairs = len(al.pairs)
    assert f"2 of {pairs} pairs reviewed: 1 accepted, 1 flagged, 2 notes. 1 dismissed check left out." in html
    assert "fine &lt;as&gt; is" in html and "ask the author" in html
    assert '<a href="#pair-2">pair 3</a>' in html
    assert f"Checks ({len(checks) - 1})" in html
    assert html == render_html(al, checks, review)
    unreviewed = tmp_path / "plain.html"
    window.review.state.edit(Review(), "none")
    assert export_to(window, monkeypatch, unreviewed, HTML_FILTER, qtbot) == []
    assert "pairs reviewed" not in unreviewed.read_text(encoding="utf-8")


def test_export_progress_follows_the_pairs_then_the_saving(tmp_path: Path) -> None:
    from conftest import hand_alignment

    import alignment.report
    from viewer.export import WRITING_SHARE, export_report

    al = hand_alignment(40)
    seen: list[float] = []
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(alignment.report, "PROGRESS_PAIRS", 8)
        export_report(al, [], tmp_path / "r.html", progress=seen.append)
    assert seen == sorted(seen) and seen[-1] == 1.0
    writing = [f for f in seen if f < 1.0]
    assert len(writing) >= 40 // 8 and max(writing) <= WRITING_SHARE


def test_an_html_report_is_packed_for_the_browser_and_a_pdf_never(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from conftest import hand_alignment

    import alignment.report
    from viewer.export import export_report

    monkeypatch.setattr(alignment.report, "PACK_CHARACTERS", 0)
    laid_out: list[str] = []
    monkeypatch.setattr(viewer.export, "write_pdf",
                        lambda html, path: laid_out.append(html) or Path(path).touch())
    al = hand_alignment()
    export_report(al, [], tmp_path / "r.html")
    export_report(al, [], tmp_path / "r.pdf")
    assert "<script" in (tmp_path / "r.html").read_text(encoding="utf-8")
    assert laid_out and "<script" not in laid_out[0] and 'id="pair-0"' in laid_out[0]
