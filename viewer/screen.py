"""Whether a window can open here, decided from the environment before Qt starts."""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping

# Qt on these platforms draws through the system's own window server, which is always there.
NATIVE_SCREEN_PLATFORMS = ("darwin", "win32", "cygwin")

NO_SCREEN = (
    "no screen to open the window on (neither DISPLAY nor WAYLAND_DISPLAY is set): "
    "run paralign in a desktop session, or save the window as a picture with --screenshot out.png"
)


def missing_screen(environ: Mapping[str, str] | None = None, platform: str | None = None) -> str | None:
    """Why no window can open here, or None when one can (or Qt was told where to draw)."""
    env = os.environ if environ is None else environ
    if (platform or sys.platform).startswith(NATIVE_SCREEN_PLATFORMS):
        return None
    if env.get("QT_QPA_PLATFORM") or env.get("DISPLAY") or env.get("WAYLAND_DISPLAY"):
        return None
    return NO_SCREEN
