"""Every document format opens in the window: the panes show the extracted text, aligned."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SEED, make_window, open_and_wait
from data.formats.make_fixtures import WRITERS, paragraphs_of_file
from PySide6.QtWidgets import QFileDialog

from alignment import load_document


@pytest.mark.parametrize("suffix", sorted(WRITERS))
def test_seed_pair_opens_in_each_format(qtbot, settings_file: Path, tmp_path: Path, suffix: str) -> None:
    paths = []
    for name, txt in zip(("original", "paraphrase"), SEED, strict=True):
        path = tmp_path / f"{name}.{suffix}"
        WRITERS[suffix](paragraphs_of_file(txt), path)
        paths.append(path)
    window = make_window(qtbot, settings_file)
    open_and_wait(qtbot, window, *map(str, paths))
    assert window.alignment is not None
    for side, path in zip(("source", "target"), paths, strict=True):
        # toRawText keeps no-break spaces (toPlainText makes them plain) and ends blocks with U+2029.
        shown = window.panes[side].document().toRawText().replace("\u2029", "\n")
        assert shown == load_document(path).text
    matched = [p for p in window.alignment.pairs if p.source and p.target]
    assert len(matched) >= 20


def test_web_pages_open_as_their_article_or_whole_as_the_file_menu_says(
    qtbot, settings_file: Path, tmp_path: Path
) -> None:
    article = "".join(f"<p>{p}</p>" for p in paragraphs_of_file(SEED[1])[1:])
    page = tmp_path / "page.html"
    page.write_text(
        "<html><head><meta charset='utf-8'></head><body><nav><a href='/'>Home</a> <a href='/news'>News</a>"
        f"</nav><article><h1>Headline</h1>{article}</article><footer>Copyright notice</footer></body></html>",
        encoding="utf-8",
    )
    window = make_window(qtbot, settings_file)
    open_and_wait(qtbot, window, str(SEED[1]), str(page))
    shown = lambda: window.panes["target"].document().toPlainText()  # noqa: E731
    assert "Copyright notice" not in shown() and shown().startswith("Headline")
    assert window.whole_pages_action in window.file_menu.actions()
    with qtbot.waitSignal(window.job_finished, timeout=20000):
        window.whole_pages_action.trigger()
    assert shown().startswith("Home News") and "Copyright notice" in shown()
    assert make_window(qtbot, settings_file).whole_pages_action.isChecked()


def test_file_open_tracked_changes_shows_before_against_after(
    qtbot, settings_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from test_formats_tracked import AFTER, BEFORE, TRACKED_BODY, docx_bytes

    path = tmp_path / "edited.docx"
    path.write_bytes(docx_bytes(TRACKED_BODY))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args: (str(path), ""))
    window = make_window(qtbot, settings_file)
    assert window.open_tracked_action in window.file_menu.actions()
    with qtbot.waitSignal(window.job_finished, timeout=20000):
        window.open_tracked_action.trigger()
    texts = {side: window.panes[side].document().toPlainText() for side in ("source", "target")}
    assert texts == {"source": BEFORE, "target": AFTER}
    assert window.windowTitle() == "edited.docx: its tracked changes, before ↔ after — paralign"
    assert window.titles["source"].text() == "Original: edited.docx, every change rejected"
    assert window.titles["target"].text() == "Paraphrase: edited.docx, every change accepted"
    with qtbot.waitSignal(window.job_finished, timeout=20000):
        window.reload()
    assert window.panes["source"].document().toPlainText() == BEFORE
    assert window.settings.recent_pairs() == []
