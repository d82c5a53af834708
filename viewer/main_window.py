"""The main window: two panes, the band strip, maps, the pair table, actions, menus and files."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QByteArray, QFileSystemWatcher, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QFont, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QFileDialog,
    QFontDialog,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSplitter,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

import viewer.checks_process
from alignment import Document, document_from_text
from alignment.model import Alignment, Check, Side
from viewer.banner import UnrelatedBanner
from viewer.checks_panel import ChecksPanel
from viewer.controller import Session, Shown
from viewer.export import REPORT_FILTERS, ReportExport, report_path
from viewer.find_bar import FindBar
from viewer.focus import Focus
from viewer.focus_actions import FocusActions
from viewer.jobs import AlignJob, Source, one_malloc_arena
from viewer.legend import Legend
from viewer.link_actions import LinkActions
from viewer.link_map import LinkMap
from viewer.marks import SideMarks
from viewer.navigation import (
    change_message,
    next_change,
    next_flagged,
    next_unmatched,
    other_side,
    partner_offset,
)
from viewer.open_formats import (
    open_tracked_action,
    reading,
    side_name,
    source_of,
    whole_pages_action,
    window_title,
)
from viewer.overview_map import OverviewMap
from viewer.pair_detail import PairDetail
from viewer.pair_table import PairTable
from viewer.palette import PALETTE_NAMES, make_palette
from viewer.review_actions import ReviewActions
from viewer.review_margin import ReviewMargin
from viewer.settings import Settings
from viewer.status import ReadingNotes
from viewer.text_pane import TextPane
from viewer.theme import THEMES, apply_theme, is_dark

SIDES: tuple[Side, Side] = ("source", "target")
FIRST_SIZE = 0.8
"""Share of the screen a first window takes: room for two texts side by side, the desktop still seen."""
BOTTOM_DOCKS = 350
"""Height of the checks, pairs and pair detail docks at first: twelve table rows and their filters."""
SIDE_NAMES = {"source": "original", "target": "paraphrase"}
PROGRESS_WIDTH = 260
"""Wide enough for the engine's longest phase name with its percentage; longer ones are elided."""
PROGRESS_PADDING = 12
"""Room the style keeps around the bar's text."""
FILE_FILTER = "Documents (*.txt *.md *.docx *.odt *.epub *.pdf *.html *.htm *.rtf);;All files (*)"


