"""Whether a window can open here, decided from the environment before Qt starts."""

from __future__ import annotations

import ctypes
import os
import sys
from collections.abc import Callable, Mapping

# Qt on these platforms draws through the system's own window server, which is always there.
NATIVE_SCREEN_PLATFORMS = ("darwin", "win32", "cygwin")
# Qt's X11 plugin needs this library since Qt 6.5 and the Qt wheels do not ship it; many systems lack
# it (stock Ubuntu 22.04 among them), and then Qt aborts (exit 134) after four lines about plugins.
X11_CURSOR_LIBRARY = "libxcb-cursor.so.0"

NO_SCREEN = (
    "no screen to open the window on (neither DISPLAY nor WAYLAND_DISPLAY is set): "
    "run paralign in a desktop session, or save the window as a picture with --screenshot out.png"
)
NO_X11_CURSOR = (
    f"Qt needs {X11_CURSOR_LIBRARY} to open a window on X11, and this system lacks it: install it "
    "(Debian/Ubuntu: sudo apt install libxcb-cursor0; Fedora: sudo dnf install xcb-util-cursor), "
    "or save the window as a picture with --screenshot out.png"
)


def loadable(library: str) -> bool:
    """Whether the dynamic loader finds a shared library, as it would for Qt's plugin."""
    try:
        ctypes.CDLL(library)
    except OSError:
        return False
    return True


def missing_screen(environ: Mapping[str, str] | None = None, platform: str | None = None,
                   can_load: Callable[[str], bool] = loadable) -> str | None:
    """Why no window can open here, or None when one can (or Qt was told where to draw)."""
    env = os.environ if environ is None else environ
    if (platform or sys.platform).startswith(NATIVE_SCREEN_PLATFORMS) or env.get("QT_QPA_PLATFORM"):
        return None
    if env.get("WAYLAND_DISPLAY"):
        return None
    if not env.get("DISPLAY"):
        return NO_SCREEN
    return None if can_load(X11_CURSOR_LIBRARY) else NO_X11_CURSOR
