"""Without a screen the window is refused in one line before Qt starts; --screenshot still works, quietly."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import SEED
from PySide6.QtGui import QImage

from viewer.screen import NO_X11_CURSOR, X11_CURSOR_LIBRARY, loadable, missing_screen

ROOT = Path(__file__).resolve().parents[2]


def _headless_env() -> dict[str, str]:
    """This environment as on a server: no display of any kind, and nothing telling Qt where to draw."""
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env["PYTHONPATH"] = str(ROOT)
    return env


def _launch(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "viewer.launch", *args], env=_headless_env(), cwd=ROOT,
                          capture_output=True, text=True, timeout=120)


def test_window_without_a_screen_says_what_to_do_in_one_line() -> None:
    done = _launch(*map(str, SEED))
    assert done.returncode == 2
    assert done.stdout == ""
    lines = done.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("paralign: ")
    assert "--screenshot" in lines[0] and "desktop session" in lines[0]


def test_screenshot_needs_no_screen_and_prints_no_qt_noise(tmp_path: Path) -> None:
    out = tmp_path / "shot.png"
    done = _launch(*map(str, SEED), "--screenshot", str(out), "--size", "900x600")
    assert done.returncode == 0, done.stderr
    assert "propagateSizeHints" not in done.stderr
    assert QImage(str(out)).width() == 900


def _has(library: str) -> bool:
    return True


def _lacks(library: str) -> bool:
    return False


def test_macos_and_windows_always_have_a_screen() -> None:
    assert missing_screen({}, "darwin", _lacks) is None
    assert missing_screen({}, "win32", _lacks) is None


def test_linux_has_a_screen_when_a_display_or_a_platform_is_named() -> None:
    assert missing_screen({}, "linux", _has) is not None
    assert missing_screen({"DISPLAY": ""}, "linux", _has) is not None
    assert missing_screen({"DISPLAY": ":0"}, "linux", _has) is None
    assert missing_screen({"WAYLAND_DISPLAY": "wayland-0"}, "linux", _lacks) is None
    assert missing_screen({"QT_QPA_PLATFORM": "offscreen"}, "linux", _lacks) is None


def test_x11_without_qts_cursor_library_names_the_package_to_install() -> None:
    asked: list[str] = []

    def lacks(library: str) -> bool:
        asked.append(library)
        return False

    assert missing_screen({"DISPLAY": ":0"}, "linux", lacks) == NO_X11_CURSOR
    assert asked == [X11_CURSOR_LIBRARY] and "libxcb-cursor0" in NO_X11_CURSOR


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="names Linux libraries")
def test_the_loader_probe_tells_present_from_absent() -> None:
    assert loadable("libc.so.6")
    assert not loadable("libparalign-no-such-library.so.0")
