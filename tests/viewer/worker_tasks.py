"""Stand-ins for run_checks that the spawned checks worker imports by name (so: no Qt, no conftest here)."""

from __future__ import annotations

import os
import sys
import time

from alignment.model import Alignment, Check


def sleep(_alignment: Alignment, _prepared: object = None) -> list:
    """Checks that never finish in a test's time."""
    time.sleep(600)
    return []


def fail(_alignment: Alignment, _prepared: object = None) -> list:
    """Checks with a bug in them."""
    raise ValueError("broken")


def where(alignment: Alignment, prepared: object = None) -> list[Check]:
    """One check whose first fields tell which process ran the checks, whether it holds Qt (a fork of
    the window would), and what it got (read back with :func:`told`)."""
    return [Check(os.getpid(), "PySide6" in sys.modules, alignment, prepared, None, None, 0)]


def told(checks: list[Check]) -> list:
    """What :func:`where` told: process id, whether Qt is there, the alignment and what was prepared."""
    (check,) = checks
    return [check.kind, check.change, check.severity, check.message]


def gathered(alignment: Alignment) -> tuple:
    """A stand-in for what the checks gather ahead: the sentences it was gathered from."""
    return alignment.source_sentences, alignment.target_sentences
