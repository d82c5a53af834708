"""Reviewing in the window: accept, flag, note and dismiss, review navigation, undo, sessions and autosave.

The window builds one :class:`ReviewActions` after its panes and docks, calls :meth:`alignment_shown`
whenever a new alignment is on screen and lists its checks through :meth:`list_checks`; everything
else (actions, menus, marks, the status-bar progress, the files) lives here.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QFileInfo, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QComboBox, QFileDialog, QInputDialog, QLabel, QMessageBox, QWidget

from alignment.errors import ParalignError
from alignment.model import Alignment, Check, Side
from alignment.relink import manual_links
from alignment.review import Mark, Review, State, check_group, check_key, pair_key
from alignment.session import (
    SUFFIX,
    Lost,
    Placed,
    Session,
    place,
    read_session,
    save_session,
    sentence_texts,
    session_of,
    settle,
)
from viewer.autosave import autosave_path
from viewer.navigation import next_flagged
from viewer.review_state import (
    CHECK_FILTERS,
    MANUAL_GLYPH,
    NOTE_GLYPH,
    PAIR_FILTERS,
    STATE_GLYPHS,
    ReviewState,
    decoration,
    listed_checks,
    pairs_matching,
    progress_text,
)

if TYPE_CHECKING:
    from viewer.main_window import MainWindow

SIDES: tuple[Side, Side] = ("source", "target")
SESSION_FILTER = f"paralign review (*{SUFFIX});;All files (*)"
AUTOSAVE_DELAY_MS = 800
"""Edits come in bursts while the editor works through pairs; one write per pause is enough."""
RECENT_SESSIONS = "recent_sessions"
RECENT_LIMIT = 8

AskText = Callable[[QWidget, str, str], str | None]


def ask_note(parent: QWidget, title: str, current: str) -> str | None:
    """Ask for a note (multi-line); None when cancelled."""
    text, ok = QInputDialog.getMultiLineText(parent, "paralign", title, current)
    return text.strip() if ok else None


class ReviewActions(QObject):
    """The review of the pair on show and every command that edits, saves or restores it."""

    links_needed = Signal(object)
    """The alignment on show does not follow the review's links (a tuple of them): align around them."""

    def __init__(self, window: MainWindow, ask: AskText = ask_note) -> None:
        super().__init__(window)
        self.window = window
        self.ask = ask
        self.state = ReviewState(self)
        self.state.changed.connect(self._changed)
        self.alignment: Alignment | None = None
        """The alignment the review's indices refer to."""
        self.session_path: Path | None = None
        self.lost: tuple[Lost, ...] = ()
        self.restore_box: QMessageBox | None = None
        self._pending: Session | None = None
        self._unsettled: Placed | None = None
        """A placed session waiting for the alignment to follow its links before its marks are settled."""
        self._listed: list[Check] = []
        self._checks: list[Check] = []
        self.current_check: Check | None = None
        self.current_group: tuple[Check, ...] = ()
        """The checks of the group row selected in the list (then no current check)."""
        self.check_filter: str | None = None
        self._autosave = QTimer(self, singleShot=True, interval=AUTOSAVE_DELAY_MS)
        self._autosave.timeout.connect(self.autosave)
        self.progress_label = QLabel("")
        self.progress_label.setAccessibleName("Review progress")
        window.statusBar().addPermanentWidget(self.progress_label)
        window.checks_panel.checkActivated.connect(self._check_activated)
        window.checks_panel.groupActivated.connect(self._group_activated)
        self._build_actions()
        self._build_menus()
        self._build_filters()

    # Building -----------------------------------------------------------------------------

    def action(self, text: str, slot: Callable[[], None], shortcut: str = "", tip: str = "") -> QAction:
        action = QAction(text, self.window)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.setToolTip(f"{tip or text.replace('&', '')}" + (f" ({shortcut})" if shortcut else ""))
        action.triggered.connect(slot)
        self.window.addAction(action)
        return action

    def _build_actions(self) -> None:
        a = self.action
        self.accept_action = a(
            "&Accept",
            lambda: self.toggle(State.ACCEPTED),
            "A",
            "Accept the current pair (or the selected check): the rewrite is fine",
        )
        self.flag_action = a(
            "&Flag for action",
            lambda: self.toggle(State.FLAGGED),
            "F",
            "Flag the current pair (or the selected check): it needs action",
        )
        self.note_action = a("&Note…", self.edit_note, "N", "Write a note on the current pair or check")
        self.dismiss_action = a(
            "&Dismiss check",
            self.toggle_dismissed,
            "D",
            "Leave the selected check out from now on (again to bring it back)",
        )
        self.dismiss_group_action = a(
            "Dismiss all checks &like this",
            self.toggle_dismissed_group,
            "Shift+D",
            "Leave out every check of this kind between the same words, in any pair (again: bring them back)",
        )
        self.next_untouched_action = a("Next untouched pair", lambda: self.go(State.UNTOUCHED, True), "U")
        self.prev_untouched_action = a(
            "Previous untouched pair", lambda: self.go(State.UNTOUCHED, False), "Shift+U"
        )
        self.next_review_flag_action = a(
            "Next pair flagged for action", lambda: self.go(State.FLAGGED, True), "Ctrl+F8"
        )
        self.prev_review_flag_action = a(
            "Previous pair flagged for action", lambda: self.go(State.FLAGGED, False), "Ctrl+Shift+F8"
        )
        self.undo_action = self.state.undo_stack.createUndoAction(self.window, "&Undo")
        self.undo_action.setShortcut(QKeySequence("Ctrl+Z"))
        self.redo_action = self.state.undo_stack.createRedoAction(self.window, "&Redo")
        self.redo_action.setShortcut(QKeySequence("Ctrl+Shift+Z"))
        self.window.addActions([self.undo_action, self.redo_action])
        self.save_action = a("&Save review", self.save, "Ctrl+S", "Save the review to a .paralign file")
        self.save_as_action = a("Save review &as…", self.save_as, "", "Save the review to another file")
        self.open_action = a(
            "Open &review…", self.choose_session, "Ctrl+Alt+O", "Open a saved review and both its documents"
        )
        self.edit_actions = [self.accept_action, self.flag_action, self.note_action]
        self.check_actions = [self.dismiss_action, self.dismiss_group_action]
        self.navigation_actions = [
            self.next_untouched_action,
            self.prev_untouched_action,
            self.next_review_flag_action,
            self.prev_review_flag_action,
        ]
        self._enable()

    def _build_menus(self) -> None:
        w = self.window
        w.file_menu.insertActions(w.export_separator, [self.open_action])
        self.recent_menu = w.file_menu.addMenu("Recent reviews")
        w.file_menu.insertMenu(w.export_separator, self.recent_menu)
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        w.file_menu.insertActions(w.export_separator, [self.save_action, self.save_as_action])
        w.edit_menu.insertActions(
            w.edit_menu.actions()[0] if w.edit_menu.actions() else None, [self.undo_action, self.redo_action]
        )
        w.edit_menu.insertSeparator(w.edit_menu.actions()[2] if len(w.edit_menu.actions()) > 2 else None)
        self.menu = w.menuBar().addMenu("&Review")
        self.menu.addActions(self.edit_actions + self.check_actions)
        self.menu.addSeparator()
        self.menu.addActions(self.navigation_actions)

    def _build_filters(self) -> None:
        self.pair_filter = QComboBox()
        self.pair_filter.setAccessibleName("Show pairs by review state")
        self.pair_filter.addItems(list(PAIR_FILTERS))
        self.pair_filter.currentTextChanged.connect(lambda _t: self._filter_pairs())
        self.window.pair_table.add_filter(self.pair_filter)
        self.check_filter_box = QComboBox()
        self.check_filter_box.setAccessibleName("Show checks by review state")
        self.check_filter_box.addItems(list(CHECK_FILTERS))
        self.check_filter_box.currentTextChanged.connect(self._check_filter_chosen)
        self.window.checks_panel.layout().itemAt(0).layout().insertWidget(0, self.check_filter_box)

    # The review of the alignment on show ------------------------------------------------------

    @property
    def review(self) -> Review:
        """The review on show."""
        return self.state.review

    def alignment_shown(self) -> None:
        """A new alignment is on screen: carry the review over to it, or start one for a new pair."""
        new, old = self.window.alignment, self.alignment
        if new is None:
            return
        self.alignment = new
        if self._pending is not None:
            session, self._pending = self._pending, None
            self._place(session)
        elif old is not None and _same_pair(old, new):
            if not all(sentence_texts(old, s) == sentence_texts(new, s) for s in SIDES):
                self._place(session_of(old, self.review))
            elif self._follow():
                pass  # aligned without the links (reloaded): the marks wait for the alignment that has them
            elif self._unsettled is not None:
                self._settle()
            else:
                # Re-aligned around a link: verdicts on pairs that are gone say nothing now.
                self.state.set_review(self.review.restricted_to(new)[0])
        else:
            self.session_path = None
            self.state.reset(Review())
            self._offer_restore()
        self._refresh()

    def list_checks(self, checks: list[Check]) -> None:
        """List the checks of the alignment on show that the review filter keeps, with their marks."""
        self._checks = checks
        alignment = self.window.alignment
        if alignment is None or alignment is not self.alignment:
            self._listed = list(checks) if self.check_filter is None else []
        else:
            self._listed = listed_checks(alignment, checks, self.review, self.check_filter)
        if alignment is None:
            self.window.checks_panel.set_checks([])
        else:
            review = self.review
            decorations = [decoration(alignment, c, review) for c in self._listed] if not review.empty else []
            self.window.checks_panel.set_checks(self._listed, decorations)
        if self.current_check is not None and self.current_check not in checks:
            self.current_check = None
        if self.current_group and not set(self.current_group) <= set(checks):
            self.current_group = ()
        self._enable()

    def _place(self, session: Session) -> None:
        """Put a session (saved, autosaved or carried over a changed file) on the alignment on show."""
        alignment = self.alignment
        assert alignment is not None
        current = {side: sentence_texts(alignment, side) for side in SIDES}
        paths = {side: alignment.document(side).path for side in SIDES}
        try:
            self._unsettled = place(session, current, paths)
        except ParalignError as exc:
            self.window.show_error(str(exc))
            self.state.reset(Review())
            return
        self.state.reset(self._unsettled.review)  # a change of links asks for them to be followed
        if not self._needs_links():
            self._settle()

    def _needs_links(self) -> bool:
        """Whether the alignment on show does not follow the review's links."""
        return self.alignment is not None and set(self.review.links) != manual_links(self.alignment)

    def _follow(self) -> bool:
        """Ask for an alignment around the review's links unless the one on show follows them."""
        if not self._needs_links():
            return False
        self.links_needed.emit(self.review.links)
        return True

    def _settle(self) -> None:
        """Keep a placed session's marks to the pairs of the alignment on show; list what is lost."""
        assert self._unsettled is not None and self.alignment is not None
        placed, self._unsettled = settle(self._unsettled, self.alignment), None
        self.state.reset(placed.review)
        self.lost = placed.lost
        if placed.lost:
            self._tell_lost(placed.lost)

    def _tell_lost(self, lost: tuple[Lost, ...]) -> None:
        """List what the review could not carry over, in a dialog that does not block."""
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            "paralign",
            f"{len(lost)} part{'s' if len(lost) != 1 else ''} of the review could not be "
            "placed: their sentences are no longer in the documents.",
            parent=self.window,
        )
        box.setDetailedText("\n".join(x.describe() for x in lost))
        box.setInformativeText("\n".join(x.describe() for x in lost[:8]) + ("\n…" if len(lost) > 8 else ""))
        box.open()

    def _changed(self, review: Review, links_changed: bool) -> None:
        """Show the edited review everywhere, align around changed links, and save it a moment later."""
        if links_changed:
            self._follow()
        self._refresh()
        if self._checks:  # none yet while they run: the panel says so, and is left to say it
            self.list_checks(self._checks)
        self._autosave.start()

    def _refresh(self) -> None:
        """Marks in the panes and the pair table, and the progress in the status bar."""
        alignment, review = self.alignment, self.review
        for margin in self.window.review_margins.values():
            margin.set_review(review)
        if alignment is None:
            self.progress_label.setText("")
            return
        glyphs = {}
        for k, p in enumerate(alignment.pairs):
            if not (p.manual or review.pairs):
                continue  # nothing to mark: a book's pairs need not be looked up one by one
            mark = review.pair_mark(pair_key(p))
            if p.manual or not mark.empty:
                glyphs[k] = "".join(
                    (
                        STATE_GLYPHS.get(mark.state, ""),
                        NOTE_GLYPH if mark.note else "",
                        MANUAL_GLYPH if p.manual else "",
                    )
                )
        self.window.pair_table.set_review_glyphs(glyphs)
        self._filter_pairs()
        self.progress_label.setText(progress_text(review.counts(alignment)))
        self._enable()

    def _enable(self) -> None:
        has = self.window.alignment is not None
        for action in (*self.edit_actions, *self.navigation_actions, self.save_action, self.save_as_action):
            action.setEnabled(has)
        for action in self.check_actions:
            action.setEnabled(has and (self.current_check is not None or bool(self.current_group)))

    def _filter_pairs(self) -> None:
        wanted = PAIR_FILTERS[self.pair_filter.currentText()]
        only = (
            None
            if wanted is None or self.alignment is None
            else pairs_matching(self.alignment, self.review, wanted)
        )
        self.window.pair_table.show_only(only, "review")

    def _check_filter_chosen(self, text: str) -> None:
        self.check_filter = CHECK_FILTERS[text]
        self.list_checks(self._checks)

    def _check_activated(self, index: int) -> None:
        self.current_check = self._listed[index] if 0 <= index < len(self._listed) else None
        self.current_group = ()
        self._enable()

    def _group_activated(self, indices: tuple[int, ...]) -> None:
        self.current_group = tuple(self._listed[i] for i in indices if 0 <= i < len(self._listed))
        self.current_check = None
        self._enable()

    # Edits ----------------------------------------------------------------------------------

    def _on_check(self) -> bool:
        """Whether the edit keys act on the selected check or group (the check list has the focus)."""
        chosen = self.current_check is not None or bool(self.current_group)
        return chosen and self.window.checks_panel.view.hasFocus()

    def _subject(self) -> tuple[str, Mark, Callable[[Mark], Review]] | None:
        """What the edit keys act on: its name, its mark, and the review with another mark on it."""
        alignment = self.alignment
        if alignment is None:
            return None
        if self._on_check() and self.current_group:
            return self._group_subject(alignment, self.current_group)
        if self._on_check():
            assert self.current_check is not None
            ckey = check_key(alignment, self.current_check)
            return "check", self.review.check_mark(ckey), lambda m: self.review.with_check(ckey, m)
        pair = self.window.current_pair
        if pair is None:
            self.window.show_status("Select a pair first (click it, or use the pair table).")
            return None
        key = pair_key(alignment.pairs[pair])
        return f"pair {pair + 1}", self.review.pair_mark(key), lambda m: self.review.with_pair(key, m)

    def _group_subject(
        self, alignment: Alignment, group: tuple[Check, ...]
    ) -> tuple[str, Mark, Callable[[Mark], Review]]:
        """A group of checks as one subject: the mark its checks share (state and note apart), and the
        review with whatever an edit changed of that mark changed on every one of them."""
        keys = [check_key(alignment, c) for c in group]
        marks = {key: self.review.check_mark(key) for key in keys}
        states, notes = {m.state for m in marks.values()}, {m.note for m in marks.values()}
        shared = Mark(
            states.pop() if len(states) == 1 else State.UNTOUCHED, notes.pop() if len(notes) == 1 else ""
        )

        def marked(new: Mark) -> Review:
            return self.review.with_checks(
                {
                    key: Mark(
                        old.state if new.state is shared.state else new.state,
                        old.note if new.note == shared.note else new.note,
                    )
                    for key, old in marks.items()
                }
            )

        return f"group of {len(group)} checks", shared, marked

    def toggle(self, state: State) -> None:
        """Give the current pair (or the selected check) a state, or take it back if it has it."""
        subject = self._subject()
        if subject is not None:
            name, mark, marked = subject
            new = Mark(State.UNTOUCHED if mark.state is state else state, mark.note)
            verb = {State.ACCEPTED: "Accept", State.FLAGGED: "Flag", State.UNTOUCHED: "Clear"}[new.state]
            self.state.edit(marked(new), f"{verb} {name}")

    def edit_note(self) -> None:
        """Write, change or remove (empty text) the note on the current pair or the selected check."""
        subject = self._subject()
        if subject is not None:
            name, mark, marked = subject
            text = self.ask(self.window, f"Note on the {name}:", mark.note)
            if text is not None:
                self.state.edit(marked(Mark(mark.state, text)), f"Note on the {name}")

    def toggle_dismissed(self) -> None:
        """Dismiss the selected check (left out of the list from now on), or bring a dismissed one back;
        on a group row, the whole group."""
        if self.current_group:
            self.toggle_dismissed_group()
            return
        alignment, check = self.alignment, self.current_check
        if alignment is None or check is None:
            return
        key = check_key(alignment, check)
        dismissed = not self.review.is_dismissed(key)
        self.state.edit(
            self.review.with_dismissed(key, dismissed), "Dismiss check" if dismissed else "Restore check"
        )
        self.current_check = None
        self._enable()

    def toggle_dismissed_group(self) -> None:
        """Dismiss every check like the selected one (same kind, change and words), or bring them back;
        on a group row, its group (and its checks dismissed one by one come back with it)."""
        alignment, check = self.alignment, self.current_check or next(iter(self.current_group), None)
        if alignment is None or check is None:
            return
        group = check.group or check_group(check_key(alignment, check))
        keys = [check_key(alignment, c) for c in self.current_group]
        if keys:
            dismissed = not all(self.review.is_dismissed(k, group) for k in keys)
        else:
            dismissed = group not in self.review.dismissed_groups
        self.state.edit(
            self.review.with_dismissed_group(group, dismissed, keys),
            f"Dismiss “{group}”" if dismissed else "Restore checks",
        )
        self.current_check, self.current_group = None, ()
        self._enable()

    def go(self, state: State, forward: bool) -> None:
        """Select the next (or previous) pair in reading order in a review state."""
        alignment = self.alignment
        if alignment is None:
            return
        found = next_flagged(
            alignment, self.review.pairs_in(alignment, state), self.window.current_pair, forward
        )
        if found is None:
            self.window.show_status(f"No more {state.value} pairs {'below' if forward else 'above'}.")
        else:
            self.window.select_pair(found)

    # Files ----------------------------------------------------------------------------------

    def save(self) -> None:
        """Save the review to its file, asking for one the first time."""
        if self.session_path is None:
            self.save_as()
        else:
            self.save_to(self.session_path)

    def save_as(self) -> None:
        """Ask where to save the review, then save it there."""
        alignment = self.alignment
        if alignment is None:
            return
        start = str(Path(alignment.target.path).with_suffix(SUFFIX)) if alignment.target.path else ""
        path, _ = QFileDialog.getSaveFileName(self.window, "Save review", start, SESSION_FILTER)
        if path:
            self.save_to(Path(path) if path.endswith(SUFFIX) else Path(path + SUFFIX))

    def save_to(self, path: Path) -> bool:
        """Write the review to a session file; True when written."""
        if self.alignment is None:
            return False
        try:
            save_session(path, session_of(self.alignment, self.review))
        except ParalignError as exc:
            self.window.show_error(str(exc))
            return False
        self.session_path = path
        self._remember(path)
        self.window.show_status(f"Review saved to {path}")
        return True

    def choose_session(self) -> None:
        """Ask for a session file and open it."""
        path, _ = QFileDialog.getOpenFileName(self.window, "Open review", "", SESSION_FILTER)
        if path:
            self.open_session(Path(path))

    def open_session(self, path: Path) -> None:
        """Open a session: both its documents, aligned, with the review placed on them."""
        try:
            session = read_session(path)
            source, target = (_document_path(session.side(s).path, path, s) for s in SIDES)
        except ParalignError as exc:
            self.window.show_error(str(exc))
            return
        self._pending = session
        self.session_path = path
        self._remember(path)
        self.window.open_pair(source, target)

    def _remember(self, path: Path) -> None:
        settings = self.window.settings
        items = [str(path.resolve()), *(p for p in self.recent() if p != str(path.resolve()))]
        settings.set(RECENT_SESSIONS, items[:RECENT_LIMIT])

    def recent(self) -> list[str]:
        """The review files opened or saved last, most recent first."""
        items = self.window.settings.value(RECENT_SESSIONS, []) or []
        return [items] if isinstance(items, str) else list(items)

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        for path in self.recent():
            action = self.recent_menu.addAction(QFileInfo(path).fileName())
            action.setToolTip(path)
            action.triggered.connect(lambda _c=False, p=path: self.open_session(Path(p)))
        self.recent_menu.setEnabled(bool(self.recent()))

    # Autosave ---------------------------------------------------------------------------------

    def _autosave_file(self) -> Path | None:
        alignment = self.alignment
        if alignment is None or not (alignment.source.path and alignment.target.path):
            return None
        return autosave_path(alignment.source.path, alignment.target.path)

    def autosave(self) -> None:
        """Keep the review in the user's data folder; remove the file once nothing is left to keep."""
        self._autosave.stop()
        path = self._autosave_file()
        if path is None or self.alignment is None:
            return
        if self.review.empty:
            path.unlink(missing_ok=True)
            return
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            save_session(path, session_of(self.alignment, self.review))
        except (OSError, ParalignError) as exc:
            self.window.show_status(f"Could not autosave the review: {exc}")

    def flush(self) -> None:
        """Write a pending autosave now (the window is closing)."""
        if self._autosave.isActive():
            self.autosave()

    def _offer_restore(self) -> None:
        """Offer the autosaved review of the pair on show, without blocking the window."""
        path = self._autosave_file()
        if path is None or not path.exists():
            return
        try:
            session = read_session(path)
        except ParalignError:
            return
        box = QMessageBox(
            QMessageBox.Icon.Question,
            "paralign",
            "A review of these two documents was kept from last time. Restore it?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self.window,
        )
        box.setInformativeText(progress_text(session.review.counts(self.alignment)) if self.alignment else "")
        box.setWindowModality(Qt.WindowModality.WindowModal)
        box.button(QMessageBox.StandardButton.Yes).clicked.connect(lambda: self._restore(session))
        self.restore_box = box
        box.open()

    def _restore(self, session: Session) -> None:
        if self.restore_box is None:
            return
        self.restore_box = None
        self._place(session)


def _same_pair(a: Alignment, b: Alignment) -> bool:
    """Whether two alignments are of the same two files (or the same pasted texts)."""
    return all(
        a.document(s).path == b.document(s).path
        and (a.document(s).path or a.document(s).text == b.document(s).text)
        for s in SIDES
    )


def _document_path(saved: str, session_path: Path, side: Side) -> str:
    """Where a session's document is now: its saved path, or the same name beside the session file."""
    name = "original" if side == "source" else "paraphrase"
    if not saved:
        raise ParalignError(f"{session_path}: the review names no {name} file (it was pasted text)")
    if Path(saved).is_file():
        return saved
    beside = session_path.parent / Path(saved).name
    if beside.is_file():
        return str(beside)
    raise ParalignError(f"{session_path}: the {name} {saved} is not there any more")
