"""What the engine's workers share: messages sent to a worker by a thread of their own, and a lower
priority for a worker whose work can wait."""

from __future__ import annotations

import os
import queue
import sys
from collections.abc import Callable
from typing import Any


def write(send: Callable[[Any], object], outbox: queue.SimpleQueue) -> None:
    """In a thread: send each message of ``outbox`` in turn, until None or the worker is gone.  The pipe
    takes a message only as fast as the worker (perhaps still starting, or gathering ahead) reads it:
    nobody else waits for that."""
    while (message := outbox.get()) is not None:
        try:
            send(message)
        except (OSError, TypeError, ValueError):  # closed under it: the worker was dropped
            return


BACKGROUND_NICENESS = 10
"""How far a worker whose work can wait lowers its priority on POSIX: about a tenth of a busy core while
the engine and its embedding worker want both.  On the dev Bible the window's colours came 0.3-0.5 s
later at niceness 5 and 7, and its checks no sooner: they wait for the cores either way."""
_BELOW_NORMAL_PRIORITY_CLASS = 0x4000
"""Windows' priority class under normal (SetPriorityClass)."""


def lower_priority() -> None:
    """Run this process at a lower priority: it takes the cores only when nothing more urgent wants them."""
    if hasattr(os, "nice"):
        os.nice(BACKGROUND_NICENESS)
    elif sys.platform == "win32":  # a failure leaves the priority as it was: only the order of work changes
        import ctypes
        from ctypes import wintypes

        kernel32 = ctypes.WinDLL("kernel32")
        # Handles are pointers: declared, not left to ctypes' default of a C int, which cuts them.
        kernel32.GetCurrentProcess.restype = wintypes.HANDLE
        kernel32.SetPriorityClass.argtypes = (wintypes.HANDLE, wintypes.DWORD)
        kernel32.SetPriorityClass(kernel32.GetCurrentProcess(), _BELOW_NORMAL_PRIORITY_CLASS)
