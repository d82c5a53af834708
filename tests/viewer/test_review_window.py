"""Reviewing in the window: keys, marks, filters, undo, sessions, re-anchoring and autosave."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import make_window, open_and_wait
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from alignment.review import Mark, State, check_group, check_key, pair_key
from viewer.autosave import autosave_path
from viewer.main_window import MainWindow


@pytest.fixture
def win(qtbot, settings_file: Path, seed_copies) -> MainWindow:
    w = make_window(qtbot, settings_file)
    open_and_wait(qtbot, w, *map(str, seed_copies))
    w.review.ask = lambda _parent, _title, _current: "check the figure"
    return w


def _key(w: MainWindow, k: int):
    return pair_key(w.alignment.pairs[k])


def _press(qtbot, w: MainWindow, key: str, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    w.panes["source"].setFocus()
    qtbot.keyClick(w.panes["source"], key, modifier)


def test_a_accepts_the_current_pair_and_undo_takes_it_back(qtbot, win: MainWindow) -> None:
    win.select_pair(2)
    _press(qtbot, win, "a")
    assert win.review.review.pair_mark(_key(win, 2)).state is State.ACCEPTED
    assert win.review_margins["source"].review is win.review.review
    assert win.review.progress_label.text().startswith("1 of ")
    assert win.pair_table.model.index(2, 0).data().endswith("✓")
    _press(qtbot, win, "z", Qt.KeyboardModifier.ControlModifier)
    assert win.review.review.pair_mark(_key(win, 2)).state is State.UNTOUCHED
    assert win.review.progress_label.text().startswith("0 of ")
    assert not win.pair_table.model.index(2, 0).data().endswith("✓")
    _press(qtbot, win, "z", Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert win.review.review.pair_mark(_key(win, 2)).state is State.ACCEPTED


def test_f_flags_and_again_clears_and_each_step_undoes(qtbot, win: MainWindow) -> None:
    win.select_pair(4)
    _press(qtbot, win, "f")
    assert win.review.review.pair_mark(_key(win, 4)).state is State.FLAGGED
    assert "1 flagged" in win.review.progress_label.text()
    _press(qtbot, win, "f")
    assert win.review.review.pair_mark(_key(win, 4)).state is State.UNTOUCHED
    win.review.undo_action.trigger()
    assert win.review.review.pair_mark(_key(win, 4)).state is State.FLAGGED
    win.review.undo_action.trigger()
    assert win.review.review.empty


def test_n_writes_a_note_kept_with_the_state(qtbot, win: MainWindow) -> None:
    win.select_pair(3)
    _press(qtbot, win, "a")
    _press(qtbot, win, "n")
    assert win.review.review.pair_mark(_key(win, 3)) == Mark(State.ACCEPTED, "check the figure")
    assert win.pair_table.model.index(3, 0).data().endswith("✓✎")
    assert "1 note" in win.review.progress_label.text()
    win.review.ask = lambda *_a: None  # cancelled: nothing changes
    _press(qtbot, win, "n")
    assert win.review.review.pair_mark(_key(win, 3)).note == "check the figure"
    win.review.undo_action.trigger()
    assert win.review.review.pair_mark(_key(win, 3)) == Mark(State.ACCEPTED)


def _activate_check(w: MainWindow, row: int) -> None:
    view = w.checks_panel.view
    index = w.checks_panel.proxy.index(row, 0)
    view.setCurrentIndex(index)
    view.setFocus()
    view.activated.emit(index)


def test_d_dismisses_the_selected_check_and_the_filter_lists_it_again(qtbot, win: MainWindow) -> None:
    total = len(win.checks)
    assert total > 2
    _activate_check(win, 0)
    dismissed = win.review.current_check
    qtbot.keyClick(win.checks_panel.view, "d")
    assert win.review.review.is_dismissed(check_key(win.alignment, dismissed))
    assert win.checks_panel.model.rowCount() == total - 1
    assert dismissed not in [win.checks_panel.check(i) for i in range(total - 1)]
    win.review.check_filter_box.setCurrentText("Dismissed checks")
    assert [c.kind for c in win.checks_panel.model.checks()] == [dismissed.kind]
    win.review.check_filter_box.setCurrentText("Open checks")
    win.review.undo_action.trigger()
    assert win.checks_panel.model.rowCount() == total


def test_keys_act_on_the_selected_check_while_the_list_has_the_focus(qtbot, win: MainWindow) -> None:
    _activate_check(win, 1)
    check = win.review.current_check
    qtbot.keyClick(win.checks_panel.view, "f")
    key = check_key(win.alignment, check)
    assert win.review.review.check_mark(key).state is State.FLAGGED
    assert win.review.review.pairs == {}
    assert win.checks_panel.model.check(1).message.startswith("⚑ ")
    win.review.check_filter_box.setCurrentText("Flagged checks")
    assert win.checks_panel.model.rowCount() == 1
    win.review.check_filter_box.setCurrentText("Accepted checks")
    assert win.checks_panel.model.rowCount() == 0


def test_next_untouched_and_next_flagged_walk_the_pairs(qtbot, win: MainWindow) -> None:
    for k in (0, 1, 2):
        win.select_pair(k)
        _press(qtbot, win, "a")
    win.select_pair(7)
    _press(qtbot, win, "f")
    win.select_pair(0)
    _press(qtbot, win, "u")
    assert win.current_pair == 3
    _press(qtbot, win, "u", Qt.KeyboardModifier.ShiftModifier)
    assert win.current_pair not in (0, 1, 2)
    win.select_pair(0)
    win.review.next_review_flag_action.trigger()
    assert win.current_pair == 7
    win.review.pair_filter.setCurrentText("Flagged for action")
    assert win.pair_table.proxy.rowCount() == 1
    win.review.pair_filter.setCurrentText("Accepted")
    assert win.pair_table.proxy.rowCount() == 3
    win.review.pair_filter.setCurrentText("Any review")
    assert win.pair_table.proxy.rowCount() == len(win.alignment.pairs)


def _review_some(qtbot, w: MainWindow) -> None:
    w.select_pair(2)
    _press(qtbot, w, "a")
    w.select_pair(5)
    _press(qtbot, w, "f")
    _press(qtbot, w, "n")
    _activate_check(w, 0)
    qtbot.keyClick(w.checks_panel.view, "d")


def test_save_and_open_give_back_the_review_and_leave_the_inputs_alone(
    qtbot, win: MainWindow, settings_file: Path, seed_copies, tmp_path: Path
) -> None:
    before = [(p.read_bytes(), p.stat().st_mtime_ns) for p in seed_copies]
    _review_some(qtbot, win)
    review = win.review.review
    out = tmp_path / "work.paralign"
    assert win.review.save_to(out)
    assert json.loads(out.read_text(encoding="utf-8"))["version"] == 1
    other = make_window(qtbot, settings_file)
    with qtbot.waitSignal(other.job_finished, timeout=60000):
        other.review.open_session(out)
    assert other.review.review == review
    assert other.review.session_path == out
    assert other.review.lost == ()
    assert other.review.recent()[0] == str(out.resolve())
    assert other.checks_panel.model.rowCount() == len(other.checks) - 1
    assert [(p.read_bytes(), p.stat().st_mtime_ns) for p in seed_copies] == before


def test_opening_a_review_of_an_edited_file_re_anchors_it_and_lists_what_is_lost(
    qtbot, win: MainWindow, settings_file: Path, seed_copies, tmp_path: Path
) -> None:
    matched = [k for k, p in enumerate(win.alignment.pairs) if p.source and p.target]
    win.select_pair(matched[3])
    _press(qtbot, win, "f")
    flagged_text = win.alignment.text("target", matched[3])
    win.select_pair(matched[1])
    _press(qtbot, win, "n")
    lost_text = win.alignment.text("target", matched[1])
    out = tmp_path / "work.paralign"
    win.review.save_to(out)
    text = seed_copies[1].read_text(encoding="utf-8")
    seed_copies[1].write_text(
        "A brand new first line.\n\n" + text.replace(lost_text, "Rewritten."), encoding="utf-8"
    )
    other = make_window(qtbot, settings_file)
    with qtbot.waitSignal(other.job_finished, timeout=60000):
        other.review.open_session(out)
    flagged = other.review.review.pairs_in(other.alignment, State.FLAGGED)
    assert [other.alignment.text("target", k) for k in flagged] == [flagged_text]
    assert [x.note for x in other.review.lost] == ["check the figure"]


def test_a_changed_file_reloaded_keeps_the_review_on_its_sentences(
    qtbot, win: MainWindow, seed_copies
) -> None:
    win.select_pair(5)
    _press(qtbot, win, "a")
    accepted = win.alignment.text("source", 5)
    text = seed_copies[0].read_text(encoding="utf-8")
    seed_copies[0].write_text("An opening sentence.\n\n" + text, encoding="utf-8")
    with qtbot.waitSignal(win.job_finished, timeout=60000):
        win.reload()
    (k,) = win.review.review.pairs_in(win.alignment, State.ACCEPTED)
    assert win.alignment.text("source", k) == accepted


def test_the_autosaved_review_is_offered_after_a_crash(
    qtbot, win: MainWindow, settings_file: Path, seed_copies
) -> None:
    _review_some(qtbot, win)
    review = win.review.review
    path = autosave_path(str(seed_copies[0]), str(seed_copies[1]))
    qtbot.waitUntil(path.exists, timeout=5000)
    # No clean close: the first window is simply abandoned, as a crash would leave it.
    other = make_window(qtbot, settings_file)
    open_and_wait(qtbot, other, *map(str, seed_copies))
    box = other.review.restore_box
    assert box is not None and box.isVisible()
    box.button(QMessageBox.StandardButton.Yes).click()
    assert other.review.review == review
    assert "1 flagged" in other.review.progress_label.text()


def test_declining_the_restore_starts_afresh_and_an_emptied_review_removes_the_autosave(
    qtbot, win: MainWindow, settings_file: Path, seed_copies
) -> None:
    win.select_pair(1)
    _press(qtbot, win, "a")
    path = autosave_path(str(seed_copies[0]), str(seed_copies[1]))
    qtbot.waitUntil(path.exists, timeout=5000)
    other = make_window(qtbot, settings_file)
    open_and_wait(qtbot, other, *map(str, seed_copies))
    other.review.restore_box.button(QMessageBox.StandardButton.No).click()
    assert other.review.review.empty
    win.review.undo_action.trigger()
    qtbot.waitUntil(lambda: not path.exists(), timeout=5000)


def test_a_corrupt_review_file_is_one_message(qtbot, win: MainWindow, tmp_path: Path, monkeypatch) -> None:
    bad = tmp_path / "bad.paralign"
    bad.write_text("{nope", encoding="utf-8")
    shown: list[str] = []
    monkeypatch.setattr(win, "show_error", shown.append)
    win.review.open_session(bad)
    assert len(shown) == 1 and "not a paralign session" in shown[0]


def test_shift_d_dismisses_every_check_like_the_selected_one(qtbot, win: MainWindow) -> None:
    _activate_check(win, 0)
    chosen = win.review.current_check
    group = chosen.group or check_group(check_key(win.alignment, chosen))
    alike = [c for c in win.checks if (c.group or check_group(check_key(win.alignment, c))) == group]
    qtbot.keyClick(win.checks_panel.view, "d", Qt.KeyboardModifier.ShiftModifier)
    assert win.review.review.dismissed_groups == {group}
    assert win.checks_panel.model.rowCount() == len(win.checks) - len(alike)
    win.review.undo_action.trigger()
    assert win.checks_panel.model.rowCount() == len(win.checks)
