"""What the engine's workers share: a lower priority for a worker whose work can wait."""

from __future__ import annotations

import ctypes
import os
import sys
from collections.abc import Callable
from typing import Any

import pytest

from alignment.workers import lower_priority


class _Function:
    """A stand-in for a ctypes function: its declared types, and a body."""

    def __init__(self, body: Callable[..., Any]) -> None:
        self.body, self.restype, self.argtypes = body, None, None

    def __call__(self, *args: Any) -> Any:
        return self.body(*args)


def test_on_windows_a_worker_asks_for_the_below_normal_class_with_handles_declared(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls: list[tuple[Any, ...]] = []
    kernel32 = type("Kernel32", (), {})()
    kernel32.GetCurrentProcess = _Function(lambda: "this process")
    kernel32.SetPriorityClass = _Function(lambda *args: calls.append(args) or 1)
    monkeypatch.delattr(os, "nice", raising=False)
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setattr(ctypes, "WinDLL", {"kernel32": kernel32}.get, raising=False)
    lower_priority()
    assert calls == [("this process", 0x4000)]  # BELOW_NORMAL_PRIORITY_CLASS
    assert kernel32.GetCurrentProcess.restype is ctypes.c_void_p, "a handle is a pointer, not a C int"
    assert kernel32.SetPriorityClass.argtypes[0] is ctypes.c_void_p
