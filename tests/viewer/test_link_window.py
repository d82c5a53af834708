"""Correcting the alignment in the window: link, unlink, move a sentence, undo, and links in sessions."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import make_window, open_and_wait
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from alignment.checks import run_checks
from alignment.model import Kind
from alignment.review import Mark, State, pair_key
from viewer.main_window import MainWindow


@pytest.fixture
def win(qtbot, settings_file: Path, seed_copies) -> MainWindow:
    w = make_window(qtbot, settings_file)
    open_and_wait(qtbot, w, *map(str, seed_copies))
    return w


def _select(w: MainWindow, side: str, first: int, last: int) -> None:
    """Select sentences first..last of one pane, as a drag of the mouse would."""
    pane = w.panes[side]
    sents = w.alignment.sentences(side)
    cursor = pane.textCursor()
    cursor.setPosition(pane.offsets.to_qt(sents[first].start))
    cursor.setPosition(pane.offsets.to_qt(sents[last].end), QTextCursor.MoveMode.KeepAnchor)
    pane.setTextCursor(cursor)


def _key(qtbot, w: MainWindow, key: str, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    """Press a key in the source pane and wait for the alignment to follow the links."""
    with qtbot.waitSignal(w.alignment_ready, timeout=60000):
        qtbot.keyClick(w.panes["source"], key, modifier)


def _matched(w: MainWindow) -> list[int]:
    return [k for k, p in enumerate(w.alignment.pairs) if p.source and p.target and not p.moved]


def _consistent_checks(qtbot, w: MainWindow) -> None:
    """The checks on show become those of the alignment on show, checked as a whole."""

    def found(checks) -> list[tuple]:
        return sorted((c.kind, c.source or (), c.target or (), c.pair) for c in checks)

    fresh = found(run_checks(w.alignment))
    qtbot.waitUntil(lambda: found(w.checks) == fresh, timeout=60000)
    assert len(w.checks_panel.model.checks()) == len(fresh)


def test_k_links_the_selected_sentences_as_one_pair_and_undo_unlinks(qtbot, win: MainWindow) -> None:
    a, b = _matched(win)[2:4]
    src = win.alignment.pairs[a].source + win.alignment.pairs[b].source
    tgt = win.alignment.pairs[a].target
    before = [pair_key(p) for p in win.alignment.pairs]
    _select(win, "target", tgt[0], tgt[-1])
    _select(win, "source", src[0], src[-1])
    _key(qtbot, win, "k")
    manual = [p for p in win.alignment.pairs if p.manual]
    assert [pair_key(p) for p in manual] == [(src, tgt)]
    assert manual[0].kind in (Kind.MERGED, Kind.REGROUPED)
    assert win.current_pair == win.alignment.pairs.index(manual[0])
    assert win.review.review.links == ((src, tgt),)
    _consistent_checks(qtbot, win)
    _key(qtbot, win, "z", Qt.KeyboardModifier.ControlModifier)
    assert not any(p.manual for p in win.alignment.pairs)
    assert [pair_key(p) for p in win.alignment.pairs] == before
    _consistent_checks(qtbot, win)
    _key(qtbot, win, "z", Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert [pair_key(p) for p in win.alignment.pairs if p.manual] == [(src, tgt)]


def test_unlink_makes_a_pair_dropped_and_added(qtbot, win: MainWindow) -> None:
    k = _matched(win)[3]
    src, tgt = win.alignment.pairs[k].source, win.alignment.pairs[k].target
    win.select_pair(k)
    _key(qtbot, win, "k", Qt.KeyboardModifier.ShiftModifier)
    keys = {pair_key(p): p for p in win.alignment.pairs}
    assert keys[(src, ())].kind is Kind.DELETED and keys[(src, ())].manual
    assert keys[((), tgt)].kind is Kind.ADDED and keys[((), tgt)].manual
    _consistent_checks(qtbot, win)
    # Unlinking the dropped one again sets its sentences free for the aligner.
    win.select_pair(win.alignment.pairs.index(keys[(src, ())]))
    _key(qtbot, win, "k", Qt.KeyboardModifier.ShiftModifier)
    assert win.review.review.links == (((), tgt),)


def test_a_sentence_moves_into_the_next_pair(qtbot, win: MainWindow) -> None:
    a, b = _matched(win)[4:6]
    pa, pb = win.alignment.pairs[a], win.alignment.pairs[b]
    last = pa.source[-1]
    assert pb.source[0] == last + 1
    _select(win, "source", last, last)
    win.leader = "source"
    _key(qtbot, win, "]")
    keys = {pair_key(p) for p in win.alignment.pairs if p.manual}
    assert ((last, *pb.source), pb.target) in keys
    _consistent_checks(qtbot, win)


def test_review_marks_survive_a_link_elsewhere_and_the_linked_pair_can_be_reviewed(
    qtbot, win: MainWindow
) -> None:
    first = _matched(win)[0]
    win.select_pair(first)
    win.review.toggle(State.ACCEPTED)
    kept = pair_key(win.alignment.pairs[first])
    a, b = _matched(win)[6:8]
    src = win.alignment.pairs[a].source + win.alignment.pairs[b].source
    _select(win, "target", win.alignment.pairs[a].target[0], win.alignment.pairs[a].target[-1])
    _select(win, "source", src[0], src[-1])
    _key(qtbot, win, "k")
    assert win.review.review.pair_mark(kept).state is State.ACCEPTED
    qtbot.keyClick(win.panes["source"], "f")
    linked = (src, win.review.review.links[0][1])
    assert win.review.review.pair_mark(linked).state is State.FLAGGED


def test_links_go_into_the_session_and_come_back(
    qtbot, win: MainWindow, settings_file: Path, tmp_path: Path, seed_copies
) -> None:
    stats = [(p.read_bytes(), p.stat().st_mtime_ns) for p in seed_copies]
    a, b = _matched(win)[2:4]
    src = win.alignment.pairs[a].source + win.alignment.pairs[b].source
    tgt = win.alignment.pairs[a].target
    _select(win, "target", tgt[0], tgt[-1])
    _select(win, "source", src[0], src[-1])
    _key(qtbot, win, "k")
    win.select_pair([pair_key(p) for p in win.alignment.pairs].index((src, tgt)))
    win.review.toggle(State.ACCEPTED)
    out = tmp_path / "linked.paralign"
    assert win.review.save_to(out)
    other = make_window(qtbot, settings_file)
    with qtbot.waitSignal(other.alignment_ready, timeout=60000):
        other.review.open_session(out)
    qtbot.waitUntil(lambda: any(p.manual for p in other.alignment.pairs), timeout=60000)
    assert [pair_key(p) for p in other.alignment.pairs if p.manual] == [(src, tgt)]
    assert other.review.review.pair_mark((src, tgt)) == Mark(State.ACCEPTED)
    assert other.review.lost == ()
    assert [(p.read_bytes(), p.stat().st_mtime_ns) for p in seed_copies] == stats


def test_the_whole_texts_checks_of_a_dropped_re_alignment_are_not_shown(qtbot, win: MainWindow) -> None:
    # Closing the window drops a running re-alignment while its checks may still be on their way:
    # they must not reach the panes, which are gone by then (a late signal into a deleted pane).
    shown = list(win.checks)
    win.links.follow(())
    job = win.links.job
    win.links.close()
    job.checked.emit(win.alignment, [], {side: [] for side in ("source", "target")})
    assert win.checks == shown
    job._thread.join(30)
