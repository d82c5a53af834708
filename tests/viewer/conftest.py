"""Offscreen Qt, isolated settings, and small hand-made alignments for the viewer tests."""

from __future__ import annotations

import os
import threading
import types

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtGui import QTextCursor  # noqa: E402

import viewer.jobs  # noqa: E402
from alignment import Alignment, Change, Kind, Op, Pair, Sentence, document_from_text  # noqa: E402
from viewer.main_window import MainWindow  # noqa: E402
from viewer.settings import Settings  # noqa: E402
from viewer.text_pane import TextPane  # noqa: E402

DATA = Path(__file__).resolve().parents[1] / "data"
SEED = (DATA / "seed.src.txt", DATA / "seed.tgt.txt")


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every QSettings of the test writes under its own temporary folder, autosaved reviews too."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    return tmp_path / "settings"


@pytest.fixture
def settings_file(tmp_path: Path) -> Path:
    """The ini file one test's windows share."""
    return tmp_path / "paralign.ini"


def make_window(qtbot, settings_file: Path) -> MainWindow:
    """A shown window with settings in a test file."""
    window = MainWindow(Settings(QSettings(str(settings_file), QSettings.Format.IniFormat)))
    qtbot.addWidget(window)
    window.resize(1200, 800)
    window.show()
    return window


def open_and_wait(qtbot, window: MainWindow, source, target) -> None:
    """Open a pair and wait until its job has finished."""
    with qtbot.waitSignal(window.job_finished, timeout=20000):
        window.open_pair(source, target)


def window_showing(
    qtbot, settings_file: Path, monkeypatch: pytest.MonkeyPatch, alignment: Alignment
) -> MainWindow:
    """A shown window that has opened ``alignment``'s documents and shows ``alignment`` itself."""
    monkeypatch.setattr(viewer.jobs, "align", lambda *a, **k: alignment)
    window = make_window(qtbot, settings_file)
    open_and_wait(qtbot, window, alignment.source, alignment.target)
    return window


@pytest.fixture
def seed_copies(tmp_path: Path) -> tuple[Path, Path]:
    """Copies of the seed pair that a test may edit."""
    out = []
    for p in SEED:
        q = tmp_path / p.name
        q.write_bytes(p.read_bytes())
        out.append(q)
    return out[0], out[1]


@pytest.fixture
def window(qtbot, settings_file: Path) -> MainWindow:
    """A window showing the seed pair, aligned."""
    win = make_window(qtbot, settings_file)
    open_and_wait(qtbot, win, *map(str, SEED))
    return win


def formatted_texts(pane: TextPane, role: str) -> list[str]:
    """The texts a role's colour covers in the formatted blocks, read back through Qt's own positions."""
    pane.viewport().repaint()
    colour = pane.palette_.color(role)
    out = []
    block = pane.document().begin()
    while block.isValid():
        for fr in block.layout().formats():
            if fr.format.background().color() == colour:
                cursor = QTextCursor(pane.document())
                cursor.setPosition(block.position() + fr.start)
                cursor.setPosition(block.position() + fr.start + fr.length, QTextCursor.MoveMode.KeepAnchor)
                out.append(cursor.selectedText())
        block = block.next()
    return out


def hand_alignment(n: int = 6, moved: bool = True, prefix: str = "") -> Alignment:
    """Original sentences S0..Sn-1; the paraphrase rewords S1, drops S2, adds one, and moves S4 first.

    Every sentence starts with ``prefix`` (an emoji, say)."""
    src_parts = [f"{prefix}Source sentence number {i} says something." for i in range(n)]
    tgt_parts = [
        f"{prefix}Source sentence number 4 says something.",
        f"{prefix}Source sentence number 0 says something.",
        f"{prefix}Source sentence number 1 states something.",
        f"{prefix}A brand new sentence appears.",
        f"{prefix}Source sentence number 3 says something.",
        *[f"{prefix}Source sentence number {i} says something." for i in range(5, n)],
    ]
    src_text, tgt_text = " ".join(src_parts), " ".join(tgt_parts)
    src = document_from_text(src_text, "src.txt")
    tgt = document_from_text(tgt_text, "tgt.txt")

    def sentences(parts: list[str]) -> tuple[Sentence, ...]:
        out, pos = [], 0
        for part in parts:
            out.append(Sentence(pos, pos + len(part), 0))
            pos += len(part) + 1
        return tuple(out)

    ss, ts = sentences(src_parts), sentences(tgt_parts)
    word = src_text.index("says", ss[1].start)
    tword = tgt_text.index("states", ts[2].start)
    reword = Change(Op.REPLACE, (word, word + 4), (tword, tword + 6))
    pairs = [
        Pair((0,), (1,), Kind.SAME, False, 1.0),
        Pair((1,), (2,), Kind.CHANGED, False, 0.8, (reword,)),
        Pair((2,), (), Kind.DELETED, False, 0.0),
        Pair((), (3,), Kind.ADDED, False, 0.0),
        Pair((3,), (4,), Kind.SAME, False, 1.0),
        Pair((4,), (0,), Kind.SAME, moved, 1.0),
        *[Pair((i,), (i,), Kind.SAME, False, 1.0) for i in range(5, n)],
    ]
    return Alignment(src, tgt, ss, ts, tuple(pairs))


class BusyLock:
    """The lock of a worker another run holds: a wait for it that no cancel can end is counted, and fails."""

    def __init__(self) -> None:
        self.unbounded = 0

    def acquire(self, blocking: bool = True, timeout: float = -1) -> bool:
        if blocking and timeout < 0:
            self.unbounded += 1
            raise AssertionError("waited for the worker's lock without looking at the cancel")
        threading.Event().wait(max(timeout, 0.0))
        return False

    def __enter__(self) -> bool:
        return self.acquire()

    def __exit__(self, *exc: types.TracebackType | None) -> None:
        raise AssertionError("never acquired")
