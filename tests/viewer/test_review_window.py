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
from viewer.checks_panel import GROUP_ROLE
from viewer.main_window import MainWindow
from viewer.pair_table import COLUMNS


@pytest.fixture
def win(qtbot, settings_file: Path, seed_copies) -> MainWindow:
    w = make_window(qtbot, settings_file)
    open_and_wait(qtbot, w, *map(str, seed_copies))
    w.review.ask = lambda _parent, _title, _current: "check the figure"
    return w


def _key(w: MainWindow, k: int):
    return pair_key(w.alignment.pairs[k])


def _review_glyphs(w: MainWindow, k: int) -> str:
    model = w.pair_table.model
    return model.index(model.row_of(k), COLUMNS.index("Review")).data()


def _press(qtbot, w: MainWindow, key: str, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    w.panes["source"].setFocus()
    qtbot.keyClick(w.panes["source"], key, modifier)


def test_a_accepts_the_current_pair_and_undo_takes_it_back(qtbot, win: MainWindow) -> None:
    win.select_pair(2)
    _press(qtbot, win, "a")
    assert win.review.review.pair_mark(_key(win, 2)).state is State.ACCEPTED
    assert win.review_margins["source"].review is win.review.review
    assert win.review.progress_label.text().startswith("1 of ")
    assert _review_glyphs(win, 2) == "✓"
    _press(qtbot, win, "z", Qt.KeyboardModifier.ControlModifier)
    assert win.review.review.pair_mark(_key(win, 2)).state is State.UNTOUCHED
    assert win.review.progress_label.text().startswith("0 of ")
    assert _review_glyphs(win, 2) == ""
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
    assert _review_glyphs(win, 3) == "✓✎"
    assert "1 note" in win.review.progress_label.text()
    win.review.ask = lambda *_a: None  # cancelled: nothing changes
    _press(qtbot, win, "n")
    assert win.review.review.pair_mark(_key(win, 3)).note == "check the figure"
    win.review.undo_action.trigger()
    assert win.review.review.pair_mark(_key(win, 3)) == Mark(State.ACCEPTED)


def _activate_check(w: MainWindow, n: int) -> None:
    """Select and activate the n-th check the list shows (inside its group, if it has one)."""
    view = w.checks_panel.view
    index = w.checks_panel.index_of(w.checks_panel.visible_indices()[n])
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
    assert len(win.checks_panel.model.checks()) == total - 1
    assert dismissed not in win.checks_panel.model.checks()
    win.review.check_filter_box.setCurrentText("Dismissed checks")
    assert [c.kind for c in win.checks_panel.model.checks()] == [dismissed.kind]
    win.review.check_filter_box.setCurrentText("Open checks")
    win.review.undo_action.trigger()
    assert len(win.checks_panel.model.checks()) == total


def test_keys_act_on_the_selected_check_while_the_list_has_the_focus(qtbot, win: MainWindow) -> None:
    _activate_check(win, 1)
    check = win.review.current_check
    qtbot.keyClick(win.checks_panel.view, "f")
    key = check_key(win.alignment, check)
    assert win.review.review.check_mark(key).state is State.FLAGGED
    assert win.review.review.pairs == {}
    panel = win.checks_panel
    (shown,) = [i for i in panel.visible_indices() if check_key(win.alignment, panel.check(i)) == key]
    assert panel.index_of(shown).siblingAtColumn(2).data().startswith("⚑ ")
    win.review.check_filter_box.setCurrentText("Flagged checks")
    assert len(win.checks_panel.model.checks()) == 1
    win.review.check_filter_box.setCurrentText("Accepted checks")
    assert len(win.checks_panel.model.checks()) == 0


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
    assert len(other.checks_panel.model.checks()) == len(other.checks) - 1
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
    assert len(win.checks_panel.model.checks()) == len(win.checks) - len(alike)
    win.review.undo_action.trigger()
    assert len(win.checks_panel.model.checks()) == len(win.checks)


# Groups of checks: reviewed in one step from their row -------------------------------------------


def _activate_group(w: MainWindow) -> tuple[int, ...]:
    """Select and activate the first group row; the indices of its checks."""
    panel = w.checks_panel
    index = panel.proxy.index(0, 0)
    members = index.data(GROUP_ROLE)
    assert members is not None and len(members) > 1
    panel.view.setCurrentIndex(index)
    panel.view.setFocus()
    panel.view.activated.emit(index)
    return members


def _keys(w: MainWindow, members: tuple[int, ...]) -> list:
    return [check_key(w.alignment, w.checks_panel.check(i)) for i in members]


def _group_row_text(w: MainWindow) -> str:
    return w.checks_panel.proxy.index(0, 2).data()


def test_a_and_f_on_a_group_row_mark_all_its_checks_each_in_one_undo_step(qtbot, win: MainWindow) -> None:
    keys = _keys(win, _activate_group(win))
    view = win.checks_panel.view
    qtbot.keyClick(view, "a")
    review = win.review.review
    assert {review.check_mark(k).state for k in keys} == {State.ACCEPTED}
    assert review.pairs == {} and len(review.checks) == len(keys)
    assert _group_row_text(win).startswith(f"✓ {len(keys)} × ")
    win.review.check_filter_box.setCurrentText("Accepted checks")
    assert [g.count for g in win.checks_panel.model.groups()] == [len(keys)]
    win.review.check_filter_box.setCurrentText("Open checks")
    _activate_group(win)
    qtbot.keyClick(view, "f")
    assert {win.review.review.check_mark(k).state for k in keys} == {State.FLAGGED}
    win.review.undo_action.trigger()
    assert {win.review.review.check_mark(k).state for k in keys} == {State.ACCEPTED}
    win.review.undo_action.trigger()
    assert win.review.review.checks == {}


def test_a_group_edit_keeps_what_its_checks_hold_apart(qtbot, win: MainWindow) -> None:
    members = _activate_group(win)
    keys = _keys(win, members)
    first = win.checks_panel.index_of(members[0])
    win.checks_panel.view.setCurrentIndex(first)
    win.checks_panel.view.activated.emit(first)
    assert win.current_pair == win.checks_panel.check(members[0]).pair  # a group's check jumps to its pair
    qtbot.keyClick(win.checks_panel.view, "n")
    assert win.review.review.check_mark(keys[0]) == Mark(State.UNTOUCHED, "check the figure")
    _activate_group(win)
    qtbot.keyClick(win.checks_panel.view, "a")
    review = win.review.review
    assert review.check_mark(keys[0]) == Mark(State.ACCEPTED, "check the figure")
    assert {review.check_mark(k) for k in keys[1:]} == {Mark(State.ACCEPTED)}
    _activate_group(win)
    qtbot.keyClick(win.checks_panel.view, "a")  # again: every check back to untouched, the note stays
    assert win.review.review.checks == {keys[0]: Mark(State.UNTOUCHED, "check the figure")}


def test_n_on_a_group_row_notes_every_check(qtbot, win: MainWindow) -> None:
    keys = _keys(win, _activate_group(win))
    qtbot.keyClick(win.checks_panel.view, "n")
    assert {win.review.review.check_mark(k) for k in keys} == {Mark(State.UNTOUCHED, "check the figure")}
    assert _group_row_text(win).endswith("✎ check the figure")


@pytest.mark.parametrize("modifier", [Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.ShiftModifier])
def test_d_on_a_group_row_dismisses_the_group_and_again_brings_it_back(
    qtbot, win: MainWindow, modifier: Qt.KeyboardModifier
) -> None:
    panel = win.checks_panel
    total = len(panel.model.checks())
    members = _activate_group(win)
    group = panel.check(members[0]).group
    qtbot.keyClick(panel.view, "d", modifier)
    assert win.review.review.dismissed_groups == {group}
    assert len(panel.model.checks()) == total - len(members)
    assert group not in [g.key for g in panel.model.groups()]
    win.review.check_filter_box.setCurrentText("Dismissed checks")
    assert [(g.key, g.count) for g in panel.model.groups()] == [(group, len(members))]
    _activate_group(win)
    qtbot.keyClick(panel.view, "d", modifier)
    assert win.review.review.dismissed_groups == frozenset()
    assert panel.model.checks() == []
    win.review.check_filter_box.setCurrentText("Open checks")
    assert len(panel.model.checks()) == total


def test_a_group_dismissed_check_by_check_comes_back_whole(qtbot, win: MainWindow) -> None:
    panel = win.checks_panel
    members = _activate_group(win)
    keys = _keys(win, members)
    win.review.state.edit(
        win.review.review.with_dismissed(keys[0], True).with_dismissed(keys[1], True), "two by hand"
    )
    win.review.check_filter_box.setCurrentText("Dismissed checks")
    assert [g.count for g in panel.model.groups()] == [2]
    _activate_group(win)
    qtbot.keyClick(panel.view, "d")
    assert win.review.review.dismissed == frozenset()
