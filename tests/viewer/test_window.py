"""The main window, driven as an editor would, offscreen."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from conftest import SEED, hand_alignment, make_window, open_and_wait
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent, QGuiApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox

import viewer.jobs
from alignment import Cancelled
from viewer.main_window import MainWindow


def shown(window: MainWindow, side: str) -> str:
    """The text a pane shows (Qt turns no-break spaces into spaces)."""
    return window.panes[side].toPlainText()


@pytest.fixture
def hand(qtbot, settings_file: Path, monkeypatch: pytest.MonkeyPatch) -> MainWindow:
    """A window showing a hand-made alignment of 40 sentences, tall enough to scroll."""
    al = hand_alignment(80)
    monkeypatch.setattr(viewer.jobs, "align", lambda *a, **k: al)
    win = make_window(qtbot, settings_file)
    win.pairs_dock.hide()
    win.resize(900, 400)
    open_and_wait(qtbot, win, al.source, al.target)
    assert win.panes["source"].verticalScrollBar().maximum() > 0
    return win


def test_seed_pair_opens_with_both_texts_and_a_summary(window: MainWindow) -> None:
    for side, path in zip(("source", "target"), SEED, strict=True):
        assert window.docs[side].text == path.read_text(encoding="utf-8")
        assert shown(window, side) == path.read_text(encoding="utf-8").replace("\u00a0", " ")
    assert window.alignment is not None
    assert window.pair_table.model.rowCount() == len(window.alignment.pairs)
    assert "kept" in window.summary_label.text() and "similarity" in window.summary_label.text()
    assert window.settings.recent_pairs()[0] == tuple(map(str, SEED))


def test_open_from_dialogs(
    qtbot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    new = tmp_path / "new.txt"
    new.write_text("A completely new paraphrase. It has two sentences.", encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(new), ""))
    with qtbot.waitSignal(window.job_finished, timeout=20000):
        window.open_target_action.trigger()
    assert window.panes["target"].toPlainText() == new.read_text(encoding="utf-8")
    assert window.docs["source"].path == str(SEED[0])


def test_clicking_a_sentence_selects_its_pair_on_both_sides(hand: MainWindow) -> None:
    al = hand.alignment
    s4 = al.source_sentences[4]
    hand.panes["source"].select_offset(s4.start + 2)
    assert hand.current_pair == 5
    assert hand.panes["target"].current_pair == 5
    assert hand.link_map.current_pair == 5
    t = al.target_sentences[0]
    hand.panes["target"].select_offset(al.target_sentences[2].start + 1)
    assert hand.current_pair == 1
    assert hand.panes["source"].current_pair == 1
    assert t.start == 0


def test_selecting_a_far_pair_scrolls_the_partner_into_view(hand: MainWindow) -> None:
    al = hand.alignment
    last = len(al.pairs) - 1
    hand.select_pair(last)
    for side in ("source", "target"):
        pane = hand.panes[side]
        top, bottom = pane.span_y(*al.span(side, last))
        assert top >= 0 and bottom <= pane.viewport().height()


def test_next_and_previous_change(hand: MainWindow) -> None:
    hand.next_change_action.trigger()
    assert hand.current_pair == 1
    hand.next_change_action.trigger()
    assert hand.current_pair == 3
    hand.prev_change_action.trigger()
    assert hand.current_pair == 1
    hand.next_unmatched_action.trigger()
    assert hand.current_pair == 3
    hand.next_unmatched_action.trigger()
    assert hand.current_pair == 2


def test_scrolling_is_synchronised_through_the_alignment(hand: MainWindow) -> None:
    al = hand.alignment
    source, target = hand.panes["source"], hand.panes["target"]
    hand.leader = "source"
    source.verticalScrollBar().setValue(source.verticalScrollBar().maximum() // 2)
    lead = al.pair_at("source", source.centre_offset())
    follow = al.pair_at("target", target.centre_offset())
    assert lead is not None and follow is not None and abs(lead - follow) <= 1
    before = target.verticalScrollBar().value()
    hand.link_action.trigger()
    assert not hand.link_action.isChecked()
    source.verticalScrollBar().setValue(0)
    assert target.verticalScrollBar().value() == before


def test_drop_a_file_onto_a_pane(qtbot, window: MainWindow, tmp_path: Path) -> None:
    dropped = tmp_path / "dropped.txt"
    dropped.write_text("Dropped original text. Nothing else.", encoding="utf-8")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(dropped))])
    pane = window.panes["source"]
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    with qtbot.waitSignal(window.job_finished, timeout=20000):
        pane.dropEvent(event)
    assert pane.toPlainText() == dropped.read_text(encoding="utf-8")
    assert window.docs["target"].path == str(SEED[1])


def test_paste_clipboard_as_paraphrase(qtbot, window: MainWindow) -> None:
    QGuiApplication.clipboard().setText("Pasted paraphrase. With two sentences.")
    with qtbot.waitSignal(window.job_finished, timeout=20000):
        window.paste_target_action.trigger()
    assert window.panes["target"].toPlainText() == "Pasted paraphrase. With two sentences."
    assert window.docs["target"].path == ""
    assert window.alignment is not None


def test_swap_sides(qtbot, window: MainWindow) -> None:
    with qtbot.waitSignal(window.job_finished, timeout=20000):
        window.swap_action.trigger()
    assert window.docs["source"].path == str(SEED[1])
    assert window.docs["target"].path == str(SEED[0])


def test_reload_when_a_file_changes_on_disk(qtbot, settings_file: Path, tmp_path: Path) -> None:
    src, tgt = tmp_path / "a.txt", tmp_path / "b.txt"
    src.write_text(SEED[0].read_text(encoding="utf-8"), encoding="utf-8")
    tgt.write_text(SEED[1].read_text(encoding="utf-8"), encoding="utf-8")
    win = make_window(qtbot, settings_file)
    win.resize(900, 300)
    open_and_wait(qtbot, win, str(src), str(tgt))
    pane = win.panes["target"]
    pane.verticalScrollBar().setValue(pane.verticalScrollBar().maximum() // 2)
    kept = pane.top_offset()
    new_text = SEED[1].read_text(encoding="utf-8") + "\n\nOne more closing sentence.\n"
    with qtbot.waitSignal(win.job_finished, timeout=20000):
        tgt.write_text(new_text, encoding="utf-8")
    assert win.panes["target"].toPlainText() == new_text
    assert pane.top_offset() == kept


def test_settings_persist_between_sessions(qtbot, settings_file: Path, window: MainWindow) -> None:
    window.set_palette_name("okabe-ito")
    window.set_theme("dark")
    window.link_action.trigger()
    window.close()
    again = make_window(qtbot, settings_file)
    assert again.palette_name == "okabe-ito"
    assert again.theme == "dark"
    assert not again.link_action.isChecked()
    assert again.palette_actions["okabe-ito"].isChecked()
    assert again.panes["source"].palette_.dark
    assert again.settings.recent_pairs()[0] == tuple(map(str, SEED))


def test_error_dialog_keeps_the_open_documents(qtbot, window: MainWindow, monkeypatch: pytest.MonkeyPatch,
                                               tmp_path: Path) -> None:
    errors: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _parent, _title, text: errors.append(text))
    alignment = window.alignment
    with qtbot.waitSignal(window.job_finished, timeout=20000):
        window.open_side("target", str(tmp_path / "missing.txt"))
    assert len(errors) == 1 and "missing.txt" in errors[0]
    assert window.alignment is alignment
    assert window.docs["target"].path == str(SEED[1])


def test_cancel_a_long_alignment_keeps_the_open_documents(qtbot, window: MainWindow,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    def endless(source, target, *, progress=None, cancelled=None, **_):  # noqa: ANN001, ANN003
        while not cancelled():
            progress(0.5, "aligning")
            # A real aligner works between polls; a bare spin floods the GUI thread with progress
            # signals and starves it of the GIL, so the documents could not show (flaky under load).
            time.sleep(0.01)
        raise Cancelled("cancelled")

    monkeypatch.setattr(viewer.jobs, "align", endless)
    alignment = window.alignment
    other = hand_alignment()
    with qtbot.waitSignal(window.job_finished, timeout=20000):
        window.open_pair(other.source, other.target)
        qtbot.waitUntil(lambda: window.panes["source"].toPlainText() == other.source.text)
        assert window.progress.isVisible()
        window.cancel_button.click()
    assert window.alignment is alignment
    assert window.docs["source"].path == str(SEED[0])
    assert not window.progress.isVisible()


def test_pair_table_filters_by_kind_and_jumps(hand: MainWindow) -> None:
    table = hand.pair_table
    table.filter_box.setCurrentText("Dropped")
    assert table.proxy.rowCount() == 1
    table.view.clicked.emit(table.proxy.index(0, 0))
    assert hand.current_pair == 2
    table.filter_box.setCurrentText("All changes")
    assert table.proxy.rowCount() == 4


def test_widgets_have_accessible_names(window: MainWindow) -> None:
    for widget in (*window.panes.values(), window.link_map, *window.overviews.values(), window.legend,
                   window.pair_table.view, window.pair_table.filter_box, window.summary_label):
        assert widget.accessibleName()
