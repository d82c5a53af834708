"""What the engine's workers share: messages sent to a worker by a thread of their own."""

from __future__ import annotations

import queue
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