class MainWindow(QMainWindow):
    """Shows one aligned pair of documents and everything to read and navigate it."""

    alignment_ready = Signal()
    job_finished = Signal()
    report_exported = Signal()

    def __init__(self, settings: Settings | None = None) -> None:
        super().__init__()
        self.settings = settings or Settings()
        self.setWindowTitle("paralign")
        self.setAccessibleName("paralign")
        self.session = Session(self, self._start_job)
        one_malloc_arena()  # before its jobs' threads allocate
        viewer.checks_process.CHECKS.start()  # a fresh interpreter's imports, while the first pair loads
        self.current_pair: int | None = None
        self.leader: Side = "source"
        self._syncing = False
        self._synced: tuple[Side, int, int] | None = None
        """The leading side, its centre offset and the other pane's height when it was last followed."""
        self._texts: dict[Side, str | None] = {"source": None, "target": None}
        """The text each pane shows, so that a text shown already is not laid out again."""
        self._build_panes()
        self._build_actions()
        self._build_menus()
        self._build_docks()
        self._build_status()
        self.review = ReviewActions(self)
        self.links = LinkActions(self, self.review)
        self._watcher = QFileSystemWatcher(self)
        self._watcher.fileChanged.connect(lambda _path: self._reload_timer.start())
        self._reload_timer = QTimer(self, singleShot=True, interval=400)
        self._reload_timer.timeout.connect(self.reload)
        QApplication.styleHints().colorSchemeChanged.connect(lambda _scheme: self.apply_palette())
        self._restore_settings()

    @property
    def docs(self) -> dict[Side, Document | None]:
        """The documents on show."""
        shown = self.session.shown
        return {"source": shown.source, "target": shown.target}

    @property
    def alignment(self) -> Alignment | None:
        """The alignment on show."""
        return self.session.shown.alignment

    @property
    def marks(self) -> dict[Side, SideMarks] | None:
        """Where the colours of the alignment on show fall."""
        return self.session.shown.marks

    @property
    def checks(self) -> list[Check]:
        """The checks of the alignment on show."""
        return self.session.shown.checks

    # Building -----------------------------------------------------------------------------

    def _build_panes(self) -> None:
        """Two panes with their titles and overview maps, the band strip between them."""
        self.panes: dict[Side, TextPane] = {side: TextPane(side) for side in SIDES}
        self.titles: dict[Side, QLabel] = {}
        self.overviews: dict[Side, OverviewMap] = {}
        self.review_margins: dict[Side, ReviewMargin] = {}
        self.link_map = LinkMap(self.panes["source"], self.panes["target"])
        self.link_map.pair_clicked.connect(self.select_pair)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setHandleWidth(1)
        for side in SIDES:
            pane = self.panes[side]
            pane.cursorPositionChanged.connect(lambda s=side: self._cursor_moved(s))
            pane.verticalScrollBar().valueChanged.connect(lambda _v, s=side: self._pane_scrolled(s))
            pane.entered.connect(lambda s=side: self._set_leader(s))
            pane.file_dropped.connect(lambda path, s=side: self.open_side(s, path))
            pane.text_dropped.connect(lambda text, s=side: self.open_side(s, document_from_text(text)))
            pane.installEventFilter(self)
            title = QLabel(SIDE_NAMES[side].capitalize())
            title.setAccessibleName(f"{SIDE_NAMES[side].capitalize()} file name")
            title.setContentsMargins(6, 3, 6, 3)
            self.titles[side] = title
            overview = OverviewMap(pane)
            self.overviews[side] = overview
            row = QHBoxLayout()
            row.setContentsMargins(0, 0, 0, 0)
            row.setSpacing(0)
            margin = self.review_margins[side] = ReviewMargin(pane)
            if side == "source":  # its scroll bar on the outer edge, not between the text and the bands
                row.addWidget(pane.outer_scroll_bar())
            row.addWidget(overview) if side == "source" else row.addWidget(margin)
            row.addWidget(pane, 1)
            row.addWidget(overview) if side == "target" else row.addWidget(margin)
            column = QVBoxLayout()
            column.setContentsMargins(0, 0, 0, 0)
            column.setSpacing(0)
            column.addWidget(title)
            column.addLayout(row, 1)
            holder = QWidget()
            holder.setLayout(column)
            self.splitter.addWidget(holder)
            if side == "source":
                strip = QVBoxLayout()
                strip.setContentsMargins(0, title.sizeHint().height(), 0, 0)
                strip.addWidget(self.link_map)
                strip_holder = QWidget()
                strip_holder.setLayout(strip)
                self.splitter.addWidget(strip_holder)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(2, 1)
        self.splitter.setSizes([700, 90, 700])
        self.legend = Legend()
        self.find_bar = FindBar(lambda: self.panes[self.leader])
        self.find_bar.hide()
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.banner = UnrelatedBanner()
        layout.addWidget(self.banner)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.find_bar)
        layout.addWidget(self.legend)
        self.setCentralWidget(central)

    def _action(self, text: str, slot, shortcut: str | QKeySequence.StandardKey | None = None,
                tip: str = "", checkable: bool = False) -> QAction:
        """An action with its shortcut and tooltip, owned by the window."""
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.setToolTip(f"{tip or text.replace('&', '')} ({action.shortcut().toString()})"
                          if shortcut is not None else tip or text.replace("&", ""))
        action.setCheckable(checkable)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        """Every command of the window."""
        a = self._action
        self.open_source_action = a("Open &original…", lambda: self.choose_file("source"), "Ctrl+O")
        self.open_target_action = a("Open &paraphrase…", lambda: self.choose_file("target"), "Ctrl+Shift+O")
        self.paste_source_action = a("Paste as original", lambda: self.paste("source"), "Ctrl+Alt+1")
        self.paste_target_action = a("Paste as paraphrase", lambda: self.paste("target"), "Ctrl+Alt+2")
        self.swap_action = a("&Swap sides", self.swap_sides, "Ctrl+Shift+S")
        self.reload_action = a("&Reload", self.reload, QKeySequence.StandardKey.Refresh)
        self.whole_pages_action = whole_pages_action(self, self.settings, self._reread_web_pages)
        self.open_tracked_action = open_tracked_action(self, self.open_pair)
        self.export_action = a("&Export report…", self.choose_report_file, "Ctrl+E",
                               "Save the report of this comparison as HTML or PDF")
        self.export_action.setEnabled(False)
        self.quit_action = a("&Quit", self.close, QKeySequence.StandardKey.Quit)
        self.next_change_action = a("Next change", lambda: self.go_change(True), "Alt+Down")
        self.prev_change_action = a("Previous change", lambda: self.go_change(False), "Alt+Up")
        self.next_unmatched_action = a("Next unmatched", lambda: self.go_unmatched(True), "Alt+Shift+Down",
                                       "Next dropped or added sentence")
        self.prev_unmatched_action = a("Previous unmatched", lambda: self.go_unmatched(False), "Alt+Shift+Up",
                                       "Previous dropped or added sentence")
        self.next_flag_action = a("Next flagged pair", lambda: self.go_flagged(True), "F8",
                                  "Next pair an editorial check points at")
        self.prev_flag_action = a("Previous flagged pair", lambda: self.go_flagged(False), "Shift+F8",
                                  "Previous pair an editorial check points at")
        self.link_action = a("&Link scrolling", self._link_toggled, "Ctrl+L", checkable=True)
        self.link_action.setChecked(True)
        self.find_action = a("&Find…", self.find_bar.open, QKeySequence.StandardKey.Find)
        self.zoom_in_action = a("Zoom &in", lambda: self.zoom(1), QKeySequence.StandardKey.ZoomIn)
        self.zoom_out_action = a("Zoom &out", lambda: self.zoom(-1), QKeySequence.StandardKey.ZoomOut)
        self.zoom_reset_action = a("&Reset zoom", lambda: self.zoom(0), "Ctrl+0")
        self.font_action = a("&Font…", self.choose_font)
        self.wrap_action = a("&Wrap lines", self._wrap_toggled, "Alt+Z", checkable=True)
        self.wrap_action.setChecked(True)
        self.cancel_action = a("Cancel alignment", self.cancel_job, "Esc")
        self.cancel_action.setEnabled(False)

    def _build_menus(self) -> None:
        """Menus and the toolbar."""
        bar = self.menuBar()
        self.file_menu = bar.addMenu("&File")
        self.file_menu.addActions([self.open_source_action, self.open_target_action, self.open_tracked_action,
                                   self.whole_pages_action])
        self.recent_menu = self.file_menu.addMenu("Recent pairs")
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        self.file_menu.addSeparator()
        self.file_menu.addActions([self.paste_source_action, self.paste_target_action, self.swap_action,
                                   self.reload_action])
        # Exports (the report) go between this separator and Quit.
        self.export_separator = self.file_menu.addSeparator()
        self.file_menu.addAction(self.export_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.quit_action)
        self.edit_menu = bar.addMenu("&Edit")
        self.edit_menu.addAction(self.find_action)
        go = bar.addMenu("&Go")
        go.addActions([self.next_change_action, self.prev_change_action, self.next_unmatched_action,
                       self.prev_unmatched_action, self.next_flag_action, self.prev_flag_action])
        self.view_menu = bar.addMenu("&View")
        self.view_menu.addActions([self.link_action, self.wrap_action])
        self.view_menu.addSeparator()
        self.view_menu.addActions([self.zoom_in_action, self.zoom_out_action, self.zoom_reset_action,
                                   self.font_action])
        colours = self.view_menu.addMenu("&Colours")
        self.palette_actions = {}
        palette_group, theme_group = QActionGroup(colours), QActionGroup(colours)  # radio items
        for name in PALETTE_NAMES:
            action = colours.addAction(make_palette(name).title)
            action.setCheckable(True)
            palette_group.addAction(action)
            action.triggered.connect(lambda _c=False, n=name: self.set_palette_name(n))
            self.palette_actions[name] = action
        colours.addSeparator()
        self.theme_actions = {}
        for theme in THEMES:
            action = colours.addAction(f"{theme.capitalize()} theme")
            action.setCheckable(True)
            theme_group.addAction(action)
            action.triggered.connect(lambda _c=False, t=theme: self.set_theme(t))
            self.theme_actions[theme] = action
        self.panels_menu = self.view_menu.addMenu("&Panels")
        toolbar = QToolBar("Navigation")
        toolbar.setObjectName("navigation_toolbar")
        toolbar.setAccessibleName("Toolbar")
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        toolbar.addActions([self.open_source_action, self.open_target_action, self.swap_action])
        toolbar.addSeparator()
        toolbar.addActions([self.prev_change_action, self.next_change_action, self.prev_unmatched_action,
                            self.next_unmatched_action])
        toolbar.addSeparator()
        toolbar.addActions([self.link_action, self.find_action])
        self.focus_actions = FocusActions(self, self.settings)
        self.focus_actions.add_to(self.view_menu, toolbar)
        self.focus_actions.changed.connect(self.set_focus)
        self.addToolBar(toolbar)
        self.panels_menu.addAction(toolbar.toggleViewAction())

    def add_dock(self, widget: QWidget, title: str, name: str,
                 area: Qt.DockWidgetArea = Qt.DockWidgetArea.RightDockWidgetArea) -> QDockWidget:
        """Dock a panel (the pair table, the checks) and list it in View ▸ Panels."""
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        dock.setAccessibleName(title)
        self.addDockWidget(area, dock)
        self.panels_menu.addAction(dock.toggleViewAction())
        return dock

    def _build_docks(self) -> None:
        """The pair table and, beside it, the checks."""
        self.pair_table = PairTable()
        self.pair_table.pair_activated.connect(self.select_pair)
        self.pairs_dock = self.add_dock(self.pair_table, "Pairs", "pairs_dock",
                                        Qt.DockWidgetArea.BottomDockWidgetArea)
        self.checks_panel = ChecksPanel()
        self.checks_panel.checkActivated.connect(self.show_check)
        self.checks_panel.flaggedOnlyToggled.connect(self._flagged_only_toggled)
        self.checks_dock = self.add_dock(self.checks_panel, "Checks", "checks_dock",
                                         Qt.DockWidgetArea.BottomDockWidgetArea)
        self.pair_detail = PairDetail()
        self.detail_dock = self.add_dock(self.pair_detail, "Pair detail", "pair_detail_dock",
                                         Qt.DockWidgetArea.BottomDockWidgetArea)
        # The pair table gets the full width (a tab beside the checks); the pair in full beside both.
        self.splitDockWidget(self.pairs_dock, self.detail_dock, Qt.Orientation.Horizontal)
        self.tabifyDockWidget(self.pairs_dock, self.checks_dock)
        self.checks_dock.raise_()

    def _build_status(self) -> None:
        """Summary figures, a progress bar with cancel while aligning, a busy bar while exporting."""
        self.summary_label = QLabel("")
        self.summary_label.setAccessibleName("Summary")
        self.progress = QProgressBar()
        self.progress.setAccessibleName("Alignment progress")
        self.progress.setRange(0, 100)
        self.progress.setFixedWidth(PROGRESS_WIDTH)
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setAccessibleName("Cancel alignment")
        self.cancel_button.clicked.connect(self.cancel_job)
        self.reading_notes = ReadingNotes()
        status = self.statusBar()
        status.addWidget(self.summary_label, 1)
        status.addPermanentWidget(self.reading_notes)  # not hidden by passing messages
        status.addPermanentWidget(self.progress)
        status.addPermanentWidget(self.cancel_button)
        self.progress.hide()
        self.cancel_button.hide()
        export_bar = QProgressBar()
        export_bar.setFixedWidth(PROGRESS_WIDTH)
        status.addPermanentWidget(export_bar)
        self.report_export = ReportExport(export_bar)
        self.report_export.done.connect(self._report_exported)

    # Settings -----------------------------------------------------------------------------

    def _restore_settings(self) -> None:
        """Geometry, splitter, palette, font, toggles from the last session."""
        s = self.settings
        geometry = s.value("geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        else:
            self._first_launch_size()
        state = s.value("window_state")
        if isinstance(state, QByteArray):
            self.restoreState(state)
        else:
            self.resizeDocks([self.checks_dock], [BOTTOM_DOCKS], Qt.Orientation.Vertical)
        splitter = s.value("splitter")
        if isinstance(splitter, QByteArray):
            self.splitter.restoreState(splitter)
        self.palette_name = s.value("palette", "default", str)
        self.theme = s.value("theme", "system", str)
        font = QFont("DejaVu Serif", 11)
        stored = s.value("font", "", str)
        if stored:
            font.fromString(stored)
        self.set_text_font(font)
        self.link_action.setChecked(s.value("linked", True, bool))
        self.wrap_action.setChecked(s.value("wrap", True, bool))
        self._wrap_toggled()
        self.apply_palette()
        self.set_focus(self.focus_actions.focus)

    def _first_launch_size(self) -> None:
        """A window of about 80 % of the screen, centred, until the user gives it a size."""
        screen = self.screen().availableGeometry()
        self.resize(round(screen.width() * FIRST_SIZE), round(screen.height() * FIRST_SIZE))
        self.move(screen.center() - self.rect().center())

    def save_settings(self) -> None:
        """Remember the window for next time."""
        s = self.settings
        s.set("geometry", self.saveGeometry())
        s.set("window_state", self.saveState())
        s.set("splitter", self.splitter.saveState())
        s.set("palette", self.palette_name)
        s.set("theme", self.theme)
        s.set("font", self.text_font.toString())
        s.set("linked", self.link_action.isChecked())
        s.set("wrap", self.wrap_action.isChecked())
        s.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        """Save settings and stop any running job."""
        self.save_settings()
        self.review.flush()
        # A file changed just before closing must not start a reload in a closed window.
        self._reload_timer.stop()
        self._watcher.blockSignals(True)
        self.links.close()
        self.session.close()
        super().closeEvent(event)

    # Appearance ---------------------------------------------------------------------------

    def set_palette_name(self, name: str) -> None:
        """Switch between the default and the colour-blind-safe palette."""
        self.palette_name = name
        self.apply_palette()

    def set_theme(self, theme: str) -> None:
        """Follow the system, or force light or dark."""
        self.theme = theme
        self.apply_palette()

    def apply_palette(self) -> None:
        """Recolour everything with the chosen palette in the current light/dark mode."""
        dark = is_dark(self.theme)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_theme(app, dark)
        palette = make_palette(self.palette_name, dark)
        for side in SIDES:
            self.panes[side].set_palette(palette)
            self.overviews[side].palette_ = palette
            self.overviews[side].refresh()
        self.link_map.palette_ = palette
        self.link_map.update()
        self.legend.set_palette(palette)
        self.pair_detail.set_palette(palette)
        self.banner.set_palette(palette)
        self.reading_notes.set_palette(palette)
        self.pair_table.set_palette(palette)
        self.checks_panel.set_palette(palette)
        for name, action in self.palette_actions.items():
            action.setChecked(name == self.palette_name)
        for theme, action in self.theme_actions.items():
            action.setChecked(theme == self.theme)

    def set_text_font(self, font: QFont) -> None:
        """Use a font for both texts."""
        self.text_font = font
        for pane in self.panes.values():
            pane.setFont(font)

    def choose_font(self) -> None:
        """Pick the text font."""
        ok, font = QFontDialog.getFont(self.text_font, self, "Text font")
        if ok:
            self.set_text_font(font)

    def zoom(self, step: int) -> None:
        """Make both texts larger or smaller; 0 goes back to the chosen font."""
        if step == 0:
            self.set_text_font(self.text_font)
            return
        for pane in self.panes.values():
            pane.zoomIn(step)

    def _wrap_toggled(self) -> None:
        """Wrap lines at the pane width, or not."""
        wrap = self.wrap_action.isChecked()
        mode = TextPane.LineWrapMode.WidgetWidth if wrap else TextPane.LineWrapMode.NoWrap
        for pane in self.panes.values():
            pane.setLineWrapMode(mode)

    def _link_toggled(self) -> None:
        """Re-synchronise when scrolling is linked again."""
        if self.link_action.isChecked():
            self._synced = None
            self._pane_scrolled(self.leader)

    # Files --------------------------------------------------------------------------------

    def ask_path(self, side: Side) -> str:
        """Ask for a file for one side: its path, or "" when the user cancels."""
        current = self.docs[side]
        start = str(Path(current.path).parent) if current is not None and current.path else ""
        return QFileDialog.getOpenFileName(self, f"Open {SIDE_NAMES[side]}", start, FILE_FILTER)[0]

    def choose_file(self, side: Side) -> None:
        """Ask for a file for one side and open it."""
        if path := self.ask_path(side):
            self.open_side(side, path)

    def open_side(self, side: Side, item: Source) -> None:
        """Replace one side, keeping the other."""
        other = other_side(side)
        pair: dict[Side, Source] = {side: item, other: self.docs[other]}
        self.open_pair(pair["source"], pair["target"])

    def paste(self, side: Side) -> None:
        """Use the clipboard's text as one side."""
        text = QApplication.clipboard().text()
        if not text.strip():
            self.show_error("The clipboard holds no text to paste.")
            return
        self.open_side(side, document_from_text(text))

    def swap_sides(self) -> None:
        """Make the paraphrase the original and the original the paraphrase."""
        self.open_pair(self.docs["target"], self.docs["source"])

    def reload(self) -> None:
        """Read both files again, keeping the reading position."""
        self.open_pair(source_of(self.docs["source"]), source_of(self.docs["target"]), keep_position=True)

    def _reread_web_pages(self) -> None:
        """Read the pair again when a web page is on show, now that pages are read another way."""
        if any(doc is not None and doc.format == "html" for doc in self.docs.values()):
            self.reload()

    def _fill_recent_menu(self) -> None:
        """List the recent pairs."""
        self.recent_menu.clear()
        for source, target in self.settings.recent_pairs():
            action = self.recent_menu.addAction(f"{Path(source).name} ↔ {Path(target).name}")
            action.setToolTip(f"{source}\n{target}")
            action.triggered.connect(lambda _c=False, a=source, b=target: self.open_pair(a, b))
        self.recent_menu.setEnabled(True)

    def _watch(self) -> None:
        """Watch exactly the files on show."""
        if self._watcher.files():
            self._watcher.removePaths(self._watcher.files())
        paths = [doc.path for doc in self.docs.values() if doc is not None and doc.path]
        if paths:
            self._watcher.addPaths([p for p in paths if Path(p).exists()])

    # The job ------------------------------------------------------------------------------

    def open_pair(self, source: Source, target: Source, keep_position: bool = False) -> None:
        """Load and align two documents in the background; the current ones stay until they load."""
        self.session.open(source, target, keep_position)

    def cancel_job(self) -> None:
        """Stop the running alignment; the documents shown before it stay."""
        self.session.cancel()

    def _start_job(self, job_id: int, source: Source, target: Source) -> AlignJob:
        """Start a job whose signals all go to the session, tagged with ``job_id``."""
        job = AlignJob(job_id, source, target, html=reading(self.whole_pages_action))
        s = self.session
        job.loaded.connect(s.loaded)
        job.loaded.connect(lambda *_: job.texts_shown())  # after s.loaded has drawn them: align now
        job.progressed.connect(s.progressed)
        job.succeeded.connect(s.aligned)
        job.succeeded.connect(lambda *_: self._colours_on_screen(job))
        job.summarized.connect(s.summarized)
        job.checked.connect(s.checked)
        job.failed.connect(s.failed)
        job.cancelled.connect(s.cancelled)
        job.ended.connect(s.finished)
        job.start()
        return job

    def _colours_on_screen(self, job: AlignJob) -> None:
        """Paint the colours the session has just shown, then let the job sum them up: both would share
        the interpreter."""
        self.repaint()
        job.colours_shown()

    # The session's view (see viewer.controller.View) ---------------------------------------

    def show_documents(self, shown: Shown) -> None:
        """Put the texts on screen, without any alignment."""
        self._show_marks(None, None)
        for side in SIDES:
            doc = shown.document(side)
            pane = self.panes[side]
            text = doc.text if doc is not None else ""
            if text != self._texts[side]:
                pane.show_text(text)
                pane.viewport().repaint()  # on screen now, before the alignment takes the interpreter
                self._texts[side] = text
            name = side_name(doc) if doc is not None else "(none)"
            self.titles[side].setText(f"{SIDE_NAMES[side].capitalize()}: {name}")
            self.titles[side].setToolTip(doc.path if doc is not None else "")
        self.setWindowTitle(window_title(shown.source, shown.target))
        self.reading_notes.show_for({SIDE_NAMES[side]: shown.document(side) for side in SIDES})

    def show_alignment(self, shown: Shown) -> None:
        """Colour, link and list an alignment of the documents on show, and its checks."""
        self._show_marks(shown.alignment, shown.marks)
        self.pair_table.set_alignment(shown.alignment)
        self.pair_detail.set_alignment(shown.alignment, [])
        self.banner.show_for(shown.alignment)
        self.show_checks(shown)
        self.export_action.setEnabled(shown.alignment is not None and not self.report_export.running)
        self.show_summary(shown.summary if shown.alignment is not None else "")

    def show_summary(self, summary: str) -> None:
        """The summary line of the alignment on show, in the status bar."""
        self.summary_label.setText(summary)

    def _show_marks(self, alignment: Alignment | None, marks: dict[Side, SideMarks] | None) -> None:
        """Colour the panes, the maps and the band strip for an alignment, or for none."""
        self.current_pair = None
        self._synced = None
        for side in SIDES:
            self.panes[side].set_alignment(alignment, marks[side] if marks else None)
            self.overviews[side].refresh()
        self.link_map.alignment = alignment
        self.link_map.current_pair = None
        self.link_map.update()

    def show_checks(self, shown: Shown) -> None:
        """List the checks of the alignment on show and flag their sentences in the gutters."""
        if shown.marks is not None:
            for side in SIDES:
                self.panes[side].set_marks(shown.marks[side])
        self.review.list_checks(shown.checks)
        self.pair_detail.set_alignment(shown.alignment, shown.checks)
        for pane in self.panes.values():
            pane.set_checks(shown.checks)
        self.pair_table.set_flagged(frozenset(self.checks_panel.flagged_pairs()))
        self._flagged_only_toggled(self.checks_panel.flagged_only.isChecked())

    def set_checks_note(self, text: str) -> None:
        """Say in the checks panel what became of the checks."""
        self.checks_panel.count.setText(text)

    def show_progress(self, fraction: float, label: str) -> None:
        """Name the phase running and say how far the job is (busy below 0), in words that fit the bar."""
        busy = fraction < 0
        self.progress.setRange(0, 0 if busy else 100)
        self.progress.setValue(0 if busy else round(fraction * 100))
        percent = "" if busy or fraction == 0 else f" {self.progress.value()}%"
        room = PROGRESS_WIDTH - PROGRESS_PADDING
        metrics = self.progress.fontMetrics()
        name = metrics.elidedText(f"{label}…", Qt.TextElideMode.ElideRight,
                                  room - metrics.horizontalAdvance(percent))
        self.progress.setFormat(name + percent)

    def set_running(self, running: bool) -> None:
        """Show the progress bar and the cancel controls while a job runs."""
        self.progress.setVisible(running)
        self.cancel_button.setVisible(running)
        self.cancel_action.setEnabled(running)
        if not running:
            self.job_finished.emit()

    def reading_positions(self) -> dict[Side, int]:
        """The offset at the top of each pane."""
        return {side: self.panes[side].top_offset() for side in SIDES}

    def scroll_to(self, positions: dict[Side, int]) -> None:
        """Scroll both panes back to given offsets, without letting them follow each other."""
        self._syncing = True
        try:
            for side, offset in positions.items():
                self.panes[side].scroll_to_offset(offset, 0)
        finally:
            self._syncing = False

    def alignment_shown(self) -> None:
        """Remember the pair on show, watch its files and say it is ready."""
        source, target = self.docs["source"], self.docs["target"]
        if source is not None and target is not None and source.path and target.path and not source.tracked:
            self.settings.add_recent_pair(source.path, target.path)
        self._watch()
        self.review.alignment_shown()
        self.alignment_ready.emit()

    def show_status(self, message: str) -> None:
        """A passing note in the status bar."""
        self.statusBar().showMessage(message, 4000)

    def choose_report_file(self) -> None:
        """Ask where to save the report, then write it as HTML or PDF."""
        if self.alignment is None:
            return
        source = self.alignment.source
        start = str(Path(source.path).with_suffix(".report.html")) if source.path else ""
        path, chosen = QFileDialog.getSaveFileName(self, "Export report", start, ";;".join(REPORT_FILTERS))
        if not path:
            return
        self.export_action.setEnabled(False)
        review = self.review.review
        out = report_path(path, chosen)
        self.report_export.start(self.alignment, self.checks, out, None if review.empty else review)

    def _report_exported(self, path: str, error: str) -> None:
        """Say where the report went, or why it did not."""
        self.export_action.setEnabled(self.alignment is not None)
        if error:
            self.show_error(error)
        else:
            self.statusBar().showMessage(f"Report saved to {path}", 6000)
        self.report_exported.emit()

    def show_error(self, message: str) -> None:
        """A dialog with a message fit for a person."""
        QMessageBox.critical(self, "paralign", message)

    # Selection, scrolling, navigation -----------------------------------------------------

    def _set_leader(self, side: Side) -> None:
        """The pane under the mouse (or with the focus) leads the scrolling."""
        self.leader = side

    def eventFilter(self, watched, event) -> bool:  # noqa: ANN001 - Qt's signature
        """A pane that takes the keyboard focus leads the scrolling."""
        if event.type() == event.Type.FocusIn and isinstance(watched, TextPane):
            self.leader = watched.side
        return super().eventFilter(watched, event)

    def _pane_scrolled(self, side: Side) -> None:
        """Let the other pane follow the leading one through the alignment."""
        if self._syncing or side != self.leader or not self.link_action.isChecked() or self.alignment is None:
            return
        other = other_side(side)
        pane = self.panes[side]
        centre = pane.centre_offset()
        synced = (side, centre, self.panes[other].viewport().height())
        if synced == self._synced:
            # Its lines were numbered anew (blocks above laid out), it did not move: on a book's jump
            # that came a dozen times, each scrolling and laying out the other pane again.
            return
        self._synced = synced
        target = partner_offset(self.alignment, side, centre)
        self._syncing = True
        try:
            self.panes[other].scroll_to_offset(target)
        finally:
            self._syncing = False

    def _cursor_moved(self, side: Side) -> None:
        """Select the pair under the text cursor."""
        if self._syncing or self.alignment is None:
            return
        pair = self.alignment.pair_at(side, self.panes[side].cursor_offset())
        if pair is not None and pair != self.current_pair:
            self.select_pair(pair, origin=side)

    def select_pair(self, pair: int, origin: Side | None = None) -> None:
        """Make a pair current: outline it on both sides and scroll its parts into view."""
        if self.alignment is None:
            return
        self.current_pair = pair
        self._syncing = True
        try:
            for side in SIDES:
                pane = self.panes[side]
                pane.set_current_pair(pair)
                if pane.flag_spans and self.session.flag_pair != pair:
                    pane.set_flag_spans([])
                span = self.alignment.span(side, pair)
                gap = pane.gap_at(pair) if span is None else None
                span = (gap, gap) if gap is not None else span  # a dropped sentence: where it would stand
                if span is None or side == origin:
                    continue
                pane.ensure_offset_visible(*span)
                if origin is None and side == self.leader:
                    pane.select_offset(span[0])
            self.link_map.current_pair = pair
            self.link_map.update()
            self.pair_table.select_pair(pair)
            self.pair_detail.set_pair(pair)
        finally:
            self._syncing = False

    def show_check(self, index: int) -> None:
        """Select a check's pair and mark the text it points at on both sides."""
        if self.alignment is None:
            return
        check = self.checks_panel.check(index)
        self.session.flag_pair = check.pair
        self.select_pair(check.pair)
        for side, span in (("source", check.source), ("target", check.target)):
            pane = self.panes[side]
            pane.set_flag_spans([span] if span is not None else [])
            if span is not None:
                pane.ensure_offset_visible(*span)

    def _flagged_only_toggled(self, only: bool) -> None:
        """List only the pairs some check points at, or all pairs again."""
        self.pair_table.show_only(frozenset(self.checks_panel.flagged_pairs()) if only else None)

    def set_focus(self, focus: Focus) -> None:
        """Mark words as a focus mode asks, in both panes."""
        for pane in self.panes.values():
            pane.set_focus(focus)

    def go_change(self, forward: bool) -> None:
        """Jump to the next or previous pair that matters in the focus mode, and say where that is."""
        if self.alignment is None:
            return
        focus, current = self.focus_actions.focus, self.current_pair
        found = next_change(self.alignment, current, forward, focus)
        if found is not None:
            self.select_pair(found)
        self.statusBar().showMessage(change_message(self.alignment, found, current, forward, focus), 6000)

    def go_flagged(self, forward: bool) -> None:
        """Jump to the next or previous pair some check points at, select its check, mark its words."""
        if self.alignment is None:
            return
        found = next_flagged(self.alignment, self.checks_panel.flagged_pairs(), self.current_pair, forward)
        if found is None:
            self.statusBar().showMessage(f"No flagged pair {'after' if forward else 'before'} this one", 6000)
            return
        index = self.checks_panel.select_check_of(found)
        if index is None:
            self.select_pair(found)
        else:
            self.show_check(index)

    def go_unmatched(self, forward: bool) -> None:
        """Jump to the next or previous dropped or added sentence."""
        self._go(next_unmatched, forward)

    def _go(self, find: Callable[[Alignment, int | None, bool], int | None], forward: bool) -> None:
        """Select the pair a navigation rule finds from the current one, if any."""
        if self.alignment is None:
            return
        found = find(self.alignment, self.current_pair, forward)
        if found is not None:
            self.select_pair(found)

