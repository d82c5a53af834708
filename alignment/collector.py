"""The cyclic garbage collector paused for a block of work, and restored as it was after."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused() -> Iterator[None]:
    """Switch the cyclic collector off inside the block; on leaving, it is on again only if it was.

    Aligning a book builds millions of small acyclic objects (words, spans, changes): the collector
    would rescan them again and again (a sixth of the time) and free nothing.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
