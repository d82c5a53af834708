"""Starting the window: arguments, the QApplication, and the offscreen --screenshot mode."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from importlib.resources import files
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QEventLoop,
    QMessageLogContext,
    QSize,
    QTimer,
    QtMsgType,
    qInstallMessageHandler,
)
from PySide6.QtWidgets import QApplication

from alignment.model import Side
from alignment.session import SUFFIX
from viewer import desktop
from viewer.icon import ICON_NAME, app_icon
from viewer.main_window import MainWindow
from viewer.open_formats import tracked_pair
from viewer.screen import missing_screen

ORGANISATION = "paralign"
# Qt's offscreen platform (every --screenshot) warns that it cannot resize to size hints: it never
# has to, so the warning says nothing to the user.
IGNORED_QT_MESSAGES = frozenset({"This plugin does not support propagateSizeHints()"})
TRACKED_SUFFIXES = (".docx", ".odt")
"""One such file alone opens as its text before its tracked changes ↔ after them."""
MAX_FILES = 2


def parse_args(argv: list[str]) -> argparse.Namespace:
    """The window's command line."""
    parser = argparse.ArgumentParser(
        prog="paralign",
        usage="paralign [ORIGINAL PARAPHRASE | EDITED.docx | REVIEW.paralign] [options]",
        description="Show an original and its paraphrase side by side, sentence by sentence.",
        epilog="Without the window: paralign align|check|report ORIGINAL PARAPHRASE "
        "(see paralign align --help).",
    )
    parser.add_argument("files", nargs="*", metavar="FILE",
                        help="the original and its paraphrase; one .docx/.odt alone: before and after its "
                        "tracked changes; one .paralign: a saved review; one other file: the original, the "
                        "paraphrase asked for (default: a bundled sample)")
    parser.add_argument("--screenshot", metavar="PNG", help="render the window to a PNG and exit")
    parser.add_argument("--size", default="1600x1000", help="window size as WIDTHxHEIGHT (default 1600x1000)")
    parser.add_argument("--palette", choices=("default", "okabe-ito"), help="colour palette")
    parser.add_argument("--theme", choices=("system", "light", "dark"), help="light or dark")
    parser.add_argument("--install-desktop", action="store_true",
                        help="add paralign to the desktop's menus and 'Open with' lists (under "
                        "$XDG_DATA_HOME, else ~/.local/share) and exit")
    parser.add_argument(desktop.ASK_FLAG, action="store_true",
                        help="with no file, ask for the original and its paraphrase instead of opening the "
                        "sample (the desktop's menu entry does)")
    args = parser.parse_args(argv)
    if len(args.files) > MAX_FILES:
        parser.error(f"paralign compares two documents; {len(args.files)} files were given")
    try:
        width, height = (int(x) for x in args.size.lower().split("x"))
    except ValueError:
        parser.error(f"--size must look like 1600x1000, not {args.size!r}")
    args.size = QSize(width, height)
    return args


def open_files(window: MainWindow, paths: list[str], ask: Callable[[Side], str] | None, menu: bool) -> None:
    """Open what the window was started with, asking (when it may) for what is missing.

    No file: the sample, or both documents asked for when started from the menu; one review: it;
    one .docx or .odt: its tracked changes; one other file: the original, its paraphrase asked for.
    """
    if len(paths) == MAX_FILES:
        window.open_pair(*paths)
    elif not paths:
        if ask is None or not menu:
            window.open_pair(*sample_pair())
        elif source := ask("source"):
            window.open_pair(source, ask("target") or None)
    elif paths[0].endswith(SUFFIX):
        window.review.open_session(Path(paths[0]))
    elif ask is None or paths[0].lower().endswith(TRACKED_SUFFIXES):
        window.open_pair(*tracked_pair(paths[0]))
    else:
        window.open_pair(paths[0], ask("target") or None)


def sample_pair() -> tuple[str, str]:
    """The bundled sample original and paraphrase."""
    resources = files("resources")
    return str(resources / "original.txt"), str(resources / "paraphrase.txt")


def qt_message(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    """Qt's log on stderr as Qt prints it, less the messages that only are noise."""
    if message in IGNORED_QT_MESSAGES:
        return
    category = context.category if context.category and context.category != "default" else ""
    print(f"{category}: {message}" if category else message, file=sys.stderr)


def make_application(argv: list[str]) -> QApplication:
    """The QApplication, named so settings have a home, with its icon and desktop entry."""
    qInstallMessageHandler(qt_message)
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication([sys.argv[0], *argv])
    QCoreApplication.setOrganizationName(ORGANISATION)
    QCoreApplication.setApplicationName("paralign")
    app.setApplicationDisplayName("paralign")
    # Wayland matches the window to its menu entry (and so its icon) by this name.
    app.setDesktopFileName(ICON_NAME)
    app.setWindowIcon(app_icon())
    return app


def wait_for_job(window: MainWindow) -> None:
    """Run the event loop until the window's current job has finished."""
    loop = QEventLoop()
    window.job_finished.connect(loop.quit)
    loop.exec()


def screenshot(window: MainWindow, path: str) -> int:
    """Render the window, with the first change and the first check selected, to a PNG."""
    window.go_change(True)
    panel = window.checks_panel
    if panel.proxy.rowCount():
        panel.view.setCurrentIndex(panel.proxy.index(0, 0))
        panel.view.activated.emit(panel.proxy.index(0, 0))
    QApplication.processEvents()
    window.panes["source"].verticalScrollBar().setValue(0)
    QApplication.processEvents()
    if not window.grab().save(path):
        print(f"paralign: cannot write {path}", file=sys.stderr)
        return 1
    return 0


def main(argv: list[str]) -> int:
    """Open the window on two documents (or the sample); with --screenshot, save a PNG and exit."""
    args = parse_args(argv)
    if args.install_desktop:
        return desktop.main()
    if args.screenshot:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    elif reason := missing_screen():
        # Qt itself would abort here (exit 134) blaming a library that is installed.
        print(f"paralign: {reason}", file=sys.stderr)
        return 2
    app = make_application(argv)
    window = MainWindow()
    if args.palette:
        window.set_palette_name(args.palette)
    if args.theme:
        window.set_theme(args.theme)
    if args.screenshot:
        window.resize(args.size)
        errors: list[str] = []
        window.show_error = errors.append
        window.show()
        open_files(window, args.files, None, menu=False)
        wait_for_job(window)
        if errors:
            print(f"paralign: {errors[0]}", file=sys.stderr)
            return 1
        return screenshot(window, args.screenshot)
    window.show()
    # Once the window is on screen, so that an open dialog comes up over it.
    QTimer.singleShot(0, lambda: open_files(window, args.files, window.ask_path, args.open_dialog))
    return app.exec()
